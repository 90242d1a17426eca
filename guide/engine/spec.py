"""The shape of tree and content files, declared once.

The same declarations validate files in the loader (with located messages) and
generate the JSON Schema that editors use (`guide schema`). Because both come
from one place, the committed schema cannot drift from what the loader
accepts; a test regenerates it and compares.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Callable

from guide.engine.catalog import LANGS

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
FACT_PATTERN = r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$"
URL_PATTERN = r"^https://[^\s]+$"
SOURCE_REF_PATTERN = r"^(https://[^\s]+|[a-z0-9][a-z0-9-]*)$"
HASH_PATTERN = r"^[0-9a-f]{8}$"
AUDIENCES = ("user", "agent", "admin")
NODE_TYPES = ("question", "info", "resolution", "escalation", "link", "return")

Report = Callable[[tuple, str, str], None]
"""Receives (data path, defect code, message) for each defect found."""


class Spec:
    """A value's expected shape; `check` reports defects, `json` renders JSON Schema."""

    description: str = ""

    def check(self, value: object, path: tuple, report: Report) -> None:
        raise NotImplementedError

    def json(self) -> dict:
        raise NotImplementedError

    def _with_doc(self, schema: dict) -> dict:
        if self.description:
            schema["description"] = self.description
        return schema


def _show(path: tuple) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


@dataclass
class Text(Spec):
    """A non-empty string, optionally matching a regular expression."""

    pattern: str | None = None
    hint: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        self._match = re.compile(self.pattern).match if self.pattern else None

    def check(self, value, path, report):
        if not isinstance(value, str):
            hint = "; put it in quotes" if isinstance(value, (int, float, bool)) else ""
            report(path, "schema-type", f"{_show(path)} must be text, not {_kind(value)}{hint}")
        elif not value.strip():
            report(path, "schema-value", f"{_show(path)} is empty; write the text or remove the key")
        elif self._match and not self._match(value):
            report(path, "schema-value", f"{_show(path)}: {value!r} is not {self.hint or 'valid'}")

    def json(self):
        schema: dict = {"type": "string", "minLength": 1, "pattern": self.pattern or r"\S"}
        return self._with_doc(schema)


@dataclass
class OneOfText(Spec):
    """One string out of a fixed set."""

    values: tuple[str, ...]
    description: str = ""

    def check(self, value, path, report):
        if value not in self.values:
            report(path, "schema-value", f"{_show(path)} must be one of {', '.join(self.values)}, not {value!r}")

    def json(self):
        return self._with_doc({"enum": list(self.values)})


@dataclass
class ListOf(Spec):
    """A list whose items all match `item`."""

    item: Spec
    description: str = ""

    def check(self, value, path, report):
        if not isinstance(value, list):
            report(path, "schema-type", f"{_show(path)} must be a list, not {_kind(value)}")
            return
        for index, entry in enumerate(value):
            self.item.check(entry, path + (index,), report)

    def json(self):
        return self._with_doc({"type": "array", "items": self.item.json()})


@dataclass
class MapOf(Spec):
    """A mapping from keys matching `key_pattern` to values matching `value`."""

    value: Spec
    key_pattern: str = ID_PATTERN
    key_hint: str = "an id (lower-case letters, digits and hyphens)"
    min_items: int = 0
    description: str = ""

    def __post_init__(self) -> None:
        self._key_match = re.compile(self.key_pattern).match

    def check(self, value, path, report):
        if not isinstance(value, dict):
            report(path, "schema-type", f"{_show(path)} must be a mapping, not {_kind(value)}")
            return
        if len(value) < self.min_items:
            report(path, "schema-value", f"{_show(path)} needs at least {self.min_items} entr"
                   f"{'y' if self.min_items == 1 else 'ies'}")
        for key, entry in value.items():
            if not self._key_match(str(key)):
                report(path + (key,), "schema-key", f"{_show(path)}: key {key!r} is not {self.key_hint}")
            self.value.check(entry, path + (key,), report)

    def json(self):
        schema = {"type": "object", "propertyNames": {"pattern": self.key_pattern},
                  "additionalProperties": self.value.json()}
        if self.min_items:
            schema["minProperties"] = self.min_items
        return self._with_doc(schema)


