"""Draw a tree as Mermaid or Graphviz DOT source text.

networkx has no Mermaid writer, so both are written by hand. Node ids in the
output are generated (``n0``, ``n1``…) because Mermaid misreads some real ids
(a lower-case ``end``, ids starting with ``o`` or ``x`` after ``---``); labels
are the nodes' titles in the chosen language, quoted and escaped.
"""

from __future__ import annotations

from typing import Callable

from guide.engine.compiler import start_ref, transitions
from guide.engine.model import ESCALATION, INFO, LINK, QUESTION, RESOLUTION, RETURN, ContentSet, NodeRef

_MERMAID_SHAPES = {QUESTION: ('{"', '"}'), INFO: ('["', '"]'), RESOLUTION: ('(["', '"])'),
                   ESCALATION: ('[["', '"]]'), LINK: ('>"', '"]'), RETURN: ('(("', '"))')}
_DOT_SHAPES = {QUESTION: "diamond", INFO: "box", RESOLUTION: "box, style=rounded", ESCALATION: "box, style=bold",
               LINK: "cds", RETURN: "circle"}


def _nodes_of(content: ContentSet, tree_id: str) -> list[NodeRef]:
    """The tree's own nodes in file order, plus the nodes its links lead to."""
    refs = [NodeRef(tree_id, node_id) for node_id in content.trees[tree_id].nodes]
    outside = [target for ref in refs for _, target in transitions(content, ref)
               if target.tree != tree_id and target not in refs]
    return refs + list(dict.fromkeys(outside))


_WAYS = {
    "en": {"next": "next", "then": "when it returns", "not-fixed": "not fixed", "return": "return to the caller"},
    "ja": {"next": "次へ", "then": "戻ったら", "not-fixed": "解決しない", "return": "呼び出し元へ戻る"},
}
"""Labels of the ways on that no author names: passages, links and returns."""


def _label(content: ContentSet, ref: NodeRef, lang: str, home: str) -> str:
    words = content.text(lang, ref)
    if words:
        return words.title
    node = content.trees[ref.tree].nodes.get(ref.node)
    if node is not None and node.type == LINK and node.link.tree in content.trees:
        target = content.texts.get((lang, node.link.tree))
        return target.title if target else node.link.tree
    if node is not None and node.type == RETURN:
        return _WAYS[lang]["return"]
    return ref.show(home)


def _edge_label(content: ContentSet, ref: NodeRef, key: str, lang: str) -> str:
    words = content.text(lang, ref)
    if words and key in words.answers:
        return words.answers[key]
    return _WAYS[lang].get(key, key)


def _drawing(content: ContentSet, tree_id: str, lang: str):
    """Generated ids, then (id, type, label, ref) per node and (from id, to id, label, ref, key) per edge."""
    refs = _nodes_of(content, tree_id)
    ids = {ref: f"n{index}" for index, ref in enumerate(refs)}
    nodes = []
    for ref in refs:
        node = content.trees[ref.tree].nodes.get(ref.node)
        nodes.append((ids[ref], node.type if node else INFO, _label(content, ref, lang, tree_id), ref))
    edges = [(ids[ref], ids[target], _edge_label(content, ref, key, lang), ref, key)
             for ref in refs if ref.tree == tree_id
             for key, target in transitions(content, ref) if target in ids]
    return ids, nodes, edges


def mermaid(content: ContentSet, tree_id: str, lang: str) -> str:
    """Mermaid flowchart source for one tree."""
    ids, nodes, edges = _drawing(content, tree_id, lang)

    def quote(text: str) -> str:
        return text.replace('"', "#quot;").replace("\n", " ")

    lines = ["flowchart TD"]
    for node_id, node_type, label, _ in nodes:
        opening, closing = _MERMAID_SHAPES[node_type]
        lines.append(f"    {node_id}{opening}{quote(label)}{closing}")
    lines += [f'    {source} -->|"{quote(label)}"| {target}' for source, target, label, _, _ in edges]
    start = start_ref(content, tree_id)
    if start in ids:
        lines.append(f"    style {ids[start]} stroke-width:3px")
    return "\n".join(lines) + "\n"


NodeStyle = Callable[[NodeRef], str]
"""Extra DOT attributes for a node (``fillcolor="#ff0000", style=filled``), or an empty string."""
EdgeStyle = Callable[[NodeRef, str], str]
"""Extra DOT attributes for the edge leaving a node by an answer key."""


def dot(content: ContentSet, tree_id: str, lang: str, *, node_style: NodeStyle | None = None,
        edge_style: EdgeStyle | None = None) -> str:
    """Graphviz DOT source for one tree; the styles add attributes (the report draws traffic with them)."""
    _, nodes, edges = _drawing(content, tree_id, lang)

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    def extra(style: str) -> str:
        return f", {style}" if style else ""

    lines = [f"digraph {quote(tree_id)} {{", "    rankdir=TB;", '    node [fontname="Noto Sans CJK JP"];',
             '    edge [fontname="Noto Sans CJK JP", fontsize=10];']
    lines += [f"    {node_id} [label={quote(label)}, shape={_DOT_SHAPES[node_type]}"
              f"{extra(node_style(ref) if node_style else '')}];" for node_id, node_type, label, ref in nodes]
    lines += [f"    {source} -> {target} [label={quote(label)}{extra(edge_style(ref, key) if edge_style else '')}];"
              for source, target, label, ref, key in edges]
    lines.append("}")
    return "\n".join(lines) + "\n"
