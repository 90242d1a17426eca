"""The Textual terminal UI of `guide` (the engine never imports it).

`make_app` builds the application (CLI, tests, `guide serve`); `run` is what
`guide tui` calls. Screens live in `guide.tui.screens`, widgets in
`guide.tui.widgets`. Everything they show comes from the facade
(`guide.engine.service`): words from `Guide.words`, what the conversation
screen draws from `Conversation.view()`, plain data.
"""

from __future__ import annotations

__all__ = ["GuideApp", "ExportScreen", "make_app", "run"]
"""The UI's public API (what `guide serve` and the CLI may use; import-linter holds them to it)."""

_HOMES = {"GuideApp": "guide.tui.app", "make_app": "guide.tui.app", "run": "guide.tui.app",
          "ExportScreen": "guide.tui.screens.export"}


def __getattr__(name: str):
    """Import the app lazily, so `guide.tui.matching` and friends load without Textual's start-up cost."""
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(name)
