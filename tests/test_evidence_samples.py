"""Every shared evidence sample meets its expectations in ../shared/evidence/EXPECTED.yaml.

Each sample is checked through `check_files`, exactly as ``guide check`` does;
the kind, required causes (``require``, ``any_of``), forbidden causes and
``no_errors`` are asserted. Skipped cleanly when the shared folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from guide.engine.evidence.base import KINDS
from guide.engine.evidence.facts import FACTS
from guide.engine.evidence.runner import check_files

SHARED = Path(__file__).parents[1] / ".." / "shared" / "evidence"
EXPECTED = SHARED / "EXPECTED.yaml"

if not EXPECTED.is_file():
    pytest.skip("../shared/evidence is not present", allow_module_level=True)

CASES = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports() -> dict:
    return {name: check_files([str(SHARED / name)]) for name in CASES}


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_meets_expectations(name: str, reports: dict) -> None:
    expected = CASES[name]
    document = reports[name].as_json("en")
    (evidence,) = document["evidence"]
    causes = {finding["cause"] for finding in document["findings"]}
    assert evidence["kind"] == expected["kind"], evidence
    assert set(expected.get("require", ())) <= causes, document["findings"]
    if "any_of" in expected:
        assert causes & set(expected["any_of"]), document["findings"]
    assert not causes & set(expected.get("forbid", ())), document["findings"]
    if expected.get("no_errors"):
        assert all(finding["severity"] != "error" for finding in document["findings"]), document["findings"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_report_follows_the_contract(name: str, reports: dict) -> None:
    for lang in ("ja", "en"):
        document = json.loads(json.dumps(reports[name].as_json(lang), ensure_ascii=False))
        for evidence in document["evidence"]:
            assert evidence["kind"] in KINDS
            for fact_id, value in evidence["facts"].items():
                spec = FACTS[fact_id]
                assert not spec.values or value in spec.values, (fact_id, value)
        for finding in document["findings"]:
            assert finding["severity"] in ("error", "warning", "info")
            assert finding["because"] and finding["because"].count("\n") == 0
            file, _, line = finding["evidence"].rpartition(":")
            assert file.endswith(name) and int(line) >= 1
            for action in finding["actions"]:
                assert set(action) == {"id", "params"}
                assert all(isinstance(value, str) and value for value in action["params"].values())


def test_causes_and_actions_exist_in_the_taxonomy(reports: dict) -> None:
    taxonomy = yaml.safe_load((SHARED.parent / "taxonomy.yaml").read_text(encoding="utf-8"))
    for report in reports.values():
        for finding in report.findings:
            assert finding.cause in taxonomy["causes"]
            for action in finding.actions:
                assert action.id in taxonomy["actions"]
                assert set(action.params) <= set(taxonomy["actions"][action.id].get("params", ()))
