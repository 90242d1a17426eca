"""Source language and translation freshness.

Japanese is the source language: authors write `content/ja/` first. Each
entry of a translation stores ``source_hash``: the first 8 hex digits of the
SHA-256 of the source entry's words. When the source changes, its hash
changes, and `guide lint` marks the translation stale until an author updates
the words and the hash (the lint message gives the new hash).
"""

from __future__ import annotations

import hashlib
import json

from guide.engine.model import NodeText

SOURCE_LANG = "ja"
"""The language authors write first; every other language is a translation."""

TRANSLATED_FIELDS = ("title", "text", "user", "agent", "admin", "answers")
"""The words a translation must follow; triggers are per language and not hashed."""


def hash_words(words: object) -> str:
    """8 hex digits of the SHA-256 of `words` in a canonical JSON form."""
    canonical = json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def node_hash(text: NodeText) -> str:
    """The hash of one source node's words."""
    words = {"title": text.title, "text": text.text, "answers": dict(text.answers), **dict(text.audiences)}
    return hash_words(words)


def title_hash(title: str) -> str:
    """The hash of a source tree's title."""
    return hash_words({"title": title})
