"""Read a content set (trees and their words) from folders into the model.

Each file is read strictly (`yamlio`), checked against its declared shape
(`spec`) and turned into frozen model objects. A file that cannot be read or
does not have the right shape becomes defects and is left out; the other files
still load, so one broken file never hides the state of the rest.

One file at a time
    A file's parsed document (its data and the position of every value) is
    several times the size of the model made from it, so it is kept only while
    that file is read: everything later work needs from it (the model, located
    shape problems, the positions of its top keys, what a caller's `examine`
    finds in the file alone) is taken then, as a `Reading`, and the document is
    let go. That keeps a content set's peak memory near the model's size
    instead of every document's at once. A document is read again from its
    file only when asked for (`Loaded.tree_docs`, `.text_docs`: lint locating
    the few defects the model cannot place, stamp editing a file).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from guide.engine import spec
from guide.engine.collector import collector_paused
from guide.engine.errors import ContentError
from guide.engine.model import (EMPTY, ActionRef, AnsweredBy, ContentSet, Defect, Node, NodeRef, NodeText, Tree,
                                TreeText, frozen)
from guide.engine.places import default_content_dir, default_trees_dir, yaml_files
from guide.engine.yamlio import Document, decode_text, load_yaml

if TYPE_CHECKING:
    from guide.engine.cache import FileCache

__all__ = ["Documents", "Examine", "Loaded", "Reading", "default_content_dir", "default_trees_dir", "load_content"]

Examine = Callable[[object, "str | None"], list]
"""Looks at one file's data alone (a words file's language, None for a tree file) and returns
(data path, code, message) for each problem (`lint_strings.examine`)."""

Located = tuple[str, int, int, str, str]
"""(file, line, col, code, message) of a problem `Examine` found."""


class Documents(Mapping):
    """Key (a tree id, or (lang, tree id)) → that file's parsed `Document`, read again from the file each
    time it is asked for: a loaded content set keeps no document in memory."""

    __slots__ = ("paths",)

    def __init__(self) -> None:
        self.paths: dict = {}
        """Key → the file it was read from."""

    def __getitem__(self, key: object) -> Document:
        """The file's document now (raises `ContentError`, located, when it no longer reads)."""
        return load_yaml(self.paths[key])

    def __iter__(self) -> Iterator:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


@dataclass
class Loaded:
    """A content set, where its files are, and what `examine` found in each file alone."""

    content: ContentSet
    tree_docs: Documents = field(default_factory=Documents)
    """Tree id → its parsed file (read again on use)."""
    text_docs: Documents = field(default_factory=Documents)
    """(lang, tree id) → its parsed file (read again on use)."""
    failed_trees: set[str] = field(default_factory=set)
    """Ids (and file stems) of tree files that could not be loaded: lint does not
    report their words as orphans or links to them as unknown."""
    findings: list[Located] = field(default_factory=list)
    """What `examine` found in the files it looked at, located."""
    unexamined: list[tuple[str | None, object]] = field(default_factory=list)
    """(lang of a words file or None for a tree file, its key in `tree_docs`/`text_docs`) of each loaded file
    `examine` did not look at (none was given, or a cached reading was made without one)."""


@dataclass(slots=True)
class Reading:
    """What reading one file gave, without its parsed document (what `cache.FileCache` keeps)."""

    built: Tree | TreeText | None
    """The model made from the file; None when its shape is wrong."""
    problems: tuple[Defect, ...]
    """Its shape problems, located."""
    heads: Mapping[str, tuple[int, int]]
    """Position of each top key other files' problems are reported at (``id``; ``lang``, ``tree``)."""
    findings: tuple[tuple[int, int, str, str], ...] | None
    """(line, col, code, message) of what `examine` found; None when it did not look."""
    names: tuple[str, ...] = ()
    """A tree file of the wrong shape: its stem and the id it declares (links to them are not reported)."""


def _defect(error: ContentError, severity: str = "error") -> Defect:
    return Defect(error.path, error.line, error.col, severity, error.code, error.message)


