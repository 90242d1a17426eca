"""What a cmdkey /list output concludes: stale Microsoft sign-in credentials.

Entries ``SSO_POP_User:user=…``, ``MicrosoftAccount:user=…`` and Office's
``MicrosoftOffice1x_Data`` → stale-windows-credential, with one
*delete-windows-credential* per entry, its ``target`` exactly as printed, in
the order reference/domain.md gives: first sign out and in (or restart the
app), then SSO_POP_User, then MicrosoftAccount, then Office. The link between these entries and repeated
prompts is third-party ([B]), so the finding is a warning, never an error.
Teams' ``msteams…`` entries are an unverified signal: when they are the only
ones, they make an info finding; otherwise they are appended to the warning.
"""

from __future__ import annotations

from guide.engine.evidence.base import Evidence, Finding
from guide.engine.evidence.cmdkey import UNVERIFIED_GROUPS, Entry
from guide.engine.evidence.conclude import INFO, WARNING, act, finding
from guide.engine.evidence.wording import cite, joined, say
from guide.engine.words import Words

CAUSE = "stale-windows-credential"


def _listed(entries: list[Entry]) -> Words:
    return joined([cite(entry.target, entry.line) for entry in entries])


def findings(evidence: Evidence) -> list[Finding]:
    """Findings of one cmdkey evidence."""
    stale: tuple[tuple[str, Entry], ...] = evidence.data["stale"]  # type: ignore[assignment]
    if not stale:
        return []
    entries = [entry for _, entry in stale]
    confirmed = [entry for group, entry in stale if group not in UNVERIFIED_GROUPS]
    deletions = [act("sign-out-and-in"), act("restart-app"),
                 *(act("delete-windows-credential", target=entry.target) for entry in entries)]
    if confirmed:
        because = say("stale-credentials", entries=_listed(confirmed), first=confirmed[0].target)
        return [finding(CAUSE, WARNING, because, evidence.file, confirmed[0].line, deletions)]
    because = say("teams-credentials", entries=_listed(entries))
    return [finding(CAUSE, INFO, because, evidence.file, entries[0].line, deletions)]
