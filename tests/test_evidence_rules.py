"""Rules → findings: causes, severities, actions with parameters from the evidence, reasons, places.

Also checks that the facts trees read agree with the findings checks draw
(a fact value that leads a tree to a cause comes with a finding of that cause).
"""

from __future__ import annotations

import pytest

from guide.engine.actions import validate_params
from guide.engine.evidence.runner import check_files, findings_for, read_evidence, read_text
from support import FIXTURES, SHARED

OWN = FIXTURES / "evidence"


def found(name: str, folder=OWN) -> list:
    path = folder / name
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    return findings_for(read_evidence(name, path.read_bytes()))


def by_cause(findings: list) -> dict:
    return {finding.cause: finding for finding in findings}


def actions(finding) -> list[tuple[str, dict]]:
    return [(action.id, dict(action.params)) for action in finding.actions]


# (fixture, cause, severity, evidence line, actions that must be there in this order)
EXPECTED = [
    ("dsregcmd-not-registered.txt", "device-not-registered", "error", 5, ["add-work-account"]),
    ("dsregcmd-domain-only-801c001d.txt", "hybrid-join-incomplete", "error", 18, ["fix-hybrid-join"]),
    ("dsregcmd-indented-proxy.txt", "device-disabled-or-deleted", "error", 21, ["reenable-device"]),
    ("dsregcmd-indented-proxy.txt", "prt-stale", "warning", 37, ["refresh-prt"]),
    ("dsregcmd-indented-proxy.txt", "network-unreachable", "error", 49, ["check-network"]),
    ("cmdkey-zh.txt", "stale-windows-credential", "warning", 5, ["sign-out-and-in", "delete-windows-credential"]),
    ("cmdkey-teams-only.txt", "stale-windows-credential", "info", 2, ["delete-windows-credential"]),
    ("signin-graph-mixed.json", "ca-policy-block", "error", 70, ["review-ca-policy"]),
    ("signin-graph-mixed.json", "invalid-credentials", "error", 38, ["wait-or-reset-password"]),
    ("signin-graph-mixed.json", "sign-in-frequency-policy", "error", 143, ["review-sign-in-frequency"]),
    ("signin-graph-mixed.json", "risky-sign-in", "warning", 120, ["remediate-user-risk"]),
    ("signin-graph-mixed.json", "mfa-required", "warning", 172, ["complete-mfa-registration"]),
    ("signin-portal.csv", "ca-policy-block", "error", 5, ["review-ca-policy"]),
    # issue 16: lockout, expired password, MFA registration and denial lead to the new trees' causes
    ("signin-mfa-account.csv", "smart-lockout", "error", 2, ["wait-out-lockout", "admin-reset-password"]),
    ("signin-mfa-account.csv", "password-expired", "error", 3, ["change-expired-password"]),
    ("signin-mfa-account.csv", "invalid-credentials", "error", 4, ["wait-or-reset-password"]),
    ("signin-mfa-account.csv", "mfa-required", "warning", 5, ["complete-mfa-registration"]),
    ("signin-mfa-account.csv", "mfa-denied-or-reported", "warning", 9, ["review-mfa-denial"]),
    ("signin-mfa-account.csv", "risky-sign-in", "error", 10, ["remediate-user-risk", "complete-mfa-registration"]),
    ("signin-portal.csv", "invalid-credentials", "error", 3, ["wait-or-reset-password"]),
    ("signinlogs-azure-monitor.json", "sessions-revoked", "error", 66, ["sign-out-and-in"]),
    ("signinlogs-guest.jsonl", "kmsi-guest-user", "info", 1, ["explain-by-design"]),
    ("ca-policies-utf16le.json", "kmsi-persistent-browser-policy", "warning", 29, ["review-ca-policy"]),
    ("ca-policies-utf16le.json", "sign-in-frequency-policy", "warning", 109, ["review-sign-in-frequency"]),
    ("ca-policies-utf16le.json", "ca-policy-block", "info", 52, ["review-ca-policy"]),
    ("ca-policies-utf16le.json", "device-compliance-required", "info", 104, ["review-ca-policy"]),
    ("ca-policies-utf16le.json", "device-join-required", "info", 105, ["review-ca-policy"]),
    ("ca-policies-utf16le.json", "risky-sign-in", "info", 52, ["review-ca-policy"]),
    ("ca-policies-utf16le.json", "ip-location-mismatch", "info", 56, ["review-ca-policy"]),
    ("adfs-rules-passthrough-only.txt", "kmsi-federated-iwa", "warning", 1, ["adfs-add-psso-rule"]),
    ("adfs-rules-psso-https.txt", "kmsi-federated-iwa", "warning", 6, ["adfs-add-psso-rule"]),
    ("error-mail-ja.txt", "proxy-or-inspection-interference", "error", 4, ["check-network"]),
    ("error-mail-ja.txt", "mfa-required", "error", 5, ["complete-mfa-registration"]),
    ("error-teams-4c7.txt", "adfs-forms-auth-disabled", "info", 2, ["adfs-enable-forms-auth"]),
    ("oauth-error.json", "sign-in-frequency-policy", "error", 4, ["explain-by-design"]),
    ("log-lines.txt", "network-unreachable", "error", 2, ["check-network"]),
]


