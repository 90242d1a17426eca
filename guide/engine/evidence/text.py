"""Evidence bytes to text, and offsets to line numbers.

Evidence comes from Windows consoles, PowerShell redirections, portals and
e-mails, so the encoding is sniffed rather than assumed:

1. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. without one, NUL bytes in alternate positions mean UTF-16 (PowerShell 5's
   ``>`` writes UTF-16LE; a stripped BOM leaves the NULs);
3. otherwise UTF-8; failing that the legacy code pages of the Windows
   consoles this guide meets, Japanese cp932 first, then GB18030 (Chinese);
4. as a last resort UTF-8 with undecodable bytes replaced, and a problem
   saying so.

Parsers read labels by structure, so a wrong guess between legacy code pages
only garbles words the checks do not rely on.
"""

from __future__ import annotations

import codecs

MAX_BYTES = 200 * 1024 * 1024
"""Largest evidence file read (bytes)."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LEGACY = ("cp932", "gb18030")
_SNIFF = 4096
"""How many leading bytes decide whether BOM-less text is UTF-16."""


LARGE_BYTES = 16 * 1024 * 1024
"""From this size on, UTF-8 JSON is read byte for byte (see `byte_text`)."""


def byte_text(data: bytes) -> str | None:
    """Large UTF-8 JSON as text with one character per byte, else None.

    Decoding a large log with a few Japanese names makes a two-byte-per-character
    string, and for a moment CPython holds the bytes, a one-byte draft and the
    final string: four times the file. JSON's structure is ASCII, and bytes of
    multi-byte UTF-8 characters only occur inside strings, so a Latin-1 view
    (one byte, one character: a plain copy) parses the same; the few strings a
    parser keeps are turned back with `from_byte_text`.
    """
    if len(data) < LARGE_BYTES or data.startswith(_WIDE_BOMS) or _utf16_without_bom(data):
        return None
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if not data[skip:skip + 64].lstrip().startswith((b"{", b"[")):
        return None
    return codecs.decode(memoryview(data)[skip:], "latin-1")


def from_byte_text(value: str) -> str:
    """A string read from `byte_text` as the UTF-8 it was."""
    return value if value.isascii() else value.encode("latin-1", "replace").decode("utf-8", "replace")


def too_large(size: int) -> str | None:
    """The problem to report for a file of `size` bytes, or None when it may be read."""
    if size <= MAX_BYTES:
        return None
    shown = f"more than {MAX_BYTES / 1048576:,.0f} MB" if size == MAX_BYTES + 1 else f"{size / 1048576:,.0f} MB"
    return (f"the file is {shown}; the limit is {MAX_BYTES / 1048576:,.0f} MB. "
            "Cut it to the part that matters (for a sign-in log, filter by user and time) and try again")


_CONTROL = bytes(code for code in range(32) if chr(code) not in "\t\n\r\f\v\x1b") + b"\x7f"
"""Bytes that text evidence hardly ever holds (ESC is left out: consoles colour their output with it)."""
_PROBE = 65536
"""Bytes looked at in each of three places of a file to tell text from binary data."""


def not_text(data: bytes) -> str | None:
    """The problem to report when `data` is binary data rather than text, else None.

    Decoding megabytes of random bytes "with replacement" makes a string of up
    to four bytes per character, several times the file. Text in any encoding
    read here has next to no control bytes outside UTF-16/32 (told by a BOM or
    its NUL pattern), so samples from the start, middle and end with more than
    1 in 20 control bytes mean binary data, which no check reads.
    """
    if data.startswith(_WIDE_BOMS) or _utf16_without_bom(data):
        return None
    middle = max(0, len(data) // 2 - _PROBE // 2)
    for start in dict.fromkeys((0, middle, max(0, len(data) - _PROBE))):
        sample = data[start:start + _PROBE]
        if sample and len(sample) - len(sample.translate(None, _CONTROL)) > len(sample) // 20:
            return ("the file is binary data, not text; give the text output of the tool "
                    "(for example dsregcmd /status > status.txt) or the exported log")
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:_SNIFF]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if odd > pairs * 0.3 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.3 and odd < pairs * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Text of `data` and the problems met decoding it (never raises).

    A leading BOM is dropped; line ends are left as they are.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = codecs.decode(memoryview(data)[len(bom):], encoding, "replace")
            problems = ("some bytes are not valid " + encoding.upper() + " and were replaced",) \
                if "\ufffd" in text else ()
            return text, problems
    wide = _utf16_without_bom(data)
    if wide:
        text = data.decode(wide, "replace")
        return text, (("some bytes are not valid UTF-16 and were replaced",) if "\ufffd" in text else ())
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    for encoding in _LEGACY:
        try:
            return data.decode(encoding), ()
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace"), ("the file is not valid text in UTF-8, UTF-16, Shift_JIS (cp932) "
                                             "or GB18030; unreadable bytes were replaced",)


class Lines:
    """Turns offsets in one text into 1-based line numbers, cheaply.

    Queries move mostly forward (parsers read front to back), so each count
    continues from the last answer, forward or back: the cost is the distance
    moved, never the whole text again.
    """

    __slots__ = ("_text", "_offset", "_line")

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def at(self, offset: int) -> int:
        """Line of the character at `offset`."""
        offset = max(0, min(offset, len(self._text)))
        if offset >= self._offset:
            self._line += self._text.count("\n", self._offset, offset)
        else:
            self._line -= self._text.count("\n", offset, self._offset)
        self._offset = offset
        return self._line

    def of(self, needle: str, start: int, end: int) -> int:
        """Line of the first `needle` within ``text[start:end]``, else the line of `start`."""
        found = self._text.find(needle, start, end)
        return self.at(found if found >= 0 else start)


def iter_lines(text: str):
    """The lines of `text` one by one, as `split_lines` gives them, without holding them all."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:].rstrip("\r")
            return
        yield text[start:end].rstrip("\r")
        start = end + 1


def split_lines(text: str) -> list[str]:
    """Lines of `text` without their ends (LF or CRLF; stray CRs before LF dropped).

    Only LF ends a line, as in `Lines`, so line numbers agree everywhere.
    """
    return [line.rstrip("\r") for line in text.split("\n")]
