"""The yardstick for reading YAML: parse files with PyYAML's C loader, garbage collector off, nothing else.

`python benchmarks/bare_parse.py FOLDER` parses every ``*.yaml`` under FOLDER
(trees and words alike) with ``yaml.CSafeLoader``, the way the project's reader
runs (the loader pauses the collector too), so that a ratio to it compares
like with like. Importable: `parse_folder(folder)`.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import yaml


def yaml_files(folder: Path) -> list[Path]:
    """Every YAML file of a content set folder (trees/*.yaml, content/*/*.yaml), in a fixed order."""
    return sorted(Path(folder).rglob("*.yaml"))


def parse_folder(folder: Path) -> int:
    """Parse every YAML file under `folder` with the collector off; the number of files parsed."""
    files = yaml_files(folder)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for path in files:
            with open(path, encoding="utf-8") as stream:
                yaml.load(stream, Loader=yaml.CSafeLoader)
    finally:
        if was_enabled:
            gc.enable()
    return len(files)


if __name__ == "__main__":
    parse_folder(Path(sys.argv[1]))