@pytest.mark.parametrize(("name", "cause", "severity", "line", "named"), EXPECTED)
def test_finding(name: str, cause: str, severity: str, line: int, named: list[str]) -> None:
    finding = by_cause(found(name))[cause]
    assert finding.severity == severity
    assert finding.evidence == f"{name}:{line}"
    ids = list(dict.fromkeys(action.id for action in finding.actions))
    assert [action_id for action_id in ids if action_id in named] == named
    assert str(line) in finding.because["en"] and str(line) in finding.because["ja"]


def test_nothing_more_than_expected() -> None:
    for name in {case[0] for case in EXPECTED}:
        expected = {case[1] for case in EXPECTED if case[0] == name}
        assert {finding.cause for finding in found(name)} == expected, name
    for name in ("cmdkey-none.txt", "adfs-rules-with-psso.txt", "branding-localizations.json",
                 "signin-single-object-bom.json"):
        assert name != "signin-single-object-bom.json" or by_cause(found(name))["sessions-revoked"]
        assert name == "signin-single-object-bom.json" or found(name) == [], name


def test_stale_credentials_deleted_in_reference_order_with_exact_targets() -> None:
    finding = by_cause(found("cmdkey-ja-cp932.txt"))["stale-windows-credential"]
    user = "taro.yamada@contoso.co.jp"
    assert actions(finding) == [
        ("sign-out-and-in", {}), ("restart-app", {}),
        ("delete-windows-credential", {"target": f"MicrosoftAccount:target=SSO_POP_User:user={user}"}),
        ("delete-windows-credential", {"target": f"LegacyGeneric:target=MicrosoftAccount:user={user}"}),
    ]
    assert finding.severity == "warning"  # the link is third-party: never an error
    assert "SSO_POP_User" in finding.because["ja"] and "削除" in finding.because["ja"]


def test_sso_pop_device_is_not_stale() -> None:
    assert found("cmdkey-list-en.txt", SHARED / "evidence") == []


def test_prt_and_invalid_credentials_from_the_reference_sample() -> None:
    findings = by_cause(found("dsregcmd-prt-no-0xc000006d.txt", SHARED / "evidence"))
    assert set(findings) == {"prt-acquisition-failed", "invalid-credentials"}
    assert "AzureAdPrt : NO (line 5)" in findings["prt-acquisition-failed"].because["en"]
    assert "AzureAdPrt : NO（5 行目）" in findings["prt-acquisition-failed"].because["ja"]
    assert findings["invalid-credentials"].evidence.endswith(":18")


