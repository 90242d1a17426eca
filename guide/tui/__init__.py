"""The Textual terminal UI of `guide` (the engine never imports it).

`make_app` builds the application (CLI, tests, `guide serve`); `run` is what
`guide tui` calls. Screens live in `guide.tui.screens`, widgets in
`guide.tui.widgets`. Everything they show comes from the facade
(`guide.engine.service`): words from `Guide.words`, what the conversation
screen draws from `Conversation.view()`, plain data.
"""

from __future__ import annotations

__all__ = ["make_app", "run"]


def __getattr__(name: str):
    """Import the app lazily, so `guide.tui.matching` and friends load without Textual's start-up cost."""
    if name in __all__:
        from guide.tui import app

        return getattr(app, name)
    raise AttributeError(name)
