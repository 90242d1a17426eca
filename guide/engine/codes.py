"""Error codes in any text: found, normalised, and mapped to causes.

`find_codes` recognises the forms people paste from error screens, e-mails,
logs and ``dsregcmd`` output, and gives each a normalised spelling:

* WAM / ADAL codes ``0xCAA70004``, ``caa70004``, ``CAA70004``  →  ``0xCAA70004``
  (``0x`` then upper-case hex, as Teams' own table writes them). Their signed
  (``-895025148``) and unsigned (``3399942148``) decimal forms are recognised
  only for codes in the table below, so no ordinary number becomes a code.
* AADSTS codes ``AADSTS50076``, ``AADSTS 50076``  →  ``AADSTS50076``. A bare
  5–6 digit number counts only after words that introduce an error code
  (``error code 53003``, ``エラーコード: 53003``, ``errorCode``, ``resultType``):
  after a generic phrase it must also be a code the table knows. A known code
  also counts in a sentence about signing in (``I get 53003 when signing in``,
  ``サインインすると 53003 が出る``), unless a word such as "number", "room" or
  "番号" introduces it.
* The Teams status ``4c7``, only as "status code 4c7" (or ``コード 4c7``).
* Windows / ``dsregcmd`` HRESULT and NTSTATUS codes ``0x801C03F2``,
  ``0xc000006d``  →  ``0x801c03f2``: ``0x`` then **lower-case** hex, the way
  ``dsregcmd`` prints them and Microsoft's hybrid-join pages write them. Only
  failure codes (high bit set, eight hex digits) count. Written without ``0x``
  (Outlook's "Error code 80090016"), one counts only right after "error",
  "code" or "HRESULT" (エラー, コード) and only when the table knows it.
* WinHTTP errors after ``WinHTTP`` or ``HTTP Error`` (``12002``)  →  ``WinHTTP12002``.

Dates, times, phone numbers, versions, IP addresses and GUIDs never match:
every pattern needs either a prefix (``0x``, ``AADSTS``) or a context word, and
numbers must stand alone (no digit, dot or dash glued to either side).

The table `CODES` is data: code → what it means and which taxonomy causes it
points at, each with a confidence (``high``: Microsoft documents the link;
``medium``: documented but ambiguous or secondary; ``low``: third-party or
unverified, usable only as a weak hint). Codes marked ``expected`` are part of
a normal flow (the 50140 "Stay signed in?" interrupt) and are never an error.
Source: reference/domain.md §5; lockout, expired-password, MFA-denial and Seamless SSO rows
from docs/domain-mfa-account.md; AADSTS530004 (a guest blocked by a compliant or hybrid joined device
requirement whose device claim the cross-tenant access settings do not trust) from
https://learn.microsoft.com/en-us/troubleshoot/entra/entra-id/app-integration/error-code-aadsts530004-acceptcompliantdevice-setting-not-configured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

HIGH, MEDIUM, LOW = "high", "medium", "low"
CONFIDENCES = (HIGH, MEDIUM, LOW)
"""Confidence levels, strongest first."""


@dataclass(frozen=True, slots=True)
class CodeHit:
    """One error code found in a text."""

    code: str
    """The code exactly as written (``caa70004``, ``-895025148``, ``AADSTS 50076``)."""
    normalised: str
    """Its one spelling (``0xCAA70004``, ``AADSTS50076``, ``0x801c03f2``, ``4c7``)."""
    start: int
    """Offset of the first character in the text."""
    end: int
    """Offset just after the last character."""
    line: int
    """1-based line of `start`."""


@dataclass(frozen=True, slots=True)
class CodeCause:
    """A cause a code points at."""

    cause: str
    """Taxonomy cause id."""
    confidence: str
    """``high``, ``medium`` or ``low``."""


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What the table knows about one code."""

    code: str
    """Normalised code."""
    meaning: str
    """A few English words (names change; never match on them)."""
    causes: tuple[CodeCause, ...] = ()
    """Best first; empty when the code points at no cause."""
    expected: bool = False
    """Part of a normal flow (e.g. the KMSI interrupt 50140): never an error."""
    interrupt: bool = False
    """Logged as an interrupt that a normal sign-in often satisfies next (MFA, device auth)."""


