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


def test_a_query_with_a_cached_index_never_loads_numpy(tmp_path):
    """numpy fits the router's regression when the index is built; a ``guide route`` that reads the index
    back from its cache routes with plain arrays (`guide.engine.routing.linear.Weights`) and never imports it."""
    import os

    code = ("import sys\nfrom guide.engine.service import Guide\n"
            "guide = Guide.open()\nguide.route('Teams keeps asking me to sign in again', 'en')\n"
            "print('numpy' in sys.modules)")
    env = {**os.environ, "GUIDE_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
            for _ in range(2)]
    assert [run.stdout.strip() for run in runs] == ["True", "False"]  # built (and cached), then read back
