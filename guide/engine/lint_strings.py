"""The lint checks that need one file only: every string of it, looked at for what would show badly.

A words file's strings are searched for East-Asian ambiguous-width characters,
control characters, Textual/Rich markup and the wording problems of
`lint_wording`; a tree file's strings (ids, source titles) for control
characters. None of this depends on any other file, so the loader runs it while
the file's parsed document is at hand (`examine`) and `cache.FileCache` keeps
what it found with the file: the document itself is never kept.

A clean file (nearly every one) costs one search of each pattern over all its
strings joined, not one per string.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

from guide.engine.lint_wording import may_be_phrasing_problem, phrasing_problems

Finding = tuple[tuple, str, str]
"""(data path of the string, defect code, message)."""

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab and line feed; ESC (U+001B) starts the sequences terminals obey."""

MARKUP = re.compile(r"\[(?:/[a-z]*|[a-z]+(?:[ =][^\]\n]*)?|@[a-z][^\]\n]*|\$[a-z][^\]\n]*)\]")
"""What Textual/Rich would read as markup (``[b]``, ``[/]``, ``[@click=...]``, ``[$variable]``)."""

_NOT_SHOWN = ("source_hash", "tree", "lang")
"""Keys of a words file whose values are never shown to anyone."""


@lru_cache(maxsize=1)
def ambiguous_chars() -> re.Pattern[str]:
    """A pattern matching every East-Asian ambiguous-width character of the BMP."""
    chars = [chr(cp) for cp in range(0x80, 0x10000)
             if not 0xD800 <= cp <= 0xDFFF and not 0xE000 <= cp <= 0xF8FF
             and unicodedata.east_asian_width(chr(cp)) == "A"]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def examine(data: object, lang: str | None) -> list[Finding]:
    """What a words file in `lang` (or, with `lang` None, a tree file) holding `data` shows badly."""
    joined = "\n".join(_values(data))  # a line feed is neither a control character nor inside any match
    if lang is None:
        return _tree_findings(data) if CONTROL.search(joined) else []
    ambiguous = ambiguous_chars()
    if not (ambiguous.search(joined) or MARKUP.search(joined) or CONTROL.search(joined)
            or may_be_phrasing_problem(lang, joined)):
        return []
    return _words_findings(data, lang, ambiguous)


def _tree_findings(data: object) -> list[Finding]:
    found = []
    for container, key, value in strings(data):
        control = CONTROL.search(value)
        if control:
            found.append((container + (key,), "control-character",
                          f"U+{ord(control.group()):04X} is a control character; delete it"))
    return found


def _words_findings(data: object, lang: str, ambiguous: re.Pattern[str]) -> list[Finding]:
    found = []
    for container, key, value in strings(data):
        if key in _NOT_SHOWN:
            continue
        at = container + (key,)
        char = ambiguous.search(value)
        if char:
            found.append((at, "ambiguous-width", f"{char.group()!r} (U+{ord(char.group()):04X}) is drawn 1 or 2 cells "
                                                 "wide depending on the terminal; use another character"))
        control = CONTROL.search(value)
        if control:
            found.append((at, "control-character",
                          f"U+{ord(control.group()):04X} is a control character; a terminal would obey it "
                          "(an escape sequence can recolour or rewrite the screen): delete it"))
        markup = MARKUP.search(value)
        if markup:
            found.append((at, "markup", f"{markup.group()!r} looks like markup; it is shown as written"))
        found.extend((at, code, message) for code, message in phrasing_problems(lang, value))
    return found


def _values(data: object) -> list[str]:
    """Every string value inside `data` (any order)."""
    found: list[str] = []
    pending = [data]
    while pending:
        value = pending.pop()
        for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, (dict, list)):
                pending.append(item)
    return found


def strings(data: object) -> Iterator[tuple[tuple, object, str]]:
    """(path of its container, its key or index, text) of every string inside `data`, in document order
    (the caller builds a string's own path only for the few it reports)."""
    pending = [(data, ())] if isinstance(data, (dict, list)) else []
    while pending:
        value, path = pending.pop()
        later = []
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            if isinstance(item, str):
                yield path, key, item
            elif isinstance(item, (dict, list)):
                later.append((item, path + (key,)))
        pending.extend(reversed(later))