# --- the table (reference/domain.md §5) ------------------------------------------------
# Each row: normalised code, meaning, "cause:confidence ...", flags ("expected"/"interrupt").
_ROWS: tuple[tuple[str, str, str, str], ...] = (
    # WAM / ADAL (names from a table Microsoft withdrew as inaccurate; the hybrid-join
    # page confirms 20003, 82EE2, 82EFD, 82EFE, 82F8F, 90006, 90014, 90017, 90023, 9002C, 1002D)
    ("0xCAA10001", "need user interface", "adfs-forms-auth-disabled:low", ""),
    ("0xCAA1002D", "operation pending", "prt-acquisition-failed:medium", ""),
    ("0xCAA20002", "invalid request", "", ""),
    ("0xCAA20003", "invalid grant", "clock-skew:high prt-acquisition-failed:medium", ""),
    ("0xCAA20004", "access denied (Conditional Access)", "ca-policy-block:high", ""),
    ("0xCAA2000B", "invalid resource", "", ""),
    ("0xCAA2000C", "interaction required", "", ""),
    ("0xCAA3012C", "HTTP status ambiguous (network configuration)", "proxy-or-inspection-interference:medium", ""),
    ("0xCAA5001C", "token broker operation failed", "broker-plugin-broken:high", ""),
    ("0xCAA70004", "server or proxy not found", "proxy-or-inspection-interference:high", ""),
    ("0xCAA70007", "download interrupted", "network-unreachable:high", ""),
    ("0xCAA70010", "invalid certificate", "proxy-or-inspection-interference:low", ""),
    ("0xCAA80000", "network configuration", "network-unreachable:medium", ""),
    ("0xCAA82EE2", "timeout", "network-unreachable:high", ""),
    ("0xCAA82EE7", "name not resolved", "network-unreachable:high", ""),
    ("0xCAA82EFD", "cannot connect", "network-unreachable:high", ""),
    ("0xCAA82EFE", "connection aborted", "network-unreachable:high", ""),
    ("0xCAA82F8F", "certificate not validated (check the clock)", "clock-skew:high", ""),
    ("0xCAA90006", "WS-Trust request failed", "prt-acquisition-failed:high", ""),
    ("0xCAA90014", "WS-Trust token failed", "prt-acquisition-failed:high", ""),
    ("0xCAA90017", "identity provider lacks WS-Trust", "prt-acquisition-failed:high", ""),
    ("0xCAA90018", "user realm not found", "multiple-accounts-on-device:low", ""),
    ("0xCAA90023", "MEX lacks a password endpoint", "prt-acquisition-failed:high", ""),
    ("0xCAA9002C", "MEX XML unparsable", "proxy-or-inspection-interference:high", ""),
    ("4c7", "Modern authentication failed here", "adfs-forms-auth-disabled:low", ""),
    ("0x80080300", "no public source", "", ""),
    # AADSTS
    ("AADSTS16000", "user not in tenant; add as external user", "tenant-switch-failure:high", ""),
    ("AADSTS50020", "user not in tenant; add as external user", "tenant-switch-failure:high", ""),
    ("AADSTS50034", "user not found or not synced", "invalid-credentials:medium prt-acquisition-failed:low", ""),
    ("AADSTS50053", "account locked (smart lockout) or malicious IP", "smart-lockout:high risky-sign-in:medium", ""),
    ("AADSTS50055", "password expired", "password-expired:high", ""),
    ("AADSTS50057", "user account disabled", "account-disabled:high", ""),
    ("AADSTS50058", "no single sign-on session", "", "expected"),
    ("AADSTS50072", "second factor must be registered", "mfa-required:high", "interrupt"),
    ("AADSTS50074", "strong authentication not passed", "mfa-required:high", "interrupt"),
    ("AADSTS50076", "MFA required", "mfa-required:high", "interrupt"),
    ("AADSTS50078", "MFA claim expired", "mfa-required:high", "interrupt"),
    ("AADSTS50079", "MFA registration required", "mfa-required:high", "interrupt"),
    ("AADSTS50089", "flow token expired", "", ""),
    ("AADSTS50097", "device authentication required", "device-join-required:high", "interrupt"),
    ("AADSTS50126", "invalid username or password (or hash not synced)", "invalid-credentials:high", ""),
    ("AADSTS50131", "Conditional Access failed", "ca-policy-block:high", ""),
    ("AADSTS50132", "session invalid after a password change", "password-changed:high", ""),
    ("AADSTS50133", "session revoked by a password change", "password-changed:high", ""),
    ("AADSTS50140", "\"Stay signed in?\" interrupt", "", "expected"),
    ("AADSTS50144", "on-premises password expired", "password-expired:high", ""),
    ("AADSTS50155", "device authentication failed", "device-disabled-or-deleted:high", ""),
    ("AADSTS50173", "grant revoked", "sessions-revoked:high", ""),
    ("AADSTS50180", "Windows Integrated Authentication needed (Seamless SSO)", "seamless-sso-failed:high", ""),
    ("AADSTS50187", "no device information", "device-join-required:high", ""),
    ("AADSTS50196", "client request loop", "", ""),
    ("AADSTS51006", "re-login needed, no Windows Integrated Authentication claim", "", ""),
    ("AADSTS53000", "device not compliant", "device-compliance-required:high", ""),
    ("AADSTS530003", "device must be managed", "device-compliance-required:low", ""),
    ("AADSTS530004", "a guest's device claim not trusted (cross-tenant access settings)",
     "device-compliance-required:medium device-join-required:medium", ""),
    ("AADSTS53001", "device not domain joined", "device-join-required:high", ""),
    ("AADSTS53003", "blocked by Conditional Access", "ca-policy-block:high", ""),
    ("AADSTS530032", "blocked by a security policy", "ca-policy-block:high", ""),
    ("AADSTS530035", "blocked by security defaults", "ca-policy-block:high", ""),
    ("AADSTS53004", "proof-up blocked by risk", "risky-sign-in:high", ""),
    ("AADSTS70008", "grant expired (inactivity)", "refresh-token-expired:high", ""),
    ("AADSTS700082", "refresh token expired (inactivity)", "refresh-token-expired:high", ""),
    ("AADSTS700084", "single-page app token lifetime reached", "refresh-token-expired:high", ""),
    ("AADSTS70043", "expired by sign-in frequency", "sign-in-frequency-policy:high", ""),
    ("AADSTS81010", "Kerberos ticket invalid (Seamless SSO)", "seamless-sso-failed:high", "interrupt"),
    ("AADSTS81012", "user principal name mismatch", "multiple-accounts-on-device:medium", ""),
    ("AADSTS90072", "external account not in tenant", "tenant-switch-failure:high", ""),
    ("AADSTS135011", "device disabled", "device-disabled-or-deleted:high", ""),
    ("AADSTS700003", "device object not found (deleted in the tenant)", "device-disabled-or-deleted:high", ""),
    ("AADSTS500121", "strong authentication failed (denied, no answer, reported)", "mfa-denied-or-reported:medium", ""),
    # Windows / dsregcmd
    ("0xc000006d", "logon failure (or unreachable / HTTP 400)",
     "invalid-credentials:medium proxy-or-inspection-interference:low", ""),
    ("0xc000006a", "wrong password (or unreachable / HTTP 400)",
     "invalid-credentials:medium proxy-or-inspection-interference:low", ""),
    ("0xc00000d0", "network or HTTP failure", "network-unreachable:high", ""),
    ("0xc000023c", "network unreachable", "network-unreachable:high", ""),
    ("0xc00000be", "bad network path", "network-unreachable:high", ""),
    ("0xc00000c4", "unexpected network error", "network-unreachable:high", ""),
    ("0xc000005f", "realm discovery failed (UPN suffix not a verified domain)", "prt-acquisition-failed:high", ""),
    ("0xc004844c", "malformed user principal name", "prt-acquisition-failed:high", ""),
    ("0xc0048442", "user SID empty (proxy)", "proxy-or-inspection-interference:high", ""),
    ("0xc00484c1", "WS-Trust failure", "prt-acquisition-failed:high", ""),
    ("0xc004848b", "WS-Trust / MEX failure", "prt-acquisition-failed:high", ""),
    ("0xc004848c", "WS-Trust / MEX failure", "prt-acquisition-failed:high", ""),
    ("0xc00cee4f", "MEX parse failure", "prt-acquisition-failed:high", ""),
    ("0x801c001d", "service connection point not found", "hybrid-join-incomplete:high", ""),
    ("0x801c0021", "discovery failed", "hybrid-join-incomplete:high", ""),
    ("0x801c001f", "discovery timeout", "hybrid-join-incomplete:high", ""),
    ("0x801c003d", "realm discovery failed", "hybrid-join-incomplete:high", ""),
    ("0x801c003a", "service connection point tenant mismatch", "hybrid-join-incomplete:high", ""),
    ("0x801c0025", "device registration service unavailable (503)", "hybrid-join-incomplete:high", ""),
    ("0x801c03f2", "device object not found (not synced yet)", "hybrid-join-incomplete:high", ""),
    ("0x801c0002", "join failed", "hybrid-join-incomplete:high", ""),
    ("0x801c0006", "join failed", "hybrid-join-incomplete:high", ""),
    ("0x8007000d", "proxy returned HTML", "proxy-or-inspection-interference:medium", ""),
    ("0x80090016", "TPM key set missing (TPM cleared or bad sysprep)", "tpm-failure:high", ""),
    ("0x80290407", "TPM failure", "tpm-failure:high", ""),
    ("0x80280036", "TPM failure", "tpm-failure:high", ""),
    ("0x80090031", "TPM lockout", "tpm-failure:high", ""),
    ("0x80072ee2", "timeout", "network-unreachable:high", ""),
    ("0x80072ee7", "name not resolved", "network-unreachable:high", ""),
    ("0x80072efd", "cannot connect", "network-unreachable:high", ""),
    ("0x80072efe", "connection aborted", "network-unreachable:high", ""),
    ("0x80072f8f", "certificate error", "clock-skew:medium proxy-or-inspection-interference:medium", ""),
    ("0x80070102", "wait timeout (network configuration)", "proxy-or-inspection-interference:low", ""),
    ("0xd0020017", "WamDefaultSet error", "", ""),
    ("WinHTTP12002", "timeout", "network-unreachable:high", ""),
    ("WinHTTP12007", "name not resolved", "network-unreachable:high", ""),
    ("WinHTTP12029", "cannot connect", "network-unreachable:high", ""),
    ("WinHTTP12030", "connection aborted", "network-unreachable:high", ""),
)

