"""Strict YAML reading with source positions.

Content authors write YAML by hand, so the reader closes the traps PyYAML
leaves open and remembers where every value came from:

* ``yes``/``no``/``on``/``off`` stay strings (only ``true``/``false`` are booleans),
  so an answer key ``no:`` never silently becomes ``False``;
* a duplicate key is an error, not "last one wins";
* only the plain core types are accepted: no ``!!python/...`` or custom tags;
* UTF-8 with or without a BOM, LF or CRLF; any other encoding is refused with
  a message saying how to fix it;
* the file size, the nesting depth and the number of values produced by alias
  expansion are limited, so a hostile or broken file cannot exhaust memory.

`load_yaml` returns a `Document`: the plain data plus a map from each value's
path (a tuple of keys and indexes) to its 1-based ``(line, col)``, kept compactly
(`guide.engine.positions`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guide.engine.errors import ContentError
from guide.engine.positions import Places, PositionMap, pack

MAX_FILE_BYTES = 4 * 1024 * 1024
"""Largest YAML file accepted (bytes)."""

MAX_DEPTH = 40
"""Deepest nesting of mappings and sequences accepted."""

MAX_VALUES = 500_000
"""Most values one file may produce, counting every alias expansion."""

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_BOOL_TAG = "tag:yaml.org,2002:bool"
_TRUE = {"true", "True", "TRUE"}


class _StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader whose implicit booleans are only true/false (YAML 1.2 style)."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL_TAG, "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

@dataclass(slots=True)
class Document:
    """Parsed YAML and where each value sits in the file.

    Attributes:
        path: The file name used in messages.
        data: The plain Python data (dict, list, str, int, float, bool, None).
        places: Where each value and key sits, kept compactly (`positions.Places`).
    """

    path: str
    data: object
    places: Places = field(default_factory=Places)

    @property
    def positions(self) -> PositionMap:
        """1-based (line, col) of each value, keyed by its data path (read-only)."""
        return PositionMap(self.places)

    @property
    def key_positions(self) -> PositionMap:
        """1-based (line, col) of each mapping key, keyed by the path of the value it introduces."""
        return PositionMap(self.places, of_keys=True)

    def where(self, data_path: tuple, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or its key) at `data_path`, else its nearest ancestor."""
        return self.positions.nearest(data_path, key=key)

    def error(self, data_path: tuple, code: str, message: str, *, key: bool = False) -> ContentError:
        """A `ContentError` located at the value (or key) at `data_path`."""
        line, col = self.where(data_path, key=key)
        return ContentError(self.path, line, col, code, message)


def decode_text(raw: bytes, path: str) -> str:
    """Decode a YAML file's bytes as UTF-8 (BOM optional), refusing anything else clearly."""
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError(path, 1, 1, "file-too-large",
                           f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}. Split it into smaller files")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(path, 1, 1, "encoding",
                           "file is UTF-16; save it as UTF-8 (with or without BOM)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ContentError(path, line, col, "encoding",
                           "file is not valid UTF-8 (Shift_JIS or another legacy encoding?); "
                           "save it as UTF-8") from None


