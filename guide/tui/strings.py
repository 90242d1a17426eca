"""Transitional: the terminal UI's words moved to `guide.engine.catalog` (looked up as `Guide.words.ui`)."""

from __future__ import annotations

from guide.engine.catalog import LANGS, LANGUAGE_NAMES, UI as CATALOG, other_language

__all__ = ["CATALOG", "LANGS", "LANGUAGE_NAMES", "other_language", "t"]


def t(lang: str, key: str, **params: object) -> str:
    """The words `key` in `lang` (`guide.engine.catalog.UI`)."""
    return CATALOG.text(key, lang, **params)
