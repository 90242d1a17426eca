"""Routing examples (guide/examples/): valid, apart from every statement set, learnt by the index,
and covered by the cache's fingerprint."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import guide
import guide.engine.cache as cache
from guide.engine.errors import ContentError
from guide.engine.loader import load_content
from guide.engine.router import Router
from guide.engine.routing import examples, index
from guide.engine.routing.examples import Example, check_examples, load_examples
from support import overlap_tool

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def content():
    return load_content().content


def symptom_trees(content) -> set[str]:
    return {tree_id for tree_id, tree in content.trees.items() if tree.symptom}


def test_shipped_examples_are_valid(content):
    """Every example names a symptom tree, has its published text and the URL it came from, once."""
    assert check_examples(symptom_trees(content)) == []
    assert len(load_examples()["ja"]) >= 20
    assert len(load_examples()["en"]) >= 20


def test_examples_repeat_no_statement_and_come_from_no_statements_page():
    """The overlap tool passes every example and dev line, and prints figures and our own lines only:
    no statement of any set (half of them are held out) appears in what it prints."""
    found = subprocess.run([sys.executable, "benchmarks/trigger_overlap.py", "--examples"], cwd=ROOT,
                           capture_output=True, text=True)
    assert found.returncode == 0, found.stdout[-2000:]
    trigger_overlap = overlap_tool()
    ours = {text for _, _, text, _ in trigger_overlap.examples()}
    printed = found.stdout
    assert all(text in ours or text not in printed for text in trigger_overlap.statement_texts() if len(text) >= 8)


def test_the_same_article_published_elsewhere_is_the_same_page():
    """A statement's article counts as the example's page whether either is quoted from GitHub (a translation's
    fork, jpazureid/blog) or from its published site; other pages have no article name."""
    tool = overlap_tool()
    github = "https://github.com/jpazureid/blog/blob/0abc/articles/azure-active-directory/aad-token-lifetime.md"
    published = "https://jpazureid.github.io/blog/azure-active-directory/aad-token-lifetime/"
    fork = "https://github.com/changeworld/azure-docs.ja-jp/blob/1def/articles/active-directory/devices/faq.md"
    learn = "https://learn.microsoft.com/ja-jp/entra/identity/devices/faq#q"
    assert tool.article_key(github) == tool.article_key(published) == "aad-token-lifetime"
    assert tool.article_key(fork) == tool.article_key(learn) == "faq"
    assert tool.article_key("https://example.com/blog/faq") is None


def test_a_github_thread_is_the_same_page_however_it_is_linked():
    """An issue linked with an anchor or a query, or as the pull request or discussion of the same number, is
    the same thread as the statement's; another number or repository is not, and a documentation page is no
    thread."""
    tool = overlap_tool()
    thread = "https://github.com/MicrosoftDocs/azure-docs/issues/1234"
    assert tool.thread_key(thread) == "microsoftdocs/azure-docs#1234"
    for link in ("https://github.com/microsoftdocs/azure-docs/issues/1234#issuecomment-99",
                 "http://www.github.com/MicrosoftDocs/azure-docs/issues/1234?utm=x",
                 "https://github.com/MicrosoftDocs/azure-docs/pull/1234/files",
                 "https://github.com/MicrosoftDocs/azure-docs/discussions/1234/"):
        assert tool.thread_key(link) == tool.thread_key(thread)
    assert tool.thread_key("https://github.com/MicrosoftDocs/azure-docs/issues/12345") != tool.thread_key(thread)
    assert tool.thread_key("https://github.com/MicrosoftDocs/entra-docs/issues/1234") != tool.thread_key(thread)
    assert tool.thread_key("https://github.com/MicrosoftDocs/azure-docs/blob/main/faq.md") is None


def test_a_page_is_the_same_page_under_another_spelling_of_its_address():
    """A host name written with its trailing dot (``note.com./``, ``learn.microsoft.com./``, as search results
    give some pages) is the same page, and a help centre's article is its number whatever title follows it:
    both once let a statement's page through as an example's source."""
    tool = overlap_tool()
    assert tool.bare_url("https://note.com./someone/n/n123") == tool.bare_url("https://note.com/someone/n/n123/")
    assert tool.article_key("https://learn.microsoft.com./ja-jp/entra/identity/devices/faq") == "faq"
    centre = "https://support.example.co.jp/hc/ja/articles/28578403903897"
    assert (tool.article_key(centre + "-Azure-ポータルにサインインしたら")
            == tool.article_key(centre) == "support.example.co.jp/articles/28578403903897")
    assert tool.article_key("https://support.example.co.jp/hc/ja/articles/1") != tool.article_key(centre)


def test_a_numbered_post_address_on_a_statements_site_is_not_passed_unread():
    """A blog serves one post at its slug address and at ``?p=<number>``; the numbered address says nothing of
    which post it is, so on a site a statement was taken from at a slug address it is unresolved (marked SHORT)
    until someone checks its canonical address. On other sites, as a slug, or beside numbered addresses only,
    it is an ordinary page."""
    tool = overlap_tool()
    pages = tool.SourcePages({"blog.example.jp/en/teams-caa20004-en"})
    for short in ("https://blog.example.jp/?p=4589", "http://www.blog.example.jp/index.php?p=12",
                  "https://blog.example.jp/?page_id=7"):
        assert pages.unresolved(short) and not pages.taken(short), short
    assert not pages.unresolved("https://blog.example.jp/en/another-post/")
    assert not pages.unresolved("https://other.example.jp/?p=4589")
    assert pages.taken("https://blog.example.jp/en/teams-caa20004-en/")
    numbered = tool.SourcePages({"numbered.example.jp/?p=12"})  # numbers name posts: another is another post
    assert not numbered.unresolved("https://numbered.example.jp/?p=13")
    assert numbered.taken("https://numbered.example.jp/?p=12")


def test_english_is_compared_in_words_and_japanese_in_characters():
    """Ten characters without spaces are two English words, so English lines are compared word by word: two
    sentences about one product share no run of 5 words, a copied clause does; Japanese keeps its 10-character run."""
    tool = overlap_tool()
    statement = "Teams keeps asking me to sign in again every morning at the office"
    texts = [tool.normalised(statement), tool.words(statement)]
    unrelated = "Users can't sign in to Teams after the password changes"
    copied = "why does it keep asking me to sign in again every morning"
    run, _, _ = tool.overlap(unrelated, texts)
    assert run < tool.run_limit(unrelated) == tool.LONGEST_WORD_RUN
    run, _, _ = tool.overlap(copied, texts)
    assert run >= tool.run_limit(copied)
    ja = "毎朝 Teams にサインインし直さないといけない"
    assert tool.run_limit(ja) == tool.LONGEST_RUN
    assert tool.overlap(ja, [tool.normalised("朝 Teams にサインインし直さないといけないのはなぜ")])[0] >= tool.LONGEST_RUN


def test_an_example_teaches_the_router_its_wording(content, monkeypatch):
    """Wording no content uses moves up the tree an example gives it: the example counts like a node's title
    (`index.EXAMPLE_WEIGHT`), a nudge rather than a verdict, so the tree gains rank and score."""
    text = "ぴよぴよ警報が鳴りやまない"

    def standing(candidates) -> tuple[int, float]:
        """(rank, score) of vpn-network among `candidates` (last and 0 when absent)."""
        found = [(rank, c.score) for rank, c in enumerate(candidates) if c.symptom == "vpn-network"]
        return found[0] if found else (len(candidates), 0.0)

    before = standing(Router(content).route(text, "ja").candidates)
    monkeypatch.setattr(index, "load_examples",
                        lambda: {"ja": (Example("vpn-network", "ぴよぴよ警報が鳴りやまない件", "https://example.com/q", 1),),
                                 "en": ()})
    after = standing(Router(content).route(text, "ja").candidates)
    assert after[0] < before[0] and after[1] > before[1]


def test_bad_examples_are_reported_located(tmp_path, monkeypatch):
    """A wrong tree, a missing source and a repeated text each get one located line; a file that does not
    read gets one too, and routing goes on without that file's examples."""
    bad = tmp_path / "ja.yaml"
    bad.write_text("no-such-tree:\n  - text: あ\n    source: https://example.com/a\n"
                   "vpn-network:\n  - text: い\n  - text: い\n    source: https://example.com/b\n", encoding="utf-8")
    monkeypatch.setattr(examples, "example_files", lambda: {"ja": bad, "en": tmp_path / "en.yaml"})
    problems = [f"{name}:{line}:{col}: {message}" for name, line, col, message in check_examples({"vpn-network"})]
    assert problems[0].startswith("guide/examples/ja.yaml:1:1: 'no-such-tree' is not a symptom tree")
    assert any(line.startswith("guide/examples/ja.yaml:5:5: an example needs the URL") for line in problems)
    assert any(line.startswith("guide/examples/ja.yaml:6:5: the same text as line 5") for line in problems)
    bad.write_text("vpn-network: [\n", encoding="utf-8")
    assert load_examples() == {"ja": (), "en": ()}
    [(name, line, col, message)] = check_examples({"vpn-network"})
    assert name == "guide/examples/ja.yaml" and line >= 1 and col >= 1 and "leaves this file's examples out" in message


