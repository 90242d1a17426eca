"""Ranking the symptoms for a text: word votes, contained phrases, codes, and scores 0..1.

Each feature of the text votes for the trees (`Index.vote`); a tree's word
score is its share of the votes blended with its naive Bayes probability over
the same features (`bayes_scores`, `BAYES_SHARE`), plus a bonus when the text holds one of the
tree's trigger phrases almost whole (`PHRASE_BONUS`). A softmax regression of the text's language
(learnt from the trees' texts, the routing examples and the written corpus) takes a share of the votes'
part (`linear_scores`, `guide.engine.routing.linear`).
The scores become 0..1 by a softmax (`TEMPERATURE`) times how much the text says that the content
knows about (`STRENGTH_SCALE`).

Codes outrank words: a code the table knows points at causes
(`codes.code_info`); the symptoms of those causes (taxonomy) and of the trees
that conclude them come first, ordered by the code's confidence and then by the
words, each scoring at least `CODE_FLOOR`; word-only candidates then stay below
`WORDS_WITH_CODE_CAP`. A code the table does not know still counts as a word.
See `guide.engine.routing.index` for where the figures come from.

Ways of ranking measured and not taken (session 10, on e46176b; as "tune/dev/leave-out" per language like
`guide.engine.routing.linear`'s figures, where the shipped ranking reads en 111/130, 235/305, 671/915 and
ja 106/118, 22/26, 978/1215, eval en 19/21, ja 7/7; eval and own do not move unless said). None gained
on one set without losing on another, beyond a statement or two:

- the blend's shares, all together (`BAYES_SHARE` 0.4 to 0.6, `linear.LINEAR_SHARE` en 0.1 to 0.3 and
  ja 0.05 to 0.2, `PHRASE_BONUS` 0.4 to 0.8, `BAYES_TEMPERATURE` 0.35 to 0.7): no point of that grid beats
  the shipped one on tune in either language, and none gains on dev or leave-out without losing tune
  but one for Japanese, by a statement each ((0.6, 0.2, 0.4, 0.5): ja 106, 23, 979);
- blend weights fitted by maximum likelihood (a conditional logit over the votes, naive Bayes, the
  regression and the phrase strength, also each times log(1 + loudness)): fitted on the written corpus
  (its regression scores out of fold) en 107, 233, 672, ja 104, 22, 981; fitted on the tune half itself,
  even the tune half does not gain (en 109, ja 104): no linear blend of these four parts ranks better;
- the naive Bayes temperature growing with the text's loudness (x loudness^0.9 instead of x loudness:
  en 110, 234, 671, ja 106, 23, 976); the regression's probabilities at temperature 0.5 to 2 (en 107 to
  111, 231 to 234; ja 102 to 106, 972 to 979); a product of the three opinions' probabilities instead of
  their mixture (en 106 to 108, 229 to 233; ja 100 to 104);
- a second look at the top two: swapping them when the regression's logits favour the second by more
  than 1 (en 110, 237, 671, eval 17/21), or when naive Bayes and the regression both favour it (en 110,
  233, 672; ja 107, 22, 985); a pairwise logistic model of the parts' differences, fitted on the
  left-out triggers or the written corpus, swaps rarely and gains nothing on tune or dev (-2 to 0);
  more of the regression where it is confident (+0.1 above probability 0.5: en 111, 236, 673; ja 106,
  22, 976) or where the text is long (ja +0.1 above loudness 3: 105, 22, 976);
- the phrase bonus per sentence (the best trigger one sentence holds) instead of over the whole text
  (en 110, 235, 671; ja unchanged), scaled by the share of the text's evidence the phrase explains
  (en 110, 235, 671; ja 107, 22, 977), or lowered for triggers another tree's trigger holds almost
  whole (en 110, 235, 673; ja 106, 22, 977 to 980);
- the votes' loudness: the feature's weight squared (en 104, 232, 651; ja 100, 23, 966) or to the power
  0.7 (en 110, 232, 667; ja 103, 22, 965); counts as sqrt or 1 instead of log(1 + count) (en 109 to 111,
  232; ja 104 to 105, 966 to 975);
- naive Bayes: complement naive Bayes, alone or half mixed in (en 101 to 109, 225 to 232; ja 98 to 103);
  features counted without their entropy weight (en 104, 235, 685; ja 101, 22, 961);
  `index.BAYES_SMOOTHING` 0.02 or 0.1 (en 110, 234; ja 104 to 105); discounting a feature by how many of
  the written and example statements use it (``sign``, ``teams``: English only, (1 - share)^2: en 111,
  234, 678);
- each sentence of a long text ranked on its own, the rankings mixed by each one's margin (the first
  score less the second, or its square) into the whole text's at 0.25 to 1 (session 11, on 84b483d): tune
  en 110 to 111, dev 230 to 233, ja unchanged; a text's sentences rarely disagree where the whole text
  is wrong;
- a fourth opinion from the nearest written and example statements (cosine over the votes' loudness,
  5 or 15 neighbours, 0.1 or 0.2 of the score: en 107 to 110, 233 to 236, 664 to 670; ja 101 to 103,
  969 to 980).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

from guide.engine.codes import HIGH, LOW, MEDIUM, code_info, find_codes
from guide.engine.lexical import EN, detect_lang
from guide.engine.model import NodeRef
from guide.engine.routing import linear
from guide.engine.routing.entry import concluding_place, entry
from guide.engine.routing.index import LANGS, PHRASE_INFO_SCALE, Index

NODE_PHRASE_SHARE = 0.7
"""A node's trigger held in the text speaks for its tree this much of one of the tree's own triggers.
Figure: 94.8% top-1 (94.1% halved, 92.6% doubled)."""
PHRASE_BONUS = 0.6
"""How much a trigger phrase held whole adds to a tree's share of the votes (0..1).
Figure: 94.8% top-1 (93.4% halved, 93.7% doubled)."""
TEMPERATURE = 0.08
"""Softmax temperature over the word scores: smaller is more decisive.
Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""
STRENGTH_SCALE = 1.0
"""The loudness of a text's votes at which its evidence counts as 63% strong (1 - 1/e).
Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""
BAYES_SHARE = 0.5
"""How much of a tree's word score is its naive Bayes probability (`bayes_scores`), the rest its share of
the votes. Figure: 94.8% top-1 (93.0% halved, 93.7% doubled); leave-out ja 79.4%, en 71.7%
(78.6%, 71.4% halved; 78.7%, 72.4% doubled; without naive Bayes 75.6%, 68.9%)."""
BAYES_TEMPERATURE = 0.5
"""Softmax temperature of the naive Bayes scores, per unit of the text's vote loudness: the mean log
likelihood ratio at which one tree is e times as probable as another.
Figure: 94.8% top-1 (93.4% halved, 93.4% doubled); leave-out ja 79.4%, en 71.7%
(78.9%, 72.1% halved; 78.3%, 71.6% doubled)."""
CODE_FLOOR = 0.75
"""The lowest score of a candidate backed by a recognised code (above any word-only candidate).
Figure: 94.8% top-1 (94.8% halved, 93.0% doubled)."""
CODE_WORDS = 0.3
"""Among the symptoms a code points at, how much the words count against the code's own order.
Words pasted with a code mostly repeat its message, which names the cause, not the symptom.
Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""
CODE_RANK_STEP = 0.1
"""How much each later place in the taxonomy's list of a cause's symptoms takes off.
Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""
WORDS_WITH_CODE_CAP = 0.7
"""The highest score of a word-only candidate when the text has a code that points elsewhere.
Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""
CONFIDENCE = {HIGH: 1.0, MEDIUM: 0.75, LOW: 0.5}
"""How far a code's cause is trusted, by the table's confidence."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place to start: a symptom's tree and the node to enter, with how well the text fits."""

    symptom: str | None
    """Taxonomy symptom id."""
    tree: str
    """The tree the walk starts in (its `symptom` is `symptom`)."""
    node: NodeRef
    """Where to enter: the tree's start, a node that matches strongly, or the node that
    concludes a code's cause (possibly in a sub-flow the tree links to)."""
    score: float
    """0 (no fit) to 1 (certain)."""
    codes: tuple[str, ...] = ()
    """The recognised codes that back this candidate."""

    def as_json(self) -> dict:
        """The CONTRACT shape ``{"symptom", "tree", "node", "score"}`` (node relative to the tree)."""
        return {"symptom": self.symptom, "tree": self.tree, "node": self.node.show(self.tree),
                "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class Routing:
    """What `route` found in one text."""

    text: str
    lang: str
    """``ja`` or ``en``: from the script, else the caller's language."""
    codes: tuple[str, ...]
    """Error codes in the text, normalised, each once, in order of appearance."""
    candidates: tuple[Candidate, ...]
    """Every symptom that has a tree, best first."""

    @property
    def best(self) -> Candidate | None:
        """The first candidate, if any."""
        return self.candidates[0] if self.candidates else None

    def as_json(self) -> dict:
        """The CONTRACT shape ``{"lang", "codes", "candidates"}``."""
        return {"lang": self.lang, "codes": list(self.codes),
                "candidates": [candidate.as_json() for candidate in self.candidates]}


def word_scores(index: Index, bag: Mapping[str, float],
                held: list | None = None, lang: str = EN) -> tuple[dict[str, float], float]:
    """Raw word score of each tree: its share of the text's evidence, plus the contained-phrase bonus.

    Each feature of the text votes for the trees in proportion to its share
    of them, as loudly as its weight; a tree's share of all the votes is 0..1
    and the shares of all trees add up to 1. Also returns the loudness of all
    votes together: how much the text says that the content knows about.
    `held` is `contained(bag)` when the caller already has it.
    """
    scores: dict[str, float] = dict.fromkeys(index.docs, 0.0)
    common = evidence = 0.0
    voting = votes_of(index, bag)
    for _feature, loudness, (_weight, floor, shares) in voting:
        evidence += loudness
        common += loudness * floor
        for tree_id, share in shares:
            scores[tree_id] += loudness * (share - floor)
    if evidence:
        scores = {tree_id: (value + common) / evidence for tree_id, value in scores.items()}
        bayes = bayes_scores(index, bag, voting)
        share = linear.LINEAR_SHARE.get(lang, 0.0) if lang in index.linear else 0.0
        learned = linear_scores(index, bag, lang) if share else bayes
        scores = {tree_id: (1 - BAYES_SHARE - share) * value + BAYES_SHARE * bayes[tree_id]
                  + share * learned[tree_id] for tree_id, value in scores.items()}
    contained: dict[str, float] = {}
    for phrase, coverage, informative in index.contained(bag) if held is None else held:
        if not phrase.trigger or phrase.tree not in scores:
            continue
        strength = coverage ** 2 * (1 - math.exp(-informative / PHRASE_INFO_SCALE))
        strength *= 1.0 if phrase.node is None else NODE_PHRASE_SHARE
        contained[phrase.tree] = max(contained.get(phrase.tree, 0.0), strength)
    for tree_id, strength in contained.items():
        scores[tree_id] += PHRASE_BONUS * strength
    return scores, evidence


def votes_of(index: Index, bag: Mapping[str, float]) -> list[tuple[str, float, tuple]]:
    """(feature, loudness, its `Index.vote`) of each feature of `bag` that votes: loudness is
    log(1 + count) times the feature's weight."""
    voting = []
    for feature, count in bag.items():
        vote = index.vote(feature)
        if vote is not None and vote[0] > 0:
            voting.append((feature, math.log1p(count) * vote[0], vote))
    return voting


def bayes_scores(index: Index, bag: Mapping[str, float],
                 voting: Sequence[tuple[str, float, tuple]] | None = None) -> dict[str, float]:
    """Each tree's naive Bayes probability for the text (0..1, adding up to 1; equal when nothing is known).

    A second opinion beside the votes, over the same bags: the votes average
    the features' shares, so many common features can outvote a few telling
    ones; naive Bayes multiplies the likelihoods (`Index.likelihoods`), so a
    tree that lacks the text's telling words loses even when it has all the
    common ones. Each feature counts as loudly as it votes (`voting`, when the
    caller has it: `votes_of(index, bag)`); the log likelihoods, averaged over
    that loudness, go through a softmax (`BAYES_TEMPERATURE`).
    """
    trees = index.doc_trees
    voting = votes_of(index, bag) if voting is None else voting
    logs = [0.0] * len(trees)
    loudness_total = 0.0
    for feature, loudness, _vote in voting:
        loudness_total += loudness
        for row, ratio in index.likelihoods(feature):
            logs[row] += loudness * ratio
    if not loudness_total:
        return dict.fromkeys(trees, 1 / len(trees))
    return softmax({tree_id: value + loudness_total * floor
                    for tree_id, value, floor in zip(trees, logs, index.bayes_floors)},
                   BAYES_TEMPERATURE * loudness_total)


def linear_scores(index: Index, bag: Mapping[str, float], lang: str) -> dict[str, float]:
    """Each tree's probability under the softmax regression of `lang` (`guide.engine.routing.linear`) for the
    text."""
    numbers = index.feature_ids
    found = ((number, count) for feature, count in bag.items() if (number := numbers.get(feature)) is not None)
    return dict(zip(index.doc_trees, linear.probabilities(index.linear[lang].logits(linear.values(found).items()))))


def rank(index: Index, text: str, lang: str | None = None) -> Routing:
    """Rank the symptoms for `text`; `lang` is used only when the script does not tell."""
    detected = detect_lang(text) or (lang if lang in LANGS else EN)
    hits = find_codes(text)
    codes = tuple(dict.fromkeys(hit.normalised for hit in hits))
    bag = index.query_bag(text)
    held = index.contained(bag) if bag else []
    raw, evidence = word_scores(index, bag, held, detected) if bag else (dict.fromkeys(index.docs, 0.0), 0.0)
    coverage = index.phrase_coverage(bag, held) if bag else {}
    best_raw = {}
    for tree_id, value in raw.items():
        symptom = index.docs[tree_id].symptom
        if symptom not in best_raw or value > raw[best_raw[symptom]]:
            best_raw[symptom] = tree_id
    word = calibrate({symptom: raw[tree_id] for symptom, tree_id in best_raw.items()}, evidence)
    backed = code_backing(index, codes)
    ranked = []
    for symptom, tree_id in best_raw.items():
        strength, node, backing = backed.get(symptom, (0.0, None, ()))
        tree_id = node[0] if node else tree_id
        if strength:
            score = CODE_FLOOR + (1 - CODE_FLOOR) * ((1 - CODE_WORDS) * strength + CODE_WORDS * word[symptom])
        else:
            score = min(word[symptom], WORDS_WITH_CODE_CAP) if backed else word[symptom]
        where = node[1] if node else entry(index, tree_id, coverage)
        ranked.append(Candidate(symptom, tree_id, where, score, backing))
    ranked.sort(key=lambda c: (-c.score, -raw[c.tree], c.tree))
    return Routing(text, detected, codes, tuple(ranked))


def calibrate(raw: Mapping[str, float], evidence: float) -> dict[str, float]:
    """Raw word scores → 0..1: the softmax share of each, times how much evidence the text holds."""
    strength = 1 - math.exp(-evidence / STRENGTH_SCALE)
    return {key: share * strength for key, share in softmax(raw, TEMPERATURE).items()}


def softmax(values: Mapping[str, float], temperature: float) -> dict[str, float]:
    """Each value's softmax share at `temperature` (the shares add up to 1; {} for no values)."""
    if not values:
        return {}
    top = max(values.values())
    exps = {key: math.exp((value - top) / temperature) for key, value in values.items()}
    total = sum(exps.values())
    return {key: value / total for key, value in exps.items()}


def code_backing(index: Index, codes: Sequence[str]) -> dict[str, tuple[float, tuple[str, NodeRef] | None, tuple]]:
    """Symptom → (strength 0..1, (tree, node) to enter, codes) for the symptoms the codes point at."""
    backed: dict[str, tuple[float, tuple[str, NodeRef] | None, tuple]] = {}

    def offer(symptom: str, strength: float, place: tuple[str, NodeRef] | None, code: str) -> None:
        if symptom not in symptom_trees(index):
            return
        old = backed.get(symptom)
        if old is None or strength > old[0]:
            backed[symptom] = (strength, place or (old[1] if old else None),
                               tuple(dict.fromkeys((*(old[2] if old else ()), code))))
        elif code not in old[2]:
            backed[symptom] = (old[0], old[1], (*old[2], code))

    for code in codes:
        info = code_info(code)
        if info is None or info.expected:
            continue
        for cause in info.causes:
            trust = CONFIDENCE.get(cause.confidence, 0.5)
            term = index.taxonomy.causes.get(cause.cause)
            listed = term.symptoms if term else ()
            for symptom, trees in symptom_trees(index).items():
                place = concluding_place(index, cause.cause, trees)
                if symptom in listed:  # the taxonomy lists a cause's symptoms most telling first
                    rank = listed.index(symptom)
                    strength = trust * (1.0 if place else 0.9) * (1 - CODE_RANK_STEP * rank)
                elif place and place[2]:
                    strength = trust * 0.8
                else:
                    continue
                offer(symptom, strength, place[:2] if place else None, code)
    return backed


def symptom_trees(index: Index) -> dict[str, list[str]]:
    """Symptom → the trees that have it."""
    found: dict[str, list[str]] = {}
    for tree_id, doc in index.docs.items():
        found.setdefault(doc.symptom, []).append(tree_id)
    return found
