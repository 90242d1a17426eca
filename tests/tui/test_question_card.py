"""A question is always asked (issue 12, point 6).

Audience words (`user`, `agent`, `admin`) often say how to answer ("Only an
IT administrator can check this setting...") rather than ask: in user wording
kmsi-missing's "The tenant setting" used to show only that hint, so a
self-service user was never told which setting was meant. The card now shows
the question, with the audience's words under it as the hint.
"""

from __future__ import annotations

import pytest

from guide.engine.model import QUESTION, NodeRef
from guide.engine.session import Session
from guide.engine.texts import Texts
from guide.engine.view import build_card
from guide.tui.messages import StartRequested
from guide.tui.widgets.node_card import NodeCard

TENANT_OPTION = NodeRef("kmsi-missing", "q-tenant-option")


def card_at(shipped, ref: NodeRef, lang: str, audience: str):
    """The card the engine's view gives at `ref` (no actions: a question has none)."""
    return build_card(at(shipped, ref, lang, audience), Texts(shipped), (), lang=lang, audience=audience,
                      can_run_here=False)


def at(shipped, ref: NodeRef, lang: str, audience: str) -> Session:
    session = Session(shipped, ref.tree, lang=lang, audience=audience)
    session.jump(ref)
    return session


@pytest.mark.parametrize(("lang", "question", "hint"), [
    ("en", "Is the tenant's setting that shows the option to stay signed in set to Yes", "Only an IT administrator"),
    ("ja", "?", "IT 部門の管理者しか確認できません"),
])
def test_the_tenant_setting_asks_its_question_in_user_wording(shipped, lang, question, hint):
    card = card_at(shipped, TENANT_OPTION, lang, "user")
    assert card.kind == QUESTION
    assert question in card.text
    assert hint in card.hint


def test_every_question_is_asked_for_every_audience(shipped):
    """Whatever the audience's words, the card's text is the question itself."""
    for (lang, tree), words in shipped.texts.items():
        for node_id, node in shipped.trees[tree].nodes.items():
            if node.type != QUESTION or node_id not in words.nodes:
                continue
            for audience in ("user", "agent", "admin"):
                card = card_at(shipped, NodeRef(tree, node_id), lang, audience)
                assert card.text == words.nodes[node_id].text, (lang, tree, node_id, audience)


async def test_the_card_on_screen_shows_question_and_hint(make, shipped):
    app = make(lang="en", mode="user", content_set=shipped)
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(StartRequested(TENANT_OPTION.tree, TENANT_OPTION))
        await pilot.pause()
        shown = "\n".join(widget.content.plain for widget in app.screen.query_one(NodeCard).query("Prose"))
        assert "Is the tenant's setting" in shown and "Only an IT administrator" in shown
