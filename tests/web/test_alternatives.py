"""The other guides offered beside the router's choice (`Conversation.alternatives`, `switch_to`), headless
and on `guide serve`'s page, over the built-in content and a real SQLite store."""

from __future__ import annotations

import pytest

from guide.engine.conversation import ALTERNATIVES
from guide.engine.report.database import Database
from guide.engine.report.filters import Filters
from guide.engine.report.queries import misroutes
from guide.engine.service import Guide, WalkError
from guide.web.render import CONVERSATION_COOKIE
from pages import Browser, app_for, open_guide

WORDS = "Teamsにサインインしようとすると、何度もパスワードを聞かれてループします"
"""A statement whose routing has other guides close behind the first."""


@pytest.fixture(scope="module")
def guide(tmp_path_factory) -> Guide:
    """The facade over the built-in content, its own SQLite store."""
    opened = open_guide(tmp_path_factory.mktemp("alternatives"), content=None)
    yield opened
    opened.close()


def test_the_next_guides_are_offered_where_the_router_placed_the_walk(guide):
    """Before the first answer: the router's next guides, titled in the view's language, and the words."""
    conversation = guide.start(text=WORDS, lang="ja", front="web")
    routing = guide.route(conversation.entry_text, "ja")
    view = conversation.view("en")
    expected = [candidate.tree for candidate in routing.candidates[1:1 + ALTERNATIVES]]
    assert [other.tree for other in view.alternatives] == expected and len(expected) == ALTERNATIVES
    assert conversation.routed_tree not in expected
    assert [other.title for other in view.alternatives] == [guide.words.title(tree, "en") for tree in expected]
    assert view.routed_from == conversation.entry_text


def test_choosing_one_enters_it_where_the_router_would_and_back_returns(guide):
    """The switch is the person's jump: into the chosen guide at the router's place for the words; Back
    undoes it, and the offer comes back."""
    conversation = guide.start(text=WORDS, lang="ja", front="web")
    placed, chosen = conversation.position, conversation.alternatives()[0]
    conversation.switch_to(chosen)
    assert conversation.position == guide.place(chosen, conversation.entry_text)
    view = conversation.view()
    assert view.alternatives == () and view.routed_from is None and view.switched
    stored = guide.conversation(conversation.id)
    assert stored.position == conversation.position and stored.routed_tree == conversation.routed_tree
    assert conversation.back() and conversation.position == placed
    assert conversation.alternatives()[0] == chosen and not conversation.view().switched


def test_nothing_is_offered_after_an_answer_or_for_a_guide_chosen_from_the_list(guide):
    """Once answered, the walk is the person's; a guide chosen from the list had no router."""
    conversation = guide.start(text=WORDS, lang="ja", front="web")
    conversation.answer(conversation.session.answer_keys()[0])
    assert conversation.alternatives() == ()
    assert conversation.view().routed_from is None and not conversation.view().switched
    chosen = guide.start("kmsi-missing", lang="en", front="web")
    assert chosen.alternatives() == () and chosen.view().alternatives == ()


def test_a_guide_not_offered_is_refused(guide):
    """Only the guides on offer now: another tree, or any after an answer, raises WalkError."""
    conversation = guide.start(text=WORDS, lang="ja", front="web")
    offered = set(conversation.alternatives())
    stranger = next(tree for tree in sorted(guide.content.trees) if tree not in offered)
    with pytest.raises(WalkError, match="not offered"):
        conversation.switch_to(stranger)
    with pytest.raises(WalkError):
        conversation.switch_to(conversation.routed_tree)


def test_the_report_counts_a_switch_as_a_misroute_to_the_chosen_guide(guide):
    """A switch is the person leaving the routed tree at once: the report lists it as taking an offered
    guide, with the guide taken."""
    conversation = guide.start(text="Outlook と Teams のサインインがループする", lang="ja", front="web")
    chosen = conversation.alternatives()[1]
    conversation.switch_to(chosen)
    with Database(guide.store.url) as db:
        found = [row for row in misroutes(db, Filters()) if row.text == conversation.entry_text]
    assert [(row.routed, row.went_to, row.how) for row in found] == [(conversation.routed_tree, chosen, "offer")]


def test_the_page_offers_them_as_buttons_and_switches(guide):
    """On the first question: the hint points below, two buttons; a press enters the chosen guide."""
    person = Browser(app_for(guide))
    person.get("/")
    person.post("/start", {"text": WORDS})
    page = person.text()
    assert "下に挙げたほかの候補" in page and "ほかに当てはまりそうなガイド" in page
    conversation_id = person.cookie(CONVERSATION_COOKIE)
    offered = guide.conversation(conversation_id).alternatives()
    assert all(guide.words.title(tree, "ja") in page for tree in offered)
    response = person.post("/walk/instead", {"tree": offered[0], "at": at_of(guide, conversation_id)})
    assert response.status_code == 200 and response.url.path == "/walk"
    assert guide.conversation(conversation_id).position.tree == offered[0]
    assert "ほかに当てはまりそうなガイド" not in person.text()


def test_the_page_refuses_a_stale_or_unoffered_switch(guide):
    """From an old page (already answered) 409; a guide not on offer 400; the walk does not move."""
    person = Browser(app_for(guide))
    person.get("/")
    person.post("/start", {"text": WORDS})
    conversation_id = person.cookie(CONVERSATION_COOKIE)
    conversation = guide.conversation(conversation_id)
    at, offered = at_of(guide, conversation_id), conversation.alternatives()
    stranger = next(tree for tree in sorted(guide.content.trees) if tree not in offered)
    refused = person.post("/walk/instead", {"tree": stranger, "at": at})
    assert refused.status_code == 400 and "表示されている中から選んでください" in person.text()
    person.post("/walk/answer", {"answer": conversation.session.answer_keys()[0], "at": at})
    stale = person.post("/walk/instead", {"tree": offered[0], "at": at})
    assert stale.status_code == 409
    assert guide.conversation(conversation_id).position.tree != offered[0]


def at_of(guide: Guide, conversation_id: str) -> str:
    """The ``at`` a page drawn now carries for the conversation."""
    from guide.web.walk import at_key

    return at_key(guide.conversation(conversation_id))
