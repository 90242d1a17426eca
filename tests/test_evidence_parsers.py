"""Each evidence parser over the layouts, encodings and defects real files have.

Fixtures of our own live in tests/fixtures/evidence/; the copies of the shared
samples in tests/fixtures/shared/evidence/ are used where they show a variant.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from guide.engine.evidence import adfs, cmdkey, dsregcmd, jsonish
from guide.engine.evidence.runner import read_evidence, read_text
from guide.engine.evidence.text import Lines, decode, split_lines, too_large
from support import FIXTURES, SHARED

OWN = FIXTURES / "evidence"
SAMPLES = SHARED / "evidence"


def own(name: str):
    return read_evidence(name, (OWN / name).read_bytes())


def sample(name: str):
    return read_evidence(name, (SAMPLES / name).read_bytes())


def facts(evidence) -> dict:
    return evidence.facts_json()


def holds(evidence, expected: dict) -> bool:
    """Whether the evidence has (at least) these fact values."""
    return expected.items() <= facts(evidence).items()


# --- decoding -----------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp932", "gb18030"])
def test_decode_sniffs_encodings(encoding: str) -> None:
    text = "AzureAdPrt : NO\r\nユーザー: 太郎\r\n" if encoding != "gb18030" else "目标: 值\r\n用户: 李\r\n"
    data = text.encode(encoding)
    if encoding == "utf-32":
        data = codecs.BOM_UTF32_LE + text.encode("utf-32-le")
    decoded, problems = decode(data)
    assert decoded == text and problems == ()


def test_decode_never_fails_and_says_so() -> None:
    decoded, problems = decode(b"\xff\xfe\x00\xd8" + b"\x80\x81\xfe")
    assert isinstance(decoded, str)
    text, problems = decode(bytes([0x81, 0x20, 0xff, 0xfe, 0x80, 0xa0]))
    assert problems and "replaced" in problems[0]


def test_size_limit_message() -> None:
    assert too_large(10) is None
    message = too_large(300 * 1024 * 1024)
    assert message and "300 MB" in message and "200 MB" in message and "filter" in message


def test_lines_move_both_ways() -> None:
    text = "a\nb\nc\nd"
    lines = Lines(text)
    assert [lines.at(6), lines.at(0), lines.at(4), lines.at(99)] == [4, 1, 3, 4]
    assert lines.of("c", 0, len(text)) == 3 and lines.of("zz", 2, 5) == 2
    assert split_lines("a\r\nb\r\r\nc") == ["a", "b", "c"]


# --- tolerant JSON ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "values", "problem"), [
    ('{"a": 1,}', [{"a": 1}], None),
    ('[{"a": 1}, {"b": [1, 2,],},]', [{"a": 1}, {"b": [1, 2]}], None),
    ('// note\n{"a": /* inline */ 1}', [{"a": 1}], None),
    ('{"a": 1, "a": 2}', [{"a": 2}], None),
    ('{"a": 1 "b": 2}', [{"a": 1, "b": 2}], None),
    ('{"a": 1}\n{"a": 2}\n', [{"a": 1}, {"a": 2}], None),
    ('{"x": 1, "value": [{"a": 1}, {"a": 2}], "y": 2}', [{"a": 1}, {"a": 2}], None),
    ('[{"a": 1}, {"a": ', [{"a": 1}], "cut off"),
    ('[{"a": 1}, {"a" 2}]', [{"a": 1}], "cannot be read"),
    ('', [], "no JSON value"),
    ('{"a": NaN, "b": -Infinity}', None, None),
])
def test_json_records(text: str, values: list | None, problem: str | None) -> None:
    reader = jsonish.JsonRecords(text)
    records = [record.value for record in reader.records()]
    if values is not None:
        assert records == values
    assert (problem is None) == (reader.problem is None)
    if problem:
        assert problem in reader.problem


def test_json_meta_and_offsets() -> None:
    text = '{\n "@odata.context": "x#auditLogs/signIns",\n "value": [\n  {"id": 1},\n  {"id": 2}\n ]\n}'
    reader = jsonish.JsonRecords(text)
    records = list(reader.records())
    assert reader.meta == {"@odata.context": "x#auditLogs/signIns"}
    assert [Lines(text).at(record.start) for record in records] == [4, 5]
    assert text[records[0].start:records[0].end] == '{"id": 1}'


def test_json_deep_nesting_is_a_problem_not_a_crash() -> None:
    reader = jsonish.JsonRecords("[" * 100_000 + "]" * 100_000)
    assert list(reader.records()) == [] or reader.problem
    value, problem = jsonish.parse_value('{"a": ' * 5000 + "1" + "}" * 5000)
    assert value is None and problem


# --- dsregcmd --------------------------------------------------------------------------------

def test_dsregcmd_current_layout_sample() -> None:
    evidence = sample("dsregcmd-prt-no-0xc000006d.txt")
    assert evidence.kind == "dsregcmd"
    assert evidence.facts["dsregcmd.azure-ad-prt"].line == 5
    assert evidence.facts["dsregcmd.azure-ad-prt"].shown == "AzureAdPrt : NO"
    assert facts(evidence)["dsregcmd.attempt-status"] == "0xc000006d"


def test_dsregcmd_legacy_layout_sample() -> None:
    evidence = sample("dsregcmd-legacy-layout.txt")
    assert holds(evidence, {"dsregcmd.join-type": "hybrid-joined", "dsregcmd.azure-ad-prt": "yes"})
    assert evidence.facts["dsregcmd.domain-joined"].line == 28
    doc = evidence.data["doc"]
    assert doc.get("KeySignTest").value == ": MUST Run elevated to test."


def test_dsregcmd_indented_with_proxy_sections() -> None:
    evidence = own("dsregcmd-indented-proxy.txt")
    doc = evidence.data["doc"]
    assert evidence.kind == "dsregcmd"
    assert doc.get("HTTP status").value == "200"  # HTTP Status / HTTP status are one field
    assert doc.get("WamDefaultSet").value == "ERROR (0xd0020017)"
    assert doc.get("AzureAdJoined").value == "YES"  # trailing spaces dropped
    assert doc.get("Access Type").section == "WinHttp Default Proxy Config"
    assert holds(evidence, {"dsregcmd.join-type": "entra-joined", "dsregcmd.prt-fresh": "no",
                                    "dsregcmd.device-auth": "disabled-or-deleted",
                                    "dsregcmd.user-context": "un-elevated"})


def test_dsregcmd_crlf_and_fragments() -> None:
    evidence = own("dsregcmd-domain-only-801c001d.txt")
    assert facts(evidence)["dsregcmd.join-type"] == "domain-joined"
    assert evidence.facts["dsregcmd.client-error-code"].line == 18
    fragment = sample("dsregcmd-join-fragment-0x801c03f2.txt")
    assert facts(fragment) == {"dsregcmd.client-error-code": "0x801c03f2"}


def test_dsregcmd_first_occurrence_wins() -> None:
    evidence = sample("dsregcmd-doc-samples-annotated.txt")
    assert facts(evidence)["dsregcmd.client-error-code"] == "0x801c0021"
    assert evidence.data["doc"].get("WamDefaultGUID").value == "{ B16898C6-A148-4967-9171-64D755DA8520 } (AzureAd)"


def test_dsregcmd_not_registered() -> None:
    assert facts(own("dsregcmd-not-registered.txt"))["dsregcmd.join-type"] == "none"


def test_dsregcmd_recognition_needs_its_own_fields() -> None:
    assert not dsregcmd.looks_like("Name : Taro\nTitle : Engineer\n")
    assert dsregcmd.looks_like("AzureAdPrt : NO\nAttempt Status : 0xc000006d\n")


# --- cmdkey ----------------------------------------------------------------------------------

def test_cmdkey_english_sample_with_echoed_prompt() -> None:
    evidence = sample("cmdkey-list-en.txt")
    entries = evidence.data["doc"].entries
    assert [entry.target for entry in entries] == [
        "MicrosoftAccount:target=SSO_POP_Device", "WindowsLive:target=virtualapp/didlogical",
        "Domain:interactive=MSEDGEWIN10\\admin"]
    assert (entries[0].type, entries[0].user, entries[0].persistence, entries[0].line) == (
        "Generic", "02psqnskqyahvkpu", "Saved for this logon only", 6)
    assert entries[2].type == "Domain Password" and entries[2].persistence == ""
    assert facts(evidence) == {"cmdkey.office-credentials": "absent"}


def test_cmdkey_chinese_labels() -> None:
    entries = own("cmdkey-zh.txt").data["doc"].entries
    assert [(entry.type, entry.persistence) for entry in entries] == [
        ("普通", "本地机器持续时间"), ("普通", "仅为此登录保存"), ("域扩展的凭据", "")]
    assert entries[0].target == "LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:li.wei@contoso.cn"


def test_cmdkey_japanese_cp932_crlf() -> None:
    evidence = own("cmdkey-ja-cp932.txt")
    assert evidence.kind == "cmdkey"
    entries = evidence.data["doc"].entries
    assert [entry.user for entry in entries] == ["taro.yamada@contoso.co.jp"] * 2
    assert entries[1].persistence == "このログオンのみ保存"


def test_cmdkey_flush_entries_without_separators_and_empty_list() -> None:
    entries = own("cmdkey-teams-only.txt").data["doc"].entries
    assert [(entry.line, entry.user) for entry in entries] == [(2, "taro@contoso.co.jp"), (6, "")]
    empty = own("cmdkey-none.txt")
    assert empty.kind == "cmdkey" and facts(empty) == {"cmdkey.office-credentials": "absent"}


def test_cmdkey_full_width_colon() -> None:
    doc = cmdkey.read_entries("ターゲット：LegacyGeneric:target=MicrosoftOffice16_Data:SSPI\n種類：汎用\n")
    assert doc.entries[0].target == "LegacyGeneric:target=MicrosoftOffice16_Data:SSPI"
    assert doc.entries[0].type == "汎用"


# --- sign-in logs ----------------------------------------------------------------------------

def test_signin_graph_v1_trailing_comma_sample() -> None:
    evidence = sample("signin-graph-v1-success.json")
    assert evidence.kind == "signin-log" and not evidence.problems
    assert holds(evidence, {"signin.error-code": "0", "signin.ca-status": "not-applied",
                                    "signin.risk-level": "none", "signin.records": "1"})


def test_signin_graph_beta_legacy_names() -> None:
    assert facts(sample("signin-graph-beta-legacy.json"))["signin.risk-level"] == "low"


def test_signin_single_object_with_bom() -> None:
    evidence = own("signin-single-object-bom.json")
    assert facts(evidence)["signin.error-code"] == "50173"
    assert evidence.facts["signin.error-code"].line == 14


def test_signin_azure_monitor_records_with_string_result_type() -> None:
    evidence = own("signinlogs-azure-monitor.json")
    tally = evidence.data["tally"]
    assert evidence.kind == "signin-log" and tally.total == 4
    assert sorted(tally.codes) == [50140, 50173] and tally.codes[50173].count == 2
    assert facts(evidence)["signin.error-code"] == "50173"  # the 50140 interrupt is not the error


def test_signin_json_lines() -> None:
    evidence = own("signinlogs-guest.jsonl")
    assert facts(evidence)["signin.user-type"] == "guest" and facts(evidence)["signin.records"] == "3"


def test_signin_messy_graph_list() -> None:
    evidence = own("signin-graph-mixed.json")
    tally = evidence.data["tally"]
    assert tally.total == 8 and not evidence.problems
    assert tally.ca_failures.policy == "Block legacy authentication"
    assert tally.sif["Sign-in every 8 hours"].count == 1
    assert tally.codes[70043].frequency_policy == "Sign-in every 8 hours"
    assert facts(evidence)["signin.risk-level"] == "high"


def test_signin_truncated_download_keeps_complete_records() -> None:
    evidence = own("signin-portal-truncated.json")
    assert evidence.kind == "signin-log" and evidence.data["tally"].total == 2
    assert "cut off" in evidence.problems[0] and "line 40" in evidence.problems[0]


def test_signin_truncated_before_any_record_is_unknown() -> None:
    evidence = read_evidence("x.json", b'{"value": [{"status": {"errorCode": 50126')
    assert evidence.kind == "unknown" and "cut off" in evidence.problems[0]


def test_signin_csv_portal_download() -> None:
    evidence = own("signin-portal.csv")
    tally = evidence.data["tally"]
    assert evidence.kind == "signin-log" and tally.total == 4
    assert tally.codes[50126].line == 3 and tally.codes[53003].line == 5  # a quoted field spans lines 3-4
    assert facts(evidence)["signin.ca-status"] == "failure" and facts(evidence)["signin.user-type"] == "member"


def test_signin_csv_japanese_headers_tab_separated() -> None:
    text = "日付 (UTC)\t要求 ID\tユーザー名\t状態\tサインイン エラー コード\t条件付きアクセス\n" \
           "2024-05-01\tr1\ttaro@contoso.co.jp\t失敗\t50126\t適用されていません\n"
    evidence = read_text("ja.tsv", text)
    assert evidence.kind == "signin-log" and facts(evidence)["signin.error-code"] == "50126"


# --- Conditional Access policies ----------------------------------------------------------

def test_ca_policy_sample() -> None:
    evidence = sample("ca-policy-signin-frequency-unmanaged.json")
    (policy,) = evidence.data["policies"]
    assert policy.frequency.detail["value"] == 12 and policy.frequency.line == 134
    assert holds(evidence, {"ca.sign-in-frequency": "set", "ca.persistent-browser": "none"})


def test_ca_policies_utf16le_bom_crlf() -> None:
    data = (OWN / "ca-policies-utf16le.json").read_bytes()
    assert data.startswith(codecs.BOM_UTF16_LE) and "\r\n".encode("utf-16-le") in data
    evidence = own("ca-policies-utf16le.json")
    policies = evidence.data["policies"]
    assert evidence.kind == "ca-policy" and len(policies) == 5
    assert [policy.enforced for policy in policies] == [True, True, False, False, True]
    assert policies[1].name == "CA100-Block-HighRisk (全ユーザー)"
    assert holds(evidence, {"ca.persistent-browser": "never", "ca.sign-in-frequency": "set",
                                    "ca.policies": "5"})


def test_ca_policy_truncated_is_unknown() -> None:
    evidence = own("ca-policy-truncated.json")
    assert evidence.kind == "unknown" and "cut off" in evidence.problems[0]


# --- branding, AD FS, error text ---------------------------------------------------------

@pytest.mark.parametrize("name", ["branding-default.json", "branding-localizations.json"])
def test_branding_never_infers_kmsi(name: str) -> None:
    evidence = sample(name) if name == "branding-default.json" else own(name)
    assert evidence.kind == "branding"
    assert facts(evidence) == {"branding.kmsi-visible": "unknown"}
    assert "KMSI not visible in this export" in evidence.problems[0]


def test_adfs_rules_sample() -> None:
    evidence = sample("adfs-rules-insidecorpnet-only.txt")
    rules = evidence.data["rules"]
    assert [rule.line for rule in rules.rules] == [1, 2]
    assert rules.rules[1].conditions[0].exists == "not-exists"
    assert rules.inside_source()[0] == "x-ms-proxy"
    assert holds(evidence, {"adfs.psso-rule": "absent", "adfs.insidecorporatenetwork": "present"})


def test_adfs_rules_multiline_with_names_and_https() -> None:
    evidence = own("adfs-rules-psso-https.txt")
    rules = evidence.data["rules"]
    assert [(rule.line, rule.name) for rule in rules.rules] == [
        (1, "Pass through Inside Corporate Network"), (6, "Keep Users Signed In"), (10, "UPN")]
    assert rules.rules[0].pass_through and rules.inside_source()[0] == "pass-through"
    assert facts(evidence)["adfs.psso-rule"] == "https-scheme"


def test_adfs_rules_duplicates_reported() -> None:
    evidence = own("adfs-rules-with-psso.txt")
    assert facts(evidence)["adfs.psso-rule"] == "present"
    assert any("repeats the rule at line 6" in problem for problem in evidence.problems)


def test_adfs_recognition() -> None:
    assert adfs.looks_like('NOT exists([Type == "x"]) => issue(Type = "y", Value = "true");')
    assert not adfs.looks_like("a => b")


def test_error_text_japanese_mail() -> None:
    evidence = own("error-mail-ja.txt")
    assert evidence.kind == "error-text"
    assert facts(evidence) == {"error.codes": "0xCAA70004, AADSTS50076", "error.code": "0xcaa70004"}


def test_oauth_error_reads_error_codes_only() -> None:
    evidence = own("oauth-error.json")
    assert evidence.kind == "error-text"
    assert facts(evidence) == {"error.codes": "AADSTS70043", "error.code": "aadsts70043"}
    assert evidence.facts["error.codes"].line == 4


def test_log_lines_starting_with_a_bracket_are_text() -> None:
    assert own("log-lines.txt").kind == "error-text"


@pytest.mark.parametrize(("text", "problem"), [
    ("", "empty"),
    ("   \n\t\n", "empty"),
    ("Hello, I cannot sign in.", "not recognised"),
    ('{"name": "not evidence"}', "not recognised"),
])
def test_unrecognised_text_is_unknown(text: str, problem: str) -> None:
    evidence = read_text("x", text)
    assert evidence.kind == "unknown" and problem in evidence.problems[0]


def test_kind_can_be_forced_and_unknown_kinds_are_refused() -> None:
    from guide.engine.errors import GuideError

    assert read_text("x", "AzureAdPrt : NO", kind="dsregcmd").kind == "dsregcmd"
    with pytest.raises(GuideError):
        read_text("x", "", kind="nonsense")


def test_recognition_ignores_the_file_name(tmp_path: Path) -> None:
    data = (OWN / "cmdkey-zh.txt").read_bytes()
    assert read_evidence("signin-log.json", data).kind == "cmdkey"
