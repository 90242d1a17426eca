"""Wording checks lint runs on content text: retired UI paths, awkward Japanese, terms one language drops.

Each table here is data a reviewer adds to when a review finds a wording
mistake that can recur (issue 12, points 24 and 25), so the next author is
told at `guide lint` time instead of by a reader:

* `OUTDATED_PATHS`: a console path a product no longer shows, named without
  the current one (AD FS 2012 R2's Authentication Policies, replaced in AD FS
  2016 by Service > Authentication Methods);
* `AWKWARD_JA`: Japanese phrasings that read as translated, with what to
  write instead;
* `TERMS`: terms that carry a fact (an event, a product feature), so that a
  node field naming one in one language and not in the other is reported.

All three are warnings: they point a person at a sentence to re-read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True, slots=True)
class OutdatedPath:
    """A retired console path and the current one that must stand beside it."""

    old: re.Pattern[str]
    current: re.Pattern[str]
    advice: str


OUTDATED_PATHS: tuple[OutdatedPath, ...] = (
    OutdatedPath(
        re.compile(r"Edit Global Primary Authentication|グローバル プライマリ認証の編集"),
        re.compile(r"Authentication Methods|認証方法"),
        "AD FS 2016 and later show Service > Authentication Methods > Primary Authentication Methods; name it "
        "(the Windows Server 2012 R2 path may stay beside it)"),
)

AWKWARD_JA: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"リスクが付いて"), "write for example 「リスクが中または低と判定されています」"),
)


@dataclass(frozen=True, slots=True)
class Term:
    """A term whose presence in one language's words must be matched in the other's."""

    name: str
    en: re.Pattern[str]
    ja: re.Pattern[str]


TERMS: tuple[Term, ...] = (
    Term("multifactor authentication", re.compile(r"\bMFA\b|multi-?factor", re.IGNORECASE),
         re.compile(r"MFA|多要素認証", re.IGNORECASE)),
    Term("Continuous Access Evaluation", re.compile(r"\bCAE\b|Continuous Access Evaluation"),
         re.compile(r"CAE|継続的アクセス評価")),
    Term("Temporary Access Pass", re.compile(r"Temporary Access Pass"), re.compile(r"Temporary Access Pass|一時アクセス パス")),
    Term("Seamless SSO", re.compile(r"Seamless (?:SSO|single sign-on)", re.IGNORECASE),
         re.compile(r"シームレス")),
)


def phrasing_problems(lang: str, value: str) -> Iterator[tuple[str, str]]:
    """(code, message) for each retired path or awkward phrase in one text value."""
    for rule in OUTDATED_PATHS:
        if rule.old.search(value) and not rule.current.search(value):
            yield "outdated-ui-path", f"{rule.old.search(value).group()!r}: {rule.advice}"
    if lang == "ja":
        for pattern, advice in AWKWARD_JA:
            found = pattern.search(value)
            if found:
                yield "ja-wording", f"{found.group()!r} reads as translated; {advice}"


def may_be_phrasing_problem(lang: str, text: str) -> bool:
    """Whether `text` holds anything `phrasing_problems` looks for (a quick test over much text at once)."""
    return (any(rule.old.search(text) for rule in OUTDATED_PATHS)
            or (lang == "ja" and any(pattern.search(text) for pattern, _ in AWKWARD_JA)))


def missing_terms(source_lang: str, source: str, lang: str, translation: str) -> list[str]:
    """Names of the terms `source` (in `source_lang`) names and `translation` (in `lang`) does not."""
    def finds(which: str, text: str, term: Term) -> bool:
        return bool((term.ja if which == "ja" else term.en).search(text))
    return [term.name for term in TERMS
            if finds(source_lang, source, term) != finds(lang, translation, term)]