def _reading(path: Path, lang: str | None, files: FileCache | None, examine: Examine | None) -> Reading:
    """Read one file (a words file in `lang`, or a tree file); through `files` when given."""
    if files is None:
        return _read_now(path, lang, load_yaml(path), examine)
    try:
        raw = path.read_bytes()
    except OSError:
        return _read_now(path, lang, load_yaml(path), examine)  # the reader says what is wrong, located
    try:
        return files.read(path, raw, lambda: _read_now(path, lang, load_yaml(path, decode_text(raw, str(path))), examine))
    except ContentError:
        files.forget(path)
        raise


_AT_KEY = ("schema-unknown-key", "schema-required")
"""Shape problems reported at the key rather than its value."""


def _read_now(path: Path, lang: str | None, doc: Document, examine: Examine | None) -> Reading:
    """Everything later work needs from `doc`, which the caller then lets go."""
    found = spec.Collected()
    (spec.TREE if lang is None else spec.CONTENT).check(doc.data, (), found)
    if found.items:
        problems = tuple(Defect(doc.path, *doc.where(data_path, key=code in _AT_KEY), "error", code, message)
                         for data_path, code, message in found.items)
        declared = doc.data.get("id") if isinstance(doc.data, dict) else None
        return Reading(None, problems, EMPTY, None, (path.stem, *([declared] if isinstance(declared, str) else [])))
    built = _build_tree(doc) if lang is None else _build_text(doc)
    heads = {name: doc.where((name,)) for name in (("id",) if lang is None else ("lang", "tree"))}
    findings = None if examine is None else tuple(
        (*doc.where(data_path), code, message) for data_path, code, message in examine(doc.data, lang))
    return Reading(built, (), heads, findings)


def _read(path: Path, lang: str | None, defects: list[Defect], failed: set[str] | None,
          files: FileCache | None, examine: Examine | None) -> Reading | None:
    """One file's reading; None (with defects, and its names in `failed`) when unusable."""
    try:
        reading = _reading(path, lang, files, examine)
    except ContentError as error:
        defects.append(_defect(error))
        if failed is not None:
            failed.add(path.stem)
        return None
    defects.extend(reading.problems)
    if reading.built is None:
        if failed is not None:
            failed.update(reading.names)
        return None
    return reading


def _accept(loaded: Loaded, docs: Documents, key: object, path: Path, lang: str | None, reading: Reading) -> None:
    """Remember where an accepted file is and what `examine` found in it."""
    docs.paths[key] = path
    if reading.findings is None:
        loaded.unexamined.append((lang, key))
    else:
        loaded.findings.extend((str(path), line, col, code, message)
                               for line, col, code, message in reading.findings)


def load_content(trees_dir: Path | None = None, content_dir: Path | None = None, *,
                 files: FileCache | None = None, examine: Examine | None = None) -> Loaded:
    """Load every tree in `trees_dir` and every translation under `content_dir/<lang>/`.

    With `examine` (lint's `lint_strings.examine`), each file's data is also
    looked at alone while it is read (`Loaded.findings`). With `files`
    (`guide lint` passes one), a file whose bytes are those of an earlier run is
    not read again (`cache.FileCache`); the caller saves it.
    """
    with collector_paused():
        return _load_content(trees_dir, content_dir, files, examine)


