"""The words of the web pages `guide serve` shows of its own, in Japanese and English.

Content words (guide titles, questions, answers, causes, action steps) come
from the facade (`guide.engine.service.Guide`); these are the page's own:
headings, buttons, links, error pages. Each entry has both languages (a test
checks it); values are `str.format` templates, filled by `w(lang, key, ...)`.
Japanese is written in です・ます, English in plain words, the same meaning in both.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

LANGS = ("ja", "en")
"""The languages of the pages, Japanese first."""

LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType({"ja": "日本語", "en": "English"})
"""Each language named in itself, for the language switch."""

_WORDS: dict[str, dict[str, str]] = {
    # --- every page ------------------------------------------------------
    "web.site.title": {"ja": "サインインのお困りごとガイド", "en": "Sign-in help"},
    "web.site.skip": {"ja": "本文へ移動", "en": "Skip to main content"},
    "web.site.switch": {"ja": "Switch to English", "en": "日本語に切り替える"},
    "web.site.back": {"ja": "戻る", "en": "Back"},
    "web.site.restart": {"ja": "このガイドを最初からやり直す", "en": "Start this guide again"},
    "web.site.home": {"ja": "ほかの症状を選ぶ", "en": "Choose another problem"},
    "web.site.where": {"ja": "ここまでの経路", "en": "Where am I"},
    "web.site.evidence": {"ja": "診断結果を貼り付ける", "en": "Paste diagnostic output"},
    "web.site.mode.user": {"ja": "サポート担当者向けの説明にする", "en": "Use support-agent wording"},
    "web.site.mode.agent": {"ja": "利用者向けの説明にする", "en": "Use self-service wording"},
    "web.site.footer": {"ja": "この画面の回答は、続きから再開できるよう保存されます。",
                    "en": "Your answers are saved so that you can continue later."},
    # --- start page ------------------------------------------------------
    "web.start.heading": {"ja": "どのようなことでお困りですか?", "en": "What is happening?"},
    "web.start.text.label": {"ja": "起きていることを入力してください",
                         "en": "Describe what is happening"},
    "web.start.text.hint": {"ja": "例: 「Teams で毎回サインインを求められる」、エラー コード「0xCAA70004」",
                        "en": "For example: \"Teams keeps asking me to sign in\", or an error code such as 0xCAA70004"},
    "web.start.text.submit": {"ja": "続ける", "en": "Continue"},
    "web.start.or": {"ja": "または、当てはまるものを選んでください", "en": "Or choose what fits best"},
    "web.start.admin": {"ja": "管理者向け", "en": "For administrators"},
    "web.start.admin.note": {"ja": "組織の IT 管理者の方向けの項目です。",
                         "en": "These topics are for your organisation's IT administrators."},
    "web.start.resume": {"ja": "前回の続きから再開する: {title}", "en": "Continue where you left off: {title}"},
    "web.start.empty": {"ja": "起きていることを入力するか、下の一覧から選んでください。",
                    "en": "Type what is happening, or choose from the list below."},
    "web.start.too-long": {"ja": "入力は {limit} 文字までにしてください (いまは {length} 文字です)。",
                       "en": "Please keep it to {limit} characters (it is {length} now)."},
    "web.start.routed": {"ja": "「{text}」から、このガイドを選びました。違う場合は「ほかの症状を選ぶ」からやり直せます。",
                     "en": "We chose this guide from \"{text}\". If it does not fit, choose another problem."},
    # --- a conversation --------------------------------------------------
    "web.walk.evidence.proposal": {"ja": "診断結果からの回答候補: 「{answer}」", "en": "The diagnostic output suggests: \"{answer}\""},
    "web.walk.evidence.reason": {"ja": "根拠: {reason}", "en": "Because: {reason}"},
    "web.walk.evidence.accept": {"ja": "この回答を使う", "en": "Use this answer"},
    "web.walk.by-evidence": {"ja": "診断結果から回答しました ({reason})", "en": "Answered from the diagnostic output ({reason})"},
    "web.walk.cause": {"ja": "考えられる原因", "en": "Likely cause"},
    "web.walk.actions": {"ja": "対処方法", "en": "What to do"},
    "web.walk.commands": {"ja": "コマンド", "en": "Command"},
    "web.walk.copy": {"ja": "コピー", "en": "Copy"},
    "web.walk.copied": {"ja": "コピーしました", "en": "Copied"},
    "web.walk.admin-only": {"ja": "この対処は組織の IT 管理者が行う必要があります。",
                        "en": "Only your IT administrators can do this."},
    "web.walk.did-it-fix": {"ja": "解決しましたか?", "en": "Did this fix it?"},
    "web.walk.resolved": {"ja": "解決してよかったです", "en": "Glad it is fixed"},
    "web.walk.resolved.text": {"ja": "また困ったときは、最初のページからいつでも始められます。",
                           "en": "If anything else goes wrong, you can start again from the first page."},
    "web.walk.escalated": {"ja": "IT 部門に依頼してください", "en": "Ask your IT department"},
    "web.walk.escalated.text": {"ja": "ここから先は IT 部門の対応が必要です。下の依頼文をそのまま送れます。",
                            "en": "Your IT department needs to take it from here. You can send the request below as it is."},
    "web.walk.end": {"ja": "このガイドはここまでです。", "en": "This is as far as this guide goes."},
    "web.walk.answered": {"ja": "この質問にはすでに回答済みです。現在の質問を表示しています。",
                      "en": "That question was already answered; this is the current one."},
    "web.walk.unknown-answer": {"ja": "その回答はこの質問にはありません。下から選んでください。",
                            "en": "That is not an answer to this question. Please choose one below."},
    "web.walk.none": {"ja": "続きの会話が見つかりませんでした。最初のページから始めてください。",
                  "en": "There is no conversation to continue. Please start from the first page."},
    # --- where am I ------------------------------------------------------
    "web.path.heading": {"ja": "ここまでの経路", "en": "Where you are"},
    "web.path.current": {"ja": "現在地", "en": "You are here"},
    "web.path.answer": {"ja": "回答: {answer}", "en": "Answer: {answer}"},
    "web.path.return": {"ja": "質問に戻る", "en": "Return to the question"},
    # --- evidence --------------------------------------------------------
    "web.evidence.heading": {"ja": "診断結果を貼り付ける", "en": "Paste diagnostic output"},
    "web.evidence.intro": {"ja": "「dsregcmd /status」や「cmdkey /list」の出力、エラー メッセージ、サインイン ログのエクスポートから、"
                             "原因を調べて質問に答えます。ファイルは保存しません。",
                       "en": "Output of dsregcmd /status or cmdkey /list, an error message or a sign-in log export "
                             "is read to find the cause and answer questions. Files are never kept."},
    "web.evidence.paste": {"ja": "出力を貼り付ける", "en": "Paste the output"},
    "web.evidence.file": {"ja": "またはファイルを選ぶ ({limit} まで)", "en": "Or choose a file (up to {limit})"},
    "web.evidence.submit": {"ja": "調べる", "en": "Check"},
    "web.evidence.empty": {"ja": "出力を貼り付けるか、ファイルを選んでください。", "en": "Paste the output or choose a file."},
    "web.evidence.too-big": {"ja": "ファイルが大きすぎます。{limit} までにしてください。",
                         "en": "The file is too big. Please keep it to {limit}."},
    "web.evidence.findings": {"ja": "わかったこと", "en": "What we found"},
    "web.evidence.none": {"ja": "原因につながる情報は見つかりませんでした。", "en": "Nothing here points to a cause."},
    "web.evidence.kind": {"ja": "種類: {kind}", "en": "Kind: {kind}"},
    "web.evidence.continue": {"ja": "質問に戻る", "en": "Back to the question"},
    "web.evidence.pasted": {"ja": "貼り付けたテキスト", "en": "pasted text"},
    # --- request to IT ---------------------------------------------------
    "web.request.heading": {"ja": "IT 部門への依頼", "en": "Request to your IT department"},
    "web.request.intro": {"ja": "次の内容を IT 部門に送ってください。", "en": "Send this to your IT department."},
    "web.request.redact": {"ja": "メール アドレスやテナント ID などを伏せる", "en": "Hide email addresses, tenant ids and similar"},
    "web.request.update": {"ja": "表示を更新", "en": "Update"},
    "web.request.mail": {"ja": "メールで送る ({address})", "en": "Send by email ({address})"},
    "web.request.download": {"ja": "依頼文をダウンロード (Markdown)", "en": "Download the request (Markdown)"},
    "web.request.subject": {"ja": "サインインの問題: {title}", "en": "Sign-in problem: {title}"},
    "web.request.link": {"ja": "IT 部門への依頼文を作る", "en": "Write a request to IT"},
    # --- errors ----------------------------------------------------------
    "web.error.title": {"ja": "エラー", "en": "Error"},
    "web.error.400": {"ja": "リクエストを読み取れませんでした。最初のページからやり直してください。",
                  "en": "The request could not be read. Please start again from the first page."},
    "web.error.403": {"ja": "このページの有効期限が切れました。ページを再読み込みしてから、もう一度お試しください。",
                  "en": "This page has expired. Please reload it and try again."},
    "web.error.404": {"ja": "お探しのページは見つかりませんでした。", "en": "There is no page at this address."},
    "web.error.405": {"ja": "このページはその操作に対応していません。", "en": "This page does not support that."},
    "web.error.413": {"ja": "送信された内容が大きすぎます ({limit} まで)。", "en": "What was sent is too big (the limit is {limit})."},
    "web.error.414": {"ja": "アドレスが長すぎます。", "en": "The address is too long."},
    "web.error.429": {"ja": "短い間に多くの会話が始められました。1 分ほど待ってから、もう一度お試しください。",
                  "en": "Too many conversations were started in a short time. Please wait a minute and try again."},
    "web.error.500": {"ja": "問題が発生しました。しばらくしてから、もう一度お試しください。",
                  "en": "Something went wrong. Please try again in a moment."},
    "web.error.503": {"ja": "会話を保存できませんでした。しばらくしてから、もう一度お試しください。",
                  "en": "Your conversation could not be saved. Please try again in a moment."},
    "web.error.home": {"ja": "最初のページへ", "en": "Go to the first page"},
}

WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType({key: MappingProxyType(v) for key, v in _WORDS.items()})
"""Every page word: key -> language -> `str.format` template."""


def w(lang: str, key: str, **values: object) -> str:
    """The word ``web.<key>`` in `lang` (English when `lang` is not a page language), filled with `values`."""
    entry = WORDS[f"web.{key}"]
    text = entry.get(lang, entry["en"])
    return text.format(**values) if values else text


def size_text(size: int, lang: str) -> str:
    """A byte count as people read it: ``5 MB``, ``512 KB`` (decimal units, as browsers show file sizes)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:g} MB"
    if size >= 1_000:
        return f"{size / 1_000:g} KB"
    return f"{size} バイト" if lang == "ja" else f"{size} bytes"
