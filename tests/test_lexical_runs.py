"""`lexical.latin_words` splits at Japanese runs and punctuation with one compiled Japanese class: the
runs of Latin words are those of splitting at either directly."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from guide.engine.lexical import _JA_CHARS, _LATIN_WORD, latin_words

PIECES = st.sampled_from(["sign", "in", "teams", "don't", "0xcaa70004", " ", "  ", "サインイン", "毎回", "ー",
                          "、", "。", ".", ",", "/", "|", "「", "」", "(", ")", "-", "'", "mfa", "ｔｅａｍｓ"])


def split_directly(folded: str) -> list[list[str]]:
    runs = []
    for chunk in re.split(f"[{_JA_CHARS}]+|[.,;:!?()\\[\\]{{}}\"“”「」『』（）、。・/|<>]+", folded):
        words = [w.replace("'", "") for w in _LATIN_WORD.findall(chunk)]
        if words:
            runs.append(words)
    return runs


@given(st.lists(PIECES, max_size=30).map("".join))
def test_runs_are_those_of_splitting_at_either(text: str) -> None:
    assert latin_words(text) == split_directly(text)


@given(st.text(max_size=60))
def test_runs_of_any_text_are_those_of_splitting_at_either(text: str) -> None:
    assert latin_words(text) == split_directly(text)
