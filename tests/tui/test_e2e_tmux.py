"""End to end in a real terminal: the installed `guide` in tmux, from a symptom to a ticket note.

The test starts its own tmux server (a private socket, so no running server's
environment leaks in) with a fixed window size, runs the venv's `guide`
console script over the fixture content with ``GUIDE_STATE_DIR`` and the
working folder (where ticket notes go) in `tmp_path`, and types like a
person: a number for the symptom, a number for the answer, Ctrl+S and Enter
for the ticket note. It reads the screen with ``capture-pane`` and checks the
files the app wrote: the ticket's Markdown and JSON, and the saved session.

Skipped only when tmux is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import pytest


from support import guide_command, stored_snapshot

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "basic"
"""The two-tree fixture content (demo, other), so the walk does not change with the shipped trees."""

WIDTH, HEIGHT = 100, 40
"""The tmux window size."""

TIMEOUT = 30.0
"""Seconds to wait for a screen (the first start of a cold interpreter is slow on CI)."""

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (.ci/run installs it); "
                                       "this end-to-end test needs a real terminal")


class Terminal:
    """A tmux server of our own with one session running one command."""

    def __init__(self, socket: Path, name: str = "guide") -> None:
        self.socket = socket
        """The private server's socket."""
        self.name = name
        """The session name."""

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run a tmux command against our server."""
        return subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True, text=True,
                              check=check, timeout=10)

    def start(self, command: list[str], cwd: Path, env: dict[str, str], exit_file: Path) -> None:
        """Open the session at the fixed size and run `command` in `cwd` with `env` (exit code to `exit_file`)."""
        # COLUMNS and LINES (which a parent may have set) would override the window's real size.
        line = "env -u COLUMNS -u LINES " + " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        line += " " + " ".join(shlex.quote(part) for part in command)
        line += f"; echo $? > {shlex.quote(str(exit_file))}"
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT),
                  "-c", str(cwd), line)

    def keys(self, *keys: str) -> None:
        """Send keys (tmux key names: ``1``, ``C-s``, ``Enter``)."""
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)
            time.sleep(0.15)

    def screen(self) -> str:
        """The visible screen as text."""
        return self.tmux("capture-pane", "-p", "-t", self.name, check=False).stdout

    def wait_for(self, *texts: str, timeout: float = TIMEOUT) -> str:
        """The screen once it shows every one of `texts` (fails with the last screen when it does not)."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(text in shown for text in texts):
                return shown
            time.sleep(0.2)
        pytest.fail(f"the screen never showed {texts!r}; last screen:\n{shown}")

    def stop(self) -> None:
        """End the server (and with it the app, if still running)."""
        self.tmux("kill-server", check=False)


@pytest.fixture
def terminal(tmp_path: Path):
    """A private tmux server, killed after the test."""
    term = Terminal(tmp_path / "tmux.sock")
    yield term
    term.stop()


def test_symptom_to_resolution_to_ticket_in_tmux(terminal: Terminal, tmp_path: Path):
    """Choose the symptom, answer by number, reach the resolution, write the ticket note; check screen and files."""
    state, work = tmp_path / "state", tmp_path / "work"
    work.mkdir()
    env = {"GUIDE_STATE_DIR": str(state), "LANG": "C.UTF-8", "TERM": "xterm-256color",
           "PYTHONDONTWRITEBYTECODE": "1"}
    command = [*guide_command(), "--lang", "en", "--mode", "user",
               "--trees", str(FIXTURES / "trees"), "--content", str(FIXTURES / "content")]
    exit_file = tmp_path / "exit-code"
    terminal.start(command, work, env, exit_file)

    start = terminal.wait_for("What is the problem?", "Demo", "Other tree")
    assert "1 Demo" in " ".join(start.split())

    terminal.keys("1")
    question = terminal.wait_for("First question", "Are you a guest?")
    assert "2 No" in " ".join(question.split())

    terminal.keys("2")
    resolution = terminal.wait_for("Did this fix it?", "Escalate (write a ticket)")
    assert "Hello IT team" in resolution and "1 It is fixed" in " ".join(resolution.split())

    terminal.keys("C-s")
    terminal.wait_for("Ticket note", "## Sign-in troubleshooting: Demo")
    terminal.keys("Enter")
    done = terminal.wait_for("Written:")

    tickets = sorted(work.glob("ticket-*-en.md"))
    assert len(tickets) == 1, sorted(path.name for path in work.iterdir())
    markdown = tickets[0].read_text(encoding="utf-8")
    ticket = json.loads(tickets[0].with_suffix(".json").read_text(encoding="utf-8"))
    assert markdown.startswith("## Sign-in troubleshooting: Demo")
    assert "First question: **No**" in markdown and "`enable-kmsi-option`" in markdown
    assert ticket["tree"] == "demo" and ticket["at"] == "r-option" and ticket["cause"] == "kmsi-option-disabled"
    assert [step["answer"] for step in ticket["steps"]] == ["no", None]
    assert "Written:" in done and "Ticket note" not in done, "the note was written and its dialog closed"

    session_id = ticket["session"]
    saved = stored_snapshot(state, session_id)
    assert saved["tree"] == "demo" and saved["position"] == {"tree": "demo", "node": "r-option"}
    assert saved["lang"] == "en" and saved["outcome"] is None

    terminal.keys("C-q")
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and not exit_file.is_file():
        time.sleep(0.2)
    assert exit_file.is_file(), f"guide did not quit on Ctrl+Q; screen:\n{terminal.screen()}"
    time.sleep(0.2)
    assert exit_file.read_text().strip() == "0"
