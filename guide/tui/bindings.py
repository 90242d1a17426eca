"""Key bindings whose words follow the UI language, through Textual's public binding APIs.

Textual's bindings are class-level and English-only. Every binding here is
declared with `bind`, which takes its description and tooltip from the catalog
by the binding's id (``binding.<id>`` and ``binding.<id>.tooltip``). Screens
mix in `LocalizedBindings`, which overrides the public `Screen.active_bindings`
(what the footer, the key panel and our help read) to give each of our
bindings in the screen's language; `relabel` switches the language and
refreshes the footer. Nothing private of Textual is touched:
tests/tui/test_textual_seams.py fails loudly when an upgrade changes where the
footer reads its keys from.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Iterable, Iterator

from textual.binding import ActiveBinding, Binding

from guide.engine.service import ui


def bind(keys: str, action: str, id: str, *, show: bool = True, priority: bool = False,
         key_display: str | None = None, group: bool = False) -> Binding:
    """A binding described (in English, until localized) from the catalog entry ``binding.<id>``.

    Args:
        keys: Comma-separated keys.
        action: The action it runs.
        id: The binding id (``walk.back``); also names its catalog entries.
        show: Whether the footer shows it.
        priority: Whether it fires even when the focused widget would take the key.
        key_display: How the footer shows the key.
        group: Whether bindings with the same id share one footer entry (e.g. 1-9).
    """
    return Binding(keys, action, ui(f"binding.{id}", "en"), show=show, priority=priority, key_display=key_display,
                   tooltip=ui(f"binding.{id}.tooltip", "en"), id=id,
                   group=Binding.Group(ui(f"binding.{id}", "en"), compact=True) if group else None)


@cache
def localized(binding: Binding, lang: str) -> Binding:
    """`binding` with its description, tooltip and group in `lang` (unchanged when it has no catalog id).

    Kept once made (bindings and the catalog do not change while the program runs): the footer reads every
    active binding each time the bindings are refreshed."""
    if not binding.id or not binding.id.count("."):
        return binding
    try:
        description = ui(f"binding.{binding.id}", lang)
        tooltip = ui(f"binding.{binding.id}.tooltip", lang)
    except KeyError:
        return binding
    group = replace(binding.group, description=description) if binding.group else None
    return replace(binding, description=description, tooltip=tooltip, group=group)


def declared(bindings: Iterable[Binding | tuple], lang: str) -> Iterator[Binding]:
    """Each of our bindings in `bindings` (a class's ``BINDINGS``), one per key, in `lang`."""
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id and "." in binding.id:
            for key in binding.key.split(","):
                yield localized(replace(binding, key=key.strip()), lang)


class LocalizedBindings:
    """Mixed into a screen: its active bindings (and the app's) in the screen's language `lang`."""

    lang: str = "en"
    """The language the keys are described in (set by the app through `relabel`)."""

    every_key: bool = False
    """While True, `check_action` offers every key (the key bar lays out all of them once and hides those not
    offered: `guide.tui.widgets.keybar`)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings of this screen, ours described in `lang`."""
        found = super().active_bindings  # type: ignore[misc]
        return {key: active._replace(binding=(binding := localized(active.binding, self.lang)),
                                     tooltip=binding.tooltip)
                for key, active in found.items()}

    def relabel(self, lang: str) -> None:
        """Describe the keys in `lang` from now on and refresh the footer."""
        self.lang = lang
        self.refresh_bindings()  # type: ignore[attr-defined]
