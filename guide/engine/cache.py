"""A loaded content set kept on disk, so the guide starts without parsing the YAML again.

Reading and checking every tree and translation takes about 50 ms, a third of what
the terminal UI spends before its first screen; reading the same content set back
from this cache takes about 6 ms. Only the UI (and each browser tab of `guide
serve`) uses it: `guide lint` and the other commands always read the files.

What makes a cached copy valid
    Its file name is a fingerprint of everything the result depends on: every
    tree and translation file (path and bytes), the taxonomy, this package's
    version, the engine's source files (size and time, so an edited loader never
    meets an old copy) and the Python version. A change to any of them is a new
    name; the `KEEP` newest copies stay (an author switching between content
    sets keeps each one's) and older ones are removed when a new one is written.

Where, and trust
    ``$GUIDE_CACHE_DIR``, else ``$XDG_CACHE_HOME/guide``, else ``~/.cache/guide``.
    The copy is a pickle, which like Python's own ``__pycache__`` is trusted
    because it lives in the user's own folder: a file that is not the user's, or
    that others may write, is ignored. Any failure to read or write the cache
    (a full disk, a read-only home, a damaged file) falls back to reading the
    files: the cache can make start-up faster, never break it.
"""

from __future__ import annotations

import copyreg
import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path
from types import MappingProxyType

import guide
from guide.engine.model import ContentSet
from guide.engine.places import default_content_dir, default_trees_dir
from guide.engine.store import write_atomic

PREFIX = "content-"
"""Cached content sets are ``content-<fingerprint>.pickle``."""
KEEP = 4
"""How many cached content sets are kept."""


def _mapping_proxy(data: dict) -> MappingProxyType:
    """Rebuild a read-only mapping (the model's frozen mappings) when a cached copy is read."""
    return MappingProxyType(data)


copyreg.pickle(MappingProxyType, lambda proxy: (_mapping_proxy, (dict(proxy),)))


def cache_dir() -> Path:
    """The folder cached content sets live in."""
    if os.environ.get("GUIDE_CACHE_DIR"):
        return Path(os.environ["GUIDE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "guide"


def fingerprint(trees_dir: Path, content_dir: Path) -> str:
    """A name for everything a loaded content set depends on (see the module's docstring)."""
    digest = hashlib.sha256(f"{guide.__version__}|{sys.version}".encode())
    engine = Path(__file__).resolve().parent
    for source in sorted(engine.rglob("*.py")):
        info = source.stat()
        digest.update(f"{source.relative_to(engine)}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    files = [*sorted(trees_dir.glob("*.yaml")), *sorted(content_dir.glob("*/*.yaml")),
             Path(str(guide.__file__)).with_name("taxonomy.yaml")]
    for path in files:
        digest.update(f"{path}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _trusted(path: Path) -> bool:
    """Whether a cached file is the user's own and writable by nobody else."""
    info = path.stat()
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load_content_cached(trees_dir: str | Path | None = None, content_dir: str | Path | None = None) -> ContentSet:
    """The content set in `trees_dir` and `content_dir` (None: the built-in ones), from the cache
    when a valid copy is there, else read from the files and cached for next time."""
    trees = Path(trees_dir) if trees_dir else default_trees_dir()
    words = Path(content_dir) if content_dir else default_content_dir()
    try:
        target = cache_dir() / f"{PREFIX}{fingerprint(trees, words)}.pickle"
    except OSError:
        return _read(trees, words)  # unreadable files: the loader says which, located
    try:
        if _trusted(target):
            cached = pickle.loads(target.read_bytes())
            if isinstance(cached, ContentSet):
                return cached
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    content = _read(trees, words)
    _store(target, content)
    return content


def _read(trees: Path, words: Path) -> ContentSet:
    """Read the files (the loader, and with it the YAML reader, is imported only now)."""
    from guide.engine.loader import load_content

    return load_content(trees, words).content


def _store(target: Path, content: ContentSet) -> None:
    """Write `content` to `target` (private to the user) and remove all but the `KEEP` newest copies;
    never fails."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(target, pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
        os.chmod(target, 0o600)
        copies = sorted(target.parent.glob(f"{PREFIX}*.pickle"), key=lambda path: path.stat().st_mtime_ns)
        for old in copies[:-KEEP]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PickleError, TypeError, AttributeError):
        pass
