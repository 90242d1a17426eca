"""The action registry: the taxonomy's actions, bilingual rendering, validation and safe running."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from guide.engine.actions import (
    AUDIENCES, LANGS, REGISTRY, SHELLS, ActionError, RenderedAction, registry_json, render, run_action,
    validate_params)
from guide.engine.actions.render import ASK_IT
from guide.engine.actions.run import SYSTEM_PROGRAMS
from guide.engine.taxonomy import load_taxonomy

SHARED_TAXONOMY = Path(__file__).resolve().parents[2] / "shared" / "taxonomy.yaml"

GOOD = {
    "upn": ("taro.yamada@contoso.co.jp", "a_b+c-d@sub.example.com", "0f8fad5b-d9cb-469f-a165-70867728950e"),
    "credential-target": (
        "MicrosoftAccount:user=taro@contoso.com", "SSO_POP_User:user=taro@contoso.com",
        "LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:taro@contoso.com", "MicrosoftAccount:target=SSO_POP_Device",
        "msteams_adalsso/adal_context_0", "Domain:interactive=CONTOSO\\taro",
        "WindowsLive:target=virtualapp/didlogical"),
    "group-sid": ("S-1-5-21-4118385845-2129555445-158388420-1121",),
    "object-id": ("0f8fad5b-d9cb-469f-a165-70867728950e", "8e2c6a4f-1b3d-4e5f-9a7b-0c1d2e3f4a5b"),
    "policy-name": (
        "CA001: Require MFA for admins", "Block legacy auth (all users) [v2]", "共有 PC - 永続的なブラウザー セッションなし",
        "サインイン頻度 12 時間", "CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA", "条件付きアクセス（テスト）・本番",
        "Sessions/Shared.PCs_2024"),
}
"""Real-looking values of every free-text kind."""

INJECTIONS = ("&", "|", ";", "`", "$(", "'", '"', "\n", "\r", "%", "<", ">", "^", "!", "\u2018", "\u201c", "\t",
              "\x00", "$")
"""Characters that could end a value and start something else in cmd, PowerShell or sh."""


def _args_for(action_id: str) -> list[dict[str, str]]:
    """Parameter sets that exercise every branch: no value, and a good value for each parameter."""
    spec = REGISTRY[action_id]
    if action_id == "adfs-add-psso-rule":
        sets = [{"variant": v} for v in spec.param("variant").choices]
        return sets + [{"variant": "intranet-group", "group_sid": GOOD["group-sid"][0]}]
    sets: list[dict[str, str]] = [{}]
    for param in spec.params:
        values = param.choices if param.kind == "enum" else GOOD[param.kind]
        sets += [{param.name: value} for value in values]
    return sets


def _all_renderings():
    for action_id in REGISTRY:
        for params in _args_for(action_id):
            for lang in LANGS:
                for audience in AUDIENCES:
                    yield action_id, params, lang, audience


def _words(rendered: RenderedAction) -> list[str]:
    return [rendered.title, *rendered.steps, *(c.text for c in rendered.commands),
            *(c.label for c in rendered.commands if c.label), rendered.request_to_it or ""]


def _param_cases():
    for action_id, spec in REGISTRY.items():
        for param in spec.params:
            base = {"variant": "intranet-group"} if param.name == "group_sid" else {}
            yield action_id, param, base


# --- the registry matches the taxonomy -------------------------------------------------------

def test_every_taxonomy_action_is_registered_with_the_same_audience_effect_and_params():
    shared = yaml.safe_load(SHARED_TAXONOMY.read_text(encoding="utf-8"))["actions"]
    for action_id, declared in shared.items():
        assert action_id in REGISTRY, action_id
        spec = REGISTRY[action_id]
        assert spec.audience == declared["audience"], action_id
        assert spec.effect == declared["effect"], action_id
        assert [p.name for p in spec.params] == list(declared.get("params") or []), action_id


def test_registry_json_has_the_contract_shape():
    data = json.loads(json.dumps(registry_json(), ensure_ascii=False))
    assert set(data) == {"actions"}
    assert [a["id"] for a in data["actions"]] == list(REGISTRY)
    for entry in data["actions"]:
        spec = REGISTRY[entry["id"]]
        assert {"id", "audience", "effect", "params"} <= set(entry)
        assert entry["params"] == [p.name for p in spec.params]
        assert (entry["audience"], entry["effect"]) == (spec.audience, spec.effect)


def test_every_cause_has_a_short_name_in_both_languages():
    for cause in load_taxonomy().causes.values():
        assert cause.names.get("en") and cause.names.get("ja"), cause.id


# --- rendering --------------------------------------------------------------------------------

@pytest.mark.parametrize("action_id,params,lang,audience", list(_all_renderings()))
def test_every_action_renders_in_both_languages_for_every_audience(action_id, params, lang, audience):
    spec = REGISTRY[action_id]
    rendered = render(action_id, params, lang, audience)
    assert rendered.id == action_id and rendered.title
    assert rendered.steps and all(step.strip() for step in rendered.steps)
    assert (rendered.audience, rendered.effect) == (spec.audience, spec.effect)
    assert all(command.shell in SHELLS and command.text for command in rendered.commands)
    assert not any("{{" in words or "}}" in words for words in _words(rendered))
    assert rendered.runnable == any(command.argv for command in rendered.commands)
    asks_it = audience == "user" and not spec.self_service
    assert bool(rendered.request_to_it) == asks_it
    if asks_it:
        assert rendered.commands == () and rendered.steps[-1] == ASK_IT.get(lang)


@pytest.mark.parametrize("action_id", list(REGISTRY))
def test_japanese_and_english_say_the_same_steps_and_commands(action_id):
    for params in _args_for(action_id):
        for audience in AUDIENCES:
            ja, en = (render(action_id, params, lang, audience) for lang in LANGS)
            assert len(ja.steps) == len(en.steps)
            assert [(c.shell, c.argv) for c in ja.commands] == [(c.shell, c.argv) for c in en.commands]
            if len(params) == len(REGISTRY[action_id].params):
                assert [c.text for c in ja.commands] == [c.text for c in en.commands]


def test_no_text_uses_east_asian_ambiguous_width_characters():
    taxonomy = load_taxonomy()
    texts = [name for term in taxonomy.causes.values() for name in term.names.values()]
    texts += [words for case in _all_renderings() for words in _words(render(*case))]
    bad = {(ch, text[:40]) for text in texts for ch in text if unicodedata.east_asian_width(ch) == "A"}
    assert not bad


def test_missing_values_show_placeholders_and_are_not_runnable():
    en = render("review-sign-in-frequency", {}, "en", "admin")
    ja = render("review-sign-in-frequency", {}, "ja", "admin")
    assert "'<policy name>'" in en.commands[0].text and "'<ポリシー名>'" in ja.commands[0].text
    deleting = render("delete-windows-credential", {}, "en")
    assert not deleting.runnable and any("cmdkey /delete:<target>" == c.text for c in deleting.commands)


@pytest.mark.parametrize("action_id,param,base", list(_param_cases()))
def test_commands_contain_the_validated_value_verbatim_and_nothing_else(action_id, param, base):
    values = param.choices if param.kind == "enum" else GOOD[param.kind]
    first = render(action_id, {**base, param.name: values[0]}, "en", "admin")
    if param.kind != "enum":
        assert any(values[0] in c.text for c in first.commands), (action_id, param.name)
        assert not any(param.placeholder["en"] in c.text for c in first.commands)
        for other in values[1:]:
            second = [c.text for c in render(action_id, {**base, param.name: other}, "en", "admin").commands]
            expected = [c.text.replace(values[0], other) for c in first.commands]
            assert second[:len(expected)] == expected
            for extra in second[len(expected):]:  # a fallback derived from the value itself
                assert other.endswith(extra.split(":", 1)[1])
    for command in first.commands:
        if command.argv:
            assert command.text.split() == list(command.argv)


# --- validation -------------------------------------------------------------------------------

@pytest.mark.parametrize("action_id,param,base", list(_param_cases()))
def test_real_values_are_accepted(action_id, param, base):
    for value in (param.choices if param.kind == "enum" else GOOD[param.kind]):
        assert validate_params(action_id, {**base, param.name: value}) == [], value


@pytest.mark.parametrize("action_id,param,base", list(_param_cases()))
@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_attempts_are_rejected_everywhere(action_id, param, base, payload):
    good = param.choices[0] if param.kind == "enum" else GOOD[param.kind][0]
    for value in (good + payload + "calc", payload + good, good[:3] + payload + good[3:]):
        params = {**base, param.name: value}
        problems = validate_params(action_id, params)
        assert problems and any(param.name in problem for problem in problems), repr(value)
        with pytest.raises(ActionError):
            render(action_id, params, "en", "admin")
        calls = []
        result = run_action(action_id, params, confirm=lambda r: True, platform="win32",
                            runner=lambda *a, **k: calls.append(a))
        assert result.status == "invalid" and calls == []


@pytest.mark.parametrize("value", ["", " ", "user@", "@contoso.com", "-x@contoso.com", "user@contoso", "a b@c.com",
                                   "user@contoso.com/../x", "S-1-5-21-1-2-3", "S-1-5-32-544"])
def test_malformed_values_are_rejected(value):
    assert validate_params("revoke-user-sessions", {"user": value})
    if value.startswith("S-1"):
        assert validate_params("adfs-add-psso-rule", {"variant": "intranet-group", "group_sid": value})


def test_unknown_action_unknown_param_missing_and_misplaced_params_are_named():
    assert "unknown action" in validate_params("format-disk", {})[0]
    assert "unknown parameter 'tenant'" in validate_params("refresh-prt", {"tenant": "x"})[0]
    assert "missing required parameter 'variant'" in validate_params("adfs-add-psso-rule", {})[0]
    assert "invalid value for 'client'" in validate_params("clear-teams-cache", {"client": "web"})[0]
    misplaced = {"variant": "intranet", "group_sid": GOOD["group-sid"][0]}
    assert "applies only when 'variant' is 'intranet-group'" in validate_params("adfs-add-psso-rule", misplaced)[0]
    assert validate_params("clear-teams-cache", {"client": None}) == []
    assert "must be text" in validate_params("delete-windows-credential", {"target": 42})[0]


def test_complete_requires_what_the_commands_need():
    group = {"variant": "intranet-group"}
    assert validate_params("adfs-add-psso-rule", group) == []
    assert "group_sid" in validate_params("adfs-add-psso-rule", group, complete=True)[0]
    assert validate_params("adfs-add-psso-rule", {"variant": "intranet"}, complete=True) == []
    assert validate_params("delete-windows-credential", {}, complete=True)


# --- what the commands say --------------------------------------------------------------------

def _commands(action_id, params=None, audience="admin"):
    return [c.text for c in render(action_id, params or {}, "en", audience).commands]


def test_credentials_are_deleted_by_exact_target_sso_pop_user_first():
    target = "MicrosoftAccount:user=taro@contoso.com"
    rendered = render("delete-windows-credential", {"target": target}, "en")
    assert rendered.commands[0].argv == ("cmdkey", f"/delete:{target}")
    order = next(step for step in rendered.steps if "SSO_POP_User" in step)
    assert order.index("SSO_POP_User:user=") < order.index("MicrosoftAccount:user=")
    legacy = "LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:taro@contoso.com"
    texts = _commands("delete-windows-credential", {"target": legacy}, "user")
    assert texts == [f"cmdkey /delete:{legacy}", "cmdkey /delete:MicrosoftOffice16_Data:SSPI:taro@contoso.com"]


def test_prt_refresh_uses_lock_unlock_and_status_not_the_undocumented_switch():
    rendered = render("refresh-prt", {}, "en", "agent")
    assert [c.argv for c in rendered.commands] == [("dsregcmd", "/status")]
    assert "Windows+L" in rendered.steps[0]
    assert not any("/refreshprt" in c for c in _commands("refresh-prt"))
    assert any("/refreshprt" in step and "unverified" in step for step in rendered.steps)


def test_revocation_uses_microsoft_graph_not_the_retired_module():
    texts = _commands("revoke-user-sessions", {"user": "taro@contoso.com"})
    assert "Revoke-MgUserSignInSession -UserId taro@contoso.com" in texts[0]
    assert "https://graph.microsoft.com/v1.0/users/taro@contoso.com/revokeSignInSessions" in texts[1]
    assert not any("AzureAD" in text for text in texts)


def test_teams_cache_paths_per_client():
    assert _commands("clear-teams-cache", {"client": "new-macos"}) == [
        'rm -rf "$HOME/Library/Group Containers/UBF8T346G9.com.microsoft.teams"',
        "rm -rf ~/Library/Containers/com.microsoft.teams2"]
    assert _commands("clear-teams-cache", {"client": "classic-macos"}) == [
        "rm -r ~/Library/Application\\ Support/Microsoft/Teams"]
    assert "MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams" in _commands(
        "clear-teams-cache", {"client": "new-windows"})[0]
    assert "$env:APPDATA\\Microsoft\\Teams\\*" in _commands("clear-teams-cache", {"client": "classic-windows"})[0]
    assert len(_commands("clear-teams-cache")) == 5


def test_clock_and_broker_commands():
    assert render("sync-clock", {}, "en").commands[0].argv == ("w32tm", "/resync")
    broker = _commands("reregister-broker-plugin")
    assert broker[0].startswith("if (-not (Get-AppxPackage Microsoft.AAD.BrokerPlugin)) { Add-AppxPackage -Register "
                                "\"$env:windir\\SystemApps\\Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy\\"
                                "Appxmanifest.xml\" -DisableDevelopmentMode -ForceApplicationShutdown }")
    assert "Microsoft.Windows.CloudExperienceHost_cw5n1h2txyewy" in broker[1]


@pytest.mark.parametrize("variant", REGISTRY["adfs-add-psso-rule"].param("variant").choices)
def test_psso_script_is_idempotent_and_uses_http_claim_types(variant):
    params = {"variant": variant}
    if variant == "intranet-group":
        params["group_sid"] = GOOD["group-sid"][0]
    (script,) = _commands("adfs-add-psso-rule", params)
    rule_line = next(line for line in script.splitlines() if line.startswith("$rule = "))
    assert "http://schemas.microsoft.com/2014/03/psso" in rule_line and "https://" not in rule_line
    read = script.index("IssuanceTransformRules")
    check = script.index("-match 'http://schemas\\.microsoft\\.com/2014/03/psso'")
    assert read < check < script.index("Set-AdfsRelyingPartyTrust")
    assert "Nothing was changed" in script
    if variant == "intranet-group":
        assert f"$groupSid = '{params['group_sid']}'" in script


def test_policy_names_stay_inside_single_quotes():
    name = "CA001: Require MFA (admins) [v2]"
    for action_id in ("review-sign-in-frequency", "review-ca-policy"):
        (query,) = _commands(action_id, {"policy": name})
        assert f"Where-Object DisplayName -eq '{name}'" in query


# --- end users and IT -------------------------------------------------------------------------

@pytest.mark.parametrize("action_id", [a for a, spec in REGISTRY.items() if spec.audience == "admin"])
@pytest.mark.parametrize("lang", LANGS)
def test_admin_actions_become_a_request_to_it_for_users(action_id, lang):
    rendered = render(action_id, _args_for(action_id)[-1], lang, "user")
    assert rendered.request_to_it and rendered.commands == () and not rendered.runnable
    assert rendered.title in rendered.request_to_it
    assert render(action_id, _args_for(action_id)[-1], lang, "admin").request_to_it is None


def test_requests_name_the_known_value():
    request = render("review-sign-in-frequency", {"policy": "CA005 SIF 1h"}, "ja").request_to_it
    assert "「CA005 SIF 1h」" in request
    assert "<" not in render("review-sign-in-frequency", {}, "en").request_to_it


def test_render_rejects_unknown_language_audience_and_action():
    for args in (("refresh-prt", {}, "fr"), ("refresh-prt", {}, "en", "root"), ("nope", {}, "en")):
        with pytest.raises(ActionError):
            render(*args)


# --- running ----------------------------------------------------------------------------------

class FakeRunner:
    """Records every call; answers with the given exit codes in turn."""

    def __init__(self, *codes: int, error: Exception | None = None) -> None:
        self.calls: list[tuple[tuple, dict]] = []
        self.codes = list(codes) or [0]
        self.error = error

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        if self.error:
            raise self.error
        code = self.codes.pop(0) if len(self.codes) > 1 else self.codes[0]
        return type("Completed", (), {"returncode": code, "stdout": "出力\n".encode("utf-8"), "stderr": b""})()


TARGET = {"target": "SSO_POP_User:user=taro@contoso.com"}


def test_runs_with_an_argument_list_after_confirmation_on_windows_only():
    runner, shown = FakeRunner(), []
    result = run_action("delete-windows-credential", TARGET, confirm=lambda r: shown.append(r) or True,
                        platform="win32", runner=runner)
    assert result.status == "ran" and result.returncode == 0 and "出力" in result.output
    assert len(shown) == 1 and shown[0].runnable and shown[0].id == "delete-windows-credential"
    ((args, kwargs),) = runner.calls
    argv = args[0]
    assert isinstance(argv, list) and kwargs.get("shell") is False
    assert argv[0].lower().endswith("\\system32\\cmdkey.exe") and argv[1:] == ["/delete:" + TARGET["target"]]
    assert result.ran == (tuple(argv),)


@pytest.mark.parametrize("answer", [False, None, "yes", 1])
def test_never_runs_without_an_explicit_true(answer):
    runner = FakeRunner()
    result = run_action("sync-clock", {}, confirm=lambda r: answer, platform="win32", runner=runner)
    assert result.status == "declined" and runner.calls == []


@pytest.mark.parametrize("platform", ["linux", "darwin", "cygwin"])
def test_never_runs_off_windows(platform):
    runner, asked = FakeRunner(), []
    result = run_action("sync-clock", {}, confirm=lambda r: asked.append(r) or True, platform=platform, runner=runner)
    assert result.status == "unsupported-platform" and runner.calls == [] and asked == []


@pytest.mark.parametrize("action_id,params,audience", [
    ("revoke-user-sessions", {"user": "taro@contoso.com"}, "admin"),
    ("revoke-user-sessions", {"user": "taro@contoso.com"}, "user"),
    ("adfs-add-psso-rule", {"variant": "intranet"}, "admin"),
    ("clear-teams-cache", {"client": "new-windows"}, "user"),
    ("delete-windows-credential", {}, "user"),
])
def test_actions_without_a_complete_runnable_command_do_not_run(action_id, params, audience):
    runner = FakeRunner()
    result = run_action(action_id, params, confirm=lambda r: True, platform="win32", runner=runner,
                        audience=audience)
    assert result.status == "not-runnable" and runner.calls == []


def test_invalid_and_unknown_actions_do_not_run():
    runner = FakeRunner()
    for action_id, params in (("nope", {}), ("sync-clock", {"x": "y"})):
        result = run_action(action_id, params, confirm=lambda r: True, platform="win32", runner=runner)
        assert result.status == "invalid" and result.output
    assert runner.calls == []


def test_stops_at_the_first_failing_command_and_reports_start_failures():
    runner = FakeRunner(5, 0)
    result = run_action("collect-diagnostics", {}, confirm=lambda r: True, platform="win32", runner=runner)
    assert (result.status, result.returncode, len(runner.calls)) == ("ran", 5, 1)
    both = FakeRunner(0)
    result = run_action("collect-diagnostics", {}, confirm=lambda r: True, platform="win32", runner=both)
    assert [call[0][0][1:] for call in both.calls] == [["/status"], ["/list"]]
    broken = FakeRunner(error=FileNotFoundError("cmdkey.exe"))
    result = run_action("sync-clock", {}, confirm=lambda r: True, platform="win32", runner=broken)
    assert result.status == "failed" and result.returncode is None and result.ran == ()


def test_only_system_programs_are_runnable():
    for case in _all_renderings():
        for command in render(*case).commands:
            if command.argv:
                assert command.argv[0] in SYSTEM_PROGRAMS
                assert command.shell == "cmd"
