"""Routing examples: real problem wording, quoted with its source, that the router learns from.

``guide/examples/<lang>.yaml`` maps a symptom tree's id to statements people
published about that problem (question titles on Q&A sites, help-desk FAQ
titles, a sentence of a support blog), each as published and with its
``source`` URL. They are data, like the benchmark's statement sets, not the
guide's own prose: they never appear on a screen. `guide.engine.routing.index`
adds them to their tree's document at their own weight, so the router knows
how people word a problem and not only how the content words it.

A statement of a benchmark set, or a page one was taken from, is never an
example (``benchmarks/trigger_overlap.py --examples`` checks the overlap
without printing any statement).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from guide.engine.catalog import LANGS

FOLDER = "examples"
"""The examples' folder inside the package: one ``<lang>.yaml`` per language."""


@dataclass(frozen=True, slots=True)
class Example:
    """One published statement of a problem."""

    tree: str
    """The symptom tree it belongs to (labelled from the text alone)."""
    text: str
    """As published: a title or one sentence."""
    source: str
    """The URL of the page it was published on."""
    line: int
    """Its line in the file (1-based), for located messages."""


def example_files() -> dict[str, object]:
    """Language → the examples file shipped in the package (an importlib resource)."""
    from importlib import resources

    folder = resources.files("guide").joinpath(FOLDER)
    return {lang: folder.joinpath(f"{lang}.yaml") for lang in LANGS}


def load_examples() -> dict[str, tuple[Example, ...]]:
    """Language → its examples, in file order; a language without a file has none.

    A file that does not read (malformed YAML) gives its language no examples: routing goes on without
    them and `check_examples` (run by ``guide lint``) says where the file is broken. An entry without
    text or tree is left out here and reported by `check_examples` too.
    """
    return {lang: tuple(example for example in _entries(doc) if example.text and example.tree) if doc else ()
            for lang, _name, doc, _error in package_documents(example_files(), _name)}


def check_examples(trees: set[str]) -> list[tuple[str, int, int, str]]:
    """What is wrong with the shipped examples files, as (file, line, column, message), empty when
    nothing is: a file that does not read, an entry that is not ``{text:, source:}``, a tree that is
    not one of `trees` (the symptom trees), a source that is not an http(s) URL, a text given twice."""
    problems: list[tuple[str, int, int, str]] = []
    for name, doc in documents_to_check(example_files(), _name, problems, Mapping,
                                        "routing leaves this file's examples out until it reads",
                                        "expected a mapping of symptom tree id to a list of examples"):
        seen: dict[str, int] = {}
        for tree, items in doc.data.items():
            line, col = doc.where((tree,), key=True)
            if tree not in trees:
                problems.append((name, line, col, f"{tree!r} is not a symptom tree; use one of {sorted(trees)}"))
            for number, item in enumerate(items if isinstance(items, list) else [None]):
                line, col = doc.where((tree, number)) if isinstance(items, list) else (line, col)
                text = item.get("text") if isinstance(item, Mapping) else None
                url = item.get("source") if isinstance(item, Mapping) else None
                if not isinstance(text, str) or not text.strip():
                    problems.append((name, line, col, "an example needs its published text as `text:`"))
                    continue
                if not isinstance(url, str) or not url.startswith(("https://", "http://")):
                    problems.append((name, line, col, "an example needs the URL it was published at as `source:`"))
                if text in seen:
                    problems.append((name, line, col, f"the same text as line {seen[text]}"))
                seen.setdefault(text, line)
    return problems


def _name(lang: str) -> str:
    """How messages name the examples file of `lang`."""
    return f"guide/{FOLDER}/{lang}.yaml"


def package_documents(files: Mapping[str, object], name: Callable[[str], str]) -> list[tuple[str, str, object, object]]:
    """(language, its file's name as messages give it (`name`), the file read as a located document or None,
    the `ContentError` when it does not read or None) of each language's file of `files` (importlib resources):
    the routing examples here, the written corpus in `guide.engine.routing.written`."""
    from guide.engine.errors import ContentError
    from guide.engine.yamlio import load_yaml

    found = []
    for lang in LANGS:
        source, doc, error = files[lang], None, None
        if source.is_file():
            try:
                doc = load_yaml(name(lang), source.read_text(encoding="utf-8"))
            except ContentError as problem:
                error = problem
        found.append((lang, name(lang), doc, error))
    return found


def documents_to_check(files: Mapping[str, object], name: Callable[[str], str],
                       problems: list[tuple[str, int, int, str]], shape: type, left_out: str,
                       expected: str) -> list[tuple[str, object]]:
    """(name, document) of each of `files` (see `package_documents`) that reads and whose top level is a
    `shape`, for a checker to look into; a file that does not read adds its located error with `left_out`
    (what routing does meanwhile) to `problems`, and one of another shape adds `expected` at its first line."""
    found = []
    for _lang, file_name, doc, error in package_documents(files, name):
        if error is not None:
            problems.append((file_name, error.line or 1, error.col or 1, f"{error.message} ({left_out})"))
        elif doc is not None and not isinstance(doc.data, shape):
            problems.append((file_name, 1, 1, expected))
        elif doc is not None:
            found.append((file_name, doc))
    return found


def _entries(doc) -> list[Example]:
    """The entries of one loaded file: ``{tree: [{text:, source:}, ...]}``."""
    data = doc.data if isinstance(doc.data, Mapping) else {}
    entries = []
    for tree, items in data.items():
        for number, item in enumerate(items if isinstance(items, list) else []):
            item = item if isinstance(item, Mapping) else {}
            line = doc.where((tree, number))[0]
            entries.append(Example(str(tree), str(item.get("text") or ""), str(item.get("source") or ""), line))
    return entries
