"""The written training corpus (guide/training/) in the router: read, checked with located lines, learnt
by the regression only, and covered by the cache's fingerprint."""

from __future__ import annotations

import shutil
from pathlib import Path

import guide
import guide.engine.cache as cache
from guide.engine.routing import written
from guide.engine.routing.written import check_written, load_written

ROOT = Path(__file__).resolve().parents[1]


def use_files(monkeypatch, folder: Path) -> None:
    """Read the corpus of both languages from `folder` (``written-<lang>.yaml``)."""
    monkeypatch.setattr(written, "written_files", lambda: {lang: folder / f"written-{lang}.yaml"
                                                           for lang in ("ja", "en")})


def test_statements_are_read_in_file_order_with_their_lines(tmp_path, monkeypatch):
    use_files(monkeypatch, tmp_path)
    (tmp_path / "written-en.yaml").write_text(
        "# header\n- {symptom: vpn-network, voice: user, text: 'sign-in fails on the VPN'}\n"
        "- {symptom: kmsi-missing, voice: admin, text: 'where did the stay signed in prompt go'}\n"
        "- {symptom: kmsi-missing, voice: admin}\n", encoding="utf-8")
    found = load_written()
    assert found["ja"] == ()
    assert [(line.tree, line.voice, line.line) for line in found["en"]] == [("vpn-network", "user", 2),
                                                                          ("kmsi-missing", "admin", 3)]


def test_bad_statements_are_reported_located_and_a_broken_file_is_left_out(tmp_path, monkeypatch):
    use_files(monkeypatch, tmp_path)
    bad = tmp_path / "written-ja.yaml"
    bad.write_text("- {symptom: no-such-tree, voice: user, text: あ}\n- {symptom: vpn-network, voice: poet, text: い}\n"
                   "- {symptom: vpn-network, voice: user, text: い}\n- {symptom: vpn-network, voice: user}\n",
                   encoding="utf-8")
    problems = [f"{name}:{line}:{col}: {message}" for name, line, col, message in check_written({"vpn-network"})]
    assert problems[0].startswith("guide/training/written-ja.yaml:1:3: symptom 'no-such-tree' is not a symptom tree")
    assert problems[1].startswith("guide/training/written-ja.yaml:2:3: voice 'poet' is not one of")
    assert problems[2] == "guide/training/written-ja.yaml:3:3: the same text as line 2"
    assert problems[3].startswith("guide/training/written-ja.yaml:4:3: a written statement needs its words")
    assert len(problems) == 4
    bad.write_text("- {symptom: vpn-network, text: [\n", encoding="utf-8")
    assert load_written() == {"ja": (), "en": ()}
    [(name, line, col, message)] = check_written({"vpn-network"})
    assert name == "guide/training/written-ja.yaml" and line >= 1 and col >= 1 and "leaves this file out" in message


def test_lint_reports_a_bad_corpus_line(tmp_path, monkeypatch):
    """`guide lint` on the package's own content names the corpus file's defect (code bad-written)."""
    from guide.engine.lint import lint, read

    use_files(monkeypatch, tmp_path)
    (tmp_path / "written-en.yaml").write_text("- {symptom: vpn-network, voice: user, text: a}\n"
                                              "- {symptom: vpn-network, voice: nobody, text: b}\n", encoding="utf-8")
    found = [d for d in lint(read()) if d.code == "bad-written"]
    assert [(d.path, d.line, d.severity) for d in found] == [("guide/training/written-en.yaml", 2, "error")]


def test_the_shipped_corpus_is_clean():
    from guide.engine.loader import load_content

    content = load_content().content
    assert check_written({tree_id for tree_id, tree in content.trees.items() if tree.symptom}) == []


def test_editing_the_corpus_changes_the_fingerprint(tmp_path, monkeypatch):
    """The index (and the regression fitted in it) is cached under the content's fingerprint, so an edited
    corpus file must change it."""
    package = tmp_path / "guide"
    (package / "training").mkdir(parents=True)
    for name in ("taxonomy.yaml", "lexicon.yaml"):
        shutil.copy(ROOT / "guide" / name, package / name)
    corpus = package / "training" / "written-en.yaml"
    corpus.write_text("[]\n", encoding="utf-8")
    monkeypatch.setattr(guide, "__file__", str(package / "__init__.py"))
    trees, words = ROOT / "guide" / "trees", ROOT / "content"
    first = cache.fingerprint(trees, words)
    corpus.write_text("- {symptom: vpn-network, voice: user, text: a}\n", encoding="utf-8")
    assert cache.fingerprint(trees, words) != first


def test_a_corpus_file_that_is_not_a_list_is_reported_at_its_first_line(tmp_path, monkeypatch):
    use_files(monkeypatch, tmp_path)
    (tmp_path / "written-en.yaml").write_text("vpn-network: [a statement]\n", encoding="utf-8")
    assert check_written({"vpn-network"}) == [("guide/training/written-en.yaml", 1, 1,
                                                "expected a list of {symptom:, voice:, text:}")]