def load_yaml(source: str | Path, text: str | None = None) -> Document:
    """Read one YAML file strictly.

    Args:
        source: The file to read, or only its name for messages when `text` is given.
        text: Already-read text; when None the file is read from disk.

    Raises:
        ContentError: located at the first problem found.
    """
    name = str(source)
    if text is None:
        try:
            raw = Path(source).read_bytes()
        except OSError as exc:
            raise ContentError(name, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}") from None
        text = decode_text(raw, name)
    elif text.startswith("\ufeff"):
        text = text[1:]
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError:  # the reader refuses a control character before parsing starts
        raise unprintable(name, text) from None
    doc = Document(name, None)
    try:
        _EventReader(doc, loader.get_event, aliases="&" in text or "*" in text).read()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        raise ContentError(name, line, col, "yaml-syntax", f"{problem}; fix the YAML syntax here") from None
    except yaml.reader.ReaderError as exc:
        raise unprintable(name, text) from None
    except yaml.YAMLError as exc:
        raise ContentError(name, 0, 0, "yaml-syntax", f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return doc


def unprintable(name: str, text: str) -> ContentError:
    """The located error for the first character YAML refuses in `text` (one line, 1-based).

    The reader's own position is a byte offset with libyaml and a character
    offset without it, so the character is looked up again here.
    """
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    position = found.start() if found else 0
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    shown = f"U+{ord(found.group()):04X}" if found else "a character"
    return ContentError(name, line, col, "control-character",
                        f"the control character {shown} is not allowed in a YAML file; delete it")


class _EventReader:
    """Builds plain data and positions straight from the parser's events.

    PyYAML's C parser gives every event its position; composing those events
    into a node graph first (and resolving each scalar's type through PyYAML's
    Python resolver) costs twice the parse itself and keeps every node of the
    file alive at once. Here each event becomes data as it arrives: a plain
    scalar is typed by the same implicit resolvers (booleans only true/false),
    anything quoted or in block style is a string, and an anchored value's
    events are kept so that each alias to it is built again where it is used
    (every value of the expansion counted against `MAX_VALUES`).
    """

    __slots__ = ("doc", "next_event", "event", "count", "anchors", "recording", "replaying", "same")

    def __init__(self, doc: Document, next_event, *, aliases: bool = True) -> None:
        self.doc = doc
        self.next_event = next_event
        """The parser's `get_event`."""
        self.event = self._tracked_event if aliases else next_event
        """Where the reader takes its next event: the parser itself when the text can hold no
        anchor or alias (no ``&`` or ``*`` anywhere), which is most files and much faster."""
        self.count = 0
        """Values built so far, alias expansions included."""
        self.anchors: dict[str, list] = {}
        """Anchor name -> the events of its value (from its first to its last)."""
        self.recording: list[list] = []
        """Event lists of anchored values still being read."""
        self.replaying: list = []
        """Iterators over an alias's recorded events, innermost last."""
        self.same: dict[str, str] = {}
        """Each key and short string read so far, kept once: content repeats them (``type``,
        ``question``, a cause id) on every node, and one copy of each keeps memory near the file's size."""

    def fail(self, event, code: str, message: str) -> ContentError:
        mark = event.start_mark
        return ContentError(self.doc.path, mark.line + 1, mark.column + 1, code, message)

    def _tracked_event(self):
        """The next event: from an alias being expanded, else from the parser (kept for open anchors)."""
        while self.replaying:
            found = next(self.replaying[-1], None)
            if found is not None:
                return found
            self.replaying.pop()
        found = self.next_event()
        for events in self.recording:
            events.append(found)
        return found

    def read(self) -> None:
        """Read the one document of the stream into `doc` (an empty stream is None at 1:1)."""
        self.next_event()  # stream start
        first = self.next_event()
        places = self.doc.places
        if isinstance(first, yaml.StreamEndEvent):
            places.values.append(pack(1, 1))
            places.keys.append(0)
            places.sizes.append(1)
            return
        self.doc.data = places.data = self.value(self.event(), 0, 0)
        self.next_event()  # document end
        after = self.next_event()
        if not isinstance(after, yaml.StreamEndEvent):
            raise self.fail(after, "yaml-syntax",
                            "a second document starts here (---); keep one document per file")

    def value(self, event, depth: int, key_at: int) -> object:
        """The value that starts with `event`, `depth` collections deep, introduced by a key at `key_at`
        (packed; 0 for none)."""
        kind = event.__class__
        if kind is yaml.AliasEvent:
            recorded = self.anchors.get(event.anchor)
            if recorded is None:
                raise self.fail(event, "yaml-syntax", f"alias *{event.anchor} names no anchor (&{event.anchor}) "
                                                      "defined before it; define the anchor first")
            self.replaying.append(iter(recorded))
            return self.value(self.event(), depth, key_at)
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(event, "yaml-too-large",
                            f"more than {MAX_VALUES:,} values (alias expansion?); remove the aliases")
        if depth > MAX_DEPTH:
            raise self.fail(event, "yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels; flatten the structure")
        anchor = event.anchor
        if anchor is not None and not self.replaying:
            if anchor in self.anchors:
                raise self.fail(event, "yaml-syntax", f"anchor &{anchor} is defined twice; rename one")
            recorded = [event]
            self.recording.append(recorded)
            try:
                return self._value(kind, event, depth, key_at)
            finally:
                self.recording.pop()  # anchored values nest: the innermost ends first
                self.anchors[anchor] = recorded
        return self._value(kind, event, depth, key_at)

    def _value(self, kind, event, depth: int, key_at: int) -> object:
        mark = event.start_mark
        places = self.doc.places
        number = len(places.values)
        places.values.append(pack(mark.line + 1, mark.column + 1))
        places.keys.append(key_at)
        places.sizes.append(1)
        if kind is yaml.ScalarEvent:
            value = event.value
            if event.tag is None and (not event.implicit[0] or value[:1] not in _RESOLVERS):
                # quoted, block or plain text no implicit type starts with: a string
                return self.same.setdefault(value, value) if len(value) <= _SHARED_LENGTH else value
            tag = _tag(event)
            if tag not in _CORE_TAGS:
                raise self.fail(event, "yaml-tag",
                                f"tag {tag!r} is not allowed; use plain strings, numbers, lists and mappings")
            return _scalar(tag, event.value)
        explicit = event.tag
        if explicit not in (None, "!") and explicit not in _CORE_TAGS:
            raise self.fail(event, "yaml-tag",
                            f"tag {explicit!r} is not allowed; use plain strings, numbers, lists and mappings")
        if kind is yaml.SequenceStartEvent:
            built: object = self._sequence(depth)
        else:
            built = self._mapping(depth)
        places.sizes[number] = len(places.values) - number
        return built

    def _sequence(self, depth: int) -> list:
        items: list = []
        while True:
            item = self.event()
            if item.__class__ is yaml.SequenceEndEvent:
                return items
            items.append(self.value(item, depth + 1, 0))

    def _mapping(self, depth: int) -> dict:
        result: dict = {}
        first_lines: dict[str, int] = {}
        while True:
            key_event = self.event()
            kind = key_event.__class__
            if kind is yaml.MappingEndEvent:
                return result
            if kind is not yaml.ScalarEvent:
                raise self.fail(key_event, "yaml-key", "mapping keys must be plain scalars")
            key = key_event.value  # keys are names, never numbers or switches
            tag = _tag(key_event) if key_event.tag is not None or key[:1] in _RESOLVERS else _STR
            if tag not in _CORE_TAGS:
                if tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_event, "yaml-merge", "merge keys (<<) are not allowed; write the keys out")
                raise self.fail(key_event, "yaml-tag", f"tag {tag!r} is not allowed on a key")
            mark = key_event.start_mark
            if key in result:
                raise self.fail(key_event, "duplicate-key",
                                f"duplicate key {key!r} (first at line {first_lines[key]}); keep only one")
            first_lines[key] = mark.line + 1
            key = self.same.setdefault(key, key)
            result[key] = self.value(self.event(), depth + 1, pack(mark.line + 1, mark.column + 1))


