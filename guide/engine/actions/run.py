"""Running an action's commands: only where they can run, only when confirmed, never through a shell.

`run_action` validates the parameters, renders the action, and runs the
commands that carry an argument list, in order, stopping at the first
failure. It runs nothing off Windows, nothing without the person's explicit
confirmation, and never passes ``shell=True``: each value is one argument,
so a value cannot become a second command. Programs are started from the
Windows system folder by full path, never found through the current folder.
"""

from __future__ import annotations

import codecs
import locale
import ntpath
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Callable, Mapping

from guide.engine.actions.registry import ActionError, validate_params
from guide.engine.actions.render import RenderedAction, render

STATUSES = ("ran", "declined", "not-runnable", "unsupported-platform", "invalid", "failed")
"""Every outcome; ``failed`` means a program could not be started or did not finish in time."""

TIMEOUT_SECONDS = 120
"""How long one command may take before it is abandoned."""

SYSTEM_PROGRAMS = frozenset(("cmdkey", "dsregcmd", "w32tm"))
"""The programs a runnable command may start (all in ``%SystemRoot%\\System32``)."""


@dataclass(frozen=True, slots=True)
class RunResult:
    """What happened when an action was to be run (for the session log and the UI)."""

    status: str
    """One of `STATUSES`."""
    returncode: int | None = None
    """The exit code of the last command run (None when nothing ran)."""
    output: str = ""
    """What the commands printed, or why nothing ran."""
    ran: tuple[tuple[str, ...], ...] = ()
    """The argument lists actually executed, in order."""

    def as_json(self) -> dict:
        """The result as plain data."""
        return {"status": self.status, "returncode": self.returncode, "output": self.output,
                "ran": [list(argv) for argv in self.ran]}


def run_action(action_id: str, params: Mapping[str, str], *, confirm: Callable[[RenderedAction], bool],
               platform: str = sys.platform, runner: Callable[..., object] = subprocess.run,
               lang: str = "en", audience: str = "user") -> RunResult:
    """Run an action's runnable commands after explicit confirmation.

    Args:
        action_id: Registry id.
        params: Parameter values (validated first).
        confirm: Shown the rendered action; only ``True`` lets it run.
        platform: ``sys.platform`` of the machine (tests pass another).
        runner: ``subprocess.run`` or a stand-in with the same signature.
        lang: Language of the rendering `confirm` is shown.
        audience: Who is running it (an end user cannot run an action they must ask IT for).
    """
    problems = validate_params(action_id, params)
    if problems:
        return RunResult("invalid", output="; ".join(problems))
    try:
        rendered = render(action_id, params, lang, audience)
    except ActionError as error:
        return RunResult("invalid", output=str(error))
    if not rendered.runnable:
        return RunResult("not-runnable", output="this action has no command that can run here; copy the commands")
    if platform != "win32":
        return RunResult("unsupported-platform", output="commands run only on Windows; copy them instead")
    if confirm(rendered) is not True:
        return RunResult("declined")
    return _execute(rendered, runner)


def _execute(rendered: RenderedAction, runner: Callable[..., object]) -> RunResult:
    outputs: list[str] = []
    ran: list[tuple[str, ...]] = []
    returncode = 0
    for command in rendered.commands:
        if command.argv is None:
            continue
        argv = (_system_program(command.argv[0]), *command.argv[1:])
        try:
            completed = runner(list(argv), shell=False, capture_output=True, check=False, timeout=TIMEOUT_SECONDS)
        except (OSError, subprocess.SubprocessError) as error:
            outputs.append(f"> {command.text}\n{error}")
            return RunResult("failed", None, "\n".join(outputs), tuple(ran))
        ran.append(argv)
        returncode = completed.returncode
        outputs.append(f"> {command.text}\n{_decode(completed.stdout)}{_decode(completed.stderr)}".rstrip())
        if returncode != 0:
            break
    return RunResult("ran", returncode, "\n".join(outputs), tuple(ran))


def _system_program(name: str) -> str:
    """The full path of a program in the Windows system folder."""
    if name not in SYSTEM_PROGRAMS:
        raise ValueError(f"{name!r} is not a program actions may run")
    root = os.environ.get("SystemRoot", "C:\\Windows")
    # A 32-bit Python on 64-bit Windows sees SysWOW64 as System32; Sysnative is the real one.
    folder = "Sysnative" if os.environ.get("PROCESSOR_ARCHITEW6432") else "System32"
    return ntpath.join(root, folder, name + ".exe")


def _decode(data: object) -> str:
    """Console output as text: UTF-8, else the console (OEM) code page, else the locale's."""
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    raw = bytes(data)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in ("oem", locale.getpreferredencoding(False)):
        try:
            codecs.lookup(encoding)
        except LookupError:
            continue
        return raw.decode(encoding, errors="replace")
    return raw.decode("utf-8", errors="replace")
