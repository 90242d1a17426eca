"""Text to comparable features, for Japanese and English, without a tokenizer download.

The router compares what a person types with what authors wrote. Both sides go
through the same steps here:

1. **Fold**: NFKC (full/half width, ｶﾀｶﾅ → カタカナ), case folding, the spelling
   variants of ``guide/lexicon.yaml`` (ログイン → サインイン, log in → sign in),
   its Japanese boilerplate words (対処法, 解決策) removed like punctuation,
   and a final katakana long-vowel mark dropped (ブラウザー → ブラウザ).
2. **Split by script** into Latin words and runs of Japanese characters.
3. **Features**: Japanese runs give character bigrams and trigrams (no
   dictionary needed), those spanning a change of script (a probable word
   break: `word_breaks`) counting less, and each kanji on its own; English
   words give Snowball stems without stop words, plus the two neighbouring
   words joined (``sign in`` meets ``signin``) and stem pairs (``conditional
   access``) for phrases.

`FuzzyVocabulary` finds the content word a misspelt English word was meant to
be (Damerau–Levenshtein distance 1, or 2 for long words), using a deletion
index so a lookup costs a few dictionary probes.

`detect_lang` tells Japanese from English by script. Everything is pure Python;
the only dependency is ``snowballstemmer`` (pure Python, the stemmer Sphinx uses).

Japanese rules measured and not taken (``bench_route.py --tune-only`` on commit f0b1586, where
leave-out ja was 946/1197, tune ja 98/108 and leave-out en 629/877; figures in that order):
polite endings folded to plain ones (届きません → 届かない, 表示されます → 表示される;
です dropped: 944, 97; です kept: 944, 98; en 628 both);
a lone case particle after kanji taken as a word break (948, 97, en 628); kanji compounds of
four or more split into pairs from the end (944, 98); katakana words written apart joined
(エラー コード → エラーコード, サイン・イン → サインイン: 942, 97, en 628, whether the join
counts as a word break or not); each katakana word whole as one more feature (940, 97, en 628);
a one-kanji verb stem (届*) whatever its ending (943, 96); the two kanji around one okurigana
(切り替え → 切替, 0.5: 945, 98); できず / できません / できなく folded to できない in the
lexicon (946, 97); 認証 no longer folded to サインイン (946, 98); 4-grams (933, 95); repeated
grams counted sublinearly (947-948, 97-98, en 628). Grams that span a kanji-to-hiragana
ending counting less, or trigrams counting less, lift leave-out but cost the tune set (on 9e4160b,
leave-out ja 949: endings at 0.85 953, 97; at 0.7 952, 95; trigrams at 0.8 956, 96; at 0.6 961, 95),
so they are not taken either: the tune statements they turn wrong lean on such endings
(〜したままにする, パスワードを入れたら), which the triggers' short plain forms rarely share.
Dictionary words were measured too (session 11, on 84b483d, Japanese tune/dev 106/118, 23/26): the
lemmas of MeCab's content words (fugashi with unidic-lite: nouns, verbs, adjectives, adverbs; 届か →
届く) added beside the n-grams at 0.1 read 105, 23; at 0.25 102, 22; at 0.5 or 1, 101, 22; lemma pairs
or a negation mark on top, 100 to 102. The n-grams already hold what the lemmas add, and the lemmas'
weight moves the votes away from the phrases the triggers share with the statements.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Mapping

JA, EN = "ja", "en"

_JA_CHARS = "\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ"
_JA_RUN = re.compile(f"[{_JA_CHARS}]+")
_KANA = re.compile("[\u3041-\u309f\u30a1-\u30fa]")
_HIRAGANA_ONLY = re.compile("^[\u3041-\u309fー]+$")
_LATIN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_LATIN_LETTER = re.compile(r"[a-z]", re.IGNORECASE)
_PUNCTUATION_RUN = re.compile("[.,;:!?()\\[\\]{}\"“”「」『』（）、。・/|<>]+")
"""Punctuation, which ends a run of Latin words (as a Japanese run does)."""
_FINAL_LONG_VOWEL = re.compile("(?<=[\u30a1-\u30fa])ー(?![\u30a1-\u30faー])")
"""A katakana word's final ー (ブラウザー, サーバー): written both ways in Japanese IT text."""

