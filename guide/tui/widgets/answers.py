"""The numbered answers to the current node, and the text box under them.

`AnswerList` shows each answer with its number (keys 1-9 choose at once) and
never takes focus: the text box keeps it, so a person can always type. The
`AnswerInput` turns a digit typed into an empty box into a choice, and
Backspace in an empty box into "back", so the keyboard never has to move.
"""

from __future__ import annotations

from typing import Sequence

from textual import events, on
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option as ListOption

from guide.engine.service import Option
from guide.tui.widgets.prose import wrap_content
from guide.tui.widgets.scroll import CellScrollBarRender


NUMBER_WIDTH = 4
"""Cells taken by an answer's number (`` 1  ``); wrapped lines are indented by as much."""


def numbered(number: int, label: str, note: str = "", width: int = 0) -> Content:
    """``1  label`` with the number bold, as plain text (labels are never markup).

    With a `width`, the label (and note) are broken into lines that fit, Japanese
    included, and the lines after the first are indented under the label.
    """
    text = Content.assemble(label, *(("  ", (note, "italic")) if note else ()))
    if width > NUMBER_WIDTH + 2:
        text = wrap_content(text, width - NUMBER_WIDTH)
        text = Content("\n" + " " * NUMBER_WIDTH).join(text.split("\n", allow_blank=True))
    return Content.assemble((f"{number:>2}", "bold"), "  ", text)


class AnswerList(OptionList, can_focus=False):
    """The answers on offer, numbered from 1; clicking one chooses it."""

    class Chosen(Message):
        """An answer was chosen by clicking it."""

        def __init__(self, answers: "AnswerList", key: str) -> None:
            super().__init__()
            self.answers = answers
            """The list it was chosen in."""
            self.key = key
            """The answer key."""

        @property
        def control(self) -> "AnswerList":
            """The list it was chosen in."""
            return self.answers

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[str] = []
        self._first = 1
        self._shown: tuple = ((), None, "", 1)
        """The arguments of the last `show`, to draw again at a new width."""
        self._width = 0
        """The width the prompts were wrapped for."""

    def on_mount(self) -> None:
        """Draw the scrollbar (when the list is long) without ambiguous-width glyphs."""
        self.vertical_scrollbar.renderer = CellScrollBarRender

    @property
    def keys(self) -> tuple[str, ...]:
        """The answer keys in the order shown (number 1 first)."""
        return tuple(self._keys)

    def show(self, options: Sequence[Option], proposed: str | None = None, proposed_note: str = "",
             first: int = 1) -> None:
        """Show `options` numbered from `first`; the evidence's `proposed` answer is marked and highlighted."""
        self._keys = [option.key for option in options]
        self._first = first
        self._shown = (tuple(options), proposed, proposed_note, first)
        self._width = self._wrap_width()
        self.clear_options()
        self.add_options([ListOption(numbered(number, option.label, proposed_note if option.key == proposed else "",
                                              self._width), id=option.key)
                          for number, option in enumerate(options, first)])
        self.display = bool(options)
        if options:
            self.highlighted = self._keys.index(proposed) if proposed in self._keys else 0

    def _wrap_width(self) -> int:
        """The cells a prompt may take (before the first layout: the screen's width, less padding)."""
        width = self.scrollable_content_region.width or (self.app.size.width - 4 if self.is_attached else 0)
        return max(width - 1, 0)

    def on_resize(self) -> None:
        """Wrap the prompts again for the new width (keeping the highlight)."""
        if self._wrap_width() != self._width and self._keys:
            highlighted = self.highlighted
            self.show(*self._shown)
            if highlighted is not None and highlighted < len(self._keys):
                self.highlighted = highlighted

    def key_for(self, number: int) -> str | None:
        """The key of the answer shown with `number`, if there is one."""
        index = number - self._first
        return self._keys[index] if 0 <= index < len(self._keys) else None

    @property
    def highlighted_key(self) -> str | None:
        """The key of the highlighted answer (what Enter in an empty box chooses)."""
        index = self.highlighted
        return self._keys[index] if index is not None and 0 <= index < len(self._keys) else None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(self, event.option.id))


class AnswerInput(Input):
    """A text box that answers by number and goes back with Backspace while it is empty."""

    class Number(Message):
        """A digit was typed into the empty box: choose the answer with that number."""

        def __init__(self, box: "AnswerInput", number: int) -> None:
            super().__init__()
            self.box = box
            """The box it was typed in."""
            self.number = number
            """The digit typed (0-9; full-width digits too)."""

        @property
        def control(self) -> "AnswerInput":
            """The box it was typed in."""
            return self.box

    class Back(Message):
        """Backspace was pressed in the empty box: go back one step."""

        def __init__(self, box: "AnswerInput") -> None:
            super().__init__()
            self.box = box
            """The box it was pressed in."""

        @property
        def control(self) -> "AnswerInput":
            """The box it was pressed in."""
            return self.box

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Digits are not typed into an empty box (they answer), so the footer may show them."""
        if not self.value and character and character.isdecimal():
            return False
        return super().check_consume_key(key, character)

    def watch_value(self, value: str) -> None:
        """Refresh the keys shown when the box becomes empty or stops being empty."""
        empty = not value
        if empty != getattr(self, "_was_empty", True):
            self._was_empty = empty
            if self.is_attached:
                self.screen.refresh_bindings()

    def on_key(self, event: events.Key) -> None:
        """A digit typed into the empty box answers instead of being typed.

        Textual calls this handler before `Input`'s own key handling (a subclass's handlers run first);
        `prevent_default` keeps `Input` from typing the digit. Anything else goes on to `Input` as usual.
        """
        character = event.character
        if not self.value and character and character.isdecimal():
            event.stop()
            event.prevent_default()
            self.post_message(self.Number(self, int(character)))

    def action_delete_left(self) -> None:
        """Delete the character left of the cursor, or ask to go back when the box is empty."""
        if not self.value:
            self.post_message(self.Back(self))
            return
        super().action_delete_left()