_STR = "tag:yaml.org,2002:str"
_SHARED_LENGTH = 48
"""Strings up to this long are kept once per file (ids, types, keys); longer text is rarely repeated."""
_RESOLVERS = _StrictLoader.yaml_implicit_resolvers
"""First character of a plain scalar -> the (tag, pattern) pairs that may type it."""


def _tag(event: yaml.ScalarEvent) -> str:
    """A scalar's tag as PyYAML's resolver would give it, with this reader's implicit types."""
    tag = event.tag
    if tag is not None and tag != "!":
        return tag
    if event.implicit[0]:  # plain: typed by its look
        value = event.value
        for candidate, pattern in _RESOLVERS.get(value[:1], ()):
            if pattern.match(value):
                return candidate
    return _STR


def _scalar(tag: str, value: str) -> object:
    """A core-typed scalar's Python value."""
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == _BOOL_TAG:
        return value in _TRUE
    cleaned = value.replace("_", "")
    if tag == "tag:yaml.org,2002:int":
        for base in (0, 10):
            try:
                return int(cleaned, base)
            except ValueError:
                continue
        return value
    try:
        return float(cleaned)
    except ValueError:
        return value



def read_heads(path: str | Path, keys: Collection[str], *,
               inner: tuple[str, str] | None = None) -> tuple[dict[str, str], bool]:
    """A quick look at a YAML file: the string values of its top-level `keys`, read from the start only as
    far as they reach; with `inner` (mapping key, key), also whether the top-level mapping under
    ``inner[0]`` has a key named by the value of ``inner[1]`` (a tree's ``nodes`` and its ``start``).

    For what must be known before the content is read (the start list of a front end, `guide.engine.startlist`).
    Never raises: what cannot be read is left out, and `load_yaml` says what is wrong when the file is read.
    Only the top level is looked at; a value that is not a plain string (a number, a list, an alias) is left out.
    """
    found: dict[str, str] = {}
    names: list[str] = []
    wanted = set(keys) | ({inner[1]} if inner else set())
    try:
        with open(path, "rb") as stream:
            loader = _StrictLoader(stream)
            try:
                _read_heads(loader.get_event, wanted, inner, found, names)
            finally:
                loader.dispose()
    except (OSError, yaml.YAMLError):
        pass
    return found, inner is not None and found.get(inner[1]) in names


