"""Fixtures for the `guide serve` tests: real servers on free loopback ports, stopped afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from serving import Served, start_server, stop_server


@pytest.fixture
def serve(tmp_path: Path):
    """Start servers with `serve(*args, lang=...)`; each is stopped when the test ends."""
    started: list[Served] = []

    def start(*args: str, lang: str = "ja") -> Served:
        folder = tmp_path / f"server-{len(started)}"
        folder.mkdir()
        served = start_server(folder, *args, lang=lang)
        started.append(served)
        return served

    yield start
    for served in started:
        stop_server(served)
