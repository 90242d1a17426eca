"""The key bar: Textual's footer, composed once with every key the screen can offer, showing and hiding keys in place.

Textual's `Footer` composes its keys again whenever the screen's bindings are
refreshed, after the frame that changed them: removing, mounting and styling
every key costs a key press a layout of its own. The conversation offers its
copy and run keys only at a resolution, and 1-9 or 01-99 by the length of the
list, so entering or leaving a resolution would pay it every time. `KeyBar`
composes the footer as Textual does, from the screen's bindings with every key
offered (`every_key_offered`), and hides the keys the screen does not offer
now; when the bindings change only in which keys are offered, it shows or hides
them in place, in the frame being drawn. Any other change (another language, a
key enabled or disabled) composes it again, as Textual's footer would.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

KEY = "FooterKey"
"""The CSS type of the footer's keys (Textual's `FooterKey`, which `textual.widgets` does not export); each has
the `action` it runs."""

KeyShape = tuple[tuple[str, str, str, bool, str], ...]
"""What the footer draws from: each shown binding's action, key, description, whether enabled, and tooltip."""


@contextmanager
def every_key_offered(screen: Screen) -> Iterator[None]:
    """While inside, a screen with an ``every_key`` attribute (`LocalizedBindings`) offers every key it has."""
    before = getattr(screen, "every_key", False)
    screen.every_key = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        screen.every_key = before  # type: ignore[attr-defined]


def shown_keys(screen: Screen) -> KeyShape:
    """The bindings of `screen` the footer shows, in its order."""
    return tuple((binding.action, binding.key, binding.description, enabled, tooltip)
                 for _, binding, enabled, tooltip in screen.active_bindings.values() if binding.show)


class KeyBar(Footer):
    """The footer, laid out with every key the screen can offer; the keys not offered now are hidden."""

    _composed: KeyShape | None = None
    """The keys composed (every key offered), or None while nothing is composed."""

    def compose(self) -> ComposeResult:
        """Textual's footer with every key offered, then hide the keys not offered now."""
        screen = self.screen
        offered = {action for action, *_ in shown_keys(screen)}
        composed = None
        with every_key_offered(screen):
            for widget in super().compose():
                composed = shown_keys(screen)
                action = getattr(widget, "action", None)  # set on a key (Textual's FooterKey)
                if action is not None and action not in offered:
                    widget.display = False
                yield widget
        self._composed = composed

    def bindings_changed(self, screen: Screen) -> None:
        """Show or hide keys in place when only which keys are offered changed; else compose again."""
        if self._composed is None or not self.is_attached or screen is not self.screen:
            super().bindings_changed(screen)
            return
        with every_key_offered(screen):
            everything = shown_keys(screen)
        now = shown_keys(screen)
        if everything != self._composed or not set(now) <= set(everything):
            super().bindings_changed(screen)
            return
        offered = {action for action, *_ in now}
        for key in self.query(KEY):
            key.display = key.action in offered
