"""Compile a content set into one networkx graph, and answer questions about it.

Every node of every tree becomes a graph node keyed by its `NodeRef`; every
way on (an answer, "next", "not fixed", a link into another tree, a link's
"then") becomes an edge keyed by its answer key. A `MultiDiGraph` keeps two
answers that lead to the same node as two edges. That graph is the structure
lint checks (references, reachability, cycles, dead ends).

Walking is slightly richer than the structure: a link with ``then`` calls a
sub-flow, and the sub-flow's return node goes back to that ``then``. `moves`
gives the ways on from a node *with* the stack of pending ``then``s; the
session, `count_paths` and `walk_paths` all use it, so what `guide paths`
lists and what a live walk does can never differ.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from guide.engine.model import INFO, LINK, NEXT, NOT_FIXED, QUESTION, RESOLUTION, RETURN, ContentSet, Node, NodeRef

if TYPE_CHECKING:  # networkx is imported where a graph is built: walking a tree never needs it
    import networkx as nx

THEN = "then"
"""The key of the structural edge from a calling link to where the walk comes back."""

Stack = tuple[NodeRef, ...]
"""The ``then`` nodes of the links whose sub-flows the walk is inside, innermost last."""


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
    elif node.type in (INFO, RESOLUTION, RETURN) and node.next:
        yield (NOT_FIXED if node.type == RESOLUTION else NEXT), NodeRef(ref.tree, node.next)
    elif node.type == LINK:
        target = link_target(content, node)
        if target is not None:
            yield NEXT, target
        if node.then:
            yield THEN, NodeRef(ref.tree, node.then)


def moves(content: ContentSet, ref: NodeRef, stack: Stack = ()) -> Iterator[tuple[str, NodeRef, Stack]]:
    """Each (answer key, target, stack there) a walk at `ref` inside the sub-flow calls `stack` may take.

    A link with ``then`` pushes it; a return node pops the innermost one, or
    follows its own ``next`` when no link called the sub-flow.
    """
    node = content.node(ref)
    if node.type == RETURN and stack:
        yield NEXT, stack[-1], stack[:-1]
    elif node.type == LINK:
        target = link_target(content, node)
        if target is not None:
            yield NEXT, target, stack + (NodeRef(ref.tree, node.then),) if node.then else stack
    else:
        for key, target in transitions(content, ref):
            yield key, target, stack


def exists(content: ContentSet, ref: NodeRef) -> bool:
    """Whether `ref` names a node of a loaded tree."""
    tree = content.trees.get(ref.tree)
    return tree is not None and ref.node in tree.nodes


def compile_graph(content: ContentSet) -> nx.MultiDiGraph:
    """All trees as one graph; edges to missing nodes are left out (lint reports them)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    edges = edge_lists(content)
    graph.add_nodes_from(edges)
    graph.add_edges_from((ref, target, key) for ref, onward in edges.items() for key, target in onward)
    return graph


def edge_lists(content: ContentSet) -> dict[NodeRef, list[tuple[str, NodeRef]]]:
    """The graph of `compile_graph` as plain lists: every node → its (answer key, target) edges, in
    tree and answer order. Lint walks these: building a networkx graph of 10,000 nodes costs more than
    every check run over it."""
    edges: dict[NodeRef, list[tuple[str, NodeRef]]] = {}
    for tree in content.trees.values():
        for node_id in tree.nodes:
            edges[NodeRef(tree.id, node_id)] = []
    for ref, onward in edges.items():
        onward.extend((key, target) for key, target in transitions(content, ref) if target in edges)
    return edges


def numbered(edges: dict[NodeRef, list[tuple[str, NodeRef]]]) -> list[list[int]]:
    """The graph of `edge_lists` by position: node i's successors as positions in `edges` (walking
    small ints is much cheaper than hashing a `NodeRef` at every step)."""
    index = {ref: position for position, ref in enumerate(edges)}
    return [[index[target] for _, target in onward] for onward in edges.values()]


