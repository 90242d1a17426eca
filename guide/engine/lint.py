"""`guide lint`: every defect of a content set, located and with a stable code.

Loading already reports unreadable files and files of the wrong shape; this
module adds what only the whole set can show: references, reachability,
cycles, dead ends, causes, actions and their parameters, sources, evidence
facts, translations (missing, orphaned, stale, answer keys) and text that
would render badly (ambiguous-width characters, markup). The codes are listed
with their meaning in `CODES`; docs/lint-codes.md is generated from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from guide.engine import spec
from guide.engine.collector import collector_paused
from guide.engine.actions import REGISTRY, validate_params
from guide.engine.compiler import (THEN, Numbered, compile_graph, exists, find_cycle, is_acyclic, show_cycle, start_ref,
                                   transitions)
from guide.engine.evidence.facts import FACTS
from guide.engine.errors import ContentError
from guide.engine.lint_strings import examine
from guide.engine.lint_wording import missing_terms
from guide.engine.loader import Loaded, load_content
from guide.engine.places import default_trees_dir
from guide.engine.model import ESCALATION, INFO, LINK, QUESTION, RESOLUTION, Defect, NodeRef, NodeText, TreeText
from guide.engine.routing.examples import check_examples
from guide.engine.routing.written import check_written
from guide.engine.taxonomy import Taxonomy, load_taxonomy
from guide.engine.translation import SOURCE_LANG, node_hash, title_hash

if TYPE_CHECKING:
    from guide.engine.cache import FileCache

CODES: dict[str, str] = {
    # reading files
    "unreadable": "The file cannot be read.",
    "encoding": "The file is not UTF-8.",
    "file-too-large": "The file is larger than the reader accepts.",
    "yaml-syntax": "The YAML is malformed.",
    "duplicate-key": "A mapping has the same key twice.",
    "yaml-tag": "A tag other than the plain core types is used.",
    "yaml-too-deep": "Nesting is deeper than the reader accepts.",
    "yaml-too-large": "Too many values, usually from alias expansion.",
    "yaml-merge": "A merge key (<<) is used.",
    "yaml-key": "A mapping key is not a plain scalar.",
    "schema-type": "A value has the wrong type.",
    "schema-value": "A value is not allowed here.",
    "schema-required": "A required key is missing.",
    "schema-unknown-key": "A key is not part of the format (often a typo).",
    "schema-key": "A key is not a valid id.",
    "missing-folder": "The trees or content folder does not exist.",
    "duplicate-tree": "Two files define the same tree id.",
    "file-name": "A file is not named after the tree it holds.",
    "content-file": "A content file is in the wrong place or duplicates another.",
    # structure
    "missing-start": "A tree has no start node, or its start does not exist.",
    "unknown-node": "An answer, next or link names a node that does not exist.",
    "unknown-tree": "A link names a tree that does not exist.",
    "unreachable-node": "No walk from any tree's start reaches the node.",
    "dead-end": "A node from which no resolution or escalation can be reached.",
    "cycle": "The nodes form a loop; trees must be acyclic (going back is the session's job).",
    "missing-cause": "A resolution concludes no cause.",
    "missing-actions": "A resolution or escalation names no action.",
    "unknown-cause": "A cause id is not in the taxonomy.",
    "unknown-symptom": "A tree's symptom id is not in the taxonomy.",
    "unknown-action": "An action id is not in the registry.",
    "action-params": "An action's parameters are missing, unknown or invalid.",
    "missing-sources": "A node that states facts lists no public source.",
    "unknown-source": "A source key is not defined in the tree's sources.",
    "unused-source": "A source is defined but no node cites it.",
    "unknown-fact": "answered_by names a fact the checks never produce.",
    "fact-value": "answered_by maps a value the fact cannot take, or to a missing answer.",
    # words
    "missing-content": "A tree has no words file in a language.",
    "missing-text": "A node has no words in a language.",
    "orphan-text": "Words exist for a node or tree that does not exist.",
    "answer-keys": "A question's answer labels do not match its answer keys.",
    "missing-source-hash": "A translation entry does not say which source text it translates.",
    "translation-stale": "The source text changed since the translation was made.",
    "ambiguous-width": "A character is drawn one or two cells wide depending on the terminal.",
    "markup": "Text looks like Textual/Rich markup; it is shown literally.",
    "control-character": "A file or text holds a control character (NUL, an escape sequence...) that would reach "
                         "the person's terminal.",
    "outdated-ui-path": "Text names a console path the product no longer shows, without the current one.",
    "ja-wording": "Japanese text uses a phrasing known to read as translated.",
    "term-mismatch": "A node's words name a term (MFA, CAE...) in one language and not in the other.",
    # routing examples (guide/examples/), checked with the package's own trees
    "bad-example": "A routing example is malformed, names no symptom tree, lacks its source or repeats another.",
    # the written training corpus (guide/training/), checked with the package's own trees
    "bad-written": "A written training statement is malformed, names no symptom tree or voice, or repeats another.",
}
"""Every defect code lint can report, with its meaning."""

WARNINGS = frozenset({"unreachable-node", "unused-source", "ambiguous-width", "markup", "file-name",
                      "outdated-ui-path", "ja-wording", "term-mismatch"})
"""Codes reported as warnings: they do not fail `guide lint`."""


class _Linter:
    """Collects defects for one loaded content set."""

    def __init__(self, loaded: Loaded, taxonomy: Taxonomy) -> None:
        self.loaded = loaded
        self.content = loaded.content
        self.taxonomy = taxonomy
        self.defects: list[Defect] = []
        self.later: dict[tuple[str, object, str], list[tuple[tuple, bool, str, str]]] = {}
        """(``tree`` or ``text``, its key, file) → (data path, at its key?, code, message) of each defect the model cannot
        place: located at the end, reading each such file once (`locate_later`)."""
        for defect in loaded.content.defects:
            self.add(defect.path, (defect.line, defect.col), defect.code, defect.message)
        for path, line, col, code, message in loaded.findings:
            self.add(path, (line, col), code, message)

    def add(self, path: str, where: tuple[int, int], code: str, message: str) -> None:
        severity = "warning" if code in WARNINGS else "error"
        self.defects.append(Defect(path, where[0], where[1], severity, code, message))

    def tree_defect(self, tree_id: str, data_path: tuple, code: str, message: str, *, key: bool = False) -> None:
        tree = self.content.trees[tree_id]
        self.defect_in("tree", tree_id, tree.path, tree.nodes, data_path, code, message, key)

    def text_defect(self, text: TreeText, data_path: tuple, code: str, message: str, *, key: bool = False) -> None:
        self.defect_in("text", (text.lang, text.tree), text.path, text.nodes, data_path, code, message, key)

    def defect_in(self, kind: str, doc_key: object, path: str, nodes, data_path: tuple, code: str,
                  message: str, key: bool) -> None:
        """A defect at `data_path` of a file: at once when it is a node's own key (the model knows where
        that is), else located later from the file."""
        if key and len(data_path) == 2 and data_path[0] == "nodes" and data_path[1] in nodes:
            node = nodes[data_path[1]]
            self.add(path, (node.line, node.col), code, message)
        else:
            self.later.setdefault((kind, doc_key, path), []).append((data_path, key, code, message))

    def locate_later(self) -> None:
        """Locate the defects waiting in `later`, reading each of their files once, one at a time."""
        for (kind, doc_key, path), waiting in self.later.items():
            try:
                doc = (self.loaded.tree_docs if kind == "tree" else self.loaded.text_docs)[doc_key]
            except ContentError:  # changed since it was loaded and no longer reads: the start of the file
                doc = None
            for data_path, key, code, message in waiting:
                self.add(path, doc.where(data_path, key=key) if doc else (1, 1), code, message)
        self.later.clear()

    def examine_unexamined(self) -> None:
        """What the loader's `examine` finds, for the files loaded without it (read again, one at a time)."""
        for lang, doc_key in self.loaded.unexamined:
            doc = (self.loaded.tree_docs if lang is None else self.loaded.text_docs)[doc_key]
            for data_path, code, message in examine(doc.data, lang):
                self.add(doc.path, doc.where(data_path), code, message)

    def check_examples(self) -> None:
        """The routing examples and the written corpus shipped in the package (`guide.engine.routing.examples`,
        `guide.engine.routing.written`), when the content linted is the package's own: they name its trees, and
        another content set simply has none."""
        first = next(iter(self.content.trees.values()), None)  # every tree of a set is read from one folder
        if first is None or Path(first.path).resolve().parent != default_trees_dir().resolve():
            return
        symptom_trees = {tree_id for tree_id, tree in self.content.trees.items() if tree.symptom}
        for name, line, col, message in check_examples(symptom_trees):
            self.add(name, (line, col), "bad-example", message)
        for name, line, col, message in check_written(symptom_trees):
            self.add(name, (line, col), "bad-written", message)

    # --- structure -------------------------------------------------------

    def check_structure(self) -> None:
        for tree in self.content.trees.values():
            if tree.symptom and tree.symptom not in self.taxonomy.symptoms:
                self.tree_defect(tree.id, ("symptom",), "unknown-symptom", f"symptom {tree.symptom!r} is not in "
                                 "the taxonomy; use a symptom id from guide/taxonomy.yaml")
            if not tree.start:
                self.tree_defect(tree.id, ("id",), "missing-start", "the tree has no start; add start: <node id>")
            elif tree.start not in tree.nodes:
                self.tree_defect(tree.id, ("start",), "missing-start", f"start node {tree.start!r} does not exist")
            for node in tree.nodes.values():
                self.check_references(tree.id, node)
                self.check_conclusion(tree.id, node)
                self.check_sources(tree.id, node)
                self.check_fact(tree.id, node)
            cited = {url for node in tree.nodes.values() for url in node.sources}
            for key, url in tree.sources.items():
                if url not in cited:
                    self.tree_defect(tree.id, ("sources", key), "unused-source",
                                     f"source {key!r} is cited by no node; cite it or remove it", key=True)
        self.check_graph(Numbered(self.content))

    def check_references(self, tree_id: str, node) -> None:
        ref = NodeRef(tree_id, node.id)
        if node.type == LINK and node.link.tree in self.loaded.failed_trees:
            return
        if node.type == LINK and node.link.tree not in self.content.trees:
            self.tree_defect(tree_id, ("nodes", node.id, "tree"), "unknown-tree",
                             f"link to tree {node.link.tree!r}, which does not exist")
            return
        for key, target in transitions(self.content, ref):
            if exists(self.content, target):
                continue
            if node.type == QUESTION:
                field = ("answers", key)
            elif node.type == LINK:
                field = ("then",) if key == THEN else ("node",) if node.link.node else ("tree",)
            else:
                field = ("next",)
            self.tree_defect(tree_id, ("nodes", node.id, *field), "unknown-node",
                             f"{node.id} leads to {target.show(tree_id)!r}, which does not exist")

    def check_conclusion(self, tree_id: str, node) -> None:
        at = ("nodes", node.id)
        if node.type == RESOLUTION:
            if not node.cause:
                self.tree_defect(tree_id, at, "missing-cause", f"resolution {node.id} concludes no cause; add cause:",
                                 key=True)
            elif node.cause not in self.taxonomy.causes:
                self.tree_defect(tree_id, at + ("cause",), "unknown-cause",
                                 f"cause {node.cause!r} is not in the taxonomy (guide/taxonomy.yaml)")
        if node.type in (RESOLUTION, ESCALATION):
            if not node.actions:
                self.tree_defect(tree_id, at, "missing-actions", f"{node.type} {node.id} names no action; "
                                 "add actions: with ids from `guide actions`", key=True)
            for index, action in enumerate(node.actions):
                where = at + ("actions", index)
                if action.id not in REGISTRY:
                    self.tree_defect(tree_id, where, "unknown-action",
                                     f"action {action.id!r} is not in the registry; see `guide actions`")
                    continue
                for problem in validate_params(action.id, action.params):
                    self.tree_defect(tree_id, where, "action-params", f"{action.id}: {problem}")

    def check_sources(self, tree_id: str, node) -> None:
        tree = self.content.trees[tree_id]
        for index, url in enumerate(node.sources):
            if not url.startswith("https://"):
                self.tree_defect(tree_id, ("nodes", node.id, "sources", index), "unknown-source",
                                 f"source {url!r} is not defined under the tree's sources: "
                                 f"{', '.join(tree.sources) or '(none)'}")
        if node.type in (RESOLUTION, INFO) and not node.sources:
            self.tree_defect(tree_id, ("nodes", node.id), "missing-sources",
                             f"{node.type} {node.id} states facts but lists no sources; add sources:", key=True)

    def check_fact(self, tree_id: str, node) -> None:
        if node.answered_by is None:
            return
        at = ("nodes", node.id, "answered_by")
        fact = FACTS.get(node.answered_by.fact)
        if fact is None:
            self.tree_defect(tree_id, at + ("fact",), "unknown-fact",
                             f"no check produces fact {node.answered_by.fact!r}; see guide/engine/evidence/facts.py")
            return
        for value, answer in node.answered_by.values.items():
            if value not in fact.values:
                self.tree_defect(tree_id, at + ("values", value), "fact-value",
                                 f"{fact.id} never has the value {value!r}; its values are {', '.join(fact.values)}",
                                 key=True)
            if answer not in node.answers:
                self.tree_defect(tree_id, at + ("values", value), "fact-value",
                                 f"{value!r} maps to answer {answer!r}, which {node.id} does not have")

    def check_graph(self, graph: Numbered) -> None:
        successors = graph.successors
        cycle = None if is_acyclic(successors) else find_cycle(compile_graph(self.content))
        if cycle:
            first = cycle[0]
            self.tree_defect(first.tree, ("nodes", first.node), "cycle",
                             f"cycle {show_cycle(cycle)}; trees must not loop (the session's back key goes back)", key=True)
        refs = graph.refs
        roots = [graph.at(ref) for ref in (start_ref(self.content, tree_id) for tree_id in self.content.trees) if ref]
        predecessors: list[list[int]] = [[] for _ in refs]
        for at, onward in enumerate(successors):
            for target in onward:
                predecessors[target].append(at)
        reached = _closure(roots, successors)
        can_end = _closure([at for at, ref in enumerate(refs)
                            if self.content.node(ref).is_conclusion or self._into_failed(ref)], predecessors)
        for at, ref in enumerate(refs):
            where = ("nodes", ref.node)
            if at not in reached and start_ref(self.content, ref.tree):
                self.tree_defect(ref.tree, where, "unreachable-node",
                                 f"{ref.node} cannot be reached from any start; link to it or remove it",
                                 key=True)
            if at not in can_end:
                self.tree_defect(ref.tree, where, "dead-end",
                                 f"{ref.node} leads to no resolution or escalation; give it a way on", key=True)

    def _into_failed(self, ref: NodeRef) -> bool:
        """Whether `ref` links into a tree whose file failed to load (already reported there)."""
        node = self.content.node(ref)
        return node.type == LINK and node.link.tree in self.loaded.failed_trees

    # --- words -----------------------------------------------------------

    def check_words(self) -> None:
        texts = self.content.texts
        for lang in spec.LANGS:
            for tree in self.content.trees.values():
                text = texts.get((lang, tree.id))
                if text is None:
                    self.tree_defect(tree.id, ("id",), "missing-content",
                                     f"tree {tree.id} has no {lang} words; add content/{lang}/{tree.id}.yaml")
                    continue
                self.check_tree_words(tree, text)
            for (text_lang, tree_id), text in texts.items():
                if text_lang == lang and tree_id not in self.content.trees and tree_id not in self.loaded.failed_trees:
                    self.text_defect(text, ("tree",), "orphan-text",
                                     f"words for tree {tree_id!r}, which does not exist; remove the file or add the tree")

    def check_tree_words(self, tree, text: TreeText) -> None:
        source = self.content.texts.get((SOURCE_LANG, tree.id)) if text.lang != SOURCE_LANG else None
        if source is not None:
            self.check_hash(text, ("title",), ("source_hash",), text.source_hash, title_hash(source.title),
                            "the title")
        for node in tree.nodes.values():
            words = text.nodes.get(node.id)
            if words is None:
                if not node.is_passage:
                    self.tree_defect(tree.id, ("nodes", node.id), "missing-text",
                                     f"{node.id} has no {text.lang} words in {text.path}", key=True)
                continue
            at = ("nodes", node.id)
            if node.type == QUESTION and set(words.answers) != set(node.answers):
                missing = sorted(set(node.answers) - set(words.answers))
                extra = sorted(set(words.answers) - set(node.answers))
                detail = "; ".join(filter(None, [missing and f"missing labels: {', '.join(missing)}",
                                                 extra and f"labels for no answer: {', '.join(extra)}"]))
                self.text_defect(text, at + ("answers",), "answer-keys", f"{node.id}: {detail}")
            elif node.type != QUESTION and words.answers:
                self.text_defect(text, at + ("answers",), "answer-keys",
                                 f"{node.id} is a {node.type} and has no answers; remove the labels")
            if source is not None and node.id in source.nodes:
                self.check_hash(text, at, at + ("source_hash",), words.source_hash,
                                node_hash(source.nodes[node.id]), node.id)
                self.check_terms(text, node.id, source.nodes[node.id], words)
        for node_id in text.nodes:
            if node_id not in tree.nodes:
                self.text_defect(text, ("nodes", node_id), "orphan-text",
                                 f"words for node {node_id!r}, which tree {tree.id} does not have", key=True)

    def check_hash(self, text: TreeText, owner: tuple, hash_at: tuple, found: str | None, expected: str,
                   what: str) -> None:
        if found is None:
            self.text_defect(text, owner, "missing-source-hash",
                             f"{what}: add source_hash: \"{expected}\" once the {text.lang} words match "
                             f"the {SOURCE_LANG} source (or run `guide stamp --lang {text.lang}`)", key=True)
        elif found != expected:
            self.text_defect(text, hash_at, "translation-stale",
                             f"{what}: the {SOURCE_LANG} source changed since this translation ({found}); "
                             f"update the {text.lang} words, then set source_hash: \"{expected}\"")

    def check_terms(self, text: TreeText, node_id: str, source: NodeText, words: NodeText) -> None:
        """Terms the source words of a field name and the translation does not (or the other way round)."""
        fields = [("text", source.text, words.text)] + [
            (audience, source.audiences[audience], words.audiences[audience])
            for audience in source.audiences if audience in words.audiences]
        for field_name, original, translated in fields:
            for term in missing_terms(SOURCE_LANG, original, text.lang, translated):
                self.text_defect(text, ("nodes", node_id, field_name), "term-mismatch",
                                 f"{node_id} {field_name}: {term} is named in one language only; say the same in both")


