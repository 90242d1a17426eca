"""The wheel ships the trees, the words and the schemas, and works outside the checkout.

Builds a wheel of the project, unpacks it into a scratch folder (dependencies
come from the running environment), and runs `guide lint` and `guide paths`
from an unrelated folder, as a person would after `pip install .`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from support import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    process = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                              "-w", str(out), str(ROOT)], capture_output=True, text=True)
    assert process.returncode == 0, process.stderr
    [built] = out.glob("guide-*.whl")
    return built


def test_wheel_contains_content_and_schemas(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for tree in (ROOT / "guide" / "trees").glob("*.yaml"):
        assert f"guide/trees/{tree.name}" in names
        assert f"guide/content/ja/{tree.name}" in names and f"guide/content/en/{tree.name}" in names
    assert {"guide/trees/tree.schema.json", "guide/trees/content.schema.json", "guide/taxonomy.yaml"} <= names
    for scenario in (ROOT / "tests" / "scenarios").glob("*.yaml"):
        assert f"guide/scenarios/{scenario.name}" in names


def test_installed_guide_lints_builtin_content_from_elsewhere(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    for args in (["lint"], ["coverage"], ["paths", "--count"]):
        process = subprocess.run([sys.executable, "-m", "guide", *args], cwd=elsewhere, env=env,
                                 capture_output=True, text=True)
        assert process.returncode == 0, process.stderr
    where = subprocess.run([sys.executable, "-c", "import guide; print(guide.__file__)"], cwd=elsewhere, env=env,
                           capture_output=True, text=True).stdout
    assert where.startswith(str(site))
    assert int(process.stdout) > 0
