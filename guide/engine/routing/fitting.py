"""Numerical tools for fitting the router's softmax regression (`guide.engine.routing.linear`), in numpy.

Only building the index uses them, and only when the regression is switched on
(`linear.LINEAR_SHARE`): numpy is passed in by the caller, never imported at
module level, so a query never loads it. `SparseRows` is a sparse matrix held
as (row, column, value) entries; `minimise` is L-BFGS with a backtracking line
search. Both do the same arithmetic in the same order every time, so a fit is
reproducible.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence


class SparseRows:
    """A sparse matrix of `width` columns given row by row: products by segment sums and bincounts."""

    def __init__(self, np: Any, rows: Sequence[Mapping[int, float]], width: int) -> None:
        """`rows`: column → value for each row; every row must have at least one entry."""
        self.np, self.width = np, width
        lengths = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
        self.columns = np.fromiter((column for row in rows for column in row), dtype=np.int64)
        self.values = np.fromiter((value for row in rows for value in row.values()), dtype=np.float64)
        self.rows = np.repeat(np.arange(len(rows)), lengths)
        self.starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))

    def times(self, dense: Any) -> Any:
        """This matrix times `dense` (width × k): rows × k."""
        return self.np.add.reduceat(self.values[:, None] * dense[self.columns], self.starts, axis=0)

    def transposed_times(self, dense: Any) -> Any:
        """This matrix's transpose times `dense` (rows × k): width × k."""
        np = self.np
        spread = self.values[:, None] * dense[self.rows]
        return np.stack([np.bincount(self.columns, spread[:, k], minlength=self.width)
                         for k in range(dense.shape[1])], axis=1)


def minimise(np: Any, loss: Callable[[Any], tuple[float, Any]], start: Any, iterations: int,
             memory: int = 10, tolerance: float = 1e-6) -> Any:
    """The minimum of a smooth convex `loss` (returning value and gradient) by L-BFGS from `start`.

    Each step goes along the quasi-Newton direction of the last `memory` steps,
    halved until the loss falls enough (Armijo). Stops after `iterations`
    steps, or when a step lowers the loss by less than `tolerance` of its value.
    Dot products go through ``einsum``, not BLAS: on a busy machine BLAS threads
    mostly wait on each other for vectors of this size.
    """

    def dot(a: Any, b: Any) -> float:
        return float(np.einsum("i,i", a, b))

    point = start
    value, grad = loss(point)
    steps: list = []
    for _ in range(iterations):
        direction = -grad
        alphas = []
        for change, turn, rho in reversed(steps):
            alpha = rho * dot(change, direction)
            alphas.append(alpha)
            direction -= alpha * turn
        if steps:
            change, turn, _rho = steps[-1]
            direction *= dot(change, turn) / dot(turn, turn)
        else:
            direction /= max(1.0, float(np.abs(grad).max()))
        for (change, turn, rho), alpha in zip(steps, reversed(alphas)):
            direction += (alpha - rho * dot(turn, direction)) * change
        slope = dot(grad, direction)
        if slope >= 0:  # not a descent direction: forget the memory
            steps.clear()
            direction, slope = -grad, -dot(grad, grad)
        size = 1.0
        while True:
            moved = point + size * direction
            new_value, new_grad = loss(moved)
            if new_value <= value + 1e-4 * size * slope or size < 1e-10:
                break
            size *= 0.5
        change, turn = moved - point, new_grad - grad
        curvature = dot(change, turn)
        if curvature > 1e-12:
            steps.append((change, turn, 1.0 / curvature))
            del steps[:-memory]
        settled = value - new_value <= tolerance * abs(value)
        point, value, grad = moved, new_value, new_grad
        if settled:
            break
    return point
