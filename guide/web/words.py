"""Transitional: the web pages' words moved to `guide.engine.catalog` (looked up as `Guide.words.ui`)."""

from __future__ import annotations

from guide.engine.catalog import LANGS, UI as WORDS

__all__ = ["LANGS", "WORDS", "w"]


def w(lang: str, key: str, **values: object) -> str:
    """The words `key` in `lang` (`guide.engine.catalog.UI`)."""
    return WORDS.text(key, lang, **values)
