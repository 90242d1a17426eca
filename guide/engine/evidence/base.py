"""Types shared by every evidence parser and check.

An evidence file becomes an `Evidence` (its kind, its facts, and any problems
met while reading it); checks turn evidence into `Finding`s that name a
taxonomy cause and actions from the registry, exactly as tree resolutions do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from guide.engine.model import EMPTY, ActionRef

KINDS = ("dsregcmd", "cmdkey", "signin-log", "ca-policy", "branding", "adfs-rules", "error-text", "unknown")
"""Every evidence kind of CONTRACT.md, `unknown` last."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing the evidence shows, and where."""

    id: str
    """Fact id from `guide.engine.evidence.facts.FACTS`."""
    value: str
    """Normalised value (one of the fact's values where it has a fixed set)."""
    line: int
    """1-based line in the evidence file (0 when the format has no lines)."""
    shown: str = ""
    """The evidence as a person would recognise it, e.g. ``AzureAdPrt : NO``."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """One evidence file, read."""

    file: str
    """The name it was given (``-`` for standard input)."""
    kind: str
    """One of `KINDS`."""
    facts: Mapping[str, Fact] = field(default_factory=lambda: EMPTY)
    """Fact id → fact."""
    problems: tuple[str, ...] = ()
    """What could not be read, in plain words (for a truncated or unknown file)."""
    data: Mapping[str, object] = field(default_factory=lambda: EMPTY)
    """Parsed details the checks use (kind-specific), not part of the contract."""

    def facts_json(self) -> dict:
        """Facts as CONTRACT's ``facts`` object: id → value."""
        return {fact_id: fact.value for fact_id, fact in self.facts.items()}


@dataclass(frozen=True, slots=True)
class Finding:
    """A conclusion a check draws from evidence."""

    cause: str
    """Taxonomy cause id."""
    severity: str
    """``error``, ``warning`` or ``info``."""
    actions: tuple[ActionRef, ...]
    because: Mapping[str, str]
    """Language (ja, en) → one sentence naming the evidence."""
    evidence: str
    """``FILE:LINE``."""

    def as_json(self, lang: str) -> dict:
        """The CONTRACT shape of one finding, with `because` in `lang`."""
        return {"cause": self.cause, "severity": self.severity,
                "actions": [action.as_json() for action in self.actions],
                "because": self.because.get(lang) or self.because.get("en", ""),
                "evidence": self.evidence}


@dataclass(frozen=True)
class CheckReport:
    """Everything `guide check` concluded over a set of files."""

    evidence: tuple[Evidence, ...] = ()
    findings: tuple[Finding, ...] = field(default=())

    def as_json(self, lang: str) -> dict:
        """The CONTRACT document of `guide check --json`."""
        return {
            "evidence": [{"file": item.file, "kind": item.kind, "facts": item.facts_json(),
                          **({"problems": list(item.problems)} if item.problems else {})}
                         for item in self.evidence],
            "findings": [finding.as_json(lang) for finding in self.findings],
        }