STOP_WORDS = frozenset("""
a about above after again against all am an and any are aren as at be because been before being below between
both but by can cannot could couldn d did didn do does doesn doing don down during each few for from further had
hadn has hasn have haven having he her here hers herself him himself his how i if in into is isn it its itself
just ll m me might mightn more most mustn my myself needn no nor not now o of off on once only or other our ours
ourselves out over own re s same shan she should shouldn so some such t than that the their theirs them
themselves then there these they this those through to too under until up ve very was wasn we were weren what
when where which while who whom why will with won would wouldn y you your yours yourself yourselves also get got
getting gets still even though however please hi hello thanks thank anyone someone something anything using use
used one two way like seems seem know since let lets cant dont doesnt didnt isnt wont im ive
""".split())
"""English function words (the classic IR list, plus chat filler). Negations go too: the
bag of features cannot tell "does not appear" from "appears", and the stems that follow carry the meaning.
Measured and not taken (session 10, on e46176b, English tune/dev/leave-out 111/130, 235/305, 671/915): one
more feature per stem within two words after a negation (not, no, never, can't, don't, won't, without,
unable, ...: ``n:show``), at 0.5 of a stem, reads en 109, 239, 672 (0.25: 110, 236, 672; 0.75: 109, 238,
672; within one word: 110, 237, 674); at 0.5 dev gains four and tune loses two ("I don't have access",
"won't close"), too few either way to tell a real gain from noise; Japanese does not move.
Session 11 (on 84b483d) tried it where it should help most: the development set's "MFA is not asked"
statements, labelled mfa-authenticator, go to reauth-loop (its words are "MFA" and "prompt"). With three
triggers of that meaning on mfa-authenticator's r-not-prompted leaf in each language, en tune/dev read
109, 235 without the negation feature; with it, 107 to 108, 237 to 239."""

JA_GRAM_WEIGHT_HIRAGANA = 0.6
"""Weight of a Japanese n-gram made only of hiragana: grammar (ます, ている), but also a verb's ending and
its negation (届かない, 表示されない). Figure: 94.8% top-1 (94.1% halved, 93.4% doubled); leave-out ja 79.4%
(78.9% halved, 78.8% doubled). It was 0.3 before word breaks and kanji features (leave-out ja 78.9%)."""
KANJI_WEIGHT = 0.5
"""Weight of each kanji on its own: a kanji carries meaning, so compounds written differently still meet
(共 in 共有 and 公共, 証 in 認証 and 証明書), and a word of one kanji (届く) is found.
Figure: 94.8% top-1 (94.5% halved, 93.4% doubled); leave-out ja 79.4% (78.9% halved, 78.5% doubled,
78.7% without)."""
CROSSING_WEIGHT = 0.5
"""Weight of a Japanese n-gram for each probable word break it spans (`word_breaks`): サインインで and
でき mix the ends of two words. Figure: 94.8% top-1 (93.7% halved, 93.7% doubled); leave-out ja 79.4%
(78.9% halved, 78.1% doubled: every gram whole)."""
JOINED_WEIGHT = 0.5
"""Weight of two neighbouring English words joined (``sign in`` → ``signin``).
Figure: 94.8% top-1 (94.1% halved, 95.2% doubled)."""
PAIR_WEIGHT = 0.5
"""Weight of a pair of neighbouring English stems (``condit_access``).
Figure: 94.8% top-1 (94.8% halved, 94.8% doubled)."""


# --- folding ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Lexicon:
    """Spelling variants folded to one form before comparing (from ``guide/lexicon.yaml``)."""

    ja: tuple[tuple[str, str], ...]
    """(variant, canonical) for Japanese, longest variant first."""
    en: tuple[tuple[str, str], ...]
    """(variant, canonical) for English word sequences, longest variant first."""
    unstemmed: frozenset[str] = frozenset()
    """English words the stemmer must leave whole (a name that stems to a common word)."""
    ja_boilerplate: tuple[str, ...] = ()
    """Japanese words that say how a text is written, not what the problem is (対処法, 解決策):
    removed like punctuation, longest first."""


def _pairs(section: object) -> list[tuple[str, str]]:
    pairs = []
    if isinstance(section, Mapping):
        for canonical, variants in section.items():
            if isinstance(canonical, str) and isinstance(variants, list):
                pairs.append((canonical, canonical))
                pairs += [(str(variant), canonical) for variant in variants]
    return sorted({(_nfkc(v), _nfkc(c)) for v, c in pairs}, key=lambda pair: (-len(pair[0]), pair[0]))


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


