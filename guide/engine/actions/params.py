"""Parameter kinds, the shared parameter declarations, and their validation.

Every value that reaches a command passes an allow-list for its kind first:
a character outside the list (a shell metacharacter, a quote, a newline, a
percent sign...) makes the value invalid, so neither evidence nor content can
add to a command. Messages are English and name the parameter, never echo a
long or multi-line value.
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType
from typing import Callable, Mapping

from guide.engine.actions.spec import ActionSpec, ParamSpec

MAX_LENGTH = 256
"""The longest value any kind accepts (Entra display names stop at 256)."""

_UPN = re.compile(r"[A-Za-z0-9_+][A-Za-z0-9._+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                  r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,63}")
_GUID = re.compile(r"[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}")
_TARGET = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._@:=/\\+-]*")
_GROUP_SID = re.compile(r"S-1-5-21-\d{1,10}-\d{1,10}-\d{1,10}-\d{1,10}")
_POLICY_PUNCTUATION = frozenset(" -_.()[]/:,\uff08\uff09\u30fb")
"""Besides letters and digits (any script): ASCII space, ``-_.()[]/:,``, full-width ``（）`` and ``・``."""


def _upn(value: str) -> str | None:
    if _UPN.fullmatch(value) or _GUID.fullmatch(value):
        return None
    return "expected a user principal name (user@contoso.com) or an object id (GUID)"


def _object_id(value: str) -> str | None:
    return None if _GUID.fullmatch(value) else "expected an object id (GUID) as Microsoft Graph lists it"


def _target(value: str) -> str | None:
    if _TARGET.fullmatch(value):
        return None
    return ("expected a Credential Manager target as cmdkey /list prints it "
            "(letters, digits and . _ @ : = / \\ + -, no spaces)")


def _group_sid(value: str) -> str | None:
    return None if _GROUP_SID.fullmatch(value) else "expected a domain group SID such as S-1-5-21-1-2-3-1121"


def _policy_name(value: str) -> str | None:
    for ch in value:
        if ch not in _POLICY_PUNCTUATION and unicodedata.category(ch)[0] not in "LN":
            return f"character {_shown(ch)} is not allowed in a policy name (letters, digits, spaces, -_.()[]/:,)"
    if value != value.strip():
        return "a policy name may not start or end with a space"
    return None


KINDS: Mapping[str, Callable[[str], str | None]] = MappingProxyType({
    "upn": _upn,
    "object-id": _object_id,
    "credential-target": _target,
    "group-sid": _group_sid,
    "policy-name": _policy_name,
})
"""Kind → checker returning why a value is wrong (None when right); ``enum`` is checked against choices."""


def _shown(ch: str) -> str:
    """A character as a message shows it (control characters by code point)."""
    return repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"


def check_value(param: ParamSpec, value: object) -> str | None:
    """Why `value` is not a valid `param` (None when it is)."""
    if not isinstance(value, str):
        return f"must be text, not {type(value).__name__}"
    if not value:
        return "must not be empty"
    if len(value) > MAX_LENGTH:
        return f"is longer than {MAX_LENGTH} characters"
    bad = next((ch for ch in value if not ch.isprintable()), None)
    if bad is not None:
        return f"contains the control character {_shown(bad)} (a newline or similar)"
    if param.kind == "enum":
        return None if value in param.choices else f"must be one of: {', '.join(param.choices)}"
    return KINDS[param.kind](value)


def check_params(spec: ActionSpec, params: Mapping[str, object], *, complete: bool = False) -> list[str]:
    """Problems with `params` for `spec`, in English; empty when they are valid.

    Args:
        spec: The action.
        params: Parameter name → value, as a tree or a finding gives them.
        complete: Also require every parameter the commands need, so that no
            placeholder is left (as running a command does).
    """
    problems: list[str] = []
    known = {p.name for p in spec.params}
    for name in params:
        if name not in known:
            expected = ", ".join(sorted(known)) or "none"
            problems.append(f"unknown parameter {name!r} for action {spec.id!r} (expected: {expected})")
    for param in spec.params:
        value = params.get(param.name)
        applies = param.applies_when is None or params.get(param.applies_when[0]) == param.applies_when[1]
        if value is None:
            if param.required or (complete and applies):
                why = "" if param.required else " to make the command complete"
                problems.append(f"missing required parameter {param.name!r} for action {spec.id!r}{why}")
            continue
        reason = check_value(param, value)
        if reason:
            problems.append(f"invalid value for {param.name!r} ({param.kind}): {reason}")
        elif not applies:
            other, wanted = param.applies_when
            problems.append(f"parameter {param.name!r} applies only when {other!r} is {wanted!r}")
    return problems


def param(name: str, kind: str, description: tuple[str, str], placeholder: tuple[str, str], *,
          required: bool = False, choices: tuple[str, ...] = (),
          applies_when: tuple[str, str] | None = None) -> ParamSpec:
    """Declare a parameter; `description` and `placeholder` are ``(ja, en)``."""
    if kind != "enum" and kind not in KINDS:
        raise ValueError(f"unknown parameter kind {kind!r}")

    def words(pair: tuple[str, str]) -> Mapping[str, str]:
        return MappingProxyType({"ja": pair[0], "en": pair[1]})

    return ParamSpec(name, kind, words(description), words(placeholder), required, choices, applies_when)


TARGET = param(
    "target", "credential-target",
    ("資格情報マネージャーの対象名 (cmdkey /list の「Target:」の値そのまま)",
     "The Credential Manager target exactly as cmdkey /list prints it after \"Target:\""),
    ("<対象名>", "<target>"))
CLIENT = param(
    "client", "enum",
    ("使っている Teams の種類", "Which Teams client is in use"),
    ("<Teams の種類>", "<Teams client>"),
    choices=("classic-windows", "new-windows", "classic-macos", "new-macos"))
POLICY = param(
    "policy", "policy-name",
    ("条件付きアクセス ポリシーの名前", "The Conditional Access policy's display name"),
    ("<ポリシー名>", "<policy name>"))
USER = param(
    "user", "upn",
    ("ユーザー プリンシパル名 (UPN) またはオブジェクト ID", "User principal name (UPN) or object id"),
    ("<UPN またはオブジェクト ID>", "<UPN or object id>"))
VARIANT = param(
    "variant", "enum",
    ("psso 要求規則の種類 (AD FS のバージョンと対象範囲による)",
     "Which psso claim rule (depends on the AD FS version and who it should cover)"),
    ("<規則の種類>", "<rule variant>"),
    required=True, choices=("intranet", "intranet-group", "x-ms-proxy", "pass-through"))
GROUP_SID = param(
    "group_sid", "group-sid",
    ("対象にする Active Directory グループの SID", "SID of the Active Directory group the rule covers"),
    ("<グループの SID>", "<group SID>"),
    applies_when=("variant", "intranet-group"))
METHOD_ID = param(
    "method_id", "object-id",
    ("認証方法の ID (Microsoft Graph の一覧の Id の値)", "The authentication method's id as Microsoft Graph lists it"),
    ("<方法の ID>", "<method id>"))
