"""The numbered answers to the current node, and the text box under them.

`AnswerList` shows each answer with its number and never takes focus: the
text box keeps it, so a person can always type. The `AnswerInput` turns the
number typed into the box into a choice, and Backspace in an empty box into
"back", so the keyboard never has to move.

Every entry is one or two keystrokes away: a list of up to nine (or 0-9) is
numbered with one digit, chosen as it is pressed; a longer list is numbered
with two digits (``01`` … ``34``), chosen when the second digit is pressed.
What is typed otherwise narrows the list to the entries whose words contain
it, so a long list never has to be scrolled blind.
"""

from __future__ import annotations

from typing import Sequence

from textual import events, on
from textual.app import App
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option as ListOption

from guide.engine.service import Option
from guide.tui.matching import normalise
from guide.tui.widgets.prose import wrap_content
from guide.tui.widgets.scroll import CellScrollBarRender


NUMBER_WIDTH = 4
"""Cells taken by an answer's number (`` 1  ``); wrapped lines are indented by as much."""


def number_width(numbers: range) -> int:
    """Digits typed for each number of a list numbered `numbers`: 1 up to 9, else 2 (``01`` … ``34``)."""
    return 2 if numbers and numbers[-1] >= 10 else 1


def numbered(number: int, label: str, note: str = "", width: int = 0, digits: int = 1) -> Content:
    """``1  label`` (``01  label`` with two `digits`) with the number bold, as plain text (labels are never markup).

    With a `width`, the label (and note) are broken into lines that fit, Japanese
    included, and the lines after the first are indented under the label.
    """
    text = Content.assemble(label, *(("  ", (note, "italic")) if note else ()))
    if width > NUMBER_WIDTH + 2:
        text = wrap_content(text, width - NUMBER_WIDTH)
        text = Content("\n" + " " * NUMBER_WIDTH).join(text.split("\n", allow_blank=True))
    shown = f"{number:02d}" if digits == 2 else f"{number:>2}"
    return Content.assemble((shown, "bold"), "  ", text)


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
        """Every key on offer, number `_first` first."""
        self._visible: list[str] = []
        """The keys shown (all of them, or those the typed text narrows to)."""
        self._first = 1
        self._shown: tuple = ((), None, "", 1)
        """The arguments of the last `show`, to draw again at a new width."""
        self._filter = ""
        """The text the list is narrowed by ("" for none)."""
        self._width = 0
        """The width the prompts were wrapped for."""

    def on_mount(self) -> None:
        """Draw the scrollbar (when the list is long) without ambiguous-width glyphs."""
        self.vertical_scrollbar.renderer = CellScrollBarRender

    @property
    def keys(self) -> tuple[str, ...]:
        """The answer keys in the order shown (number 1 first)."""
        return tuple(self._keys)

    @property
    def numbers(self) -> range:
        """The numbers the entries are shown with."""
        return range(self._first, self._first + len(self._keys))

    def show(self, options: Sequence[Option], proposed: str | None = None, proposed_note: str = "",
             first: int = 1) -> None:
        """Show `options` numbered from `first`; the evidence's `proposed` answer is marked and highlighted."""
        self._keys = [option.key for option in options]
        self._first = first
        self._shown = (tuple(options), proposed, proposed_note, first)
        self._filter = ""
        self._draw()

    def narrow(self, text: str) -> int:
        """Show only the entries whose label (or key) contains `text`, keeping their numbers; all when none does.

        Returns how many entries are shown (the list is drawn again only when what narrows it changed: a digit
        typed toward a number leaves it as it is).
        """
        wanted = normalise(text)
        if wanted != self._filter:
            self._filter = wanted
            self._draw()
        return len(self._visible)

    def _draw(self) -> None:
        options, proposed, proposed_note, first = self._shown
        digits = number_width(self.numbers)
        numbered_options = list(enumerate(options, first))
        if self._filter:
            matching = [(number, option) for number, option in numbered_options
                        if self._filter in normalise(option.label) or self._filter in normalise(option.key)]
            numbered_options = matching or numbered_options
        self._visible = [option.key for _, option in numbered_options]
        self._width = self._wrap_width()
        self.clear_options()
        self.add_options([ListOption(numbered(number, option.label, proposed_note if option.key == proposed else "",
                                              self._width, digits), id=option.key)
                          for number, option in numbered_options])
        self.display = bool(options)
        if numbered_options:
            self.highlighted = self._visible.index(proposed) if proposed in self._visible else 0

    @property
    def narrowed_to(self) -> str | None:
        """The one entry the typed text leaves, if it leaves exactly one."""
        return self._visible[0] if self._filter and len(self._visible) == 1 else None

    def _wrap_width(self) -> int:
        """The cells a prompt may take (before the first layout: the screen's width less the borders and
        padding of this list and what holds it, which is the width the layout gives when no scroll bar is
        needed, so the list is not wrapped a second time on its first resize)."""
        width = self.scrollable_content_region.width
        if not width and self.is_attached:
            width = self.app.size.width - sum(node.styles.gutter.width for node in self.ancestors_with_self
                                              if not isinstance(node, App))
        return max(width - 1, 0)

    def on_resize(self) -> None:
        """Wrap the prompts again for the new width (keeping the highlight)."""
        if self._wrap_width() != self._width and self._keys:
            highlighted = self.highlighted
            self._draw()
            if highlighted is not None and highlighted < len(self._visible):
                self.highlighted = highlighted

    def key_for(self, number: int) -> str | None:
        """The key of the answer shown with `number`, if there is one."""
        index = number - self._first
        return self._keys[index] if 0 <= index < len(self._keys) else None

    @property
    def highlighted_key(self) -> str | None:
        """The key of the highlighted answer (what Enter in an empty box chooses)."""
        index = self.highlighted
        return self._visible[index] if index is not None and 0 <= index < len(self._visible) else None

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

    numbers: range = range(1, 10)
    """The numbers of the list this box answers (set by its screen with each new list)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Digits pressed in the empty box answer (see `on_key`), so the footer shows the number keys then."""
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
        """A digit that completes a number on offer (`number_typed`) answers instead of being typed.

        Textual calls this handler before `Input`'s own key handling (a subclass's handlers run first);
        `prevent_default` keeps `Input` from typing the digit. Anything else goes on to `Input` as usual.
        """
        character = event.character
        if character and character.isdecimal():
            number = self.number_typed(int(character))
            if number is not None:
                event.stop()
                event.prevent_default()
                self.value = ""
                self.post_message(self.Number(self, number))

    def press_digit(self, digit: int) -> int | None:
        """A digit pressed while the box had no focus: focus it and take the digit as if typed there.

        Returns the number the digit completes (the box is emptied), else None (the digit is typed in).
        """
        self.focus()
        number = self.number_typed(digit)
        if number is None:
            self.insert_text_at_cursor(str(digit))
        else:
            self.value = ""
        return number

    def number_typed(self, digit: int) -> int | None:
        """The number that pressing `digit` completes, or None when the digit is typed as text.

        One-digit lists: a digit in the empty box. Two-digit lists: a digit after
        one other digit alone in the box, when the two make a number on offer
        (``5`` then ``0`` of AADSTS50076 is typed on when there is no answer 50).
        """
        if number_width(self.numbers) == 1:
            return digit if not self.value else None
        if len(self.value) == 1 and self.value.isdecimal():
            number = int(self.value) * 10 + digit
            return number if number in self.numbers else None
        return None

    def action_delete_left(self) -> None:
        """Delete the character left of the cursor, or ask to go back when the box is empty."""
        if not self.value:
            self.post_message(self.Back(self))
            return
        super().action_delete_left()


def narrow_answers(answers: AnswerList, typed: str) -> None:
    """Narrow `answers` to what `typed` names; one or two digits alone are a number being typed, not words."""
    text = typed.strip()
    answers.narrow("" if len(text) <= 2 and text.isdecimal() else text)
