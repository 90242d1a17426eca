"""The written training corpus: problem statements the project wrote, labelled by construction.

``guide/training/written-<lang>.yaml`` is a list of ``{symptom:, voice:, text:}``:
statements written by the project from what a symptom tree answers (in four
voices: a user typing into a chat box, a forum post, a help-desk agent's note,
an administrator's question; a third of them on purpose in the words of a
neighbouring tree). They are not real users' words and never a benchmark. Only
the router's softmax regression learns from them (`Index.linear_examples`,
`guide.engine.routing.linear`): the votes and naive Bayes never count them, so
they teach which words *separate* the trees without moving any tree's counts.

A file that does not read gives its language no lines (routing goes on); a
line without text or with a symptom no tree has is left out. `check_written`
(run by ``guide lint``) says where either is.
"""

from __future__ import annotations

from typing import Mapping

from guide.engine.catalog import LANGS
from guide.engine.routing.examples import documents_to_check, package_documents

FOLDER = "training"
"""The corpus's folder inside the package: one ``written-<lang>.yaml`` per language."""

VOICES = frozenset({"user", "forum", "agent", "admin"})
"""Who a written statement speaks as."""


class Written:
    """One written statement. (A plain class: this module is imported by the index's module, on every
    query, and a dataclass costs about a millisecond to make.)"""

    __slots__ = ("tree", "text", "voice", "line")

    def __init__(self, tree: str, text: str, voice: str, line: int) -> None:
        self.tree = tree
        """The symptom tree it was written from (its label)."""
        self.text = text
        """The statement."""
        self.voice = voice
        """One of `VOICES`."""
        self.line = line
        """Its line in the file (1-based), for located messages."""


def written_files() -> dict[str, object]:
    """Language → the corpus file shipped in the package (an importlib resource)."""
    from importlib import resources

    folder = resources.files("guide").joinpath(FOLDER)
    return {lang: folder.joinpath(f"written-{lang}.yaml") for lang in LANGS}


def load_written() -> dict[str, tuple[Written, ...]]:
    """Language → its written statements with text and symptom, in file order; none for a language whose
    file is missing or does not read."""
    return {lang: tuple(line for line in _entries(doc) if line.text and line.tree) if doc else ()
            for lang, _name, doc, _error in package_documents(written_files(), _name)}


def check_written(trees: set[str]) -> list[tuple[str, int, int, str]]:
    """What is wrong with the shipped corpus files, as (file, line, column, message), empty when nothing
    is: a file that does not read or is not a list, an entry without text, a symptom that is not one of
    `trees`, a voice not in `VOICES`, a text given twice."""
    problems: list[tuple[str, int, int, str]] = []
    for name, doc in documents_to_check(written_files(), _name, problems, list,
                                        "the router's regression leaves this file out until it reads",
                                        "expected a list of {symptom:, voice:, text:}"):
        seen: dict[str, int] = {}
        for number, item in enumerate(doc.data):
            line, col = doc.where((number,))
            item = item if isinstance(item, Mapping) else {}
            text, symptom, voice = item.get("text"), item.get("symptom"), item.get("voice")
            if not isinstance(text, str) or not text.strip():
                problems.append((name, line, col, "a written statement needs its words as `text:`"))
                continue
            if symptom not in trees:
                problems.append((name, line, col, f"symptom {symptom!r} is not a symptom tree; use one of "
                                                  f"{sorted(trees)}"))
            if voice not in VOICES:
                problems.append((name, line, col, f"voice {voice!r} is not one of {sorted(VOICES)}"))
            if text in seen:
                problems.append((name, line, col, f"the same text as line {seen[text]}"))
            seen.setdefault(text, line)
    return problems


def _name(lang: str) -> str:
    """How messages name the corpus file of `lang`."""
    return f"guide/{FOLDER}/written-{lang}.yaml"


def _entries(doc) -> list[Written]:
    """The entries of one loaded file."""
    data = doc.data if isinstance(doc.data, list) else []
    entries = []
    for number, item in enumerate(data):
        item = item if isinstance(item, Mapping) else {}
        entries.append(Written(str(item.get("symptom") or ""), str(item.get("text") or ""),
                               str(item.get("voice") or ""), doc.where((number,))[0]))
    return entries