_FAMILIES: tuple[tuple[str, str, str], ...] = (
    # normalised prefix, meaning, "cause:confidence" — for codes not in the table
    ("0x8028", "TPM error family", "tpm-failure:low"),
    ("0x8029", "TPM error family", "tpm-failure:low"),
    ("0x801c", "device registration error family", "hybrid-join-incomplete:medium"),
)


def _causes(spec: str) -> tuple[CodeCause, ...]:
    pairs = (item.split(":") for item in spec.split())
    return tuple(CodeCause(cause, confidence) for cause, confidence in pairs)


CODES: Mapping[str, CodeInfo] = MappingProxyType({
    code: CodeInfo(code, meaning, _causes(causes), expected="expected" in flags, interrupt="interrupt" in flags)
    for code, meaning, causes, flags in _ROWS
})
"""Normalised code → what the table knows about it."""

CODE_CAUSES: Mapping[str, tuple[CodeCause, ...]] = MappingProxyType(
    {code: info.causes for code, info in CODES.items() if info.causes})
"""Normalised code → the causes it points at, best first (only codes that point somewhere)."""

FAMILIES: Mapping[str, CodeInfo] = MappingProxyType({
    prefix: CodeInfo(prefix, meaning, _causes(causes)) for prefix, meaning, causes in _FAMILIES
})
"""Prefix of a normalised Windows code → what its family points at."""


