"""Sign-in logs in JSON: Graph ``signIn`` (v1.0 and beta), Azure Monitor ``SigninLogs``.

Accepted shapes (reference/domain.md §4.3): one ``signIn`` object,
``{"value": [...]}`` as Graph returns it, the portal's JSON download (an
array), ``SigninLogs`` records (``resultType`` as a string, the sign-in under
``properties``), Log Analytics rows with PascalCase columns, and JSON Lines.
Legacy beta names (``riskLevel``, ``conditionalAccessPolicies``,
``enforcedAccessControls``) are read like their successors.

Logs can hold hundreds of thousands of records, so records are streamed and
folded into a `Tally` as they are read; only counts and the first place of
each finding are kept. Error codes are read from ``status.errorCode`` /
``resultType``, never from the description text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable, Mapping

from guide.engine.codes import CODES
from guide.engine.evidence.base import Evidence, Fact
from guide.engine.evidence.jsonish import JsonRecords
from guide.engine.evidence.text import Lines, from_byte_text
from guide.engine.model import frozen

KIND = "signin-log"

RISK_ORDER = ("none", "low", "medium", "high")
_CA_STATUS = {"success": "success", "failure": "failure", "notapplied": "not-applied", "not applied": "not-applied"}
_GUEST_ACCESS = {"b2bcollaboration", "b2bdirectconnect"}


@dataclass(slots=True)
class Group:
    """Sign-ins that share one finding: how many, and the first of them."""

    count: int
    line: int
    user: str
    policy: str = ""
    """The policy involved in the first one (the blocking or enforcing policy), if any."""
    frequency_policy: str = ""
    """For an error code: the policy that enforced SignInFrequency on the first one, if any."""


@dataclass(slots=True)
class Tally:
    """What a sign-in log says, folded record by record.

    Attributes:
        total: Records read.
        codes: Error code (int, non-zero) → its group.
        ca_failures: Records whose Conditional Access status is failure.
        high_risk: Records with risk level high during sign-in.
        sif: Policy name → records where it enforced SignInFrequency.
        risk: Highest risk level seen (index into `RISK_ORDER`), -1 if none.
        user_types: Distinct user types seen (member, guest).
        ca_statuses: Distinct normalised Conditional Access statuses.
    """

    total: int = 0
    codes: dict[int, Group] = field(default_factory=dict)
    ca_failures: Group | None = None
    high_risk: Group | None = None
    sif: dict[str, Group] = field(default_factory=dict)
    risk: int = -1
    risk_line: int = 0
    risk_field: str = "riskLevelDuringSignIn"
    user_types: dict[str, int] = field(default_factory=dict)
    ca_statuses: dict[str, int] = field(default_factory=dict)
    first_line: int = 0

    def add(self, locate: Callable[[str], int], code: int | None, user: str, ca_status: str | None,
            failed_policy: str, sif_policies: list[str], risk: str | None, risk_field: str,
            user_type: str | None) -> None:
        """Fold one sign-in in. `locate(needle)` gives the line of a field of this record."""
        self.total += 1
        if self.total == 1:
            self.first_line = locate("")
        if code:
            group = self.codes.get(code)
            if group is None:
                self.codes[code] = Group(1, locate("errorCode"), user, failed_policy,
                                         sif_policies[0] if sif_policies else "")
            else:
                group.count += 1
        if ca_status:
            if ca_status not in self.ca_statuses:
                self.ca_statuses[ca_status] = locate("onditionalAccessStatus")
            if ca_status == "failure":
                if self.ca_failures is None:
                    self.ca_failures = Group(1, locate("onditionalAccessStatus"), user, failed_policy)
                else:
                    self.ca_failures.count += 1
        for policy in sif_policies:
            group = self.sif.get(policy)
            if group is None:
                self.sif[policy] = Group(1, locate("SignInFrequency"), user, policy)
            else:
                group.count += 1
        if risk in RISK_ORDER:
            level = RISK_ORDER.index(risk)
            if level > self.risk:
                self.risk, self.risk_line, self.risk_field = level, locate(risk_field), risk_field
            if level == 3:
                if self.high_risk is None:
                    self.high_risk = Group(1, self.risk_line, user)
                else:
                    self.high_risk.count += 1
        if user_type and user_type not in self.user_types:
            self.user_types[user_type] = locate("serType")

    def recode(self, fix: Callable[[str], str]) -> None:
        """Apply `fix` to every name kept (users, policies): for logs read as `text.byte_text`."""
        groups = [*self.codes.values(), *self.sif.values(), self.ca_failures, self.high_risk]
        for group in groups:
            if group is not None:
                group.user, group.policy, group.frequency_policy = (
                    fix(group.user), fix(group.policy), fix(group.frequency_policy))
        self.sif = {fix(name): group for name, group in self.sif.items()}


def _get(record: Mapping, name: str) -> object:
    value = record.get(name)
    if value is None:
        value = record.get(name[0].upper() + name[1:])
    return value


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def as_code(value: object) -> int | None:
    """An error code from an int or a numeric string (``"50140"``), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 12:
        return int(value)
    return None


