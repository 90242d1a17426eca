"""Tolerant, streaming JSON for evidence files.

Real exports are messy (reference/domain.md §4.7): trailing commas, comments,
duplicate keys, truncated downloads, several documents one after another.
This reader accepts all of them and stays fast on clean files:

* every value is first handed to the C scanner of the standard library; only
  a value it rejects is walked in Python, whose children again try C first, so
  a single stray comma costs one container, not the file;
* records (the elements of a top-level array, of a top-level ``"value"``
  array, or top-level objects one after another as in JSON Lines) are produced
  one at a time with their offsets, so a 100,000-record sign-in log is never
  held whole in memory;
* **duplicate keys: the last one wins**, as with `json.load` and JavaScript;
* ``//`` and ``/* */`` comments count as white space; missing commas between
  members are forgiven;
* at a truncation the complete records read so far are kept and `problem`
  says where the file stops; an unreadable spot stops reading the same way.

Nothing here raises: problems are reported through `JsonRecords.problem`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.decoder import scanstring
from json.scanner import NUMBER_RE
from typing import Callable, Iterator

from guide.engine.evidence.text import Lines

_SCAN = json.scanner.make_scanner(json.JSONDecoder(strict=False))
_SPACE = re.compile(r"[ \t\n\r\ufeff\u3000]*")
_LITERALS = {"true": True, "false": False, "null": None, "NaN": float("nan"),
             "Infinity": float("inf"), "-Infinity": float("-inf")}
MAX_DEPTH = 200
"""Deepest nesting walked in Python (the C scanner has its own guard)."""


class _Truncated(Exception):
    """The text ended inside a value."""


class _Malformed(Exception):
    """Something that is not JSON at offset `pos`."""

    def __init__(self, pos: int, what: str) -> None:
        super().__init__(what)
        self.pos = pos
        self.what = what


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a JSON evidence file."""

    start: int
    """Offset of its first character."""
    end: int
    """Offset just after it."""
    value: object
    """The parsed value."""


class _Walker:
    """The Python fallback for values the C scanner rejects."""

    __slots__ = ("text", "n")

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)

    def space(self, i: int) -> int:
        text = self.text
        while True:
            i = _SPACE.match(text, i).end()
            if text.startswith("//", i):
                j = text.find("\n", i)
                i = self.n if j < 0 else j + 1
            elif text.startswith("/*", i):
                j = text.find("*/", i + 2)
                i = self.n if j < 0 else j + 2
            else:
                return i

    def value(self, i: int, depth: int) -> tuple[object, int]:
        if i >= self.n:
            raise _Truncated()
        if depth > MAX_DEPTH:
            raise _Malformed(i, "values are nested too deeply")
        try:
            return _SCAN(self.text, i)
        except (StopIteration, ValueError, RecursionError):
            pass
        char = self.text[i]
        if char == "{":
            return self._object(i, depth)
        if char == "[":
            return self._array(i, depth)
        if char == '"':
            return self._string(i)
        return self._scalar(i)

    def _string(self, i: int) -> tuple[str, int]:
        try:
            return scanstring(self.text, i + 1, False)
        except ValueError as exc:
            if "Unterminated" in str(exc):
                raise _Truncated() from None
            raise _Malformed(i, "a string is not valid JSON") from None

    def _scalar(self, i: int) -> tuple[object, int]:
        for word, value in _LITERALS.items():
            if self.text.startswith(word, i):
                return value, i + len(word)
        match = NUMBER_RE.match(self.text, i)
        if match and match.end() > i:
            integer, fraction, exponent = match.groups()
            try:
                number = float(match.group()) if fraction or exponent else int(integer)
            except ValueError:
                raise _Malformed(i, "a number is too long") from None
            return number, match.end()
        if self.text[i] in "tfnNI-" and len(self.text) - i < 10:
            raise _Truncated()
        raise _Malformed(i, f"unexpected {self.text[i]!r}")

    def _members(self, i: int, close: str, member: Callable[[int], int]) -> int:
        """Read the container opened at `i` up to its `close` character, where it then ends.

        Stray and trailing commas are skipped; `member(i)` reads one member
        starting at `i` and returns where it ends."""
        i = self.space(i + 1)
        while True:
            if i >= self.n:
                raise _Truncated()
            char = self.text[i]
            if char == close:
                return i + 1
            if char == ",":
                i = self.space(i + 1)
                continue
            i = self.space(member(i))

    def _object(self, i: int, depth: int) -> tuple[dict, int]:
        result: dict = {}

        def member(i: int) -> int:
            if self.text[i] != '"':
                raise _Malformed(i, "expected a quoted member name")
            key, i = self._string(i)
            i = self.space(i)
            if i >= self.n:
                raise _Truncated()
            if self.text[i] != ":":
                raise _Malformed(i, "expected ':' after a member name")
            result[key], i = self.value(self.space(i + 1), depth + 1)
            return i

        return result, self._members(i, "}", member)

    def _array(self, i: int, depth: int) -> tuple[list, int]:
        result: list = []

        def member(i: int) -> int:
            value, i = self.value(i, depth + 1)
            result.append(value)
            return i

        return result, self._members(i, "]", member)


