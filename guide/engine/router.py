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
    (Japanese character bigrams and trigrams, English Snowball stems, joined
    words and stem pairs, after folding spelling variants). Each feature of the
    text votes for the trees in proportion to its (smoothed) share of them, as
    loudly as it tells the trees apart (one minus the entropy of its shares): a
    feature every tree uses says nothing, one a single tree uses says much. A
    tree's word score is its share of the votes, plus a bonus when the text
    holds one of the tree's trigger phrases almost whole. Misspelt English words
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

The index is built once per content set (`guide.engine.cache.load_router_cached`
keeps it in memory and on disk under the content's fingerprint; front ends reach
it through `guide.engine.service.Guide`) and a query then takes about a
millisecond. The vocabulary is the content's: no phrase
lives in this code.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from guide.engine.catalog import LANGS
from guide.engine.codes import HIGH, LOW, MEDIUM, code_info, find_codes
from guide.engine.compiler import start_ref, transitions
from guide.engine.lexical import EN, JA, Folder, FuzzyVocabulary, detect_lang, features, latin_words, stem
from guide.engine.model import RESOLUTION, ContentSet, NodeRef
from guide.engine.taxonomy import Taxonomy, load_taxonomy

_DIGIT = re.compile("[0-9０-９]")
_KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")

# --- weights of the fields of a tree's document -----------------------------------------

TREE_TRIGGER_WEIGHT = 4.0
"""A tree's own trigger phrases: what authors say leads here."""
TREE_TITLE_WEIGHT = 3.0
SYMPTOM_NAME_WEIGHT = 3.0
"""The taxonomy's name of the tree's symptom."""
NODE_TRIGGER_WEIGHT = 2.0
NODE_TITLE_WEIGHT = 1.0
CAUSE_NAME_WEIGHT = 1.0
"""The taxonomy's name of a cause a resolution of the tree concludes."""
ANSWER_WEIGHT = 0.5
BODY_WEIGHT = 0.25
"""Node text (every audience): many words, each a weak hint."""
LINK_LABEL_WEIGHT = 2.0
"""An answer label (or link title) elsewhere that leads into the tree: a trigger someone else wrote."""
SUB_FLOW_WEIGHT = 0.5
"""A shared sub-flow's words, divided between the symptom trees that link to it."""
CODE_WEIGHT = 3.0
"""A code the content mentions, as a feature (``#AADSTS50076``)."""
QUERY_CODE_WEIGHT = 3.0
"""A code in the text, as a query feature."""
FUZZY_WEIGHT = 0.7
"""A misspelt word, matched to a content word, counts this much of the real word."""

# --- turning word scores into 0..1 --------------------------------------------------------

SMOOTHING = 1.0
"""Pseudo-count every tree gets for every feature (a trigger use counts 4, a word of node text 0.25)."""
NODE_PHRASE_SHARE = 0.7
"""A node's trigger held in the text speaks for its tree this much of one of the tree's own triggers."""
PHRASE_BONUS = 0.6
"""How much a trigger phrase held whole adds to a tree's share of the votes (0..1)."""
PHRASE_FLOOR = 0.1
"""What a feature every tree uses still counts towards containing a phrase."""
PHRASE_INFO_SCALE = 1.0
"""The informative weight at which a contained phrase counts 63%: a short phrase of
common words ("Teams にサインインできない") says less than a specific one."""
PHRASE_MIN_MASS = 0.5
"""A phrase needs at least this much feature weight to count as contained: one common word is not
enough, while a short specific name ("Keep me signed in", "dsregcmd") is."""
TEMPERATURE = 0.08
"""Softmax temperature over the word scores: smaller is more decisive."""
STRENGTH_SCALE = 1.0
"""The loudness of a text's votes at which its evidence counts as 63% strong (1 - 1/e)."""
CODE_FLOOR = 0.75
"""The lowest score of a candidate backed by a recognised code (above any word-only candidate)."""
CODE_WORDS = 0.3
"""Among the symptoms a code points at, how much the words count against the code's own order.
Words pasted with a code mostly repeat its message, which names the cause, not the symptom."""
CODE_RANK_STEP = 0.1
"""How much each later place in the taxonomy's list of a cause's symptoms takes off."""
WORDS_WITH_CODE_CAP = 0.7
"""The highest score of a word-only candidate when the text has a code that points elsewhere."""
NODE_COVERAGE = 0.9
"""Share of a node's trigger phrase (or title) the text must contain to start at that node."""
ANSWER_MATCH = 0.4
"""Score an answer needs for free text to choose it (`Router.match_answer`)."""
ANSWER_MARGIN = 0.2
"""How far ahead of the next answer the chosen one must be."""
ANSWER_PRECISION = 0.7
"""In an answer's score, the weight of how much of the reply it explains (the rest: how much of it the reply holds)."""
ANSWER_MIN_EVIDENCE = 1.0
"""How much telling weight of the reply a description must explain to count at all."""
ANSWER_UNKNOWN_SHARE = 0.25
"""How much a word of the reply that no answer uses counts against the answers explaining it."""
KANJI_WEIGHT = 0.5
"""Weight of one kanji on its own when matching a reply to answers."""
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


