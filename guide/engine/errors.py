"""Error types shared by the engine.

Every error a person can cause (a broken tree, an unreadable file, a bad flag)
is a `GuideError`; the command line prints it as one line and never shows a
traceback. `ContentError` carries the location of the problem in a file.
"""

from __future__ import annotations


class GuideError(Exception):
    """Base class of every error the engine reports to a person."""


class ContentError(GuideError):
    """A defect located in a file: printed as ``path:line:col: error CODE message``.

    Attributes:
        path: The file the defect is in, as given when the file was opened.
        line: 1-based line number (0 when unknown).
        col: 1-based column number (0 when unknown).
        code: Stable, kebab-case defect code (for example ``duplicate-key``).
        message: What is wrong and what to do about it.
    """

    def __init__(self, path: str, line: int, col: int, code: str, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.col = col
        self.code = code
        self.message = message
        super().__init__(self.located())

    def located(self) -> str:
        """The one-line form ``path:line:col: error CODE message``."""
        return f"{self.path}:{self.line}:{self.col}: error {self.code} {self.message}"


class UsageError(GuideError):
    """The command line was used wrongly (exit code 2)."""
