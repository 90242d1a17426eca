"""`guide lint` keeps what reading each file gave and parses only files that changed (`cache.FileCache`).

The defects of a run that reads from the cache are those of a run that reads
every file, an edited file is read again, and a file that stops parsing is
reported by the reader every time.
"""

from __future__ import annotations

import json
from pathlib import Path

from guide.engine import cache


def defects(run_guide, folder) -> list[dict]:
    result = run_guide("lint", "--format", "json", "--trees", str(folder / "trees"),
                       "--content", str(folder / "content"))
    return json.loads(result.out)["defects"]


def kept_files(cache_folder: Path) -> dict:
    [found] = cache_folder.glob(f"{cache.FILES_PREFIX}*.pickle")
    return cache._read_cached(found.stem, cache._read_entries)


def test_unchanged_files_come_from_the_cache_with_the_same_defects(run_guide, basic_copy, private_folders,
                                                                    monkeypatch):
    demo = basic_copy / "trees" / "demo.yaml"
    demo.write_text(demo.read_text(encoding="utf-8").replace("sources:", "sources:\n  unused: https://x.test/u", 1),
                    encoding="utf-8")
    for stale in Path(private_folders["GUIDE_CACHE_DIR"]).glob(f"{cache.FILES_PREFIX}*.pickle"):
        stale.unlink()
    first = defects(run_guide, basic_copy)
    assert [d["code"] for d in first] == ["unused-source"]
    assert len(kept_files(Path(private_folders["GUIDE_CACHE_DIR"]))) == 6  # two trees, their words in two languages

    parsed = []
    real = cache.FileCache.read

    def counting(self, path, raw, work):
        return real(self, path, raw, lambda: parsed.append(path.name) or work())

    monkeypatch.setattr(cache.FileCache, "read", counting)
    assert defects(run_guide, basic_copy) == first
    assert parsed == []

    demo.write_text(demo.read_text(encoding="utf-8").replace("  unused: https://x.test/u\n", ""), encoding="utf-8")
    assert defects(run_guide, basic_copy) == []
    assert parsed == ["demo.yaml"]


def test_a_file_that_stops_parsing_is_reported_every_time(run_guide, basic_copy):
    defects(run_guide, basic_copy)
    demo = basic_copy / "trees" / "demo.yaml"
    demo.write_text(demo.read_text(encoding="utf-8") + "broken: [\n", encoding="utf-8")
    for _ in range(2):
        assert "yaml-syntax" in [d["code"] for d in defects(run_guide, basic_copy)]
