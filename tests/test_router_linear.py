"""The router's softmax regression (`guide.engine.routing.linear`): what it learns from toy examples,
that it learns the same every time, and what its L2 penalty does."""

from __future__ import annotations

import math

import numpy as np
import pytest

from guide.engine.routing.fitting import minimise
from guide.engine.routing.linear import Example, Weights, balanced, probabilities, train


def toy(shared: float = 1.0) -> list[Example]:
    """Two classes: feature 0 only in class 0, feature 1 only in class 1, feature 2 in both alike."""
    return [Example({0: 1.0, 2: shared}, {0: 1.0}, 1.0), Example({1: 1.0, 2: shared}, {1: 1.0}, 1.0),
            Example({0: 0.5}, {0: 1.0}, 2.0), Example({1: 0.5}, {1: 1.0}, 2.0)]


def chances(weights: Weights, values: dict[int, float]) -> list[float]:
    return probabilities(weights.logits(values.items()))


def test_separable_examples_are_told_apart():
    weights = train(toy(), classes=2, features=3, l2=1e-4)
    assert chances(weights, {0: 1.0})[0] > 0.95
    assert chances(weights, {1: 1.0})[1] > 0.95


def test_a_word_both_classes_use_alike_does_not_separate_them_and_is_not_kept():
    weights = train(toy(), classes=2, features=3, l2=1e-3)
    assert list(weights.columns) == [0, 1]  # its weights hardly differ (`NEGLIGIBLE_SPREAD`)
    assert chances(weights, {2: 1.0}) == pytest.approx([0.5, 0.5], abs=1e-3)


def test_with_every_feature_kept_a_shared_word_weighs_the_same_for_each_class(monkeypatch):
    from guide.engine.routing import linear

    monkeypatch.setattr(linear, "NEGLIGIBLE_SPREAD", 0.0)
    weights = train(toy(), classes=2, features=3, l2=1e-3)
    assert list(weights.columns) == [0, 1, 2]
    assert weights.coef[2 * 2 + 0] == pytest.approx(weights.coef[2 * 2 + 1], abs=1e-3)


def test_training_is_deterministic():
    first, second = (train(toy(), classes=2, features=3, l2=1e-3) for _ in range(2))
    assert first.coef.tobytes() == second.coef.tobytes() and first.bias.tobytes() == second.bias.tobytes()


def test_a_larger_penalty_gives_smaller_weights_and_milder_probabilities():
    loose, strict = (train(toy(), classes=2, features=3, l2=l2) for l2 in (1e-4, 1e-1))
    norm = lambda weights: math.sqrt(sum(value * value for value in weights.coef))  # noqa: E731
    assert norm(strict) < norm(loose)
    assert 0.5 < chances(strict, {0: 1.0})[0] < chances(loose, {0: 1.0})[0]


def test_a_text_divided_between_classes_is_learnt_as_divided():
    weights = train([Example({0: 1.0}, {0: 0.7, 1: 0.3}, 1.0)], classes=2, features=1, l2=1e-6)
    assert chances(weights, {0: 1.0}) == pytest.approx([0.7, 0.3], abs=0.01)


def test_features_outside_the_model_and_empty_examples_are_ignored():
    weights = train(toy() + [Example({}, {0: 1.0}, 5.0)], classes=2, features=3, l2=1e-3)
    assert weights.logits([(7, 1.0), (-1, 1.0)]) == list(weights.bias)
    assert train([], classes=2, features=3, l2=1e-3).logits([(0, 1.0)]) == [0.0, 0.0]


def test_only_the_features_some_example_has_are_kept():
    weights = train([Example({1: 1.0}, {0: 1.0}, 1.0), Example({4: 1.0}, {1: 1.0}, 1.0)], classes=2,
                    features=9, l2=1e-3)
    assert list(weights.columns) == [1, 4] and len(weights.coef) == 2 * 2
    assert weights.logits([(2, 1.0)]) == list(weights.bias)
    assert chances(weights, {4: 1.0})[1] > 0.5


