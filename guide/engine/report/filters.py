"""What a report covers: the period and the slices (tree, language, wording, content version).

Dates on the command line are ISO 8601 (``2026-12-01``, ``2026-12-01T09:30``,
with or without an offset; UTC when none). A date alone as ``--until``
includes that whole day. `Filters.where` writes the matching SQL condition for
either table, so every query slices the same way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone

from guide.engine.errors import UsageError

ABANDON_AFTER = 30 * 60
"""Seconds without a step after which an open conversation counts as abandoned."""


def parse_date(flag: str, text: str, *, end_of_day: bool = False) -> int:
    """`text` as epoch seconds; a UsageError naming `flag` when it is not a date."""
    value = text.strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            moment = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
            if end_of_day:
                moment += timedelta(days=1)
        else:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
    except ValueError:
        raise UsageError(f"{flag} {text}: not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC unless an offset "
                         "is given)") from None
    return int(moment.timestamp())


def iso(epoch: int | None) -> str | None:
    """Epoch seconds as an ISO 8601 UTC string (``2026-12-05T09:30:00Z``)."""
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Filters:
    """The conversations a report counts.

    Attributes:
        since: Epoch seconds, inclusive (None: from the first conversation).
        until: Epoch seconds, exclusive (None: up to now).
        tree: Only conversations started in this tree, and only its nodes.
        lang: Only this language (``ja``/``en``).
        mode: Only this wording (``user``/``agent``).
        versions: Only these content fingerprints (full values).
        now: The time "abandoned" is measured from (epoch seconds).
    """

    since: int | None = None
    until: int | None = None
    tree: str | None = None
    lang: str | None = None
    mode: str | None = None
    versions: tuple[str, ...] = ()
    now: int = field(default_factory=lambda: int(time.time()))

    @property
    def abandoned_before(self) -> int:
        """Open conversations whose last step is older than this are abandoned."""
        return self.now - ABANDON_AFTER

    def with_versions(self, *versions: str) -> "Filters":
        """The same filters for other content versions."""
        return replace(self, versions=tuple(versions))

    def where(self, table: str, *, tree_columns: tuple[str, ...] | None = None) -> tuple[str, list]:
        """A SQL condition (starting with ``AND``) and its parameters for `table` (``c`` or ``s``).

        On conversations (``c``) the period is the start time; on steps (``s``)
        the time of the step. `tree_columns` names the columns --tree matches
        (any of them), by default the table's own tree.
        """
        moment = "created_at" if table == "c" else "at"
        parts, params = [], []
        if self.since is not None:
            parts.append(f"{table}.{moment} >= ?")
            params.append(self.since)
        if self.until is not None:
            parts.append(f"{table}.{moment} < ?")
            params.append(self.until)
        if self.tree is not None:
            columns = tree_columns or ("tree",)
            parts.append("(" + " OR ".join(f"{table}.{column} = ?" for column in columns) + ")")
            params += [self.tree] * len(columns)
        for column, value in (("lang", self.lang), ("mode", self.mode)):
            if value is not None:
                parts.append(f"{table}.{column} = ?")
                params.append(value)
        if self.versions:
            parts.append(f"{table}.version IN ({', '.join('?' for _ in self.versions)})")
            params += list(self.versions)
        return "".join(f" AND {part}" for part in parts), params
