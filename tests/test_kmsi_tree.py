"""The kmsi-missing tree: every cause it must cover is reached by `guide walk`, in both languages."""

from __future__ import annotations

import pytest

from guide.engine.model import NEXT

REQUIRED_CAUSES = [
    "kmsi-option-disabled", "kmsi-federated-iwa", "kmsi-seamless-sso", "kmsi-guest-user",
    "kmsi-risk-or-shared-device", "kmsi-consent-flow", "kmsi-persistent-browser-policy",
    "kmsi-by-design-external-forms", "risky-sign-in", "browser-cookies-blocked",
]
PSSO_VARIANTS = {"intranet", "intranet-group", "x-ms-proxy"}


@pytest.fixture(scope="module")
def paths():
    from guide.cli import main
    import io
    import json
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["paths", "--tree", "kmsi-missing", "--json"]) == 0
    return json.loads(out.getvalue())["paths"]


def shortest_to(paths, cause):
    return min((p for p in paths if p["cause"] == cause), key=lambda p: len(p["nodes"]))


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("cause", REQUIRED_CAUSES)
def test_walk_reaches_each_cause(run_guide, paths, cause, lang):
    path = shortest_to(paths, cause)
    answers = [f"--answer={answer}" for answer in path["answers"] if answer != NEXT]
    result = run_guide("walk", "kmsi-missing", *answers, "--lang", lang, "--json")
    assert result.code == 0, result.err
    document = result.json()
    assert document["cause"] == cause and document["finished"] is True and document["at"] == path["end"]
    assert document["actions"], "a resolution always names its actions"
    assert document["transcript_markdown"].count("\n") > 3


def test_all_three_psso_variants_are_offered(paths):
    from guide.engine.loader import load_content

    tree = load_content().content.trees["kmsi-missing"]
    variants = {action.params.get("variant") for node in tree.nodes.values() for action in node.actions
                if action.id == "adfs-add-psso-rule"}
    assert PSSO_VARIANTS <= variants
    assert all(any(p["end"] == node.id for p in paths) for node in tree.nodes.values() if node.is_conclusion)


def test_every_fact_node_cites_sources():
    from guide.engine.loader import load_content

    tree = load_content().content.trees["kmsi-missing"]
    for node in tree.nodes.values():
        if node.type in ("resolution", "info"):
            assert node.sources and all(url.startswith("https://") for url in node.sources), node.id
