"""`guide report` over real SQLite and real PostgreSQL stores: the same tests on both back ends."""

from __future__ import annotations

import re
import shutil

import pytest

from guide.engine.cache import fingerprint, load_content_cached
from guide.engine.report import Database, Filters, report_html, report_json
from guide.engine.report.text import render_text
from report_support import Recorder
from support import BASIC, content_args

NOW = 1_800_000_000
DAY = 86400
T = NOW - 10 * DAY


@pytest.fixture
def store(store_url):
    """An empty session store, SQLite then PostgreSQL (conftest's `store_url`), created by the store itself."""
    from guide.engine.sessionstore import open_store

    open_store(store_url, legacy=None).close()
    return store_url


@pytest.fixture
def basic():
    return load_content_cached(BASIC / "trees", BASIC / "content")


def record_outcomes(recorder: Recorder) -> None:
    """Five conversations in the demo tree: two fixed, one escalated, one abandoned, one still open."""
    recorder.walk("demo", at=T).answer("yes").wait(120).answer("fixed")
    recorder.walk("demo", at=T + 1000).answer("no").run("enable-kmsi-option").wait(299).answer("fixed")
    recorder.walk("demo", at=T + 2000).answer("no").wait(600).answer("not-fixed")
    recorder.walk("demo", at=T + 3000).answer("yes").back().answer("no")
    recorder.walk("demo", at=NOW - 120).answer("no")
    recorder.save()


def node(document: dict, node_id: str, version: str = "v1") -> dict:
    return next(row for row in document["nodes"] if row["node"] == node_id and row["version"] == version)


def test_outcomes_nodes_and_actions(store, basic):
    record_outcomes(Recorder(store, basic))
    with Database(store) as db:
        document = report_json(db, Filters(now=NOW), basic)
    assert document["conversations"] == 5
    [symptom] = document["symptoms"]
    assert {key: symptom[key] for key in ("symptom", "started", "resolved", "escalated", "abandoned", "open")} == {
        "symptom": "kmsi-missing", "started": 5, "resolved": 2, "escalated": 1, "abandoned": 1, "open": 1}
    assert symptom["median_answers"] == 2.0
    assert symptom["median_minutes"] == 5.0  # 122 s, 302 s and 602 s to a conclusion
    first = node(document, "q-first")
    assert (first["reached"], first["answers"], first["back"]) == (5, {"yes": 2, "no": 4}, 0)
    guest = node(document, "r-guest")
    assert (guest["reached"], guest["answers"], guest["back"]) == (2, {"fixed": 1}, 1)
    option = node(document, "r-option")
    assert (option["reached"], option["abandoned"], option["answers"]) == (4, 1, {"fixed": 1, "not-fixed": 1})
    assert option["drop_off"] == 0.25
    actions = {row["id"]: row for row in document["actions"]}
    assert actions["enable-kmsi-option"] | {} == {"id": "enable-kmsi-option", "shown": 4, "run": 1, "fixed": 1,
                                                  "fixed_rate": 0.25}
    assert (actions["explain-by-design"]["shown"], actions["explain-by-design"]["fixed"]) == (2, 1)
    assert actions["escalate-to-admin"]["shown"] == 1
    resolution = next(row for row in document["resolutions"] if row["node"] == "r-option")
    assert (resolution["fixed"], resolution["not_fixed"], resolution["escalated"]) == (1, 1, 0)


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(store, basic):
    recorder = Recorder(store, basic)
    for wait in (60, 120, 240, 6000):
        recorder.walk("demo", at=T).answer("yes").wait(wait).answer("fixed")
    recorder.walk("demo", at=T).answer("no").answer("not-fixed")  # 2 answers, escalated at once
    recorder.save()
    with Database(store) as db:
        [symptom] = report_json(db, Filters(now=NOW), basic)["symptoms"]
    assert symptom["median_answers"] == 2.0
    # concluded after 62, 122, 242, 6002 s and 2 s (escalated): the middle one is 122 s
    assert symptom["median_minutes"] == round(122 / 60, 1)


def test_filters_slice_by_period_language_wording_version_and_tree(store, basic):
    recorder = Recorder(store, basic)
    recorder.walk("demo", at=T, lang="ja").answer("yes")
    recorder.walk("demo", at=T + DAY, mode="agent").answer("no")
    recorder.walk("other", at=T + 2 * DAY, version="v2").answer("off")
    recorder.save()
    with Database(store) as db:
        def started(**given) -> int:
            return report_json(db, Filters(now=NOW, **given), basic)["conversations"]

        assert started() == 3
        assert started(since=T + DAY) == 2 and started(until=T + DAY) == 1
        assert started(lang="ja") == 1 and started(mode="agent") == 1
        assert started(versions=("v2",)) == 1 and started(tree="other") == 1
        document = report_json(db, Filters(now=NOW, tree="other"), basic)
        assert {row["tree"] for row in document["nodes"]} == {"other"}
        assert report_json(db, Filters(now=NOW, lang="en"), basic)["symptoms"][0]["started"] == 1


