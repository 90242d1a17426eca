"""docs/cli.md, the command reference in the project, names every command and flag `guide` has.

README links to it (users have no copy of the contract it was written from);
a command or flag added to the parser without a word here fails this test.
"""

from __future__ import annotations

import argparse
import re

from guide.cli import build_parser
from support import ROOT

DOC = ROOT / "docs" / "cli.md"

CONTRACT_ONLY = {"report": ["--since", "--until", "--tree", "--mode", "--version", "--compare", "--html",
                            "--purge-before"],
                 "serve": ["--db", "--workers", "--helpdesk", "--report-token"]}
"""Commands and flags of the command-line contract that other parts of the project add."""


def sections() -> dict[str, str]:
    """Command name → the text of its section(s) (``## guide NAME``)."""
    text = DOC.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for block in re.split(r"(?m)^## ", text)[1:]:
        heading = block.splitlines()[0]
        match = re.match(r"guide (?:/ guide )?([a-z]+)", heading)
        if match:
            found[match.group(1)] = found.get(match.group(1), "") + block
    return found


def test_every_command_and_flag_is_documented():
    parser = build_parser()
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    documented = sections()
    common = {"--lang", "--trees", "--content", "--json", "-h", "--help"}
    text = DOC.read_text(encoding="utf-8")
    for flag in common - {"-h", "--help"}:
        assert f"`{flag}" in text, flag
    for name, sub in commands.choices.items():
        assert name in documented, f"docs/cli.md has no section for guide {name}"
        for action in sub._actions:
            for flag in set(action.option_strings) - common:
                assert flag in documented[name], f"guide {name} {flag} is not in docs/cli.md"
    for name, flags in CONTRACT_ONLY.items():
        assert name in documented and all(flag in documented[name] or flag in text for flag in flags), name


def test_every_exit_code_is_explained_and_readme_links_here():
    text = DOC.read_text(encoding="utf-8")
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    outside = re.findall(r"\]\((\.\./[^)]*)\)|`(\.\./[^`]*)`", readme)
    assert "(docs/cli.md)" in readme and not outside, f"README points outside the project: {outside}"