def test_prt_missing_as_system_is_only_a_warning() -> None:
    text = "AzureAdJoined : YES\nAzureAdPrt : NO\nUser Context : SYSTEM\n"
    (finding,) = findings_for(read_text("d.txt", text))
    assert (finding.cause, finding.severity) == ("prt-acquisition-failed", "warning")
    assert "User Context : SYSTEM" in finding.because["en"]


def test_registered_device_sso_state_is_ignored_and_upn_suffix_action_added() -> None:
    registered = "AzureAdJoined : NO\nDomainJoined : NO\nWorkplaceJoined : YES\nAzureAdPrt : NO\n"
    (finding,) = findings_for(read_text("d.txt", registered))
    assert (finding.cause, finding.severity, finding.evidence) == ("prt-acquisition-failed", "info", "d.txt:3")
    assert actions(finding)[0] == ("join-or-register-device", {})
    realm = "AzureAdJoined : YES\nAzureAdPrt : NO\nAttempt Status : 0xc000005f\n"
    finding = by_cause(findings_for(read_text("d.txt", realm)))["prt-acquisition-failed"]
    assert "add-upn-suffix-domain" in [action.id for action in finding.actions]


def test_join_codes_ignored_on_a_joined_device_and_tpm_codes_found() -> None:
    text = ("AzureAdJoined : YES\nDomainJoined : YES\nAzureAdPrt : YES\nClient ErrorCode : 0x801c0021\n"
            "Attempt Status : 0x80090016\n")
    causes = {finding.cause for finding in findings_for(read_text("d.txt", text))}
    assert causes == {"tpm-failure"}


def test_device_auth_error_points_to_system_context_network() -> None:
    text = "AzureAdJoined : YES\nDeviceAuthStatus : FAILED. ERROR\n"
    (finding,) = findings_for(read_text("d.txt", text))
    assert (finding.cause, finding.severity) == ("network-unreachable", "warning")


def test_low_risk_may_hide_kmsi() -> None:
    findings = found("signin-graph-beta-legacy.json", SHARED / "evidence")
    assert [(item.cause, item.severity) for item in findings] == [("kmsi-risk-or-shared-device", "info")]
    assert "riskLevel : low" in findings[0].because["en"]


def test_expected_kmsi_interrupt_is_no_error() -> None:
    text = '{"status": {"errorCode": 50140}, "userPrincipalName": "a@b.jp", "conditionalAccessStatus": "success"}'
    evidence = read_text("s.json", text)
    assert evidence.kind == "signin-log" and findings_for(evidence) == []


def test_sign_in_frequency_value_in_because() -> None:
    finding = by_cause(found("ca-policy-signin-frequency-unmanaged.json", SHARED / "evidence"))[
        "sign-in-frequency-policy"]
    assert "12 hours" in finding.because["en"] and "12 時間" in finding.because["ja"]
    assert actions(finding)[0] == ("review-sign-in-frequency", {
        "policy": "CA202-Internals-IdentityProtection-AllApps-WindowsMacOS-SigninFrequency-UnmanagedDevices"})
    every = '{"displayName": "P", "conditions": {}, "sessionControls": {"signInFrequency": ' \
            '{"frequencyInterval": "everyTime", "isEnabled": true}}}'
    (finding,) = findings_for(read_text("p.json", every))
    assert "every time" in finding.because["en"] and "毎回" in finding.because["ja"]


def test_policy_names_the_registry_refuses_are_left_out_not_altered() -> None:
    finding = [item for item in found("ca-policies-utf16le.json") if item.cause == "sign-in-frequency-policy"][0]
    assert actions(finding)[0] == ("review-sign-in-frequency", {})
    assert "CA200-Require-Compliant-or-HybridJoined & MFA" in finding.because["en"]


def test_report_only_and_disabled_policies_conclude_nothing() -> None:
    causes = [finding.because["en"] for finding in found("ca-policies-utf16le.json")]
    assert not any("CA400" in because or "CA500" in because for because in causes)