def test_misroutes_are_free_text_that_left_the_routed_tree_or_gave_up_within_two_answers_redacted(store, basic):
    recorder = Recorder(store, basic)
    text = "Stay signed in never shows for alice@contoso.com on 10.1.2.3 (3f2504e0-4f89-11d3-9a0c-0305e82c3301)"
    recorder.walk("demo", at=T, text=text, routed="demo").answer("yes").jump("other").answer("off")
    recorder.walk("demo", at=T, text="KMSI prompt missing", routed="demo").leave()
    recorder.walk("other", at=T, text="chose another guide", routed="demo").answer("off")
    recorder.walk("demo", at=T, text="started over", routed="demo").answer("yes").restart().answer("no")
    recorder.walk("demo", at=T, text="started over, then went", routed="demo").restart().jump("other")
    recorder.walk("demo", at=T, text="placed in a sub-flow", routed="demo").jump("other", by="router").answer("off")
    recorder.walk("demo", at=T, text="took a guide offered beside it", routed="demo").jump("other", by="offer")
    recorder.walk("demo", at=T, text="three answers first", routed="demo").answer("yes").back().answer("yes") \
        .back().answer("no").jump("other")
    recorder.walk("demo", at=T, text="late restart", routed="demo").answer("yes").back().answer("yes") \
        .back().answer("no").restart()
    recorder.walk("demo", at=T).answer("yes").jump("other")  # chosen from the list: not a misroute
    recorder.save()
    with Database(store) as db:
        document = report_json(db, Filters(now=NOW), basic)
    assert sorted((row["text"], row["routed"], row["went_to"], row["how"]) for row in document["misroutes"]) == sorted([
        ("Stay signed in never shows for <user> on <ip> (<guid>)", "demo", "other", "jump"),
        ("KMSI prompt missing", "demo", None, "leave"),
        ("chose another guide", "demo", "other", "start"),
        ("started over, then went", "demo", "other", "jump"),
        ("took a guide offered beside it", "demo", "other", "offer")])
    assert sorted((row["text"], row["routed"], row["count"]) for row in document["restarts"]) == [
        ("started over", "demo", 1), ("started over, then went", "demo", 1)]
    text = render_text(document, "en")
    assert "Restarted in the routed tree" in text and "started over" in text


def test_purge_deletes_old_conversations_and_their_steps(store, basic, run_guide):
    recorder = Recorder(store, basic)
    recorder.walk("demo", at=T).answer("yes")
    recorder.walk("demo", at=NOW - 60).answer("no")
    recorder.save()
    before = iso_day(NOW - DAY)
    result = run_guide("report", "--db", store, "--purge-before", before, "--json")
    assert result.code == 0 and result.json() == {"purged": {"before": before, "conversations": 1}}
    with Database(store) as db:
        assert db.rows("SELECT COUNT(*) FROM conversations")[0][0] == 1
        assert db.rows("SELECT COUNT(*) FROM steps")[0][0] == 2
        assert db.rows("SELECT MIN(created_at) FROM conversations")[0][0] == NOW - 60


def iso_day(epoch: int) -> str:
    from datetime import datetime, timezone

    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d")


def edited_copy(tmp_path):
    """The basic content set with a real edit: "yes" now leads straight to r-option; i-note and r-guest are gone."""
    folder = tmp_path / "edited"
    shutil.copytree(BASIC, folder)
    tree = folder / "trees" / "demo.yaml"
    text = tree.read_text(encoding="utf-8")
    text = text.replace("      yes: i-note\n", "      yes: r-option\n")
    text = re.sub(r"  i-note:\n(    .*\n)+  r-guest:\n(    .*\n)+", "", text)
    tree.write_text(text, encoding="utf-8")
    for lang in ("ja", "en"):
        words = folder / "content" / lang / "demo.yaml"
        lines = words.read_text(encoding="utf-8")
        lines = re.sub(r"\n  (i-note|r-guest):\n(    .*\n|      .*\n)+", "\n", lines)
        words.write_text(lines, encoding="utf-8")
    return folder


