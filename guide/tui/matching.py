"""Free text to an answer: what a person types, matched to the labels on offer.

People type "いいえ", "ｎｏ", "No.", "ﾊｲ", "2" or "not fixed"; all of them should
choose the answer they mean, in either language, whatever the case, width or kana.
Matching is deliberately conservative: an exact (normalised) label, a number,
an answer key, or a unique prefix or containment. Anything ambiguous returns
None so the UI can ask instead of guessing. (A reply in the person's own words,
"毎朝です", is the router's job: `Guide.match_answer`, asked when no label
matches.) Plain Python, no Textual.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence


_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
"""Katakana ァ..ヶ to hiragana ぁ..ゖ, so ハイ (or half-width ﾊｲ) meets はい."""


def normalise(text: str) -> str:
    """`text` folded for comparison: NFKC (full/half width), case, kana, without spaces or punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_KATAKANA_TO_HIRAGANA)
    return "".join(ch for ch in folded if not (ch.isspace() or unicodedata.category(ch)[0] in "PSZ"))


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer on offer and every way of naming it."""

    key: str
    """The answer key (``yes``, ``not-fixed``, ...)."""
    labels: tuple[str, ...]
    """Its labels in every language, plus any synonyms."""


def match_label(text: str, choices: Sequence[Choice]) -> str | None:
    """The key of the answer `text` names, or None when it names none or several.

    Tried in order: the answer's number (1-based, full-width digits too), an exact
    label or key, then a label that the text starts (``y`` for ``Yes``) or that
    the text contains (``it is not fixed``), keeping the longest such label.
    """
    wanted = normalise(text)
    if not wanted:
        return None
    if wanted.isdecimal():
        number = int(wanted)
        return choices[number - 1].key if 1 <= number <= len(choices) else None
    forms = [(choice.key, [normalise(label) for label in (*choice.labels, choice.key)]) for choice in choices]
    exact = {key for key, names in forms if wanted in names}
    if len(exact) == 1:
        return exact.pop()
    if exact:
        return None
    return _best(wanted, forms)


def _best(wanted: str, forms: Iterable[tuple[str, list[str]]]) -> str | None:
    """The unique answer whose label `wanted` starts or contains, preferring the longest label."""
    scored: dict[str, int] = {}
    for key, names in forms:
        for name in names:
            if not name:
                continue
            if name.startswith(wanted) or wanted in name or name in wanted:
                overlap = len(name) if name in wanted else len(wanted)
                scored[key] = max(scored.get(key, 0), overlap)
    if not scored:
        return None
    best = max(scored.values())
    winners = [key for key, score in scored.items() if score == best]
    return winners[0] if len(winners) == 1 else None