def test_classes_are_balanced_keeping_the_total_weight():
    examples = [Example({0: 1.0}, {0: 1.0}, 3.0), Example({1: 1.0}, {1: 1.0}, 1.0),
                Example({0: 1.0}, {0: 1.0}, 2.0)]
    found = balanced(examples)
    by_class = [sum(example.weight * example.targets.get(number, 0.0) for example in found) for number in (0, 1)]
    assert by_class[0] == pytest.approx(by_class[1])
    assert sum(example.weight for example in found) == pytest.approx(6.0)


def test_minimise_finds_a_quadratic_minimum():
    scale = np.array([1.0, 10.0, 100.0])
    target = np.array([1.0, -2.0, 3.0])

    def loss(point):
        return float(scale @ (point - target) ** 2) / 2, scale * (point - target)

    assert minimise(np, loss, np.zeros(3), iterations=100) == pytest.approx(target, abs=1e-5)


# --- in the router ----------------------------------------------------------------------

def small_content():
    from support import FIXTURES

    from guide.engine.loader import load_content

    return load_content(FIXTURES / "router" / "trees", FIXTURES / "router" / "content").content


def test_the_router_leaves_the_regression_out_at_share_zero(monkeypatch):
    from guide.engine.router import Router
    from guide.engine.routing import linear

    monkeypatch.setattr(linear, "LINEAR_SHARE", {"en": 0.0, "ja": 0.0})
    assert Router(small_content()).linear == {}


def test_switched_on_the_regression_is_trained_on_the_trees_texts_and_blended(monkeypatch):
    import pickle

    from guide.engine.router import Router
    from guide.engine.routing import linear
    from guide.engine.routing.ranking import linear_scores

    content = small_content()
    monkeypatch.setattr(linear, "LEAST_FIELD_WEIGHT", 0.0)  # every text of the trees is an example
    monkeypatch.setattr(linear, "LINEAR_SHARE", {"en": 0.0, "ja": 0.0})
    without = Router(content)
    monkeypatch.setattr(linear, "LINEAR_SHARE", {"en": 0.25, "ja": 0.25})
    router = Router(content)
    assert set(router.linear) == {"en", "ja"}  # one model per language
    assert isinstance(router.linear["en"], Weights) and router.linear["en"].classes == len(router.doc_trees)
    assert router.linear["en"].coef.tobytes() == Router(content).linear["en"].coef.tobytes()
    moved = 0
    for (lang, tree_id), words in content.texts.items():
        if tree_id not in router.docs:
            continue
        for trigger in words.triggers:
            chances = linear_scores(router, router.query_bag(trigger), lang)
            assert sum(chances.values()) == pytest.approx(1.0)
            assert max(chances, key=chances.get) == tree_id  # a text it was trained on
            moved += router.route(trigger, lang).candidates[0].score != without.route(trigger, lang).candidates[0].score
    assert moved  # blended into the scores
    copy = pickle.loads(pickle.dumps(router.linear["ja"]))  # cached with the index
    assert (copy.coef.tobytes(), copy.bias.tobytes()) == (router.linear["ja"].coef.tobytes(),
                                                          router.linear["ja"].bias.tobytes())


def test_written_statements_teach_the_regression_only(monkeypatch):
    """A statement of the written corpus is a training example of the regression, its words weighed even where
    no tree uses them, and never part of a tree's counts (the votes and naive Bayes do not see it)."""
    from guide.engine.router import Router
    from guide.engine.routing import linear, written
    from guide.engine.routing.ranking import linear_scores
    from guide.engine.routing.written import Written

    content = small_content()
    monkeypatch.setattr(linear, "LINEAR_SHARE", {"en": 0.4, "ja": 0.4})
    monkeypatch.setattr(written, "load_written", lambda: {})
    without = Router(content)
    tree = without.doc_trees[-1]
    monkeypatch.setattr(written, "load_written",
                        lambda: {"en": (Written(tree, "the zorblax gizmo keeps beeping", "user", 1),), "ja": ()})
    router = Router(content)
    assert router.counts.tobytes() == without.counts.tobytes() and router.known == without.known
    assert not router.knows("w:zorblax") and router.feature_ids.get("w:zorblax") is not None
    chances = linear_scores(router, router.query_bag("zorblax"), "en")
    assert max(chances, key=chances.get) == tree
    monkeypatch.setattr(linear, "WRITTEN_WEIGHT", {"en": 0.0, "ja": 0.0})  # the corpus left out
    assert Router(content).feature_ids.get("w:zorblax") is None

