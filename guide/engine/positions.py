"""Where each value of a parsed YAML file sits, kept in three flat arrays instead of a dict per value.

A content set of 100,000 nodes has millions of values; a dict from each value's
data path (a tuple) to its ``(line, col)`` costs about 200 bytes a value, more
than the YAML itself many times over. `Places` keeps, in document order (each
value before the values inside it, as the reader meets them), one packed
position per value, one for the key that introduces it (0 when none), and how
many values its subtree holds. A data path is found by walking the data: a
container's children are numbered on the first lookup that passes through it.

`PositionMap` is the read-only mapping ``data path -> (line, col)`` that
`yamlio.Document.positions` and `.key_positions` have always been.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping

_COL_BITS = 24
"""A packed position is ``line << 24 | col`` (a file holds at most 4 MiB, so both fit)."""
_COL_MASK = (1 << _COL_BITS) - 1


def pack(line: int, col: int) -> int:
    """One 1-based (line, col) as a single int."""
    return line << _COL_BITS | col


def _unpack(packed: int) -> tuple[int, int]:
    return packed >> _COL_BITS, packed & _COL_MASK


class Places:
    """The positions of every value of one document (filled by the reader, in document order)."""

    __slots__ = ("data", "values", "keys", "sizes", "_children")

    def __init__(self) -> None:
        self.data: object = None
        """The document's data, walked to find a data path."""
        self.values = array("Q")
        """Packed position of each value, in document order."""
        self.keys = array("Q")
        """Packed position of the key that introduces each value (0: none, an item of a list or the root)."""
        self.sizes = array("L")
        """How many values each value's subtree holds, itself included."""
        self._children: dict[int, dict | list] = {}
        """Number of a container → its children's numbers (key → number, or a list), made on first use."""

    def __getstate__(self) -> tuple:
        return self.data, self.values, self.keys, self.sizes

    def __setstate__(self, state: tuple) -> None:
        self.data, self.values, self.keys, self.sizes = state
        self._children = {}

    def find(self, data_path: tuple) -> tuple[int, int]:
        """(number of the deepest value on `data_path` that exists, how many steps of it were found)."""
        if not self.values:
            return -1, 0
        number, value = 0, self.data
        for steps, step in enumerate(data_path):
            children = self._children_of(number, value)
            if isinstance(value, dict):
                found = children.get(step) if isinstance(step, str) else None
            elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
                found = children[step]
            else:
                found = None
            if found is None:
                return number, steps
            number, value = found, value[step]
        return number, len(data_path)

    def _children_of(self, number: int, value: object) -> dict | list:
        known = self._children.get(number)
        if known is not None or not isinstance(value, (dict, list)):
            return known if known is not None else {}
        sizes, at, numbers = self.sizes, number + 1, []
        for _ in range(len(value)):
            numbers.append(at)
            at += sizes[at]
        known = self._children[number] = dict(zip(value, numbers)) if isinstance(value, dict) else numbers
        return known

    def paths(self) -> Iterator[tuple[tuple, int]]:
        """(data path, number) of every value, in document order."""
        if not self.values:
            return
        pending = [((), self.data)]
        number = 0
        while pending:
            path, value = pending.pop()
            yield path, number
            number += 1
            if isinstance(value, dict):
                pending.extend(reversed([(path + (key,), item) for key, item in value.items()]))
            elif isinstance(value, list):
                pending.extend(reversed([(path + (index,), item) for index, item in enumerate(value)]))


class PositionMap(Mapping):
    """Data path → 1-based (line, col) of each value (or, with `of_keys`, of the key introducing it)."""

    __slots__ = ("places", "of_keys")

    def __init__(self, places: Places, *, of_keys: bool = False) -> None:
        self.places = places
        self.of_keys = of_keys

    def _packed(self, data_path: tuple) -> int:
        number, found = self.places.find(tuple(data_path))
        if number < 0 or found < len(data_path):
            return 0
        return (self.places.keys if self.of_keys else self.places.values)[number]

    def __getitem__(self, data_path: tuple) -> tuple[int, int]:
        packed = self._packed(data_path)
        if not packed:
            raise KeyError(data_path)
        return _unpack(packed)

    def __contains__(self, data_path: object) -> bool:
        return isinstance(data_path, tuple) and bool(self._packed(data_path))

    def __iter__(self) -> Iterator[tuple]:
        table = self.places.keys if self.of_keys else self.places.values
        return (path for path, number in self.places.paths() if table[number])

    def __len__(self) -> int:
        table = self.places.keys if self.of_keys else self.places.values
        return len(table) - table.count(0)

    def nearest(self, data_path: tuple, *, key: bool = False) -> tuple[int, int]:
        """The value (or its key) at `data_path`, else its deepest existing ancestor's value; (1, 1) for
        nothing at all (`yamlio.Document.where`)."""
        places = self.places
        number, found = places.find(tuple(data_path))
        if number < 0:
            return 1, 1
        if key and found and places.keys[number]:
            return _unpack(places.keys[number])
        return _unpack(places.values[number])
