"""How `guide serve` runs: its options, their defaults, and which addresses are this machine only.

`ServeOptions` travels from the command line to every worker process (as
JSON in an environment variable, since uvicorn starts workers by import
string), so it holds plain values only.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import asdict, dataclass

DEFAULT_HOST = "127.0.0.1"
"""Where `guide serve` listens unless told otherwise: this machine only."""

DEFAULT_PORT = 8000
"""The port `guide serve` listens on unless told otherwise."""

DEFAULT_MAX_UPLOAD = 5_000_000
"""Bytes of evidence one upload or paste may carry (5 MB) unless `--max-upload` says otherwise."""

DEFAULT_MAX_TEXT = 500
"""Characters of free text the start page reads ("what is happening"); a pasted error message fits."""

DEFAULT_NEW_PER_MINUTE = 30
"""New conversations one client address may start per minute (per server process) before a 429 page."""

FORM_LIMIT = 64_000
"""Bytes of any request body other than an evidence upload (answers and switches are a few dozen)."""

OPTIONS_VARIABLE = "GUIDE_SERVE_OPTIONS"
"""The environment variable that hands `ServeOptions` to uvicorn's worker processes."""


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """How `guide serve` runs (see `guide serve --help` and docs/serve.md)."""

    host: str = DEFAULT_HOST
    """Address to listen on."""
    port: int = DEFAULT_PORT
    """Port to listen on."""
    db: str | None = None
    """Session store URL (`sqlite:///PATH` or `postgresql://...`); None: `$GUIDE_DB`, else the state folder."""
    workers: int = 1
    """Server processes (uvicorn workers) sharing the port."""
    lang: str = "ja"
    """The page language when the browser states no preference."""
    mode: str = "user"
    """The default wording: `user` (self-service) or `agent`."""
    helpdesk: str | None = None
    """The address requests to IT are written to (a `mailto:` link); None: download only."""
    report_token: str | None = None
    """Bearer token that opens `/report`; None: no `/report` at all."""
    max_upload: int = DEFAULT_MAX_UPLOAD
    """Bytes one evidence upload may carry."""
    max_text: int = DEFAULT_MAX_TEXT
    """Characters of free text read from the start page."""
    new_per_minute: int = DEFAULT_NEW_PER_MINUTE
    """New conversations per client address per minute (per process); 0 turns the limit off."""
    frame_ancestors: str = "'none'"
    """The CSP `frame-ancestors` sources: who may show the guide in a frame (an intranet portal)."""
    trees: str | None = None
    """Another trees folder (`--trees`)."""
    content: str | None = None
    """Another content folder (`--content`)."""

    def to_json(self) -> str:
        """The options as one JSON line (for the workers)."""
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> "ServeOptions":
        """Options written by `to_json`."""
        return cls(**json.loads(text))


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