def _load_content(trees_dir: Path | None, content_dir: Path | None, files: FileCache | None,
                  examine: Examine | None) -> Loaded:
    trees_dir = Path(trees_dir) if trees_dir else default_trees_dir()
    content_dir = Path(content_dir) if content_dir else default_content_dir()
    defects: list[Defect] = []
    loaded = Loaded(ContentSet({}, {}))
    trees: dict[str, Tree] = {}
    if not trees_dir.is_dir():
        defects.append(Defect(str(trees_dir), 0, 0, "error", "missing-folder",
                              "trees folder not found; pass --trees with the folder holding the tree files"))
    for path in yaml_files(trees_dir) if trees_dir.is_dir() else ():
        reading = _read(path, None, defects, loaded.failed_trees, files, examine)
        if reading is None:
            continue
        tree = reading.built
        if tree.id in trees:
            defects.append(Defect(tree.path, *reading.heads["id"], "error", "duplicate-tree",
                                  f"tree id {tree.id!r} is also used by {trees[tree.id].path}; ids must be unique"))
            continue
        if path.stem != tree.id:
            defects.append(Defect(tree.path, *reading.heads["id"], "warning", "file-name",
                                  f"tree {tree.id!r} is in {path.name}; name the file {tree.id}.yaml"))
        trees[tree.id] = tree
        _accept(loaded, loaded.tree_docs, tree.id, path, None, reading)
    texts: dict[tuple[str, str], TreeText] = {}
    if not content_dir.is_dir():
        defects.append(Defect(str(content_dir), 0, 0, "error", "missing-folder",
                              "content folder not found; pass --content with the folder holding ja/ and en/"))
    for lang in spec.LANGS:
        for path in yaml_files(content_dir / lang) if content_dir.is_dir() else ():
            reading = _read(path, lang, defects, None, files, examine)
            if reading is None:
                continue
            text = reading.built
            problem = None
            if text.lang != lang:
                problem = ("lang", f"file is under {lang}/ but says lang: {text.lang}; move it or fix lang")
            elif path.stem != text.tree:
                problem = ("tree", f"words for tree {text.tree!r} are in {path.name}; name the file {text.tree}.yaml")
            elif (lang, text.tree) in texts:
                problem = ("tree", f"tree {text.tree!r} already has {lang} words in {texts[lang, text.tree].path}")
            if problem:
                defects.append(Defect(text.path, *reading.heads[problem[0]], "error", "content-file", problem[1]))
                continue
            texts[lang, text.tree] = text
            _accept(loaded, loaded.text_docs, (lang, text.tree), path, lang, reading)
    loaded.content = ContentSet(frozen(trees), frozen(texts), tuple(defects))
    return loaded


def _action(entry: object) -> ActionRef:
    if isinstance(entry, str):
        return ActionRef(entry)
    params = {name: str(value) for name, value in (entry.get("params") or {}).items()}
    return ActionRef(entry["id"], frozen(params))


def _build_tree(doc: Document) -> Tree:
    data = doc.data
    sources = data.get("sources") or {}
    nodes = {}
    for node_id, raw in data["nodes"].items():
        line, col = doc.where(("nodes", node_id), key=True)
        answered = raw.get("answered_by")
        link = NodeRef(raw["tree"], raw.get("node") or "") if raw["type"] == "link" else None
        nodes[node_id] = Node(
            id=node_id, type=raw["type"], line=line, col=col,
            answers=frozen(raw.get("answers") or {}),
            next=raw.get("next"),
            cause=raw.get("cause"),
            actions=tuple(_action(entry) for entry in raw.get("actions") or ()),
            link=link,
            then=raw.get("then"),
            sources=tuple(sources.get(ref, ref) for ref in raw.get("sources") or ()),
            answered_by=AnsweredBy(answered["fact"], frozen(answered["values"])) if answered else None,
        )
    return Tree(id=data["id"], path=doc.path, start=data.get("start"), symptom=data.get("symptom"),
                nodes=frozen(nodes), sources=frozen(sources))


def _build_text(doc: Document) -> TreeText:
    data = doc.data
    nodes = {}
    for node_id, raw in data["nodes"].items():
        line, col = doc.where(("nodes", node_id), key=True)
        nodes[node_id] = NodeText(
            title=raw["title"], text=raw["text"], line=line, col=col,
            audiences=frozen({a: raw[a] for a in spec.AUDIENCES if a in raw}),
            answers=frozen(raw.get("answers") or {}),
            source_hash=raw.get("source_hash"),
            triggers=tuple(raw.get("triggers") or ()),
        )
    return TreeText(tree=data["tree"], lang=data["lang"], path=doc.path, title=data["title"],
                    nodes=frozen(nodes), source_hash=data.get("source_hash"),
                    triggers=tuple(data.get("triggers") or ()))
