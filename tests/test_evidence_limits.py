"""Hostile evidence: endless streams, binary data and huge outputs stay within a fixed memory budget.

`guide check /dev/zero` used to read without end; a 200 MB random file took
975 MB and a million-line dsregcmd output 571 MB. Named files now have the
same byte cap as standard input, binary data is refused before decoding, and
the text parsers keep a bounded number of records, so the peak of what the
check allocates stays within 4 times the bytes read (measured by tracemalloc).
"""

from __future__ import annotations

import os
import random
import tracemalloc

import pytest

from guide.engine.evidence import text
from guide.engine.evidence.runner import check_files, read_capped
from support import SHARED

BUDGET = 4
"""Peak allocation allowed, as a multiple of the bytes read."""


def peak_of_check(path) -> tuple[int, object]:
    """(peak bytes allocated while checking `path`, the report)."""
    tracemalloc.start()
    try:
        report = check_files([str(path)], "en")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, report


def test_an_endless_named_file_is_cut_at_the_limit(monkeypatch) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this platform")
    monkeypatch.setattr(text, "MAX_BYTES", 1 << 20)
    (evidence,) = check_files(["/dev/zero"], "en").evidence
    assert evidence.kind == "unknown"
    assert evidence.problems == (
        "the file is more than 1 MB; the limit is 1 MB. Cut it to the part that matters "
        "(for a sign-in log, filter by user and time) and try again",)


def test_a_named_pipe_is_cut_at_the_limit(tmp_path, monkeypatch) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    monkeypatch.setattr(text, "MAX_BYTES", 4096)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    writer = os.fork()
    if writer == 0:  # the child fills the pipe past the limit, then leaves
        try:
            with open(pipe, "wb") as handle:
                handle.write(b"AzureAdPrt : NO\n" * 1000)
        finally:
            os._exit(0)
    try:
        (evidence,) = check_files([str(pipe)], "en").evidence
    finally:
        os.waitpid(writer, 0)
    assert evidence.kind == "unknown" and "more than" in evidence.problems[0]


def test_read_capped_reads_one_byte_past_the_limit(tmp_path) -> None:
    source = tmp_path / "x"
    source.write_bytes(b"a" * 100)
    with open(source, "rb") as handle:
        assert read_capped(handle, 10) == b"a" * 11
    with open(source, "rb") as handle:
        assert read_capped(handle, 1000) == b"a" * 100


def test_binary_data_is_refused_without_decoding_it(tmp_path) -> None:
    noise = tmp_path / "noise.bin"
    noise.write_bytes(random.Random(7).randbytes(4 << 20))
    peak, report = peak_of_check(noise)
    (evidence,) = report.evidence
    assert evidence.kind == "unknown" and "binary data, not text" in evidence.problems[0]
    assert peak < BUDGET * noise.stat().st_size


def _dsregcmd_with_unique_fields(count: int) -> bytes:
    head = (SHARED / "evidence" / "dsregcmd-prt-no-0xc000006d.txt").read_bytes()
    return head + b"".join(b"             Field%d : value %d\n" % (n, n) for n in range(count))


def _cmdkey_with_entries(count: int) -> bytes:
    return b"Currently stored credentials:\n\n" + b"".join(
        b"    Target: LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:user%d@contoso.com\n"
        b"    Type: Generic\n    User: user%d@contoso.com\n    Local machine persistence\n\n" % (n, n)
        for n in range(count))


def _error_text_with_codes(count: int) -> bytes:
    return b"".join(b"line %d error AADSTS%d and 0xCAA%05d\n" % (n, 50000 + n % 999, n % 99999)
                    for n in range(count))


@pytest.mark.parametrize(("build", "kind", "problem"), [
    (_dsregcmd_with_unique_fields, "dsregcmd", "distinct fields were read"),
    (_cmdkey_with_entries, "cmdkey", "entries were read"),
    (_error_text_with_codes, "error-text", None),
], ids=["dsregcmd", "cmdkey", "error-text"])
def test_huge_text_evidence_peaks_within_four_times_its_size(tmp_path, build, kind, problem) -> None:
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(build(100_000))
    peak, report = peak_of_check(path)
    (evidence,) = report.evidence
    assert evidence.kind == kind
    if problem:
        assert any(problem in item for item in evidence.problems), evidence.problems
    assert report.findings, "the records read still conclude"
    assert peak < BUDGET * path.stat().st_size, (peak, path.stat().st_size)
