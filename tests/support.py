"""Paths and small helpers shared by the engine and CLI tests (imported as `support`)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BASIC = FIXTURES / "basic"
SHARED = ROOT.parent / "shared"


def content_args(folder: Path) -> list[str]:
    """The --trees/--content flags pointing at a content set folder."""
    return ["--trees", str(folder / "trees"), "--content", str(folder / "content")]
