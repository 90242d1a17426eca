"""The session store, run against both back ends: a real SQLite file and a real PostgreSQL database.

Every test takes `store_url` (conftest.py), so each runs twice: ``[sqlite]`` and
``[postgresql]``. What is asserted is what the front ends and the report rely on
(docs/architecture.md): one row per conversation, numbered steps, one
transaction per append, the latest conversation, purging, and the JSON sessions
of earlier versions imported once.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
from dataclasses import replace

import pytest

from guide.engine.loader import load_content
from guide.engine.session import Session
from guide.engine.sessionstore import ConversationRow, StepRow, StoreError, open_store, schema
from support import BASIC


def row(conversation_id: str = "c0ffee", **fields) -> ConversationRow:
    base = dict(id=conversation_id, created_at=1_700_000_000, front="tui", tree="demo", lang="ja", mode="user",
                version="fp1", position_tree="demo", position_node="q1")
    return ConversationRow(**{**base, **fields})


def step(kind: str = "answer", **fields) -> StepRow:
    base = dict(kind=kind, version="fp1", lang="ja", mode="user", at=1_700_000_060)
    return StepRow(**{**base, **fields})


@pytest.fixture
def store(store_url):
    with open_store(store_url, legacy=None) as opened:
        yield opened


def test_a_conversation_comes_back_as_it_was_stored(store):
    start = step("start", at=1_700_000_000, to_tree="demo", to_node="q1")
    assert store.create(row(symptom="kmsi", routed_tree="demo", entry_text="Teams keeps asking"), '{"s": 1}',
                        [start])
    found = store.load("c0ffee")
    assert found.snapshot == '{"s": 1}'
    assert found.row == row(symptom="kmsi", routed_tree="demo", entry_text="Teams keeps asking",
                            updated_at=1_700_000_000)
    assert store.steps("c0ffee") == (replace(start, seq=1),)
    assert store.load("absent") is None


def test_entry_text_is_redacted_before_it_is_written(store):
    store.create(row(entry_text="alice@contoso.com gets AADSTS50076 from 10.1.2.3"), "{}")
    text = store.load("c0ffee").row.entry_text
    assert "alice@contoso.com" not in text and "10.1.2.3" not in text and "AADSTS50076" in text


def test_steps_are_numbered_and_the_row_follows_them(store):
    store.create(row(), "{}", [step("start", to_tree="demo", to_node="q1")])
    seq = store.append("c0ffee", step(tree="demo", node="q1", answer="yes", by="user", to_tree="demo",
                                      to_node="r-fix", detail={"actions": ["enable-kmsi-option"]}),
                       '{"s": 2}', {"answers": 1, "position_node": "r-fix", "status": "resolved",
                                    "finished_at": 1_700_000_060})
    assert seq == 2
    assert store.append("c0ffee", step("lang", at=1_700_000_090, lang="en"), '{"s": 3}', {"lang": "en"}) == 3
    found = store.load("c0ffee")
    assert (found.row.answers, found.row.position_node, found.row.status, found.row.lang) == \
        (1, "r-fix", "resolved", "en")
    assert (found.row.finished_at, found.row.updated_at, found.snapshot) == (1_700_000_060, 1_700_000_090, '{"s": 3}')
    steps = store.steps("c0ffee")
    assert [s.seq for s in steps] == [1, 2, 3] and [s.kind for s in steps] == ["start", "answer", "lang"]
    assert steps[1].detail == {"actions": ["enable-kmsi-option"]} and steps[1].by == "user"


def test_the_report_can_query_the_steps_with_plain_sql(store):
    """The report reads the tables with its own SQL (``by`` is a keyword, but an unreserved one in both)."""
    store.create(row(), "{}")
    store.append("c0ffee", step(tree="demo", node="q1", answer="no", by="evidence"), "{}", {"answers": 1})
    with store._transaction(write=False) as run:
        found = run("SELECT kind, by, answer FROM steps WHERE conversation_id = ? GROUP BY kind, by, answer",
                    ("c0ffee",)).fetchall()
    assert [tuple(r) for r in found] == [("answer", "evidence", "no")]


def test_an_append_that_fails_changes_nothing(store):
    store.create(row(), '{"s": 1}')
    with pytest.raises(StoreError, match="cannot be changed by a step: created_at"):
        store.append("c0ffee", step(), '{"s": 2}', {"created_at": 5})
    with pytest.raises(StoreError, match="step kind 'dance'"):
        store.append("c0ffee", step("dance"), '{"s": 2}')
    with pytest.raises(StoreError, match="no stored conversation 'nobody'"):
        store.append("nobody", step(), "{}")
    assert store.steps("c0ffee") == () and store.load("c0ffee").snapshot == '{"s": 1}'


def test_an_id_is_stored_once(store):
    assert store.create(row(), '{"first": true}')
    with pytest.raises(StoreError, match="already stored"):
        store.create(row(), "{}")
    assert store.create(row(), "{}", if_absent=True) is False
    assert store.load("c0ffee").snapshot == '{"first": true}'


@pytest.mark.parametrize("bad", [5, "", "../etc/passwd", "a b", "x" * 129])
def test_ids_that_are_not_names_are_refused(store, bad):
    with pytest.raises(StoreError, match="is not a conversation id"):
        store.create(row(bad), "{}")


def test_latest_is_the_one_touched_last_even_within_one_second(store):
    for name in ("aaa", "bbb", "ccc"):
        store.create(row(name, created_at=1_700_000_000), "{}")
    store.append("aaa", step(at=1_700_000_000), "{}")
    assert store.latest().row.id == "aaa"
    store.create(row("web1", front="web", created_at=1_700_000_000), "{}")
    assert store.latest().row.id == "web1" and store.latest(front="tui").row.id == "aaa"
    store.append("bbb", step(at=1_700_000_000), "{}", {"status": "left"})
    assert store.latest(front="tui").row.id == "bbb"
    assert store.latest(front="tui", status="open").row.id == "aaa"
    assert store.latest(front="cli") is None


def test_purge_removes_old_conversations_with_their_steps(store):
    store.create(row("old", created_at=1_000), "{}", [step("start", at=1_000)])
    store.create(row("new", created_at=2_000), "{}", [step("start", at=2_000)])
    assert store.purge_before(1_500) == 1
    assert store.load("old") is None and store.steps("old") == ()
    assert store.load("new") is not None and len(store.steps("new")) == 1


def test_ping_says_whether_the_store_answers(store_url):
    store = open_store(store_url, legacy=None)
    assert store.ping() is True
    store.close()
    assert store.ping() is False


def test_opening_again_keeps_everything_and_records_the_schema_once(store_url):
    with open_store(store_url, legacy=None) as first:
        first.create(row(), "{}")
    with open_store(store_url, legacy=None) as again:
        assert again.load("c0ffee") is not None
        with again._transaction(write=False) as run:
            recorded = [tuple(r) for r in run("SELECT version FROM guide_schema ORDER BY version", ()).fetchall()]
            assert recorded == [(version,) for version in range(1, schema.VERSION + 1)]  # each migration once


def test_a_store_from_a_newer_guide_is_refused_with_one_line(store_url):
    with open_store(store_url, legacy=None) as store, store._transaction() as run:
        run("INSERT INTO guide_schema (version) VALUES (?)", (schema.VERSION + 1,))
    with pytest.raises(StoreError, match=r"newer guide .*upgrade guide$"):
        open_store(store_url, legacy=None)


def test_threads_appending_to_one_conversation_through_two_stores_number_every_step(store_url):
    """Two store objects stand for two processes (web workers); their threads append at once."""
    stores = [open_store(store_url, legacy=None) for _ in range(2)]
    stores[0].create(row(), "{}")
    taken: list[int] = []
    start = threading.Barrier(6)

    def writer(store) -> None:
        start.wait()
        for _ in range(15):
            taken.append(store.append("c0ffee", step(), "{}"))

    threads = [threading.Thread(target=writer, args=(stores[i % 2],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken) == list(range(1, 91))
    assert [s.seq for s in stores[1].steps("c0ffee")] == list(range(1, 91))
    for store in stores:
        store.close()


APPENDER = """
import sys
from guide.engine.sessionstore import StepRow, open_store
store = open_store(sys.argv[1], legacy=None)
print("ready", flush=True)
sys.stdin.readline()
for _ in range(int(sys.argv[2])):
    print(store.append("c0ffee", StepRow(kind="answer", version="fp1", lang="ja", mode="user"), "{}"), flush=True)