def code_info(normalised: str) -> CodeInfo | None:
    """What the table (or the code's family) says about `normalised`, if anything."""
    info = CODES.get(normalised)
    if info is None and normalised.startswith("0x") and len(normalised) == 10:
        info = FAMILIES.get(normalised[:6])
    return info


# --- recognising codes ----------------------------------------------------------------

_SIGNED_CAA = {int(code[2:], 16) - (1 << 32): code for code in CODES if code.startswith("0xCAA")}
_UNSIGNED_CAA = {int(code[2:], 16): code for code in CODES if code.startswith("0xCAA")}
_KNOWN_AADSTS = {code[6:] for code in CODES if code.startswith("AADSTS")}

_EDGE = r"(?<![0-9A-Za-z_])"
_END = r"(?![0-9A-Za-z_])"
_NUM_END = r"(?!\d|[.:/\-]\d)"
"""A number ends at no digit, and not before a dot, colon, slash or dash glued to a digit."""

_STRONG_CONTEXT = (r"error[ _]?codes?|sign-in\s+error\s+code|result\s*type|"
                   r"サインイン\s*エラー\s*コード")
"""Words after which any 5–6 digit number is an AADSTS code (log fields)."""
_WEAK_CONTEXT = r"(?:(?:(?:error|status|failure|エラー|ステータス)\s*)?(?:code|コード)|エラー\s*番号)"
"""Words after which a known 5–6 digit AADSTS number counts."""

