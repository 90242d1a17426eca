"""AD FS issuance transform rules, as ``IssuanceTransformRules`` prints them.

Grammar (reference/domain.md §4.6): optional ``@RuleTemplate = "…"`` /
``@RuleName = "…"``, conditions ``c:[Type == "…", Value == "…"]`` joined by
``&&``, ``exists([…])`` / ``NOT exists ([…])``, then ``=> issue(…);`` or
``=> add(…);``. A rule ends at the ``;`` after its ``=>`` (outside quotes) and
may span lines. Each rule keeps the claim types of its conditions and of what
it issues, and its first line.

Claim types are compared without their scheme (``http://`` or ``https://``):
the scheme is kept apart, because AD FS compares it literally and an
``https://`` psso rule most likely never matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guide.engine.evidence.base import Evidence, Fact
from guide.engine.evidence.text import Lines
from guide.engine.model import frozen

KIND = "adfs-rules"

PSSO = "schemas.microsoft.com/2014/03/psso"
INSIDE = "schemas.microsoft.com/ws/2012/01/insidecorporatenetwork"
PROXY = "schemas.microsoft.com/2012/01/requestcontext/claims/x-ms-proxy"

_ARROW = re.compile(r"=>\s*(issue|add)\s*\(", re.IGNORECASE)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?')
_CONDITION = re.compile(r"(?P<not>\bNOT\s+)?(?P<exists>\bexists\s*\(\s*)?(?:\w+\s*:\s*)?\[(?P<body>[^\]]*)\]",
                        re.IGNORECASE)
_TYPE = re.compile(r'\bType\s*==\s*"(?P<type>[^"]*)"', re.IGNORECASE)
_VALUE_IS = re.compile(r'\bValue\s*==\s*"(?P<value>[^"]*)"', re.IGNORECASE)
_ISSUED_TYPE = re.compile(r'\bType\s*=\s*"(?P<type>[^"]*)"', re.IGNORECASE)
_ISSUED_VALUE = re.compile(r'\bValue\s*=\s*"(?P<value>[^"]*)"', re.IGNORECASE)
_PASS = re.compile(r"\bclaim\s*=\s*\w+", re.IGNORECASE)
_NAME = re.compile(r'@RuleName\s*=\s*"(?P<name>[^"]*)"', re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Condition:
    """One ``[…]`` of a rule."""

    type: str
    """Claim type as written."""
    value: str | None
    exists: str
    """``""`` for a plain condition, ``exists`` or ``not-exists``."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One issuance transform rule."""

    line: int
    text: str
    """The rule as written, white space folded."""
    name: str
    conditions: tuple[Condition, ...]
    issued_type: str
    """Claim type issued (for a pass-through ``issue(claim = c)``: the condition's type)."""
    issued_value: str | None
    pass_through: bool

    def issues(self, claim: str) -> bool:
        """Whether the rule issues `claim` (a scheme-less claim type)."""
        return bare(self.issued_type) == claim

    @property
    def types(self) -> tuple[str, ...]:
        """Every claim type the rule names, as written."""
        return (*(condition.type for condition in self.conditions), self.issued_type)


def bare(claim_type: str) -> str:
    """A claim type without its scheme, lower-case."""
    return re.sub(r"^\s*https?://", "", claim_type, flags=re.IGNORECASE).strip().lower()


def _split(text: str) -> list[tuple[int, str]]:
    """(start offset, text) of each rule: up to the ``;`` ending its ``=>`` clause."""
    rules, start, seen_arrow, i = [], 0, False, 0
    while i < len(text):
        char = text[i]
        if char == '"':
            match = _STRING.match(text, i)
            i = match.end() if match and match.end() > i else i + 1
            continue
        if text.startswith("=>", i):
            seen_arrow = True
        elif char == ";" and seen_arrow:
            rules.append((start, text[start:i + 1]))
            start, seen_arrow = i + 1, False
        i += 1
    if text[start:].strip():
        rules.append((start, text[start:]))
    return rules


