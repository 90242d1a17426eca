"""Helpers for the `guide serve` tests: a real server on a free loopback port, and waiting for things.

`start_server(...)` starts ``python -m guide serve`` as a subprocess over the small
fixture content (``tests/fixtures/basic``), with its own session folder
(``GUIDE_STATE_DIR``), waits until the port answers; `stop_server` terminates it (the `serve`
fixture in conftest.py does so whatever the test did).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from support import BASIC, ROOT, stored_snapshots

START_TIMEOUT = 30.0
"""Seconds a server gets to start listening."""


def free_port() -> int:
    """A TCP port nothing listens on at 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout: float = 10.0, every: float = 0.05, what: str = "condition"):
    """Poll `condition` until it returns something true (which is returned); fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(every)


@dataclass
class Served:
    """A running `guide serve`."""

    process: subprocess.Popen
    """The server process."""
    url: str
    """The page's address."""
    port: int
    """The port it listens on."""
    state: Path
    """Its session folder (``GUIDE_STATE_DIR``)."""
    stdout: Path
    """Where its standard output goes."""
    stderr: Path
    """Where its standard error goes."""

    def log(self) -> str:
        """Everything it printed so far."""
        return self.stdout.read_text(encoding="utf-8", errors="replace") + \
            self.stderr.read_text(encoding="utf-8", errors="replace")

    def sessions(self) -> list[dict]:
        """The conversations the app processes stored, as their snapshots (the session's JSON)."""
        return stored_snapshots(self.state)

    def health(self) -> dict:
        """The server's ``/healthz`` answer."""
        from urllib.request import urlopen

        with urlopen(self.url + "healthz", timeout=5) as response:
            return json.loads(response.read())


def start_server(folder: Path, *args: str, lang: str = "ja") -> Served:
    """Start `guide serve` over the fixture content with `args`; returns once its port answers."""
    port = free_port()
    state = folder / "state"
    stdout, stderr = folder / "serve.out", folder / "serve.err"
    env = {**os.environ, "GUIDE_STATE_DIR": str(state), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "guide", "serve", "--port", str(port), "--lang", lang,
               "--trees", str(BASIC / "trees"), "--content", str(BASIC / "content"), *args]
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        process = subprocess.Popen(command, cwd=folder, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    served = Served(process, f"http://127.0.0.1:{port}/", port, state, stdout, stderr)

    def listening() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"guide serve exited with {process.returncode}:\n{served.log()}")
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(0.5)
            return probe.connect_ex(("127.0.0.1", port)) == 0

    try:
        wait_until(listening, START_TIMEOUT, every=0.1, what=f"guide serve to listen on port {port}")
    except BaseException:
        stop_server(served)
        raise
    return served


def stop_server(served: Served) -> None:
    """Stop the server (SIGTERM: it ends its app processes), killing it if it does not stop in time."""
    process = served.process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


ARTIFACTS = ROOT / "test-artifacts"
"""Where tests keep what a person may want to look at afterwards (screenshots); not in git."""