def _closure(starts: list[int], neighbours: list[list[int]]) -> set[int]:
    """Every node (by position) reachable from any of `starts` by following `neighbours`."""
    seen = set(starts)
    pending = list(starts)
    while pending:
        for other in neighbours[pending.pop()]:
            if other not in seen:
                seen.add(other)
                pending.append(other)
    return seen


def codes_markdown() -> str:
    """The table of lint codes for docs/lint-codes.md (a test keeps the file in step)."""
    rows = [f"| `{code}` | {'warning' if code in WARNINGS else 'error'} | {meaning} |" for code, meaning in CODES.items()]
    return ("# Lint codes\n\nGenerated by `guide lint --list-codes`; every code has a test in tests/test_lint.py.\n\n"
            "| code | severity | meaning |\n|---|---|---|\n" + "\n".join(rows) + "\n")


def read(trees_dir: Path | None = None, content_dir: Path | None = None, *,
         files: FileCache | None = None) -> Loaded:
    """A content set loaded for `lint`: each file's own checks (`lint_strings.examine`) run while it is read,
    so that no parsed document need be kept or read again; with `files`, unchanged files come from there."""
    return load_content(trees_dir, content_dir, files=files, examine=examine)


def lint(loaded: Loaded, taxonomy: Taxonomy | None = None) -> list[Defect]:
    """Every defect of a loaded content set, sorted by file and position."""
    with collector_paused():  # lint makes many objects and no garbage cycles
        linter = _Linter(loaded, taxonomy or load_taxonomy())
        linter.examine_unexamined()
        linter.check_structure()
        linter.check_words()
        linter.check_examples()
        linter.locate_later()
    unique = {(d.path, d.line, d.col, d.code, d.message): d for d in linter.defects}
    return sorted(unique.values(), key=lambda d: (d.path, d.line, d.col, d.code))
