"""The report as one JSON document (CONTRACT.md's shape), added up from the SQL's group rows.

Definitions (also in docs/report.md):

- *started*: conversations whose first step falls in the period;
- *abandoned*: still open and no step for 30 minutes; counted at the node the
  walk stood at;
- *reached*: arrivals at a node going forward (a start, an answer, a jump, a
  restart), so a node passed twice in one conversation counts twice; going
  back to a node is counted as *back* at the node it was pressed at;
- *drop-off*: abandoned there ÷ reached;
- per action: *shown* when a resolution naming it was reached, *run* when its
  command ran, *fixed* when "fixed" was answered at a resolution showing it.

Nodes are keyed by tree, node and content version, so a node deleted in a
later version keeps its figures under the versions it existed in.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from guide.engine.model import CLOSING, ESCALATE, FIXED, NOT_FIXED, ContentSet
from guide.engine.report import queries
from guide.engine.report.database import Database
from guide.engine.report.filters import Filters, iso
from guide.engine.transcript import redact


@dataclass
class NodeFigures:
    """What happened at one node under one content version."""

    reached: int = 0
    abandoned: int = 0
    back: int = 0
    left: int = 0
    answers: dict[str, int] = field(default_factory=dict)
    shown: tuple[str, ...] = ()

    @property
    def drop_off(self) -> float:
        """Abandoned there as a share of arrivals (0..1)."""
        return self.abandoned / self.reached if self.reached else 0.0


def _action_ids(detail: str | None) -> tuple[str, ...]:
    """The action ids a step's detail says were shown (``{"actions": [...]}``, ids or ``{"id": ...}``)."""
    if not detail:
        return ()
    try:
        data = json.loads(detail)
    except ValueError:
        return ()
    listed = data.get("actions") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return ()
    ids = [item.get("id") if isinstance(item, dict) else item for item in listed]
    return tuple(item for item in ids if isinstance(item, str))


def _status(detail: str | None) -> str | None:
    try:
        data = json.loads(detail) if detail else None
    except ValueError:
        return None
    return data.get("status") if isinstance(data, dict) else None


NODE_QUERIES = ({"reached": queries.reached, "abandoned_at": queries.abandoned_at},
                {"taken": queries.taken, "action_runs": queries.action_runs})
"""The queries node figures come from, in two lanes of about the same cost (`queries.gather`)."""


def node_figures(db: Database, filters: Filters, content: ContentSet | None = None, results: dict | None = None
                 ) -> tuple[dict[tuple[str, str, str], NodeFigures], dict[str, dict[str, int]]]:
    """Figures per (tree, node, version), and per action id ``{"shown", "run", "fixed"}``.

    `results` holds the `NODE_QUERIES` already run; they are run here when it is None.
    """
    results = results if results is not None else queries.gather(db, filters, *NODE_QUERIES)
    nodes: dict[tuple[str, str, str], NodeFigures] = defaultdict(NodeFigures)
    for tree, node, version, count in results["reached"]:
        nodes[(tree, node, version)].reached += count
    for tree, node, version, kind, answer, count in results["taken"]:
        figures = nodes[(tree, node, version)]
        if kind == "answer":
            figures.answers[answer] = figures.answers.get(answer, 0) + count
            if answer in CLOSING:  # closing a resolution leaves the walk standing where it was
                figures.reached -= count
        elif kind == "back":
            figures.back += count
        else:
            figures.left += count
    for tree, node, version, count in results["abandoned_at"]:
        nodes[(tree, node, version)].abandoned += count
    for (tree, node, version), figures in nodes.items():
        figures.shown = _shown(db, content, tree, node, version)
    actions: dict[str, dict[str, int]] = defaultdict(lambda: {"shown": 0, "run": 0, "fixed": 0})
    for figures in nodes.values():
        for action_id in figures.shown:
            actions[action_id]["shown"] += figures.reached
            actions[action_id]["fixed"] += figures.answers.get(FIXED, 0)
    for action_id, detail, count in results["action_runs"]:
        if action_id and _status(detail) in ("ran", None):
            actions[action_id]["run"] += count
    return dict(nodes), dict(actions)


def _shown(db: Database, content: ContentSet | None, tree: str, node: str, version: str) -> tuple[str, ...]:
    """The actions a node showed under `version`: from the steps' detail, else from the loaded content."""
    known = content.trees[tree].nodes.get(node) if content is not None and tree in content.trees else None
    if known is not None and not known.is_conclusion:
        return ()
    shown = _action_ids(queries.shown_detail(db, tree, node, version))
    if not shown and known is not None:
        shown = tuple(action.id for action in known.actions)
    return shown