class Numbered:
    """The graph of `edge_lists` by position, made straight from the trees: `refs[i]` is node i (tree and
    node order) and `successors[i]` the positions it leads to. Targets are found by their tree's and
    node's ids (strings hash once, a `NodeRef` at every lookup), so lint numbers 100,000 nodes without
    a dict keyed by node references."""

    __slots__ = ("refs", "successors", "_at")

    def __init__(self, content: ContentSet) -> None:
        self._at: dict[str, dict[str, int]] = {}
        self.refs: list[NodeRef] = []
        for tree in content.trees.values():
            first = len(self.refs)
            self._at[tree.id] = {node_id: first + offset for offset, node_id in enumerate(tree.nodes)}
            self.refs.extend(NodeRef(tree.id, node_id) for node_id in tree.nodes)
        self.successors: list[list[int]] = []
        for ref in self.refs:
            onward = []
            for _, target in transitions(content, ref):
                at = self.at(target)
                if at is not None:
                    onward.append(at)
            self.successors.append(onward)

    def at(self, ref: NodeRef) -> int | None:
        """The position of `ref`, None when no loaded tree has it."""
        nodes = self._at.get(ref.tree)
        return None if nodes is None else nodes.get(ref.node)


def is_acyclic(successors: list[list[int]]) -> bool:
    """Whether the graph of `numbered` has no cycle (Kahn's algorithm: every node can be peeled off)."""
    waiting = [0] * len(successors)
    for onward in successors:
        for target in onward:
            waiting[target] += 1
    ready = [position for position, count in enumerate(waiting) if not count]
    peeled = 0
    while ready:
        peeled += 1
        for target in successors[ready.pop()]:
            waiting[target] -= 1
            if not waiting[target]:
                ready.append(target)
    return peeled == len(successors)


def start_ref(content: ContentSet, tree_id: str) -> NodeRef | None:
    """The start node of a tree, if it has a valid one."""
    tree = content.trees.get(tree_id)
    if tree is None or not tree.start or tree.start not in tree.nodes:
        return None
    return NodeRef(tree.id, tree.start)


def find_cycle(graph: nx.MultiDiGraph) -> list[NodeRef] | None:
    """One cycle as a closed list of nodes (first == last), or None when the graph is acyclic."""
    import networkx as nx

    if nx.is_directed_acyclic_graph(graph):  # the common case, and much cheaper than searching
        return None
    try:
        edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return None
    return [edge[0] for edge in edges] + [edges[0][0]]


def show_cycle(cycle: list[NodeRef]) -> str:
    """A cycle as ``a -> b -> a``, ids relative to the tree of its first node."""
    return " -> ".join(ref.show(cycle[0].tree) for ref in cycle)


def count_paths(content: ContentSet, root: NodeRef) -> int:
    """How many root-to-conclusion paths start at `root`, without listing them.

    Dynamic programming over walk states (node, pending returns), each
    counted once: a state counts 1 if a walk may end there, plus the counts of
    every move out of it. Linear in the number of states however many paths
    there are. The content must be acyclic (lint's `cycle`); a cycle raises
    ValueError.
    """
    counts: dict[tuple[NodeRef, Stack], int] = {}
    pending: list[tuple[tuple[NodeRef, Stack], bool]] = [((root, ()), False)]
    in_progress: set[tuple[NodeRef, Stack]] = set()
    while pending:
        state, expanded = pending.pop()
        if state in counts:
            continue
        onward = [(target, stack) for _, target, stack in moves(content, *state) if exists(content, target)]
        if expanded:
            in_progress.discard(state)
            counts[state] = int(content.node(state[0]).is_conclusion) + sum(counts[after] for after in onward)
            continue
        if state in in_progress:
            raise ValueError(f"cycle through {state[0].show(root.tree)}")
        in_progress.add(state)
        pending.append((state, True))
        pending.extend((after, False) for after in onward if after not in counts)
    return counts[(root, ())]


def walk_paths(content: ContentSet, root: NodeRef) -> Iterator[tuple[list[NodeRef], list[str]]]:
    """Every root-to-conclusion path as (nodes, answer keys), depth first in answer order."""
    pending: list[tuple[NodeRef, Stack, list[NodeRef], list[str]]] = [(root, (), [root], [])]
    while pending:
        ref, stack, nodes, answers = pending.pop()
        if content.node(ref).is_conclusion:
            yield nodes, answers
        onward = [(key, target, after) for key, target, after in moves(content, ref, stack) if exists(content, target)]
        for key, target, after in reversed(onward):
            pending.append((target, after, nodes + [target], answers + [key]))
