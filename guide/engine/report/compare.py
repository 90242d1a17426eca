"""Two content versions of a tree side by side (`guide report --compare V1 V2`).

Figures are kept per content version, so a node that a later version deleted
still shows what happened at it under the version it existed in, and a node
that a version added shows as absent from the other.
"""

from __future__ import annotations

from guide.engine.errors import UsageError
from guide.engine.model import ContentSet
from guide.engine.report import queries
from guide.engine.report.database import Database
from guide.engine.report.filters import Filters, iso


def resolve_version(db: Database, given: str) -> str:
    """The full fingerprint `given` is a unique prefix of; a UsageError listing the known ones otherwise."""
    known = queries.versions(db)
    matches = [version for version, _, _ in known if version.startswith(given)]
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(f"{version[:12]} (from {iso(first)}, {count} conversations)" for version, first, count in known)
    why = "matches several versions" if matches else "is no content version in this store"
    raise UsageError(f"--version/--compare {given}: {why}; known versions: {listed or '(none)'}")


def _outcomes(db: Database, filters: Filters, version: str) -> dict:
    side = {"version": version, "started": 0, "resolved": 0, "escalated": 0, "abandoned": 0}
    for _, _, status, abandoned, count in queries.outcomes(db, filters.with_versions(version)):
        side["started"] += count
        side["abandoned"] += abandoned
        if status in ("resolved", "escalated"):
            side[status] += count
    return side


def compare_versions(db: Database, filters: Filters, first: str, second: str,
                     content: ContentSet | None = None) -> dict:
    """Outcomes and node figures of `first` and `second` (full fingerprints) for `filters.tree` (or all)."""
    from guide.engine.report.document import node_figures, node_sort_key

    sides = []
    for version in (first, second):
        nodes, _ = node_figures(db, filters.with_versions(version), content)
        sides.append({(tree, node): figures for (tree, node, _), figures in nodes.items()
                      if filters.tree is None or tree == filters.tree})
    rows = []
    for tree, node in sorted(set(sides[0]) | set(sides[1]), key=lambda key: node_sort_key(content, *key)):
        row = {"tree": tree, "node": node}
        for name, side in zip(("first", "second"), sides):
            figures = side.get((tree, node))
            row[name] = None if figures is None else {
                "reached": figures.reached, "abandoned": figures.abandoned, "back": figures.back,
                "answers": figures.answers, "drop_off": round(figures.drop_off, 4)}
        rows.append(row)
    return {"tree": filters.tree, "versions": [first, second],
            "outcomes": [_outcomes(db, filters, first), _outcomes(db, filters, second)], "nodes": rows}
