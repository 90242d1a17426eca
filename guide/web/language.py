"""Which language a page speaks: the person's choice, else the browser's `Accept-Language`, else `--lang`.

A person who pressed the language switch has a ``guide_lang`` cookie; it wins.
Otherwise the browser's stated preferences are read in quality order
(RFC 9110 §12.5.4): the first range that is Japanese or English decides
(``ja-JP``, ``en-GB`` and ``*`` count; ``q=0`` means "not this one"). Only when
the browser states nothing usable does the server's `--lang` decide.
"""

from __future__ import annotations

from guide.engine.service import LANGS

LANG_COOKIE = "guide_lang"
"""The cookie the language switch sets (one year, SameSite=Lax)."""

MAX_HEADER = 1_000
"""Characters of Accept-Language read; browsers send a few dozen, the rest is ignored."""


def _ranges(header: str) -> list[tuple[float, int, str]]:
    """The header's language ranges as (quality, position, range), unusable entries left out."""
    ranges = []
    for position, item in enumerate(header[:MAX_HEADER].split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and 0 < quality <= 1:
            ranges.append((quality, position, tag.strip().lower()))
    return ranges


def from_accept_language(header: str | None) -> str | None:
    """The page language the browser prefers, or None when it names neither (nor ``*``)."""
    if not header:
        return None
    for _, _, tag in sorted(_ranges(header), key=lambda entry: (-entry[0], entry[1])):
        if tag == "*":
            return LANGS[0]
        primary = tag.split("-", 1)[0]
        if primary in LANGS:
            return primary
    return None


def choose(cookie: str | None, header: str | None, fallback: str) -> str:
    """The page's language: the switch's cookie, else `Accept-Language`, else `fallback`."""
    if cookie in LANGS:
        return cookie
    return from_accept_language(header) or (fallback if fallback in LANGS else LANGS[0])
