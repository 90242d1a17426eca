"""A discriminative scorer for the router: multinomial logistic regression over its feature bags.

The votes and naive Bayes of `guide.engine.routing.ranking` count how often each
tree uses a feature, so a word several trees use (サインイン, "sign in") still
votes, and adding wording to one tree moves every shared word's vote. A softmax
regression learns instead which features *separate* the trees: trained on the
index's own pieces of text (each trigger phrase, title, node text ... one
`Example` labelled with its tree, `Index.linear_examples`), a word every tree
uses gets about the same weight in each and so does not move the ranking.

`train` fits the weights when the index is built (the index is cached), with
numpy (`guide.engine.routing.fitting`); the result is plain `array` rows, so a
query (`Weights.logits`) needs no numpy. The loss is the examples' weighted
cross-entropy plus an L2 penalty (`LINEAR_L2`) on the feature weights, which
keeps a feature seen in one example from deciding alone and makes the fit
unique: the same examples always give the same weights (training starts from
zero and does the same steps).

Measured and not kept (`LINEAR_SHARE` is 0: nothing is trained or scored): on
the leave-out check the regression alone routes fewer left-out triggers than the
count-based scores (ja 78.4%, en 66.6% against 79.4%, 71.7%), and blended in it
adds under a point of leave-out while the tune half falls
(``python benchmarks/bench_linear.py`` prints every variant).
"""

from __future__ import annotations

import math
from array import array
from typing import Iterable, Mapping, Sequence

LINEAR_SHARE = 0.0
"""How much of a tree's word score is its regression probability, taken from the votes' part
(`ranking.word_scores`); 0 leaves the regression out (nothing trained). Figure at L2 1e-3, leave-out ja/en
and tune ja/en (79.4%, 71.7%, 94/101, 72/79 at 0): 0.1 gives 79.8%, 71.6%, 93, 72; 0.25 gives 80.1%, 71.6%,
90, 72; 0.4 gives 80.6%, 71.5%, 90, 71; the regression alone 78.4%, 66.6%, 86, 64."""
LINEAR_L2 = 1e-3
"""L2 penalty on the regression's feature weights, per unit of example weight. Figure at share 0.25,
leave-out ja/en and tune ja/en: 80.1%, 71.6%, 90, 72 (1e-4: 79.9%, 71.9%, 92, 70; 3e-3: 79.9%, 71.4%, 92, 73)."""
ITERATIONS = 200
"""At most this many L-BFGS steps (`fitting.minimise`); the fit settles in well under a hundred."""


class Example:
    """One piece of training text: its features, the trees it speaks for, and how much it counts.

    (Plain classes here, not dataclasses: this module is imported on every query, and making a
    dataclass costs about a millisecond.)"""

    __slots__ = ("features", "targets", "weight")

    def __init__(self, features: Mapping[int, float], targets: Mapping[int, float], weight: float) -> None:
        self.features = features
        """Feature number → value (`values`)."""
        self.targets = targets
        """Class number → probability (adding up to 1): one tree, or a shared text divided between trees."""
        self.weight = weight
        """How much the example counts in the loss (its field's weight)."""


class Weights:
    """A fitted model: the weight of feature f for class c at ``c * features + f``, and one bias per class."""

    __slots__ = ("classes", "features", "coef", "bias")

    def __init__(self, classes: int, features: int, coef: array, bias: array) -> None:
        self.classes, self.features, self.coef, self.bias = classes, features, coef, bias

    def logits(self, values: Iterable[tuple[int, float]]) -> list[float]:
        """Each class's logit for a text given as (feature number, value) pairs; numbers outside the
        model are ignored."""
        found = list(self.bias)
        coef, width = self.coef, self.features
        for number, value in values:
            if 0 <= number < width:
                for row in range(self.classes):
                    found[row] += value * coef[row * width + number]
        return found


def values(pairs: Iterable[tuple[int, float]]) -> dict[int, float]:
    """A text's (feature number, weighted count) pairs as the model reads them: log(1 + count), as loud
    as the votes hear a feature (`ranking.votes_of`)."""
    return {number: math.log1p(count) for number, count in pairs}


def probabilities(logits: Sequence[float]) -> list[float]:
    """Softmax of `logits` (adding up to 1)."""
    top = max(logits)
    exps = [math.exp(value - top) for value in logits]
    total = sum(exps)
    return [value / total for value in exps]


def train(examples: Sequence[Example], classes: int, features: int, l2: float,
          iterations: int = ITERATIONS) -> Weights:
    """Fit softmax regression to `examples`: L2 penalty `l2` on the feature weights, biases free.

    The loss is the weighted mean cross-entropy (weights normalised to add up to
    1) plus ``l2 / 2`` times the squared feature weights, minimised from all
    weights zero (`fitting.minimise`). Examples without features or weight are skipped.
    """
    import numpy as np  # building the index only: a query reads `Weights` as plain arrays

    from guide.engine.routing.fitting import SparseRows, minimise

    rows = [example for example in examples if example.features and example.weight > 0]
    if not rows or classes < 1:
        return Weights(classes, features, array("d", bytes(8 * classes * features)), array("d", bytes(8 * classes)))
    matrix = SparseRows(np, [example.features for example in rows], features)
    targets = np.zeros((len(rows), classes))
    for at, example in enumerate(rows):
        for number, share in example.targets.items():
            targets[at, number] = share
    weight = np.fromiter((example.weight for example in rows), dtype=np.float64, count=len(rows))
    weight /= weight.sum()
    size = classes * features

    def loss(flat):
        coef = flat[:size].reshape(features, classes)
        logits = matrix.times(coef) + flat[size:]
        logits -= logits.max(axis=1, keepdims=True)
        exps = np.exp(logits)
        total = exps.sum(axis=1, keepdims=True)
        value = float(np.einsum("i,i", weight, np.log(total[:, 0]) - (targets * logits).sum(axis=1)))
        value += 0.5 * l2 * float(np.einsum("i,i", flat[:size], flat[:size]))
        error = (exps / total - targets) * weight[:, None]
        gradient = matrix.transposed_times(error) + l2 * coef
        return value, np.concatenate((gradient.ravel(), error.sum(axis=0)))

    found = minimise(np, loss, np.zeros(size + classes), iterations)
    coef = found[:size].reshape(features, classes).T.ravel()
    return Weights(classes, features, array("d", coef.tolist()), array("d", found[size:].tolist()))
