"""Free text to where a conversation should start: the router behind ``guide route``.

A person types (or pastes) what they see, in Japanese or English. `route` finds
the error codes in it (`guide.engine.codes`), tells the language from the
script, and ranks the symptoms by how well the text fits each symptom's tree.

How the words are compared
    Every tree with a ``symptom`` is one document made of its own words in both
    languages: its title and `triggers` (strongest), its symptom's names from the
    taxonomy, answer labels elsewhere that lead into it (the start menu), its
    nodes' triggers and titles, the names of the causes it concludes, answer
    labels and node text (weakest), and a share of the words of the shared
    sub-flows it links to. `guide.engine.lexical` turns text into features
    (Japanese character bigrams and trigrams, those spanning a change of script
    counting less, English Snowball stems, joined words and stem pairs, after
    folding spelling variants). Each feature of the text votes for the trees in
    proportion to its (smoothed) share of them, as loudly as it tells the trees
    apart (one minus the entropy of its shares): a feature every tree uses says
    nothing, one a single tree uses says much. A tree's word score is its share
    of the votes blended with its naive Bayes probability over the same bags
    (which multiplies the evidence and divides by each tree's length), plus a
    bonus when the text holds one of the tree's trigger phrases almost whole. Misspelt English words
    are matched to the nearest content word (`lexical.FuzzyVocabulary`).

Codes outrank words
    A code the table knows points at causes (`codes.code_info`); the symptoms
    of those causes (taxonomy) and of the trees that conclude them come first,
    ordered by the code's confidence and then by the words. Each such candidate
    starts at the node that concludes the cause (in the tree, or in a sub-flow
    the tree links to), so the conversation begins at the answer. A code the
    table does not know still counts as a word of the trees that mention it.

Scores
    0..1, roughly "how sure": each symptom's softmax share of the word scores
    times how much the text says that the content knows about. A candidate
    backed by a recognised code scores at least `CODE_FLOOR`; the others then
    stay below `WORDS_WITH_CODE_CAP`.

Where to start in a tree
    The node that concludes a code's cause; else a node whose trigger or title
    the text holds almost whole, telling words included (`NODE_COVERAGE`); else
    the tree's start.

Free text at a question
    `Router.match_answer` chooses one of the question's answers when the text
    clearly names it (labels and where each answer leads, weighed by how much of
    the reply they explain); when it does not, the UI moves to `route`'s best
    candidate (Ctrl+Z goes back).

The work is split by job in `guide.engine.routing`: `index` (the documents,
phrases and votes, and every weight of a field), `ranking` (scores and codes),
`entry` (where to start in a tree) and `answers` (free text at a question); each
module lists its tuned constants with what they are tuned for. `Router` puts
them together. The index is built once per content set
(`guide.engine.cache.load_router_cached` keeps it in memory and on disk under the
content's fingerprint; front ends reach it through `guide.engine.service.Guide`)
and a query then takes about a millisecond. The vocabulary is the content's: no
phrase lives in this code.
"""


from __future__ import annotations

from guide.engine.model import ContentSet, NodeRef
from guide.engine.routing import answers, entry
from guide.engine.routing.answers import ANSWER_MARGIN, ANSWER_MATCH
from guide.engine.routing.index import LANGS, Index
from guide.engine.routing.ranking import Candidate, Routing, rank
from guide.engine.taxonomy import Taxonomy

__all__ = ["ANSWER_MARGIN", "ANSWER_MATCH", "LANGS", "Candidate", "Router", "Routing"]


class Router(Index):
    """The routing index of one content set and the questions it answers; build once (see `router_for`),
    query often."""

    def __init__(self, content: ContentSet, taxonomy: Taxonomy | None = None) -> None:
        super().__init__(content, taxonomy)
        self._answer_bags: dict[NodeRef, dict] = {}
        """Question → its answers' descriptions (`answers.describe_answers`), worked out on first use."""

    _TRANSIENT = (*Index._TRANSIENT, "_answer_bags")

    def __setstate__(self, state: dict) -> None:
        super().__setstate__(state)
        self._answer_bags = {}

    def route(self, text: str, lang: str | None = None) -> Routing:
        """Rank the symptoms for `text`; `lang` is used only when the script does not tell."""
        return rank(self, text, lang)

    def place(self, tree_id: str, text: str) -> NodeRef:
        """Where to enter `tree_id` (any tree, sub-flows too) for `text` (`entry.place`)."""
        return entry.place(self, tree_id, text)

    def rank_answers(self, ref: NodeRef, text: str) -> list[tuple[str, float]]:
        """(answer key, 0..1) for each answer of the question at `ref`, best first (`answers.rank_answers`)."""
        return answers.rank_answers(self, self._answer_bags, ref, text)

    def match_answer(self, ref: NodeRef, text: str) -> str | None:
        """The answer `text` clearly chooses at `ref`, else None (`answers.match_answer`)."""
        return answers.match_answer(self, self._answer_bags, ref, text)
