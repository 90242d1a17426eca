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
path (a tuple of keys and indexes) to its 1-based ``(line, col)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guide.engine.errors import ContentError

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
        positions: 1-based (line, col) of each value, keyed by its data path.
        key_positions: 1-based (line, col) of each mapping key, keyed by the
            path of the value it introduces.
    """

    path: str
    data: object
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def where(self, data_path: tuple, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or its key) at `data_path`, else its nearest ancestor."""
        table = self.key_positions if key else self.positions
        probe = tuple(data_path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

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
    except yaml.reader.ReaderError as exc:  # the reader refuses a control character before parsing starts
        raise unprintable(name, text) from None
    try:
        node = loader.get_single_node()
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
    doc = Document(name, None)
    if node is None:
        doc.positions[()] = (1, 1)
        return doc
    doc.data = _Builder(doc).build(node, (), 0)
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


class _Builder:
    """Turns a composed YAML node graph into plain data, recording positions."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0

    def fail(self, node: yaml.Node, code: str, message: str) -> ContentError:
        mark = node.start_mark
        return ContentError(self.doc.path, mark.line + 1, mark.column + 1, code, message)

    def build(self, node: yaml.Node, data_path: tuple, depth: int) -> object:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(node, "yaml-too-large",
                            f"more than {MAX_VALUES:,} values (alias expansion?); remove the aliases")
        if depth > MAX_DEPTH:
            raise self.fail(node, "yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels; flatten the structure")
        if node.tag not in _CORE_TAGS:
            raise self.fail(node, "yaml-tag",
                            f"tag {node.tag!r} is not allowed; use plain strings, numbers, lists and mappings")
        mark = node.start_mark
        self.doc.positions[data_path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, data_path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, data_path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, data_path: tuple, depth: int) -> dict:
        result: dict = {}
        key_positions = self.doc.key_positions
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "yaml-key", "mapping keys must be plain scalars")
            if key_node.tag not in _CORE_TAGS:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "yaml-merge", "merge keys (<<) are not allowed; write the keys out")
                raise self.fail(key_node, "yaml-tag", f"tag {key_node.tag!r} is not allowed on a key")
            key = key_node.value  # keys are names, never numbers or switches
            mark = key_node.start_mark
            key_path = data_path + (key,)
            if key in result:
                first = key_positions[key_path][0]
                raise self.fail(key_node, "duplicate-key",
                                f"duplicate key {key!r} (first at line {first}); keep only one")
            key_positions[key_path] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, key_path, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> object:
        tag, value = node.tag, node.value
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
