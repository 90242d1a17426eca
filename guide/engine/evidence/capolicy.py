"""Conditional Access policy exports (Graph v1.0 or beta; one policy or many).

Accepted: a single policy object, ``{"value": [...]}``, an array, or policies
one after another; UTF-8 or UTF-16 with BOM and CRLF as PowerShell writes
them (decoding is done before), with ``…@odata.type`` members, ``\\u0027``
escapes and a trailing ``#microsoft.graph.restore`` member
(reference/domain.md §4.4). Control objects may be ``null``. Only what the
checks use is kept, each with its line.

A policy cut off mid-way is not trusted (its session controls may be the
missing part): a single truncated policy makes the file ``unknown``; from a
list, the complete policies are read and the problem is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from guide.engine.evidence.base import Evidence, Fact
from guide.engine.evidence.jsonish import JsonRecords
from guide.engine.evidence.text import Lines
from guide.engine.model import EMPTY, frozen

KIND = "ca-policy"
ENABLED = "enabled"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting of a policy and where it is."""

    value: str
    line: int
    detail: Mapping[str, object] = field(default_factory=lambda: EMPTY)
    """The setting's object as exported (e.g. signInFrequency's value, type, frequencyInterval)."""


@dataclass(frozen=True, slots=True)
class Policy:
    """What the checks need of one Conditional Access policy."""

    name: str
    """``displayName`` (as exported; the action parameter)."""
    state: str
    """``enabled``, ``disabled`` or ``enabledForReportingButNotEnforced`` (missing: enabled)."""
    line: int
    """Line of ``displayName`` (else of the policy's start)."""
    frequency: Setting | None = None
    persistent_browser: Setting | None = None
    grants: tuple[Setting, ...] = ()
    """Built-in grant controls (``block``, ``mfa``, ``compliantDevice``…), each with its line."""
    risk_levels: tuple[str, ...] = ()
    cae: Setting | None = None
    """``continuousAccessEvaluation`` mode."""

    @property
    def enforced(self) -> bool:
        """Whether the policy is on (not disabled, not report-only)."""
        return self.state == ENABLED


def _object(value: object) -> Mapping:
    return value if isinstance(value, dict) else {}


def _enabled(control: Mapping) -> bool:
    return bool(control) and control.get("isEnabled") is not False


def read_policy(value: Mapping, locate: Callable[[str], int]) -> Policy:
    """One policy object, with `locate(needle)` giving the line of a member inside it."""
    sessions = _object(value.get("sessionControls"))
    grant = _object(value.get("grantControls"))
    conditions = _object(value.get("conditions"))
    frequency = _object(sessions.get("signInFrequency"))
    persistent = _object(sessions.get("persistentBrowser"))
    cae = _object(sessions.get("continuousAccessEvaluation"))
    controls = grant.get("builtInControls")
    levels = conditions.get("signInRiskLevels")
    state = value.get("state")
    return Policy(
        name=value.get("displayName") if isinstance(value.get("displayName"), str) else "",
        state=state if isinstance(state, str) and state else ENABLED,
        line=locate('"displayName"'),
        frequency=Setting("set", locate('"signInFrequency"'), frozen(frequency)) if _enabled(frequency) else None,
        persistent_browser=(Setting(str(persistent.get("mode")), locate('"persistentBrowser"'))
                            if _enabled(persistent) and persistent.get("mode") in ("always", "never") else None),
        grants=tuple(Setting(control, locate(f'"{control}"')) for control in controls
                     if isinstance(control, str)) if isinstance(controls, list) else (),
        risk_levels=tuple(level for level in levels if isinstance(level, str)) if isinstance(levels, list) else (),
        cae=(Setting(str(cae.get("mode")), locate('"continuousAccessEvaluation"'))
             if isinstance(cae.get("mode"), str) else None),
    )


def matches(record: object, meta: Mapping) -> bool:
    """Whether a JSON record is a Conditional Access policy."""
    context = meta.get("@odata.context")
    if isinstance(context, str) and "conditionalaccess/policies" in context.lower():
        return True
    if not isinstance(record, dict):
        return False
    kind = record.get("@odata.type")
    if isinstance(kind, str) and kind.lower().endswith("conditionalaccesspolicy"):
        return True
    return "conditions" in record and ("grantControls" in record or "sessionControls" in record)


def _facts(policies: list[Policy]) -> dict[str, Fact]:
    enforced = [policy for policy in policies if policy.enforced]
    facts = {"ca.policies": Fact("ca.policies", str(len(policies)), policies[0].line if policies else 0)}
    frequency = next((policy for policy in enforced if policy.frequency), None)
    facts["ca.sign-in-frequency"] = (
        Fact("ca.sign-in-frequency", "set", frequency.frequency.line, f"{frequency.name}: signInFrequency")
        if frequency else Fact("ca.sign-in-frequency", "none", policies[0].line if policies else 0))
    browser = next((policy for policy in enforced if policy.persistent_browser), None)
    facts["ca.persistent-browser"] = (
        Fact("ca.persistent-browser", browser.persistent_browser.value, browser.persistent_browser.line,
             f"{browser.name}: persistentBrowser mode {browser.persistent_browser.value}")
        if browser else Fact("ca.persistent-browser", "none", policies[0].line if policies else 0))
    return facts


def parse(name: str, text: str) -> Evidence:
    """Read a Conditional Access export into policies and the ``ca.*`` facts."""
    lines = Lines(text)
    reader = JsonRecords(text, lines)
    policies = []
    for record in reader.records():
        if isinstance(record.value, dict):
            start, end = record.start, record.end
            policies.append(read_policy(record.value, lambda needle: lines.of(needle, start, end)))
    if not policies:
        return Evidence(name, "unknown", problems=(reader.problem or "no Conditional Access policy was found",))
    problems = (reader.problem + "; the complete policies before it were checked",) if reader.problem else ()
    return Evidence(name, KIND, frozen(_facts(policies)), problems, frozen({"policies": tuple(policies)}))
