"""Paths and small helpers shared by the engine and CLI tests (imported as `support`)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BASIC = FIXTURES / "basic"
SHARED = FIXTURES / "shared"
"""Copies of the shared reference material (taxonomy, evidence samples, labelled statements): see its README."""


def content_args(folder: Path) -> list[str]:
    """The --trees/--content flags pointing at a content set folder."""
    return ["--trees", str(folder / "trees"), "--content", str(folder / "content")]