_LEXICON: list[Lexicon] = []
"""The lexicon once read (or adopted from a cached index)."""


def load_lexicon() -> Lexicon:
    """The variants shipped inside the package, read once (see `adopt_lexicon`)."""
    if not _LEXICON:
        from importlib import resources  # only when the file is read (a cached index holds it)
        from guide.engine.yamlio import load_yaml  # only when there is YAML to read

        source = resources.files("guide").joinpath("lexicon.yaml")
        data = load_yaml("guide/lexicon.yaml", source.read_text(encoding="utf-8")).data
        data = data if isinstance(data, Mapping) else {}
        unstemmed = data.get("unstemmed")
        boilerplate = data.get("ja_boilerplate")
        _LEXICON.append(Lexicon(tuple(_pairs(data.get(JA))), tuple(_pairs(data.get(EN))),
                                frozenset(_nfkc(str(word)) for word in unstemmed)
                                if isinstance(unstemmed, list) else frozenset(),
                                tuple(sorted({_nfkc(str(word)) for word in boilerplate}, key=lambda w: (-len(w), w)))
                                if isinstance(boilerplate, list) else ()))
    return _LEXICON[0]


def adopt_lexicon(lexicon: Lexicon) -> None:
    """Use `lexicon`, read back with a cached index, instead of reading the file again (the cache's
    fingerprint covers lexicon.yaml, so it is the file's own): a query then never parses YAML."""
    if not _LEXICON:
        _LEXICON.append(lexicon)


def longest_of(words: Iterable[str], spelt: Mapping[str, str] | None = None) -> str:
    """A regular expression matching the longest of `words` that starts at a position, written as a trie
    (``サイン(?:イン|アウト)``), which the regex engine tries in one pass where a flat ``a|b|c`` tries every
    word in turn: the lexicon's English variants (and the benchmarks' rewriting) use it; the Japanese ones
    are folded from a table (`LongestWords`) that replaces what this expression would match. A character
    of `spelt` is written as its expression there (a space in an English variant also matches "-")."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def written(node: dict) -> str:
        branches = [(spelt or {}).get(char, re.escape(char)) + written(child)
                    for char, child in sorted(node.items()) if char]
        if "" not in node:
            return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + "|".join(branches) + ")?" if branches else ""

    return written(root)


class Folder:
    """Folds text the same way for content and for what a person types."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        lexicon = lexicon or load_lexicon()
        self._en = {}
        for variant, canonical in lexicon.en:
            self._en.setdefault(re.sub(r"[\s\-]+", " ", variant), canonical)
        self._ja_variants = LongestWords(dict(lexicon.ja))
        self._boilerplate = LongestWords(dict.fromkeys(lexicon.ja_boilerplate, " "))
        self._en_pattern = (re.compile(r"(?<![a-z0-9])" + longest_of(self._en, {" ": r"[\s\-]+"}) + r"(?![a-z0-9])")
                            if self._en else None)

    def __call__(self, text: str) -> str:
        """`text` normalised: NFKC, case folded, variants folded, final ー dropped."""
        folded = _nfkc(text)
        if self._en_pattern is not None:
            folded = self._en_pattern.sub(lambda m: self._en[re.sub(r"[\s\-]+", " ", m.group(0))], folded)
        folded = self._boilerplate.replace(self._ja_variants.replace(folded))
        return _FINAL_LONG_VOWEL.sub("", folded)


class LongestWords:
    """Replaces, left to right, the longest of some words that starts at each place, as a regular expression
    written by `longest_of` would, from a table instead: a cached index holds this table as plain data, so
    reading it back compiles nothing (the Japanese variants' expression took 4 ms to compile, about a
    twentieth of a whole ``guide route``); the places where a word may start are found by the string's own
    search for each first character (`_places`)."""

    __slots__ = ("_table", "_lengths")

    def __init__(self, table: Mapping[str, str]) -> None:
        self._table = {word: written for word, written in table.items() if word}
        """Word → what replaces it."""
        lengths: dict[str, set[int]] = {}
        for word in self._table:
            lengths.setdefault(word[0], set()).add(len(word))
        self._lengths = {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}
        """First character → the lengths of the words that start with it, longest first."""

    def replace(self, text: str) -> str:
        """`text` with each word of the table (the longest at a place, never overlapping) replaced."""
        pieces: list[str] = []
        kept = 0
        for place in self._places(text):
            if place < kept:  # inside a word already replaced
                continue
            for length in self._lengths[text[place]]:
                written = self._table.get(text[place:place + length])
                if written is not None:
                    pieces += (text[kept:place], written)
                    kept = place + length
                    break
        return "".join(pieces) + text[kept:] if pieces else text

    def _places(self, text: str) -> list[int]:
        """Where in `text` a word of the table may start (its first character is there), in order: found
        by the string's own search, so the characters that start no word are passed over at C speed."""
        places = []
        for first in self._lengths:
            place = text.find(first)
            while place >= 0:
                places.append(place)
                place = text.find(first, place + 1)
        return sorted(places)