@dataclass
class Field:
    """One named field of an `Obj`."""

    spec: Spec
    required: bool = False


@dataclass
class Obj(Spec):
    """A mapping with named fields; unknown keys are defects (they are usually typos)."""

    fields: dict[str, Field]
    description: str = ""

    def check(self, value, path, report):
        if not isinstance(value, dict):
            report(path, "schema-type", f"{_show(path)} must be a mapping, not {_kind(value)}")
            return
        for name, spec_field in self.fields.items():
            if name in value:
                spec_field.spec.check(value[name], path + (name,), report)
            elif spec_field.required:
                report(path, "schema-required", f"{_show(path)} needs the key {name!r}")
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(str(key), self.fields, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(self.fields)}"
                report(path + (key,), "schema-unknown-key", f"unknown key {key!r} in {_show(path)}{hint}")

    def json(self):
        return self._with_doc({
            "type": "object",
            "properties": {name: f.spec.json() for name, f in self.fields.items()},
            "required": [name for name, f in self.fields.items() if f.required],
            "additionalProperties": False,
        })


@dataclass
class Either(Spec):
    """A value matching the first alternative whose Python type fits."""

    alternatives: tuple[tuple[type, Spec], ...]
    description: str = ""

    def check(self, value, path, report):
        for python_type, spec in self.alternatives:
            if isinstance(value, python_type):
                spec.check(value, path, report)
                return
        names = " or ".join(_TYPE_NAMES[t] for t, _ in self.alternatives)
        report(path, "schema-type", f"{_show(path)} must be {names}, not {_kind(value)}")

    def json(self):
        return self._with_doc({"oneOf": [spec.json() for _, spec in self.alternatives]})


@dataclass
class Tagged(Spec):
    """A mapping whose `tag` field picks which `Obj` describes the rest."""

    tag: str
    variants: dict[str, Obj]
    description: str = ""

    def check(self, value, path, report):
        if not isinstance(value, dict):
            report(path, "schema-type", f"{_show(path)} must be a mapping, not {_kind(value)}")
            return
        kind = value.get(self.tag)
        if kind not in self.variants:
            report(path + (self.tag,) if self.tag in value else path, "schema-value",
                   f"{_show(path)}.{self.tag} must be one of {', '.join(self.variants)}, not {kind!r}")
            return
        self.variants[kind].check(value, path, report)

    def json(self):
        return self._with_doc({
            "type": "object",
            "required": [self.tag],
            "properties": {self.tag: {"enum": list(self.variants)}},
            "allOf": [
                {"if": {"properties": {self.tag: {"const": kind}}}, "then": variant.json()}
                for kind, variant in self.variants.items()
            ],
        })


_TYPE_NAMES = {str: "text", dict: "a mapping", list: "a list"}


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "empty"}.get(type(value), type(value).__name__)


# --- the tree file -------------------------------------------------------

_node_id = Text(ID_PATTERN, "a node id (lower-case letters, digits, hyphens)")
_sources = ListOf(Text(SOURCE_REF_PATTERN, "an https:// URL or a key of the tree's sources"),
                  description="Public sources for the facts this node states: https URLs or keys of `sources`.")
_action_ref = Either((
    (str, Text(ID_PATTERN, "an action id")),
    (dict, Obj({
        "id": Field(Text(ID_PATTERN, "an action id"), required=True),
        "params": Field(MapOf(Text(), key_pattern=r"^[a-z][a-z0-9_]*$", key_hint="a parameter name",
                              description="Parameter name → value (quote numbers).")),
    })),
), description="An action id from the registry, or {id, params}.")
_common = {
    "type": Field(OneOfText(NODE_TYPES), required=True),
    "sources": Field(_sources),
    "note": Field(Text(description="A comment for authors; never shown.")),
}

