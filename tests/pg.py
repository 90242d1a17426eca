"""A real PostgreSQL server for the tests: ``$GUIDE_TEST_PG``, else a private throwaway cluster.

``$GUIDE_TEST_PG`` is the URL of a server where the tests may create databases
(``.ci/run`` starts one and sets it; README says how a developer does). Without
it, the Debian/Ubuntu server programs (``/usr/lib/postgresql/*/bin``) start a
cluster of this run in a temporary folder on a free port, run as the
``postgres`` user when the tests run as root, and removed at the end. Run as a
script, this module starts and stops such a cluster for .ci/run.

Fixtures (imported by conftest.py, so every test can ask for them):

- ``pg_server``: the server's URL (session-wide).
- ``pg_database``: a function that creates a new empty database and returns its
  URL; the databases of a test module are dropped when the module ends.
- ``pg_url``: one database for the whole test module.

No server at all fails the tests under ``CI=true``; elsewhere they are skipped
with a reason saying how to get one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest

CLUSTER_USER = "guide_test"
"""The superuser of a private cluster (trust authentication, loopback only)."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_programs() -> Path | None:
    """The newest installed PostgreSQL's programs folder."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0)
    return found[-1].parent if found else None


def _as_owner(folder: Path) -> list[str]:
    """The prefix that runs the server programs as the owner of `folder` (postgres, when the tests run as root)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # initdb refuses root
        shutil.chown(folder, "postgres")
        return ["runuser", "-u", "postgres", "--"]
    return []


def start_cluster(programs: Path, folder: Path) -> str:
    """Create and start a cluster in `folder` (loopback, a free port, trust); returns its URL."""
    as_owner, data, port = _as_owner(folder), folder / "data", _free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    try:
        for command in ([str(programs / "initdb"), "-D", str(data), "-U", CLUSTER_USER, "--auth=trust", "-E", "UTF8",
                         "--locale=C", "--no-sync"],
                        [str(programs / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", options, "-w",
                         "start"]):
            subprocess.run([*as_owner, *command], check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"could not start a PostgreSQL cluster with {programs} in {folder}: "
                           f"{(exc.stderr or exc.stdout).strip()}") from None
    return f"postgresql://{CLUSTER_USER}@127.0.0.1:{port}/postgres"


def stop_cluster(programs: Path, folder: Path) -> None:
    """Stop the cluster in `folder` and remove the folder."""
    subprocess.run([*_as_owner(folder), str(programs / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate",
                    "stop"], capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def private_cluster(programs: Path) -> Iterator[str]:
    """A cluster of its own in a temporary folder; yields its URL and removes it afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="guide-pg-"))
    try:
        yield start_cluster(programs, folder)
    finally:
        stop_cluster(programs, folder)


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required in CI: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason}; set GUIDE_TEST_PG or install Debian's postgresql (README)")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server the tests may create databases on."""
    given = os.environ.get("GUIDE_TEST_PG")
    if given:
        yield given
        return
    programs = _server_programs()
    if programs is None:
        _missing("GUIDE_TEST_PG is not set and no /usr/lib/postgresql/*/bin/initdb is installed")
    with private_cluster(programs) as url:
        yield url


def _with_database(server: str, name: str) -> str:
    head, _, _ = server.rpartition("/")
    return f"{head}/{name}"


@pytest.fixture(scope="module")
def pg_database(pg_server: str, request) -> Iterator[Callable[[], str]]:
    """Creates empty databases on demand (each call a new one); drops them when the module ends."""
    import psycopg

    made: list[str] = []
    module = request.module.__name__.rsplit(".", 1)[-1].lower()[:30]

    def create() -> str:
        name = f"guide_test_{module}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return _with_database(pg_server, name)

    yield create
    with psycopg.connect(pg_server, autocommit=True) as admin:
        for name in made:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def pg_url(pg_database: Callable[[], str]) -> str:
    """One database for the whole test module."""
    return pg_database()


if __name__ == "__main__":
    # .ci/run: ``python tests/pg.py start FOLDER`` prints the URL of a new cluster in FOLDER;
    # ``python tests/pg.py stop FOLDER`` stops it and removes FOLDER.
    import sys

    action, where = sys.argv[1], Path(sys.argv[2])
    binaries = _server_programs()
    if binaries is None:
        sys.exit("no /usr/lib/postgresql/*/bin/initdb: install Debian's postgresql")
    if action == "start":
        print(start_cluster(binaries, where))
    else:
        stop_cluster(binaries, where)
