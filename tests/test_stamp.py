"""`guide stamp` writes the source hashes a checked translation is missing or has out of date, and only those.

The loaded content set keeps no parsed document (`loader.Documents`): stamp
reads the file it edits again to find where each hash goes.
"""

from __future__ import annotations

from support import content_args

from test_lint import CASES, replace


def lint_codes(run_guide, folder) -> list[str]:
    return [defect["code"] for defect in run_guide("lint", "--format", "json", *content_args(folder)).json()["defects"]]


def test_stale_and_missing_hashes_are_written_and_lint_is_clean_again(run_guide, basic_copy):
    CASES["missing-source-hash"][0](basic_copy)  # r-guest's hash removed
    replace("content/ja/demo.yaml", "text: 管理者に設定を依頼してください。", "text: 管理者に依頼してください。")(basic_copy)
    assert sorted(set(lint_codes(run_guide, basic_copy))) == ["missing-source-hash", "translation-stale"]
    words = basic_copy / "content" / "en" / "demo.yaml"
    before = words.read_text(encoding="utf-8").splitlines()

    result = run_guide("stamp", "--lang", "en", *content_args(basic_copy))
    assert result.code == 0 and "demo.yaml: 2 source_hash value(s) written" in result.out
    assert lint_codes(run_guide, basic_copy) == []
    after = words.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before) + 1  # one hash added, one replaced, nothing else touched
    assert [line for line in after if "source_hash" not in line] == [line for line in before
                                                                      if "source_hash" not in line]
    assert "nothing to stamp" in run_guide("stamp", "--lang", "en", *content_args(basic_copy)).out
