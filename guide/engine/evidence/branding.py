"""Organizational branding exports (Graph ``organizationalBranding``).

Graph's branding resource has no "Stay signed in?" (KMSI) setting
(reference/domain.md §4.5; ``loginPageTextVisibilitySettings`` has none
either), so the file is recognised and reported as such, and KMSI is never
inferred from it: ``branding.kmsi-visible`` is always ``unknown`` and the
evidence carries a problem saying where the setting really is.
"""

from __future__ import annotations

from typing import Mapping

from guide.engine.evidence.base import Evidence, Fact
from guide.engine.evidence.jsonish import JsonRecords
from guide.engine.evidence.text import Lines
from guide.engine.model import frozen

KIND = "branding"

FIELDS = frozenset({
    "backgroundColor", "backgroundImageRelativeUrl", "bannerLogoRelativeUrl", "cdnList", "signInPageText",
    "squareLogoRelativeUrl", "squareLogoDarkRelativeUrl", "usernameHintText", "loginPageTextVisibilitySettings",
    "customCSSRelativeUrl", "faviconRelativeUrl", "headerBackgroundColor", "headerLogoRelativeUrl",
    "loginPageLayoutConfiguration", "customAccountResetCredentialsUrl", "customPrivacyAndCookiesUrl",
    "customTermsOfUseUrl", "customCannotAccessYourAccountUrl", "customForgotMyPasswordText",
})
"""Members of organizationalBranding (and its localizations)."""

NOT_VISIBLE = ("KMSI not visible in this export: Graph branding has no \"Stay signed in?\" setting, so check "
               "Entra admin center > Users > User settings > \"Show keep user signed in\" instead")


def matches(record: object, meta: Mapping) -> bool:
    """Whether a JSON record is an organizational branding (or one of its localizations)."""
    context = meta.get("@odata.context") or (record.get("@odata.context") if isinstance(record, dict) else None)
    if isinstance(context, str) and "branding" in context.lower():
        return True
    return isinstance(record, dict) and len(FIELDS.intersection(record)) >= 2


def parse(name: str, text: str) -> Evidence:
    """Recognise a branding export; its only fact is that KMSI cannot be seen in it."""
    lines = Lines(text)
    reader = JsonRecords(text, lines)
    records = [record for record in reader.records() if isinstance(record.value, dict)]
    if not records:
        return Evidence(name, "unknown", problems=(reader.problem or "no branding object was found",))
    line = lines.at(records[0].start)
    facts = {"branding.kmsi-visible": Fact("branding.kmsi-visible", "unknown", line, "")}
    problems = (NOT_VISIBLE, *((reader.problem,) if reader.problem else ()))
    return Evidence(name, KIND, frozen(facts), problems, frozen({"locales": len(records)}))
