"""Error codes: every written form is found and normalised; ordinary numbers never are."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guide.engine.codes import CODE_CAUSES, CODES, CONFIDENCES, FAMILIES, code_info, find_codes, first_code
from guide.engine.taxonomy import load_taxonomy


def normalised(text: str) -> list[str]:
    return [hit.normalised for hit in find_codes(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("0xCAA70004", "0xCAA70004"),
    ("0xcaa70004", "0xCAA70004"),
    ("caa70004", "0xCAA70004"),
    ("CAA70004", "0xCAA70004"),
    ("Status: caa10001.", "0xCAA10001"),
    ("-895025148", "0xCAA70004"),
    ("3399942148", "0xCAA70004"),
    ("No user present. Status: 3399548929", "0xCAA10001"),
    ("AADSTS50076", "AADSTS50076"),
    ("AADSTS 50076", "AADSTS50076"),
    ("aadsts50173:", "AADSTS50173"),
    ("AADSTS700082", "AADSTS700082"),
    ("error code 53003", "AADSTS53003"),
    ("Error Code: 53003.", "AADSTS53003"),
    ("エラーコード 53003", "AADSTS53003"),
    ("エラー コード: 53003。", "AADSTS53003"),
    ("エラーコード：530032", "AADSTS530032"),
    ("エラー番号 50126", "AADSTS50126"),
    ('"errorCode": 50126,', "AADSTS50126"),
    ('"resultType": "50140"', "AADSTS50140"),
    ("Sign-in error code 99999", "AADSTS99999"),
    ("Your status code is 4c7", "4c7"),
    ("ステータス コード 4c7", "4c7"),
    ("0x801c03f2", "0x801c03f2"),
    ("0x801C03F2", "0x801c03f2"),
    ("Attempt Status : 0xc000006d", "0xc000006d"),
    ("0x80090016", "0x80090016"),
    ("Trusted Platform Module has malfunctioned. Error code 80090016", "0x80090016"),
    ('Outlook says error 80090016 "keyset does not exist"', "0x80090016"),
    ("エラー コード: 80090016", "0x80090016"),
    ("Attempt Status: error C000006D", "0xc000006d"),
    ("ERROR (0xd0020017)", "0xd0020017"),
    ("HTTP Error : 12002", "WinHTTP12002"),
    ("WinHTTP error 12029", "WinHTTP12029"),
    ("I get 53003 when signing in", "AADSTS53003"),
    ("the user is presented with a (I think) 53001 when they authenticate", "AADSTS53001"),
    ("サインインすると 53003 が出ます", "AADSTS53003"),
    ("login fails with 50126.", "AADSTS50126"),
])
def test_each_form_is_normalised(text: str, expected: str) -> None:
    assert normalised(text) == [expected]


def test_hit_positions_and_lines() -> None:
    text = "first line\nThe error: 0xcaa70004 then\nAADSTS 50076"
    first, second = find_codes(text)
    assert (first.code, first.line, text[first.start:first.end]) == ("0xcaa70004", 2, "0xcaa70004")
    assert (second.code, second.line, text[second.start:second.end]) == ("AADSTS 50076", 3, "AADSTS 50076")


def test_several_codes_in_one_place() -> None:
    assert normalised("DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]") == ["0x801c0021", "0x80072ee2"]
    assert normalised("error code: AADSTS50076") == ["AADSTS50076"]


@pytest.mark.parametrize("text", [
    "2019-01-24 19:15:26.000 UTC",
    "2024/05/01 09:12",
    "20240501",
    "call 03-1234-5678 or +81 90 1234 5678 or 090-1234-5678",
    "0312345678",
    "version 16.0.12345.20000",
    "Edge 80.0.361, Rich Client v3.14.1592.7",
    "IP 131.107.159.37",
    "zip code 12345",
    "order number 53003-A",
    "ticket number 53003 was closed",
    "チケット番号 53003",
    "the licence costs $12,345.00 or ¥53003 a year",
    "room 50076 on floor 4",
    "my phone is 09012345678",
    "Teams version 1.6.00.12345 on Windows 10.0.19045.3693",
    "it happened 4 times, around 14:07 each day",
    "order 4c7 shipped",
    "DeviceId : 00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
    "Thumbprint : AA11BB22CC33DD44EE55FF66AA77BB88CC99DD00",
    "HTTP Error : 0x0",
    "HTTP status : 400",
    "53003 people came",
    "error code 1234567",
    "4c7 is a hex number",
    "0x0000caa7",
    "scaa70004x",
    "1234567890",
    "-1234567890",
    "my phone is 53001 12345",
    "ticket number 53003: the user cannot sign in",
    "the sign-in outage hit 53003 people",
    "サインインの問い合わせが 50126 件ありました",
    "login page build 50126.2",
    "build 80090016 of the add-in",
    "error 80090017 is not one of ours",
    "the error code deadbeef",
])
def test_no_false_codes(text: str) -> None:
    assert find_codes(text) == []


@given(st.dates().map(str), st.integers(0, 23), st.integers(0, 59))
def test_dates_and_times_never_match(date: str, hour: int, minute: int) -> None:
    assert find_codes(f"{date} {hour:02d}:{minute:02d}:00.000 UTC") == []


@given(st.lists(st.integers(0, 9999), min_size=2, max_size=4))
def test_versions_never_match(parts: list[int]) -> None:
    assert find_codes("version " + ".".join(map(str, parts))) == []


@given(st.text())
def test_find_codes_never_fails(text: str) -> None:
    for hit in find_codes(text):
        assert text[hit.start:hit.end] == hit.code
        assert hit.line == text.count("\n", 0, hit.start) + 1


def test_table_is_consistent_with_the_taxonomy() -> None:
    """Every cause the table names is in the project's taxonomy (which keeps the shared one as a floor)."""
    causes = set(load_taxonomy().causes)
    for code, info in {**CODES, **FAMILIES}.items():
        assert info.code == code
        for link in info.causes:
            assert link.confidence in CONFIDENCES
            assert link.cause in causes, (code, link.cause)
        assert not (info.expected and info.causes), code