_BARE_HEX_CONTEXT = r"(?:error|code|hresult|エラー|コード)"
"""Words right before which a Windows code written without ``0x`` (``80090016``) counts, when the table knows it."""

_SIGN_IN_CONTEXT = (r"sign[\s-]?(?:ed|ing)?[\s-]?in|log[\s-]?(?:ged|ging)?[\s-]?(?:in|on)|auth|error|fail|"
                    r"blocked|denied|mfa|conditional access|aadsts|entra|azure ad|"
                    r"サインイン|ログイン|認証|エラー|ブロック|失敗")
"""Words that make a sentence about signing in: a known AADSTS number in it is a code."""
_SENTENCE_REACH = 80
"""How far (characters) either side of a bare number the sign-in words are looked for."""
_NOT_A_CODE_BEFORE = (r"(?:number|no\.|#|room|order|ticket|zip|phone|tel|version|build|"
                      r"番号|電話|注文|部屋)\s*[:：]?\s*$")
"""Words right before a number that make it something else than a code."""
_NOT_A_CODE_AFTER = (r"^\s*(?:people|users|persons|times|devices|accounts|seconds|minutes|hours|days|"
                     r"yen|dollars|人|名|件|回|台|円|秒|分|時間|日)")
"""Words right after a number that make it a count or an amount."""

_PATTERNS: tuple[tuple[str, str, int], ...] = (
    # (form, pattern, flags); group "c": the code as written; group "n": the part that is normalised
    ("caa", _EDGE + r"(?P<c>(?:0x)?(?P<n>caa[0-9a-f]{5}))" + _END, re.IGNORECASE),
    ("aadsts", _EDGE + r"(?P<c>aadsts[ \t:_-]?(?P<n>\d{5,6}))" + _NUM_END, re.IGNORECASE),
    ("strong", r"(?:" + _STRONG_CONTEXT + r")[\"']?\s*(?:[:：=]|\bis\b|は)?\s*[\[\"']?\s*"
               r"(?<![\d.\-])(?P<c>(?P<n>\d{5,6}))" + _NUM_END, re.IGNORECASE),
    ("weak", _WEAK_CONTEXT + r"\s*(?:[:：=#]|\bis\b|は|が)?\s*[\[\"'(（]?\s*"
             r"(?<![\d.\-])(?P<c>(?P<n>\d{5,6}))" + _NUM_END, re.IGNORECASE),
    ("4c7", r"(?:code|コード)\s*(?:is|は|[:：=])?\s*(?P<c>(?:0x)?(?P<n>4c7))" + _END, re.IGNORECASE),
    ("hex", _EDGE + r"(?P<c>(?P<n>0x[89a-f][0-9a-f]{7}))" + _END, re.IGNORECASE),
    ("barehex", _BARE_HEX_CONTEXT + r"\s*(?:[:：=#]|\bis\b|は)?\s*[\[\"'(（]?\s*"
                + _EDGE + r"(?P<c>(?P<n>[89a-f][0-9a-f]{7}))" + _END, re.IGNORECASE),
    ("winhttp", r"(?:winhttp|http\s+error)\s*(?:error)?\s*[:：=]?\s*(?<![\d.\-])(?P<c>(?P<n>120\d\d))"
                + _NUM_END, re.IGNORECASE),
    ("decimal", r"(?<![\d.\-+/:])(?P<c>(?P<n>-?\d{9,10}))" + _NUM_END, 0),
    ("sentence", r"(?<![\d.\-+/:,$¥￥#])(?P<c>(?P<n>\d{5,6}))(?!\d|[.:/\-,]\d)", 0),
)
"""Every form a code is written in. Only ``caa`` can match a text without a digit (``caaabcde``): the
others are not even compiled for one (most free text), which keeps a ``guide route`` process short."""
_WITHOUT_DIGITS = ("caa",)
_DIGIT = re.compile(r"\d")
_COMPILED: dict[tuple[str, int], re.Pattern[str]] = {}
"""Each pattern above, compiled on its first use."""


