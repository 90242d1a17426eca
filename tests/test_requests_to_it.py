"""Every request to IT reads as recorded: each non-self-service action, both languages, with and without values.

The renderings in tests/fixtures/actions/requests_to_it.json were recorded
from the catalog as it stood when each request was written out twice (with
and without the account named); the account-phrase helper must reproduce
them byte for byte. Re-record only for an intended wording change:
``python tests/test_requests_to_it.py --record`` (and read the diff).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from guide.engine.actions.catalog.common import ACCOUNT_SLOTS, for_account
from guide.engine.actions.registry import REGISTRY
from guide.engine.actions.render import render
from guide.engine.catalog import LANGS
from guide.engine.words import Words

FIXTURE = Path(__file__).parent / "fixtures" / "actions" / "requests_to_it.json"

SAMPLES = {"user": "taro@contoso.com", "policy": "Require MFA (all users)",
           "method_id": "6e7a5d2c-1b3f-4c8e-9a0d-2f4b6c8e0a1b", "target": "MicrosoftOffice16_Data:SSPI:taro@contoso.com",
           "client": "new-windows", "variant": "intranet"}
"""A valid value for every parameter an action may name."""


def _variants(spec) -> dict[str, dict[str, str]]:
    """Parameter sets to render: the required ones only, then each optional parameter given alone, then all."""
    names = [p.name for p in spec.params if p.applies_when is None]
    base = {p.name: SAMPLES[p.name] for p in spec.params if p.required}
    variants = {"none": base}
    for name in names:
        variants[name] = {**base, name: SAMPLES[name]}
    variants["all"] = {**base, **{name: SAMPLES[name] for name in names}}
    return variants


def renderings() -> dict:
    """Action id -> variant -> language -> the request to IT an end user is given."""
    return {spec.id: {variant: {lang: render(spec.id, params, lang, "user").request_to_it for lang in LANGS}
                      for variant, params in _variants(spec).items()}
            for spec in REGISTRY.values() if not spec.self_service}


def test_every_request_to_it_renders_as_recorded():
    recorded = json.loads(FIXTURE.read_text(encoding="utf-8"))
    now = renderings()
    assert sorted(now) == sorted(recorded)
    for action_id, variants in recorded.items():
        assert now[action_id] == variants, action_id


def test_the_fixture_covers_requests_with_and_without_the_account():
    recorded = json.loads(FIXTURE.read_text(encoding="utf-8"))
    with_user = [a for a, v in recorded.items() if "user" in v]
    assert len(with_user) >= 9
    for action_id in with_user:
        for lang in LANGS:
            assert SAMPLES["user"] in recorded[action_id]["user"][lang], (action_id, lang)
            assert SAMPLES["user"] not in recorded[action_id]["none"][lang], (action_id, lang)


@pytest.mark.parametrize("given", [True, False])
def test_for_account_fills_every_slot_in_each_language(given):
    template = Words("".join("[{%s}]" % slot for slot in ACCOUNT_SLOTS),
                     "".join("[{%s}]" % slot for slot in ACCOUNT_SLOTS))
    filled = for_account({"user": "x@y.z"} if given else {}, template)
    for lang in LANGS:
        text = filled.get(lang)
        assert "{" not in text.replace("{{user}}", "")
        assert text.count("{{user}}") == (len(ACCOUNT_SLOTS) if given else 0), text
    assert "私のアカウント" in for_account({}, Words("{account}", "{account}")).ja
    assert for_account({}, Words("{account}", "{account}")).en == "my account"
    assert for_account({"user": "x@y.z"}, Words("{account}に", "{account}")) == Words(
        "アカウント ({{user}}) に", "my account ({{user}})")


def test_for_account_refuses_an_unknown_slot():
    with pytest.raises(KeyError):
        for_account({}, Words("{acount}", "{acount}"))


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    FIXTURE.write_text(json.dumps(renderings(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {FIXTURE}")