"""


def test_processes_appending_at_once_to_one_conversation_number_every_step(store_url):
    """Web workers are processes: three append to one conversation at the same moment."""
    with open_store(store_url, legacy=None) as store:
        store.create(row(), "{}")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writers = [subprocess.Popen([sys.executable, "-c", APPENDER, store_url, "30"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    for writer in writers:
        assert writer.stdout.readline() == "ready\n"
    for writer in writers:  # all are connected: let them go together
        writer.stdin.write("go\n")
        writer.stdin.close()
    taken = [int(line) for writer in writers for line in writer.stdout]
    assert [writer.wait() for writer in writers] == [0, 0, 0]
    assert sorted(taken) == list(range(1, 91))
    with open_store(store_url, legacy=None) as store:
        assert [s.seq for s in store.steps("c0ffee")] == list(range(1, 91))


def test_a_sqlite_connection_goes_with_its_thread(tmp_path):
    """A web server's worker threads come and go; their connections must not pile up."""
    def opened() -> int:  # this process's open descriptors of the database file
        return sum(os.path.realpath(f"/proc/self/fd/{fd}") == str(tmp_path / "c.db")
                   for fd in os.listdir("/proc/self/fd"))

    with open_store(f"sqlite:///{tmp_path / 'c.db'}", legacy=None) as store:
        store.create(row(), "{}")
        for _ in range(5):
            reader = threading.Thread(target=store.load, args=("c0ffee",))
            reader.start()
            reader.join()
        gc.collect()
        assert opened() <= 2  # the main thread's, and one SQLite keeps for reuse (it defers closing under a lock)
    assert opened() == 0