# --- the index ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Phrase:
    """A trigger phrase or title: contained almost whole in a text, it points straight at a place."""

    tree: str
    node: str | None
    """None: the tree itself (its title, triggers, symptom name)."""
    bag: Mapping[str, float]
    trigger: bool = True
    """False for a node's title: it helps pick the node to enter, not the tree."""
    mass: float = -1.0
    """The phrase's weight, each feature counted by how much it says (`Router._phrase_weight`)."""
    informative: float = 0.0
    """The phrase's weight counting only what its features say (common features count nothing)."""


@dataclass(slots=True)
class _TreeDoc:
    """A symptom tree as one document: everything that speaks for it, weighted by field."""

    tree: str
    symptom: str
    start: NodeRef
    bag: Counter = field(default_factory=Counter)
    region: frozenset = frozenset()
    """Every node reachable from the start, through links into sub-flows too."""


class Router:
    """The routing index of one content set; build once (see `router_for`), query often."""

    def __init__(self, content: ContentSet, taxonomy: Taxonomy | None = None) -> None:
        self.content = content
        self.taxonomy = taxonomy or load_taxonomy()
        self.fold = Folder()
        self.docs: dict[str, _TreeDoc] = {}
        self.phrases: list[_Phrase] = []
        self.concluding: dict[str, list[NodeRef]] = {}
        """Cause id → resolution nodes concluding it (tree order)."""
        self.mentions: dict[str, list[NodeRef]] = {}
        """Normalised code → nodes whose words mention it."""
        surface: set[str] = set()
        self._code_cache: dict[str, tuple[str, ...]] = {}
        self._seen: dict[str, dict[str, float]] = {}
        self._bags: dict[str, Counter] = {}
        for tree_id in sorted(content.trees):
            self._add_tree(tree_id, surface)
        self._add_links(surface)
        self._tree_bags = [(doc.tree, doc.bag) for doc in self.docs.values()]
        self._known: set[str] = set().union(*(bag.keys() for _, bag in self._tree_bags))
        self._votes: dict[str, tuple[float, float, tuple[tuple[str, float], ...]]] = {}
        self._answer_bags: dict[NodeRef, dict[str, dict[str, float]]] = {}
        self.phrase_postings: dict[str, list[int]] = {}
        for index, phrase in enumerate(self.phrases):
            for feature in phrase.bag:
                self.phrase_postings.setdefault(feature, []).append(index)
        self.vocabulary = FuzzyVocabulary(w for w in surface if "w:" + stem(w) in self._known)
        del self._code_cache, self._seen, self._bags

    # --- building ------------------------------------------------------------

    def _bag(self, text: str) -> Counter:
        return features(self.fold(text))

    def _add(self, bag: Counter, text: str, weight: float, surface: set[str] | None = None) -> dict[str, float]:
        """Add the features of `text` to `bag` at `weight`; returns the text's own features."""
        found = self._seen.get(text)
        if found is None:
            folded = self.fold(text)
            found = features(folded)
            for code in self._codes_in(text):
                found["#" + code] = found.get("#" + code, 0.0) + CODE_WEIGHT / TREE_TRIGGER_WEIGHT
            self._seen[text] = found
            if surface is not None:
                for run in latin_words(folded):
                    surface.update(run)
        get = bag.get
        for feature, count in found.items():
            bag[feature] = get(feature, 0.0) + count * weight
        return found

    def _codes_in(self, text: str) -> tuple[str, ...]:
        """The normalised codes in one content text (each text is scanned once)."""
        found = self._code_cache.get(text)
        if found is None and not _DIGIT.search(text):
            found = self._code_cache[text] = ()
        if found is None:
            found = self._code_cache[text] = tuple(dict.fromkeys(hit.normalised for hit in find_codes(text)))
        return found

    def _add_tree(self, tree_id: str, surface: set[str]) -> None:
        tree = self.content.trees[tree_id]
        for node_id, node in tree.nodes.items():
            ref = NodeRef(tree_id, node_id)
            if node.type == RESOLUTION and node.cause:
                self.concluding.setdefault(node.cause, []).append(ref)
            for lang in LANGS:
                words = self.content.text(lang, ref)
                if words is None:
                    continue
                for text in (words.title, words.text, *words.audiences.values(), *words.answers.values(),
                             *words.triggers):
                    for code in self._codes_in(text):
                        places = self.mentions.setdefault(code, [])
                        if ref not in places:
                            places.append(ref)
        start = start_ref(self.content, tree_id)
        if start is None:
            return
        bag = self._bags.setdefault(tree_id, Counter())
        if tree.symptom:
            self.docs[tree_id] = _TreeDoc(tree_id, tree.symptom, start, bag, region=self._region(start))
        term = self.taxonomy.symptoms.get(tree.symptom or "")
        for lang in LANGS:
            if term and term.names.get(lang):
                self.phrases.append(_Phrase(tree_id, None, self._add(bag, term.names[lang], SYMPTOM_NAME_WEIGHT,
                                                                     surface)))
            tree_text = self.content.texts.get((lang, tree_id))
            if tree_text is None:
                continue
            self.phrases.append(_Phrase(tree_id, None, self._add(bag, tree_text.title, TREE_TITLE_WEIGHT, surface)))
            for trigger in tree_text.triggers:
                self.phrases.append(_Phrase(tree_id, None, self._add(bag, trigger, TREE_TRIGGER_WEIGHT, surface)))
            for node_id, words in tree_text.nodes.items():
                node = tree.nodes.get(node_id)
                if node is None:
                    continue
                title = self._add(bag, words.title, NODE_TITLE_WEIGHT, surface)
                self.phrases.append(_Phrase(tree_id, node_id, title, trigger=False))
                for trigger in words.triggers:
                    self.phrases.append(_Phrase(tree_id, node_id, self._add(bag, trigger, NODE_TRIGGER_WEIGHT,
                                                                            surface)))
                for text in (words.text, *words.audiences.values()):
                    self._add(bag, text, BODY_WEIGHT, surface)
                for label in words.answers.values():
                    self._add(bag, label, ANSWER_WEIGHT, surface)
                cause = self.taxonomy.causes.get(node.cause or "") if node.type == RESOLUTION else None
                if cause and cause.names.get(lang):
                    self._add(bag, cause.names[lang], CAUSE_NAME_WEIGHT, surface)

    def _add_links(self, surface: set[str]) -> None:
        """Words that lead into a tree from elsewhere, and the shared sub-flows a tree uses.

        An answer that leads to a link into a symptom tree's start (the start
        tree's menu, or "PRT missing" inside another tree) describes that tree:
        its label and the link node's title count as the tree's trigger phrases.
        A shared sub-flow (a tree without a symptom, such as the error-code
        lookup) lends its words to the symptom trees that link to it, divided
        between them (`_affinity`), so a tree that hands its details to a
        sub-flow still owns that vocabulary.
        """
        users: dict[str, set[str]] = {}
        for tree_id, tree in self.content.trees.items():
            into: dict[str, str] = {}
            for node_id, node in tree.nodes.items():
                target = self.content.trees.get(node.link.tree) if node.link else None
                if target is None or target.id == tree_id:
                    continue
                if target.id in self.docs and node.link.node in ("", target.start):
                    into[node_id] = target.id
                elif not target.symptom and tree_id in self.docs:
                    users.setdefault(target.id, set()).add(tree_id)
            if not into:
                continue
            for lang in LANGS:
                for node_id, node in tree.nodes.items():
                    words = self.content.text(lang, NodeRef(tree_id, node_id))
                    if words is None:
                        continue
                    if node_id in into:
                        target_id = into[node_id]
                        self.phrases.append(_Phrase(target_id, None, self._add(
                            self.docs[target_id].bag, words.title, LINK_LABEL_WEIGHT, surface)))
                    for key, label in words.answers.items():
                        target_id = into.get(node.answers.get(key, ""))
                        if target_id:
                            self.phrases.append(_Phrase(target_id, None, self._add(
                                self.docs[target_id].bag, label, LINK_LABEL_WEIGHT, surface)))
        for sub_flow, trees in users.items():
            lent = self._bags.get(sub_flow, {})
            shares = self._affinity(sub_flow, sorted(trees))
            for tree_id, share in shares.items():
                bag = self.docs[tree_id].bag
                for feature, count in lent.items():
                    bag[feature] += count * SUB_FLOW_WEIGHT * share

    def _affinity(self, sub_flow: str, trees: Sequence[str]) -> dict[str, float]:
        """How a sub-flow's words are divided between the symptom trees that use it (shares add up to 1).

        By the causes the sub-flow concludes: the taxonomy lists each cause's
        symptoms most telling first, so a tree whose symptom comes first for
        many of them gets the larger share. Every user gets a little.
        """
        affinity = dict.fromkeys(trees, 0.1)
        for node in self.content.trees[sub_flow].nodes.values():
            term = self.taxonomy.causes.get(node.cause or "") if node.type == RESOLUTION else None
            for tree_id in trees:
                symptom = self.docs[tree_id].symptom
                if term and symptom in term.symptoms:
                    affinity[tree_id] += 1 / (1 + term.symptoms.index(symptom))
        total = sum(affinity.values())
        return {tree_id: value / total for tree_id, value in affinity.items()}

    def _region(self, start: NodeRef) -> frozenset:
        seen = {start}
        frontier = [start]
        while frontier:
            ref = frontier.pop()
            if ref.tree not in self.content.trees or ref.node not in self.content.trees[ref.tree].nodes:
                continue
            for _, target in transitions(self.content, ref):
                if target not in seen:
                    seen.add(target)
                    frontier.append(target)
        return frozenset(seen)

    def vote(self, feature: str) -> tuple[float, float, tuple[tuple[str, float], ...]] | None:
        """(weight, floor, ((tree, share), ...)) of a feature the trees use, else None.

        A feature's share of each tree is its weighted count there, smoothed with
        `SMOOTHING` for every tree (so a word seen once in some node's text says
        little); `floor` is the share of a tree that never uses it. The weight is
        one minus the normalised entropy of the shares: 1 when one tree has it
        all, 0 when every tree has it alike. Worked out on first use and kept,
        so building the index costs nothing for the many features no text asks about.
        """
        found = self._votes.get(feature)
        if found is not None or feature not in self._known:
            return found
        by_tree = [(tree_id, bag[feature]) for tree_id, bag in self._tree_bags if feature in bag]
        trees = len(self._tree_bags)
        alpha, log = SMOOTHING, math.log
        total = sum(tf for _, tf in by_tree) + alpha * trees
        if trees > 1:
            # entropy of the smoothed shares: H = log T - (1/T) * sum over every tree of (c + a) log(c + a)
            spread = sum((tf + alpha) * log(tf + alpha) for _, tf in by_tree)
            spread += (trees - len(by_tree)) * alpha * log(alpha)
            weight = max(0.0, 1.0 - (log(total) - spread / total) / log(trees))
        else:
            weight = 1.0
        found = self._votes[feature] = (weight, alpha / total,
                                        tuple((tree_id, (tf + alpha) / total) for tree_id, tf in by_tree))
        return found

    def weight(self, feature: str) -> float:
        """How much a feature tells the trees apart (0..1; 0 for a feature no tree uses)."""
        found = self.vote(feature)
        return found[0] if found else 0.0

    def _phrase_weight(self, feature: str) -> float:
        """How much a feature of a phrase counts towards containing it (common features count a little)."""
        return PHRASE_FLOOR + self.weight(feature)

    # --- querying ------------------------------------------------------------

    def query_bag(self, text: str) -> dict[str, float]:
        """The features of `text` as the index knows them: misspellings mapped, codes added."""
        folded = self.fold(text)
        bag = features(folded)
        for run in latin_words(folded):
            for word in run:
                if len(word) < 5 or "w:" + stem(word) in self._known:
                    continue
                closest = self.vocabulary.closest(word)
                if closest:
                    key = "w:" + stem(closest)
                    bag[key] = bag.get(key, 0.0) + FUZZY_WEIGHT
        for hit in find_codes(text):
            key = "#" + hit.normalised
            bag[key] = bag.get(key, 0.0) + QUERY_CODE_WEIGHT
        return bag

    def word_scores(self, bag: Mapping[str, float], held: list | None = None) -> tuple[dict[str, float], float]:
        """Raw word score of each tree: its share of the text's evidence, plus the contained-phrase bonus.

        Each feature of the text votes for the trees in proportion to its share
        of them, as loudly as its weight; a tree's share of all the votes is 0..1
        and the shares of all trees add up to 1. Also returns the loudness of all
        votes together: how much the text says that the content knows about.
        `held` is `contained(bag)` when the caller already has it.
        """
        scores: dict[str, float] = dict.fromkeys(self.docs, 0.0)
        common = evidence = 0.0
        for feature, count in bag.items():
            vote = self.vote(feature)
            if vote is None or vote[0] <= 0:
                continue
            weight, floor, shares = vote
            loudness = math.log1p(count) * weight
            evidence += loudness
            common += loudness * floor
            for tree_id, share in shares:
                scores[tree_id] += loudness * (share - floor)
        if evidence:
            scores = {tree_id: (value + common) / evidence for tree_id, value in scores.items()}
        contained: dict[str, float] = {}
        for phrase, coverage, informative in self.contained(bag) if held is None else held:
            if not phrase.trigger or phrase.tree not in scores:
                continue
            strength = coverage ** 2 * (1 - math.exp(-informative / PHRASE_INFO_SCALE))
            strength *= 1.0 if phrase.node is None else NODE_PHRASE_SHARE
            contained[phrase.tree] = max(contained.get(phrase.tree, 0.0), strength)
        for tree_id, strength in contained.items():
            scores[tree_id] += PHRASE_BONUS * strength
        return scores, evidence

    def contained(self, bag: Mapping[str, float]) -> list[tuple[_Phrase, float, float]]:
        """(phrase, share of it in `bag`, informative weight of that share) for every phrase `bag` touches."""
        shared: dict[int, list[float]] = {}
        for feature in bag:
            weight = self.weight(feature)
            for index in self.phrase_postings.get(feature, ()):
                amount = self.phrases[index].bag[feature]
                entry = shared.setdefault(index, [0.0, 0.0])
                entry[0] += amount * (PHRASE_FLOOR + weight)
                entry[1] += amount * weight
        found = []
        for index, (amount, informative) in shared.items():
            phrase = self.phrases[index]
            if phrase.mass < 0:  # worked out on first use
                phrase.mass = sum(count * self._phrase_weight(f) for f, count in phrase.bag.items())
                phrase.informative = sum(count * self.weight(f) for f, count in phrase.bag.items())
            if phrase.mass >= PHRASE_MIN_MASS:
                found.append((phrase, amount / phrase.mass, informative))
        return found

    def phrase_coverage(self, bag: Mapping[str, float],
                        held: list | None = None) -> dict[tuple[str, str | None], tuple[float, float]]:
        """(tree, node or None) → (share, strength) of its phrase (titles too) that `bag` contains best.

        Strength is the share squared times how much the contained part says
        (`PHRASE_INFO_SCALE`): a long, specific phrase contained whole beats a
        short, common one contained whole.
        """
        best: dict[tuple[str, str | None], tuple[float, float]] = {}
        for phrase, coverage, informative in self.contained(bag) if held is None else held:
            key = (phrase.tree, phrase.node)
            strength = coverage ** 2 * (1 - math.exp(-informative / PHRASE_INFO_SCALE))
            if phrase.informative > 0:  # its telling words must be there too, not only its common ones
                coverage = min(coverage, informative / phrase.informative)
            if key not in best or strength > best[key][1]:
                best[key] = (coverage, strength)
        return best

    def route(self, text: str, lang: str | None = None) -> Routing:
        """Rank the symptoms for `text`; `lang` is used only when the script does not tell."""
        detected = detect_lang(text) or (lang if lang in LANGS else EN)
        hits = find_codes(text)
        codes = tuple(dict.fromkeys(hit.normalised for hit in hits))
        bag = self.query_bag(text)
        held = self.contained(bag) if bag else []
        raw, evidence = self.word_scores(bag, held) if bag else (dict.fromkeys(self.docs, 0.0), 0.0)
        coverage = self.phrase_coverage(bag, held) if bag else {}
        best_raw = {}
        for tree_id, value in raw.items():
            symptom = self.docs[tree_id].symptom
            if symptom not in best_raw or value > raw[best_raw[symptom]]:
                best_raw[symptom] = tree_id
        word = self._calibrate({symptom: raw[tree_id] for symptom, tree_id in best_raw.items()}, evidence)
        backed = self._code_backing(codes)
        ranked = []
        for symptom, tree_id in best_raw.items():
            strength, node, backing = backed.get(symptom, (0.0, None, ()))
            tree_id = node[0] if node else tree_id
            if strength:
                score = CODE_FLOOR + (1 - CODE_FLOOR) * ((1 - CODE_WORDS) * strength + CODE_WORDS * word[symptom])
            else:
                score = min(word[symptom], WORDS_WITH_CODE_CAP) if backed else word[symptom]
            where = node[1] if node else self._entry(tree_id, coverage)
            ranked.append(Candidate(symptom, tree_id, where, score, backing))
        ranked.sort(key=lambda c: (-c.score, -raw[c.tree], c.tree))
        return Routing(text, detected, codes, tuple(ranked))

    def place(self, tree_id: str, text: str) -> NodeRef:
        """Where to enter `tree_id` (any tree, sub-flows too) for `text`.

        The node concluding the cause of a code in the text, if the tree reaches
        one; else a node whose trigger or title the text contains; else the start.
        """
        start = start_ref(self.content, tree_id)
        if start is None:
            raise KeyError(tree_id)
        doc = self.docs.get(tree_id)
        region = doc.region if doc else self._region(start)
        for code in dict.fromkeys(hit.normalised for hit in find_codes(text)):
            info = code_info(code)
            for cause in info.causes if info and not info.expected else ():
                places = self.concluding.get(cause.cause, ())
                own = [ref for ref in places if ref.tree == tree_id]
                reached = own or [ref for ref in places if ref in region]
                if reached:
                    return reached[0]
        bag = self.query_bag(text)
        coverage = self.phrase_coverage(bag) if bag else {}
        return self._entry(tree_id, coverage, start)

    def rank_answers(self, ref: NodeRef, text: str) -> list[tuple[str, float]]:
        """(answer key, 0..1) for each answer of the question at `ref`, best first.

        An answer is described by its label in each language, and a little less
        by the title and triggers of the node it leads to. A feature counts by
        how few answers share it (one all the answers share counts little). For
        each description, two shares: how much of what the reply says the
        description explains (a short reply, "毎朝です", says little but all of
        it to the point) and how much of the description the reply holds; the
        answer's score is the best description's mix of the two
        (`ANSWER_PRECISION`). Japanese kanji count one by one too (朝 in 毎朝
        meets 朝 in 朝いちばん). Use `match_answer` to decide.
        """
        described = self._answer_bags.get(ref)
        if described is None:
            described = self._answer_bags[ref] = self._describe_answers(ref)
        if not described:
            return []
        spread: dict[str, int] = {}
        for descriptions in described.values():
            for feature in set().union(*(bag for bag, _ in descriptions)):
                spread[feature] = spread.get(feature, 0) + 1
        count = len(described)
        telling = {feature: math.log(1 + count / answers) for feature, answers in spread.items()}
        reply = self._reply_features(text)
        said = {feature: amount * telling[feature] for feature, amount in reply.items() if feature in telling}
        unknown = sum(amount for feature, amount in reply.items() if feature not in telling)
        said_total = sum(said.values()) + ANSWER_UNKNOWN_SHARE * unknown
        ranked = []
        for key, descriptions in described.items():
            best = 0.0
            for bag, trust in descriptions:
                weights = {feature: amount * telling[feature] for feature, amount in bag.items()}
                total = sum(weights.values())
                if not total or not said:
                    continue
                explained = sum(value for feature, value in said.items() if feature in bag)
                if explained < ANSWER_MIN_EVIDENCE:
                    continue  # a greeting's kana or one common word is no answer
                recall = sum(value for feature, value in weights.items() if feature in said) / total
                precision = explained / said_total
                best = max(best, trust * (ANSWER_PRECISION * precision + (1 - ANSWER_PRECISION) * recall))
            ranked.append((key, best))
        ranked.sort(key=lambda item: -item[1])
        return ranked

    def match_answer(self, ref: NodeRef, text: str) -> str | None:
        """The answer `text` clearly chooses at `ref` (`ANSWER_MATCH` ahead by `ANSWER_MARGIN`), else None."""
        ranked = self.rank_answers(ref, text)
        if not ranked or ranked[0][1] < ANSWER_MATCH:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < ANSWER_MARGIN:
            return None
        return ranked[0][0]

    def _reply_features(self, text: str) -> dict[str, float]:
        """The features of a reply or an answer's description, plus each kanji on its own."""
        found = self.query_bag(text)
        for kanji in _KANJI.findall(self.fold(text)):
            found["u:" + kanji] = found.get("u:" + kanji, 0.0) + KANJI_WEIGHT
        return found

    def _describe_answers(self, ref: NodeRef) -> dict[str, list[tuple[dict[str, float], float]]]:
        """Answer key → [(features, trust)]: its labels (trust 1) and where it leads (less)."""
        node = self.content.node(ref)
        described: dict[str, list[tuple[dict[str, float], float]]] = {}
        for key, target in node.answers.items():
            texts: list[tuple[str, float]] = []
            for lang in LANGS:
                words = self.content.text(lang, ref)
                if words and key in words.answers:
                    texts.append((words.answers[key], 1.0))
                leads = self.content.text(lang, NodeRef(ref.tree, target))
                if leads:
                    texts += [(leads.title, 0.7), *((trigger, 0.85) for trigger in leads.triggers)]
            described[key] = [(bag, trust) for text, trust in texts if (bag := self._reply_features(text))]
        return described

    def _calibrate(self, raw: Mapping[str, float], evidence: float) -> dict[str, float]:
        """Raw word scores → 0..1: the softmax share of each, times how much evidence the text holds."""
        if not raw:
            return {}
        top = max(raw.values())
        exps = {key: math.exp((value - top) / TEMPERATURE) for key, value in raw.items()}
        total = sum(exps.values())
        strength = 1 - math.exp(-evidence / STRENGTH_SCALE)
        return {key: exps[key] / total * strength for key in raw}

    def _entry(self, tree_id: str, coverage: Mapping[tuple[str, str | None], tuple[float, float]],
               start: NodeRef | None = None) -> NodeRef:
        """The node to enter `tree_id` at: the start, unless the text holds one of a node's own phrases.

        The node's phrase must be contained for at least `NODE_COVERAGE` of it,
        and say more than any phrase of the tree itself that the text holds.
        """
        best = start or self.docs[tree_id].start
        best_strength = coverage.get((tree_id, None), (0.0, 0.0))[1]
        for (phrase_tree, node_id), (cover, strength) in coverage.items():
            if phrase_tree == tree_id and node_id and cover >= NODE_COVERAGE and strength > best_strength:
                best, best_strength = NodeRef(tree_id, node_id), strength
        return best

    def _code_backing(self, codes: Sequence[str]) -> dict[str, tuple[float, tuple[str, NodeRef] | None, tuple]]:
        """Symptom → (strength 0..1, (tree, node) to enter, codes) for the symptoms the codes point at."""
        backed: dict[str, tuple[float, tuple[str, NodeRef] | None, tuple]] = {}

        def offer(symptom: str, strength: float, place: tuple[str, NodeRef] | None, code: str) -> None:
            if symptom not in self._symptom_trees():
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
                term = self.taxonomy.causes.get(cause.cause)
                listed = term.symptoms if term else ()
                for symptom, trees in self._symptom_trees().items():
                    place = self._concluding_place(cause.cause, trees)
                    if symptom in listed:  # the taxonomy lists a cause's symptoms most telling first
                        rank = listed.index(symptom)
                        strength = trust * (1.0 if place else 0.9) * (1 - CODE_RANK_STEP * rank)
                    elif place and place[2]:
                        strength = trust * 0.8
                    else:
                        continue
                    offer(symptom, strength, place[:2] if place else None, code)
        return backed

    def _symptom_trees(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for tree_id, doc in self.docs.items():
            found.setdefault(doc.symptom, []).append(tree_id)
        return found

    def _concluding_place(self, cause: str, trees: Iterable[str]) -> tuple[str, NodeRef, bool] | None:
        """(tree, node, in the tree itself) of the first node concluding `cause` reachable from one of `trees`."""
        places = self.concluding.get(cause, ())
        linked = None
        for tree_id in trees:
            for ref in places:
                if ref.tree == tree_id:
                    return tree_id, ref, True
                if linked is None and ref in self.docs[tree_id].region:
                    linked = (tree_id, ref, False)
        return linked
