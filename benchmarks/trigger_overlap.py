"""Does a trigger copy a benchmark statement? Check Japanese triggers against every statement set.

Statements are how we find out whether the router understands text nobody wrote
for it, so a trigger must not repeat one, nor nearly (docs/authoring.md,
"Triggers"). For each trigger this prints, against the closest statement of all
sets (tests/fixtures/shared/eval, tests/fixtures/router/statements.yaml,
benchmarks/statements/*.yaml), the longest common run of characters, that run
as a share of the trigger, and the share of the trigger's character trigrams
found in one statement, after dropping spaces and punctuation and counting a
product name (Microsoft, Authenticator, Teams ...) as one character. A trigger
is marked COPY when the run is 10 characters or more, or either share is 0.45
or more. Only the figures are printed, never a statement (half of them are held
out and must not be read).

    python benchmarks/trigger_overlap.py --since main    # triggers added to content/ja since main
    printf 'tree\\tphrase\\n' | python benchmarks/trigger_overlap.py   # candidates, one a line

Exit status 1 when a trigger is marked COPY.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
STATEMENT_FILES = [*sorted((ROOT / "benchmarks" / "statements").glob("*.yaml")),
                   *sorted((ROOT / "tests" / "fixtures" / "shared" / "eval").glob("*.yaml")),
                   ROOT / "tests" / "fixtures" / "router" / "statements.yaml"]
PRODUCTS = re.compile(r"microsoft|authenticator|teams|outlook|office|onedrive|sharepoint|windows|entra")
PUNCTUATION = re.compile(r"[\s「」『』、。,.!?!?・()()\"']")
LONGEST_RUN = 10
SHARE = 0.45


def normalised(text: str) -> str:
    """Lower case, no spaces or punctuation, each product name one character."""
    return PRODUCTS.sub("§", PUNCTUATION.sub("", text.lower()))


def statements() -> list[str]:
    """Every statement text of every set, normalised."""
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    texts.append(normalised(value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in STATEMENT_FILES:
        if path.exists():
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return texts


def longest_common_run(a: str, b: str) -> int:
    """Length of the longest substring `a` and `b` share."""
    best, previous = 0, [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def trigrams(text: str) -> set[str]:
    """The character trigrams of `text`."""
    return {text[i:i + 3] for i in range(len(text) - 2)}


def overlap(phrase: str, texts: list[str]) -> tuple[int, float, float]:
    """(longest common run, its share of the phrase, largest trigram share) against `texts`."""
    mine = normalised(phrase)
    grams = trigrams(mine)
    run = max((longest_common_run(mine, text) for text in texts), default=0)
    share = max((len(grams & trigrams(text)) / len(grams) for text in texts), default=0.0) if grams else 0.0
    return run, run / max(len(mine), 1), share


def added_since(revision: str) -> list[tuple[str, str]]:
    """(tree, phrase) of the trigger lines added to content/ja since `revision`."""
    diff = subprocess.run(["git", "diff", revision, "--", "content/ja"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    found, tree = [], ""
    for line in diff.splitlines():
        header = re.match(r"\+\+\+ b/content/ja/(.+)\.yaml", line)
        if header:
            tree = header.group(1)
        elif line.startswith("+  - ") or line.startswith("+      - "):
            found.append((tree, str(yaml.safe_load(line[1:].strip()[2:]))))
    return found


def main(argv: list[str]) -> int:
    if "--since" in argv:
        candidates = added_since(argv[argv.index("--since") + 1])
    else:
        candidates = [tuple(line.rstrip("\n").split("\t", 1)) for line in sys.stdin if "\t" in line]
    texts = statements()
    copies = 0
    for tree, phrase in candidates:
        run, run_share, gram_share = overlap(phrase, texts)
        copy = run >= LONGEST_RUN or run_share >= SHARE or gram_share >= SHARE
        copies += copy
        print(f"{'COPY' if copy else 'ok  '}  run {run:2d} ({run_share:.2f})  trigrams {gram_share:.2f}  {tree}: {phrase}")
    print(f"{len(candidates)} triggers against {len(texts)} statements: {copies} copy one")
    return 1 if copies else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
