"""Trees and checks reach the same conclusions from the same evidence.

For every question a fact can answer, and every value the fact can take,
the walk that follows the evidence must end (where it ends at a resolution
at once) in a cause the checks also draw from that value. For error codes,
the code table the checks use is the reference.
"""

from __future__ import annotations

import pytest

from guide.engine.codes import CODES
from guide.engine.evidence.base import Fact
from guide.engine.evidence.runner import check_files
from guide.engine.loader import load_content
from guide.engine.session import HeldFact, Session

CONTENT = load_content().content
CODE_QUESTION = CONTENT.trees["error-code"].nodes["q-code"]


@pytest.mark.parametrize("value", sorted(CODE_QUESTION.answered_by.values))
def test_error_code_tree_agrees_with_the_code_table(value):
    session = Session(CONTENT, "error-code")
    session.hold({"error.code": HeldFact(Fact("error.code", value, 1, value), "screen.txt")})
    assert session.follow_evidence() == 1
    node = session.node
    if node.type == "resolution":
        table = {cause.cause for cause in CODES[next(c for c in CODES if c.lower() == value)].causes}
        assert node.cause in table, f"{value}: tree says {node.cause}, the code table says {sorted(table)}"


@pytest.mark.parametrize("text, code", [("Teams: エラー 0xCAA70004 が出ました", "proxy-or-inspection-interference"),
                                        ("AADSTS50173: The provided grant has expired", "sessions-revoked"),
                                        ("error code 53003", "ca-policy-block")])
def test_pasted_error_text_walks_to_what_check_concludes(tmp_path, text, code):
    evidence = tmp_path / "screen.txt"
    evidence.write_text(text, encoding="utf-8")
    report = check_files([str(evidence)])
    concluded = {finding.cause for finding in report.findings}
    session = Session(CONTENT, "error-code")
    session.hold({fact_id: HeldFact(fact, item.file) for item in report.evidence for fact_id, fact in item.facts.items()})
    session.follow_evidence()
    assert session.node.cause == code and code in concluded


@pytest.mark.parametrize("answer", sorted(CODE_QUESTION.answers))
def test_a_readable_code_reaches_its_conclusion_in_two_answers(answer):
    """From the code question, every code reaches a resolution or hand-over within two answers."""
    session = Session(CONTENT, "error-code")
    session.answer(answer)
    if session.node.is_conclusion:
        return
    assert session.node.type == "question", answer
    for second in session.answer_keys():
        session.answer(second)
        assert session.node.is_conclusion, (answer, second)
        session.back()