def test_compare_keeps_a_deleted_node_under_its_version(store, basic, tmp_path):
    from guide.engine.report import compare_versions

    edited_folder = edited_copy(tmp_path)
    edited = load_content_cached(edited_folder / "trees", edited_folder / "content")
    assert "r-guest" not in edited.trees["demo"].nodes
    before = fingerprint(BASIC / "trees", BASIC / "content")
    after = fingerprint(edited_folder / "trees", edited_folder / "content")
    old, new = Recorder(store, basic, before), Recorder(store, edited, after)
    old.walk("demo", at=T).answer("yes").answer("fixed")
    old.walk("demo", at=T).answer("yes")
    new.walk("demo", at=T + DAY).answer("yes").answer("fixed")
    old.save()
    new.save()
    with Database(store) as db:
        compared = compare_versions(db, Filters(now=NOW, tree="demo"), before, after, edited)
    rows = {row["node"]: row for row in compared["nodes"]}
    assert rows["r-guest"]["first"]["reached"] == 2 and rows["r-guest"]["second"] is None
    assert rows["r-guest"]["first"]["abandoned"] == 1
    assert rows["r-option"]["first"] is None and rows["r-option"]["second"]["answers"] == {"fixed": 1}
    assert [side["resolved"] for side in compared["outcomes"]] == [1, 1]


def test_html_is_one_self_contained_file_with_pictures_and_charts(store, basic):
    record_outcomes(Recorder(store, basic))
    with Database(store) as db:
        page = report_html(db, Filters(now=NOW), basic, "en")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 2  # the demo tree, one symptom
    assert 'id="tree-demo"' in page and 'id="chart-kmsi-missing"' in page
    # nothing is fetched: no scripts, no linked files, no URLs other than XML namespaces
    assert "<script" not in page and "<link" not in page
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, urls
    assert not re.search(r"(?:src|href)=\"(?!#)", page)
    # the traffic: r-option was reached 4 times and dropped 1 in 4 (the darkest red the picture uses at 25 %)
    assert 'fill="#ff0000"' in page


# --- the command line ----------------------------------------------------

def test_cli_json_has_the_contract_shape(store, basic, run_guide):
    record_outcomes(Recorder(store, basic))
    result = run_guide("report", "--db", store, "--json", *content_args(BASIC))
    assert result.code == 0, result.err
    document = result.json()
    assert {"period", "conversations", "symptoms", "nodes", "actions", "misroutes"} <= set(document)
    assert set(document["period"]) == {"since", "until"}
    assert {"symptom", "started", "resolved", "escalated", "abandoned", "median_answers", "median_minutes"} <= set(
        document["symptoms"][0])
    assert {"tree", "node", "version", "reached", "abandoned", "back", "answers"} <= set(document["nodes"][0])
    assert {"id", "shown", "run", "fixed"} <= set(document["actions"][0])


def test_cli_text_html_and_flags(store, basic, run_guide, tmp_path):
    record_outcomes(Recorder(store, basic))
    page = tmp_path / "report.html"
    result = run_guide("report", "--db", store, "--since", "2020-01-01", "--tree", "demo", "--mode", "user",
                       "--version", "v", "--html", str(page), *content_args(BASIC))
    assert result.code == 0, result.err
    assert "kmsi-missing" in result.out and "r-option" in result.out and page.read_text().count("<svg") >= 2
    ja = run_guide("report", "--db", store, "--lang", "ja", *content_args(BASIC))
    assert "症状ごと" in ja.out and ja.code == 0


@pytest.mark.parametrize("flags, message", [
    (["--since", "2026-13-40"], "--since 2026-13-40: not a date"),
    (["--version", "nope"], "--version/--compare nope: is no content version in this store"),
    (["--tree", "missing"], "no tree 'missing'"),
])
def test_cli_bad_input_is_one_line(store, basic, run_guide, flags, message):
    record_outcomes(Recorder(store, basic))
    result = run_guide("report", "--db", store, *flags, *content_args(BASIC))
    assert result.code == 2 and message in result.err and len(result.err.strip().splitlines()) == 1


def test_cli_missing_store_is_one_line(run_guide, tmp_path):
    result = run_guide("report", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert result.code == 2 and "no session store at" in result.err and "Traceback" not in result.err


def test_cli_compare_on_a_real_edit(store, basic, run_guide, tmp_path):
    edited_folder = edited_copy(tmp_path)
    edited = load_content_cached(edited_folder / "trees", edited_folder / "content")
    before = fingerprint(BASIC / "trees", BASIC / "content")
    after = fingerprint(edited_folder / "trees", edited_folder / "content")
    old = Recorder(store, basic, before)
    old.walk("demo", at=T).answer("yes").answer("fixed")
    old.save()
    new = Recorder(store, edited, after)
    new.walk("demo", at=T + DAY).answer("yes").answer("fixed")
    new.save()
    result = run_guide("report", "--db", store, "--tree", "demo", "--compare", before[:8], after[:8], "--json",
                       *content_args(edited_folder))
    assert result.code == 0, result.err
    rows = {row["node"]: row for row in result.json()["compare"]["nodes"]}
    assert rows["r-guest"]["second"] is None and rows["r-guest"]["first"]["answers"] == {"fixed": 1}
    text = run_guide("report", "--db", store, "--tree", "demo", "--compare", before[:8], after[:8],
                     *content_args(edited_folder))
    assert re.search(r"r-guest\s+1\s+—", text.out), text.out
