"""What AD FS issuance transform rules conclude: the psso claim for KMSI.

* No rule issues psso → kmsi-federated-iwa (warning: the rules show the gap,
  not that the users are federated and on the intranet), with
  *adfs-add-psso-rule* and the variant that fits how this farm produces
  ``insidecorporatenetwork``: rules keyed on ``x-ms-proxy`` (the older farms'
  pattern, reference/domain.md §2 and §4.6) → the ``x-ms-proxy`` variant,
  which relies on the same signal; a pass-through rule or none (AD FS 2012 R2
  and later issue the claim themselves) → the ``intranet`` variant;
* every psso rule names an ``https://`` claim type → kmsi-federated-iwa
  (warning): AD FS compares claim types literally, so it most likely never
  matches; the action adds the ``http://`` rule.
"""

from __future__ import annotations

from guide.engine.evidence.adfs import RuleSet, psso_state
from guide.engine.evidence.base import Evidence, Finding
from guide.engine.evidence.conclude import WARNING, act, finding
from guide.engine.evidence.wording import at, at_lines, say
from guide.engine.words import Words

CAUSE = "kmsi-federated-iwa"


def variant(rules: RuleSet) -> str:
    """The psso rule variant that fits these rules."""
    source, _ = rules.inside_source()
    return "x-ms-proxy" if source == "x-ms-proxy" else "intranet"


def _source(rules: RuleSet) -> Words:
    source, producers = rules.inside_source()
    where = at_lines([rule.line for rule in producers])
    if source == "x-ms-proxy":
        return Words(ja=f"（insidecorporatenetwork は {where.ja}の x-ms-proxy 規則から発行）", en=f" (insidecorporatenetwork comes from the x-ms-proxy rules at {where.en})")
    if source:
        return Words(ja=f"（insidecorporatenetwork は {where.ja}で発行）", en=f" (insidecorporatenetwork is issued at {where.en})")
    return Words(ja="", en="")


def findings(evidence: Evidence) -> list[Finding]:
    """Findings of one set of AD FS rules."""
    rules: RuleSet = evidence.data["rules"]  # type: ignore[assignment]
    state = psso_state(rules)
    add_rule = act("adfs-add-psso-rule", variant=variant(rules))
    if state == "absent":
        _, producers = rules.inside_source()
        line = producers[0].line if producers else rules.rules[0].line
        because = say("adfs-no-psso", count=len(rules.rules), source=_source(rules))
        return [finding(CAUSE, WARNING, because, evidence.file, line, (add_rule,))]
    if state == "https-scheme":
        rule = rules.psso()[0]
        https = next(kind for kind in (rule.issued_type, *rule.types) if kind.strip().lower().startswith("https://"))
        because = say("adfs-psso-https", where=at(rule.line), type=https)
        return [finding(CAUSE, WARNING, because, evidence.file, rule.line, (add_rule,))]
    return []
