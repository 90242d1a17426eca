"""Free text that carries error codes: error screens, e-mails, log lines, OAuth errors.

Any text in which `guide.engine.codes.find_codes` finds a code is error text.
An OAuth error response (``error``, ``error_codes``, ``error_description``) is
read through its ``error_codes`` only: descriptions change and are never
matched (reference/domain.md §1, rules for checks).
"""

from __future__ import annotations

from typing import Mapping

from guide.engine.codes import CODES, find_codes
from guide.engine.evidence.base import Evidence, Fact
from guide.engine.evidence.conclude import Sighting
from guide.engine.evidence.wording import cite
from guide.engine.model import frozen
from guide.engine.words import Words

KIND = "error-text"
SNIFF_CHARS = 1 << 20
"""How much of a text `looks_like` searches for codes."""


def looks_like(text: str) -> bool:
    """Whether the first `SNIFF_CHARS` of `text` contain at least one error code."""
    return any(find_codes(chunk) for chunk in _chunks(text[:SNIFF_CHARS]))


def is_oauth_error(record: object) -> bool:
    """Whether a JSON record is an OAuth error response."""
    return isinstance(record, dict) and "error" in record and (
        "error_codes" in record or "error_description" in record)


def _evidence(name: str, sightings: list[Sighting]) -> Evidence:
    codes = list(dict.fromkeys(sighting.code for sighting in sightings))
    first = sightings[0]
    facts = {"error.codes": Fact("error.codes", ", ".join(codes), first.line, first.where.en)}
    known = next((sighting for sighting in sightings if sighting.code in CODES), None)
    if known is not None:
        facts["error.code"] = Fact("error.code", known.code.lower(), known.line, known.code)
    return Evidence(name, KIND, frozen(facts), (), frozen({"sightings": tuple(sightings)}))


CHUNK_CHARS = 1 << 16
"""A long text is searched this much at a time (cut after a line end), so its hits are never all held at once."""
MAX_CODES = 500
"""Distinct codes kept; an error text has a handful."""


def first_sightings(text: str) -> dict[str, int]:
    """Normalised code → the line it first appears on, in order of first appearance.

    Only the first place of each code matters to the checks (the same code
    always concludes the same), so a log of a million lines costs no more than
    one chunk of its hits.
    """
    first: dict[str, int] = {}
    lines_before = 0
    for chunk in _chunks(text):
        for hit in find_codes(chunk):
            first.setdefault(hit.normalised, lines_before + hit.line)
        if len(first) >= MAX_CODES:
            break
        lines_before += chunk.count("\n")
    return dict(list(first.items())[:MAX_CODES])


def _chunks(text: str):
    """`text` in pieces of about `CHUNK_CHARS`, each cut after a line end where there is one."""
    start = 0
    while start < len(text):
        end = len(text)
        if end - start > CHUNK_CHARS:
            end = text.rfind("\n", start, start + CHUNK_CHARS) + 1 or start + CHUNK_CHARS
        yield text[start:end]
        start = end


def parse(name: str, text: str) -> Evidence:
    """Read the codes of a free text (the first place of each)."""
    sightings = [Sighting(code, line, Words(ja=f"{line} 行目", en=f"Line {line}"))
                 for code, line in first_sightings(text).items()]
    if not sightings:
        return Evidence(name, "unknown", problems=("not recognised as any kind of evidence, and no error code "
                                                   "was found in it",))
    return _evidence(name, sightings)


def parse_oauth(name: str, record: Mapping, line: int) -> Evidence:
    """Read an OAuth error response through its ``error_codes``."""
    codes = record.get("error_codes")
    numbers = [code for code in codes if isinstance(code, int) and not isinstance(code, bool)] \
        if isinstance(codes, list) else []
    sightings = [Sighting(f"AADSTS{code}", line, cite(f"error_codes : {code}", line)) for code in numbers]
    if not sightings:
        error = record.get("error")
        problem = f"the OAuth error{' ' + error if isinstance(error, str) else ''} carries no error_codes"
        return Evidence(name, KIND, problems=(problem,), data=frozen({"sightings": ()}))
    return _evidence(name, sightings)
