"""The loaded content set, the router's index and small results kept on disk, so none is made twice.

Reading and checking every tree and translation takes about 50 ms, a third of what
the terminal UI spends before its first screen; reading the same content set back
from this cache takes about 6 ms. Building the free-text router's index takes most
of a second; reading it back, a few milliseconds (`guide.engine.routing.tables`).
The UI, each browser tab of `guide serve`, `guide route` and `guide walk --text`
use the cache (`guide route` reads the content itself only when a routing needs
it, and the UI only once its first screen is drawn: `content_later`); the UI's
first screen lists the guides from their start list, kept here too under the
content's fingerprint (`start_list`), a few kilobytes instead of the content;
`guide paths --count` keeps each tree's count (`remembered`); `guide lint` and
the other commands always read the files.

What makes a cached copy valid
    Its file name is a fingerprint of everything the result depends on (the
    content's version, `guide.engine.service.Guide.version`): every
    tree and translation file (path and bytes), the taxonomy, the router's
    lexicon, routing examples (guide/examples/) and written corpus (guide/training/), this package's version, the engine's source files (size and time,
    so an edited loader never meets an old copy) and the Python version. A change
    to any of them is a new name; the `KEEP` newest copies of each kind stay (an
    author switching between content sets keeps each one's) and older ones are
    removed when a new one is written.

Where, and trust
    ``$GUIDE_CACHE_DIR``, else ``$XDG_CACHE_HOME/guide``, else the platform's cache
    folder (`guide.engine.folders.cache_dir`: ``~/.cache/guide`` on Linux).
    The copy is a pickle, which like Python's own ``__pycache__`` is trusted
    because it lives in the user's own folder: a file that is not the user's, or
    that others may write, is ignored. Any failure to read or write the cache
    (a full disk, a read-only home, a damaged file) falls back to reading the
    files: the cache can make start-up faster, never break it.

The router in memory
    `load_router_cached` also keeps each router it returns in memory under the
    same fingerprint, so every `Guide` of a process over the same content shares
    one router (one cache, one key: the fingerprint).
"""

from __future__ import annotations

import copyreg
import hashlib
import os
import pickle
import stat
import sys
import threading
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, BinaryIO, Callable

import guide
from guide.engine.collector import collector_paused
from guide.engine.folders import cache_dir
from guide.engine.places import default_content_dir, default_trees_dir
from guide.engine.startlist import StartEntry

if TYPE_CHECKING:
    from guide.engine.model import ContentSet
    from guide.engine.router import Router

PREFIX = "content-"
"""Cached content sets are ``content-<fingerprint>.pickle``."""
START_PREFIX = "start-"
"""Start lists (`guide.engine.startlist`) are ``start-<fingerprint>.pickle``."""
ROUTER_PREFIX = "router-"
"""Cached router indexes are ``router-<fingerprint>.pickle``."""
RESULT_PREFIXES = ("paths",)
"""Kinds of small results worked out from a content set and kept under its fingerprint (`remembered`):
``paths-<fingerprint>.pickle``, the number of paths of every tree (``guide paths --count``)."""
FILES_PREFIX = "files-"
"""Per-file reading results of one pair of folders are ``files-<folders and code>.pickle`` (`FileCache`)."""
KEEP = 4
"""How many cached copies of each kind (content sets, router indexes) are kept."""
_ROUTERS: dict[str, "Router"] = {}
"""Content fingerprint → its router, for this process (at most `KEEP`, the newest kept)."""
_ROUTERS_LOCK = threading.Lock()
"""Guards `_ROUTERS`, and building: two callers asking at once share one build."""


def _mapping_proxy(data: dict) -> MappingProxyType:
    """Rebuild a read-only mapping (the model's frozen mappings) when a cached copy is read."""
    return MappingProxyType(data)


def _pickler(stream: BinaryIO) -> pickle.Pickler:
    """A pickler writing to `stream` that handles read-only mappings, with a dispatch table of its own
    (the process's `copyreg` table is left as it is)."""
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table,
                              MappingProxyType: lambda proxy: (_mapping_proxy, (dict(proxy),))}
    return pickler


def _code_digest() -> "hashlib._Hash":
    """A digest of the code a cached result depends on: this package's version, the engine's source
    files (size and time) and the Python version."""
    digest = hashlib.sha256(f"{guide.__version__}|{sys.version}".encode())
    engine = os.path.dirname(os.path.realpath(__file__))
    sources = []
    for folder, _, names in os.walk(engine):  # os.walk: a fifth of what Path.rglob takes here
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                info = os.stat(path)
                sources.append(f"{os.path.relpath(path, engine)}|{info.st_size}|{info.st_mtime_ns}\n")
    for line in sorted(sources):
        digest.update(line.encode())
    return digest