def _read_heads(next_event, wanted: set[str], inner: tuple[str, str] | None, found: dict[str, str],
                names: list[str]) -> None:
    """`read_heads` over the parser's events: the keys of the mapping ``inner[0]`` go to `names`, up to the one
    named by ``found[inner[1]]``; reading stops as soon as everything asked for is known."""
    next_event()  # stream start
    if not isinstance(next_event(), yaml.DocumentStartEvent) or not isinstance(next_event(), yaml.MappingStartEvent):
        return
    while not (len(found) == len(wanted) and (inner is None or found[inner[1]] in names)):
        key_event = next_event()
        if key_event.__class__ is yaml.MappingEndEvent:
            return
        key = None
        if key_event.__class__ is yaml.ScalarEvent:
            key = key_event.value
        else:
            _skip(next_event, key_event)
        value = next_event()
        if key in wanted and key not in found and value.__class__ is yaml.ScalarEvent and _tag(value) == _STR:
            found[key] = value.value
        elif inner is not None and key == inner[0] and value.__class__ is yaml.MappingStartEvent:
            if _read_names(next_event, names, found.get(inner[1])):  # stopped at the one named
                if len(found) == len(wanted):
                    return
                _skip_rest(next_event)
        else:
            _skip(next_event, value)


def _read_names(next_event, names: list[str], wanted: str | None) -> bool:
    """The keys of the mapping being read into `names`, to its end or (True) up to `wanted` and its value."""
    while (entry := next_event()).__class__ is not yaml.MappingEndEvent:
        if entry.__class__ is yaml.ScalarEvent:
            names.append(entry.value)
        else:
            _skip(next_event, entry)
        _skip(next_event, next_event())
        if wanted is not None and names[-1:] == [wanted]:
            return True
    return False


def _skip(next_event, event) -> None:
    """Read past the value that starts with `event` (a scalar or alias is one event; a collection runs to its end)."""
    if isinstance(event, yaml.CollectionStartEvent):
        _skip_rest(next_event)


def _skip_rest(next_event) -> None:
    """Read past the end of the collection being read."""
    depth = 1
    while depth:
        event = next_event()
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
