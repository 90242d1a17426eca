"""`guide serve`: the terminal UI in web browsers, one app process per browser tab.

The web server (`guide.web.server`, built on textual-serve and aiohttp) hands
each browser tab a terminal drawn by xterm.js and starts, for that tab, the
same Textual app `guide tui` runs (`guide.web.tab`, built with
`guide.tui.make_app`). Nothing in this package is imported by the engine
or by `guide tui`; textual-serve is an optional dependency (the ``web`` extra).

Public API: `guide.web.server.run` (what the CLI calls), `guide.web.server.ServeOptions`
and `guide.web.server.is_loopback`.
"""

from __future__ import annotations