@pytest.mark.parametrize("code", list(CODES))
def test_table_codes_are_normalised(code: str) -> None:
    assert re.fullmatch(r"0xCAA[0-9A-F]{5}|AADSTS\d{5,6}|0x[0-9a-f]{8}|4c7|WinHTTP\d{5}", code), code
    if code != "4c7":
        assert normalised(code) == [code]


def test_code_causes_per_reference() -> None:
    assert CODE_CAUSES["0xCAA70004"][0].cause == "proxy-or-inspection-interference"
    assert CODE_CAUSES["AADSTS50126"][0].cause == "invalid-credentials"
    assert [link.cause for link in CODE_CAUSES["0xCAA20003"]] == ["clock-skew", "prt-acquisition-failed"]
    assert CODES["AADSTS50140"].expected and "AADSTS50140" not in CODE_CAUSES
    assert CODE_CAUSES["4c7"][0].confidence == "low"  # third-party
    assert CODE_CAUSES["AADSTS500121"][0].cause == "mfa-denied-or-reported"  # docs/domain-mfa-account.md
    assert CODE_CAUSES["AADSTS50053"][0].cause == "smart-lockout"
    assert CODE_CAUSES["AADSTS50055"][0].cause == "password-expired"
    assert [link.cause for link in CODE_CAUSES["AADSTS50057"]] == ["account-disabled"]  # a disabled account
    assert [link.cause for link in CODE_CAUSES["AADSTS530004"]] == ["device-compliance-required", "device-join-required"]
    assert [link.cause for link in CODE_CAUSES["AADSTS81010"]] == ["seamless-sso-failed"]  # issue 12 point 21
    assert "0x80080300" not in CODE_CAUSES and "0xd0020017" not in CODE_CAUSES


def test_families_and_first_code() -> None:
    assert code_info("0x80280099").causes[0].cause == "tpm-failure"
    assert code_info("0x12345678") is None
    assert first_code("50126") == "AADSTS50126"
    assert first_code("ERROR (0xd0020017)") == "0xd0020017"
    assert first_code("nothing") is None


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=80).map(lambda t: t + " caa"))
def test_text_without_digits_skips_only_forms_that_need_one(text: str) -> None:
    """Only the ``caa`` form can match without a digit: trying every form on digit-free text finds the same."""
    import guide.engine.codes as codes

    skipped = find_codes(text + "abcde") + find_codes(text)
    every = [form for form, _, _ in codes._PATTERNS]
    original = codes._WITHOUT_DIGITS
    codes._WITHOUT_DIGITS = tuple(every)
    try:
        assert find_codes(text + "abcde") + find_codes(text) == skipped
    finally:
        codes._WITHOUT_DIGITS = original
    assert find_codes("Error caaabcde here")[0].normalised == "0xCAAABCDE"
