"""The page's language from Accept-Language, and the security pieces that need no server."""

from __future__ import annotations

import pytest

from guide.web.language import choose, from_accept_language
from guide.web.options import ServeOptions, is_loopback
from guide.web.security import NewConversations, content_security_policy, token_matches, valid_frame_ancestors
from guide.engine.catalog import LANGS, UI


@pytest.mark.parametrize("header, lang", [
    ("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", "ja"),
    ("en-GB,en;q=0.9,ja;q=0.8", "en"),
    ("fr-FR,fr;q=0.9,en;q=0.5,ja;q=0.6", "ja"),   # quality decides, not position
    ("fr, de", None),
    ("ja;q=0, en", "en"),                          # q=0 means "not this one"
    ("*", "ja"),
    ("ja;q=abc, en;q=0.3", "en"),                  # a broken quality counts as 0
    ("", None),
    ("," * 10_000 + "en", None),                   # only the first 1,000 characters are read
])
def test_accept_language_picks_the_first_page_language_by_quality(header, lang):
    """The browser's preferences decide in quality order; nothing usable gives None."""
    assert from_accept_language(header) == lang


def test_the_switch_wins_then_the_browser_then_the_server():
    """A switched language (cookie) beats Accept-Language, which beats --lang."""
    assert choose("en", "ja-JP", "ja") == "en"
    assert choose(None, "en-US", "ja") == "en"
    assert choose(None, "fr", "en") == "en"
    assert choose("xx", None, "ja") == "ja"


def test_every_page_word_has_both_languages():
    """No page word (the catalog's ``web.`` entries) is missing its Japanese or its English."""
    web = [key for key in UI if key.startswith("web.")]
    assert len(web) > 50
    for key in web:
        assert set(UI[key]) == set(LANGS), key
        assert all(text.strip() for text in UI[key].values()), key
    assert UI.text("web.error.404", "ja") != UI.text("web.error.404", "en")


def test_loopback_addresses_are_told_from_the_others():
    """127.0.0.1, ::1 and localhost reach this machine only; 0.0.0.0 and other addresses do not."""
    assert all(is_loopback(host) for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(host) for host in ("0.0.0.0", "::", "192.168.1.10", "example.com"))


def test_csp_allows_this_server_only_and_no_inline_script():
    """default-src 'self', no 'unsafe-inline' anywhere, framing as configured."""
    policy = content_security_policy("'self' https://portal.example.com")
    assert "default-src 'self'" in policy and "unsafe" not in policy
    assert policy.endswith("frame-ancestors 'self' https://portal.example.com")


@pytest.mark.parametrize("value, ok", [
    ("'none'", True), ("'self' https://portal.example.com", True),
    ("", False), ("https://a; script-src *", False), ("'unsafe-inline'", False), ("a\r\nSet-Cookie: x", False),
])
def test_frame_ancestors_must_be_plain_sources(value, ok):
    """A value that would add a directive or a header is refused."""
    assert valid_frame_ancestors(value) is ok


def test_csrf_token_must_repeat_the_cookie():
    """Missing, different or non-text fields never match."""
    assert token_matches("a" * 32, "a" * 32)
    assert not token_matches("a" * 32, "b" * 32)
    assert not token_matches("", "")
    assert not token_matches("a" * 32, None)


def test_new_conversations_are_counted_per_address_and_minute():
    """The limit applies per address; a new minute starts a new count; 0 turns it off."""
    now = [0.0]
    limit = NewConversations(2, clock=lambda: now[0])
    assert [limit.allow("10.0.0.1") for _ in range(3)] == [True, True, False]
    assert limit.allow("10.0.0.2")
    now[0] = 61.0
    assert limit.allow("10.0.0.1")
    assert len(limit.counts) == 1
    assert all(NewConversations(0).allow("x") for _ in range(100))


def test_options_travel_to_the_workers_as_json():
    """What the CLI sets is what every worker process reads."""
    options = ServeOptions(port=8601, workers=3, helpdesk="it@example.com", max_upload=1234)
    assert ServeOptions.from_json(options.to_json()) == options
