"""Line breaking that suits Japanese as well as English.

Textual breaks lines only at spaces, so a Japanese sentence (no spaces)
mixed with a few English words ("Microsoft がこの状況のために...") is pushed
whole onto the next line, leaving short ragged lines. Here a line may break
at a space, or between any two wide characters; English words stay whole
(unless longer than the line). A few characters are kept off the start of a
line (。、」 and small kana) and off the end (「（), a light kinsoku shori.
Plain Python, no Textual; `guide.tui.widgets.prose` draws with it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import cell_len

NO_LINE_START = frozenset("、。，．・：；？！ー）］｝〕〉》」』】ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ")
"""Characters a line should not start with (closing brackets, punctuation, small kana)."""

NO_LINE_END = frozenset("（［｛〔〈《「『【")
"""Characters a line should not end with (opening brackets)."""


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) runs: ``space``, ``wide`` (one wide character) or ``word`` (narrow non-spaces).

    Narrow punctuation stays inside its word, so English words, URLs and commands keep together.
    """
    tokens: list[tuple[int, int, str]] = []
    index, length = 0, len(text)
    while index < length:
        ch = text[index]
        if ch.isspace():
            kind = "space"
        elif _is_wide(ch):
            tokens.append((index, index + 1, "wide"))
            index += 1
            continue
        else:
            kind = "word"
        end = index + 1
        while end < length and not _is_wide(text[end]) and text[end].isspace() == (kind == "space"):
            end += 1
        tokens.append((index, end, kind))
        index = end
    return tokens


@lru_cache(maxsize=4096)
def break_offsets(line: str, width: int) -> tuple[int, ...]:
    """Offsets at which to break one line (no newlines) so every piece fits in `width` cells."""
    if width < 2 or cell_len(line) <= width:
        return ()
    offsets: list[int] = []
    tokens = _tokens(line)
    start, used = 0, 0
    for number, (begin, end, kind) in enumerate(tokens):
        size = cell_len(line[begin:end])
        if used + size <= width:
            used += size
            continue
        if kind == "space":
            offsets.append(end)
            start, used = end, 0
            continue
        if kind == "word" and size > width:
            for position in range(begin, end):
                cells = cell_len(line[position])
                if used + cells > width and position > start:
                    offsets.append(position)
                    start, used = position, 0
                used += cells
            continue
        cut = begin
        previous = tokens[number - 1] if number else None
        if previous and previous[0] > start and (line[begin] in NO_LINE_START or line[previous[0]] in NO_LINE_END) \
                and previous[2] != "space":
            cut = previous[0]
        if cut > start:
            offsets.append(cut)
            start = cut
        used = cell_len(line[start:end])
    return tuple(offsets)


def wrap_lines(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` cells (spaces at a break are dropped)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        cuts = (0, *break_offsets(paragraph, width), len(paragraph))
        lines += [paragraph[a:b].rstrip() if b < len(paragraph) else paragraph[a:b] for a, b in zip(cuts, cuts[1:])]
    return lines