# --- language -----------------------------------------------------------------------

def detect_lang(text: str) -> str | None:
    """``ja`` or ``en`` from the script of `text`; None when it has no letters (only codes or digits).

    Japanese wins when its characters weigh at least half the English letters
    (a Japanese character carries about as much as two English letters), or
    when Japanese pieces come as often as every other English word: the
    particles between product names (``Outlook と Teams でループ``) make a
    sentence Japanese, while one quoted Japanese message inside a long English
    sentence does not.
    """
    runs = _JA_RUN.findall(text)
    ja = sum(len(run) for run in runs)
    words = [word for word in re.findall(r"[A-Za-z0-9]+", unicodedata.normalize("NFKC", text))
             if not any(ch.isdigit() for ch in word) and word.lower() != "aadsts"]
    latin = sum(len(word) for word in words)
    if ja == 0 and latin == 0:
        return None
    return JA if ja and (ja * 2 >= latin or len(runs) * 2 >= len(words)) else EN


# --- features -----------------------------------------------------------------------

_STEMS: dict[str, str] = {}
"""Word → stem, for the words stemmed so far and those adopted with a cached index (`adopt_stems`)."""
_STEMMER: list = []
"""The Snowball stemmer, made on the first word not already known (importing it costs a query more than
the query itself)."""


