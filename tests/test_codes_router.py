"""Error codes as `guide route` reports them: every written form normalised, no code out of ordinary numbers."""

from __future__ import annotations

import pytest

from guide.engine.service import Guide

from support import FIXTURES, content_args

ROUTER = FIXTURES / "router"


@pytest.fixture(scope="module")
def content():
    return Guide.open(ROUTER / "trees", ROUTER / "content")


def route(guide: Guide, text: str):
    return guide.route(text)


@pytest.mark.parametrize(("text", "codes"), [
    ("error 0xCAA70004 after 20 minutes", ["0xCAA70004"]),
    ("error caa70004 after 20 minutes", ["0xCAA70004"]),
    ("Teams said CAA70004", ["0xCAA70004"]),
    ("Teams で caa70004 が出る", ["0xCAA70004"]),
    ("the log shows -895025148", ["0xCAA70004"]),
    ("AADSTS50076: Due to a configuration change you must use multi-factor authentication", ["AADSTS50076"]),
    ("AADSTS 50076", ["AADSTS50076"]),
    ("aadsts50173 grant revoked", ["AADSTS50173"]),
    ("I get error code 53003 when I open Teams", ["AADSTS53003"]),
    ("エラーコード: 53003 と表示される", ["AADSTS53003"]),
    ("エラー コード 530032", ["AADSTS530032"]),
    ("Teams says your status code is 4c7", ["4c7"]),
    ("ステータス コード 4c7 が表示された", ["4c7"]),
    ("first caa70004 then AADSTS50076 then caa70004 again", ["0xCAA70004", "AADSTS50076"]),
])
def test_every_written_form_is_normalised(content, text, codes):
    assert list(route(content, text).codes) == codes


@pytest.mark.parametrize("text", [
    "It started on 2024-05-01 at 09:12 and again on 2024/05/13",
    "call me on 03-1234-5678 or +81 90 1234 5678",
    "my phone is 09012345678",
    "Teams version 1.6.00.12345 on Windows 10.0.19045.3693",
    "the licence costs $12,345.00 or ¥53003 a year",
    "ticket number 53003 was closed",
    "room 50076 on floor 4",
    "it happened 4 times, around 14:07 each day",
    "zip code 12345",
    "order 4c7 shipped",
])
def test_ordinary_numbers_are_no_codes(content, text):
    assert route(content, text).codes == ()


def test_cli_prints_the_codes(run_guide):
    document = run_guide("route", "--json", *content_args(ROUTER), "Teams shows caa70004 and AADSTS 50076").json()
    assert document["codes"] == ["0xCAA70004", "AADSTS50076"]
