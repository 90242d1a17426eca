"""The router's index: every symptom tree as one weighted bag of features, its phrases, and the votes.

Every tree with a ``symptom`` is one document made of its own words in both
languages: its title and `triggers` (strongest), its symptom's names from the
taxonomy, answer labels elsewhere that lead into it (the start menu), its
nodes' triggers and titles, the names of the causes it concludes, answer labels
and node text (weakest), and a share of the words of the shared sub-flows it
links to. `guide.engine.lexical` turns text into features. Each feature votes
for the trees in proportion to its (smoothed) share of them, as loudly as it
tells the trees apart (`Index.vote`); the same counts also give each tree's
naive Bayes likelihood of a feature (`Index.likelihoods`), the second opinion
`ranking.bayes_scores` blends in. Titles and trigger phrases are also kept
whole (`Phrase`), so that a text holding one almost whole points straight at
its tree or node (`ranking`, `entry`). The trees' strongest texts, the routing
examples and the written corpus (`guide.engine.routing.written`, which no bag
counts) are the training examples of the softmax regressions of
`guide.engine.routing.linear`, one per language (`linear_examples`).

The figure quoted beside each tuned constant in the routing modules (and in
`guide.engine.lexical`) is what
``python benchmarks/bench_route.py --sensitivity`` prints for it: top-1 accuracy
on the "tune" half of the collected statements plus the project's own statements
(the held-out half is never used), at the value chosen and with the value halved
and doubled; for the answer-matching constants, the shipped replies chosen right.
A figure that does not move says no nearby value does better on these sets. The
constants of the naive Bayes scorer, of word breaks and of kanji were chosen on the
leave-out check instead (``python benchmarks/leave_out.py``: the content's own
triggers routed by a router built without them), where a broad plateau held; the
values were first set on the statements and replies the commits introducing
them name (``git log -S NAME``).
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from guide.engine.catalog import LANGS
from guide.engine.codes import find_codes
from guide.engine.compiler import start_ref, transitions
from guide.engine.lexical import (Folder, FuzzyVocabulary, adopt_lexicon, adopt_stems, features, known_stems,
                                  latin_words, load_lexicon, stem)
from guide.engine.model import RESOLUTION, ContentSet, NodeRef
from guide.engine.routing.examples import load_examples
from guide.engine.routing import linear
from guide.engine.routing.tables import FeatureTable, Phrase, PhraseTable
from guide.engine.taxonomy import Taxonomy, load_taxonomy
from guide.engine.texts import Texts

_DIGIT = re.compile("[0-9０-９]")

# --- weights of the fields of a tree's document -----------------------------------------

TREE_TRIGGER_WEIGHT = 4.0
"""A tree's own trigger phrases: what authors say leads here. Figure: 94.8% top-1 (91.5% halved, 93.7% doubled)."""
TREE_TITLE_WEIGHT = 3.0
"""A tree's title. Figure: 94.8% top-1 (94.5% halved, 94.8% doubled)."""
SYMPTOM_NAME_WEIGHT = 3.0
"""The taxonomy's name of the tree's symptom. Figure: 94.8% top-1 (94.5% halved, 94.8% doubled)."""
NODE_TRIGGER_WEIGHT = 2.0
"""A node's trigger phrases. Figure: 94.8% top-1 (94.1% halved, 94.1% doubled)."""
NODE_TITLE_WEIGHT = 1.0
"""A node's title. Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""
CAUSE_NAME_WEIGHT = 1.0
"""The taxonomy's name of a cause a resolution of the tree concludes.
Figure: 94.8% top-1 (94.5% halved, 95.2% doubled)."""
ANSWER_WEIGHT = 0.5
"""An answer label inside the tree. Figure: 94.8% top-1 (94.5% halved, 94.8% doubled)."""
BODY_WEIGHT = 0.25
"""Node text (every audience): many words, each a weak hint. Figure: 94.8% top-1 (93.7% halved, 94.8% doubled)."""
LINK_LABEL_WEIGHT = 2.0
"""An answer label (or link title) elsewhere that leads into the tree: a trigger someone else wrote.
Figure: 94.8% top-1 (94.5% halved, 94.8% doubled)."""
SUB_FLOW_WEIGHT = 0.5
"""A shared sub-flow's words, divided between the symptom trees that link to it.
Figure: 94.8% top-1 (94.5% halved, 94.8% doubled)."""
EXAMPLE_WEIGHT = 1.0
"""A routing example (real wording people published, `guide.engine.routing.examples`), counted like a
node's title. ``python benchmarks/bench_examples.py`` (87 ja, 47 en examples; dev set 26 ja, 22 en): at 1,
tune half en 87/101 (86 without), ja 100/108 as without; dev set ja 23/26 (21 without), en 15/22 as without;
own triggers left out ja 949/1197, en 629/877 (951 and 630 without; reauth-loop 121/187, prt-sso 83/119);
at 0.5 tune ja loses one and left out ja 948; at 2 tune ja and en lose one each and left out ja 944; as
phrases nothing gains, at 4 tune ja loses three and the shared sample ja one. 212 English examples in
people's own words (issue threads, help-desk pages, blogs) did not help at any weight (dev en unchanged, tune
en one fewer) and became development lines instead (benchmarks/dev/dev-en.yaml)."""
EXAMPLE_PHRASES = False
"""Whether each routing example is also kept whole as a phrase (as a trigger is), so that a text holding
most of one points at its tree. Measured with `bench_examples.py`: at weight 1 nothing gains and the
English dev set loses one (15 -> 14/22), so examples count as words only."""
CODE_WEIGHT = 3.0
"""A code the content mentions, as a feature (``#AADSTS50076``).
Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""

# --- reading a text ---------------------------------------------------------------------

QUERY_CODE_WEIGHT = 3.0
"""A code in the text, as a query feature. Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""
FUZZY_WEIGHT = 0.7
"""A misspelt word, matched to a content word, counts this much of the real word.
Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""

# --- votes ------------------------------------------------------------------------------

SMOOTHING = 1.0
"""Pseudo-count every tree gets for every feature (a trigger use counts 4, a word of node text 0.25).
Figure: 94.8% top-1 (94.5% halved, 91.5% doubled); halved, the leave-out check falls (ja 79.4% -> 78.8%),
so it stays."""
BAYES_SMOOTHING = 0.05
"""Pseudo-count every tree gets for every feature in the naive Bayes likelihoods (`Index.likelihoods`).
Figure: 94.8% top-1 (94.5% halved, 94.8% doubled); leave-out ja 79.4%, en 71.7% (79.0%, 71.6% halved;
79.5%, 71.4% doubled)."""
PHRASE_FLOOR = 0.1
"""What a feature every tree uses still counts towards containing a phrase.
Figure: 94.8% top-1 (94.8% halved, 94.1% doubled)."""

# --- phrases held in a text -------------------------------------------------------------

PHRASE_INFO_SCALE = 1.0
"""The informative weight at which a contained phrase counts 63%: a short phrase of
common words ("Teams にサインインできない") says less than a specific one.
Figure: 94.8% top-1 (95.2% halved, 94.1% doubled)."""
PHRASE_MIN_MASS = 0.5
"""A phrase needs at least this much feature weight to count as contained: one common word is not
enough, while a short specific name ("Keep me signed in", "dsregcmd") is.
Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""


@dataclass(slots=True)
class TreeDoc:
    """A symptom tree as one document: everything that speaks for it, weighted by field."""

    tree: str
    symptom: str
    start: NodeRef
    bag: Counter | None = field(default_factory=Counter)
    """Feature → weighted count, while the index is built (then kept as `Index.counts`)."""


class Index:
    """The routing index of one content set: tree documents, phrases, votes, the fuzzy vocabulary."""

    def __init__(self, content: ContentSet, taxonomy: Taxonomy | None = None) -> None:
        self.content = content
        self.taxonomy = taxonomy or load_taxonomy()
        self.fold = Folder()
        self.docs: dict[str, TreeDoc] = {}
        self.phrases: list[Phrase] = []
        self.concluding: dict[str, list[NodeRef]] = {}
        """Cause id → resolution nodes concluding it (tree order)."""
        self.mentions: dict[str, list[NodeRef]] = {}
        """Normalised code → nodes whose words mention it."""
        surface: set[str] = set()
        self._code_cache: dict[str, tuple[str, ...]] = {}
        self._seen: dict[str, dict[str, float]] = {}
        self._bags: dict[str, Counter] = {}
        self._routing_examples = load_examples()
        from guide.engine.routing.written import load_written  # building only: a query never reads the corpus

        self._examples: list[tuple[str, dict[str, float], float | None, str]] = []
        """(tree, a text's features, its field's weight or None for a routing example, its language) of every
        text added to a bag (`linear_examples`)."""
        self._adding = LANGS[0]
        """The language of the texts being added (`_add`)."""
        self._lent: dict[str, dict[str, float]] = {}
        """Shared sub-flow → how its words are divided between the symptom trees (`_affinity`)."""
        for tree_id in sorted(content.trees):
            self._add_tree(tree_id, surface)
        self._add_links(surface)
        self._written = [(line.tree, self._features_of(line.text), lang) for lang, lines in load_written().items()
                        if linear.LINEAR_SHARE.get(lang) and linear.WRITTEN_WEIGHT.get(lang) for line in lines
                        if line.tree in self.docs]
        """(tree, features, language) of each written statement the regression alone learns from
        (`guide.engine.routing.written`), in the languages the regression scores (`linear.LINEAR_SHARE`)."""
        known = set().union(*(doc.bag.keys() for doc in self.docs.values()))
        self.vocabulary = FuzzyVocabulary(w for w in surface if "w:" + stem(w) in known)
        words = Texts(content)
        self.titles = {(lang, tree_id): words.title(tree_id, lang) for tree_id in self.docs for lang in LANGS}
        """(language, symptom tree) → the tree's title as `Texts.title` gives it: a routing is shown
        without the content (`title`)."""
        del self._code_cache, self._seen, self._bags, self._routing_examples
        self._compact(known)
        del self._examples, self._lent, self._written, self._adding

    @property
    def content(self) -> ContentSet:
        """The content set the index answers about; given as a function (`use_content`), read when a
        query first needs it (to place a code, to match an answer)."""
        if callable(self._content):
            self._content = self._content()
        return self._content

    @content.setter
    def content(self, content: ContentSet | None) -> None:
        self._content = content

    def use_content(self, content: ContentSet | Callable[[], ContentSet]) -> None:
        """Answer about `content`: the content set the index was built from (the same fingerprint), or a
        function reading it, called only when a query needs the content."""
        if self._content is not content:
            self._content = content

    def title(self, tree_id: str, lang: str) -> str:
        """A tree's title in `lang` as `Texts.title` gives it; a symptom tree's is kept in the index, so
        showing a routing needs no content."""
        found = self.titles.get((lang, tree_id))
        return found if found is not None else Texts(self.content).title(tree_id, lang)

    # --- the compact form --------------------------------------------------------------

    def _compact(self, known: set[str]) -> None:
        """Turn the built bags into flat tables and arrays (see the class's attributes), after working out
        every phrase's mass: what a query reads is then what the cache holds (`guide.engine.routing.tables`)."""
        docs = list(self.docs.values())
        features = sorted(known) + sorted({f for p in self.phrases for f in p.bag} - known)
        if linear.switched_on():  # the regression also weighs words no tree's text has (figure: module docstring)
            features += sorted({f for _tree, bag, _lang in self._written for f in bag} - set(features))
        self.known = len(known)
        """How many of the features (the first ones) the trees use."""
        self.feature_ids = {feature: number for number, feature in enumerate(features)}
        self.doc_trees = [doc.tree for doc in docs]
        """The symptom trees, in the order of `counts`."""
        self.counts = array("d", bytes(8 * self.known * len(docs)))
        """Weighted count of feature f in tree t at ``t * known + f``."""
        for row, doc in enumerate(docs):
            base = row * self.known
            for feature, count in doc.bag.items():
                self.counts[base + self.feature_ids[feature]] = count
        self.totals = array("d", (sum(doc.bag.values()) for doc in docs))
        """Weighted count of all features of each tree, in the order of `counts` (`likelihoods`)."""
        self._votes = {}
        self._likelihoods = {}
        self._bayes_floors: list[float] | None = None
        self._regions: dict[str, frozenset] = {}
        self.linear = {lang: linear.train(self.linear_examples(lang), len(docs), len(features), linear.LINEAR_L2)
                       for lang in LANGS if linear.LINEAR_SHARE.get(lang)}
        """Language → the softmax regression's weights over the trees' features, classes in the order of
        `counts` (`guide.engine.routing.linear`), for the languages `linear.LINEAR_SHARE` blends it in."""
        for phrase in self.phrases:
            phrase.mass = sum(count * self.phrase_weight(f) for f, count in phrase.bag.items())
            phrase.informative = sum(count * self.weight(f) for f, count in phrase.bag.items())
        by_feature: list[list[tuple[int, float]]] = [[] for _ in features]
        for number, phrase in enumerate(self.phrases):
            for feature, amount in phrase.bag.items():
                by_feature[self.feature_ids[feature]].append((number, amount))
        self.postings_start = array("I", [0])
        """Phrases holding feature f: positions ``postings_start[f]`` to ``postings_start[f + 1]`` of
        `postings_phrase` (phrase numbers, ascending) and `postings_amount` (its weight there)."""
        self.postings_phrase = array("I")
        self.postings_amount = array("d")
        for entries in by_feature:
            for number, amount in entries:
                self.postings_phrase.append(number)
                self.postings_amount.append(amount)
            self.postings_start.append(len(self.postings_phrase))
        for doc in docs:
            doc.bag = None
        self.feature_ids = FeatureTable.of(features)
        """Feature → its number: the trees' features (`known`) first, then the phrases' others."""
        self.phrases = PhraseTable.of(self.phrases)
        """Phrase number → `Phrase` (its bag not kept)."""

    def linear_examples(self, lang: str) -> list[linear.Example]:
        """The training examples of the softmax regression of `lang` (`guide.engine.routing.linear`), one
        per text of that language.

        A text added to a symptom tree's bag is an example of that tree; a text
        of a shared sub-flow is divided between the trees that use it as its
        words are (`_affinity`), at `SUB_FLOW_WEIGHT`. Texts of other trees (the
        start menu) speak for no symptom and are left out. Each counts as its
        field's weight, and a field lighter than `linear.LEAST_FIELD_WEIGHT` not
        at all. A routing example counts `linear.REAL_WEIGHT`, a statement of the
        written corpus (`guide.engine.routing.written`) `linear.WRITTEN_WEIGHT`.
        """
        rows = {doc.tree: row for row, doc in enumerate(self.docs.values())}
        numbers = self.feature_ids
        found = []
        texts = [(tree_id, bag, weight) for tree_id, bag, weight, text_lang in self._examples if text_lang == lang
                 if weight is None or weight >= linear.LEAST_FIELD_WEIGHT]
        written = [(tree_id, bag, linear.WRITTEN_WEIGHT[lang]) for tree_id, bag, text_lang in self._written
                   if text_lang == lang]
        for tree_id, bag, weight in texts + written:
            if weight is None:  # a routing example
                weight = linear.REAL_WEIGHT
            if weight <= 0:
                continue
            if tree_id in rows:
                targets = {rows[tree_id]: 1.0}
            elif tree_id in self._lent:
                targets = {rows[user]: share for user, share in self._lent[tree_id].items()}
                weight *= SUB_FLOW_WEIGHT
            else:
                continue
            found.append(linear.Example(linear.values((numbers[feature], count) for feature, count in bag.items()
                                                      if feature in numbers), targets, weight))
        if linear.BALANCED:
            return linear.balanced(found)
        return found

    _TRANSIENT = ("_content", "_votes", "_likelihoods", "_bayes_floors", "_regions")
    """Attributes not written to the cache: the content (cached on its own) and what is worked out
    again on use."""
    _KEPT = ("taxonomy", "fold", "docs", "concluding", "mentions", "vocabulary", "known", "feature_ids", "doc_trees",
             "counts", "totals", "linear", "phrases", "postings_start", "postings_phrase", "postings_amount", "titles")
    """What a cached index must hold: a copy without any of them (an older form, a damaged file) is
    refused when read back (`__setstate__` raises ValueError) and the index is built again."""

    def __getstate__(self) -> dict:
        state = {name: value for name, value in vars(self).items() if name not in self._TRANSIENT}
        state["lexicon"] = load_lexicon()
        state["stems"] = known_stems()
        return state

    def __setstate__(self, state: dict) -> None:
        missing = [name for name in (*self._KEPT, "lexicon", "stems") if name not in state]
        if missing or not isinstance(state["feature_ids"], FeatureTable) \
                or not isinstance(state["phrases"], PhraseTable):
            raise ValueError(f"not a cached index of this version (missing {', '.join(missing) or 'tables'})")
        adopt_lexicon(state.pop("lexicon"))
        adopt_stems(state.pop("stems"))
        vars(self).update(state)
        self.content = None  # `cache.load_router_cached` sets the content set the index belongs to
        self._votes = {}
        self._likelihoods = {}
        self._bayes_floors = None
        self._regions = {}

    # --- building ------------------------------------------------------------

    def _add(self, tree_id: str, text: str, weight: float, surface: set[str] | None = None,
             real: bool = False) -> dict[str, float]:
        """Add the features of `text` to the bag of `tree_id` at `weight`, and keep the text as one training
        example of the tree in the language being added (`_examples`: at `weight`, or, `real` for a routing
        example, at `linear.REAL_WEIGHT`); returns the text's own features."""
        found = self._features_of(text, surface)
        bag = self._bags[tree_id]
        get = bag.get
        for feature, count in found.items():
            bag[feature] = get(feature, 0.0) + count * weight
        if found:
            self._examples.append((tree_id, found, None if real else weight, self._adding))
        return found

    def _features_of(self, text: str, surface: set[str] | None = None) -> dict[str, float]:
        """The features of one text (each text is read once), its Latin words added to `surface`."""
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
            self.docs[tree_id] = TreeDoc(tree_id, tree.symptom, start, bag)
        term = self.taxonomy.symptoms.get(tree.symptom or "")
        for lang in LANGS:
            self._adding = lang
            if term and term.names.get(lang):
                self.phrases.append(Phrase(tree_id, None, self._add(tree_id, term.names[lang],
                                                                     SYMPTOM_NAME_WEIGHT, surface)))
            tree_text = self.content.texts.get((lang, tree_id))
            if tree_text is None:
                continue
            self.phrases.append(Phrase(tree_id, None, self._add(tree_id, tree_text.title, TREE_TITLE_WEIGHT,
                                                                 surface)))
            for trigger in tree_text.triggers:
                self.phrases.append(Phrase(tree_id, None, self._add(tree_id, trigger, TREE_TRIGGER_WEIGHT,
                                                                     surface)))
            if tree.symptom:
                for example in self._routing_examples.get(lang, ()):
                    if example.tree == tree_id:
                        found = self._add(tree_id, example.text, EXAMPLE_WEIGHT, surface, real=True)
                        if EXAMPLE_PHRASES:
                            self.phrases.append(Phrase(tree_id, None, found))
            for node_id, words in tree_text.nodes.items():
                node = tree.nodes.get(node_id)
                if node is None:
                    continue
                title = self._add(tree_id, words.title, NODE_TITLE_WEIGHT, surface)
                self.phrases.append(Phrase(tree_id, node_id, title, trigger=False))
                for trigger in words.triggers:
                    self.phrases.append(Phrase(tree_id, node_id, self._add(tree_id, trigger,
                                                                            NODE_TRIGGER_WEIGHT, surface)))
                for text in (words.text, *words.audiences.values()):
                    self._add(tree_id, text, BODY_WEIGHT, surface)
                for label in words.answers.values():
                    self._add(tree_id, label, ANSWER_WEIGHT, surface)
                cause = self.taxonomy.causes.get(node.cause or "") if node.type == RESOLUTION else None
                if cause and cause.names.get(lang):
                    self._add(tree_id, cause.names[lang], CAUSE_NAME_WEIGHT, surface)

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
                self._adding = lang
                for node_id, node in tree.nodes.items():
                    words = self.content.text(lang, NodeRef(tree_id, node_id))
                    if words is None:
                        continue
                    if node_id in into:
                        target_id = into[node_id]
                        self.phrases.append(Phrase(target_id, None, self._add(
                            target_id, words.title, LINK_LABEL_WEIGHT, surface)))
                    for key, label in words.answers.items():
                        target_id = into.get(node.answers.get(key, ""))
                        if target_id:
                            self.phrases.append(Phrase(target_id, None, self._add(
                                target_id, label, LINK_LABEL_WEIGHT, surface)))
        for sub_flow, trees in users.items():
            lent = self._bags.get(sub_flow, {})
            shares = self._lent[sub_flow] = self._affinity(sub_flow, sorted(trees))
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

    def tree_region(self, tree_id: str) -> frozenset:
        """Every node reachable from a symptom tree's start, through links into sub-flows too (kept)."""
        found = self._regions.get(tree_id)
        if found is None:
            found = self._regions[tree_id] = self.region_of(self.docs[tree_id].start)
        return found

    def region_of(self, start: NodeRef) -> frozenset:
        """Every node reachable from `start`, through links into other trees too."""
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
        if found is not None:
            return found
        used = self.used_by(feature)
        if used is None:
            return None
        by_tree = [(self.doc_trees[row], tf) for row, tf in used]
        trees = len(self.doc_trees)
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

    def likelihoods(self, feature: str) -> tuple[tuple[int, float], ...] | None:
        """((row, log ratio), ...) for the trees (rows of `doc_trees`) that use `feature`, else None.

        The multinomial naive Bayes estimate over the same weighted bags the
        votes read: P(feature | tree) is the feature's count in the tree,
        smoothed with `BAYES_SMOOTHING`, over all the tree's counts. Dividing
        by the tree's own total is what the votes lack: a tree with much text
        does not thereby own the common words. A tree that never uses the
        feature has ``bayes_floors[row]`` (its log P); the log ratio is what a
        tree that uses it has above its floor. Worked out on first use and kept.
        """
        found = self._likelihoods.get(feature)
        if found is None:
            used = self.used_by(feature)
            if used is None:
                return None
            alpha = BAYES_SMOOTHING
            found = self._likelihoods[feature] = tuple((row, math.log((count + alpha) / alpha)) for row, count in used)
        return found

    def used_by(self, feature: str) -> list[tuple[int, float]] | None:
        """(row of `doc_trees`, weighted count) of each tree that uses `feature`; None for a feature no tree uses."""
        number = self.feature_ids.get(feature, self.known)
        if number >= self.known:
            return None
        counts, known = self.counts, self.known
        return [(row, count) for row in range(len(self.doc_trees)) if (count := counts[row * known + number])]

    @property
    def bayes_floors(self) -> list[float]:
        """log P(feature | tree) of a feature the tree never uses, for each row of `doc_trees` (`likelihoods`)."""
        if self._bayes_floors is None:
            alpha, known = BAYES_SMOOTHING, self.known
            self._bayes_floors = [math.log(alpha / (total + alpha * known)) for total in self.totals]
        return self._bayes_floors

    def knows(self, feature: str) -> bool:
        """Whether some tree uses `feature`."""
        return self.feature_ids.get(feature, self.known) < self.known

    def weight(self, feature: str) -> float:
        """How much a feature tells the trees apart (0..1; 0 for a feature no tree uses)."""
        found = self.vote(feature)
        return found[0] if found else 0.0

    def phrase_weight(self, feature: str) -> float:
        """How much a feature of a phrase counts towards containing it (common features count a little)."""
        return PHRASE_FLOOR + self.weight(feature)


    # --- reading a text ---------------------------------------------------

    def query_bag(self, text: str) -> dict[str, float]:
        """The features of `text` as the index knows them: misspellings mapped, codes added."""
        folded = self.fold(text)
        bag = features(folded)
        for run in latin_words(folded):
            for word in run:
                if len(word) < 5 or self.knows("w:" + stem(word)):
                    continue
                closest = self.vocabulary.closest(word)
                if closest:
                    key = "w:" + stem(closest)
                    bag[key] = bag.get(key, 0.0) + FUZZY_WEIGHT
        for hit in find_codes(text):
            key = "#" + hit.normalised
            bag[key] = bag.get(key, 0.0) + QUERY_CODE_WEIGHT
        return bag

    def contained(self, bag: Mapping[str, float]) -> list[tuple[Phrase, float, float]]:
        """(phrase, share of it in `bag`, informative weight of that share) for every phrase `bag` touches."""
        shared: dict[int, list[float]] = {}
        starts, numbers, amounts = self.postings_start, self.postings_phrase, self.postings_amount
        for feature in bag:
            number = self.feature_ids.get(feature)
            if number is None:
                continue
            weight = self.weight(feature)
            for at in range(starts[number], starts[number + 1]):
                amount = amounts[at]
                entry = shared.setdefault(numbers[at], [0.0, 0.0])
                entry[0] += amount * (PHRASE_FLOOR + weight)
                entry[1] += amount * weight
        found = []
        for index, (amount, informative) in shared.items():
            phrase = self.phrases[index]
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