class JsonRecords:
    """The records of one JSON text, read lazily.

    Shapes: ``[r, …]``, ``{"value": [r, …], …}`` (other members go to
    `meta`), a single object ``{…}`` (one record), or several top-level values
    one after another. Call `records` once.

    Attributes:
        meta: Top-level members read so far beside a ``value`` array.
        single: Whether the text is one object that is itself the record.
        problem: Why reading stopped early, with the line, or None.
        truncated: Whether the text ended inside a value.
    """

    def __init__(self, text: str, lines: Lines | None = None) -> None:
        self.text = text
        self.lines = lines or Lines(text)
        self.meta: dict = {}
        self.single = False
        self.problem: str | None = None
        self.truncated = False
        self._own = 0
        self._walker = _Walker(text)

    def looks_like_json(self) -> bool:
        """Whether the text starts (after space and comments) with ``{`` or ``[``."""
        i = self._walker.space(0)
        return i < len(self.text) and self.text[i] in "{["

    def _stop(self, pos: int, exc: Exception) -> None:
        line = self.lines.at(pos)
        if isinstance(exc, _Truncated):
            self.truncated = True
            self.problem = f"the JSON is cut off: the file ends inside the value that starts at line {line}"
        else:
            what = exc.what if isinstance(exc, _Malformed) else str(exc)
            at = self.lines.at(exc.pos) if isinstance(exc, _Malformed) else line
            self.problem = f"the JSON cannot be read from line {at} on ({what})"

    def records(self) -> Iterator[Record]:
        """Each record with its offsets; stops quietly (setting `problem`) at a defect."""
        walker, text, n = self._walker, self.text, len(self.text)
        i = walker.space(0)
        documents = self._own = 0
        while i < n:
            char = text[i]
            if char == "[":
                i = yield from self._elements(i)
            elif char == "{":
                i = yield from self._object(i, first=documents == 0)
            else:
                self._stop(i, _Malformed(i, f"unexpected {char!r} after the JSON"))
                return
            if i < 0:
                return
            documents += 1
            i = walker.space(i)
        self.single = documents == 1 and self._own == 1
        if documents == 0:
            self.problem = "the file holds no JSON value"

    def _elements(self, i: int) -> Iterator[Record]:
        """Records of the array at `i`; returns the offset after it, or -1 when stopped."""
        walker, text, n = self._walker, self.text, len(self.text)
        i = walker.space(i + 1)
        while True:
            if i >= n:
                self._stop(i, _Truncated())
                return -1
            char = text[i]
            if char == "]":
                return i + 1
            if char == ",":
                i = walker.space(i + 1)
                continue
            start = i
            try:
                value, i = walker.value(i, 2)
            except (_Truncated, _Malformed) as exc:
                self._stop(start, exc)
                return -1
            yield Record(start, i, value)
            i = walker.space(i)

    def _object(self, start: int, first: bool) -> Iterator[Record]:
        """A top-level object: its ``value`` array's records, else itself as one record."""
        walker, text, n = self._walker, self.text, len(self.text)
        members: dict = {}
        streamed = False
        i = walker.space(start + 1)
        try:
            while True:
                if i >= n:
                    raise _Truncated()
                char = text[i]
                if char == "}":
                    break
                if char == ",":
                    i = walker.space(i + 1)
                    continue
                if char != '"':
                    raise _Malformed(i, "expected a quoted member name")
                key, i = walker.value(i, 1)
                i = walker.space(i)
                if i >= n:
                    raise _Truncated()
                if text[i] != ":":
                    raise _Malformed(i, "expected ':' after a member name")
                i = walker.space(i + 1)
                if key == "value" and i < n and text[i] == "[" and not streamed:
                    if first:
                        self.meta = members
                    streamed = True
                    i = yield from self._elements(i)
                    if i < 0:
                        return -1
                else:
                    members[key], i = walker.value(i, 1)
                i = walker.space(i)
        except (_Truncated, _Malformed) as exc:
            self._stop(start, exc)
            return -1
        if not streamed:
            self._own += 1
            yield Record(start, i + 1, members)
        return i + 1


def parse_value(text: str) -> tuple[object, str | None]:
    """The whole text as one value (tolerantly), and the problem met, if any.

    For small documents (a branding export); a truncated or unreadable text
    gives ``(None, problem)``.
    """
    reader = JsonRecords(text)
    records = list(reader.records())
    if reader.problem and not records:
        return None, reader.problem
    if reader.single:
        return records[0].value, reader.problem
    return [record.value for record in records], reader.problem