def _rule(text: str, line: int) -> Rule | None:
    arrow = _ARROW.search(text)
    if not arrow:
        return None
    head, tail = text[:arrow.start()], text[arrow.end():]
    conditions = []
    for match in _CONDITION.finditer(head):
        claim = _TYPE.search(match.group("body"))
        if claim:
            value = _VALUE_IS.search(match.group("body"))
            exists = ("not-exists" if match.group("not") else "exists") if match.group("exists") else ""
            conditions.append(Condition(claim.group("type"), value.group("value") if value else None, exists))
    issued, value = _ISSUED_TYPE.search(tail), _ISSUED_VALUE.search(tail)
    passing = bool(_PASS.search(tail)) and issued is None
    issued_type = issued.group("type") if issued else (conditions[0].type if passing and conditions else "")
    name = _NAME.search(head)
    return Rule(line, " ".join(text.split()), name.group("name") if name else "", tuple(conditions), issued_type,
                value.group("value") if value else None, passing)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every rule read, and the spots that could not be read."""

    rules: tuple[Rule, ...]
    unreadable: tuple[int, ...]
    """Lines where text that is no rule was met."""

    def psso(self) -> tuple[Rule, ...]:
        """Rules issuing (or passing through) the psso claim."""
        return tuple(rule for rule in self.rules if rule.issues(PSSO))

    def inside_source(self) -> tuple[str, tuple[Rule, ...]]:
        """How insidecorporatenetwork is produced: (``x-ms-proxy`` | ``pass-through`` | ``""``, its rules)."""
        issuing = tuple(rule for rule in self.rules if rule.issues(INSIDE))
        proxied = tuple(rule for rule in issuing
                        if any(bare(condition.type) == PROXY and condition.exists for condition in rule.conditions))
        if proxied:
            return "x-ms-proxy", proxied
        passing = tuple(rule for rule in issuing if rule.pass_through)
        if passing:
            return "pass-through", passing
        return ("other", issuing) if issuing else ("", ())


def read_rules(text: str) -> RuleSet:
    """The rules of `text`, each with its first line."""
    lines = Lines(text)
    rules, unreadable = [], []
    for start, chunk in _split(text):
        offset = start + len(chunk) - len(chunk.lstrip())
        rule = _rule(chunk, lines.at(offset))
        if rule:
            rules.append(rule)
        elif chunk.strip():
            unreadable.append(lines.at(offset))
    return RuleSet(tuple(rules), tuple(unreadable))


def looks_like(text: str) -> bool:
    """Whether `text` holds claim rules (``=> issue(`` or ``=> add(`` after a condition or alone)."""
    head = text[:65536]
    return bool(_ARROW.search(head)) and ("[" in head or "@RuleName" in head or "claim" in head.lower())


def psso_state(rules: RuleSet) -> str:
    """``present``, ``absent`` or ``https-scheme`` (a psso rule names a claim type with https://)."""
    psso = rules.psso()
    if not psso:
        return "absent"
    if all(any(kind.strip().lower().startswith("https://") for kind in rule.types) for rule in psso):
        return "https-scheme"
    return "present"


def parse(name: str, text: str) -> Evidence:
    """Read issuance transform rules into rules and the ``adfs.*`` facts."""
    rules = read_rules(text)
    if not rules.rules:
        return Evidence(name, "unknown", problems=("no claim rule (=> issue(...);) could be read",))
    psso = rules.psso()
    first = psso[0] if psso else rules.rules[0]
    source, producers = rules.inside_source()
    facts = {
        "adfs.psso-rule": Fact("adfs.psso-rule", psso_state(rules), first.line, first.text if psso else ""),
        "adfs.insidecorporatenetwork": Fact("adfs.insidecorporatenetwork", "present" if source else "absent",
                                            producers[0].line if producers else rules.rules[0].line,
                                            producers[0].text if producers else ""),
        "adfs.rules": Fact("adfs.rules", str(len(rules.rules)), rules.rules[0].line),
    }
    problems = tuple(f"line {line}: text that is not a claim rule was skipped" for line in rules.unreadable)
    duplicates = _duplicates(rules)
    problems += tuple(f"the rule at line {line} repeats the rule at line {first_line} "
                      "(an append script run twice?)" for line, first_line in duplicates)
    return Evidence(name, KIND, frozen(facts), problems, frozen({"rules": rules}))


def _duplicates(rules: RuleSet) -> list[tuple[int, int]]:
    seen: dict[str, int] = {}
    repeats = []
    for rule in rules.rules:
        body = " ".join(re.sub(r'@Rule\w+\s*=\s*"[^"]*"', "", rule.text).split()).lower()
        if body in seen:
            repeats.append((rule.line, seen[body]))
        else:
            seen[body] = rule.line
    return repeats