NODE = Tagged("type", {
    "question": Obj({
        **_common,
        "answers": Field(MapOf(_node_id, min_items=1, description="Answer key → the node it leads to."),
                         required=True),
        "answered_by": Field(Obj({
            "fact": Field(Text(FACT_PATTERN, "a fact id such as dsregcmd.azure-ad-prt"), required=True),
            "values": Field(MapOf(Text(ID_PATTERN, "an answer key"), key_pattern=r"^\S+$", key_hint="a fact value",
                                  min_items=1), required=True),
        }, description="The evidence fact that answers this question, and which value picks which answer.")),
    }, description="Asks something; each answer leads to another node."),
    "info": Obj({**_common, "next": Field(_node_id, required=True)},
                description="Tells something, then continues to `next`."),
    "resolution": Obj({
        **_common,
        "cause": Field(Text(ID_PATTERN, "a cause id")),
        "actions": Field(ListOf(_action_ref)),
        "next": Field(Text(ID_PATTERN, "a node id", description="Where to go when this did not fix it.")),
    }, description="Concludes a cause and names the actions that fix it."),
    "escalation": Obj({**_common, "actions": Field(ListOf(_action_ref))},
                      description="Hands the case over with everything collected."),
    "link": Obj({
        **_common,
        "tree": Field(Text(ID_PATTERN, "a tree id"), required=True),
        "node": Field(Text(ID_PATTERN, "a node id", description="The node to enter; the tree's start when omitted.")),
        "then": Field(Text(ID_PATTERN, "a node id", description="Where to continue (in this tree) when the "
                                                                "linked sub-flow reaches a return node.")),
    }, description="Continues in another tree (and comes back at `then` when the sub-flow returns)."),
    "return": Obj({
        **_common,
        "next": Field(_node_id, required=True),
    }, description="Ends a sub-flow: the walk goes back to the calling link's `then`, or to `next` "
                   "when the tree was entered without one."),
})

TREE = Obj({
    "id": Field(Text(ID_PATTERN, "a tree id"), required=True),
    "symptom": Field(Text(ID_PATTERN, "a symptom id")),
    "start": Field(_node_id),
    "sources": Field(MapOf(Text(URL_PATTERN, "an https:// URL"), description="Source key → public URL.")),
    "nodes": Field(MapOf(NODE, min_items=1), required=True),
    "note": Field(Text(description="A comment for authors; never shown.")),
}, description="A guide decision tree: structure only; the words live in content/<lang>/.")

# --- the content file ----------------------------------------------------

_hash = Text(HASH_PATTERN, "8 lower-case hex digits")
_triggers = ListOf(Text(), description="Phrases a person might type that should lead here.")

NODE_TEXT = Obj({
    "title": Field(Text(description="Short heading: transcript, palette, diagrams."), required=True),
    "text": Field(Text(description="What the guide says, for every audience."), required=True),
    **{audience: Field(Text(description=f"Replaces `text` for the {audience} audience."))
       for audience in AUDIENCES},
    "answers": Field(MapOf(Text(), description="Answer key → its label.")),
    "source_hash": Field(_hash),
    "triggers": Field(_triggers),
}, description="The words of one node in one language.")

CONTENT = Obj({
    "tree": Field(Text(ID_PATTERN, "a tree id"), required=True),
    "lang": Field(OneOfText(LANGS), required=True),
    "title": Field(Text(), required=True),
    "source_hash": Field(_hash),
    "triggers": Field(_triggers),
    "nodes": Field(MapOf(NODE_TEXT), required=True),
}, description="The words of one tree in one language.")


def json_schema(spec: Spec, title: str) -> dict:
    """A complete JSON Schema document for `spec`."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **spec.json()}


SCHEMAS = {"tree": (TREE, "guide tree"), "content": (CONTENT, "guide content")}
"""Schema name → (spec, title); `guide schema NAME` prints the JSON Schema."""


@dataclass
class Collected:
    """Defects collected while checking one value: (data path, code, message)."""

    items: list[tuple[tuple, str, str]] = field(default_factory=list)

    def __call__(self, path: tuple, code: str, message: str) -> None:
        self.items.append((path, code, message))