def test_lint_reports_a_broken_examples_file_and_routing_goes_on(tmp_path, monkeypatch, content):
    """`guide lint` on the package's own content names the examples file's defect (code bad-example);
    the router still builds and routes with the file broken."""
    from guide.engine.lint import lint, read

    bad = tmp_path / "ja.yaml"
    bad.write_text("vpn-network:\n  - text: VPN につなぐとサインインできない\n", encoding="utf-8")
    monkeypatch.setattr(examples, "example_files", lambda: {"ja": bad, "en": tmp_path / "en.yaml"})
    found = [d for d in lint(read()) if d.code == "bad-example"]
    assert [(d.path, d.line, d.severity) for d in found] == [("guide/examples/ja.yaml", 2, "error")]
    bad.write_text("vpn-network: [\n", encoding="utf-8")
    assert [d.code for d in lint(read())].count("bad-example") == 1
    assert Router(content).route("VPN 接続中に Teams にサインインできない", "ja").candidates[0].symptom == "vpn-network"


def test_editing_the_examples_changes_the_fingerprint(tmp_path, monkeypatch):
    """The index is cached under the content's fingerprint, so an edited examples file must change it."""
    package = tmp_path / "guide"
    (package / "examples").mkdir(parents=True)
    for name in ("taxonomy.yaml", "lexicon.yaml"):
        shutil.copy(ROOT / "guide" / name, package / name)
    (package / "examples" / "ja.yaml").write_text("vpn-network: []\n", encoding="utf-8")
    monkeypatch.setattr(guide, "__file__", str(package / "__init__.py"))
    trees, words = ROOT / "guide" / "trees", ROOT / "content"
    first = cache.fingerprint(trees, words)
    (package / "examples" / "ja.yaml").write_text("vpn-network:\n  - text: う\n    source: https://example.com/c\n",
                                                  encoding="utf-8")
    assert cache.fingerprint(trees, words) != first


def test_a_candidate_page_an_example_came_from_is_marked_before_anyone_reads_it():
    """``--sources`` marks EXAMPLE the page a routing example or dev line was taken from, so that a collector of
    new statements leaves it (a statement from it would not be unseen wording); the exit status counts only
    statements' pages, so a collector of examples may still use it."""
    tool = overlap_tool()
    example_page = next(source for *_rest, source in tool.examples() if source)
    unrelated = "https://example.org/never-a-source"
    found = subprocess.run([sys.executable, "benchmarks/trigger_overlap.py", "--sources"], cwd=ROOT,
                           input=f"{example_page}\n{unrelated}\n", capture_output=True, text=True)
    assert found.returncode == 0
    assert found.stdout.splitlines() == [f"EXAMPLE  {example_page}", f"ok       {unrelated}"]
