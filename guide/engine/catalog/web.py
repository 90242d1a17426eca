"""The words of the web pages `guide serve` shows (the ``web`` area of the catalog), in Japanese and English.

The page title, the loading and "session ended" notes, the page shown when
every session slot is taken. Looked up through `guide.engine.catalog` like
every other word of the program's own.
"""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    "page.title": {"ja": "サインイン ガイド", "en": "Sign-in guide"},
    "page.loading": {"ja": "ガイドを起動しています…", "en": "Starting the guide…"},
    "page.noscript": {"ja": "このページを使うには JavaScript を有効にしてください。",
                      "en": "This page needs JavaScript."},
    "page.ended": {"ja": "このセッションは終了しました (しばらく操作がなかったか、ガイドを閉じたか、"
                         "サーバーが停止しました)。回答は保存されています。",
                   "en": "This session has ended (it was idle for a while, the guide was closed, or the server "
                         "stopped). Your answers are saved."},
    "page.resume": {"ja": "続きから再開", "en": "Continue where I left off"},
    "busy.title": {"ja": "ただいま混み合っています", "en": "The guide is busy"},
    "busy.text": {"ja": "同時に使える人数 ({limit} 人) に達しています。"
                        "少し待ってから、もう一度お試しください。",
                  "en": "All {limit} sessions are in use. Please wait a moment and try again."},
    "busy.retry": {"ja": "もう一度試す", "en": "Try again"},
    "busy.terminal": {"ja": "ただいま混み合っています。"
                            "少し待ってから、ページを再読み込みしてください。",
                      "en": "The guide is busy. Please wait a moment, then reload the page."},
    "ticket.sent": {"ja": "チケット メモをブラウザーに送りました: {name}",
                    "en": "The ticket note was sent to your browser: {name}"},
    "resume.failed": {"ja": "前回の会話を再開できませんでした ({detail})。"
                            "新しく始めてください。",
                      "en": "The earlier conversation could not be continued ({detail}). Please start again."},
}