def fingerprint(trees_dir: Path, content_dir: Path) -> str:
    """A name for everything a loaded content set depends on (see the module's docstring)."""
    digest = _code_digest()
    package = Path(str(guide.__file__)).parent
    files = [*sorted(trees_dir.glob("*.yaml")), *sorted(content_dir.glob("*/*.yaml")),
             package / "taxonomy.yaml", package / "lexicon.yaml", *sorted((package / "examples").glob("*.yaml")),
             *sorted((package / "training").glob("*.yaml"))]
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
    return load_content_versioned(trees_dir, content_dir)[0]


def load_content_versioned(trees_dir: str | Path | None = None,
                           content_dir: str | Path | None = None) -> tuple[ContentSet, str | None]:
    """`load_content_cached`, and the fingerprint the content was read under (None when the files
    could not be fingerprinted: the loader then says which one, located)."""
    trees, words = content_folders(trees_dir, content_dir)
    try:
        key = fingerprint(trees, words)
    except OSError:
        return _read(trees, words), None
    return _content(key, trees, words), key


def content_later(trees_dir: str | Path | None = None, content_dir: str | Path | None = None, *,
                  uncached: bool = False) -> tuple[Callable[[], ContentSet], str] | None:
    """A function reading the content set from its cached copy, and the fingerprint, when a trusted copy
    is there (read at first use: a command that may never need the content does not unpickle it);
    with `uncached`, also when there is none (the function then reads the files, and caches what they
    give: a front end draws its first screen first). Else None (`load_content_versioned` then reads the
    files now and says what is wrong); also None when the files cannot be fingerprinted. Should the copy
    be gone when the function is called, the files are read then."""
    trees, words = content_folders(trees_dir, content_dir)
    try:
        key = fingerprint(trees, words)
        if not uncached and not _trusted(cache_dir() / f"{PREFIX}{key}.pickle"):
            return None
    except OSError:
        return None
    return (lambda: _content(key, trees, words)), key


def _content(key: str, trees: Path, words: Path) -> ContentSet:
    """The content set cached under the fingerprint `key`, else read from the files (and cached)."""
    from guide.engine.model import ContentSet  # the model's classes are built only when content is read

    return _through_cache(f"{PREFIX}{key}", ContentSet, lambda: _read(trees, words))


def start_list(version: str) -> tuple[StartEntry, ...] | None:
    """The start list kept for the content whose fingerprint is `version` (`keep_start_list`), else None."""
    found = _cached(f"{START_PREFIX}{version}", tuple)
    return found if found is not None and all(isinstance(entry, StartEntry) for entry in found) else None


def keep_start_list(version: str, entries: tuple[StartEntry, ...]) -> None:
    """Keep the start list of the content whose fingerprint is `version` (made from that content:
    `guide.engine.startlist.of_content`), so that a front end's next start reads it instead of the content."""
    _store(cache_dir() / f"{START_PREFIX}{version}.pickle", tuple(entries))


def content_version(trees_dir: str | Path | None = None, content_dir: str | Path | None = None) -> str | None:
    """The fingerprint `load_content_versioned` would read the content under, without reading it (None
    when the files cannot be fingerprinted)."""
    try:
        return fingerprint(*content_folders(trees_dir, content_dir))
    except OSError:
        return None


def remembered(kind: str, version: str | None, work: Callable[[], object],
               valid: Callable[[object], bool] = lambda found: True):
    """What `work()` gives for the content whose fingerprint is `version`, kept on disk under it: a
    result read back is used only when `valid(result)`; else (or when there is none, or no `version`)
    `work()` runs and its result is kept for next time. `kind` is one of `RESULT_PREFIXES`."""
    if kind not in RESULT_PREFIXES:
        raise ValueError(f"unknown kind of result {kind!r}")
    if version is None:
        return work()
    name = f"{kind}-{version}"
    found = _cached(name, object)
    if found is not None and valid(found):
        return found
    made = work()
    _store(cache_dir() / f"{name}.pickle", made)
    return made


def load_router_cached(content: ContentSet | Callable[[], ContentSet], version: str | None, *,
                       build: bool = True) -> "Router | None":
    """The free-text router of `content` (or of what the function `content` reads, called only if the
    index is built or a query needs the content), loaded under the fingerprint `version`: the one in
    memory, else the one cached on disk (building its index takes most of a second, reading it back a
    few milliseconds), else built and cached; with `build` False, None instead of building. Without a
    `version` (content not read from files) the router is built and kept nowhere."""
    from guide.engine.router import Router

    def built() -> Router:
        return Router(content() if callable(content) else content)

    if version is None:
        return built() if build else None
    with _ROUTERS_LOCK:
        router = _ROUTERS.get(version)
        if router is None:
            name = f"{ROUTER_PREFIX}{version}"
            router = _cached(name, Router)
            if router is None:
                if not build:
                    return None
                router = built()
                _store(cache_dir() / f"{name}.pickle", router)
            _ROUTERS[version] = router
            for old in list(_ROUTERS)[:-KEEP]:
                del _ROUTERS[old]
    router.use_content(content)  # the same content set (same fingerprint); queries then meet its very objects
    return router


