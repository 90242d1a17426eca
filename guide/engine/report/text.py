"""The report as plain-text tables for a terminal (`guide report` without --json or --html)."""

from __future__ import annotations

from guide.engine.report.labels import label, misroute_table, restart_table


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    """Columns padded to their widest cell (numbers right-aligned); display width counts CJK as two."""
    cells = [[str(value) for value in row] for row in rows]
    widths = [max([_width(h)] + [_width(row[i]) for row in cells]) for i, h in enumerate(headers)]
    numeric = [all(isinstance(row[i], (int, float)) for row in rows) and rows for i in range(len(headers))]

    def line(values: list[str]) -> str:
        return "  ".join(_pad(value, widths[i], bool(numeric[i])) for i, value in enumerate(values)).rstrip()

    return [line(headers), line(["-" * width for width in widths])] + [line(row) for row in cells]


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def _percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def render_text(report: dict, lang: str = "en") -> str:
    """Every section of `report` as aligned tables."""
    period = report["period"]
    lines = [f"{label('period', lang)}: {period['since'] or '-'} .. {period['until'] or '-'}    "
             f"{label('conversations', lang)}: {report['conversations']}", ""]
    lines.append(f"== {label('symptoms', lang)}")
    lines += _table([label(key, lang) for key in ("symptom", "started", "resolved", "escalated", "abandoned",
                                                  "median_answers", "median_minutes")],
                    [[row["symptom"], row["started"], row["resolved"], row["escalated"], row["abandoned"],
                      row["median_answers"], row["median_minutes"]] for row in report["symptoms"]])
    lines += ["", f"== {label('nodes', lang)}"]
    lines += _table([label(key, lang) for key in ("tree", "node", "version", "reached", "abandoned", "drop_off",
                                                  "back", "answers")],
                    [[row["tree"], row["node"], row["version"][:8], row["reached"], row["abandoned"],
                      _percent(row["abandoned"], row["reached"]), row["back"],
                      " ".join(f"{key}={count}" for key, count in sorted(row["answers"].items(),
                                                                         key=lambda item: -item[1]))]
                     for row in report["nodes"]])
    lines += ["", f"== {label('resolutions', lang)}"]
    lines += _table([label(key, lang) for key in ("tree", "node", "version", "reached", "fixed", "not_fixed",
                                                  "escalated")],
                    [[row["tree"], row["node"], row["version"][:8], row["reached"], row["fixed"], row["not_fixed"],
                      row["escalated"]] for row in report.get("resolutions", [])])
    lines += ["", f"== {label('actions', lang)}"]
    lines += _table([label(key, lang) for key in ("action", "shown", "run", "fixed", "fixed_rate")],
                    [[row["id"], row["shown"], row["run"], row["fixed"], _percent(row["fixed"], row["shown"])]
                     for row in report["actions"]])
    lines += ["", f"== {label('misroutes', lang)}"]
    lines += _table(*misroute_table(report, lang))
    lines += ["", f"== {label('restarts', lang)}"]
    lines += _table(*restart_table(report, lang))
    if "compare" in report:
        lines += [""] + compare_lines(report["compare"], lang)
    return "\n".join(lines) + "\n"


def compare_lines(compare: dict, lang: str) -> list[str]:
    """Two content versions side by side: outcomes, then every node of either version."""
    first, second = (version[:8] for version in compare["versions"])
    lines = [f"== {label('compare', lang)}: {compare['tree'] or '*'}  {first} -> {second}"]
    lines += _table([label("version", lang)] + [label(key, lang) for key in ("started", "resolved", "escalated",
                                                                             "abandoned")],
                    [[side["version"][:8], side["started"], side["resolved"], side["escalated"], side["abandoned"]]
                     for side in compare["outcomes"]])
    lines.append("")

    def cell(side: dict | None, key: str) -> object:
        if side is None:
            return label("absent", lang)
        if key == "drop_off":
            return _percent(side["abandoned"], side["reached"])
        return side[key]

    lines += _table([label("tree", lang), label("node", lang)]
                    + [f"{label(key, lang)} {version}" for key in ("reached", "drop_off") for version in (first, second)],
                    [[row["tree"], row["node"]] + [cell(row[side], key) for key in ("reached", "drop_off")
                                                   for side in ("first", "second")]
                     for row in compare["nodes"]])
    return lines
