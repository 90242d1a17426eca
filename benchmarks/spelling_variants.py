"""The leave-out check again, with each left-out trigger written the way people also spell its words.

`leave_out.py` cannot see what ``guide/lexicon.yaml`` is for: the content's
authors write every word one way (できない, スマホ, 切り替え, email), so their
own triggers routed without them never meet another spelling. People do:
出来ない, スマートフォン, 切替, e-mail. This check takes the triggers that
`leave_out` leaves out, rewrites each one that holds a word of `OTHER_SPELLINGS`
into the other spelling, and routes both forms with the same router (built
without that fold). A lexicon that folds the spellings together routes the
rewritten trigger as the original; without it the rewritten one loses the
features of that word.

The table below is written apart from the lexicon, from how Japanese and
English are written (kanji or kana, okurigana, katakana spellings, compounds,
British spelling), each pair a spelling of the content's own word that people
use. It is no evidence of how often they use it: the figure says how much of
the routing hangs on the spellings, and whether the lexicon protects it.

`python benchmarks/spelling_variants.py` prints, per language, how many
left-out triggers were rewritten and top-1 of the original and the rewritten
forms (counts only, own content: no statement is read).
"""

from __future__ import annotations

import re

from leave_out import FOLDS, without_fold

from guide.engine.lexical import longest_of
from guide.engine.model import ContentSet
from guide.engine.router import Router

OTHER_SPELLINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "ja": (("できな", "出来な"), ("できる", "出来る"), ("できず", "出来ず"), ("わから", "分から"),
           ("わかる", "分かる"), ("スマホ", "スマートフォン"), ("切り替え", "切替"), ("切り替わ", "切替わ"),
           ("取り消し", "取消し"), ("取り消す", "取消す"), ("繰り返し", "繰返し"), ("問い合わせ", "問合せ"),
           ("引き継", "引継"), ("割り当て", "割当て"), ("受け取", "受取"), ("読み取", "読取"),
           ("ください", "下さい"), ("すべて", "全て"), ("ごとに", "毎に"), ("つなが", "繋が"), ("なぜ", "何故"),
           ("または", "又は"), ("ウィンドウ", "ウインドウ"), ("アプリケーション", "アプリ"), ("条件付き", "条件付"),
           ("見られない", "見れない"), ("Wi-Fi", "WiFi"), ("Authenticator", "オーセンティケーター")),
    "en": (("email", "e-mail"), ("sign in to", "sign into"), ("signed in to", "signed into"),
           ("log in to", "log into"), ("username", "user name"), ("user name", "username"),
           ("on-premises", "on-prem"), ("organization", "organisation"), ("organizations", "organisations"),
           ("authorize", "authorise"), ("authorization", "authorisation"), ("behavior", "behaviour"),
           ("Microsoft 365", "M365"), ("Wi-Fi", "wifi"), ("pop-up", "popup"), ("popup", "pop-up"),
           ("timeout", "time out"), ("reinstall", "re-install"), ("re-register", "reregister"),
           ("set up", "setup"), ("phone", "smartphone"), ("two-step verification", "2-step verification")),
}
"""Per language: (a spelling the content uses, another spelling of the same word people write)."""


def _rewriter(lang: str):
    """A function giving a text with each spelling of `OTHER_SPELLINGS[lang]` replaced by the other one: the
    longest that starts at a place, built like the lexicon's own pattern (`lexical.longest_of`); English
    as whole words, in any case."""
    if lang == "ja":
        other = dict(OTHER_SPELLINGS[lang])
        pattern = re.compile(longest_of(other))
        return lambda text: pattern.sub(lambda m: other[m.group(0)], text)
    other = {written.lower(): spelt for written, spelt in OTHER_SPELLINGS[lang]}
    pattern = re.compile(r"(?<![A-Za-z0-9])" + longest_of(other) + r"(?![A-Za-z0-9])", re.IGNORECASE)
    return lambda text: pattern.sub(lambda m: other[m.group(0).lower()], text)


def spelt_otherwise(content: ContentSet) -> dict[str, tuple[int, int, int]]:
    """Per language: (left-out triggers the table rewrites, original right at top-1, rewritten right)."""
    rewrite = {lang: _rewriter(lang) for lang in OTHER_SPELLINGS}
    found: dict[str, list[int]] = {}
    for fold in range(FOLDS):
        reduced, left_out = without_fold(content, fold)
        router = Router(reduced)
        for lang, symptom, text in left_out:
            other = rewrite[lang](text)
            if other == text:
                continue
            counts = found.setdefault(lang, [0, 0, 0])
            counts[0] += 1
            for place, written in ((1, text), (2, other)):
                best = router.route(written, lang).best
                counts[place] += best is not None and best.symptom == symptom
    return {lang: (count, original, rewritten) for lang, (count, original, rewritten) in found.items()}


def rows(content: ContentSet) -> list[tuple[str, str, str]]:
    """Benchmark rows: top-1 of the rewritten left-out triggers beside their original form, per language."""
    return [(f"left-out triggers spelt otherwise {lang}: top-1", f"{rewritten / count:.0%}",
             f"{rewritten}/{count}; as the content spells them {original}/{count}")
            for lang, (count, original, rewritten) in sorted(spelt_otherwise(content).items())]


if __name__ == "__main__":
    from guide.engine.loader import load_content

    for measurement, figure, note in rows(load_content().content):
        print(f"  {measurement:48} {figure:>12}  {note}")
