"""A discriminative scorer for the router: multinomial logistic regression learnt from real wording.

The votes and naive Bayes of `guide.engine.routing.ranking` weigh a word by how
the content uses it, and real statements are long and full of words every tree
shares: real wording added to the trees' bags as count examples did not help.
A softmax regression learns instead which features *separate* the trees in
real wording: it is trained on the lines of real wording (the routing examples
and the lines only it learns from, `guide.engine.routing.examples`), each one
`Example` labelled with its tree (`Index.linear_examples`), and a word every
tree's lines use gets about the same weight in each and so does not move the
ranking. Its probability takes a share of the votes' part of a tree's word
score (`LINEAR_SHARE`, per language).

`train` fits the weights when the index is built (the index is cached), with
numpy (`guide.engine.routing.fitting`); the result is plain `array` rows of the
features the lines have, so a query (`Weights.logits`) needs no numpy. The loss
is the examples' weighted cross-entropy plus an L2 penalty (`LINEAR_L2`) on the
feature weights, which keeps a feature seen in one line from deciding alone and
makes the fit unique: the same examples always give the same weights (training
starts from zero and does the same steps in the same order).

Every figure below is from ``python benchmarks/bench_learn.py``: "CV" routes
each quarter of the real lines (by a hash of the text) with a router built
without it (en 352 lines, ja 113); tune, eval and own are the development
statement sets (never training data); leave-out is `benchmarks/leave_out.py`.
The router of main (routing examples as count examples, no regression): CV en
73.6%, ja 74.3%; tune en 87/101, ja 99/108; eval en 19/21, ja 7/7; own 49/49,
42/42; leave-out en 72.7%, ja 79.7%. As shipped (English only): CV en 76.1%,
tune en 89/101, eval en 20/21, leave-out en 72.7%; Japanese unchanged. (The
figures of the other constants were measured on the content before main's
trigger changes of 79d9781, where main gave CV en 71.9%, tune en 87, tune ja 98,
leave-out en 71.7%, and the shipped router 75.6%, 88, 98, 71.6%.) Trained
on the trees' own texts as well (as first tried, leave-out only), on triggers
and titles besides the lines, or with the lines as count examples too, it did
less on every set. The words only the lines use (no tree's text has them) are
weighed too, added to the index's feature table: without them CV en 75.9%, tune
en 86, eval 20.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from typing import Iterable, Mapping, Sequence

LINEAR_SHARE = {"en": 0.0, "ja": 0.0}
"""Language → how much of a tree's word score is its regression probability, taken from the votes' part
(`ranking.word_scores`); 0 leaves the regression out for that language (and its lines untrained). Figure
(English: CV, tune, eval; main 73.6%, 87/101, 19/21): at 0.4 76.1%, 89, 20; halved 74.1%, 89, 19; doubled
74.4%, 82, 20; before 79d9781 at 0.5 75.3%, 84, 20, and at L2 1e-3 the tune half peaked at 0.2 (89) and
fell past 0.4 (85).
Japanese stays 0: its 113 lines are too few, the regression is sure of the wrong tree on a few statements
(at 0.1 beside English 0.4, CV ja 77.9% against 74.3%, but tune ja 96/108 against 98; at 0.25 78.8%, 95)."""
LINEAR_L2 = 2e-3
"""L2 penalty on the regression's feature weights, per unit of example weight (the examples' weights add
up to 1). Figure at share 0.4 (English CV, tune, eval): 75.6%, 88/101, 20/21; halved 75.9%, 85, 20;
doubled 74.1%, 87, 19; at 5e-4 75.6%, 86, 19."""
REAL_WEIGHT = 1.0
"""How much a line of real wording (a routing example, `guide.engine.routing.examples`) counts in the
regression's loss, against its field's weight for a text of the content (`index`: a trigger 4, node text
0.25). With the content's texts left out (`LEAST_FIELD_WEIGHT`) every example weighs this, so its value
does not matter; with every text in, 1, 4 and 16 were measured (see the module docstring)."""
LEAST_FIELD_WEIGHT = 2.0
"""The content's texts of fields weighing less than this (`index`: a trigger 4, node text 0.25) are not
training examples of the regression; the real lines always are. Infinite: the real lines alone. Figure
(both languages at share 0.25, L2 1e-3, lines as count examples too; CV en, ja, tune en, ja): the lines
alone 75.6%, 78.8%, 86, 95; with every text of the content, lines at weight 8, 74.1%, 77.0%, 86, 96; with
the triggers, titles and link labels (2 and over), lines at 16, 73.9%, 77.0%, 86, 97."""
BALANCED = True
"""Whether each tree's examples are scaled to the same total weight in the loss (`balanced`), so that the
trees the lines happen to speak of most do not win by their number. Figure at share 0.4, L2 2e-3 (English
CV, tune, eval): 75.6%, 88/101, 20/21; unbalanced 75.3%, 86, 19."""
WRITTEN_WEIGHT = 1.0
"""How much a statement of the written corpus (`guide.engine.routing.written`) counts in the regression's
loss; 0 leaves the corpus out."""
ITERATIONS = 200
"""At most this many L-BFGS steps (`fitting.minimise`); the fit settles in well under a hundred."""


def switched_on() -> bool:
    """Whether the regression is trained and blended in for some language (`LINEAR_SHARE`)."""
    return any(LINEAR_SHARE.values())


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
    """A fitted model, kept compact: only the features some example has (`columns`, ascending), the
    weight of the k-th of them for class c at ``k * classes + c``, and one bias per class."""

    __slots__ = ("classes", "columns", "coef", "bias")

    def __init__(self, classes: int, columns: array, coef: array, bias: array) -> None:
        self.classes = classes
        """How many classes (trees), in the index's order (`Index.doc_trees`)."""
        self.columns = columns
        """``array('I')``: the feature numbers the model weighs, ascending."""
        self.coef = coef
        """``array('f')``: the weights, feature by feature (`classes` per feature)."""
        self.bias = bias
        """``array('d')``: each class's bias."""

    def logits(self, values: Iterable[tuple[int, float]]) -> list[float]:
        """Each class's logit for a text given as (feature number, value) pairs; numbers the model does
        not weigh are ignored."""
        found = list(self.bias)
        columns, coef, classes = self.columns, self.coef, self.classes
        for number, value in values:
            at = bisect_left(columns, number)
            if at < len(columns) and columns[at] == number:
                base = at * classes
                for row in range(classes):
                    found[row] += value * coef[base + row]
        return found


def balanced(examples: Sequence[Example]) -> list[Example]:
    """`examples` reweighted so that every class's examples weigh the same in all, the total weight kept
    (exactly so for examples of one class each; a divided one is scaled by its classes' factors, each by
    its share)."""
    totals: dict[int, float] = {}
    for example in examples:
        for number, share in example.targets.items():
            totals[number] = totals.get(number, 0.0) + share * example.weight
    mean = sum(totals.values()) / len(totals) if totals else 0.0
    return [Example(example.features, example.targets,
                    example.weight * sum(share * mean / totals[number] for number, share in example.targets.items()))
            for example in examples]


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
        return Weights(classes, array("I"), array("f"), array("d", bytes(8 * classes)))
    used = sorted({number for example in rows for number in example.features if 0 <= number < features})
    column = {number: at for at, number in enumerate(used)}
    features = len(used)
    matrix = SparseRows(np, [{column[number]: value for number, value in example.features.items()
                              if number in column} for example in rows], features)
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
    return Weights(classes, array("I", used), array("f", found[:size].tolist()), array("d", found[size:].tolist()))