def ca_status(value: object) -> str | None:
    """A normalised Conditional Access status (success, failure, not-applied), else None."""
    return _CA_STATUS.get(value.strip().lower()) if isinstance(value, str) else None


def _policies(record: Mapping) -> list:
    policies = _get(record, "appliedConditionalAccessPolicies")
    if policies is None:
        policies = _get(record, "conditionalAccessPolicies")
    if isinstance(policies, str):
        try:
            policies = json.loads(policies)
        except ValueError:
            return []
    return policies if isinstance(policies, list) else []


def _policy_reading(policies: list) -> tuple[str, list[str], bool]:
    """(first failing policy's name, policies that enforced SignInFrequency, any failure)."""
    failed, sif, any_failure = "", [], False
    for policy in policies:
        if not isinstance(policy, dict):
            continue
        name = _text(policy.get("displayName"))
        if policy.get("result") == "failure":
            any_failure = True
            failed = failed or name
        controls = policy.get("enforcedSessionControls")
        if isinstance(controls, list) and name and any(
                isinstance(item, str) and item.lower() == "signinfrequency" for item in controls):
            sif.append(name)
    return failed, sif, any_failure


def _status_code(sign_in: Mapping, record: Mapping) -> int | None:
    status = _get(sign_in, "status")
    if isinstance(status, str) and status.startswith("{"):
        try:
            status = json.loads(status)
        except ValueError:
            status = None
    code = as_code(status.get("errorCode")) if isinstance(status, dict) else None
    if code is None:
        code = as_code(_get(record, "resultType"))
    return code


def _user_type(sign_in: Mapping) -> str | None:
    kind = _get(sign_in, "userType")
    if isinstance(kind, str) and kind.lower() in ("member", "guest"):
        return kind.lower()
    access = _get(sign_in, "crossTenantAccessType")
    if isinstance(access, str) and access.lower() in _GUEST_ACCESS:
        return "guest"
    return None


def fold(tally: Tally, record: Mapping, locate: Callable[[str], int]) -> None:
    """Fold one JSON sign-in record (any accepted shape) into `tally`."""
    properties = record.get("properties")
    sign_in = properties if isinstance(properties, dict) else record
    failed, sif, any_failure = _policy_reading(_policies(sign_in))
    status = ca_status(_get(sign_in, "conditionalAccessStatus"))
    if status is None and any_failure:
        status = "failure"
    risk_field = "riskLevelDuringSignIn"
    risk = _get(sign_in, risk_field)
    if risk is None:
        risk_field, risk = "riskLevel", _get(sign_in, "riskLevel")
    user = _text(_get(sign_in, "userPrincipalName")) or _text(_get(record, "identity"))
    tally.add(locate, _status_code(sign_in, record), user, status, failed, sif,
              risk.lower() if isinstance(risk, str) else None, risk_field, _user_type(sign_in))


