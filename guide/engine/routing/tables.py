"""The router's index in the compact form it is queried and cached in: nothing to rebuild on reading.

A cached index is read back by every ``guide route`` process and every web
worker. Kept as a dict of 38,000 features and a list of 3,000 phrase objects,
reading it back meant building both again (three quarters of its 50 ms); kept
as a few byte strings and arrays, reading it back is copying them:

- `FeatureTable`: feature → number, as the features' UTF-8 bytes end to end,
  where each ends, and a hash table of their numbers (CRC-32, linear probing).
- `PhraseTable`: the phrases as columns (tree, node, trigger flag, mass,
  informative weight); a `Phrase` is made when a query first touches it, and kept.

Both answer exactly as the dict and the list they replace (tests/test_router_identical.py).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from itertools import accumulate
from typing import Mapping, Sequence
from zlib import crc32


@dataclass(slots=True)
class Phrase:
    """A trigger phrase or title: contained almost whole in a text, it points straight at a place."""

    tree: str
    node: str | None
    """None: the tree itself (its title, triggers, symptom name)."""
    bag: Mapping[str, float] | None
    """Feature → weight, while the index is built (then kept as `Index.postings`)."""
    trigger: bool = True
    """False for a node's title: it helps pick the node to enter, not the tree."""
    mass: float = -1.0
    """The phrase's weight, each feature counted by how much it says (`Index.phrase_weight`);
    worked out when the index is built."""
    informative: float = 0.0
    """The phrase's weight counting only what its features say (common features count nothing)."""


class FeatureTable:
    """Feature → its number in the index (see the module's docstring): an open-addressing hash table of
    feature numbers over the features' bytes, so a lookup is one CRC-32 and a probe or two."""

    __slots__ = ("blob", "ends", "slots")

    def __init__(self, blob: bytes, ends: array, slots: array) -> None:
        self.blob = blob
        """Every feature's UTF-8 bytes, end to end, in number order."""
        self.ends = ends
        """Where each feature's bytes end in `blob` (``array('I')``)."""
        self.slots = slots
        """``array('i')`` of a power-of-two length, at least twice the number of features: at
        ``crc32(bytes) & (len - 1)``, or the next slots after it, the feature's number; -1 ends a search."""

    @classmethod
    def of(cls, features: Sequence[str]) -> "FeatureTable":
        """The table of `features`, numbered in order."""
        encoded = [feature.encode("utf-8", "surrogatepass") for feature in features]
        ends = array("I", accumulate(map(len, encoded)))
        size = 1 << max(3, (2 * len(encoded)).bit_length())
        slots = array("i", [-1]) * size
        for number, data in enumerate(encoded):
            at = crc32(data) & (size - 1)
            while slots[at] >= 0:
                at = (at + 1) & (size - 1)
            slots[at] = number
        return cls(b"".join(encoded), ends, slots)

    def __reduce__(self):
        return FeatureTable, (self.blob, self.ends, self.slots)

    def __len__(self) -> int:
        return len(self.ends)

    def _bytes(self, number: int) -> bytes:
        return self.blob[self.ends[number - 1] if number else 0:self.ends[number]]

    def feature(self, number: int) -> str:
        """Feature `number` as text."""
        return self._bytes(number).decode("utf-8", "surrogatepass")

    def get(self, feature: str, default: int | None = None) -> int | None:
        """The number of `feature`, else `default` (as ``dict.get``)."""
        key = feature.encode("utf-8", "surrogatepass")
        slots, mask = self.slots, len(self.slots) - 1
        at = crc32(key) & mask
        while (number := slots[at]) >= 0:
            if self._bytes(number) == key:
                return number
            at = (at + 1) & mask
        return default


class PhraseTable:
    """The index's phrases as columns; ``table[i]`` is phrase i (see the module's docstring)."""

    __slots__ = ("trees", "nodes", "triggers", "masses", "informative", "_made")

    def __init__(self, trees: list[str], nodes: list[str | None], triggers: bytes, masses: array,
                 informative: array) -> None:
        self.trees = trees
        self.nodes = nodes
        self.triggers = triggers
        """One byte per phrase: 1 for a trigger, 0 for a node's title."""
        self.masses = masses
        self.informative = informative
        self._made: list[Phrase | None] = [None] * len(trees)
        """The phrases made so far (each is made once: queries then meet the same objects)."""

    @classmethod
    def of(cls, phrases: Sequence[Phrase]) -> "PhraseTable":
        """The table of `phrases` (their bags are not kept)."""
        return cls([p.tree for p in phrases], [p.node for p in phrases], bytes(p.trigger for p in phrases),
                   array("d", [p.mass for p in phrases]), array("d", [p.informative for p in phrases]))

    def __reduce__(self):
        return PhraseTable, (self.trees, self.nodes, self.triggers, self.masses, self.informative)

    def __len__(self) -> int:
        return len(self.trees)

    def __getitem__(self, number: int) -> Phrase:
        made = self._made[number]
        if made is None:
            made = self._made[number] = Phrase(self.trees[number], self.nodes[number], None,
                                               bool(self.triggers[number]), self.masses[number],
                                               self.informative[number])
        return made
