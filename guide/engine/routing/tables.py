"""The router's index in the compact form it is queried and cached in: nothing to rebuild on reading.

A cached index is read back by every ``guide route`` process and every web
worker. Kept as a dict of 38,000 features and a list of 3,000 phrase objects,
reading it back meant building both again (three quarters of its 50 ms); kept
as a few byte strings and arrays, reading it back is copying them:

- `FeatureTable`: feature → number, as the features' UTF-8 bytes end to end
  (two sorted runs: the features the trees use, then the phrases' others) and
  where each ends; a lookup is a binary search within each run.
- `PhraseTable`: the phrases as columns (tree, node, trigger flag, mass,
  informative weight); a `Phrase` is made when a query touches it.

Both answer exactly as the dict and the list they replace (tests/test_router_identical.py).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence


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
    """Feature → its number in the index, for features in sorted runs (see the module's docstring)."""

    __slots__ = ("blob", "ends", "runs")

    def __init__(self, blob: bytes, ends: array, runs: tuple[int, ...]) -> None:
        self.blob = blob
        """Every feature's UTF-8 bytes, end to end."""
        self.ends = ends
        """Where each feature's bytes end in `blob` (``array('I')``)."""
        self.runs = runs
        """Where each sorted run of features ends (the last is the number of features)."""

    @classmethod
    def of(cls, runs: Iterable[Sequence[str]]) -> "FeatureTable":
        """The table of the features in `runs`, numbered in order; each run must be sorted."""
        encoded: list[bytes] = []
        ends = array("I")
        run_ends: list[int] = []
        at = 0
        for run in runs:
            assert list(run) == sorted(run), "a run of features must be sorted"
            for feature in run:
                data = feature.encode("utf-8", "surrogatepass")
                encoded.append(data)
                at += len(data)
                ends.append(at)
            run_ends.append(len(ends))
        return cls(b"".join(encoded), ends, tuple(run_ends))

    def __reduce__(self):
        return FeatureTable, (self.blob, self.ends, self.runs)

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, number: int) -> bytes:
        """The UTF-8 bytes of feature `number` (what the binary search compares; UTF-8 sorts as str does)."""
        return self.blob[self.ends[number - 1] if number else 0:self.ends[number]]

    def feature(self, number: int) -> str:
        """Feature `number` as text."""
        return self[number].decode("utf-8", "surrogatepass")

    def get(self, feature: str, default: int | None = None) -> int | None:
        """The number of `feature`, else `default` (as ``dict.get``)."""
        key = feature.encode("utf-8", "surrogatepass")
        low = 0
        for high in self.runs:
            found = bisect_left(self, key, low, high)
            if found < high and self[found] == key:
                return found
            low = high
        return default


class PhraseTable:
    """The index's phrases as columns; ``table[i]`` is phrase i (see the module's docstring)."""

    __slots__ = ("trees", "nodes", "triggers", "masses", "informative")

    def __init__(self, trees: list[str], nodes: list[str | None], triggers: bytes, masses: array,
                 informative: array) -> None:
        self.trees = trees
        self.nodes = nodes
        self.triggers = triggers
        """One byte per phrase: 1 for a trigger, 0 for a node's title."""
        self.masses = masses
        self.informative = informative

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
        return Phrase(self.trees[number], self.nodes[number], None, bool(self.triggers[number]),
                      self.masses[number], self.informative[number])