def test_an_unknown_url_is_refused_with_one_line():
    with pytest.raises(StoreError, match=r"'mysql://x/y' is not a store URL: give sqlite:///PATH or postgresql://"):
        open_store("mysql://x/y")


def test_an_unreachable_postgresql_names_it_without_the_password():
    from pg import _free_port

    with pytest.raises(StoreError) as caught:
        open_store(f"postgresql://guide:s3cret@127.0.0.1:{_free_port()}/guide", legacy=None)
    message = str(caught.value)
    assert "\n" not in message and "s3cret" not in message and message.startswith("postgresql://guide:***@127.0.0.1")


def test_passwords_never_show_in_the_store_name():
    from guide.engine.sessionstore.postgres import without_password

    assert without_password("postgresql://guide:s3cret@db:5432/guide?sslmode=require") == \
        "postgresql://guide:***@db:5432/guide?sslmode=require"
    assert without_password("postgresql://db/guide?user=guide&password=s3cret") == \
        "postgresql://db/guide?user=guide&password=***"
    assert without_password("postgresql://guide@db/guide") == "postgresql://guide@db/guide"


def test_instances_starting_together_create_the_schema_once(store_url):
    opened, failed = [], []
    start = threading.Barrier(4)

    def starter() -> None:
        start.wait()
        try:
            opened.append(open_store(store_url, legacy=None))
        except StoreError as exc:
            failed.append(str(exc))

    threads = [threading.Thread(target=starter) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == [] and len(opened) == 4
    with opened[0]._transaction(write=False) as run:
        assert run("SELECT COUNT(*) FROM guide_schema", ()).fetchone()[0] == schema.VERSION  # each migration once
    for store in opened:
        store.close()


def test_an_unwritable_sqlite_folder_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as caught:
        open_store(f"sqlite:///{blocker / 'conversations.db'}", legacy=None)
    assert str(caught.value).startswith(f"sqlite:///{blocker}") and "\n" not in str(caught.value)


def test_the_default_store_is_guide_db_else_sqlite_in_the_state_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDE_STATE_DIR", str(tmp_path / "state"))
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "before01.json").write_text(json.dumps({"tree": "demo", "steps": []}), encoding="utf-8")
    with open_store() as store:
        assert store.url == f"sqlite:///{tmp_path / 'state' / 'conversations.db'}"
        assert store.load("before01").row.tree == "demo"  # the sessions folder is imported by default
    monkeypatch.setenv("GUIDE_DB", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    with open_store() as store:
        assert store.url.endswith("elsewhere.db") and (tmp_path / "elsewhere.db").is_file()


# --- the JSON sessions of earlier versions --------------------------------------------------


@pytest.fixture(scope="module")
def content():
    return load_content(BASIC / "trees", BASIC / "content").content


def saved(folder, session: Session, **changes) -> dict:
    data = {**session.to_json(), **changes}
    (folder / f"{session.id}.json").write_text(json.dumps(data), encoding="utf-8")
    return data


def test_saved_sessions_are_imported_once_and_resume_where_they_stood(store_url, content, tmp_path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    walked = Session(content, "demo", lang="ja", audience="agent", session_id="walked01")
    walked.answer(walked.answer_keys()[0])
    saved(folder, walked)
    fresh = Session(content, "other", session_id="fresh02")
    saved(folder, fresh)
    with open_store(store_url, legacy=folder) as store:
        assert store.notices == []
        found = store.load("walked01")
        assert (found.row.front, found.row.tree, found.row.lang, found.row.mode, found.row.answers) == \
            ("tui", "demo", "ja", "agent", 1)
        assert (found.row.position_tree, found.row.position_node) == (walked.position.tree, walked.position.node)
        resumed, dropped = Session.from_json(content, json.loads(found.snapshot))
        assert dropped == [] and resumed.position == walked.position and resumed.steps == walked.steps
        steps = store.steps("walked01")
        assert [s.kind for s in steps] == ["start", "answer"]
        assert (steps[-1].to_tree, steps[-1].to_node) == (walked.position.tree, walked.position.node)
        assert store.load("fresh02").row.answers == 0
    (folder / "later03.json").write_text(json.dumps(fresh.to_json()), encoding="utf-8")
    with open_store(store_url, legacy=folder) as store:
        assert store.load("later03") is None  # the folder was imported once; files added later are not


def test_hostile_saved_sessions_get_one_line_each_and_the_others_import(store_url, content, tmp_path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    good = Session(content, "demo", session_id="good01")
    saved(folder, good)
    numeric = Session(content, "demo", session_id="numeric02")
    saved(folder, numeric, id=12345)  # an "id" that is a number: the file's name is the id
    (folder / "deep03.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "link04.json").symlink_to(folder / "gone.json")
    (folder / "notjson05.json").write_text("{not json", encoding="utf-8")
    (folder / "list06.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "bad name.json").write_text(json.dumps(good.to_json()), encoding="utf-8")
    (folder / "steps07.json").write_text(json.dumps({**good.to_json(), "steps": [{"tree": 1}]}), encoding="utf-8")
    (folder / ".good01.json.k2j3h4.tmp").write_text("{half", encoding="utf-8")
    with open_store(store_url, legacy=folder) as store:
        problems = {line.split(": ", 1)[0]: line for line in store.notices}
        assert set(problems) == {str(folder / name) for name in ("deep03.json", "link04.json", "notjson05.json",
                                                                 "list06.json", "bad name.json", "steps07.json")}
        assert all("\n" not in line and "not imported" in line for line in store.notices)
        assert "nested too deeply" in problems[str(folder / "deep03.json")]
        assert "does not exist" in problems[str(folder / "link04.json")]
        assert store.load("good01") is not None
        numbered = store.load("numeric02")
        assert json.loads(numbered.snapshot)["id"] == "numeric02"
        assert Session.from_json(content, json.loads(numbered.snapshot))[0].id == "numeric02"
    assert not (folder / ".good01.json.k2j3h4.tmp").exists()
