"""What a dsregcmd output concludes (reference/domain.md §2, device and PRT causes).

* ``AzureAdPrt : NO`` on a joined device → prt-acquisition-failed (a warning
  when the output was captured as SYSTEM or elevated, where the SSO state is
  not the user's); a registered-only device's SSO state is ignored, and the
  device gets an info prt-acquisition-failed (dsregcmd cannot show its PRT;
  re-adding the work account renews it), as the device-state tree concludes;
* ``AzureAdJoined``, ``DomainJoined`` and ``WorkplaceJoined`` all NO →
  device-not-registered;
* ``DomainJoined : YES`` with ``AzureAdJoined : NO`` (not on-prem DRS), or a
  join ``Client ErrorCode`` while not Entra joined → hybrid-join-incomplete
  (``0x801c03f2`` during a sync join is the expected wait for sync: warning);
* ``DeviceAuthStatus : FAILED. Device is either disabled or deleted`` →
  device-disabled-or-deleted; ``FAILED. ERROR`` → network-unreachable
  (warning: the test needs network access in the system context);
* ``AzureAdPrtUpdateTime`` more than 4 hours before ``Client Time`` → prt-stale;
* every code in any field value (Attempt Status, Server Error Description,
  DRS tests, Client ErrorCode…) → its causes through the code table; once the
  server answered with an AADSTS code, the network readings of an ambiguous
  Attempt Status (``0xc000006d``) are dropped, and join codes are ignored on a
  device that is Entra joined.
"""

from __future__ import annotations

from guide.engine.codes import find_codes
from guide.engine.evidence.base import Evidence, Finding
from guide.engine.evidence.conclude import (
    ERROR,
    INFO,
    WARNING,
    Sighting,
    act,
    code_actions,
    code_findings,
    finding,
    ordered,
)
from guide.engine.evidence.dsregcmd import (
    PRT_FRESH_HOURS,
    DsregDoc,
    Field,
    device_auth,
    join_type,
    prt_age_hours,
)
from guide.engine.evidence.wording import cite, hours, say

_JOIN_CAUSE = "hybrid-join-incomplete"
_NETWORK_CAUSES = ("proxy-or-inspection-interference", "network-unreachable")


def _cite(field: Field):
    return cite(field.shown, field.line)


def _prt(doc: DsregDoc, file: str) -> list[Finding]:
    prt = doc.get("AzureAdPrt")
    if prt is None or prt.word != "NO":
        return []
    kind = join_type(doc)
    registered_only = doc.yes("WorkplaceJoined") and not doc.yes("AzureAdJoined")
    if kind in ("none", "registered") or registered_only:
        return []
    attempt = doc.get("Attempt Status")
    context = doc.get("User Context")
    actions = code_actions(attempt.value.split()[0].lower()) if attempt and attempt.value.split() else ()
    if context and context.word in ("SYSTEM", "ELEVATED"):
        because = say("prt-missing-context", prt=_cite(prt), context=_cite(context))
        return [finding("prt-acquisition-failed", WARNING, because, file, prt.line, actions)]
    because = (say("prt-missing-attempt", prt=_cite(prt), attempt=_cite(attempt)) if attempt
               else say("prt-missing", prt=_cite(prt)))
    return [finding("prt-acquisition-failed", ERROR, because, file, prt.line, actions)]


def _join(doc: DsregDoc, file: str) -> list[Finding]:
    azure, domain, workplace = doc.get("AzureAdJoined"), doc.get("DomainJoined"), doc.get("WorkplaceJoined")
    kind = join_type(doc)
    if kind == "none" and azure and domain and workplace:
        because = say("not-registered", azure=_cite(azure), domain=_cite(domain), workplace=_cite(workplace))
        return [finding("device-not-registered", ERROR, because, file, azure.line)]
    if kind == "registered" and workplace:
        because = say("registered-only", workplace=_cite(workplace))
        return [finding("prt-acquisition-failed", INFO, because, file, workplace.line,
                        (act("join-or-register-device"),))]
    if doc.yes("AzureAdJoined"):
        return []
    error = doc.get("Client ErrorCode")
    code = error.value.split()[0].lower() if error and error.value.split() else ""
    if error and code not in ("", "0x0", "0x00000000"):
        registration = doc.get("Registration Type")
        if code == "0x801c03f2" and registration and registration.word == "SYNC":
            because = say("join-sync-pending", field=_cite(error), registration=_cite(registration))
            return [finding(_JOIN_CAUSE, WARNING, because, file, error.line)]
        phase = doc.get("Error Phase")
        because = say("join-error", field=_cite(error), phase=phase.value if phase else "?")
        return [finding(_JOIN_CAUSE, ERROR, because, file, error.line)]
    if kind == "domain-joined" and azure and domain:
        because = say("join-incomplete", domain=_cite(domain), azure=_cite(azure))
        return [finding(_JOIN_CAUSE, WARNING, because, file, domain.line)]
    return []


def _device_auth(doc: DsregDoc, file: str) -> list[Finding]:
    status = doc.get("DeviceAuthStatus")
    state = device_auth(status) if status else "success"
    if state == "disabled-or-deleted":
        return [finding("device-disabled-or-deleted", ERROR, say("device-disabled", field=_cite(status)),
                        file, status.line)]
    if state == "error":
        return [finding("network-unreachable", WARNING, say("device-auth-error", field=_cite(status)),
                        file, status.line)]
    return []


def _stale(doc: DsregDoc, file: str) -> list[Finding]:
    age = prt_age_hours(doc)
    if age is None or age <= PRT_FRESH_HOURS or doc.yes("AzureAdPrt") is False:
        return []
    update, client = doc.get("AzureAdPrtUpdateTime"), doc.get("Client Time")
    because = say("prt-stale", update=_cite(update), client=_cite(client), age=hours(int(age)))
    return [finding("prt-stale", WARNING, because, file, update.line)]


def _sightings(doc: DsregDoc) -> list[Sighting]:
    sightings = [Sighting(hit.normalised, field.line, _cite(field))
                 for field in sorted(doc.fields.values(), key=lambda item: item.line)
                 for hit in find_codes(field.value)]
    return sightings


def findings(evidence: Evidence) -> list[Finding]:
    """Findings of one dsregcmd evidence."""
    doc: DsregDoc = evidence.data["doc"]  # type: ignore[assignment]
    file = evidence.file
    concluded = [*_prt(doc, file), *_join(doc, file), *_device_auth(doc, file), *_stale(doc, file)]
    sightings = _sightings(doc)
    skip = {item.cause for item in concluded}
    if doc.yes("AzureAdJoined"):
        skip.add(_JOIN_CAUSE)
    if any(sighting.code.startswith("AADSTS") for sighting in sightings):
        skip.update(_NETWORK_CAUSES)
    return ordered([*concluded, *code_findings(sightings, file, skip=skip)])
