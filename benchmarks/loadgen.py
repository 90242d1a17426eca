"""A lean HTTP/1.1 client for the serve benchmark: one keep-alive connection per person, little CPU per request.

Why not httpx: at 1,000 conversations answering every 5 s the generator makes
400 requests a second on the same two cores as the server, and httpx spent
about as much CPU per request as the server's page (its request and response
models, header objects and cookie jar), so the generator's own CPU queued
behind the server's and showed up as "answer time". This client is an
`asyncio.Protocol` over one socket per person, as a browser keeps: a request
is one pre-built bytes write, a response is read to its last byte (by
``Content-Length``, or chunk by chunk), and only the status, the
``Location`` and the ``Set-Cookie`` values a walk needs are looked at. It
speaks only what `guide serve` answers; it is not a general HTTP client.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

HEADERS_END = b"\r\n\r\n"


@dataclass
class Reply:
    """One response: status, the headers a walk needs, the body."""

    status: int
    location: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class _Reader(asyncio.Protocol):
    """Collects bytes until one whole response is in; hands it to the waiting request."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future | None = None
        self.head: tuple[int, dict, int | None, bool] | None = None
        self.lost: Exception | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def connection_lost(self, exc) -> None:
        self.lost = exc or ConnectionResetError("the server closed the connection")
        if self.waiter and not self.waiter.done():
            self.waiter.set_exception(self.lost)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if self.waiter is None or self.waiter.done():
            return
        reply = self._complete()
        if reply is not None:
            self.waiter.set_result(reply)

    def _complete(self) -> Reply | None:
        if self.head is None:
            end = self.buffer.find(HEADERS_END)
            if end < 0:
                return None
            lines = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
            del self.buffer[:end + 4]
            status = int(lines[0].split(" ", 2)[1])
            length, chunked, location, cookies = None, False, "", {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                name, value = name.strip().lower(), value.strip()
                if name == "content-length":
                    length = int(value)
                elif name == "transfer-encoding" and "chunked" in value.lower():
                    chunked = True
                elif name == "location":
                    location = value
                elif name == "set-cookie":
                    pair = value.split(";", 1)[0]
                    key, _, cookie = pair.partition("=")
                    cookies[key.strip()] = cookie.strip().strip('"')
            self.head = (status, {"location": location, "cookies": cookies}, length, chunked)
        status, fields, length, chunked = self.head
        if chunked:
            body = self._dechunk()
            if body is None:
                return None
        else:
            length = length or 0
            if len(self.buffer) < length:
                return None
            body = bytes(self.buffer[:length])
            del self.buffer[:length]
        self.head = None
        return Reply(status, fields["location"], fields["cookies"], body)

    def _dechunk(self) -> bytes | None:
        """The whole chunked body when its last chunk is in (consumed from the buffer), else None."""
        body, at = bytearray(), 0
        while True:
            end = self.buffer.find(b"\r\n", at)
            if end < 0:
                return None
            size = int(bytes(self.buffer[at:end]).split(b";")[0], 16)
            start = end + 2
            if size == 0:
                if len(self.buffer) < start + 2:
                    return None
                del self.buffer[:start + 2]
                return bytes(body)
            if len(self.buffer) < start + size + 2:
                return None
            body += self.buffer[start:start + size]
            at = start + size + 2


class Connection:
    """One person's keep-alive connection to `guide serve`."""

    def __init__(self, url: str, accept_language: str = "ja") -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.host_header = f"{self.host}:{self.port}"
        self.accept_language = accept_language
        self.reader: _Reader | None = None

    async def _open(self) -> _Reader:
        if self.reader is None or self.reader.lost is not None:
            loop = asyncio.get_running_loop()
            _, self.reader = await loop.create_connection(_Reader, self.host, self.port)
        return self.reader

    async def request(self, method: str, path: str, cookie: str, form: dict[str, str] | None = None) -> Reply:
        """Send one request and wait for its whole response (reconnecting once if the idle connection was closed)."""
        body = urlencode(form).encode() if form is not None else b""
        head = (f"{method} {path} HTTP/1.1\r\nHost: {self.host_header}\r\nAccept-Language: {self.accept_language}\r\n"
                f"Cookie: {cookie}\r\n")
        if form is not None:
            head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        data = head.encode() + b"\r\n" + body
        for attempt in (1, 2):
            reader = await self._open()
            reader.waiter = asyncio.get_running_loop().create_future()
            reader.transport.write(data)
            try:
                return await reader.waiter
            except ConnectionError:
                if attempt == 2:
                    raise
                self.reader = None
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.reader is not None and self.reader.transport is not None:
            self.reader.transport.close()


AT = re.compile(rb'name="at" value="([^"]+)"')
"""The node a question's page was drawn at (its answer form carries it)."""
