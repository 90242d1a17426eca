"""`guide stamp`: write the current source hashes into a checked translation.

After updating a translation, an author affirms it matches the source by
stamping it. Only the ``source_hash`` values change; comments, order and
formatting of the file are kept, and the file is replaced atomically.
"""

from __future__ import annotations

from pathlib import Path

from guide.engine.loader import Loaded
from guide.engine.store import write_atomic
from guide.engine.translation import SOURCE_LANG, node_hash, title_hash


def _edits(loaded: Loaded, lang: str, tree_id: str) -> list[tuple[int, int, str, bool]]:
    """(line, col, hash, replace?) for each entry whose stored hash is missing or different."""
    content = loaded.content
    source = content.texts.get((SOURCE_LANG, tree_id))
    text = content.texts.get((lang, tree_id))
    if source is None or text is None:
        return []
    doc = loaded.text_docs[lang, tree_id]
    wanted = [(("source_hash",), (), text.source_hash, title_hash(source.title))]
    for node_id, words in text.nodes.items():
        if node_id in source.nodes:
            at = ("nodes", node_id)
            wanted.append((at + ("source_hash",), at, words.source_hash, node_hash(source.nodes[node_id])))
    edits = []
    for hash_path, owner, found, expected in wanted:
        if found == expected:
            continue
        if found is not None:
            line, col = doc.positions[hash_path]
            edits.append((line, col, expected, True))
        else:
            line, col = doc.key_positions[owner + ("title",)]
            edits.append((line, col, expected, False))
    return edits


def stamp(loaded: Loaded, lang: str, tree_id: str | None = None) -> list[tuple[str, int]]:
    """Stamp the `lang` translations (one tree or all); returns (file, entries changed) per file."""
    if lang == SOURCE_LANG:
        return []
    changed = []
    for (text_lang, text_tree), text in sorted(loaded.content.texts.items()):
        if text_lang != lang or (tree_id and text_tree != tree_id):
            continue
        edits = _edits(loaded, lang, text_tree)
        if not edits:
            continue
        lines = Path(text.path).read_text(encoding="utf-8-sig").splitlines(keepends=True)
        for line, col, value, replace in sorted(edits, reverse=True):
            row = lines[line - 1]
            if replace:
                quoted = row[col - 1] in "\"'"
                end = col - 1 + 8 + (2 if quoted else 0)
                lines[line - 1] = row[: col - 1] + f'"{value}"' + row[end:]
            else:
                ending = "\r\n" if row.endswith("\r\n") else "\n"
                lines.insert(line - 1, " " * (col - 1) + f'source_hash: "{value}"{ending}')
        write_atomic(text.path, "".join(lines))
        changed.append((text.path, len(edits)))
    return changed
