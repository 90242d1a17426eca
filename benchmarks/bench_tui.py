"""Terminal UI benchmarks: startup to the first screen, and key press to the updated screen.

Both are measured the way a person meets them: the program runs in a pseudo
terminal (100x40, its own process, started as the installed console script),
and the time is taken from the moment the process is spawned, or a key is
written to the terminal, until the text that shows the new screen has been
drawn (read back from the terminal).

Figures printed (none is asserted; see README "Benchmarks"):
- startup of `guide` (shipped content) to its start screen with its list, as a ratio to a
  minimal Textual app with one OptionList started the same way (goal: at
  most 1.3x); min/median/max of the ratios of interleaved pairs. Every start
  but the first after an install or a content edit reads the start list and
  then the content from its cache (`guide.engine.cache`); the first, with the
  cache empty, is paired with the minimal app too (goal: at most 1.5x). Either
  way the content is read once the list is drawn, so each start also times the
  first pick: its number typed as soon as the list is there, to its first question
  drawn; and, in starts of their own, typed after `READING` seconds;
- key press to updated screen while walking a generated 10,000-node tree by
  number keys, each answer saved to disk as the app always does (goal: median
  at most 50 ms, 90th percentile at most 80 ms at any depth); min/median/max of
  80 presses (every tenth lands on a resolution, the next leaves it), after a
  second on the first question (what the app imports in the background once
  its first screen is up is ready by then, as it is for a person reading);
  the same split by depth (presses 1-20 and 61-80: flat means nothing is drawn
  again that was drawn before), and the app's CPU time per press (from
  /proc, in clock ticks of 10 ms), which other work on the machine does not
  inflate: for questions, and for entering and leaving a resolution.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from generate import write_content_set
from timing import ensure_bytecode, load_note, ratio_spread, spread

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support import guide_command  # noqa: E402 - the tests' helper: how a person starts the installed guide

SIZE = (100, 40)
"""Columns and rows of the pseudo terminal."""

STARTS = 7
"""Startup pairs (guide, minimal app) with the cache warm, and as many with it empty; min/median/max of the ratios."""

PRESSES = 80
"""Key presses timed on the 10,000-node tree (eight resolutions entered and left)."""

TIMEOUT = 30.0
"""Seconds to wait for any one screen before giving up."""

READING = 1.0
"""Seconds a person takes to read the first question (the app finishes warming up meanwhile)."""

MINIMAL_APP = '''
from textual.app import App
from textual.widgets import OptionList


class Minimal(App):
    def compose(self):
        yield OptionList("Minimal option list ready")


if __name__ == "__main__":
    Minimal().run()
'''
"""The baseline: the smallest Textual app with one OptionList."""


class Terminal:
    """A program running in a pseudo terminal of `SIZE`, read and typed into by the benchmark."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        self.began = time.perf_counter()
        """When the process was spawned."""
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                                        start_new_session=True, close_fds=True)
        os.close(slave)
        self.master = master
        """Our end of the terminal."""
        self.output = bytearray()
        """Everything drawn since the last `wait_for` match (kept for the next search)."""

    def wait_for(self, pattern: re.Pattern[bytes]) -> float:
        """Read until `pattern` has been drawn; the `perf_counter` time it arrived."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            match = pattern.search(self.output)
            if match:
                del self.output[:match.end()]
                return time.perf_counter()
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.output += chunk
        tail = bytes(self.output[-400:])
        raise TimeoutError(f"{pattern.pattern!r} was never drawn; last output: {tail!r}")

    def settle(self, quiet: float = 0.05) -> None:
        """Read until nothing is drawn for `quiet` seconds (the frame is complete)."""
        while select.select([self.master], [], [], quiet)[0]:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk
        self.output.clear()

    def press(self, key: bytes) -> float:
        """Type `key`; the `perf_counter` time it was written."""
        at = time.perf_counter()
        os.write(self.master, key)
        return at

    def close(self) -> None:
        """Quit with Ctrl+Q (kill if it does not), and release the terminal."""
        try:
            os.write(self.master, b"\x11")
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self.master)


def environment(state: Path) -> dict[str, str]:
    """The programs' environment: a private session folder, a real terminal type, the window's size."""
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    env.update({"GUIDE_STATE_DIR": str(state), "TERM": "xterm-256color", "LANG": "C.UTF-8"})
    return env


def time_startup(argv: list[str], ready: re.Pattern[bytes], env: dict[str, str], cwd: Path,
                 pick: tuple[bytes, re.Pattern[bytes]] | None = None, reading: float = 0.0) -> tuple[float, float | None]:
    """Seconds from spawning `argv` to its first screen (`ready` drawn); with `pick` (keys, what they draw),
    also from typing the keys, at once or after `reading` seconds, to their screen drawn."""
    terminal = Terminal(argv, env, cwd)
    try:
        started = terminal.wait_for(ready) - terminal.began
        if pick is None:
            return started, None
        if reading:
            time.sleep(reading)
            terminal.settle()
        pressed = terminal.press(pick[0])
        return started, terminal.wait_for(pick[1]) - pressed
    finally:
        terminal.close()


def first_pick() -> tuple[bytes, re.Pattern[bytes]]:
    """The keys that choose the first guide of the start list (shipped content, English), and what its
    first question draws: the first words of its title (the card may wrap a long one)."""
    from guide.engine.service import Guide

    guide = Guide.open()
    listed = guide.symptoms("en", sub_flows=True)
    words = guide.words.title(listed[0].start, "en").split()[:3]
    return b"01" if len(listed) >= 10 else b"1", re.compile(re.escape(" ".join(words).encode()))


def startup_rows(scratch: Path) -> list[tuple[str, str, str]]:
    """Startup of `guide` and of the minimal app, interleaved; medians and their ratio."""
    minimal = scratch / "minimal_app.py"
    minimal.write_text(MINIMAL_APP, encoding="utf-8")
    env = environment(scratch / "state-startup")
    env["GUIDE_CACHE_DIR"] = str(scratch / "cache")
    guide = [*guide_command(), "--lang", "en"]
    base = [sys.executable, str(minimal)]
    guide_ready = re.compile(rb"What is the problem\?.*?My account is locked", re.DOTALL)  # with its list
    base_ready = re.compile(rb"Minimal option list ready")
    question = first_pick()
    time_startup(base, base_ready, env, scratch)  # warm the file cache for both
    time_startup(guide, guide_ready, env, scratch)  # and fill guide's content cache
    ours, baseline, cold, cold_baseline, picks, cold_picks, read, cold_read = [], [], [], [], [], [], [], []
    for index in range(STARTS):
        read.append(time_startup(guide, guide_ready, env, scratch, question, READING)[1])
        cold_read.append(time_startup(guide, guide_ready, {**env, "GUIDE_CACHE_DIR": str(scratch / f"read-{index}")},
                                      scratch, question, READING)[1])
        baseline.append(time_startup(base, base_ready, env, scratch)[0])
        started, pick = time_startup(guide, guide_ready, env, scratch, question)
        ours.append(started)
        picks.append(pick)
        # with the content cache emptied: the first start after an install or a content edit
        cold_baseline.append(time_startup(base, base_ready, env, scratch)[0])
        started, pick = time_startup(guide, guide_ready, {**env, "GUIDE_CACHE_DIR": str(scratch / f"empty-{index}")},
                                     scratch, question)
        cold.append(started)
        cold_picks.append(pick)
    return [("startup to the start screen (shipped content)", spread(ours),
             f"{ratio_spread(ours, baseline)} minimal OptionList app ({spread(baseline)}), pairs  goal <= 1.3x"),
            ("  the same, content cache empty (after an edit)", spread(cold),
             f"{ratio_spread(cold, cold_baseline)} minimal OptionList app, pairs  goal <= 1.5x"),
            ("  first pick: 01 typed at once -> its question", spread(picks, digits=1),
             "min/median/max; the content is read once the list is drawn"),
            ("  the same, content cache empty (after an edit)", spread(cold_picks, digits=1),
             "min/median/max; the content is compiled once the list is drawn"),
            (f"  first pick after reading {READING:.0f} s", spread(read, digits=1),
             "min/median/max; content cache warm (the conversation screen's first build)"),
            ("  the same, content cache empty (after an edit)", spread(cold_read, digits=1), "min/median/max")]


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds process `pid` has used so far (None where /proc is not there)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def keypress_rows(scratch: Path) -> list[tuple[str, str, str]]:
    """Key press to updated screen while walking the generated 10,000-node tree by number."""
    folder = write_content_set(scratch / "set-10000", 10_000)
    env = environment(scratch / "state-keys")
    argv = [*guide_command(), "--lang", "en", "--trees", str(folder / "trees"), "--content", str(folder / "content")]
    terminal = Terminal(argv, env, scratch)
    timings, cpu = [], []
    pid = terminal.process.pid
    try:
        terminal.wait_for(re.compile(rb"What is the problem\?"))
        terminal.settle()
        terminal.press(b"1")
        terminal.wait_for(re.compile(rb"Node n0(?!\d)"))
        time.sleep(READING)
        terminal.settle()
        for index in range(1, PRESSES + 1):
            # questions: 1 goes to the next node; every tenth node (n9, n19 ...) is a resolution: 2 (not fixed) goes on
            key = b"2" if index % 10 == 0 else b"1"
            used = cpu_seconds(pid)
            pressed = terminal.press(key)
            drawn = terminal.wait_for(re.compile(rb"Node n%d(?!\d)" % index))
            timings.append(drawn - pressed)
            terminal.settle()
            after = cpu_seconds(pid)
            cpu.append(None if used is None or after is None else after - used)
    finally:
        terminal.close()
    p90 = statistics.quantiles(timings, n=10)[-1]
    rows = [("key press -> updated screen, 10,000-node tree", spread(timings, digits=1),
             f"min/median/max of {len(timings)}; 90th percentile {p90 * 1000:.0f} ms  goal median <= 50, p90 <= 80"),
            ("  presses 1-20 / 61-80 (depth)", f"{statistics.median(timings[:20]) * 1000:.0f}/"
             f"{statistics.median(timings[60:80]) * 1000:.0f} ms", "medians; flat = nothing drawn twice")]
    if None not in cpu:
        turns = [value for number, value in enumerate(cpu, 1) if number % 10 in (9, 0)]
        questions = [value for number, value in enumerate(cpu, 1) if number % 10 not in (9, 0)]
        rows.append(("  app CPU per press: questions / resolutions", f"{statistics.median(questions) * 1000:.0f}/"
                     f"{statistics.median(turns) * 1000:.0f} ms",
                     f"medians (10 ms ticks; entering and leaving a resolution: {len(turns)} presses)"))
    return [*rows, ("  machine", load_note(), "")]


def main() -> list[tuple[str, str, str]]:
    ensure_bytecode()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        return [*startup_rows(folder), *keypress_rows(folder)]


if __name__ == "__main__":
    for name, figure, ratio in main():
        print(f"{name:48} {figure:>12}  {ratio}")
