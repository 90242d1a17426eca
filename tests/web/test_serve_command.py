"""`guide serve` on the command line: its flags, their checks, and the warning when not on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from servers import Server
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


def raw_request(port: int, data: bytes) -> bytes:
    """Send `data` as it is to the server; the status line it answers with."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(data)
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0]


def test_bad_requests_on_the_wire_get_a_clear_status(tmp_path):
    """What a browser never sends, sent to a real server: a 4xx status each time, never a 500 or a hang."""
    with Server(tmp_path, *content_args(BASIC)) as server:
        form = b"Content-Type: application/x-www-form-urlencoded\r\n"
        cases = {
            b"POST /start HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n": b"400",
            b"GET /" + b"a" * 300 + b" HTTP/1.1\r\nHost: x\r\n\r\n": b"414",
            b"GET /?q=" + b"[" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n": (b"400", b"414"),  # parser or page
            b"POST /start HTTP/1.1\r\nHost: x\r\n" + form + b"Content-Length: 100005\r\n\r\ntext="
            + b"[" * 100_000: b"413",
            b"GARBAGE\r\n\r\n": b"400",
        }
        for request, status in cases.items():
            line = raw_request(server.port, request)
            assert line.split(b" ")[1] in (status if isinstance(status, tuple) else (status,)), (request[:40], line)
        assert "Traceback" not in server.output()