def _compiled(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    found = _COMPILED.get((pattern, flags))
    if found is None:
        found = _COMPILED[(pattern, flags)] = re.compile(pattern, flags)
    return found


_PRIORITY = {name: rank for rank, (name, _, _) in enumerate(_PATTERNS)}


def _normalise(form: str, raw: str) -> str | None:
    """The normalised spelling of one match, or None when it is no code after all."""
    if form == "caa":
        return "0x" + raw.upper()
    if form in ("aadsts", "strong"):
        return "AADSTS" + raw
    if form in ("weak", "sentence"):
        return "AADSTS" + raw if raw in _KNOWN_AADSTS else None
    if form == "4c7":
        return "4c7"
    if form == "hex":
        lowered = raw.lower()
        return "0x" + lowered[2:].upper() if lowered.startswith("0xcaa") else lowered
    if form == "barehex":
        code = "0x" + raw.lower()
        return code if code in CODES else None
    if form == "winhttp":
        return "WinHTTP" + raw
    number = int(raw)
    return _SIGNED_CAA.get(number) if number < 0 else _UNSIGNED_CAA.get(number)


def _about_signing_in(text: str, match: re.Match[str]) -> bool:
    """Whether a bare number stands in a sentence about signing in, not after a word that makes it a count or id."""
    start, end = match.span("c")
    if (_compiled(_NOT_A_CODE_BEFORE).search(text[max(0, start - 20):start])
            or _compiled(_NOT_A_CODE_AFTER).match(text[end:end + 12])):
        return False
    return bool(_compiled(_SIGN_IN_CONTEXT).search(text[max(0, start - _SENTENCE_REACH):end + _SENTENCE_REACH]))


def find_codes(text: str) -> list[CodeHit]:
    """Every error code in `text`, in order, each once per place it appears.

    Where matches overlap (``error code: AADSTS50076``) the earlier, more
    specific one is kept.
    """
    found: list[tuple[int, int, int, str, str]] = []
    digits = _DIGIT.search(text) is not None
    for form, pattern, flags in _PATTERNS:
        if not digits and form not in _WITHOUT_DIGITS:
            continue
        for match in _compiled(pattern, flags).finditer(text):
            normalised = _normalise(form, match.group("n"))
            if normalised is not None and form == "sentence" and not _about_signing_in(text, match):
                continue
            if normalised is not None:
                found.append((match.start("c"), match.end("c"), _PRIORITY[form], match.group("c"), normalised))
    found.sort(key=lambda item: (item[0], item[2]))
    hits: list[CodeHit] = []
    line, counted_to, taken_to = 1, 0, -1
    for start, end, _, raw, normalised in found:
        if start < taken_to:
            continue
        line += text.count("\n", counted_to, start)
        counted_to = start
        hits.append(CodeHit(raw, normalised, start, end, line))
        taken_to = end
    return hits


def first_code(text: str) -> str | None:
    """The normalised first code in a field value (a bare ``50126`` counts as AADSTS), else None."""
    stripped = text.strip()
    if stripped.isdigit() and 5 <= len(stripped) <= 6:
        return "AADSTS" + stripped
    hits = find_codes(stripped)
    return hits[0].normalised if hits else None
