"""The shipped vocabulary: symptom and cause ids with their words in both languages.

The ids mirror the project's shared taxonomy (a test checks every shared id is
here). Action ids live in the action registry (`guide.engine.actions`), which
is code; causes and symptoms are data in `guide/taxonomy.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from guide.engine.catalog import fallback
from guide.engine.model import frozen


@dataclass(frozen=True, slots=True)
class Term:
    """A symptom or cause: its id and its name in each language."""

    id: str
    names: Mapping[str, str]
    """Language → short name."""
    symptoms: tuple[str, ...] = ()
    """For a cause: the symptoms it explains."""

    def name(self, lang: str) -> str:
        """The name in `lang`, else in the other language (`guide.engine.catalog.fallback`), else the id."""
        return next((self.names[language] for language in fallback(lang) if self.names.get(language)), self.id)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Symptoms and causes by id."""

    symptoms: Mapping[str, Term]
    causes: Mapping[str, Term]


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The taxonomy shipped inside the package (read once; the YAML reader is imported only now)."""
    from importlib import resources  # only when the file is read (a cached index holds it)
    from guide.engine.yamlio import load_yaml

    source = resources.files("guide").joinpath("taxonomy.yaml")
    doc = load_yaml("guide/taxonomy.yaml", source.read_text(encoding="utf-8"))
    data = doc.data if isinstance(doc.data, dict) else {}

    def terms(section: str) -> Mapping[str, Term]:
        entries = data.get(section) or {}
        return frozen({
            term_id: Term(term_id, frozen({k: v for k, v in (entry or {}).items() if k in ("ja", "en")}),
                          tuple((entry or {}).get("symptoms") or ()))
            for term_id, entry in entries.items()
        })

    return Taxonomy(terms("symptoms"), terms("causes"))
