"""The remediation action registry: one list of actions for trees, checks and every interface.

Trees and check findings name actions by id with string parameters and never
carry a command. This package knows each action's audience, effect and typed
parameters; validates parameter values against allow-lists so nothing can be
injected into a command; renders the steps and exact commands in Japanese or
English for a user, an agent or an administrator (an end user gets a ready
request to IT for what they cannot do); and runs the few commands that can
run, on Windows only, after explicit confirmation, without a shell.

Public API::

    REGISTRY                      id -> ActionSpec
    validate_params(id, params)   -> list of English problems
    render(id, params, lang, audience="user") -> RenderedAction
    run_action(id, params, *, confirm, platform, runner) -> RunResult
    registry_json()               -> {"actions": [...]} (guide actions --json)
"""

from guide.engine.actions.registry import (
    REGISTRY,
    ActionError,
    lookup,
    registry_json,
    validate_params,
)
from guide.engine.actions.render import Command, RenderedAction, render, unrendered
from guide.engine.actions.run import STATUSES, RunResult, run_action
from guide.engine.actions.spec import (
    AUDIENCES,
    EFFECTS,
    LANGS,
    SHELLS,
    ActionSpec,
    ParamSpec,
)

__all__ = [
    "AUDIENCES", "EFFECTS", "LANGS", "SHELLS", "STATUSES", "REGISTRY",
    "ActionError", "ActionSpec", "Command", "ParamSpec", "RenderedAction", "RunResult",
    "lookup", "registry_json", "render", "run_action", "unrendered", "validate_params",
]
