"""Unit tests of the UI's plain-Python parts and what it draws from the facade: words, matching,
wrapping, the conversation view, conversations stored at every step, routing."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from guide.engine.catalog import UI as CATALOG
from guide.engine.model import NodeRef
from guide.engine.service import ESCALATE, LANGS, Guide, other_language, ui
from guide.engine.sessionstore import StoreError
from guide.tui.matching import Choice, match_label, normalise
from guide.tui.wrap import wrap_lines

from support import stored_snapshot

TUI = Path(__file__).resolve().parents[2] / "guide" / "tui"
"""The UI package's folder."""


# --- strings ---------------------------------------------------------------

def test_every_string_has_both_languages():
    """Each catalog entry is written in Japanese and English, with the same {placeholders}."""
    for key, entry in CATALOG.items():
        assert set(entry) == set(LANGS), key
        fields = [sorted(re.findall(r"\{(\w+)\}", entry[lang])) for lang in LANGS]
        assert fields[0] == fields[1], key


def test_no_ambiguous_width_glyphs_in_strings_or_stylesheet():
    """The terminal's words use no East Asian ambiguous-width characters (CJK terminals may draw them wide)."""
    from guide.engine.catalog import transcript, ui

    terminal = {**ui.ENTRIES, **transcript.ENTRIES}  # the web pages' own words are drawn by a browser
    texts = [value for entry in terminal.values() for value in entry.values()]
    texts.append((TUI / "guide.tcss").read_text(encoding="utf-8"))
    ambiguous = {ch for text in texts for ch in text if unicodedata.east_asian_width(ch) == "A"}
    assert not ambiguous


def test_every_binding_id_has_catalog_words():
    """Every binding id used in the UI names a description and a tooltip in the catalog."""
    ids = set()
    for path in TUI.rglob("*.py"):
        ids |= set(re.findall(r'bind\([^)]*?"([a-z]+\.[a-z-]+)"', path.read_text(encoding="utf-8"), re.S))
    assert ids
    for binding_id in ids:
        ui(f"binding.{binding_id}", "ja")
        ui(f"binding.{binding_id}.tooltip", "en")


def test_other_language_cycles():
    """The language key switches ja and en."""
    assert other_language("ja") == "en" and other_language("en") == "ja"


# --- matching --------------------------------------------------------------

YES_NO = [Choice("yes", ("はい", "Yes")), Choice("no", ("いいえ", "No"))]


@pytest.mark.parametrize("typed, key", [
    ("yes", "yes"), ("YES!", "yes"), ("ｙｅｓ", "yes"), ("はい", "yes"), ("ﾊｲ", "yes"), ("y", "yes"),
    ("no", "no"), ("いいえ。", "no"), ("2", "no"), ("２", "no"), ("1", "yes"),
    ("", None), ("3", None), ("maybe", None),
])
def test_match_label(typed, key):
    """Numbers, keys and labels in either language, any width or case, pick the answer."""
    assert match_label(typed, YES_NO) == key


def test_match_prefers_the_longest_label_and_refuses_ambiguity():
    """"not fixed" is not "fixed"; a fragment in two labels matches neither."""
    choices = [Choice("fixed", ("It is fixed", "解決した")),
               Choice("not-fixed", ("Not fixed (check the next cause)", "解決しない"))]
    assert match_label("it's not fixed", choices) == "not-fixed"
    assert match_label("fixed", choices) == "fixed"
    assert match_label("解決", choices) is None


def test_normalise_folds_width_case_and_punctuation():
    """Full-width, half-width kana, case and punctuation do not matter."""
    assert normalise("ＡＢＣ，ﾃｽﾄ!") == normalise("abc テスト")


# --- wrapping --------------------------------------------------------------

