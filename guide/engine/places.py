"""Where the shipped trees and words are, without importing the loader (and the YAML reader).

The UI's start-up asks only this when its content comes from the cache
(`guide.engine.cache`), so YAML parsing is imported only when files are read.
"""

from __future__ import annotations

from pathlib import Path

import guide


def package_dir() -> Path:
    """The folder of the installed `guide` package (through importlib.resources only when the package
    is not a plain folder, e.g. imported from a zip file: a plain folder needs no resource readers)."""
    folder = Path(guide.__file__).parent
    if folder.is_dir():
        return folder
    from importlib import resources

    return Path(str(resources.files("guide")))


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of a content folder, in the order they are read."""
    return sorted(p for p in folder.glob("*.yaml") if p.is_file() or p.is_symlink())


def default_trees_dir() -> Path:
    """The trees shipped inside the package."""
    return package_dir() / "trees"


def default_content_dir() -> Path:
    """The words shipped with the package (inside the wheel, or the checkout's `content/`)."""
    packaged = package_dir() / "content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "content"


def default_scenarios_dir() -> Path:
    """The golden scenarios of the shipped trees (inside the wheel, or the checkout's `tests/scenarios/`)."""
    packaged = package_dir() / "scenarios"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "tests" / "scenarios"
