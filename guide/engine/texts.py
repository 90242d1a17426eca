"""`Texts`: every word a front end shows, in the language asked for, with one fallback rule.

The program's own words come from the catalog (`guide.engine.catalog.UI`),
the content's words (tree and node titles, node text, answer labels) from the
content set, and the taxonomy's names of causes from the taxonomy. Whatever the
source, a missing text is looked for in the same order: the language asked
for, then the other (`guide.engine.catalog.fallback`), then the id itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from guide.engine import catalog
from guide.engine.catalog import LANGS, fallback
from guide.engine.refs import ESCALATE, FIXED, NOT_FIXED, NodeRef

if TYPE_CHECKING:
    from guide.engine.model import ContentSet

CLOSING_LABELS = (FIXED, NOT_FIXED, ESCALATE)
"""Answers every resolution offers, whose labels are the program's own (``walk.fixed``, ...)."""


def first_title(title_in: Callable[[str], str | None], lang: str, default: str) -> str:
    """A title in `lang` by the one fallback rule: `title_in(language)` for each language of
    `fallback(lang)`, the first that is not empty, else `default` (the id)."""
    for language in fallback(lang):
        found = title_in(language)
        if found:
            return found
    return default


class Texts:
    """The one bilingual text service of a content set (`Guide.words`)."""

    LANGS = LANGS
    """The languages, in the order the language key cycles through them."""

    def __init__(self, content: ContentSet) -> None:
        self.content = content

    @staticmethod
    def ui(key: str, lang: str, **fields: object) -> str:
        """The program's own words `key` in `lang`, filled with `fields` (KeyError for an unknown key)."""
        return catalog.UI.text(key, lang, **fields)

    @staticmethod
    def ui_or(key: str, lang: str, default: str, **fields: object) -> str:
        """`ui(key, lang, **fields)`, or `default` when the catalog has no `key` (e.g. a status it does not name)."""
        return catalog.UI.text(key, lang, **fields) if key in catalog.UI else default

    def title(self, ref: NodeRef | str, lang: str) -> str:
        """The title of a node (`NodeRef`) or of a tree (its id) in `lang`."""
        if isinstance(ref, str):
            texts = self.content.texts
            return first_title(lambda language: getattr(texts.get((language, ref)), "title", None), lang, ref)
        return first_title(lambda language: getattr(self.content.text(language, ref), "title", None), lang, ref.node)

    def node(self, ref: NodeRef, lang: str, audience: str) -> str:
        """The text of node `ref` for `audience` in `lang` (empty when it has none)."""
        for language in fallback(lang):
            words = self.content.text(language, ref)
            if words:
                return words.body(audience)
        return ""

    def answer(self, ref: NodeRef, key: str, lang: str, *, area: str = "walk") -> str:
        """The label of answer `key` at `ref` in `lang`; a resolution's fixed / not fixed / escalate
        are the program's words of `area` (``walk`` on screen, ``transcript`` in the ticket note)."""
        if key in CLOSING_LABELS:
            return self.ui(f"{area}.{key}", lang)
        for language in fallback(lang):
            words = self.content.text(language, ref)
            if words and key in words.answers:
                return words.answers[key]
        return self.ui_or(f"{area}.{key}", lang, key)

    def answers(self, ref: NodeRef, key: str) -> tuple[str, ...]:
        """The label of answer `key` at `ref` in every language (for matching what people type)."""
        return tuple(self.answer(ref, key, lang) for lang in LANGS)

    def cause(self, cause: str | None, lang: str) -> str | None:
        """The taxonomy's plain name of `cause` in `lang`, None when there is no cause or no name for it."""
        if not cause:
            return None
        from guide.engine.taxonomy import load_taxonomy

        term = load_taxonomy().causes.get(cause)
        return term.name(lang) if term else None

    @staticmethod
    def symptom(symptom: str, lang: str) -> str | None:
        """The taxonomy's name of `symptom` in `lang`, None when it has none."""
        from guide.engine.taxonomy import load_taxonomy

        term = load_taxonomy().symptoms.get(symptom)
        return term.name(lang) if term else None
