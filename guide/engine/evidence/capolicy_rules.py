"""What Conditional Access policies conclude (enabled policies only).

Disabled and report-only policies change nothing a user sees, so they make
no finding (and no fact), exactly as the ``ca.*`` facts count them.

* ``sessionControls.signInFrequency`` → sign-in-frequency-policy (warning),
  *review-sign-in-frequency* with the display name, the value in `because`;
* ``persistentBrowser`` ``always``/``never`` → kmsi-persistent-browser-policy
  (warning), *review-ca-policy*;
* grant ``block`` → ca-policy-block, ``compliantDevice`` →
  device-compliance-required, ``domainJoinedDevice`` → device-join-required,
  ``signInRiskLevels`` with ``block`` → risky-sign-in, CAE ``strictLocation`` →
  ip-location-mismatch: all info, since a policy states what *would* happen,
  not what did.
"""

from __future__ import annotations

from guide.engine.evidence.base import Evidence, Finding
from guide.engine.evidence.capolicy import Policy, Setting
from guide.engine.evidence.conclude import INFO, WARNING, act, finding, ordered
from guide.engine.evidence.wording import at, say
from guide.engine.words import Words

_GRANTS = {"block": ("ca-policy-block", "ca-block"),
           "compliantDevice": ("device-compliance-required", "ca-compliant"),
           "domainJoinedDevice": ("device-join-required", "ca-joined")}
"""Grant control → (cause, sentence)."""

_UNITS = {"hours": ("hour", "時間"), "days": ("day", "日")}


def frequency_value(setting: Setting) -> Words:
    """The sign-in frequency as a person reads it: ``12 hours`` / ``12 時間``, ``every time`` / ``毎回``."""
    detail = setting.detail
    if detail.get("frequencyInterval") == "everyTime":
        return Words(ja="毎回", en="every time")
    value, unit = detail.get("value"), detail.get("type")
    if isinstance(unit, str) and unit in _UNITS and isinstance(value, (int, float, str)) and str(value):
        en, ja = _UNITS[unit]
        return Words(ja=f"{value} {ja}", en=f"{value} {en}{'s' if str(value) != '1' else ''}")
    return Words(ja="エクスポートに表示されない間隔", en="an interval the export does not show")


def _naming(action_id: str, policy: Policy) -> tuple:
    """`action_id` with this policy's display name."""
    return (act(action_id, policy=policy.name),)


def _policy_findings(policy: Policy, file: str) -> list[Finding]:
    found: list[Finding] = []
    review = _naming("review-ca-policy", policy)
    if policy.frequency:
        setting = policy.frequency
        because = say("ca-sif", policy=policy.name, value=frequency_value(setting), where=at(setting.line))
        found.append(finding("sign-in-frequency-policy", WARNING, because, file, setting.line,
                             _naming("review-sign-in-frequency", policy)))
    if policy.persistent_browser:
        setting = policy.persistent_browser
        because = say("ca-persistent", policy=policy.name, mode=setting.value, where=at(setting.line))
        found.append(finding("kmsi-persistent-browser-policy", WARNING, because, file, setting.line,
                             review))
    controls = {grant.value for grant in policy.grants}
    for grant in policy.grants:
        if grant.value in _GRANTS:
            cause, sentence = _GRANTS[grant.value]
            because = say(sentence, policy=policy.name, where=at(grant.line))
            found.append(finding(cause, INFO, because, file, grant.line, review))
    if policy.risk_levels and "block" in controls:
        line = next(grant.line for grant in policy.grants if grant.value == "block")
        because = say("ca-risk", policy=policy.name, levels=", ".join(policy.risk_levels), where=at(line))
        found.append(finding("risky-sign-in", INFO, because, file, line, review))
    if policy.cae and policy.cae.value == "strictLocation":
        because = say("ca-strict-location", policy=policy.name, where=at(policy.cae.line))
        found.append(finding("ip-location-mismatch", INFO, because, file, policy.cae.line, review))
    return found


def findings(evidence: Evidence) -> list[Finding]:
    """Findings of one Conditional Access export."""
    policies: tuple[Policy, ...] = evidence.data["policies"]  # type: ignore[assignment]
    return ordered(item for policy in policies if policy.enforced
                   for item in _policy_findings(policy, evidence.file))
