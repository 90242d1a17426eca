"""Generate large content sets for benchmarks: trees with thousands of nodes, in ja and en.

`write_content_set(folder, nodes)` writes one tree whose questions each lead to
the next two nodes (so most nodes have two parents), with a resolution every
tenth node and complete, correctly hashed Japanese and English words.
`write_ladder(folder, depth)` writes a tree with 2**depth paths.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from guide.engine.model import NodeText
from guide.engine.translation import node_hash, title_hash

SOURCE = "https://learn.microsoft.com/en-us/entra/fundamentals/how-to-manage-stay-signed-in-prompt"


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the same text as safe_dump, written in C
    path.write_text(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _words(nodes: dict, tree_id: str, title_ja: str) -> tuple[dict, dict]:
    ja_nodes, en_nodes = {}, {}
    for node_id, node in nodes.items():
        answers = {key: f"答え {key}" for key in node.get("answers", {})}
        ja = {"title": f"ノード {node_id}", "text": f"{node_id} の説明です。サインインの状態を確認してください。"}
        if answers:
            ja["answers"] = answers
        ja_nodes[node_id] = ja
        source = NodeText(ja["title"], ja["text"], 0, 0, answers=answers)
        en = {"source_hash": node_hash(source), "title": f"Node {node_id}",
              "text": f"About {node_id}. Check the sign-in state."}
        if answers:
            en["answers"] = {key: f"Answer {key}" for key in answers}
        en_nodes[node_id] = en
    ja_doc = {"tree": tree_id, "lang": "ja", "title": title_ja, "nodes": ja_nodes}
    en_doc = {"tree": tree_id, "lang": "en", "source_hash": title_hash(title_ja), "title": f"Tree {tree_id}",
              "nodes": en_nodes}
    return ja_doc, en_doc


def write_tree(folder: Path, tree_id: str, nodes: dict, start: str) -> None:
    """Write one tree and its ja/en words under folder/trees and folder/content."""
    _dump(folder / "trees" / f"{tree_id}.yaml",
          {"id": tree_id, "symptom": "kmsi-missing", "start": start, "sources": {"kmsi": SOURCE}, "nodes": nodes})
    ja_doc, en_doc = _words(nodes, tree_id, f"ツリー {tree_id}")
    _dump(folder / "content" / "ja" / f"{tree_id}.yaml", ja_doc)
    _dump(folder / "content" / "en" / f"{tree_id}.yaml", en_doc)


def write_content_set(folder: Path, count: int, trees: int = 1) -> Path:
    """`trees` trees of `count // trees` nodes each: questions leading to the next two nodes, resolutions
    every tenth (a file holds at most `yamlio.MAX_FILE_BYTES`, so 100,000 nodes need ten trees)."""
    for part in range(trees):
        _write_one(folder, count // trees, f"big-{count}" if trees == 1 else f"big-{count}-{part}")
    return folder


def _write_one(folder: Path, count: int, tree_id: str) -> None:
    nodes: dict = {}
    for index in range(count):
        node_id = f"n{index}"
        if index >= count - 2 or index % 10 == 9:
            nodes[node_id] = {"type": "resolution", "cause": "kmsi-option-disabled",
                              "actions": ["enable-kmsi-option"], "sources": ["kmsi"]}
            if index < count - 2:
                nodes[node_id]["next"] = f"n{index + 1}"
        else:
            nodes[node_id] = {"type": "question", "answers": {"yes": f"n{index + 1}", "no": f"n{index + 2}"}}
    write_tree(folder, tree_id, nodes, "n0")


def write_ladder(folder: Path, depth: int) -> Path:
    """A tree whose `depth` questions each have two answers to the next: 2**depth paths."""
    nodes: dict = {f"q{i}": {"type": "question", "answers": {"yes": f"q{i + 1}", "no": f"q{i + 1}"}}
                   for i in range(depth)}
    nodes[f"q{depth}"] = {"type": "resolution", "cause": "kmsi-option-disabled", "actions": ["enable-kmsi-option"],
                          "sources": ["kmsi"]}
    write_tree(folder, "ladder", nodes, "q0")
    return folder


if __name__ == "__main__":
    import sys

    # python benchmarks/generate.py FOLDER NODES [TREES]: a content set for timing whole commands
    write_content_set(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
