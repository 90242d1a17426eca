"""`lexical.longest_of` writes the lexicon's variants as a trie: it must match what a flat alternation
of the same words, longest first, matches, so folding gives the same text however the pattern is written;
`lexical.LongestWords`, the table the Japanese variants are folded with, must replace what it matches."""

from __future__ import annotations

import pickle
import re

from hypothesis import given
from hypothesis import strategies as st

from guide.engine.lexical import LongestWords, longest_of

WORDS = st.lists(st.text(alphabet="abサイン ", min_size=1, max_size=5), min_size=1, max_size=12, unique=True)
TEXTS = st.text(alphabet="abサインx -", max_size=30)


def flat(words: list[str], spelt: dict[str, str]) -> str:
    longest_first = sorted(words, key=lambda word: (-len(word), word))
    return "|".join("".join(spelt.get(char, re.escape(char)) for char in word) for word in longest_first)


@given(WORDS, TEXTS)
def test_the_trie_finds_what_the_longest_first_alternation_finds(words, text):
    assert re.findall(longest_of(words), text) == re.findall(flat(words, {}), text)


@given(WORDS, TEXTS)
def test_with_a_word_boundary_after_it_the_trie_falls_back_to_a_shorter_word_as_the_alternation_does(words, text):
    # as the English variants are matched: whole words, a space also matching "-"
    spelt = {" ": r"[\s\-]+"}
    trie = re.compile(f"(?<![ab])(?:{longest_of(words, spelt)})(?![ab])")
    alternation = re.compile(f"(?<![ab])(?:{flat(words, spelt)})(?![ab])")
    assert trie.findall(text) == alternation.findall(text)


def test_words_sharing_a_beginning_share_one_branch():
    assert longest_of(["サインイン", "サインアウト", "サイン"]) == "サイン(?:アウト|イン)?"


@given(WORDS, TEXTS)
def test_the_table_replaces_what_the_longest_first_alternation_matches(words, text):
    """`LongestWords`, the Japanese variants' table, replaces exactly what the expression would (each word
    replaced by its upper-case form, so that overlapping and neighbouring matches show)."""
    table = {word: f"<{word.upper()}>" for word in words}
    expected = re.sub(flat(words, {}), lambda found: table[found.group(0)], text)
    assert LongestWords(table).replace(text) == expected


def test_the_table_survives_a_cache_and_an_empty_table_changes_nothing():
    table = LongestWords({"サインイン": "signin", "サイン": "sign"})
    again = pickle.loads(pickle.dumps(table))
    assert again.replace("サインインとサインアウト") == "signinとsignアウト"
    assert LongestWords({}).replace("サインイン") == "サインイン"
