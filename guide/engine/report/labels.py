"""The report's headings and column names in Japanese and English (one place for text and HTML)."""

from __future__ import annotations

LABELS = {
    "period": ("期間", "Period"), "conversations": ("会話数", "Conversations"), "symptoms": ("症状ごと", "Symptoms"),
    "symptom": ("症状", "symptom"), "started": ("開始", "started"), "resolved": ("解決", "resolved"),
    "escalated": ("エスカレーション", "escalated"), "abandoned": ("放棄", "abandoned"),
    "median_answers": ("回答数の中央値", "median answers"), "median_minutes": ("所要分の中央値", "median minutes"),
    "nodes": ("ノードごと", "Nodes"), "tree": ("ツリー", "tree"), "node": ("ノード", "node"),
    "version": ("版", "version"), "reached": ("到達", "reached"), "drop_off": ("離脱率", "drop-off"),
    "back": ("戻る", "back"), "answers": ("回答", "answers"), "resolutions": ("解決策ごと", "Resolutions"),
    "fixed": ("解決した", "fixed"), "not_fixed": ("解決しない", "not fixed"), "actions": ("対処ごと", "Actions"),
    "action": ("対処", "action"), "shown": ("表示", "shown"), "run": ("実行", "run"),
    "fixed_rate": ("解決率", "fixed rate"), "misroutes": ("振り分けの誤り (トリガー候補)", "Misroutes (trigger candidates)"),
    "count": ("件数", "count"), "how": ("操作", "how"), "routed": ("振り分け先", "routed to"), "went_to": ("移動先", "went to"),
    "text": ("入力文 (匿名化済み)", "text (redacted)"), "list": ("(一覧へ戻った)", "(back to the list)"),
    "compare": ("版の比較", "Versions compared"), "absent": ("—", "—"),
    "title": ("ガイドの利用状況", "How the guide is used"), "trees": ("ツリーの通過数と離脱", "Traffic and drop-off"),
    "over_time": ("症状ごとの結果の推移", "Outcomes over time"), "open": ("対応中", "open"), "left": ("一覧へ", "left"),
    "legend": ("線の太さ = 通過数、色 = 離脱率 (白 0% → 赤 25% 以上)",
               "edge width = traffic, colour = drop-off (white 0% → red 25% or more)"),
    "no_data": ("この期間の会話はありません。", "No conversations in this period."),
    "candidates": ("自動ではトリガーに追加されません。作成者が確認してください。",
                   "Never added to triggers automatically: an author decides."),
    "restarts": ("振り分け先のツリーで最初からやり直した入力 (開始位置の見直し候補)",
                 "Restarted in the routed tree (where it placed them: candidates to review)"),
}


def label(key: str, lang: str) -> str:
    """The heading `key` in `lang` (Japanese or English)."""
    ja, en = LABELS.get(key, (key, key))
    return ja if lang == "ja" else en


def misroute_table(report: dict, lang: str) -> tuple[list[str], list[list]]:
    """The misroutes' column names and rows, for the text and the HTML report alike."""
    return ([label(key, lang) for key in ("count", "routed", "how", "went_to", "text")],
            [[row.get("count", 1), row["routed"], row.get("how", ""), row["went_to"] or label("list", lang),
              row["text"]] for row in report["misroutes"]])


def restart_table(report: dict, lang: str) -> tuple[list[str], list[list]]:
    """The restarts in the routed tree: column names and rows (a saved report without them has none)."""
    return ([label(key, lang) for key in ("count", "routed", "text")],
            [[row["count"], row["routed"], row["text"]] for row in report.get("restarts", [])])
