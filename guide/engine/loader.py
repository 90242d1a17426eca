"""Read a content set (trees and their words) from folders into the model.

Each file is read strictly (`yamlio`), checked against its declared shape
(`spec`) and turned into frozen model objects. A file that cannot be read or
does not have the right shape becomes defects and is left out; the other files
still load, so one broken file never hides the state of the rest.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from guide.engine import spec
from guide.engine.errors import ContentError
from guide.engine.model import (ActionRef, AnsweredBy, ContentSet, Defect, Node, NodeRef, NodeText, Tree, TreeText,
                                frozen)
from guide.engine.places import default_content_dir, default_trees_dir
from guide.engine.yamlio import Document, decode_text, load_yaml

if TYPE_CHECKING:
    from guide.engine.cache import FileCache

__all__ = ["Loaded", "default_content_dir", "default_trees_dir", "load_content"]


@dataclass
class Loaded:
    """A content set with the parsed documents lint needs for positions."""

    content: ContentSet
    tree_docs: dict[str, Document] = field(default_factory=dict)
    """Tree id → its parsed file."""
    text_docs: dict[tuple[str, str], Document] = field(default_factory=dict)
    """(lang, tree id) → its parsed file."""
    failed_trees: set[str] = field(default_factory=set)
    """Ids (and file stems) of tree files that could not be loaded: lint does not
    report their words as orphans or links to them as unknown."""


def _defect(error: ContentError, severity: str = "error") -> Defect:
    return Defect(error.path, error.line, error.col, severity, error.code, error.message)


def _parse(path: Path, shape: spec.Spec, files: FileCache | None) -> tuple[Document, list]:
    """Parse one file and check its shape: (document, shape problems); through `files` when given."""
    if files is None:
        return _parse_now(path, shape, load_yaml(path))
    try:
        raw = path.read_bytes()
    except OSError:
        return _parse_now(path, shape, load_yaml(path))  # the reader says what is wrong, located
    try:
        return files.read(path, raw, lambda: _parse_now(path, shape, load_yaml(path, decode_text(raw, str(path)))))
    except ContentError:
        files.forget(path)
        raise


def _parse_now(path: Path, shape: spec.Spec, doc: Document) -> tuple[Document, list]:
    found = spec.Collected()
    shape.check(doc.data, (), found)
    return doc, found.items


def _read(path: Path, shape: spec.Spec, defects: list[Defect], failed: set[str] | None = None,
          files: FileCache | None = None) -> Document | None:
    """Parse one file and check its shape; None (with defects, and its ids in `failed`) when unusable."""
    try:
        doc, problems = _parse(path, shape, files)
    except ContentError as error:
        defects.append(_defect(error))
        if failed is not None:
            failed.add(path.stem)
        return None
    for data_path, code, message in problems:
        line, col = doc.where(data_path, key=code in ("schema-unknown-key", "schema-required"))
        defects.append(Defect(doc.path, line, col, "error", code, message))
    if problems and failed is not None:
        failed.add(path.stem)
        if isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
            failed.add(doc.data["id"])
    return None if problems else doc


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file() or p.is_symlink())


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small, acyclic objects.

    Parsing allocates hundreds of thousands of nodes that are never garbage;
    letting the collector rescan them repeatedly more than doubles load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_content(trees_dir: Path | None = None, content_dir: Path | None = None, *,
                 files: FileCache | None = None) -> Loaded:
    """Load every tree in `trees_dir` and every translation under `content_dir/<lang>/`.

    With `files` (`guide lint` passes one), a file whose bytes are those of an
    earlier run is not parsed again (`cache.FileCache`); the caller saves it.
    """
    with _collector_paused():
        return _load_content(trees_dir, content_dir, files)


def _load_content(trees_dir: Path | None, content_dir: Path | None, files: FileCache | None = None) -> Loaded:
    trees_dir = Path(trees_dir) if trees_dir else default_trees_dir()
    content_dir = Path(content_dir) if content_dir else default_content_dir()
    defects: list[Defect] = []
    loaded = Loaded(ContentSet({}, {}))
    trees: dict[str, Tree] = {}
    if not trees_dir.is_dir():
        defects.append(Defect(str(trees_dir), 0, 0, "error", "missing-folder",
                              "trees folder not found; pass --trees with the folder holding the tree files"))
    for path in _yaml_files(trees_dir) if trees_dir.is_dir() else ():
        doc = _read(path, spec.TREE, defects, loaded.failed_trees, files)
        if doc is None:
            continue
        tree = _build_tree(doc)
        if tree.id in trees:
            line, col = doc.where(("id",))
            defects.append(Defect(doc.path, line, col, "error", "duplicate-tree",
                                  f"tree id {tree.id!r} is also used by {trees[tree.id].path}; ids must be unique"))
            continue
        if path.stem != tree.id:
            line, col = doc.where(("id",))
            defects.append(Defect(doc.path, line, col, "warning", "file-name",
                                  f"tree {tree.id!r} is in {path.name}; name the file {tree.id}.yaml"))
        trees[tree.id] = tree
        loaded.tree_docs[tree.id] = doc
    texts: dict[tuple[str, str], TreeText] = {}
    if not content_dir.is_dir():
        defects.append(Defect(str(content_dir), 0, 0, "error", "missing-folder",
                              "content folder not found; pass --content with the folder holding ja/ and en/"))
    for lang in spec.LANGS:
        for path in _yaml_files(content_dir / lang) if content_dir.is_dir() else ():
            doc = _read(path, spec.CONTENT, defects, files=files)
            if doc is None:
                continue
            text = _build_text(doc)
            problem = None
            if text.lang != lang:
                problem = ("lang", f"file is under {lang}/ but says lang: {text.lang}; move it or fix lang")
            elif path.stem != text.tree:
                problem = ("tree", f"words for tree {text.tree!r} are in {path.name}; name the file {text.tree}.yaml")
            elif (lang, text.tree) in texts:
                problem = ("tree", f"tree {text.tree!r} already has {lang} words in {texts[lang, text.tree].path}")
            if problem:
                line, col = doc.where((problem[0],))
                defects.append(Defect(doc.path, line, col, "error", "content-file", problem[1]))
                continue
            texts[lang, text.tree] = text
            loaded.text_docs[lang, text.tree] = doc
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
