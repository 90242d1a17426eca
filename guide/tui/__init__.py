"""The Textual terminal UI of `guide` (the engine never imports it).

`make_app` builds the application (CLI, tests, `guide serve`); `run` is what
`guide tui` calls. Screens live in `guide.tui.screens`, widgets in
`guide.tui.widgets`, every UI word in `guide.tui.strings`; what the screens
show is computed from the session by `guide.tui.view`, which is plain Python.
"""

from __future__ import annotations

__all__ = ["make_app", "run"]


def __getattr__(name: str):
    """Import the app lazily, so `guide.tui.view` and friends load without Textual's start-up cost."""
    if name in __all__:
        from guide.tui import app

        return getattr(app, name)
    raise AttributeError(name)
