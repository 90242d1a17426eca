"""Where the shipped trees and words are, without importing the loader (and the YAML reader).

The UI's start-up asks only this when its content comes from the cache
(`guide.engine.cache`), so YAML parsing is imported only when files are read.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def default_trees_dir() -> Path:
    """The trees shipped inside the package."""
    return Path(str(resources.files("guide").joinpath("trees")))


def default_content_dir() -> Path:
    """The words shipped with the package (inside the wheel, or the checkout's `content/`)."""
    packaged = Path(str(resources.files("guide").joinpath("content")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "content"


def default_scenarios_dir() -> Path:
    """The golden scenarios of the shipped trees (inside the wheel, or the checkout's `tests/scenarios/`)."""
    packaged = Path(str(resources.files("guide").joinpath("scenarios")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "tests" / "scenarios"