def content_folders(trees_dir: str | Path | None, content_dir: str | Path | None) -> tuple[Path, Path]:
    """The trees and words folders to read (None: the built-in ones)."""
    return (Path(trees_dir) if trees_dir else default_trees_dir(),
            Path(content_dir) if content_dir else default_content_dir())


def _through_cache(name: str, kind: type, build: Callable[[], object]):
    """The object cached as `name` (see `_cached`), else `build()`, cached for next time."""
    found = _cached(name, kind)
    if found is None:
        found = build()
        _store(cache_dir() / f"{name}.pickle", found)
    return found


def _cached(name: str, kind: type):
    """The object cached as `name` when it is there, trusted, readable and a `kind`, else None."""
    found = _read_cached(name, pickle.load)
    return found if isinstance(found, kind) else None


def _read_cached(name: str, read: Callable[[BinaryIO], object]) -> object:
    """What `read` makes of the cached file `name` when it is there, trusted and readable, else None.

    The file is read as a stream (never held whole in memory beside what is made of it), with the
    garbage collector paused: what a cache holds is many objects and no garbage."""
    target = cache_dir() / f"{name}.pickle"
    try:
        if _trusted(target):
            with open(target, "rb") as stream, collector_paused():
                return read(stream)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    return None


def _read(trees: Path, words: Path) -> ContentSet:
    """Read the files (the loader, and with it the YAML reader, is imported only now)."""
    from guide.engine.loader import load_content

    return load_content(trees, words).content


def _store(target: Path, made: object, write: Callable[[BinaryIO], object] | None = None) -> None:
    """Write `made` pickled (or what `write(stream)` writes) to `target` (private to the user), as it is
    made, and remove all but the `KEEP` newest copies of its kind; never fails."""
    from guide.engine.store import write_atomic_with  # a process that only reads the cache never needs it

    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic_with(target, write or (lambda stream: _pickler(stream).dump(made)))
        os.chmod(target, 0o600)
        kind = target.name.split("-", 1)[0]
        copies = sorted(target.parent.glob(f"{kind}-*.pickle"), key=lambda path: path.stat().st_mtime_ns)
        for old in copies[:-KEEP]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PickleError, TypeError, AttributeError):
        pass


class FileCache:
    """What reading each YAML file of one pair of folders gave, kept between runs of `guide lint`.

    Like ruff's cache, a file whose bytes have not changed since the last run is
    not read again: what reading it gave (`loader.Reading`: its model, located
    problems and lint's own findings in it; never the parsed document) comes
    back from here (`read`), and only edited files are read. One cache file
    per pair of folders and version of the engine's code; `save` writes it when
    anything changed. Files that fail to parse are never kept (they are read
    again each time, so their message is always the reader's own).

    The cache file is a stream of pickles: the number of entries, then each
    (file name, digest of its bytes, what reading it gave) pickled on its own,
    so that neither reading it back nor writing it holds the whole file in
    memory beside the objects it holds.
    """

    def __init__(self, trees_dir: Path, content_dir: Path) -> None:
        digest = _code_digest()
        digest.update(f"{Path(trees_dir).resolve()}|{Path(content_dir).resolve()}".encode())
        self.name = f"{FILES_PREFIX}{digest.hexdigest()[:32]}"
        found = _read_cached(self.name, _read_entries)
        self.entries: dict[str, tuple[bytes, object]] = found if isinstance(found, dict) else {}
        """File name → (digest of its bytes, what reading it gave)."""
        self.seen: set[str] = set()
        """Files read in this run: `save` keeps only theirs (a removed file's entry goes)."""
        self.changed = False

    def read(self, path: Path, raw: bytes, work: Callable[[], object]) -> object:
        """What `work()` gives for the file `path` whose bytes are `raw`: kept from an earlier run when
        the bytes are the same, else worked out now and kept."""
        key = hashlib.blake2b(raw, digest_size=20).digest()
        self.seen.add(str(path))
        kept = self.entries.get(str(path))
        if kept is not None and kept[0] == key:
            return kept[1]
        result = work()
        self.entries[str(path)] = (key, result)
        self.changed = True
        return result

    def forget(self, path: Path) -> None:
        """Keep nothing for `path` (it could not be read)."""
        self.changed = self.entries.pop(str(path), None) is not None or self.changed

    def save(self) -> None:
        """Write the cache if anything changed (never fails)."""
        gone = self.entries.keys() - self.seen
        for name in gone:
            del self.entries[name]
        if self.changed or gone:
            _store(cache_dir() / f"{self.name}.pickle", None, self._write)
            self.changed = False

    def _write(self, stream: BinaryIO) -> None:
        pickler = _pickler(stream)
        pickler.dump(len(self.entries))
        for name, (key, result) in self.entries.items():
            pickler.clear_memo()
            pickler.dump((name, key, result))


def _read_entries(stream: BinaryIO) -> dict[str, tuple[bytes, object]]:
    """The entries of a `FileCache` file (see its docstring)."""
    entries = {}
    for _ in range(pickle.load(stream)):
        name, key, result = pickle.load(stream)
        entries[name] = (key, result)
    return entries
