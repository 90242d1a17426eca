"""Key bindings whose words follow the UI language.

Textual's bindings are class-level and English-only. Every binding here is
declared with `bind`, which takes its description and tooltip from the string
catalog by the binding's id (``binding.<id>`` and ``binding.<id>.tooltip``).
`localize` rewrites a node's bindings in another language and refreshes the
footer, which is how a live language switch reaches the keys.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from guide.tui.strings import t


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
    return Binding(keys, action, t("en", f"binding.{id}"), show=show, priority=priority, key_display=key_display,
                   tooltip=t("en", f"binding.{id}.tooltip"), id=id,
                   group=Binding.Group(t("en", f"binding.{id}"), compact=True) if group else None)


def localized(binding: Binding, lang: str) -> Binding:
    """`binding` with its description, tooltip and group in `lang` (unchanged when it has no catalog id)."""
    if not binding.id or not binding.id.count("."):
        return binding
    try:
        description = t(lang, f"binding.{binding.id}")
        tooltip = t(lang, f"binding.{binding.id}.tooltip")
    except KeyError:
        return binding
    group = replace(binding.group, description=description) if binding.group else None
    return replace(binding, description=description, tooltip=tooltip, group=group)


def localize(node: DOMNode, lang: str) -> None:
    """Rewrite `node`'s bindings in `lang` and refresh the keys shown.

    Textual keeps a node's bindings in a private ``_bindings`` map copied from
    the class at construction; it is the only place descriptions are read
    from, so it is rewritten in place (keys and actions are untouched).
    """
    bindings = node._bindings.key_to_bindings  # noqa: SLF001 - see the docstring
    for key, entries in bindings.items():
        bindings[key] = [localized(binding, lang) for binding in entries]
    node.refresh_bindings()
