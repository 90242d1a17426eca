"""Helpers every rule module uses to turn evidence into `Finding`s.

* `act` names an action with parameters (empty values are left out, so a
  parameter the evidence does not give is never invented);
* `DEFAULT_ACTIONS` lists, per cause, the parameterless actions of
  reference/domain.md §2 that a finding suggests when a rule has nothing more
  specific;
* `code_findings` turns error codes into findings through the code table,
  one finding per cause, the severity following the table's confidence:
  ``high`` → error, ``medium`` → warning, ``low`` → info. Third-party and
  unverified links are ``low``, so they never reach error severity;
* `ordered` sorts a file's findings (errors first) and drops repeats (same
  cause and same actions, e.g. two policies of one name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

from guide.engine.actions import validate_params
from guide.engine.codes import HIGH, LOW, MEDIUM, CodeInfo, code_info
from guide.engine.evidence.base import Finding
from guide.engine.evidence.wording import cause_phrase, say
from guide.engine.model import EMPTY, ActionRef, frozen
from guide.engine.words import Words

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
"""Severities, most severe first."""

SEVERITY_OF: Mapping[str, str] = MappingProxyType({HIGH: ERROR, MEDIUM: WARNING, LOW: INFO})
"""Code-table confidence → finding severity."""

DEFAULT_ACTIONS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "stale-windows-credential": ("sign-out-and-in", "restart-app"),
    "multiple-accounts-on-device": ("use-one-account",),
    "vpn-interference": ("disconnect-vpn", "configure-vpn-split-tunnel"),
    "proxy-or-inspection-interference": ("check-network", "collect-diagnostics", "escalate-to-admin"),
    "network-unreachable": ("check-network",),
    "ip-location-mismatch": ("sign-out-and-in", "configure-vpn-split-tunnel"),
    "tenant-switch-failure": ("sign-out-and-in", "disconnect-vpn", "escalate-to-admin"),
    "clock-skew": ("sync-clock",),
    "broker-plugin-broken": ("reregister-broker-plugin",),
    "adfs-forms-auth-disabled": ("adfs-enable-forms-auth",),
    "password-changed": ("wait-or-reset-password", "sign-out-and-in"),
    "sessions-revoked": ("sign-out-and-in", "explain-by-design"),
    "refresh-token-expired": ("sign-out-and-in", "explain-by-design"),
    "sign-in-frequency-policy": ("explain-by-design",),
    "mfa-required": ("complete-mfa-registration",),
    "invalid-credentials": ("wait-or-reset-password",),
    "device-not-registered": ("add-work-account", "join-or-register-device"),
    "hybrid-join-incomplete": ("fix-hybrid-join", "collect-diagnostics"),
    "prt-acquisition-failed": ("refresh-prt", "collect-diagnostics"),
    "prt-stale": ("refresh-prt",),
    "device-disabled-or-deleted": ("reenable-device", "join-or-register-device"),
    "tpm-failure": ("join-or-register-device", "escalate-to-admin"),
    "ca-policy-block": ("escalate-to-admin",),
    "device-compliance-required": ("make-device-compliant",),
    "device-join-required": ("use-supported-browser", "join-or-register-device"),
    "risky-sign-in": ("remediate-user-risk", "complete-mfa-registration"),
    "kmsi-seamless-sso": ("explain-by-design",),
    "kmsi-guest-user": ("explain-by-design",),
    "kmsi-persistent-browser-policy": ("explain-by-design",),
    "kmsi-risk-or-shared-device": ("explain-by-design",),
    "seamless-sso-failed": ("fix-seamless-sso",),
    "smart-lockout": ("wait-out-lockout", "admin-reset-password"),
    "ad-account-locked": ("unlock-ad-account",),
    "password-expired": ("change-expired-password", "enable-password-writeback"),
    "password-forgotten": ("reset-password-self-service", "admin-reset-password"),
    "password-writeback-missing": ("enable-password-writeback",),
    "mfa-denied-or-reported": ("review-mfa-denial", "answer-number-matching"),
    "mfa-device-changed": ("move-authenticator-to-new-phone",),
    "mfa-no-usable-method": ("issue-temporary-access-pass", "require-mfa-reregistration"),
    "security-info-registration-blocked": ("review-security-info-registration", "issue-temporary-access-pass"),
})
"""Cause → parameterless actions suggested when a rule knows nothing more specific."""

_ADDS_CODE_SPECIFIC: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "0xc000005f": ("add-upn-suffix-domain",),
})
"""Code → actions reference/domain.md gives for that code in particular."""


def code_actions(code: str) -> tuple[ActionRef, ...]:
    """Actions reference/domain.md gives for `code` in particular (beyond its cause's)."""
    return tuple(ActionRef(action_id) for action_id in _ADDS_CODE_SPECIFIC.get(code, ()))


def act(action_id: str, **params: str | None) -> ActionRef:
    """An action with the parameters the evidence gives, exactly as it gives them.

    A value the action registry would refuse (a policy name with ``&`` or
    quotes, a target with spaces) is left out rather than altered: the action
    then shows its placeholder, and the finding's `because` still names the
    value as the evidence prints it.
    """
    kept = {name: value for name, value in params.items()
            if value and not validate_params(action_id, {name: value})}
    return ActionRef(action_id, frozen(kept))


def defaults(cause: str, *first: ActionRef) -> tuple[ActionRef, ...]:
    """`first`, then the cause's default actions not already named."""
    named = {action.id for action in first}
    return (*first, *(ActionRef(action_id) for action_id in DEFAULT_ACTIONS.get(cause, ()) if action_id not in named))


def finding(cause: str, severity: str, because: Mapping[str, str], file: str, line: int,
            actions: Iterable[ActionRef] = ()) -> Finding:
    """A finding located at ``file:line`` (the cause's default actions follow `actions`)."""
    return Finding(cause, severity, defaults(cause, *actions), because, f"{file}:{max(line, 1)}")


@dataclass(frozen=True, slots=True)
class Sighting:
    """A code seen in evidence: where, and how to name that place."""

    code: str
    """Normalised code."""
    line: int
    where: Words
    """The place as a person would find it (``Attempt Status : 0xc000006d (line 9)``)."""
    actions: Mapping[str, tuple[ActionRef, ...]] = field(default_factory=lambda: EMPTY)
    """Cause → actions with parameters this sighting supplies (e.g. the blocking policy's name)."""


def _confidence_severity(info: CodeInfo, confidence: str, interrupt_lowers: bool) -> str:
    severity = SEVERITY_OF[confidence]
    if interrupt_lowers and info.interrupt and severity != INFO:
        severity = SEVERITIES[SEVERITIES.index(severity) + 1]
    return severity


def code_findings(sightings: Iterable[Sighting], file: str, *, skip: Iterable[str] = (),
                  interrupt_lowers: bool = False, template: str = "code") -> list[Finding]:
    """One finding per cause the sighted codes point at (expected codes never count).

    Args:
        sightings: Codes in the order they appear.
        file: The evidence file name.
        skip: Causes another rule already concluded from the same evidence.
        interrupt_lowers: Lower by one step the severity of codes that are
            routine interrupts (sign-in logs, where MFA prompts are normal).
        template: The `wording` sentence, given ``where``, ``code`` and ``phrase``.
    """
    skipped = set(skip)
    best: dict[str, Finding] = {}
    for sighting in sightings:
        info = code_info(sighting.code)
        if info is None or info.expected:
            continue
        extra = code_actions(sighting.code)
        for link in info.causes:
            if link.cause in skipped:
                continue
            severity = _confidence_severity(info, link.confidence, interrupt_lowers)
            known = best.get(link.cause)
            if known and SEVERITIES.index(known.severity) <= SEVERITIES.index(severity):
                continue
            because = say(template, where=sighting.where, code=sighting.code, phrase=cause_phrase(link.cause))
            actions = (*sighting.actions.get(link.cause, ()), *extra)
            best[link.cause] = finding(link.cause, severity, because, file, sighting.line, actions)
    return list(best.values())


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings most severe first (stable); of repeats (same cause and actions) the first is kept."""
    result: list[Finding] = []
    seen: set[tuple] = set()
    for item in sorted(findings, key=lambda item: SEVERITIES.index(item.severity)):
        key = (item.cause, tuple((action.id, tuple(sorted(action.params.items()))) for action in item.actions))
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result