def test_adfs_variant_follows_the_insidecorporatenetwork_source() -> None:
    sample = by_cause(found("adfs-rules-insidecorpnet-only.txt", SHARED / "evidence"))["kmsi-federated-iwa"]
    assert actions(sample) == [("adfs-add-psso-rule", {"variant": "x-ms-proxy"})]
    passing = by_cause(found("adfs-rules-passthrough-only.txt"))["kmsi-federated-iwa"]
    assert actions(passing) == [("adfs-add-psso-rule", {"variant": "intranet"})]
    bare = findings_for(read_text("r.txt", 'c:[Type == "http://x/upn"] => issue(claim = c);'))
    assert actions(bare[0]) == [("adfs-add-psso-rule", {"variant": "intranet"})]


def test_every_action_parameter_passes_the_registry() -> None:
    names = sorted(path.name for path in OWN.iterdir())
    report = check_files([str(OWN / name) for name in names])
    for finding in report.findings:
        for action in finding.actions:
            assert validate_params(action.id, action.params) == [], (finding, action)


def test_three_p_signals_never_reach_error_with_a_changing_action() -> None:
    third_party = {"stale-windows-credential", "adfs-forms-auth-disabled", "multiple-accounts-on-device"}
    report = check_files([str(path) for path in sorted(OWN.iterdir())])
    for finding in report.findings:
        if finding.cause in third_party:
            assert finding.severity != "error", finding


# Fact value → the cause a tree reaches from it; the checks must conclude the same.
AGREEMENT = [
    ("dsregcmd.join-type", "none", "device-not-registered"),
    ("dsregcmd.join-type", "registered", "prt-acquisition-failed"),
    ("dsregcmd.join-type", "domain-joined", "hybrid-join-incomplete"),
    ("dsregcmd.device-auth", "error", "network-unreachable"),
    ("dsregcmd.device-auth", "disabled-or-deleted", "device-disabled-or-deleted"),
    ("dsregcmd.prt-fresh", "no", "prt-stale"),
    ("cmdkey.office-credentials", "present", "stale-windows-credential"),
    ("signin.risk-level", "high", "risky-sign-in"),
    ("signin.risk-level", "medium", "kmsi-risk-or-shared-device"),
    ("signin.risk-level", "low", "kmsi-risk-or-shared-device"),
    ("signin.ca-status", "failure", "ca-policy-block"),
    ("signin.user-type", "guest", "kmsi-guest-user"),
    ("ca.sign-in-frequency", "set", "sign-in-frequency-policy"),
    ("ca.persistent-browser", "never", "kmsi-persistent-browser-policy"),
    ("ca.persistent-browser", "always", "kmsi-persistent-browser-policy"),
    ("adfs.psso-rule", "absent", "kmsi-federated-iwa"),
    ("adfs.psso-rule", "https-scheme", "kmsi-federated-iwa"),
]


def _all_evidence() -> list:
    paths = sorted(OWN.iterdir())
    if (SHARED / "evidence").is_dir():
        paths += sorted(path for path in (SHARED / "evidence").iterdir() if path.suffix in (".txt", ".json"))
    return [read_evidence(path.name, path.read_bytes()) for path in paths]


@pytest.mark.parametrize(("fact", "value", "cause"), AGREEMENT)
def test_facts_and_findings_agree(fact: str, value: str, cause: str) -> None:
    for evidence in _all_evidence():
        held = evidence.facts.get(fact)
        causes = {finding.cause for finding in findings_for(evidence)}
        if held is not None and held.value == value:
            assert cause in causes, (evidence.file, fact, value)
        if held is not None and held.value != value and not any(
                other[0] == fact and other[1] == held.value and other[2] == cause for other in AGREEMENT):
            if fact.startswith(("ca.", "adfs.psso", "cmdkey.")):
                assert cause not in causes, (evidence.file, fact, held.value)
