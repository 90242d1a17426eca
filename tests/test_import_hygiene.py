"""The engine never loads the UI libraries: every engine module imports without textual or rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import guide.engine

ENGINE_MODULES = sorted(m.name for m in pkgutil.walk_packages(guide.engine.__path__, "guide.engine."))


@pytest.mark.parametrize("module", ["guide.engine", "guide.cli", *ENGINE_MODULES])
def test_engine_does_not_load_ui(module):
    code = (f"import sys, {module}; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_engine_has_modules_to_check():
    assert "guide.engine.session" in ENGINE_MODULES and "guide.engine.lint" in ENGINE_MODULES
