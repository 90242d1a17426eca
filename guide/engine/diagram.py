"""Draw a tree as Mermaid or Graphviz DOT source text.

networkx has no Mermaid writer, so both are written by hand. Node ids in the
output are generated (``n0``, ``n1``…) because Mermaid misreads some real ids
(a lower-case ``end``, ids starting with ``o`` or ``x`` after ``---``); labels
are the nodes' titles in the chosen language, quoted and escaped.
"""

from __future__ import annotations

from guide.engine.compiler import start_ref, transitions
from guide.engine.model import ESCALATION, INFO, LINK, QUESTION, RESOLUTION, ContentSet, NodeRef

_MERMAID_SHAPES = {QUESTION: ('{"', '"}'), INFO: ('["', '"]'), RESOLUTION: ('(["', '"])'),
                   ESCALATION: ('[["', '"]]'), LINK: ('>"', '"]')}
_DOT_SHAPES = {QUESTION: "diamond", INFO: "box", RESOLUTION: "box, style=rounded", ESCALATION: "box, style=bold",
               LINK: "cds"}


def _nodes_of(content: ContentSet, tree_id: str) -> list[NodeRef]:
    """The tree's own nodes in file order, plus the nodes its links lead to."""
    refs = [NodeRef(tree_id, node_id) for node_id in content.trees[tree_id].nodes]
    outside = [target for ref in refs for _, target in transitions(content, ref)
               if target.tree != tree_id and target not in refs]
    return refs + list(dict.fromkeys(outside))


def _label(content: ContentSet, ref: NodeRef, lang: str, home: str) -> str:
    words = content.text(lang, ref)
    return words.title if words else ref.show(home)


def _edge_label(content: ContentSet, ref: NodeRef, key: str, lang: str) -> str:
    words = content.text(lang, ref)
    return words.answers.get(key, key) if words else key


def _drawing(content: ContentSet, tree_id: str, lang: str):
    """Generated ids, then (id, type, label) per node and (from id, to id, label) per edge."""
    refs = _nodes_of(content, tree_id)
    ids = {ref: f"n{index}" for index, ref in enumerate(refs)}
    nodes = []
    for ref in refs:
        node = content.trees[ref.tree].nodes.get(ref.node)
        nodes.append((ids[ref], node.type if node else INFO, _label(content, ref, lang, tree_id)))
    edges = [(ids[ref], ids[target], _edge_label(content, ref, key, lang))
             for ref in refs if ref.tree == tree_id
             for key, target in transitions(content, ref) if target in ids]
    return ids, nodes, edges


def mermaid(content: ContentSet, tree_id: str, lang: str) -> str:
    """Mermaid flowchart source for one tree."""
    ids, nodes, edges = _drawing(content, tree_id, lang)

    def quote(text: str) -> str:
        return text.replace('"', "#quot;").replace("\n", " ")

    lines = ["flowchart TD"]
    for node_id, node_type, label in nodes:
        opening, closing = _MERMAID_SHAPES[node_type]
        lines.append(f"    {node_id}{opening}{quote(label)}{closing}")
    lines += [f'    {source} -->|"{quote(label)}"| {target}' for source, target, label in edges]
    start = start_ref(content, tree_id)
    if start in ids:
        lines.append(f"    style {ids[start]} stroke-width:3px")
    return "\n".join(lines) + "\n"


def dot(content: ContentSet, tree_id: str, lang: str) -> str:
    """Graphviz DOT source for one tree."""
    _, nodes, edges = _drawing(content, tree_id, lang)

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    lines = [f"digraph {quote(tree_id)} {{", "    rankdir=TB;", '    node [fontname="Noto Sans CJK JP"];']
    lines += [f"    {node_id} [label={quote(label)}, shape={_DOT_SHAPES[node_type]}];" for node_id, node_type, label in nodes]
    lines += [f"    {source} -> {target} [label={quote(label)}];" for source, target, label in edges]
    lines.append("}")
    return "\n".join(lines) + "\n"