def matches(record: object, meta: Mapping) -> bool:
    """Whether a JSON record (with its top-level `meta`) is a sign-in."""
    context = meta.get("@odata.context") or (record.get("@odata.context") if isinstance(record, dict) else None)
    if isinstance(context, str) and "signins" in context.lower():
        return True
    if not isinstance(record, dict):
        return False
    properties = record.get("properties")
    if isinstance(properties, dict) and ("resultType" in record or "SignInLogs" in _text(record.get("category"))):
        return True
    status = _get(record, "status")
    if isinstance(status, dict) and "errorCode" in status and (
            "userPrincipalName" in record or "createdDateTime" in record or "appDisplayName" in record):
        return True
    keys = ("conditionalAccessStatus", "riskLevelDuringSignIn", "appliedConditionalAccessPolicies",
            "ConditionalAccessStatus", "RiskLevelDuringSignIn")
    return any(name in record for name in keys) or ("ResultType" in record and "UserPrincipalName" in record)


def _routine(code: int) -> bool:
    info = CODES.get(f"AADSTS{code}")
    return bool(info and info.expected)


def _first_failure(tally: Tally) -> tuple[int, int]:
    """(code, line) of the first failure that is not a routine interrupt, else of the first failure, else 0."""
    ranked = sorted((_routine(code), group.line, code) for code, group in tally.codes.items())
    if not ranked:
        return 0, tally.first_line
    _, line, code = ranked[0]
    return code, line


def facts_of(tally: Tally) -> dict[str, Fact]:
    """The ``signin.*`` facts of a tally (a fact is left out where the records disagree)."""
    facts: dict[str, Fact] = {"signin.records": Fact("signin.records", str(tally.total), tally.first_line)}
    if tally.total:
        code, line = _first_failure(tally)
        facts["signin.error-code"] = Fact("signin.error-code", str(code), line, f"errorCode : {code}")
    if tally.risk >= 0:
        level = RISK_ORDER[tally.risk]
        facts["signin.risk-level"] = Fact("signin.risk-level", level, tally.risk_line, f"{tally.risk_field} : {level}")
    statuses = tally.ca_statuses
    for status in ("failure", "success", "not-applied"):
        if status in statuses and (status != "not-applied" or len(statuses) == 1):
            facts["signin.ca-status"] = Fact("signin.ca-status", status, statuses[status],
                                             f"conditionalAccessStatus : {status}")
            break
    if len(tally.user_types) == 1:
        (kind, line), = tally.user_types.items()
        facts["signin.user-type"] = Fact("signin.user-type", kind, line, f"userType : {kind}")
    return facts


def evidence_of(name: str, tally: Tally, problems: tuple[str, ...]) -> Evidence:
    """The evidence for a folded log (kind unknown when no record could be read)."""
    if not tally.total:
        return Evidence(name, "unknown", problems=problems or ("the sign-in log holds no records",))
    return Evidence(name, KIND, frozen(facts_of(tally)), problems, frozen({"tally": tally}))


def parse(name: str, text: str, *, byte_text: bool = False) -> Evidence:
    """Read a JSON sign-in log, streaming its records.

    Args:
        name: The file name to report.
        text: The log.
        byte_text: `text` is UTF-8 read one character per byte (`text.byte_text`).
    """
    lines = Lines(text)
    reader = JsonRecords(text, lines)
    tally = Tally()
    for record in reader.records():
        if isinstance(record.value, dict):
            start, end = record.start, record.end
            fold(tally, record.value, lambda needle: lines.of(needle, start, end) if needle else lines.at(start))
    if byte_text:
        tally.recode(from_byte_text)
    problems = (reader.problem + "; the records before it were checked",) if reader.problem and tally.total \
        else ((reader.problem,) if reader.problem else ())
    return evidence_of(name, tally, problems)
