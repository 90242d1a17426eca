"""Where to enter a tree: the node that concludes a code's cause, a node the text names, or the start.

A recognised error code enters at the node that concludes its cause (in the
tree itself, or in a shared sub-flow the tree links to), so the conversation
begins at the answer. Otherwise a node whose trigger or title the text holds
almost whole, its telling words included (`NODE_COVERAGE`), is entered instead
of the tree's start, when it says more than any phrase of the tree itself the
text holds. See `guide.engine.routing.index` for where the figures come from.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from guide.engine.codes import code_info, find_codes
from guide.engine.compiler import start_ref
from guide.engine.model import NodeRef
from guide.engine.routing.index import Index

NODE_COVERAGE = 0.9
"""Share of a node's trigger phrase (or title) the text must contain to start at that node.
Top-1 does not depend on it (it picks the entry node, not the tree): 94.8% at 0.45 and at 1.8;
tests/test_router.py and tests/fixtures/router/rankings.json pin the nodes it enters."""


def entry(index: Index, tree_id: str, coverage: Mapping[tuple[str, str | None], tuple[float, float]],
          start: NodeRef | None = None) -> NodeRef:
    """The node to enter `tree_id` at: the start, unless the text holds one of a node's own phrases.

    The node's phrase must be contained for at least `NODE_COVERAGE` of it,
    and say more than any phrase of the tree itself that the text holds.
    """
    best = start or index.docs[tree_id].start
    best_strength = coverage.get((tree_id, None), (0.0, 0.0))[1]
    for (phrase_tree, node_id), (cover, strength) in coverage.items():
        if phrase_tree == tree_id and node_id and cover >= NODE_COVERAGE and strength > best_strength:
            best, best_strength = NodeRef(tree_id, node_id), strength
    return best


def place(index: Index, tree_id: str, text: str) -> NodeRef:
    """Where to enter `tree_id` (any tree, sub-flows too) for `text`.

    The node concluding the cause of a code in the text, if the tree reaches
    one; else a node whose trigger or title the text contains; else the start.
    """
    start = start_ref(index.content, tree_id)
    if start is None:
        raise KeyError(tree_id)
    doc = index.docs.get(tree_id)
    region = index.tree_region(tree_id) if doc else index.region_of(start)
    for code in dict.fromkeys(hit.normalised for hit in find_codes(text)):
        info = code_info(code)
        for cause in info.causes if info and not info.expected else ():
            places = index.concluding.get(cause.cause, ())
            own = [ref for ref in places if ref.tree == tree_id]
            reached = own or [ref for ref in places if ref in region]
            if reached:
                return reached[0]
    bag = index.query_bag(text)
    coverage = index.phrase_coverage(bag) if bag else {}
    return entry(index, tree_id, coverage, start)


def concluding_place(index: Index, cause: str,
                     trees: Iterable[str]) -> tuple[str, NodeRef, bool] | None:
    """(tree, node, in the tree itself) of the first node concluding `cause` reachable from one of `trees`."""
    places = index.concluding.get(cause, ())
    linked = None
    for tree_id in trees:
        for ref in places:
            if ref.tree == tree_id:
                return tree_id, ref, True
            if linked is None and ref in index.tree_region(tree_id):
                linked = (tree_id, ref, False)
    return linked
