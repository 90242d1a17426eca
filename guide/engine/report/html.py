"""The report as one self-contained HTML page: tables, each tree's traffic picture and outcome charts.

Everything is inline (styles, SVG pictures and charts): the file opens
offline and makes no request. Text from the store (the redacted free text of
misroutes) is escaped like every other value.
"""

from __future__ import annotations

from html import escape

from guide.engine.report.labels import label, misroute_table, restart_table

STYLE = """
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", system-ui, sans-serif; margin: 2rem;
       color: #222; max-width: 1200px; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #eee; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.picture { overflow-x: auto; border: 1px solid #eee; margin: 0.5rem 0 1.5rem; }
.picture svg { width: 100%; height: auto; }
.note { color: #666; font-size: 0.85rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 0.5rem; }
.chart svg { max-width: 100%; height: auto; }
"""


def _cell(value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<td class="n">{escape(str(value))}</td>'
    return f"<td>{escape(str(value))}</td>"


def _table(headers: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{escape(header)}</th>" for header in headers)
    body = "".join("<tr>" + "".join(_cell(value) for value in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def render_html(report: dict, *, pictures: dict[str, str], charts: dict[str, str], lang: str,
                titles: dict[str, str] | None = None) -> str:
    """The page for `report`, with `pictures` (tree id → SVG) and `charts` (symptom → SVG) inlined."""
    titles = titles or {}
    L = lambda key: label(key, lang)  # noqa: E731 - short local alias for the many headings
    period = report["period"]
    parts = [f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">",
             f"<title>{escape(L('title'))}</title><style>{STYLE}</style></head><body>",
             f"<h1>{escape(L('title'))}</h1>",
             f"<p>{escape(L('period'))}: {escape(period['since'] or '-')} .. {escape(period['until'] or '-')} · "
             f"{escape(L('conversations'))}: {report['conversations']}"
             + "".join(f" · {escape(key)}: {escape(', '.join(value) if isinstance(value, list) else str(value))}"
                       for key, value in report.get("filters", {}).items() if value) + "</p>"]
    if not report["conversations"]:
        parts.append(f"<p>{escape(L('no_data'))}</p>")
    parts.append(f"<h2>{escape(L('symptoms'))}</h2>")
    parts.append(_table([L(k) for k in ("symptom", "started", "resolved", "escalated", "abandoned", "median_answers",
                                        "median_minutes")],
                        [[titles.get(row["symptom"], row["symptom"]), row["started"], row["resolved"],
                          row["escalated"], row["abandoned"], row["median_answers"], row["median_minutes"]]
                         for row in report["symptoms"]]))
    if charts:
        parts.append(f"<h2>{escape(L('over_time'))}</h2>")
        parts.append('<div class="charts">')
        parts += [f'<div class="chart" id="chart-{escape(symptom)}">{svg}</div>' for symptom, svg in charts.items()]
        parts.append("</div>")
    if pictures:
        parts.append(f"<h2>{escape(L('trees'))}</h2><p class=\"note\">{escape(L('legend'))}</p>")
        for tree, svg in pictures.items():
            parts.append(f"<h3>{escape(titles.get(tree, tree))} <small>({escape(tree)})</small></h3>")
            parts.append(f'<div class="picture" id="tree-{escape(tree)}">{_prefix_ids(svg, tree)}</div>')
    if "compare" in report:
        parts.append(_compare(report["compare"], L))
    parts.append(f"<h2>{escape(L('nodes'))}</h2>")
    parts.append(_table([L(k) for k in ("tree", "node", "version", "reached", "abandoned", "drop_off", "back",
                                        "answers")],
                        [[row["tree"], row["node"], row["version"][:8], row["reached"], row["abandoned"],
                          _percent(row["abandoned"], row["reached"]), row["back"],
                          " ".join(f"{key}={count}" for key, count in sorted(row["answers"].items(),
                                                                             key=lambda item: -item[1]))]
                         for row in report["nodes"]]))
    parts.append(f"<h2>{escape(L('resolutions'))}</h2>")
    parts.append(_table([L(k) for k in ("tree", "node", "version", "reached", "fixed", "not_fixed", "escalated")],
                        [[row["tree"], row["node"], row["version"][:8], row["reached"], row["fixed"],
                          row["not_fixed"], row["escalated"]] for row in report.get("resolutions", [])]))
    parts.append(f"<h2>{escape(L('actions'))}</h2>")
    parts.append(_table([L(k) for k in ("action", "shown", "run", "fixed", "fixed_rate")],
                        [[row["id"], row["shown"], row["run"], row["fixed"], _percent(row["fixed"], row["shown"])]
                         for row in report["actions"]]))
    parts.append(f"<h2>{escape(L('misroutes'))}</h2><p class=\"note\">{escape(L('candidates'))}</p>")
    parts.append(_table(*misroute_table(report, lang)))
    parts.append(f"<h2>{escape(L('restarts'))}</h2>")
    parts.append(_table(*restart_table(report, lang)))
    parts.append("</body></html>\n")
    return "".join(parts)


def _compare(compare: dict, L) -> str:
    first, second = (version[:8] for version in compare["versions"])
    out = [f"<h2>{escape(L('compare'))}: {escape(compare['tree'] or '*')} {escape(first)} → {escape(second)}</h2>"]
    out.append(_table([L("version"), L("started"), L("resolved"), L("escalated"), L("abandoned")],
                      [[side["version"][:8], side["started"], side["resolved"], side["escalated"], side["abandoned"]]
                       for side in compare["outcomes"]]))

    def cells(side: dict | None) -> list[object]:
        if side is None:
            return [L("absent"), "", ""]
        return [side["reached"], side["abandoned"], _percent(side["abandoned"], side["reached"])]

    headers = [L("tree"), L("node")] + [f"{L(key)} {version}" for version in (first, second)
                                        for key in ("reached", "abandoned", "drop_off")]
    out.append(_table(headers, [[row["tree"], row["node"], *cells(row["first"]), *cells(row["second"])]
                                for row in compare["nodes"]]))
    return "".join(out)


def _prefix_ids(svg: str, prefix: str) -> str:
    """Graphviz numbers its ids from 1 in every drawing: make them unique within the page."""
    return svg.replace(' id="', f' id="{escape(prefix)}-')
