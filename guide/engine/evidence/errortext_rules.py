"""What error text concludes: every code's causes through the code table."""

from __future__ import annotations

from guide.engine.evidence.base import Evidence, Finding
from guide.engine.evidence.conclude import Sighting, code_findings, ordered


def findings(evidence: Evidence) -> list[Finding]:
    """Findings of one error text."""
    sightings: tuple[Sighting, ...] = evidence.data["sightings"]  # type: ignore[assignment]
    return ordered(code_findings(sightings, evidence.file))