def node_sort_key(content: ContentSet | None, tree: str, node: str) -> tuple:
    """Tree, then the node's place in its file (nodes the loaded content lacks after), then id."""
    place = 10**6
    if content is not None and tree in content.trees:
        order = list(content.trees[tree].nodes)
        place = order.index(node) if node in order else 10**6
    return (tree or "", place, node or "")


def figures_from_rows(rows: list[dict]) -> dict[tuple[str, str, str], NodeFigures]:
    """The report's ``nodes`` rows back as figures by (tree, node, version)."""
    return {(row["tree"], row["node"], row["version"]): NodeFigures(row["reached"], row["abandoned"], row["back"],
                                                                    row.get("left", 0), dict(row["answers"]))
            for row in rows}


def build_report(db: Database, filters: Filters, content: ContentSet | None = None) -> dict:
    """The report over `db` for `filters`, in CONTRACT.md's JSON shape (plus a few added fields)."""
    reached_lane, taken_lane = NODE_QUERIES
    results = queries.gather(db, filters, {**reached_lane, "outcomes": queries.outcomes, "medians": queries.medians},
                             {**taken_lane, "misroutes": queries.misroutes, "restarts": queries.restarts,
                              "bounds": queries.period_bounds})
    nodes, actions = node_figures(db, filters, content, results)
    if filters.tree:
        nodes = {key: value for key, value in nodes.items() if key[0] == filters.tree}
    middles = results["medians"]
    symptoms: dict[str, dict] = {}
    for symptom, tree, status, abandoned, count in results["outcomes"]:
        name = symptom or tree
        row = symptoms.setdefault(name, {"symptom": name, "started": 0, "resolved": 0, "escalated": 0,
                                         "abandoned": 0, "left": 0, "open": 0})
        row["started"] += count
        row["abandoned"] += abandoned
        if status in ("resolved", "escalated", "left", "open"):
            row[status] += count - (abandoned if status == "open" else 0)
    for symptom, row in symptoms.items():
        answers, minutes = middles.get(symptom, (0.0, 0.0))
        row["median_answers"] = round(answers, 1)
        row["median_minutes"] = round(minutes, 1)
    since, until = filters.since, filters.until
    if since is None or until is None:
        first, _ = results["bounds"]
        since = since if since is not None else first
        until = until if until is not None else filters.now
    node_rows, resolutions = [], []
    for (tree, node, version), figures in sorted(nodes.items(), key=lambda item: (*node_sort_key(content, *item[0][:2]), item[0][2])):
        node_rows.append({"tree": tree, "node": node, "version": version, "reached": figures.reached,
                          "abandoned": figures.abandoned, "back": figures.back, "answers": figures.answers,
                          "left": figures.left, "drop_off": round(figures.drop_off, 4)})
        if figures.shown or {FIXED, ESCALATE} & set(figures.answers):
            resolutions.append({"tree": tree, "node": node, "version": version, "reached": figures.reached,
                                "actions": list(figures.shown), "fixed": figures.answers.get(FIXED, 0),
                                "not_fixed": figures.answers.get(NOT_FIXED, 0),
                                "escalated": figures.answers.get(ESCALATE, 0)})
    return {
        "period": {"since": iso(since), "until": iso(until)},
        "conversations": sum(row["started"] for row in symptoms.values()),
        "symptoms": sorted(symptoms.values(), key=lambda row: (-row["started"], row["symptom"])),
        "nodes": node_rows,
        "resolutions": resolutions,
        "actions": [{"id": action_id, **figures,
                     "fixed_rate": round(figures["fixed"] / figures["shown"], 4) if figures["shown"] else 0.0}
                    for action_id, figures in sorted(actions.items(), key=lambda item: (-item[1]["shown"], item[0]))],
        "misroutes": [{"text": redact(item.text), "routed": item.routed, "went_to": item.went_to, "how": item.how,
                       "count": item.count} for item in results["misroutes"]],
        "restarts": [{"text": redact(item.text), "routed": item.routed, "count": item.count}
                     for item in results["restarts"]],
        "filters": {"tree": filters.tree, "lang": filters.lang, "mode": filters.mode,
                    "versions": list(filters.versions)},
    }
