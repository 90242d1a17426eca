"""What a sign-in log concludes (JSON or CSV alike, from its `Tally`).

* each error code → its causes through the code table, one finding per cause,
  counting the sign-ins and naming the first; routine interrupts (MFA
  prompts, device authentication) are one step less severe, and expected
  codes such as the 50140 "Stay signed in?" interrupt are no finding at all;
* ``conditionalAccessStatus`` failure → ca-policy-block, with
  *review-ca-policy* for the first failing policy's display name;
* ``riskLevelDuringSignIn`` high → risky-sign-in (warning); at most medium
  or low → kmsi-risk-or-shared-device (info: a sign-in judged risky may not
  be offered "Stay signed in?", as the kmsi-missing tree concludes);
* a policy that enforced ``SignInFrequency`` → sign-in-frequency-policy (info),
  with *review-sign-in-frequency* for that policy;
* every sign-in by a guest → kmsi-guest-user (info), as the trees conclude
  from ``signin.user-type``.
"""

from __future__ import annotations

from guide.engine.evidence.base import Evidence, Finding
from guide.engine.evidence.conclude import (
    ERROR,
    INFO,
    WARNING,
    Sighting,
    act,
    code_findings,
    finding,
    ordered,
)
from guide.engine.evidence.signin import RISK_ORDER, Group, Tally
from guide.engine.evidence.wording import at, cite, say, sign_ins
from guide.engine.words import Words


def _first(group: Group) -> Words:
    where = at(group.line)
    return Words(ja=f"{group.user}、{where.ja}", en=f"{group.user}, {where.en}") if group.user else where


def _policy_actions(group: Group) -> dict:
    """Cause → actions naming the policy the first sign-in of a code group met."""
    actions = {}
    if group.policy:
        actions["ca-policy-block"] = (act("review-ca-policy", policy=group.policy),)
    if group.frequency_policy:
        actions["sign-in-frequency-policy"] = (act("review-sign-in-frequency", policy=group.frequency_policy),)
    return actions


def _ca_failure(tally: Tally, file: str) -> list[Finding]:
    group = tally.ca_failures
    if group is None:
        return []
    where = sign_ins(group.count, tally.total, _first(group))
    because = (say("signin-ca-failure", where=where, policy=group.policy) if group.policy
               else say("signin-ca-failure-unnamed", where=where))
    return [finding("ca-policy-block", ERROR, because, file, group.line,
                    (act("review-ca-policy", policy=group.policy),))]


def _risk(tally: Tally, file: str) -> list[Finding]:
    group = tally.high_risk
    if group is None:
        return []
    because = say("signin-risk", where=sign_ins(group.count, tally.total, _first(group)), field=tally.risk_field)
    return [finding("risky-sign-in", WARNING, because, file, group.line)]


def _risk_flagged(tally: Tally, file: str) -> list[Finding]:
    if tally.risk not in (1, 2):
        return []
    level = RISK_ORDER[tally.risk]
    because = say("signin-risk-flagged", level=level, where=cite(f"{tally.risk_field} : {level}", tally.risk_line))
    return [finding("kmsi-risk-or-shared-device", INFO, because, file, tally.risk_line)]


def _frequency(tally: Tally, file: str) -> list[Finding]:
    return [finding("sign-in-frequency-policy", INFO,
                    say("signin-sif", policy=policy, where=sign_ins(group.count, tally.total, _first(group))),
                    file, group.line, (act("review-sign-in-frequency", policy=policy),))
            for policy, group in tally.sif.items()]


def _guest(tally: Tally, file: str) -> list[Finding]:
    if set(tally.user_types) != {"guest"}:
        return []
    line = tally.user_types["guest"]
    because = say("signin-guest", where=sign_ins(tally.total, tally.total, at(line)))
    return [finding("kmsi-guest-user", INFO, because, file, line)]


def findings(evidence: Evidence) -> list[Finding]:
    """Findings of one sign-in log."""
    tally: Tally = evidence.data["tally"]  # type: ignore[assignment]
    file = evidence.file
    concluded = [*_ca_failure(tally, file), *_risk(tally, file), *_risk_flagged(tally, file),
                 *_frequency(tally, file), *_guest(tally, file)]
    sightings = [Sighting(f"AADSTS{code}", group.line, sign_ins(group.count, tally.total, _first(group)),
                          _policy_actions(group))
                 for code, group in sorted(tally.codes.items(), key=lambda item: item[1].line)]
    skip = {"ca-policy-block"} if tally.ca_failures else set()
    return ordered([*concluded, *code_findings(sightings, file, skip=skip, interrupt_lowers=True,
                                               template="signin-code")])
