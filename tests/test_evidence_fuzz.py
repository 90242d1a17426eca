"""Fuzzing: no bytes, truncation or wrong encoding makes a parser raise anything but GuideError.

Every parser (forced, whatever the content) and the recognising reader get
random bytes, random text, every real sample cut at random points, samples in
encodings they were not written in, and random JSON documents; the checks
then run on whatever evidence came out, and the report must serialise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.engine.errors import GuideError
from guide.engine.evidence import adfs, branding, capolicy, cmdkey, dsregcmd, errortext, signin, signin_csv
from guide.engine.evidence.base import KINDS, CheckReport
from guide.engine.evidence.runner import PARSERS, findings_for, read_evidence, read_text
from support import FIXTURES, SHARED

PARSE = {"dsregcmd": dsregcmd.parse, "cmdkey": cmdkey.parse, "signin-json": signin.parse,
         "signin-csv": signin_csv.parse, "ca-policy": capolicy.parse, "branding": branding.parse,
         "adfs-rules": adfs.parse, "error-text": errortext.parse}

REAL = [path for path in sorted((FIXTURES / "evidence").iterdir())]
REAL += [path for path in sorted((SHARED / "evidence").iterdir()) if path.suffix in (".txt", ".json")]
REAL_BYTES = [path.read_bytes() for path in REAL]

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def survives(evidence) -> None:
    """The evidence is well formed and the checks and the report work on it."""
    assert evidence.kind in KINDS
    findings = tuple(findings_for(evidence))
    document = CheckReport((evidence,), findings).as_json("ja")
    json.dumps(document, ensure_ascii=False)


def read_safely(data: bytes, kind: str | None = None) -> None:
    try:
        survives(read_evidence("fuzz", data, kind))
    except GuideError:
        pass


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    read_safely(data)


@FUZZ
@given(st.sampled_from(sorted(PARSERS)), st.binary(max_size=2000))
def test_random_bytes_forced_kind(kind: str, data: bytes) -> None:
    read_safely(data, kind)


@FUZZ
@given(st.sampled_from(sorted(PARSE)), st.text(max_size=2000))
def test_each_parser_on_random_text(parser: str, text: str) -> None:
    try:
        survives(PARSE[parser]("fuzz", text))
    except GuideError:
        pass


@FUZZ
@given(st.sampled_from(range(len(REAL))), st.data())
def test_truncated_real_files(index: int, data) -> None:
    raw = REAL_BYTES[index]
    cut = data.draw(st.integers(0, len(raw)))
    read_safely(raw[:cut])
    read_safely(raw[cut:])


@FUZZ
@given(st.sampled_from(range(len(REAL))), st.sampled_from(sorted(PARSE)), st.data())
def test_real_files_cut_through_every_parser(index: int, parser: str, data) -> None:
    text = REAL_BYTES[index].decode("utf-8", "replace")
    cut = data.draw(st.integers(0, len(text)))
    try:
        survives(PARSE[parser]("fuzz", text[:cut]))
    except GuideError:
        pass


@FUZZ
@given(st.sampled_from(range(len(REAL))), st.sampled_from(["utf-16-be", "utf-16-le", "utf-32", "cp932", "latin-1",
                                                          "gb18030", "cp1252", "utf-7"]))
def test_wrong_encodings(index: int, encoding: str) -> None:
    text = REAL_BYTES[index].decode("utf-8", "replace")
    read_safely(text.encode(encoding, "replace"))


@FUZZ
@given(st.sampled_from(range(len(REAL))), st.data())
def test_flipped_bytes(index: int, data) -> None:
    raw = bytearray(REAL_BYTES[index])
    if raw:
        for _ in range(data.draw(st.integers(1, 8))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    read_safely(bytes(raw))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.sampled_from(["failure", "high", "guest", "SignInFrequency", "block", "never", "50126", "everyTime"]),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(
        st.sampled_from(["status", "errorCode", "resultType", "properties", "conditionalAccessStatus",
                         "appliedConditionalAccessPolicies", "displayName", "result", "enforcedSessionControls",
                         "riskLevelDuringSignIn", "userType", "value", "conditions", "grantControls",
                         "sessionControls", "signInFrequency", "persistentBrowser", "builtInControls", "mode",
                         "isEnabled", "type", "frequencyInterval", "signInRiskLevels", "state", "error",
                         "error_codes", "signInPageText", "cdnList", "userPrincipalName", "@odata.context"])
        | st.text(max_size=8), children, max_size=6),
    max_leaves=30)


@FUZZ
@given(JSON_VALUES, st.sampled_from([None, "signin-log", "ca-policy", "branding"]))
def test_random_json_documents(value, kind: str | None) -> None:
    text = json.dumps(value)
    try:
        survives(read_text("fuzz.json", text, kind))
    except GuideError:
        pass


@pytest.mark.parametrize("path", REAL, ids=lambda path: path.name)
def test_every_prefix_of_small_real_files(path: Path) -> None:
    raw = path.read_bytes()
    step = max(1, len(raw) // 300)
    for cut in range(0, len(raw), step):
        read_safely(raw[:cut])
