"""Immutable objects for trees, their words, and the ids that join them.

A tree file gives structure (`Tree`, `Node`); a content file gives the words of
one tree in one language (`TreeText`, `NodeText`). Both are frozen and slotted;
collections are tuples or read-only mappings, so a loaded content set can be
shared freely between sessions and threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

# the walk's words and node references live in `guide.engine.refs` (light to import); the model re-exports them
from guide.engine.refs import (CLOSING, EMPTY, ESCALATE, ESCALATION, FIXED, INFO, LINK, MODES, NEXT,  # noqa: F401
                               NOT_FIXED, QUESTION, RESOLUTION, RETURN, NodeRef)


@dataclass(frozen=True, slots=True)
class ActionRef:
    """An action named by a resolution, escalation or finding."""

    id: str
    """Action id in the registry."""
    params: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    """Parameter values, always strings."""

    def as_json(self) -> dict:
        """The CONTRACT shape ``{"id", "params"}``."""
        return {"id": self.id, "params": dict(self.params)}


@dataclass(frozen=True, slots=True)
class AnsweredBy:
    """The evidence fact that answers a question."""

    fact: str
    """Fact id, such as ``adfs.psso-rule``."""
    values: Mapping[str, str]
    """Fact value → answer key."""


@dataclass(frozen=True, slots=True)
class Node:
    """One node of a tree (structure only)."""

    id: str
    type: str
    """question, info, resolution, escalation or link."""
    line: int
    col: int
    answers: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    """Question: answer key → target node id (same tree)."""
    next: str | None = None
    """Info: the next node. Resolution: where "not fixed" leads. Return: where to go when no link called."""
    cause: str | None = None
    """Resolution: the taxonomy cause it concludes."""
    actions: tuple[ActionRef, ...] = ()
    """Resolution and escalation: what to do."""
    link: NodeRef | None = None
    """Link: where it continues (an empty node means the tree's start)."""
    then: str | None = None
    """Link: the node (same tree) to continue at when the linked sub-flow reaches a return node."""
    sources: tuple[str, ...] = ()
    """Public source URLs (keys already resolved)."""
    answered_by: AnsweredBy | None = None
    """Question: the fact that can answer it."""

    @property
    def is_conclusion(self) -> bool:
        """Whether a walk may end here (a resolution or an escalation)."""
        return self.type in (RESOLUTION, ESCALATION)

    @property
    def is_passage(self) -> bool:
        """Whether the walk only passes through here (a link or a return) and needs no words."""
        return self.type in (LINK, RETURN)


@dataclass(frozen=True, slots=True)
class Tree:
    """A decision tree: an acyclic graph of nodes entered at `start`."""

    id: str
    path: str
    """The file it came from."""
    start: str | None
    symptom: str | None
    nodes: Mapping[str, Node]
    sources: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    """Source key → URL."""


@dataclass(frozen=True, slots=True)
class NodeText:
    """The words of one node in one language."""

    title: str
    text: str
    line: int
    col: int
    audiences: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    """Audience (user, agent, admin) → text replacing `text` for it."""
    answers: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    """Answer key → label."""
    source_hash: str | None = None
    """In a translation: the hash of the source text it was made from."""
    triggers: tuple[str, ...] = ()

    def body(self, audience: str) -> str:
        """The text for `audience`, falling back to the common text."""
        return self.audiences.get(audience, self.text)


@dataclass(frozen=True, slots=True)
class TreeText:
    """The words of one tree in one language."""

    tree: str
    lang: str
    path: str
    title: str
    nodes: Mapping[str, NodeText]
    source_hash: str | None = None
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Defect:
    """A problem found in the content: what `guide lint` prints."""

    path: str
    line: int
    col: int
    severity: str
    """``error`` or ``warning``."""
    code: str
    message: str

    def as_json(self) -> dict:
        """The CONTRACT shape of one defect."""
        return {"path": self.path, "line": self.line, "col": self.col, "severity": self.severity,
                "code": self.code, "message": self.message}


@dataclass(frozen=True)
class ContentSet:
    """Every tree and every translation of one content set, as loaded."""

    trees: Mapping[str, Tree]
    texts: Mapping[tuple[str, str], TreeText]
    """(lang, tree id) → words."""
    defects: tuple[Defect, ...] = field(default=())
    """Problems met while loading (files that could not be read or parsed)."""

    def node(self, ref: NodeRef) -> Node:
        """The node at `ref` (KeyError when absent)."""
        return self.trees[ref.tree].nodes[ref.node]

    def text(self, lang: str, ref: NodeRef) -> NodeText | None:
        """The words of `ref` in `lang`, if written."""
        tree_text = self.texts.get((lang, ref.tree))
        return tree_text.nodes.get(ref.node) if tree_text else None


def frozen(mapping: dict) -> Mapping:
    """A read-only view of a fresh copy of `mapping`."""
    return MappingProxyType(dict(mapping)) if mapping else EMPTY
