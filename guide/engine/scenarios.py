"""Golden scenarios and coverage: which parts of the trees hand-written cases pin down.

A scenario file (``tests/scenarios/<tree>.yaml``) lists walks an author
expects: the answers in order and the conclusion they must reach. Running
them replays each through a real `Session`. Coverage compares the nodes,
edges and paths the scenarios walk with everything the trees contain, so an
author sees what only the automatic every-path walk reaches.

    tree: kmsi-missing
    scenarios:
      - name: guest users never see the prompt
        answers: [never, "yes"]
        expect:
          at: r-guest
          cause: kmsi-guest-user
          actions: [explain-by-design]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from guide.engine import spec
from guide.engine.compiler import compile_graph, count_paths, start_ref
from guide.engine.errors import ContentError
from guide.engine.model import ContentSet, NodeRef
from guide.engine.session import Session, WalkError
from guide.engine.yamlio import load_yaml

SCENARIO_FILE = spec.Obj({
    "tree": spec.Field(spec.Text(spec.ID_PATTERN, "a tree id"), required=True),
    "scenarios": spec.Field(spec.ListOf(spec.Obj({
        "name": spec.Field(spec.Text(), required=True),
        "answers": spec.Field(spec.ListOf(spec.Text(spec.ID_PATTERN, "an answer key")), required=True),
        "expect": spec.Field(spec.Obj({
            "at": spec.Field(spec.Text(r"^([a-z0-9][a-z0-9-]*/)?[a-z0-9][a-z0-9-]*$", "a node (or tree/node)")),
            "cause": spec.Field(spec.Text(spec.ID_PATTERN, "a cause id")),
            "actions": spec.Field(spec.ListOf(spec.Text(spec.ID_PATTERN, "an action id"))),
            "escalated": spec.Field(spec.OneOfText(("yes", "no"))),
        }), required=True),
    })), required=True),
})
"""The shape of a scenario file."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """One golden walk."""

    tree: str
    name: str
    answers: tuple[str, ...]
    expect: dict
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """What running a scenario showed."""

    scenario: Scenario
    problems: tuple[str, ...]
    visited: tuple[NodeRef, ...] = ()
    edges: tuple[tuple[NodeRef, NodeRef, str], ...] = ()

    @property
    def passed(self) -> bool:
        """Whether the walk ended where the scenario expects."""
        return not self.problems


def load_scenarios(folder: Path) -> tuple[list[Scenario], list[ContentError]]:
    """Every scenario in `folder/*.yaml`, and the defects of files that could not be read."""
    scenarios: list[Scenario] = []
    errors: list[ContentError] = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            doc = load_yaml(path)
        except ContentError as error:
            errors.append(error)
            continue
        found = spec.Collected()
        SCENARIO_FILE.check(doc.data, (), found)
        if found.items:
            errors.extend(doc.error(where, code, message) for where, code, message in found.items)
            continue
        for index, entry in enumerate(doc.data["scenarios"]):
            scenarios.append(Scenario(doc.data["tree"], entry["name"], tuple(entry["answers"]), dict(entry["expect"]),
                                      doc.path, doc.where(("scenarios", index))[0]))
    return scenarios, errors


def run_scenario(content: ContentSet, scenario: Scenario, lang: str = "en") -> Outcome:
    """Walk `scenario` and compare where it ends with what it expects."""
    where = f"{scenario.path}:{scenario.line}"
    try:
        session = Session(content, scenario.tree, lang=lang)
        for answer in scenario.answers:
            session.answer(answer)
    except WalkError as exc:
        return Outcome(scenario, (f"{where}: {scenario.name}: {exc}",))
    node = session.node
    expect = scenario.expect
    found = {"at": session.position.show(scenario.tree), "cause": node.cause if node.is_conclusion else None,
             "actions": [action.id for action in node.actions] if node.is_conclusion else [],
             "escalated": "yes" if session.outcome == "escalated" else "no"}
    problems = tuple(f"{where}: {scenario.name}: expected {key} {expect[key]!r}, got {found[key]!r}"
                     for key in ("at", "cause", "actions", "escalated") if key in expect and expect[key] != found[key])
    visits = session.visits
    edges = tuple((a.node, b.node, a.answer) for a, b in zip(visits, visits[1:]) if a.answer)
    return Outcome(scenario, problems, tuple(visit.node for visit in visits), edges)


@dataclass
class TreeCoverage:
    """Coverage of one tree by the golden scenarios."""

    tree: str
    nodes: int = 0
    nodes_pinned: int = 0
    edges: int = 0
    edges_pinned: int = 0
    paths: int = 0
    paths_pinned: int = 0
    scenarios: int = 0
    unpinned_nodes: list[str] = field(default_factory=list)
    unpinned_edges: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        """Figures and the lists of what only the every-path walk reaches."""
        return {key: getattr(self, key) for key in ("tree", "scenarios", "nodes", "nodes_pinned", "edges",
                                                    "edges_pinned", "paths", "paths_pinned", "unpinned_nodes",
                                                    "unpinned_edges")}


def coverage(content: ContentSet, outcomes: list[Outcome]) -> list[TreeCoverage]:
    """Per tree: how many of its own nodes, edges and root-to-end paths the scenarios walk."""
    graph = compile_graph(content)
    report = []
    for tree_id in sorted(content.trees):
        mine = [o for o in outcomes if o.scenario.tree == tree_id and o.passed]
        own_nodes = [ref for ref in graph if ref.tree == tree_id]
        own_edges = [(a, b, key) for a, b, key in graph.edges(keys=True) if a.tree == tree_id]
        visited = {ref for o in mine for ref in o.visited}
        walked = {edge for o in mine for edge in o.edges}
        root = start_ref(content, tree_id)
        item = TreeCoverage(
            tree=tree_id, scenarios=len(mine),
            nodes=len(own_nodes), nodes_pinned=sum(ref in visited for ref in own_nodes),
            edges=len(own_edges), edges_pinned=sum(edge in walked for edge in own_edges),
            paths=count_paths(content, root) if root else 0,
            paths_pinned=len({o.visited for o in mine}),
            unpinned_nodes=[ref.node for ref in own_nodes if ref not in visited],
            unpinned_edges=[f"{a.node} -[{key}]-> {b.show(tree_id)}" for a, b, key in own_edges
                            if (a, b, key) not in walked],
        )
        report.append(item)
    return report