def test_wrap_breaks_japanese_between_characters_and_english_at_spaces():
    """Japanese fills the width; English words stay whole; nothing is wider than the width."""
    text = "この動作は、Microsoft がこの状況のために設計したとおりのもので、PC やアカウントの故障ではありません。"
    lines = wrap_lines(text, 30)
    assert all(cell_len(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert cell_len(lines[0]) >= 28
    assert any("Microsoft" in line for line in lines)
    english = wrap_lines("the quick brown fox jumps over the lazy dog", 12)
    assert all(cell_len(line) <= 12 for line in english) and "quick" in " ".join(english).split()


def test_wrap_keeps_closing_punctuation_off_the_line_start():
    """A line never starts with 。 when it can be avoided (light kinsoku shori)."""
    lines = wrap_lines("あいうえお。かきくけこ", 10)
    assert not any(line.startswith("。") for line in lines)
    assert all(cell_len(line) <= 10 for line in lines)


def test_wrap_keeps_newlines():
    """Author line breaks are kept."""
    assert wrap_lines("a\nb", 10) == ["a", "b"]


# --- view ------------------------------------------------------------------

@pytest.fixture
def guide(content, state_dir):
    """The facade over the fixture content, conversations in this test's folder."""
    return Guide(content)


def test_transcript_and_options_follow_language_and_audience(guide):
    """The same step log reads in either language; resolutions offer fixed / not fixed / escalate."""
    conversation = guide.start("demo")
    conversation.answer("no")
    english = conversation.view("en", "user").lines
    japanese = conversation.view("ja", "agent").lines
    assert [line.text for line in english] == ["Are you a guest?", "No"]
    assert [line.text for line in japanese] == ["お客様にゲストかどうか確認してください。", "いいえ"]
    view = conversation.view("en", "user")
    assert [option.key for option in view.options] == ["fixed", "not-fixed", ESCALATE]
    assert view.card.kind == "resolution" and view.card.prompt == "Did this fix it?" and view.card.cause


def test_path_taken_marks_where_the_walk_stands(guide):
    """The where-am-I path lists passed nodes with answers and marks the current one."""
    conversation = guide.start("demo")
    conversation.answer("on")
    path = conversation.view("en").path
    assert [(entry.title, entry.answer, entry.current) for entry in path] == [
        ("First question", "Go to the other tree", False), ("Second question", None, True)]


# --- conversations -----------------------------------------------------------

def test_conversation_saves_every_step_and_undoes_a_restart(guide, state_dir):
    """Each step is saved; Back after a restart brings the old walk back."""
    conversation = guide.start("demo")
    conversation.answer("no")
    assert stored_snapshot(state_dir, conversation.id)
    conversation.restart()
    assert conversation.can_undo_restart
    assert conversation.back() and conversation.position == NodeRef("demo", "r-option")
    assert conversation.back() and not conversation.back()


def test_conversation_reports_a_failed_save(guide):
    """A save that fails is reported in plain words, not raised."""
    class Broken:
        """A store that cannot write."""

        def create(self, *args, **options):
            raise StoreError("disk full")

    guide.store = Broken()
    conversation = guide.start("demo")
    conversation.answer("no")
    assert conversation.save_error == "disk full"


def test_latest_unfinished_skips_finished_and_empty(guide, state_dir):
    """Only conversations with steps and no outcome are offered."""
    from guide.engine.session import Session

    guide.keep(Session(guide.content, "demo").to_json())
    assert guide.latest(unfinished=True) is None
    open_one = guide.start("demo")
    open_one.answer("no")
    assert guide.latest(unfinished=True).id == open_one.id


# --- routing ---------------------------------------------------------------

def test_the_router_finds_trees_by_their_names_in_either_language(guide):
    """Tree titles in Japanese or English route to the tree (the engine's router, the only one)."""
    assert guide.route("デモ", "ja").best.tree == "demo"
    assert guide.route("Demo", "en").best.tree == "demo"
    assert all(candidate.score == 0 for candidate in guide.route("", "en").candidates)


# --- hygiene ---------------------------------------------------------------

@pytest.mark.parametrize("module", ["guide.tui.matching", "guide.tui.wrap", "guide.tui.copying", "guide.tui.evidence",
                                    "guide.engine.service", "guide.engine.view"])
def test_view_model_does_not_load_textual(module):
    """The UI's plain-Python parts load without Textual (fast to test, reusable by `guide serve`)."""
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
