"""What happened in the stored conversations, for content authors (`guide report`, and `/report` of `guide serve`).

Public entry points (no web framework or UI library is imported):

- `Database(url)`: the session store's tables, SQLite or PostgreSQL;
- `Filters(...)`: the period and slices; `parse_date` reads the flags' dates;
- `report_json(db, filters, content, compare=None)`: CONTRACT.md's document;
- `report_html(db, filters, content, lang, compare=None)`: the same as one
  self-contained HTML page (a string);
- `render_text(document, lang)`: the terminal's tables.

Retention (``--purge-before``) is the session store's `purge_before`.

Every figure is aggregated in SQL (`guide.engine.report.queries`).
"""

from __future__ import annotations

from guide.engine.model import ContentSet
from guide.engine.report.compare import compare_versions, resolve_version
from guide.engine.report.database import Database, StoreUnavailable
from guide.engine.report.document import build_report, figures_from_rows
from guide.engine.report.filters import Filters, parse_date
from guide.engine.report.labels import label
from guide.engine.sessionstore import default_url
from guide.engine.report.text import render_text

__all__ = ["Database", "Filters", "StoreUnavailable", "default_url", "parse_date", "render_text", "report_html", "report_json",
           "resolve_version"]


def report_json(db: Database, filters: Filters, content: ContentSet | None = None,
                compare: tuple[str, str] | None = None) -> dict:
    """The report document; with `compare` (two full fingerprints) a ``compare`` section is added."""
    document = build_report(db, filters, content)
    if compare is not None:
        document["compare"] = compare_versions(db, filters, compare[0], compare[1], content)
    return document


def report_html(db: Database, filters: Filters, content: ContentSet | None, lang: str,
                compare: tuple[str, str] | None = None, *, document: dict | None = None) -> str:
    """The report as one self-contained HTML page (pictures by Graphviz, charts by matplotlib)."""
    from guide.engine.report import queries
    from guide.engine.report.chart import OUTCOMES, bucket_seconds, outcomes_svg
    from guide.engine.report.html import render_html
    from guide.engine.report.picture import by_node, render_svg, traffic_dot

    document = document if document is not None else report_json(db, filters, content, compare)
    figures = by_node(figures_from_rows(document["nodes"]))
    pictures = {}
    if content is not None:
        for tree in sorted(content.trees):
            if (filters.tree is None or tree == filters.tree) and any(key[0] == tree for key in figures):
                pictures[tree] = render_svg(traffic_dot(content, tree, figures, lang))
    charts = {}
    since, until = _epoch(document["period"]["since"]), _epoch(document["period"]["until"])
    if since is not None and until is not None:
        bucket = bucket_seconds(since, until)
        series: dict[str, dict[str, dict[int, int]]] = {}
        for symptom, moment, outcome, count in queries.timeline(db, filters, bucket):
            per_outcome = series.setdefault(symptom, {})
            per_outcome.setdefault(outcome, {})[moment] = count
        names = {outcome: label(outcome, lang) for outcome in OUTCOMES}
        titles = _titles(content, lang)
        for symptom in sorted(series, key=lambda name: -sum(sum(c.values()) for c in series[name].values())):
            charts[symptom] = outcomes_svg(titles.get(symptom, symptom), series[symptom], bucket, names)
    return render_html(document, pictures=pictures, charts=charts, lang=lang, titles=_titles(content, lang))


def _titles(content: ContentSet | None, lang: str) -> dict[str, str]:
    """Tree and symptom ids → their titles in `lang`."""
    if content is None:
        return {}
    titles = {}
    for tree in content.trees.values():
        words = content.texts.get((lang, tree.id))
        if words:
            titles[tree.id] = words.title
            if tree.symptom:
                titles.setdefault(tree.symptom, words.title)
    return titles


def _epoch(text: str | None) -> int | None:
    from datetime import datetime

    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()) if text else None
