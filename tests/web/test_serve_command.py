"""`guide serve` on the command line: its flags, their checks, and the warning when not on loopback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import BASIC, content_args


@pytest.mark.parametrize("flags, message", [
    (["--port", "0"], "--port 0 is not a port"),
    (["--port", "70000"], "is not a port"),
    (["--workers", "0"], "--workers 0 must be at least 1"),
    (["--max-upload", "-5"], "--max-upload -5 must be at least 1"),
    (["--max-text", "-1"], "--max-text -1 must be at least 1"),
    (["--new-per-minute", "-1"], "--new-per-minute -1 must be at least 0"),
    (["--helpdesk", "not an address"], "is not an email address"),
    (["--helpdesk", "it@example.com?cc=x@example.com"], "is not an email address"),
    (["--frame-ancestors", "https://a; script-src *"], "--frame-ancestors"),
    (["--report-token", "short"], "at least 16 characters"),
    (["--max-upload", "lots"], "invalid int value"),
])
def test_bad_flags_are_one_line_usage_errors(run_guide, flags, message):
    """Nonsense settings stop at once with exit 2 and one line naming the flag, never a traceback."""
    result = run_guide("serve", *flags)
    assert result.code == 2 and message in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err


def test_another_address_than_loopback_warns_first(tmp_path):
    """--host other than loopback: the one-line warning, then (this address is not ours) one line and exit 2."""
    result = subprocess.run([sys.executable, "-m", "guide", "serve", "--host", "192.0.2.1", "--port", "8601",
                             "--db", f"sqlite:///{tmp_path / 'c.db'}", *content_args(BASIC)],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "GUIDE_STATE_DIR": str(tmp_path)})
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert lines[0].startswith("guide serve: warning: listening on 192.0.2.1")
    assert "cannot listen on 192.0.2.1:8601" in lines[1] and len(lines) == 2
