"""Each tree drawn with its traffic: edge width by how many walks took it, node colour by drop-off.

The drawing is `guide.engine.diagram.dot` with styles added, laid out by
Graphviz's ``dot -Tsvg`` (Debian package ``graphviz``), run with an argument
list and the DOT text on standard input, never through a shell. The SVG is
inlined in the HTML report.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess

from guide.engine.compiler import transitions
from guide.engine.diagram import dot
from guide.engine.errors import GuideError
from guide.engine.model import ESCALATION, INFO, RESOLUTION, ContentSet, NodeRef
from guide.engine.report.document import NodeFigures

RED_AT = 0.25
"""Drop-off at and above which a node is drawn full red."""


class GraphvizMissing(GuideError):
    """``dot`` is not installed."""


def drop_off_colour(share: float) -> str:
    """White for no drop-off to red at `RED_AT` or more, as ``#rrggbb``."""
    strength = max(0.0, min(1.0, share / RED_AT))
    fade = round(255 * (1 - strength))
    return f"#ff{fade:02x}{fade:02x}"


def traffic_dot(content: ContentSet, tree: str, figures: dict[tuple[str, str], NodeFigures], lang: str) -> str:
    """DOT source of `tree` with widths and colours from `figures` (by tree and node, versions summed)."""
    through = _through_passages(content, tree, figures)
    busiest = max([sum(f.answers.values()) for f in figures.values()] + [f.reached for f in figures.values()] + [1])

    def node_style(ref: NodeRef) -> str:
        node = content.trees[ref.tree].nodes.get(ref.node)
        shape_style = {RESOLUTION: "filled,rounded", ESCALATION: "filled,bold"}.get(node.type if node else "",
                                                                                     "filled")
        found = figures.get((ref.tree, ref.node))
        if found is None or not found.reached:
            passed = through.get(ref, 0)
            if passed:  # an info or link node: walks pass it without stopping
                return f'style="{shape_style}", fillcolor="#ffffff", xlabel="{passed}", tooltip="{ref.node}: {passed}"'
            return f'style="{shape_style}", fillcolor="#f4f4f4", fontcolor="#777777"'
        tooltip = f"{ref.node}: {found.reached} / {found.abandoned} ({100 * found.drop_off:.1f}%)"
        return (f'style="{shape_style}", fillcolor="{drop_off_colour(found.drop_off)}", '
                f'xlabel="{found.reached}", tooltip="{tooltip}"')

    def edge_style(ref: NodeRef, key: str) -> str:
        count = _edge_count(figures, through, ref, key)
        if not count:
            return 'penwidth=0.5, color="#bbbbbb"'
        width = 0.5 + 7.5 * math.sqrt(count / busiest)
        return f'penwidth={width:.2f}, tooltip="{key}: {count}"'

    return dot(content, tree, lang, node_style=node_style, edge_style=edge_style)


def _edge_count(figures: dict[tuple[str, str], NodeFigures], through: dict[NodeRef, int], ref: NodeRef,
                key: str) -> int:
    """Walks that left `ref` by `key`: its answers, or everything passing a node that waits for nobody."""
    found = figures.get((ref.tree, ref.node))
    if found is not None and found.answers:
        return found.answers.get(key, 0)
    return through.get(ref, 0) if key in ("next", "then") else 0


def _through_passages(content: ContentSet, tree: str, figures: dict[tuple[str, str], NodeFigures]
                      ) -> dict[NodeRef, int]:
    """Walks through each info, link and return node of `tree` (the store records no arrival there)."""
    parents: dict[NodeRef, list[tuple[NodeRef, str]]] = {}
    for node_id in content.trees[tree].nodes:
        ref = NodeRef(tree, node_id)
        for key, target in transitions(content, ref):
            parents.setdefault(target, []).append((ref, key))
    through: dict[NodeRef, int] = {}

    def passed(ref: NodeRef, depth: int = 0) -> int:
        if ref in through or depth > 500:
            return through.get(ref, 0)
        node = content.trees[ref.tree].nodes.get(ref.node) if ref.tree in content.trees else None
        if node is None or not node.is_passage and node.type != INFO:
            return 0
        total = 0
        for parent, key in parents.get(ref, []):
            found = figures.get((parent.tree, parent.node))
            total += found.answers.get(key, 0) if found is not None and found.answers else (
                passed(parent, depth + 1) if key in ("next", "then") else 0)
        through[ref] = total
        return total

    for node_id in content.trees[tree].nodes:
        passed(NodeRef(tree, node_id))
    return through


def render_svg(source: str) -> str:
    """`source` laid out by Graphviz as an SVG element (the XML prologue and DOCTYPE removed)."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing("the HTML report draws trees with Graphviz: install it (Debian: apt-get install "
                              "graphviz) or leave out --html")
    done = subprocess.run([program, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, timeout=120,
                          check=False)
    if done.returncode != 0:
        raise GuideError(f"Graphviz could not draw a tree: {done.stderr.decode('utf-8', 'replace').strip()}")
    svg = done.stdout.decode("utf-8")
    return re.sub(r"^.*?(?=<svg)", "", svg, count=1, flags=re.S)


def by_node(nodes: dict[tuple[str, str, str], NodeFigures]) -> dict[tuple[str, str], NodeFigures]:
    """Figures summed over content versions, by (tree, node)."""
    summed: dict[tuple[str, str], NodeFigures] = {}
    for (tree, node, _), figures in nodes.items():
        total = summed.setdefault((tree, node), NodeFigures())
        total.reached += figures.reached
        total.abandoned += figures.abandoned
        total.back += figures.back
        total.left += figures.left
        for key, count in figures.answers.items():
            total.answers[key] = total.answers.get(key, 0) + count
    return summed
