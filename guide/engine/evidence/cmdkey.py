"""``cmdkey /list`` output, read by structure so any Windows language works.

Labels are translated (English ``Target:``, Chinese ``目标:``, Japanese ones
that no public sample shows), so no label word is relied on. An entry starts
at a ``label: value`` line whose value is a credential target
(``Kind:word=rest``, e.g. ``LegacyGeneric:target=…``); the next ``label:
value`` line is its type, the one after that its user, and a line without a
colon its persistence. Header lines, echoed prompts (``C:\\>cmdkey /list``)
and blank or whitespace-only lines are skipped; entries may be indented or
flush, separated by blank lines or not. Both ``:`` and the full-width ``：``
end a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guide.engine.evidence.base import Evidence, Fact
from guide.engine.evidence.text import iter_lines, split_lines
from guide.engine.model import frozen

KIND = "cmdkey"

_LABELLED = re.compile(r"^\s*(?P<label>[^:：\s][^:：]{0,40}?)\s*[:：]\s*(?P<value>\S.*?)\s*$")
_TARGET = re.compile(r"^[A-Za-z][A-Za-z0-9]*:[A-Za-z]+=\S")
_NONE = re.compile(r"^\s*\*\s*NONE\s*\*\s*$", re.IGNORECASE)
_HEADER = re.compile(r"^\s*\S.*[:：]\s*$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored credential."""

    target: str
    """The target exactly as printed (what ``cmdkey /delete:`` needs)."""
    line: int
    type: str = ""
    user: str = ""
    persistence: str = ""


@dataclass(frozen=True, slots=True)
class CmdkeyDoc:
    """A cmdkey /list output, read."""

    entries: tuple[Entry, ...]
    empty_list: bool = False
    """Whether the output says no credentials are stored (``* NONE *``)."""


def _is_target(line: str) -> tuple[str, str] | None:
    match = _LABELLED.match(line)
    if match and _TARGET.match(match.group("value")):
        return match.group("label"), match.group("value")
    return None


MAX_ENTRIES = 2000
"""Entries kept: Credential Manager of one person holds tens; more means a file that only looks like a list."""


def read_entries(text: str) -> CmdkeyDoc:
    """The entries of `text`, in order (the first `MAX_ENTRIES`)."""
    entries: list[Entry] = []
    current: dict | None = None
    empty = False
    for number, line in enumerate(iter_lines(text), 1):
        if len(entries) >= MAX_ENTRIES:
            current = None
            break
        if not line.strip():
            continue
        if _NONE.match(line):
            empty = True
            continue
        target = _is_target(line)
        if target:
            if current:
                entries.append(Entry(**current))
            current = {"target": target[1], "line": number}
            continue
        if current is None:
            continue
        labelled = _LABELLED.match(line)
        if labelled and not line.rstrip().endswith((":", "：")):
            slot = "type" if "type" not in current else "user" if "user" not in current else None
            if slot:
                current[slot] = labelled.group("value")
        elif not labelled and "persistence" not in current and not _HEADER.match(line):
            current["persistence"] = line.strip()
    if current:
        entries.append(Entry(**current))
    return CmdkeyDoc(tuple(entries), empty and not entries)


def looks_like(text: str) -> bool:
    """Whether `text` is cmdkey /list output: a target entry followed by a type line, or ``* NONE *``."""
    lines = [line for line in split_lines(text[:65536]) if line.strip()]
    for index, line in enumerate(lines):
        if _is_target(line) and index + 1 < len(lines) and _LABELLED.match(lines[index + 1]):
            return True
        if _NONE.match(line) and index > 0 and _HEADER.match(lines[index - 1]):
            return True
    return False


# Groups of entries that cause stale sign-ins, in the order reference/domain.md says to
# delete them: SSO_POP_User first, then MicrosoftAccount:user=, then Office's entries.
# Teams' msteams_* entries are seen only in tool code [unverified]: reported apart, as info.
STALE_GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("sso-pop-user", re.compile(r"SSO_POP_User", re.IGNORECASE)),
    ("microsoft-account-user", re.compile(r"MicrosoftAccount:user=", re.IGNORECASE)),
    ("office", re.compile(r"MicrosoftOffice\d*x?_Data", re.IGNORECASE)),
    ("teams", re.compile(r"msteams", re.IGNORECASE)),
)
UNVERIFIED_GROUPS = frozenset({"teams"})


def stale_entries(doc: CmdkeyDoc) -> list[tuple[str, Entry]]:
    """(group, entry) for every entry of a stale group, in deletion order, then file order."""
    ranked = []
    for entry in doc.entries:
        for rank, (group, pattern) in enumerate(STALE_GROUPS):
            if pattern.search(entry.target):
                ranked.append((rank, entry.line, group, entry))
                break
    return [(group, entry) for _, _, group, entry in sorted(ranked, key=lambda item: item[:2])]


def parse(name: str, text: str) -> Evidence:
    """Read cmdkey /list output into entries and the ``cmdkey.office-credentials`` fact."""
    doc = read_entries(text)
    stale = stale_entries(doc)
    facts = {}
    if stale:
        first = stale[0][1]
        facts["cmdkey.office-credentials"] = Fact("cmdkey.office-credentials", "present", first.line,
                                                  f"Target: {first.target}")
    elif doc.entries or doc.empty_list:
        facts["cmdkey.office-credentials"] = Fact("cmdkey.office-credentials", "absent", 0)
    problems = () if doc.entries or doc.empty_list else ("no stored credential entries were found",)
    if len(doc.entries) >= MAX_ENTRIES:
        problems = (f"only the first {MAX_ENTRIES} entries were read (a cmdkey /list output has tens)",)
    return Evidence(name, KIND, frozen(facts), problems, frozen({"doc": doc, "stale": tuple(stale)}))
