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
    """Whether `text` contains at least one error code."""
    return bool(find_codes(text[:SNIFF_CHARS]))


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


def parse(name: str, text: str) -> Evidence:
    """Read the codes of a free text."""
    sightings = [Sighting(hit.normalised, hit.line, Words(ja=f"{hit.line} 行目", en=f"Line {hit.line}"))
                 for hit in find_codes(text)]
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
