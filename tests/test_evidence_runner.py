"""check_files: standard input, unreadable and oversized files, and the report's JSON shape."""

from __future__ import annotations

import io
import json

import pytest

from guide.engine.evidence import runner, text
from guide.engine.evidence.runner import check_files, read_evidence
from support import FIXTURES

OWN = FIXTURES / "evidence"


def test_stdin_and_files_together() -> None:
    stdin = io.BytesIO((OWN / "cmdkey-zh.txt").read_bytes())
    report = check_files(["-", str(OWN / "log-lines.txt")], stdin=stdin)
    assert [(item.file, item.kind) for item in report.evidence] == [
        ("-", "cmdkey"), (str(OWN / "log-lines.txt"), "error-text")]
    assert report.findings[0].evidence == "-:5"


def test_unreadable_files_are_unknown_and_the_others_still_checked(tmp_path) -> None:
    missing, folder = tmp_path / "missing.txt", tmp_path / "folder"
    folder.mkdir()
    report = check_files([str(missing), str(folder), "-", str(OWN / "dsregcmd-not-registered.txt")])
    kinds = [item.kind for item in report.evidence]
    assert kinds == ["unknown", "unknown", "unknown", "dsregcmd"]
    assert all(item.problems for item in report.evidence[:3])
    assert "cannot read" in report.evidence[0].problems[0]
    assert "standard input" in report.evidence[2].problems[0]
    assert [finding.cause for finding in report.findings] == ["device-not-registered"]


def test_oversized_files_are_refused_before_reading(tmp_path, monkeypatch) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b" " * 5000 + b"]")
    monkeypatch.setattr(text, "MAX_BYTES", 1000)
    monkeypatch.setattr(runner, "MAX_BYTES", 1000)
    (evidence,) = check_files([str(big)]).evidence
    assert evidence.kind == "unknown" and "limit" in evidence.problems[0]
    assert read_evidence("x", b"x" * 2000).kind == "unknown"
    stdin = io.BytesIO(b"AzureAdPrt : NO\n" * 200)
    assert check_files(["-"], stdin=stdin).evidence[0].kind == "unknown"


def test_decoding_problems_are_reported_with_the_evidence() -> None:
    evidence = read_evidence("x.txt", b"AADSTS50126 \xff\xfe\x00" + bytes(range(0x80, 0x90)))
    assert evidence.kind == "error-text"


def test_report_json_is_the_contract_shape() -> None:
    report = check_files([str(OWN / "signin-portal-truncated.json"), str(OWN / "cmdkey-ja-cp932.txt")])
    document = json.loads(json.dumps(report.as_json("ja"), ensure_ascii=False))
    assert set(document) == {"evidence", "findings"}
    first = document["evidence"][0]
    assert {"file", "kind", "facts"} <= set(first) and first["problems"]
    for finding in document["findings"]:
        assert set(finding) == {"cause", "severity", "actions", "because", "evidence"}
        assert any("\u3040" <= ch <= "\u30ff" for ch in finding["because"])  # Japanese


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_because_is_in_the_chosen_language(lang: str) -> None:
    report = check_files([str(OWN / "dsregcmd-not-registered.txt")])
    because = report.as_json(lang)["findings"][0]["because"]
    assert ("行目" in because) == (lang == "ja")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_large_logs_read_byte_for_byte_conclude_the_same(tmp_path, monkeypatch, bom: bytes) -> None:
    source = (OWN / "signin-graph-mixed.json").read_text(encoding="utf-8")
    source = source.replace("Block legacy authentication", "従来の認証をブロック")
    path = tmp_path / "big.json"
    path.write_bytes(bom + source.encode("utf-8"))
    normal = check_files([str(path)]).as_json("ja")
    monkeypatch.setattr(text, "LARGE_BYTES", 100)
    assert text.byte_text(path.read_bytes()) is not None
    large = check_files([str(path)]).as_json("ja")
    assert large == normal
    assert "従来の認証をブロック" in json.dumps(large, ensure_ascii=False)
    assert read_evidence("big.json", path.read_bytes()).facts == read_evidence(
        "big.json", path.read_bytes(), "signin-log").facts


def test_large_json_that_is_no_sign_in_log_is_decoded_normally(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(text, "LARGE_BYTES", 100)
    path = tmp_path / "ca.json"
    path.write_bytes((OWN / "ca-policies-utf16le.json").read_bytes().decode("utf-16").encode("utf-8"))
    (evidence,) = check_files([str(path)]).evidence
    assert evidence.kind == "ca-policy" and evidence.data["policies"][1].name == "CA100-Block-HighRisk (全ユーザー)"
