"""Real `guide serve` processes for the browser and multi-instance tests.

`Server` starts ``python -m guide serve`` on a free loopback port with its own
state folder and session store, and is ready at the line the server prints
once its port accepts connections (the event the tests wait for; the deadline
only turns a hang into a failure). Leaving the `with` block stops it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

from guide.web.serve import READY
from support import ROOT

READY_DEADLINE = 120.0
"""Seconds a server may take to start listening before the test fails (a guard against hangs, not a wait)."""

ARTIFACTS = ROOT / "test-artifacts"
"""Where tests keep what a person may want to look at afterwards; not in git."""


def free_port() -> int:
    """A TCP port nothing listens on at 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One `guide serve` subprocess on a free loopback port."""

    def __init__(self, folder: Path, *args: str, db: str | None = None) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = db or f"sqlite:///{folder / 'conversations.db'}"
        self.args = args
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        env = {**os.environ, "GUIDE_STATE_DIR": str(self.folder / "state"), "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "guide", "serve", "--port", str(self.port), "--db", self.db, *self.args]
        self.lines: list[str] = []
        self.process = subprocess.Popen(command, cwd=self.folder, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
                                        encoding="utf-8", errors="replace")
        ready = threading.Event()
        self.reader = threading.Thread(target=self._read, args=(ready,), daemon=True)
        self.reader.start()
        if not ready.wait(READY_DEADLINE) or self.process.poll() is not None:
            self.__exit__()
            raise AssertionError(f"guide serve did not start listening:\n{self.output()}")
        return self

    def _read(self, ready: threading.Event) -> None:
        """Keep what the server prints; set `ready` at its "listening" line (or when it exits)."""
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith(READY):
                ready.set()
        ready.set()

    def output(self) -> str:
        """Everything the server printed so far."""
        return "".join(self.lines)

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.reader.join(timeout=10)
