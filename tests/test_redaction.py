"""Redaction of free text (ticket notes, the report's misroutes): personal data out, the problem kept."""

from __future__ import annotations

import pytest

from guide.engine.transcript import redact


@pytest.mark.parametrize("text, expected", [
    ("taro.yamada@contoso.co.jp で Teams に入れない", "<user> で Teams に入れない"),
    ("ユーザー taro＠contoso.com がサインインできない", "ユーザー <user> がサインインできない"),
    ("Correlation ID: 3f2504e0-4f89-11d3-9a0c-0305e82c3301", "Correlation ID: <guid>"),
    ("request id 3f2504e04f8911d39a0c0305e82c3301 failed", "request id <token> failed"),
    ("VPN 10.20.30.40 経由だと失敗", "VPN <ip> 経由だと失敗"),
    ("from 2001:db8::8a2e:370:7334 and fe80::1", "from <ip> and <ip>"),
    ("from 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "from <ip>"),
    ("Authorization: Bearer abc.DEF-123_xyz", "Authorization: Bearer <token>"),
    ("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig", "token <token>"),
])
def test_personal_data_is_replaced(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "error 0xCAA70004 at 10:30:45 every morning",
    "AADSTS50173 after 20 minutes",
    "サインインの状態を維持しますか? が表示されない",
])
def test_the_problem_itself_is_kept(text):
    assert redact(text) == text