def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of one lower-case English word (the lexicon's unstemmed words stay whole)."""
    found = _STEMS.get(word)
    if found is None:
        if word in load_lexicon().unstemmed:
            found = word
        else:
            if not _STEMMER:
                import snowballstemmer

                _STEMMER.append(snowballstemmer.stemmer("english"))
            found = _STEMMER[0].stemWord(word)
        if len(_STEMS) < 65536:
            _STEMS[word] = found
    return found


def known_stems() -> dict[str, str]:
    """Every word stemmed so far and its stem (an index keeps its content's, see `adopt_stems`)."""
    return dict(_STEMS)


def adopt_stems(stems: dict[str, str]) -> None:
    """Stems of the content's words, read back with a cached index (same lexicon and stemmer: the
    cache's fingerprint covers both), so a query of known words needs no stemmer."""
    for word, found in stems.items():
        _STEMS.setdefault(word, found)


def latin_words(folded: str) -> list[list[str]]:
    """Runs of neighbouring Latin words in folded text (a Japanese run or punctuation ends a run)."""
    runs: list[list[str]] = []
    for chunk in _PUNCTUATION_RUN.split(_JA_RUN.sub("|", folded)):  # one compiled Japanese class, not two
        words = [w.replace("'", "") for w in _LATIN_WORD.findall(chunk)]
        if words:
            runs.append(words)
    return runs


def joined_form(joined: str) -> str:
    """Two words written as one (``sign`` + ``ins``) in the form `stem` gives the one-word spelling.

    Only a plural ``s`` is taken off: joined pairs are mostly never seen again, and
    running the full stemmer on each would make building the index several times slower.
    """
    return joined[:-1] if len(joined) > 4 and joined.endswith("s") and not joined.endswith("ss") else joined


def is_number(word: str) -> bool:
    """Whether a token is a number or code-like (three digits or more): codes are recognised
    separately (`guide.engine.codes`), and other numbers say nothing."""
    return word.isdigit() or sum(ch.isdigit() for ch in word) >= 3


def english_features(folded: str) -> Iterator[tuple[str, float]]:
    """(feature, weight) for the English words in folded text: stems, joined neighbours, stem pairs."""
    for run in latin_words(folded):
        previous_stem: str | None = None
        for index, word in enumerate(run):
            if index and run[index - 1] not in STOP_WORDS:
                joined = run[index - 1] + word
                if not is_number(joined) and len(joined) > 3:
                    yield "w:" + joined_form(joined), JOINED_WEIGHT
            if word in STOP_WORDS:
                continue  # transparent: "access is blocked" still pairs access with block
            if is_number(word) or len(word) < 2:
                previous_stem = None
                continue
            current = stem(word)
            yield "w:" + current, 1.0
            if previous_stem is not None and previous_stem != current:
                yield "p:" + previous_stem + "_" + current, PAIR_WEIGHT
            previous_stem = current


@lru_cache(maxsize=65536)
def _gram_weight(gram: str) -> float:
    return JA_GRAM_WEIGHT_HIRAGANA if _HIRAGANA_ONLY.match(gram) else 1.0


def _script(char: str) -> int:
    """0 for hiragana, 1 for katakana, 2 for kanji (and the other characters of a Japanese run)."""
    code = ord(char)
    return 0 if 0x3041 <= code <= 0x309f else 1 if 0x30a0 <= code <= 0x30ff or 0x31f0 <= code <= 0x31ff else 2


def word_breaks(run: str) -> list[bool]:
    """For each pair of neighbouring characters of a Japanese run, whether a word probably ends between them.

    Japanese has no spaces, but a change of script mostly marks a word's edge:
    katakana words (サインアウト), kanji compounds (機種変更) and hiragana grammar
    (が, できない) take turns. The one change that stays inside a word is kanji
    to hiragana (届かない, 変更する: a verb's or adjective's ending).
    """
    return _breaks([_script(char) for char in run])


def _breaks(kinds: list[int]) -> list[bool]:
    return [before != after and not (before == 2 and after == 0) for before, after in zip(kinds, kinds[1:])]


def features(folded: str) -> dict[str, float]:
    """Every feature of folded text with its summed weight."""
    bag: dict[str, float] = {}
    get = bag.get
    for feature, weight in english_features(folded):
        bag[feature] = get(feature, 0.0) + weight
    for run in _JA_RUN.findall(folded):
        kinds = [_script(char) for char in run]
        for char, kind in zip(run, kinds):
            if kind == 2:
                bag["j:" + char] = get("j:" + char, 0.0) + KANJI_WEIGHT
        size = len(run)
        if size == 1:
            continue
        breaks = _breaks(kinds)
        for length in (2, 3):
            for i in range(size - length + 1):
                gram = run[i:i + length]
                key = "j:" + gram
                bag[key] = get(key, 0.0) + _gram_weight(gram) * CROSSING_WEIGHT ** sum(breaks[i:i + length - 1])
    return bag


# --- misspellings -------------------------------------------------------------------

def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between `a` and `b`, or ``limit + 1`` when it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(word: str) -> int:
    """How many edits a word of this length may carry and still be recognised (0: too short to guess)."""
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


class FuzzyVocabulary:
    """The words of the content, found again from a misspelling (a symmetric-deletion index)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if len(w) >= 4 and not is_number(w))
        self._index: dict[str, set[str]] | None = None
        """Each deletion of each word → the words it comes from; made on the first lookup (a cached
        router is read back without it: most queries have no misspelt word)."""

    def __getstate__(self) -> frozenset:
        return self.words

    def __setstate__(self, words: frozenset) -> None:
        self.words, self._index = words, None

    def _deletion_index(self) -> dict[str, set[str]]:
        if self._index is None:
            index: dict[str, set[str]] = {}
            for word in self.words:
                for deleted in _deletions(word, max(1, allowed_distance(word))):
                    index.setdefault(deleted, set()).add(word)
            self._index = index
        return self._index

    def closest(self, word: str) -> str | None:
        """The vocabulary word nearest to `word` within its allowed distance (None when none, or a tie)."""
        limit = allowed_distance(word)
        if not limit or word in self.words:
            return None
        candidates: set[str] = set()
        index = self._deletion_index()
        for deleted in _deletions(word, limit):
            candidates |= index.get(deleted, set())
        best: list[tuple[int, str]] = sorted(
            (damerau_levenshtein(word, candidate, limit), candidate) for candidate in candidates)
        best = [item for item in best if item[0] <= limit]
        if not best or (len(best) > 1 and best[0][0] == best[1][0] and stem(best[0][1]) != stem(best[1][1])):
            return None
        return best[0][1]
