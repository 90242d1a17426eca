"""`Words`: the same short text in Japanese and English, kept side by side.

Action steps, check findings and other engine-made sentences are written as
`Words` so that a translator always sees both languages of a sentence
together, and so that the language can be chosen at the last moment (the UI
can switch languages, and a ticket can be written in another language).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Words:
    """The same words in Japanese and English."""

    ja: str
    """Japanese (です・ます, Microsoft's Japanese UI labels)."""
    en: str
    """Plain English with the same meaning."""

    def get(self, lang: str) -> str:
        """The words in `lang` (``ja`` or ``en``)."""
        return self.ja if lang == "ja" else self.en

    def __add__(self, other: Words) -> Words:
        """The two texts one after the other, in each language."""
        return Words(self.ja + other.ja, self.en + other.en)

    def as_dict(self) -> dict[str, str]:
        """``{"ja": ..., "en": ...}``."""
        return {"ja": self.ja, "en": self.en}
