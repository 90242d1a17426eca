"""The start list (every guide a conversation can start in, with its title in each language), known
before the content is read.

A front end's first screen lists the guides, and nothing else of the content:
reading the whole content set for it (from its cache, or compiling every file
after an edit) would hold that screen back. So the list is kept on its own:

- `of_content`: made from a loaded content set. This is the list; it is kept
  beside the content cache under the content's fingerprint
  (`guide.engine.cache.start_list`), so a start whose content is cached reads
  one small file instead of the content;
- `of_files`: a quick look at the files when there is no such record (the first
  start after an install or an edit): each tree file's ``id``, ``symptom`` and
  ``start`` (and that a node of that name follows; it is usually the first),
  and the ``title`` near the top of each words file
  (`guide.engine.yamlio.read_heads`), without checking the files. It equals
  `of_content` for content that loads cleanly; a file that does not load is
  left out of the content but may be in this list, so whoever shows it reads the
  content soon after and shows the list again when it differs
  (`guide.engine.service.Guide.read_content`).

Both build the list by the same rules (`entries`): trees with a valid start, by
id, the people's topics first, administrators' topics (symptom ids ``admin-…``)
next and the trees without a symptom (sub-flows) last; a title by the one
fallback rule of `guide.engine.texts`, else the symptom's name in the taxonomy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from guide.engine.catalog import LANGS, fallback
from guide.engine.places import yaml_files
from guide.engine.refs import NodeRef
from guide.engine.texts import Texts, first_title

if TYPE_CHECKING:
    from guide.engine.model import ContentSet

ADMIN_PREFIX = "admin-"
"""Symptoms whose id starts so are administrators' topics (listed after the people's own)."""


@dataclass(frozen=True, slots=True)
class StartEntry:
    """One guide of the start list."""

    symptom: str | None
    """The taxonomy's symptom id (None for a sub-flow)."""
    tree: str
    """The tree id."""
    start: NodeRef
    """Where the tree starts."""
    titles: tuple[tuple[str, str], ...]
    """(language, title) for each of `LANGS`."""

    @property
    def admin(self) -> bool:
        """Whether it is an administrators' topic."""
        return bool(self.symptom and self.symptom.startswith(ADMIN_PREFIX))

    def title(self, lang: str) -> str:
        """The title in `lang` (an unknown language reads as the default one)."""
        return dict(self.titles)[fallback(lang)[0]]


def entries(trees: Iterable[tuple[str, str | None, NodeRef | None]],
            title: Callable[[str, str], str]) -> tuple[StartEntry, ...]:
    """The start list of `trees` ((id, symptom, start or None when it has no valid one)), titled by
    `title(tree, lang)` (the tree id when it has no words, then replaced by the symptom's name)."""
    found = []
    for tree, symptom, start in sorted(trees, key=lambda item: item[0]):
        if start is None:
            continue
        titles = []
        for lang in LANGS:
            shown = title(tree, lang)
            if shown == tree and symptom:
                shown = Texts.symptom(symptom, lang) or shown
            titles.append((lang, shown))
        found.append(StartEntry(symptom, tree, start, tuple(titles)))
    return tuple(sorted(found, key=lambda entry: (entry.symptom is None, entry.admin)))


def of_content(content: ContentSet) -> tuple[StartEntry, ...]:
    """The start list of a loaded content set."""
    from guide.engine.compiler import start_ref

    texts = Texts(content)
    return entries(((tree.id, tree.symptom, start_ref(content, tree.id)) for tree in content.trees.values()),
                   texts.title)


def of_files(trees_dir: Path, content_dir: Path) -> tuple[StartEntry, ...]:
    """The start list as the files' first lines give it, without reading the content (see the module's
    docstring: for content that loads cleanly, the same as `of_content`)."""
    from guide.engine.yamlio import read_heads

    trees: dict[str, tuple[str, str | None, NodeRef | None]] = {}
    for path in yaml_files(trees_dir) if trees_dir.is_dir() else ():
        heads, started = read_heads(path, ("id", "symptom"), inner=("nodes", "start"))
        tree = heads.get("id")
        if tree is not None:
            trees.setdefault(tree, (tree, heads.get("symptom"), NodeRef(tree, heads["start"]) if started else None))
    titles: dict[tuple[str, str], str] = {}
    for lang in LANGS:
        for path in yaml_files(content_dir / lang) if (content_dir / lang).is_dir() else ():
            heads, _ = read_heads(path, ("tree", "lang", "title"))
            if heads.get("lang") == lang and heads.get("tree") == path.stem:
                titles.setdefault((lang, path.stem), heads.get("title", ""))
    return entries(trees.values(),
                   lambda tree, lang: first_title(lambda language: titles.get((language, tree)), lang, tree))
