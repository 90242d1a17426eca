"""Evidence in the UI: files and pasted text read by the engine's checks (plain Python, no Textual).

Evidence gives facts (which the session holds, so questions that name a fact
get a proposed answer with its reason) and findings (causes with actions,
which the evidence screen lists; choosing one jumps to the resolution that
concludes the same cause). Nothing here alters the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from guide.engine.evidence.base import Evidence, Finding
from guide.engine.model import RESOLUTION, ContentSet, NodeRef
from guide.engine.session import HeldFact


@dataclass
class EvidenceBook:
    """Every piece of evidence read in this run, and what the checks concluded from it."""

    items: list[Evidence] = field(default_factory=list)
    """Evidence in the order it was added."""
    findings: list[Finding] = field(default_factory=list)
    """Findings in the order they were drawn (duplicates left out)."""
    pasted: int = 0
    """How many texts were pasted (they are named ``pasted-1``, ``pasted-2``, ...)."""

    def add(self, items: Iterable[Evidence], findings: Iterable[Finding]) -> None:
        """Record more evidence and its findings."""
        self.items += list(items)
        self.findings += [finding for finding in findings if finding not in self.findings]

    def facts(self) -> dict[str, HeldFact]:
        """Every fact, later evidence winning, as the session holds them."""
        return {fact_id: HeldFact(fact, item.file) for item in self.items for fact_id, fact in item.facts.items()}

    def read_files(self, paths: Sequence[str], lang: str) -> list[Evidence]:
        """Read evidence files (recognised by content) and run the checks; returns what was read."""
        from guide.engine.evidence.runner import check_files

        report = check_files(list(paths))
        self.add(report.evidence, report.findings)
        return list(report.evidence)

    def read_pasted(self, text: str) -> Evidence:
        """Read pasted text as evidence (named ``pasted-N``) and run the checks on it."""
        from guide.engine.evidence.runner import findings_for, read_text

        self.pasted += 1
        evidence = read_text(f"pasted-{self.pasted}", text)
        self.add([evidence], findings_for(evidence))
        return evidence


def resolution_for(content: ContentSet, cause: str, prefer_tree: str | None = None) -> NodeRef | None:
    """A resolution that concludes `cause`: in `prefer_tree` when it has one, else in the first tree that does."""
    trees = sorted(content.trees, key=lambda tree: (tree != prefer_tree, tree))
    for tree in trees:
        for node_id, node in content.trees[tree].nodes.items():
            if node.type == RESOLUTION and node.cause == cause:
                return NodeRef(tree, node_id)
    return None

