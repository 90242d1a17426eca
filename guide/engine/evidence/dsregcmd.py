"""``dsregcmd /status`` output: fields with their lines, and the facts trees use.

Every layout Microsoft has shipped is a list of ``Name : value`` lines
(reference/domain.md §4.1): the boxed sections of current Windows, the older
``Name: value`` layout, indented variants, outputs with or without the
Diagnostic Data section, and fragments cut from a ticket. So the parser reads
lines, not layouts: a box line ``| SSO State |`` names the section, a line
``Name : value`` is a field, anything else (``#`` notes, the closing "For more
information" line, proxy sections) is skipped.

Field names are compared without case or spaces (``HTTP status`` and
``HTTP Status`` are one field). When a field appears twice (an output pasted
with an older one) **the first one wins**.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Mapping

from guide.engine.evidence.base import Evidence, Fact
from guide.engine.evidence.text import iter_lines
from guide.engine.model import frozen

KIND = "dsregcmd"

_FIELD = re.compile(r"^\s*(?P<name>[A-Za-z][A-Za-z0-9 ()/._-]{0,60}?)\s*:\s?(?P<value>.*?)\s*$")
_SECTION = re.compile(r"^\s*\|\s*(?P<name>[A-Za-z][^|]*?)\s*\|\s*$")
_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")

SIGNATURE_FIELDS = frozenset({
    "azureadjoined", "enterprisejoined", "domainjoined", "workplacejoined", "azureadprt",
    "azureadprtupdatetime", "azureadprtexpirytime", "azureadprtauthority", "enterpriseprt", "deviceauthstatus",
    "tpmprotected", "devicecertificatevalidity", "keycontainerid", "wamdefaultset", "wamdefaultguid",
    "wamdefaultauthority", "ngcset", "acquireprtdiagnostics", "refreshprtdiagnostics", "previousprtattempt",
    "attemptstatus", "clienterrorcode", "servererrorcode", "errorphase", "registrationtype",
    "previousregistration", "drsdiscoverytest", "drsconnectivitytest", "adconnectivitytest",
    "adconfigurationtest", "tokenacquisitiontest", "fallbacktosync-join", "usercontext", "clienttime",
    "keysigntest", "aadrecoveryenabled", "diagnosticsreference", "joinsrvurl", "keysrvurl",
})
"""Field keys (see `key`) found only in dsregcmd output; two of them identify it."""

SECTIONS = frozenset({"devicestate", "devicedetails", "tenantdetails", "userstate", "ssostate", "diagnosticdata",
                      "ngcprerequisitecheck"})


def key(name: str) -> str:
    """A field name compared without case or spaces."""
    return "".join(name.split()).lower()


@dataclass(frozen=True, slots=True)
class Field:
    """One ``Name : value`` line."""

    name: str
    """The name as printed."""
    value: str
    line: int
    section: str
    """The section it sits in ("" before any box)."""
    shown: str = ""
    """The line as printed, without its indentation: ``AzureAdPrt : NO`` (``AzureAdPrt: YES`` in older layouts)."""

    @property
    def word(self) -> str:
        """The first word of the value, upper-case (``YES``, ``NO``, ``FAILED.``)."""
        parts = self.value.split()
        return parts[0].upper() if parts else ""


@dataclass(frozen=True, slots=True)
class DsregDoc:
    """A dsregcmd output, read."""

    fields: Mapping[str, Field]
    """Field key → its first occurrence."""
    sections: tuple[str, ...]
    """Section names in order."""
    dropped: int = 0
    """Fields not kept because `MAX_FIELDS` other names came first."""

    def get(self, name: str) -> Field | None:
        """The field called `name` (any case or spacing), if present."""
        return self.fields.get(key(name))

    def yes(self, name: str) -> bool | None:
        """True for YES, False for NO, None when absent or anything else."""
        field = self.get(name)
        word = field.word if field else ""
        return True if word == "YES" else False if word == "NO" else None


MAX_FIELDS = 2000
"""Distinct fields kept: a real output has about a hundred, so more means a file that only looks like one."""


def read_fields(text: str) -> DsregDoc:
    """Every field of `text` (first occurrence wins, the first `MAX_FIELDS` names) and the sections met."""
    fields: dict[str, Field] = {}
    sections: list[str] = []
    section = ""
    dropped = 0
    for number, line in enumerate(iter_lines(text), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "+-", "For more information")):
            continue
        box = _SECTION.match(line)
        if box:
            section = box.group("name")
            sections.append(section)
            continue
        match = _FIELD.match(line)
        if match:
            field_key = key(match.group("name"))
            if field_key in fields:
                continue
            if len(fields) >= MAX_FIELDS:
                dropped += 1
                continue
            fields[field_key] = Field(match.group("name").strip(), match.group("value"), number, section, stripped)
    return DsregDoc(frozen(fields), tuple(sections[:MAX_FIELDS]), dropped)


SNIFF_CHARS = 65536
"""How much of a text `looks_like` reads (an output is a few kilobytes)."""


def looks_like(text: str) -> bool:
    """Whether `text` is dsregcmd output (two of its own fields, or a section box and one)."""
    doc = read_fields(text[:SNIFF_CHARS])
    own = SIGNATURE_FIELDS.intersection(doc.fields)
    boxed = any(key(section) in SECTIONS for section in doc.sections)
    return len(own) >= 2 or (boxed and len(own) >= 1)


def parse_time(value: str) -> datetime | None:
    """A dsregcmd time (``2019-01-24 19:15:26.000 UTC``), else None."""
    match = _TIME.search(value)
    if not match:
        return None
    try:
        return datetime(*map(int, match.groups()), tzinfo=timezone.utc)
    except ValueError:
        return None


def join_type(doc: DsregDoc) -> str | None:
    """How the device is joined, per the join-state table of reference/domain.md §4.1."""
    azure, enterprise, domain = doc.yes("AzureAdJoined"), doc.yes("EnterpriseJoined"), doc.yes("DomainJoined")
    if azure is None or domain is None:
        return None
    enterprise = bool(enterprise)
    table = {(True, False, False): "entra-joined", (False, False, True): "domain-joined",
             (True, False, True): "hybrid-joined", (False, True, True): "on-prem-drs"}
    if (azure, enterprise, domain) in table:
        return table[(azure, enterprise, domain)]
    if not (azure or enterprise or domain):
        workplace = doc.yes("WorkplaceJoined")
        return None if workplace is None else "registered" if workplace else "none"
    return None


PRT_FRESH_HOURS = 4
"""CloudAP renews the PRT every 4 hours (reference/domain.md, prt-stale)."""


def prt_age_hours(doc: DsregDoc) -> float | None:
    """Hours between the PRT's last update and the output's Client Time, when both are shown."""
    update, client = doc.get("AzureAdPrtUpdateTime"), doc.get("Client Time")
    updated = parse_time(update.value) if update else None
    now = parse_time(client.value) if client else None
    if updated is None or now is None:
        return None
    return (now - updated).total_seconds() / 3600


def device_auth(field: Field) -> str:
    """The ``dsregcmd.device-auth`` value of a DeviceAuthStatus field."""
    value = field.value.upper()
    if value.startswith("SUCCESS"):
        return "success"
    if "DISABLED" in value or "DELETED" in value:
        return "disabled-or-deleted"
    return "error"


def _facts(doc: DsregDoc) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}

    def put(fact_id: str, field: Field | None, value: str | None) -> None:
        if field is not None and value:
            facts[fact_id] = Fact(fact_id, value, field.line, field.shown)

    for fact_id, name in (("dsregcmd.azure-ad-joined", "AzureAdJoined"), ("dsregcmd.domain-joined", "DomainJoined"),
                          ("dsregcmd.workplace-joined", "WorkplaceJoined"), ("dsregcmd.azure-ad-prt", "AzureAdPrt")):
        answer = doc.yes(name)
        put(fact_id, doc.get(name), None if answer is None else "yes" if answer else "no")
    kind = join_type(doc)
    states = [field for field in map(doc.get, ("AzureAdJoined", "EnterpriseJoined", "DomainJoined", "WorkplaceJoined"))
              if field is not None]
    if kind and states:
        facts["dsregcmd.join-type"] = Fact("dsregcmd.join-type", kind, states[0].line,
                                           ", ".join(field.shown for field in states))
    age = prt_age_hours(doc)
    update, client = doc.get("AzureAdPrtUpdateTime"), doc.get("Client Time")
    if age is not None and update and client and doc.yes("AzureAdPrt") is not False:
        facts["dsregcmd.prt-fresh"] = Fact("dsregcmd.prt-fresh", "yes" if age <= PRT_FRESH_HOURS else "no",
                                           update.line, f"{update.shown}, {client.shown}")
    status = doc.get("DeviceAuthStatus")
    put("dsregcmd.device-auth", status, device_auth(status) if status else None)
    for fact_id, name in (("dsregcmd.attempt-status", "Attempt Status"),
                          ("dsregcmd.client-error-code", "Client ErrorCode")):
        field = doc.get(name)
        put(fact_id, field, field.value.split()[0].lower() if field and field.value.split() else None)
    context = doc.get("User Context")
    put("dsregcmd.user-context", context, _context(context.value) if context else None)
    return facts


def _context(value: str) -> str | None:
    upper = value.upper()
    if "UN-ELEVATED" in upper or "UNELEVATED" in upper:
        return "un-elevated"
    if "ELEVATED" in upper:
        return "elevated"
    if "SYSTEM" in upper:
        return "system"
    return None


def parse(name: str, text: str) -> Evidence:
    """Read dsregcmd output into facts (and the fields the rules use)."""
    doc = read_fields(text)
    problems = () if doc.fields else ("no dsregcmd fields (Name : value lines) were found",)
    if doc.dropped:
        problems = (f"only the first {MAX_FIELDS} distinct fields were read; {doc.dropped:,} more were skipped "
                    "(a dsregcmd /status output has about a hundred)",)
    return Evidence(name, KIND, frozen(_facts(doc)), problems, frozen({"doc": doc}))
