"""Free text at a question: which answer, if any, a reply clearly means.

An answer is described by its label in each language, and a little less by the
title and triggers of the node it leads to. A feature counts by how few answers
share it; the answer's score mixes how much of the reply a description explains
(`ANSWER_PRECISION`) with how much of the description the reply holds, and
`match_answer` chooses only an answer clearly ahead (`ANSWER_MATCH`,
`ANSWER_MARGIN`); otherwise the UI moves to the router's best candidate.
Japanese kanji count one by one too (朝 in 毎朝 meets 朝 in 朝いちばん), as
everywhere (`lexical.KANJI_WEIGHT`). See
`guide.engine.routing.index` for where the figures come from.
"""

from __future__ import annotations

import math

from guide.engine.model import NodeRef
from guide.engine.routing.index import LANGS, Index

ANSWER_MATCH = 0.4
"""Score an answer needs for free text to choose it (`match_answer`).
Figure: 15/15 shipped replies right (15/15 halved, 12/15 doubled)."""
ANSWER_MARGIN = 0.2
"""How far ahead of the next answer the chosen one must be.
Figure: 15/15 shipped replies right (14/15 halved, 14/15 doubled)."""
ANSWER_PRECISION = 0.7
"""In an answer's score, the weight of how much of the reply it explains (the rest: how much of it the reply holds).
Figure: 15/15 shipped replies right (15/15 halved, 15/15 doubled)."""
ANSWER_MIN_EVIDENCE = 1.0
"""How much telling weight of the reply a description must explain to count at all.
Figure: 15/15 shipped replies right (15/15 halved, 15/15 doubled)."""
ANSWER_UNKNOWN_SHARE = 0.25
"""How much a word of the reply that no answer uses counts against the answers explaining it.
Figure: 15/15 shipped replies right (15/15 halved, 15/15 doubled)."""


def rank_answers(index: Index, described_at: dict, ref: NodeRef, text: str) -> list[tuple[str, float]]:
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
    described = described_at.get(ref)
    if described is None:
        described = described_at[ref] = describe_answers(index, ref)
    if not described:
        return []
    spread: dict[str, int] = {}
    for descriptions in described.values():
        for feature in set().union(*(bag for bag, _ in descriptions)):
            spread[feature] = spread.get(feature, 0) + 1
    count = len(described)
    telling = {feature: math.log(1 + count / answers) for feature, answers in spread.items()}
    reply = index.query_bag(text)
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

def match_answer(index: Index, described_at: dict, ref: NodeRef, text: str) -> str | None:
    """The answer `text` clearly chooses at `ref` (`ANSWER_MATCH` ahead by `ANSWER_MARGIN`), else None."""
    ranked = rank_answers(index, described_at, ref, text)
    if not ranked or ranked[0][1] < ANSWER_MATCH:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < ANSWER_MARGIN:
        return None
    return ranked[0][0]

def describe_answers(index: Index, ref: NodeRef) -> dict[str, list[tuple[dict[str, float], float]]]:
    """Answer key → [(features, trust)]: its labels (trust 1) and where it leads (less)."""
    node = index.content.node(ref)
    described: dict[str, list[tuple[dict[str, float], float]]] = {}
    for key, target in node.answers.items():
        texts: list[tuple[str, float]] = []
        for lang in LANGS:
            words = index.content.text(lang, ref)
            if words and key in words.answers:
                texts.append((words.answers[key], 1.0))
            leads = index.content.text(lang, NodeRef(ref.tree, target))
            if leads:
                texts += [(leads.title, 0.7), *((trigger, 0.85) for trigger in leads.triggers)]
        described[key] = [(bag, trust) for text, trust in texts if (bag := index.query_bag(text))]
    return described
