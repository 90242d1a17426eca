"""Evidence files in, a `CheckReport` out: the entry point of ``guide check``.

`read_evidence` recognises a file's kind from its **content** (never its
name) and parses it; `findings_for` applies that kind's rules; `check_files`
does both for every file named (``-`` is standard input). Nothing here
raises for a bad file: an unreadable, oversized or unrecognised file becomes
evidence of kind ``unknown`` with a problem saying why, and the other files
are still checked.

Recognition order: JSON (its first record decides: sign-in log, Conditional
Access policy, branding, OAuth error), then text kinds: sign-in CSV, AD FS
rules, dsregcmd, cmdkey, and finally any text holding an error code. JSON
that is no known kind, and text starting with ``[`` or ``{`` that is not JSON
(log lines), fall through to the text kinds.
"""

from __future__ import annotations

import os
from typing import BinaryIO, Callable

from guide.engine.errors import GuideError
from guide.engine.evidence import (
    adfs,
    adfs_rules,
    branding,
    capolicy,
    capolicy_rules,
    cmdkey,
    cmdkey_rules,
    dsregcmd,
    dsregcmd_rules,
    errortext,
    errortext_rules,
    signin,
    signin_csv,
    signin_rules,
)
from guide.engine.evidence.base import CheckReport, Evidence, Finding
from guide.engine.evidence.jsonish import JsonRecords
from guide.engine.evidence.text import MAX_BYTES, Lines, byte_text, decode, too_large

Parser = Callable[[str, str], Evidence]

JSON_KINDS: tuple[tuple[Callable, Parser], ...] = (
    (signin.matches, signin.parse),
    (capolicy.matches, capolicy.parse),
    (branding.matches, branding.parse),
)
"""(recogniser of a first JSON record, parser), in order."""

TEXT_KINDS: tuple[tuple[Callable[[str], bool], Parser], ...] = (
    (signin_csv.looks_like, signin_csv.parse),
    (adfs.looks_like, adfs.parse),
    (dsregcmd.looks_like, dsregcmd.parse),
    (cmdkey.looks_like, cmdkey.parse),
    (errortext.looks_like, errortext.parse),
)
"""(recogniser of a text, parser), in order."""

PARSERS: dict[str, Parser] = {
    "dsregcmd": dsregcmd.parse, "cmdkey": cmdkey.parse, "ca-policy": capolicy.parse, "branding": branding.parse,
    "adfs-rules": adfs.parse, "error-text": errortext.parse,
    "signin-log": lambda name, text: (signin_csv.parse if signin_csv.looks_like(text) else signin.parse)(name, text),
}
"""Kind → parser, for reading a file as a kind given by a person."""

RULES: dict[str, Callable[[Evidence], list[Finding]]] = {
    "dsregcmd": dsregcmd_rules.findings, "cmdkey": cmdkey_rules.findings, "signin-log": signin_rules.findings,
    "ca-policy": capolicy_rules.findings, "adfs-rules": adfs_rules.findings, "error-text": errortext_rules.findings,
}
"""Kind → its rules (kinds without rules conclude nothing)."""


def _unknown(name: str, *problems: str) -> Evidence:
    return Evidence(name, "unknown", problems=tuple(problems))


def _read_json(name: str, text: str) -> Evidence | None:
    """The evidence of a JSON text, or None when it is no JSON kind.

    JSON cut off before its first record is complete is ``unknown`` (reading
    it as free text would take a half record's codes for an error message);
    text that merely starts like JSON (``[09:12:03] ERROR …``) is None.
    """
    reader = JsonRecords(text)
    first = next(reader.records(), None)
    if first is None:
        if reader.truncated:
            return _unknown(name, f"{reader.problem}; nothing complete could be read, so export or copy it again")
        return None
    for matches, parse in JSON_KINDS:
        if matches(first.value, reader.meta):
            return parse(name, text)
    if errortext.is_oauth_error(first.value):
        return errortext.parse_oauth(name, first.value, Lines(text).of('"error_codes"', first.start, first.end))
    return None


def read_text(name: str, text: str, kind: str | None = None) -> Evidence:
    """Evidence from decoded text: parsed as `kind`, or as the kind its content shows."""
    if kind is not None:
        if kind not in PARSERS:
            raise GuideError(f"unknown evidence kind {kind!r}; use one of {', '.join(sorted(PARSERS))}")
        return PARSERS[kind](name, text)
    if not text.strip():
        return _unknown(name, "the file is empty")
    if JsonRecords(text).looks_like_json():
        found = _read_json(name, text)
        if found is not None:
            return found
    for looks_like, parse in TEXT_KINDS:
        if looks_like(text):
            return parse(name, text)
    return _unknown(name, "not recognised as dsregcmd, cmdkey, a sign-in log, a Conditional Access policy, "
                          "branding, AD FS rules or text with an error code")


def _with_problems(evidence: Evidence, problems: tuple[str, ...]) -> Evidence:
    if not problems:
        return evidence
    return Evidence(evidence.file, evidence.kind, evidence.facts, (*problems, *evidence.problems), evidence.data)


def read_evidence(name: str, data: bytes, kind: str | None = None) -> Evidence:
    """Evidence from a file's bytes (any supported encoding), recognised by content.

    Args:
        name: The name to report (a path, or ``-``).
        data: The file's bytes.
        kind: Read as this kind instead of recognising it (one of `PARSERS`).

    Raises:
        GuideError: only for an unknown `kind`; a bad file becomes ``unknown`` evidence.
    """
    problem = too_large(len(data))
    if problem:
        return _unknown(name, problem)
    wide = byte_text(data) if kind is None else None
    evidence = _read_large(name, wide) if wide is not None else None
    if evidence is not None:
        return evidence
    text, problems = decode(data)
    return _with_problems(read_text(name, text, kind), problems)


def _read_large(name: str, text: str) -> Evidence | None:
    """A large JSON file read as `text.byte_text`: a sign-in log, else None (decode it normally)."""
    reader = JsonRecords(text)
    first = next(reader.records(), None)
    if first is not None and signin.matches(first.value, reader.meta):
        return signin.parse(name, text, byte_text=True)
    return None


def _read_path(path: str, stdin: BinaryIO | None) -> Evidence:
    """Read one named file (``-``: `stdin`), dropping its bytes as soon as they are text."""
    try:
        if path == "-":
            if stdin is None:
                return _unknown(path, "standard input is not available")
            data = stdin.read(MAX_BYTES + 1)
        else:
            size = os.stat(path).st_size
            if too_large(size):
                return _unknown(path, too_large(size) or "")
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        return _unknown(path, f"cannot read the file: {exc.strerror or exc}")
    problem = too_large(len(data))
    if problem:
        return _unknown(path, problem)
    wide = byte_text(data)
    if wide is not None:
        del data
        evidence = _read_large(path, wide)
        if evidence is not None:
            return evidence
        data = wide.encode("latin-1")
        del wide
    text, problems = decode(data)
    del data
    return _with_problems(read_text(path, text), problems)


def findings_for(evidence: Evidence) -> list[Finding]:
    """The findings the rules of the evidence's kind draw from it."""
    rules = RULES.get(evidence.kind)
    return rules(evidence) if rules else []


def check_files(paths: list[str], stdin: BinaryIO | None = None) -> CheckReport:
    """Read every file and run the checks: the report of ``guide check``.

    Args:
        paths: Files to read; ``-`` reads `stdin`.
        stdin: Standard input, for ``-``.
    """
    evidence = tuple(_read_path(path, stdin) for path in paths)
    findings = tuple(item for one in evidence for item in findings_for(one))
    return CheckReport(evidence, findings)
