"""The one registry of remediation actions, shared by trees, checks and every interface.

Trees and findings name actions by id with string parameters; this module
says whether such a reference is valid and lists the registry for
``guide actions --json``.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from guide.engine.actions.catalog import ACTIONS
from guide.engine.actions.params import check_params
from guide.engine.actions.spec import ActionSpec
from guide.engine.errors import GuideError


class ActionError(GuideError):
    """An action that does not exist, or parameters that are not valid for it.

    Attributes:
        problems: Every problem found, one English sentence each.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(problems))


def _index(actions: tuple[ActionSpec, ...]) -> Mapping[str, ActionSpec]:
    index: dict[str, ActionSpec] = {}
    for spec in actions:
        if spec.id in index:
            raise ValueError(f"action {spec.id!r} is declared twice")
        index[spec.id] = spec
    return MappingProxyType(index)


REGISTRY: Mapping[str, ActionSpec] = _index(ACTIONS)
"""Action id → its declaration, in registry order (read-only)."""


def lookup(action_id: str) -> ActionSpec:
    """The action called `action_id`.

    Raises:
        ActionError: When there is no such action.
    """
    spec = REGISTRY.get(action_id)
    if spec is None:
        raise ActionError([_unknown(action_id)])
    return spec


def _unknown(action_id: object) -> str:
    return f"unknown action {action_id!r}; see `guide actions`"


def validate_params(action_id: str, params: Mapping[str, str], *, complete: bool = False) -> list[str]:
    """Problems with an action reference, in English; empty when it is valid.

    Reports an unknown action, unknown parameters, missing required
    parameters and invalid values (anything outside a kind's allow-list, such
    as ``&``, ``|``, ``;``, backticks, ``$(``, quotes, ``%``, ``<``, ``>`` or a
    newline).

    Args:
        action_id: The action id.
        params: Parameter name → value.
        complete: Also require the parameters a command needs, so that none
            is left as a placeholder (what running the command requires).
    """
    spec = REGISTRY.get(action_id)
    if spec is None:
        return [_unknown(action_id)]
    return check_params(spec, params, complete=complete)


def registry_json() -> dict:
    """``{"actions": [{"id", "audience", "effect", "params", ...}]}`` for ``guide actions --json``.

    ``params`` lists the parameter names (CONTRACT.md); ``parameters`` adds
    their kinds, choices and descriptions, and ``title`` and ``self_service``
    are extra fields.
    """
    return {"actions": [{
        "id": spec.id,
        "audience": spec.audience,
        "effect": spec.effect,
        "params": [param.name for param in spec.params],
        "title": dict(spec.title),
        "self_service": spec.self_service,
        "parameters": [param.as_json() for param in spec.params],
    } for spec in REGISTRY.values()]}
