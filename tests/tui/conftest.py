"""Fixtures for the UI tests: the small fixture content, a private state folder, a fixed size.

Every test gets its own session folder (``GUIDE_STATE_DIR``) and export folder
under `tmp_path`, so nothing touches the real state and runs never see each
other's saved sessions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.engine.loader import load_content

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "basic"
"""The small two-tree content set (demo, other) in Japanese and English."""

ACTIONS = Path(__file__).resolve().parent / "fixtures" / "actions"
"""A one-tree content set (clock) whose resolution has two runnable actions."""

SIZE = (100, 40)
"""The terminal size every UI test runs at."""


@pytest.fixture
def size() -> tuple[int, int]:
    """The terminal size to run the app at (`SIZE`)."""
    return SIZE


@pytest.fixture(scope="session")
def content():
    """The fixture content set, loaded once."""
    loaded = load_content(FIXTURES / "trees", FIXTURES / "content")
    assert not [d for d in loaded.content.defects if d.severity == "error"], loaded.content.defects
    return loaded.content


@pytest.fixture(scope="session")
def shipped():
    """The content shipped with the package, loaded once."""
    return load_content().content


@pytest.fixture(scope="session")
def actions_content():
    """The fixture content with runnable actions (`ACTIONS`), loaded once."""
    loaded = load_content(ACTIONS / "trees", ACTIONS / "content")
    assert not [d for d in loaded.content.defects if d.severity == "error"], loaded.content.defects
    return loaded.content


class FakeRunner:
    """A stand-in for `subprocess.run` that records every argument list and runs nothing.

    Attributes:
        calls: Each argument list it was given, with the keyword arguments.
        returncode: The exit code it reports.
        error: An exception to raise instead (a program that cannot start).
    """

    def __init__(self, returncode: int = 0, error: Exception | None = None) -> None:
        self.calls: list[tuple[list[str], dict]] = []
        self.returncode = returncode
        self.error = error

    def __call__(self, argv, **options):
        import subprocess

        self.calls.append((list(argv), options))
        if self.error is not None:
            raise self.error
        name = Path(argv[0].replace("\\", "/")).name
        return subprocess.CompletedProcess(argv, self.returncode, f"{name} output\n".encode(), b"")

    @property
    def programs(self) -> list[str]:
        """The programs started, by file name (``dsregcmd.exe``), in order."""
        return [argv[0].replace("\\", "/").rsplit("/", 1)[-1] for argv, _ in self.calls]


@pytest.fixture
def runner() -> FakeRunner:
    """A process runner that runs nothing and records what it was asked to run."""
    return FakeRunner()


@pytest.fixture
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private session folder for this test."""
    folder = tmp_path / "state"
    monkeypatch.setenv("GUIDE_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def export_dir(tmp_path: Path) -> Path:
    """Where this test's ticket notes are written."""
    return tmp_path / "tickets"


@pytest.fixture
def make(content, state_dir: Path, export_dir: Path):
    """Build the app as the CLI does, over the fixture content and the private folders."""
    from guide.tui.app import make_app

    def build(**options):
        options.setdefault("content_set", content)
        options.setdefault("export_dir", export_dir)
        return make_app(**options)

    return build


@pytest.fixture(scope="session")
def markup_content(tmp_path_factory):
    """The fixture content with square brackets (markup look-alikes) in a question and an answer."""
    import shutil

    folder = tmp_path_factory.mktemp("markup")
    shutil.copytree(FIXTURES, folder, dirs_exist_ok=True)
    words = folder / "content" / "en" / "demo.yaml"
    text = words.read_text(encoding="utf-8")
    text = text.replace("text: Are you a guest?", 'text: "Are you a [b]guest[/b]? See [*.]microsoft.com"')
    text = text.replace('yes: "Yes"', 'yes: "[red]Yes[/red]"')
    words.write_text(text, encoding="utf-8")
    return load_content(folder / "trees", folder / "content").content
