"""How another process starts this same installation of `guide`.

Tests and benchmarks that drive the real program in a terminal need the command
a person would type. That is the console script installed beside the running
Python (a virtual environment's ``bin/guide``), else a ``guide`` on PATH, else
``python -m guide`` with this interpreter.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def guide_command() -> list[str]:
    """The argv prefix that runs the installed `guide` (add its arguments after it)."""
    script = Path(sys.executable).with_name("guide")
    if script.is_file():
        return [str(script)]
    found = shutil.which("guide")
    return [found] if found else [sys.executable, "-m", "guide"]
