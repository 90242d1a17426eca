"""Every word the terminal UI shows of its own, in Japanese and English.

Textual has no i18n, so binding descriptions, tooltips, palette entries,
notifications, the system commands and every label come from here. Content
words (tree titles, node text, answer labels) come from the content set, never
from this catalog.

Keys are dotted ids (``binding.walk.back``); each entry has both languages (a
test checks it). Values are `str.format` templates: ``t("ja", "export.done",
path=...)``. Only glyphs whose East Asian width is not ambiguous are used, so
Japanese terminals that draw ambiguous characters wide still line up.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

LANGS = ("ja", "en")
"""The languages of the UI, in the order the language key cycles through them."""

LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType({"ja": "日本語", "en": "English"})
"""Each language named in itself (shown in both UIs alike)."""

_CATALOG: dict[str, dict[str, str]] = {
    # --- the application -------------------------------------------------
    "app.title": {"ja": "サインイン ガイド", "en": "Sign-in guide"},
    "app.subtitle.user": {"ja": "ご自身で解決", "en": "Self-service"},
    "app.subtitle.agent": {"ja": "サポート担当者向け", "en": "Support agent"},
    "mode.user": {"ja": "利用者", "en": "user"},
    "mode.agent": {"ja": "サポート担当者", "en": "support agent"},
    # --- bindings: description (footer, keys panel) and tooltip ----------
    "binding.walk.answer": {"ja": "回答", "en": "Answer"},
    "binding.walk.answer.tooltip": {"ja": "番号キーでその回答を選びます (入力欄が空のとき)。",
                                    "en": "Press a number to choose that answer (when the text box is empty)."},
    "binding.walk.move": {"ja": "回答を選ぶ", "en": "Highlight answer"},
    "binding.walk.move.tooltip": {"ja": "強調表示する回答を上下に動かします (Enter で決定)。",
                                  "en": "Move the highlighted answer up or down (Enter chooses it)."},
    "binding.walk.scroll": {"ja": "スクロール", "en": "Scroll"},
    "binding.walk.scroll.tooltip": {"ja": "会話の記録を 1 ページ分スクロールします。",
                                    "en": "Scroll the transcript by a page."},
    "binding.walk.back": {"ja": "戻る", "en": "Back"},
    "binding.walk.back.tooltip": {"ja": "直前の回答を取り消します。実行した対処は繰り返しません。",
                                  "en": "Undo the last answer. Actions already run are not repeated."},
    "binding.walk.restart": {"ja": "最初から", "en": "Restart"},
    "binding.walk.restart.tooltip": {"ja": "このガイドを最初からやり直します (戻るで取り消せます)。",
                                     "en": "Start this guide again from the first question (Back undoes it)."},
    "binding.walk.language": {"ja": "English", "en": "日本語"},
    "binding.walk.language.tooltip": {"ja": "表示を英語に切り替えます (会話の記録も)。",
                                      "en": "Switch the screen to Japanese, transcript included."},
    "binding.walk.mode": {"ja": "表示の対象", "en": "Audience"},
    "binding.walk.mode.tooltip": {"ja": "利用者向けとサポート担当者向けの説明を切り替えます。",
                                  "en": "Switch between self-service and support-agent wording."},
    "binding.walk.where": {"ja": "現在地", "en": "Where am I"},
    "binding.walk.where.tooltip": {"ja": "今いるガイドとたどった経路を表示します。",
                                   "en": "Show the current guide and the path taken."},
    "binding.walk.export": {"ja": "チケット", "en": "Ticket"},
    "binding.walk.export.tooltip": {"ja": "会話をチケット用のメモ (Markdown と JSON) に書き出します。",
                                    "en": "Write the conversation as a ticket note (Markdown and JSON)."},
    "binding.walk.copy": {"ja": "コマンドをコピー", "en": "Copy command"},
    "binding.walk.copy.tooltip": {"ja": "対処のコマンドをクリップボードにコピーします。",
                                  "en": "Copy an action's command to the clipboard."},
    "binding.walk.run": {"ja": "実行", "en": "Run"},
    "binding.walk.run.tooltip": {"ja": "対処のコマンドをこのコンピューターで実行します (実行前に確認します)。",
                                 "en": "Run an action's command on this computer (you confirm first)."},
    "binding.walk.palette": {"ja": "移動", "en": "Jump"},
    "binding.walk.palette.tooltip": {"ja": "質問やガイドの名前を入力して移動します (日本語でも英語でも)。",
                                     "en": "Type a question or guide name to jump there (Japanese or English)."},
    "binding.walk.home": {"ja": "ガイド一覧", "en": "Guides"},
    "binding.walk.home.tooltip": {"ja": "症状の一覧に戻り、別のガイドを始めます。",
                                  "en": "Go back to the list of symptoms to start another guide."},
    "binding.app.quit": {"ja": "終了", "en": "Quit"},
    "binding.app.quit.tooltip": {"ja": "終了します。会話は保存済みで、--resume で続けられます。",
                                 "en": "Quit. The conversation is saved; continue with --resume."},
    "binding.walk.answer-two": {"ja": "回答 (2 桁の番号)", "en": "Answer (two digits)"},
    "binding.walk.answer-two.tooltip": {"ja": "2 桁の番号 (01、02 など) を押すとその回答を選びます。文字を入力すると一覧を絞り込みます。",
                                        "en": "Press the two-digit number (01, 02 ...) to choose that answer. "
                                              "Typing words narrows the list."},
    "binding.start.choose-two": {"ja": "選択 (2 桁の番号)", "en": "Choose (two digits)"},
    "binding.start.choose-two.tooltip": {"ja": "2 桁の番号 (01、02 など) を押すとその症状のガイドを始めます。",
                                         "en": "Press the two-digit number (01, 02 ...) to start the guide for "
                                               "that symptom."},
    "binding.start.choose": {"ja": "選択", "en": "Choose"},
    "binding.start.choose.tooltip": {"ja": "番号キーでその症状のガイドを始めます。",
                                     "en": "Press a number to start the guide for that symptom."},
    "binding.copy.pick": {"ja": "コピー", "en": "Copy"},
    "binding.copy.pick.tooltip": {"ja": "番号キーでその項目をクリップボードにコピーします。",
                                  "en": "Press a number to copy that entry to the clipboard."},
    "binding.dialog.cancel": {"ja": "閉じる", "en": "Close"},
    "binding.dialog.cancel.tooltip": {"ja": "何もせずに閉じます。", "en": "Close without doing anything."},
    "binding.dialog.confirm": {"ja": "決定", "en": "OK"},
    "binding.dialog.confirm.tooltip": {"ja": "表示中の内容で実行します。", "en": "Go ahead with what is shown."},
    "binding.run.yes": {"ja": "実行する", "en": "Run"},
    "binding.run.yes.tooltip": {"ja": "表示されたコマンドをこのコンピューターで実行します。",
                                "en": "Run the commands shown on this computer."},
    "binding.run.no": {"ja": "実行しない", "en": "Do not run"},
    "binding.run.no.tooltip": {"ja": "何も実行せずに閉じます (実行しなかったことを記録します)。",
                               "en": "Close without running anything (recorded as not run)."},
    "binding.run.close": {"ja": "閉じる", "en": "Close"},
    "binding.run.close.tooltip": {"ja": "結果を閉じて会話に戻ります。", "en": "Close the result and go back to the conversation."},
    "binding.run.pick": {"ja": "選択", "en": "Choose"},
    "binding.run.pick.tooltip": {"ja": "番号キーで実行する対処を選びます。", "en": "Press a number to choose the action to run."},
    "binding.export.language": {"ja": "チケットの言語", "en": "Ticket language"},
    "binding.export.language.tooltip": {"ja": "チケットを書く言語を切り替えます (会話の言語とは別に選べます)。",
                                        "en": "Switch the ticket's language (independent of the screen's)."},
    "binding.export.redact": {"ja": "個人情報を伏せる", "en": "Redact"},
    "binding.export.redact.tooltip": {
        "ja": "UPN・メールアドレス・GUID・IP アドレス・トークンを伏せ字にします。",
        "en": "Replace UPNs, e-mail addresses, GUIDs, IP addresses and tokens with placeholders."},
    "binding.resume.yes": {"ja": "続ける", "en": "Continue"},
    "binding.resume.yes.tooltip": {"ja": "前回の続きから再開します。", "en": "Continue where it stopped."},
    "binding.resume.no": {"ja": "新しく始める", "en": "Start new"},
    "binding.resume.no.tooltip": {"ja": "前回の会話は保存したまま、新しく始めます。",
                                  "en": "Keep the saved conversation and start a new one."},
    # --- system commands (command palette) -------------------------------
    "system.theme": {"ja": "テーマ", "en": "Theme"},
    "system.theme.help": {"ja": "配色を変更します", "en": "Change the colours"},
    "system.quit": {"ja": "終了", "en": "Quit"},
    "system.quit.help": {"ja": "終了します (会話は保存済みです)", "en": "Quit (the conversation is saved)"},
    "system.keys": {"ja": "キー一覧", "en": "Keys"},
    "system.keys.help": {"ja": "使えるキーの一覧を表示します", "en": "Show the keys you can use"},
    "system.screenshot": {"ja": "スクリーンショット", "en": "Screenshot"},
    "system.screenshot.help": {"ja": "画面を SVG ファイルに保存します", "en": "Save the screen as an SVG file"},
    # --- command palette ---------------------------------------------------
    "palette.placeholder": {"ja": "質問・ガイド・コマンドを入力 (日本語 / English)",
                            "en": "Type a question, guide or command (English / 日本語)"},
    "palette.jump.help": {"ja": "ここへ移動: {tree}", "en": "Jump here: {tree}"},
    "palette.tree.help": {"ja": "このガイドの最初の質問へ移動", "en": "Jump to this guide's first question"},
    "palette.restart": {"ja": "最初からやり直す", "en": "Restart this guide"},
    "palette.back": {"ja": "一つ戻る", "en": "Go back one step"},
    "palette.language": {"ja": "英語に切り替える (English)", "en": "Switch to Japanese (日本語)"},
    "palette.mode.user": {"ja": "利用者向けの説明にする", "en": "Use self-service wording"},
    "palette.mode.agent": {"ja": "サポート担当者向けの説明にする", "en": "Use support-agent wording"},
    "palette.export": {"ja": "チケット用のメモを書き出す", "en": "Write the ticket note"},
    "palette.where": {"ja": "現在地の表示を切り替える", "en": "Show or hide where you are"},
    "palette.home": {"ja": "症状の一覧に戻る", "en": "Back to the list of symptoms"},
    "palette.evidence": {"ja": "証跡を追加して原因を調べる", "en": "Add evidence and find causes"},
    "palette.run": {"ja": "対処のコマンドを実行する", "en": "Run an action's command"},
    "palette.copy": {"ja": "対処のコマンドをコピー", "en": "Copy an action's command"},
    # --- start screen ------------------------------------------------------
    "start.continue": {"ja": "続ける: {tree} (現在: {node})", "en": "Continue: {tree} (at: {node})"},
    "start.heading": {"ja": "どのような問題が起きていますか?", "en": "What is the problem?"},
    "start.hint": {"ja": "番号キーで選ぶか、症状やエラーコードを入力して Enter を押してください。",
                   "en": "Press a number, or type the symptom or error code and press Enter."},
    "start.input": {"ja": "症状を入力 (例: サインインの状態が維持されない)",
                    "en": "Describe the problem (e.g. stay signed in prompt missing)"},
    "start.no-trees": {"ja": "ガイドが読み込まれていません。guide lint で内容を確認してください。",
                       "en": "No guide is loaded. Check the content with guide lint."},
    "start.no-match": {"ja": "「{text}」に合うガイドが見つかりません。番号で選んでください。",
                       "en": "No guide matches '{text}'. Please choose by number."},
    "start.filtered": {"ja": "「{text}」に近いガイド:", "en": "Guides close to '{text}':"},
    # --- resume prompt -----------------------------------------------------
    "resume.heading": {"ja": "前回の続きがあります", "en": "You have an unfinished conversation"},
    "time.local": {"ja": "{year}年{month}月{day}日 {clock}", "en": "{day} {month} {year}, {clock}"},
    "time.months": {"ja": "1 2 3 4 5 6 7 8 9 10 11 12", "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"},
    "resume.body": {"ja": "{tree}\n現在の質問: {node}\n保存日時: {when}",
                    "en": "{tree}\nAt: {node}\nSaved: {when}"},
    "resume.hint": {"ja": "Enter で続ける / n で新しく始める", "en": "Enter to continue / n to start new"},
    "resume.dropped": {"ja": "内容が変わったため、保存した回答の一部を使えませんでした: {detail}",
                       "en": "The content has changed, so part of the saved answers could not be used: {detail}"},
    "resume.done": {"ja": "前回の続きから再開しました。", "en": "Continued where you stopped."},
    # --- conversation --------------------------------------------------------
    "walk.input": {"ja": "回答を入力、または番号キー (Enter で強調表示の回答)",
                   "en": "Type an answer, or press its number (Enter picks the highlighted one)"},
    "walk.input.long": {"ja": "2 桁の番号 (01-{last}) を押すか、文字を入力して一覧を絞り込み",
                        "en": "Press the two-digit number (01-{last}), or type words to narrow the list"},
    "walk.no-match": {"ja": "「{text}」がどの回答か分かりませんでした。番号で選んでください。",
                      "en": "Could not tell which answer '{text}' is. Please choose by number."},
    "walk.no-number": {"ja": "{number} 番の回答はありません。", "en": "There is no answer {number}."},
    "walk.at-start": {"ja": "これ以上戻れません。", "en": "Nothing to go back to."},
    "walk.restarted": {"ja": "最初からやり直しました。戻るで取り消せます。",
                       "en": "Started again. Back undoes this."},
    "walk.restart-undone": {"ja": "やり直しを取り消しました。", "en": "Restart undone."},
    "walk.jumped": {"ja": "移動しました: {title} (Ctrl+Z で元の質問に戻ります)",
                    "en": "Jumped to: {title} (Ctrl+Z goes back to the question)"},
    "walk.continues": {"ja": "「{tree}」に進みます", "en": "Continuing in '{tree}'"},
    "walk.by-evidence": {"ja": "証跡から回答: {reason}", "en": "Answered from evidence: {reason}"},
    "walk.proposal": {"ja": "証跡からの提案: {answer} (根拠: {reason})。Enter で採用、別の回答も選べます。",
                      "en": "The evidence suggests: {answer} (because {reason}). Enter accepts it; "
                            "you can choose another answer."},
    "walk.saved-failed": {"ja": "会話を保存できませんでした: {error}", "en": "Could not save the conversation: {error}"},
    "walk.fixed": {"ja": "解決した", "en": "It is fixed"},
    "walk.not-fixed": {"ja": "解決しない (次の原因を確認)", "en": "Not fixed (check the next cause)"},
    "walk.escalate": {"ja": "エスカレーションする (チケットを作成)", "en": "Escalate (write a ticket)"},
    "walk.did-it-fix": {"ja": "これで解決しましたか?", "en": "Did this fix it?"},
    "walk.cause": {"ja": "原因", "en": "Cause"},
    "walk.actions": {"ja": "対処", "en": "What to do"},
    "walk.commands": {"ja": "コマンド", "en": "Commands"},
    "walk.request": {"ja": "IT 部門への依頼文", "en": "Request to your IT department"},
    "walk.copy-hint": {"ja": "Ctrl+Y でコピー", "en": "Ctrl+Y copies"},
    "walk.run-done": {"ja": "実施済み: {status}", "en": "Already done: {status}"},
    "walk.run-last": {"ja": "前回: {status}", "en": "Last attempt: {status}"},
    "walk.run-hint": {"ja": "F6 で対処のコマンドをこのコンピューターで実行できます (実行前に確認します)。",
                      "en": "F6 runs an action's command on this computer (you confirm first)."},
    "walk.run-elsewhere": {"ja": "コマンドは Windows でのみ実行できます。ここでは表示されたコマンドをコピーして"
                                 "使ってください (Ctrl+Y)。",
                           "en": "Commands run only on Windows; here the command is shown for you to copy (Ctrl+Y)."},
    "walk.nothing-to-run": {"ja": "ここで実行できる対処はありません。", "en": "There is nothing to run here."},
    "walk.all-run": {"ja": "ここの対処はすべて実施済みです。もう一度は実行しません。",
                     "en": "Every action here has already run; it is not run again."},
    "walk.resolved": {"ja": "解決しました。お疲れさまでした。", "en": "Resolved. Well done."},
    "walk.resolved-hint": {"ja": "Ctrl+S でチケット用のメモを書き出せます。",
                           "en": "Ctrl+S writes the ticket note."},
    "walk.escalation": {"ja": "エスカレーション", "en": "Escalation"},
    "walk.escalation-hint": {"ja": "Ctrl+S でチケット用のメモを書き出して引き継いでください。",
                             "en": "Press Ctrl+S to write the ticket note and hand it over."},
    "walk.dead-end": {"ja": "ここで終わりです。Ctrl+Z で戻るか、Ctrl+R でやり直してください。",
                      "en": "This is the end of the guide. Ctrl+Z goes back, Ctrl+R starts again."},
    "walk.language": {"ja": "日本語に切り替えました。", "en": "Switched to English."},
    "walk.mode": {"ja": "{mode}向けの説明に切り替えました。", "en": "Now showing wording for the {mode}."},
    "walk.copied": {"ja": "ターミナルのクリップボードに送りました: {what}",
                    "en": "Sent to the terminal's clipboard: {what}"},
    "walk.copy-unconfirmed": {"ja": "画面から選んでコピーしてください: {text}",
                              "en": "Select it on the screen to copy it: {text}"},
    "walk.nothing-to-copy": {"ja": "コピーできるコマンドはここにはありません。",
                             "en": "There is no command to copy here."},
    "walk.actions-missing": {"ja": "(対処の詳細はまだ読み込めません)", "en": "(action details are not available yet)"},
    "walk.evidence-loaded": {"ja": "証跡を読み込みました: {count} 件の事実", "en": "Evidence loaded: {count} facts"},
    # --- where am I ----------------------------------------------------------
    "where.heading": {"ja": "現在地", "en": "Where am I"},
    "where.tree": {"ja": "ガイド: {tree}", "en": "Guide: {tree}"},
    "where.steps": {"ja": "たどった経路", "en": "Path taken"},
    "where.here": {"ja": "いまここ", "en": "you are here"},
    # --- evidence -------------------------------------------------------------
    "binding.app.evidence": {"ja": "証跡", "en": "Evidence"},
    "binding.app.evidence.tooltip": {
        "ja": "dsregcmd /status などの出力を貼り付けるかファイルを指定して、原因を調べます。",
        "en": "Paste output such as dsregcmd /status, or name a file, to find causes from it."},
    "binding.evidence.read": {"ja": "読み取る", "en": "Read"},
    "binding.evidence.read.tooltip": {"ja": "貼り付けたテキストを証跡として読み取ります。",
                                      "en": "Read the pasted text as evidence."},
    "binding.evidence.choose": {"ja": "結論へ移動", "en": "Go to finding"},
    "binding.evidence.choose.tooltip": {"ja": "番号キーでその原因の解決策へ移動します。",
                                        "en": "Press a number to go to the resolution of that cause."},
    "evidence.heading": {"ja": "証跡から調べる", "en": "Find causes from evidence"},
    "evidence.hint": {
        "ja": "dsregcmd /status・cmdkey /list・サインイン ログ・条件付きアクセスのポリシー・AD FS の要求規則・"
              "エラー メッセージを下の欄に貼り付けて F5 を押すか、ファイルのパスを入力して Enter を押してください。",
        "en": "Paste dsregcmd /status, cmdkey /list, a sign-in log, a Conditional Access policy, AD FS claim rules "
              "or an error message into the box below and press F5, or type a file's path and press Enter."},
    "evidence.path": {"ja": "証跡ファイルのパス (Enter で読み取り)", "en": "Path of an evidence file (Enter reads it)"},
    "evidence.read": {"ja": "読み取った証跡:", "en": "Evidence read:"},
    "evidence.item": {"ja": "{file}: {kind} (事実 {count} 件)", "en": "{file}: {kind} ({count} facts)"},
    "evidence.none": {"ja": "まだ証跡はありません。", "en": "No evidence yet."},
    "evidence.findings": {"ja": "見つかった原因 (番号で解決策へ):", "en": "Causes found (a number goes to the fix):"},
    "evidence.no-findings": {"ja": "原因はまだ見つかっていません。", "en": "No cause found yet."},
    "evidence.finding": {"ja": "{cause}\n{because} ({where})", "en": "{cause}\n{because} ({where})"},
    "evidence.keys": {"ja": "F5 で読み取り / 番号キーで解決策へ / Tab で入力欄へ / Esc で閉じる",
                      "en": "F5 reads / a number goes to the fix / Tab to the boxes / Esc closes"},
    "evidence.empty": {"ja": "貼り付けられたテキストがありません。", "en": "Nothing has been pasted."},
    "evidence.no-resolution": {"ja": "この原因の解決策はガイドにありません: {cause}",
                               "en": "No guide has a resolution for this cause: {cause}"},
    # --- help ---------------------------------------------------------------
    "binding.app.help": {"ja": "ヘルプ", "en": "Help"},
    "binding.app.help.tooltip": {"ja": "この画面で使えるキーと、その働きを表示します。",
                                 "en": "Show the keys of this screen and what they do."},
    "help.heading": {"ja": "使えるキー", "en": "Keys"},
    "help.intro": {
        "ja": "下の入力欄には、いつでも回答や症状を日本語でも英語でも入力できます。入力欄が空のときは、"
              "番号キーでその回答を選び、Backspace で一つ戻ります。Ctrl+P で質問やガイドの名前を入力して移動できます。",
        "en": "You can always type an answer or a symptom, in English or Japanese, into the box at the bottom. "
              "While it is empty, a number key chooses that answer and Backspace goes back one step. "
              "Ctrl+P jumps to a question or guide by typing its name."},
    "help.backspace": {"ja": "入力欄が空のとき: 直前の回答を取り消します。",
                       "en": "While the text box is empty: undo the last answer."},
    "help.close": {"ja": "Esc / F1 で閉じる", "en": "Esc / F1 closes"},
    # --- running an action ------------------------------------------------------
    "run.status.ran": {"ja": "このコンピューターで実行しました", "en": "ran on this computer"},
    "run.status.declined": {"ja": "実行しないことを選びました", "en": "you chose not to run it"},
    "run.status.not-runnable": {"ja": "ここからは実行できません (コマンドをコピーしてください)",
                                "en": "cannot run from here (copy the command)"},
    "run.status.unsupported-platform": {"ja": "Windows でのみ実行できます (コマンドをコピーしてください)",
                                        "en": "runs only on Windows (copy the command)"},
    "run.status.invalid": {"ja": "パラメーターが正しくないため実行しませんでした",
                           "en": "not run: its parameters are not valid"},
    "run.status.failed": {"ja": "実行できませんでした", "en": "could not be run"},
    "run.heading": {"ja": "このコンピューターで実行しますか?", "en": "Run this on this computer?"},
    "run.effect.read-only": {"ja": "情報を読み取るだけで、設定は変更しません。",
                             "en": "It only reads information; nothing is changed."},
    "run.effect.changes-state": {"ja": "このコンピューターの設定や状態を変更します。",
                                 "en": "It changes settings or state on this computer."},
    "run.commands": {"ja": "実行するコマンド (シェルを使わず、この順に):",
                     "en": "Commands to run (without a shell, in this order):"},
    "run.ask-hint": {"ja": "Enter / y で実行 / n / Esc で実行しない", "en": "Enter or y runs it / n or Esc does not"},
    "run.running": {"ja": "実行中です。しばらくお待ちください。", "en": "Running. Please wait."},
    "run.finished": {"ja": "終了しました (終了コード {code})", "en": "Finished (exit code {code})"},
    "run.not-run": {"ja": "実行しませんでした: {status}", "en": "Not run: {status}"},
    "run.output": {"ja": "出力:", "en": "Output:"},
    "run.no-output": {"ja": "(出力はありません)", "en": "(no output)"},
    "run.close-hint": {"ja": "Enter / Esc で閉じる", "en": "Enter or Esc closes"},
    "run.choose-heading": {"ja": "実行する対処を番号で選んでください", "en": "Choose the action to run by number"},
    "run.said.ran": {"ja": "実行しました: {title}", "en": "Ran: {title}"},
    "run.said.exit": {"ja": "{title}: 終了コード {code} で終わりました。出力を確認してください。",
                      "en": "{title} ended with exit code {code}; check its output."},
    "run.said.declined": {"ja": "実行しませんでした: {title}", "en": "Not run: {title}"},
    "run.said.not-runnable": {"ja": "「{title}」はここからは実行できません。コマンドをコピーして使ってください (Ctrl+Y)。",
                              "en": "'{title}' cannot run from here; copy its command instead (Ctrl+Y)."},
    "run.said.unsupported-platform": {
        "ja": "コマンドは Windows でのみ実行できます。表示されたコマンドをコピーして使ってください (Ctrl+Y)。",
        "en": "Commands run only on Windows. The command is shown for you to copy (Ctrl+Y)."},
    "run.said.invalid": {"ja": "「{title}」を実行しませんでした: {detail}", "en": "'{title}' was not run: {detail}"},
    "run.said.failed": {"ja": "「{title}」を実行できませんでした: {detail}", "en": "Could not run '{title}': {detail}"},
    # --- copy chooser ----------------------------------------------------------
    "copy.heading": {"ja": "コピーするものを番号で選んでください", "en": "Choose what to copy by number"},
    # --- export ------------------------------------------------------------------
    "export.heading": {"ja": "チケット用のメモ", "en": "Ticket note"},
    "export.escalate-heading": {"ja": "エスカレーション用のメモ", "en": "Ticket note for escalation"},
    "export.language": {"ja": "言語: {language} (F2 で切り替え)", "en": "Language: {language} (F2 switches)"},
    "export.redact-on": {"ja": "個人情報: 伏せる (F3 で切り替え)", "en": "Personal data: redacted (F3 switches)"},
    "export.redact-off": {"ja": "個人情報: そのまま (F3 で切り替え)", "en": "Personal data: kept (F3 switches)"},
    "export.folder": {"ja": "保存先: {folder}", "en": "Folder: {folder}"},
    "export.hint": {"ja": "Enter で書き出す / Esc で閉じる", "en": "Enter writes the files / Esc closes"},
    "export.done": {"ja": "書き出しました: {path}", "en": "Written: {path}"},
    "export.done-copied": {"ja": "書き出しました: {path} (Markdown をターミナルのクリップボードに送りました)",
                           "en": "Written: {path} (the Markdown was sent to the terminal's clipboard)"},
    "export.failed": {"ja": "書き出せませんでした: {error}", "en": "Could not write the ticket note: {error}"},
    "export.unavailable": {"ja": "チケットの書き出しはまだ使えません: {error}",
                           "en": "The ticket export is not available yet: {error}"},
}

CATALOG: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {key: MappingProxyType(entry) for key, entry in _CATALOG.items()})
"""String id → language → template."""


def t(lang: str, key: str, **params: object) -> str:
    """The string `key` in `lang` (English when `lang` is unknown), filled with `params`.

    Raises:
        KeyError: When `key` is not in the catalog (a programming error a test catches).
    """
    entry = CATALOG[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**params) if params else template


def other_language(lang: str) -> str:
    """The language the language key switches to from `lang`."""
    return LANGS[(LANGS.index(lang) + 1) % len(LANGS)] if lang in LANGS else LANGS[0]
