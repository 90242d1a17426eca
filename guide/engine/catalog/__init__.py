"""The program's own words in Japanese and English: one `LANGS`, one fallback rule, one lookup.

Every sentence the program writes itself (the terminal UI's labels, the web
pages, the ticket note's headings, the check findings) is an entry of a
`Catalog`: key → language → `str.format` template. The data stays split by
area (`ui`, `web`, `transcript` here, the findings' sentences beside their
rules in `guide.engine.evidence.wording`), the lookup is the same for all:

- `LANGS` is the one list of languages, in the order the language key cycles;
- `fallback(lang)` is the one order languages are tried in: the language asked
  for, then the others in `LANGS` order (the caller's last resort is the id);
- `Catalog.text(key, lang, **fields)` fills the first template found.

`UI` is the catalog of the front ends' words (every area but the findings'),
merged when first asked for.
Content words (titles, node text, answer labels) come from the content set;
`guide.engine.texts.Texts` applies the same fallback to them.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

LANGS = ("ja", "en")
"""The languages, in the order the language key cycles through them."""

LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType({"ja": "日本語", "en": "English"})
"""Each language named in itself."""


DEFAULT_LANG = "en"
"""The language an unknown language code is read as."""


def fallback(lang: str) -> tuple[str, ...]:
    """The languages to try for `lang`: `lang` itself, then the others in `LANGS` order (an unknown
    language is read as `DEFAULT_LANG`). After them, a caller's last resort is the id itself."""
    lang = lang if lang in LANGS else DEFAULT_LANG
    return (lang, *(other for other in LANGS if other != lang))


def other_language(lang: str) -> str:
    """The language the language key switches to from `lang` (the first language for an unknown one)."""
    return LANGS[(LANGS.index(lang) + 1) % len(LANGS)] if lang in LANGS else LANGS[0]


def known_language(lang: str | None, default: str = DEFAULT_LANG) -> str:
    """`lang` when it is one of `LANGS`, else `default`."""
    return lang if lang in LANGS else default


class Catalog(Mapping[str, Mapping[str, str]]):
    """Entries key → language → template, merged from areas that may not share a key."""

    def __init__(self, *areas: Mapping[str, Mapping[str, str]]) -> None:
        merged: dict[str, Mapping[str, str]] = {}
        for area in areas:
            for key, entry in area.items():
                if key in merged:
                    raise ValueError(f"catalog key {key!r} is defined twice")
                merged[key] = MappingProxyType(dict(entry))
        self._entries = MappingProxyType(merged)

    @classmethod
    def columns(cls, langs: Sequence[str], rows: Mapping[str, Sequence[str]]) -> "Catalog":
        """A catalog from rows of templates written side by side in the order of `langs`."""
        return cls({key: dict(zip(langs, templates)) for key, templates in rows.items()})

    def __getitem__(self, key: str) -> Mapping[str, str]:
        return self._entries[key]

    def __iter__(self):
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def template(self, key: str, lang: str) -> str:
        """The template of `key` in the first language of `fallback(lang)` that has it.

        Raises:
            KeyError: When `key` is not in the catalog (a programming error a test catches).
        """
        entry = self._entries[key]
        return next(entry[language] for language in fallback(lang) if entry.get(language))

    def text(self, key: str, lang: str, **fields: object) -> str:
        """The words `key` in `lang` (see `fallback`), filled with `fields`."""
        template = self.template(key, lang)
        return template.format(**fields) if fields else template

    def every(self, key: str, **fields: object) -> Mapping[str, str]:
        """The words `key` in every language of `LANGS`, filled with `fields`."""
        return MappingProxyType({lang: self.text(key, lang, **fields) for lang in LANGS})


def __getattr__(name: str) -> Catalog:
    """`UI`, the front ends' words (the terminal UI, the web pages and the ticket note), merged on first
    use: a command that shows none of them (``guide route``) does not read them."""
    if name != "UI":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from guide.engine.catalog import transcript, ui, web

    merged = Catalog(ui.ENTRIES, web.ENTRIES, transcript.ENTRIES)
    globals()["UI"] = merged
    return merged
