"""Compile a content set into one networkx graph, and answer questions about it.

Every node of every tree becomes a graph node keyed by its `NodeRef`; every
way on (an answer, "next", "not fixed", a link into another tree) becomes an
edge keyed by its answer key. A `MultiDiGraph` keeps two answers that lead to
the same node as two edges. The session walks the same `transitions`, so what
lint, `guide paths` and a live walk see can never differ.
"""

from __future__ import annotations

from typing import Iterator

import networkx as nx

from guide.engine.model import INFO, LINK, NEXT, NOT_FIXED, QUESTION, RESOLUTION, ContentSet, Node, NodeRef


def link_target(content: ContentSet, node: Node) -> NodeRef | None:
    """Where a link node leads (its tree's start when no node is named), if that tree exists."""
    assert node.link is not None
    tree = content.trees.get(node.link.tree)
    if tree is None:
        return None
    return NodeRef(tree.id, node.link.node or (tree.start or ""))


def transitions(content: ContentSet, ref: NodeRef) -> Iterator[tuple[str, NodeRef]]:
    """Each (answer key, target) leading on from `ref`, whether or not the target exists."""
    node = content.node(ref)
    if node.type == QUESTION:
        for key, target in node.answers.items():
            yield key, NodeRef(ref.tree, target)
    elif node.type in (INFO, RESOLUTION) and node.next:
        yield (NEXT if node.type == INFO else NOT_FIXED), NodeRef(ref.tree, node.next)
    elif node.type == LINK:
        target = link_target(content, node)
        if target is not None:
            yield NEXT, target


def exists(content: ContentSet, ref: NodeRef) -> bool:
    """Whether `ref` names a node of a loaded tree."""
    tree = content.trees.get(ref.tree)
    return tree is not None and ref.node in tree.nodes


def compile_graph(content: ContentSet) -> nx.MultiDiGraph:
    """All trees as one graph; edges to missing nodes are left out (lint reports them)."""
    graph = nx.MultiDiGraph()
    for tree in content.trees.values():
        for node_id in tree.nodes:
            graph.add_node(NodeRef(tree.id, node_id))
    edges = []
    for ref in list(graph.nodes):
        for key, target in transitions(content, ref):
            if exists(content, target):
                edges.append((ref, target, key))
    graph.add_edges_from(edges)
    return graph


def start_ref(content: ContentSet, tree_id: str) -> NodeRef | None:
    """The start node of a tree, if it has a valid one."""
    tree = content.trees.get(tree_id)
    if tree is None or not tree.start or tree.start not in tree.nodes:
        return None
    return NodeRef(tree.id, tree.start)


def find_cycle(graph: nx.MultiDiGraph) -> list[NodeRef] | None:
    """One cycle as a closed list of nodes (first == last), or None when the graph is acyclic."""
    if nx.is_directed_acyclic_graph(graph):  # the common case, and much cheaper than searching
        return None
    try:
        edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return None
    return [edge[0] for edge in edges] + [edges[0][0]]


def count_paths(content: ContentSet, graph: nx.MultiDiGraph, root: NodeRef) -> int:
    """How many root-to-conclusion paths start at `root`, without listing them.

    Dynamic programming in reverse topological order over the part reachable
    from `root`: a node counts 1 if a walk may end there, plus the counts of
    every edge leaving it. Linear in the graph's size however many paths exist.

    Raises:
        networkx.NetworkXUnfeasible: the reachable part has a cycle.
    """
    reachable = graph.subgraph(nx.descendants(graph, root) | {root})
    counts: dict[NodeRef, int] = {}
    for ref in reversed(list(nx.topological_sort(reachable))):
        total = 1 if content.node(ref).is_conclusion else 0
        for _, target in reachable.out_edges(ref):
            total += counts[target]
        counts[ref] = total
    return counts[root]


def walk_paths(content: ContentSet, graph: nx.MultiDiGraph, root: NodeRef) -> Iterator[tuple[list[NodeRef], list[str]]]:
    """Every root-to-conclusion path as (nodes, answer keys), depth first in answer order."""
    stack: list[tuple[NodeRef, list[NodeRef], list[str]]] = [(root, [root], [])]
    while stack:
        ref, nodes, answers = stack.pop()
        if content.node(ref).is_conclusion:
            yield nodes, answers
        onward = [(key, target) for key, target in transitions(content, ref) if target in graph]
        for key, target in reversed(onward):
            stack.append((target, nodes + [target], answers + [key]))
