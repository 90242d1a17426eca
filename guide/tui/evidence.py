"""Evidence in the UI: files and pasted text read by the facade's checks (plain Python, no Textual).

Evidence gives facts (which the conversation holds, so questions that name a
fact get a proposed answer with its reason) and findings (causes with actions,
which the evidence screen lists; choosing one jumps to the resolution that
concludes the same cause). Nothing here alters the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from guide.engine.service import Guide

if TYPE_CHECKING:
    from guide.engine.service import Evidence, Finding, HeldFact


@dataclass
class EvidenceBook:
    """Every piece of evidence read in this run, and what the checks concluded from it."""

    guide: Guide
    """The facade whose checks read the evidence."""
    items: list["Evidence"] = field(default_factory=list)
    """Evidence in the order it was added."""
    findings: list["Finding"] = field(default_factory=list)
    """Findings in the order they were drawn (duplicates left out)."""
    pasted: int = 0
    """How many texts were pasted (they are named ``pasted-1``, ``pasted-2``, ...)."""

    def add(self, items: Iterable["Evidence"], findings: Iterable["Finding"]) -> None:
        """Record more evidence and its findings."""
        self.items += list(items)
        self.findings += [finding for finding in findings if finding not in self.findings]

    def facts(self) -> dict[str, HeldFact]:
        """Every fact, later evidence winning, as a conversation holds them (`Guide.facts`)."""
        return self.guide.facts(self.items)

    def read_files(self, paths: Sequence[str]) -> list["Evidence"]:
        """Read evidence files (recognised by content) and run the checks; returns what was read."""
        report = self.guide.check(list(paths))
        self.add(report.evidence, report.findings)
        return list(report.evidence)

    def read_pasted(self, text: str) -> "Evidence":
        """Read pasted text as evidence (named ``pasted-N``) and run the checks on it."""
        self.pasted += 1
        evidence, findings = self.guide.read_pasted(f"pasted-{self.pasted}", text)
        self.add([evidence], findings)
        return evidence
