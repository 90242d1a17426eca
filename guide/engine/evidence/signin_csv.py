"""Sign-in logs downloaded from the portal as CSV.

There is no official header (reference/domain.md §4.3): column names are
matched after folding case and runs of spaces (the portal writes
``Application ID `` with a trailing space and ``Autonomous system  number``
with two), and Japanese portal names are accepted too (those are
[unverified]: no public sample shows them). The separator is sniffed from the
header line (comma, tab or semicolon, as Excel may save it). Rows are read one
at a time and folded into the same `Tally` as JSON logs, so the findings are
the same whichever format a log came in.
"""

from __future__ import annotations

import csv
from typing import Iterator, Mapping

from guide.engine.evidence.base import Evidence
from guide.engine.evidence.signin import Tally, as_code, ca_status, evidence_of

COLUMNS: Mapping[str, tuple[str, ...]] = {
    "code": ("sign-in error code", "error code", "サインイン エラー コード", "サインインのエラー コード", "エラー コード"),
    "status": ("status", "状態", "状況"),
    "user": ("username", "user principal name", "ユーザー名", "ユーザー プリンシパル名"),
    "ca": ("conditional access", "条件付きアクセス"),
    "user-type": ("user type", "ユーザーの種類", "ユーザー タイプ"),
    "date": ("date (utc)", "date", "日付 (utc)", "日付"),
    "request": ("request id", "要求 id"),
    "correlation": ("correlation id", "相関 id"),
    "failure": ("failure reason", "失敗の理由", "エラーの理由"),
}
"""Column role → header names (folded) that fill it."""

_FOLDED = {name: role for role, names in COLUMNS.items() for name in names}


def _fold(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").split()).lower()


def _lines(text: str) -> Iterator[str]:
    """Lines of `text` with their ends, without copying it whole."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end + 1
        yield text[start:end]
        start = end


def _header(text: str) -> tuple[str, list[str]] | None:
    """(separator, header cells) of the first non-blank line, when it has several cells."""
    for line in _lines(text[:65536]):
        if line.strip():
            separator = max(",\t;", key=line.count)
            try:
                cells = next(csv.reader([line], delimiter=separator))
            except csv.Error:
                return None
            return (separator, cells) if len(cells) >= 4 else None
    return None


def roles(cells: list[str]) -> dict[str, int]:
    """Column role → index, for the header cells recognised."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        role = _FOLDED.get(_fold(cell))
        if role and role not in found:
            found[role] = index
    return found


def looks_like(text: str) -> bool:
    """Whether `text` is a sign-in log CSV: three known columns, one of them the code or the status."""
    header = _header(text)
    if header is None:
        return False
    found = roles(header[1])
    return len(found) >= 3 and ("code" in found or "status" in found)


def _status_code(row: list[str], where: dict[str, int]) -> int | None:
    code = as_code(_cell(row, where, "code"))
    if code is None and _cell(row, where, "status").lower() in ("success", "成功"):
        code = 0
    return code


def _cell(row: list[str], where: dict[str, int], role: str) -> str:
    index = where.get(role)
    return row[index].strip() if index is not None and index < len(row) else ""


def parse(name: str, text: str) -> Evidence:
    """Read a CSV sign-in log, row by row."""
    header = _header(text)
    if header is None:
        return Evidence(name, "unknown", problems=("the CSV has no header line",))
    separator, cells = header
    where = roles(cells)
    tally = Tally()
    reader = csv.reader(_lines(text), delimiter=separator)
    problems: tuple[str, ...] = ()
    try:
        next(reader, None)
        row_line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                line = row_line
                user_type = _cell(row, where, "user-type").lower()
                tally.add(lambda _needle: line, _status_code(row, where),
                          _cell(row, where, "user"), ca_status(_cell(row, where, "ca")), "", [], None,
                          "", user_type if user_type in ("member", "guest") else None)
            row_line = reader.line_num + 1
    except csv.Error as exc:
        problems = (f"the CSV cannot be read from line {reader.line_num} on ({exc}); "
                    "the rows before it were checked",)
    return evidence_of(name, tally, problems)
