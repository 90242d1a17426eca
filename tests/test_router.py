"""The free-text router: language, folding, ranking, where to start, scores, the CLI.

Mechanism tests run on the small content set in tests/fixtures/router/ so they do
not move when the shipped content changes. Ranking tests run the shipped content
on statements written for these tests (tests/fixtures/router/statements.yaml;
a symptom whose tree has not been written yet is skipped) and on statements real
users wrote (benchmarks/statements/, also measured by benchmarks/bench_route.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict

import pytest
import yaml

from guide.engine.lexical import (CROSSING_WEIGHT, KANJI_WEIGHT, Folder, FuzzyVocabulary, damerau_levenshtein,
                                  detect_lang, features, word_breaks)
from guide.engine.loader import load_content
from guide.engine.model import NodeRef
from guide.engine.router import Candidate, Routing
from guide.engine.routing.ranking import bayes_scores
from guide.engine.service import Guide

from support import FIXTURES, ROOT, content_args

ROUTER = FIXTURES / "router"
FIXTURE = content_args(ROUTER)
STATEMENTS = yaml.safe_load((ROUTER / "statements.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def small():
    return Guide.open(ROUTER / "trees", ROUTER / "content")


@pytest.fixture(scope="module")
def shipped():
    return Guide.open()


def route(guide: Guide, text: str, lang: str | None = None) -> Routing:
    """`guide.route`, written the way these tests read best."""
    return guide.route(text, lang)


def match_answer(guide: Guide, ref: NodeRef, text: str) -> str | None:
    """`guide.match_answer`."""
    return guide.match_answer(ref, text)


# --- language and folding -----------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Teams で毎回サインインを求められる", "ja"),
    ("認証失敗", "ja"),
    ("ﾛｸﾞｲﾝできない", "ja"),
    ("KMSI が出ない", "ja"),
    ("Outlook と Teams と OneDrive でループ", "ja"),
    ("Teams keeps asking me to sign in", "en"),
    ("error caa70004 after 20 minutes", "en"),
    ("AADSTS50076 MFA required 多要素", "ja"),
    ("I see the message サインイン in an otherwise English sentence about Teams on Windows", "en"),
])
def test_language_from_the_script(text, lang):
    assert detect_lang(text) == lang


@pytest.mark.parametrize("text", ["0xCAA70004", "AADSTS 50076", "53003", "", "  !!  "])
def test_no_letters_no_language(text):
    assert detect_lang(text) is None


def test_a_code_alone_takes_the_callers_language(small):
    assert route(small, "0xCAA70004", "ja").lang == "ja"
    assert route(small, "0xCAA70004", "en").lang == "en"
    assert route(small, "0xCAA70004").lang == "en"
    assert route(small, "毎回 0xCAA70004", "en").lang == "ja"


@pytest.mark.parametrize(("variant", "canonical"), [
    ("ログインできない", "サインインできない"),
    ("ﾛｸﾞｲﾝ", "サインイン"),
    ("ブラウザー", "ブラウザ"),
    ("組織を切替", "組織を切り替え"),
    ("I cannot log in", "i cannot sign in"),
    ("LOGIN loop", "sign in loop"),
    ("log-on prompt", "sign in prompt"),
    ("Azure AD", "entra id"),
    ("Microsoft Entra ID", "microsoft entra id"),
    ("multi-factor authentication", "mfa"),
    # okurigana, kanji or kana, katakana spellings, the potential form without ら
    ("切替わらない", "切り替わらない"),
    ("取消す", "取り消す"),
    ("問合せ", "問い合わせ"),
    ("機種を買い換えた", "機種を買い替えた"),
    ("出来ない", "できない"),
    ("判らない", "わからない"),
    ("1時間毎に", "1時間ごとに"),
    ("ネットに繋がらない", "ネットにつながらない"),
    ("スマートフォンを替えた", "スマホを替えた"),
    ("ダイヤログ", "ダイアログ"),
    ("会議が見れない", "会議が見られない"),
    ("ワイファイ", "Wi-Fi"),
    ("オーセンティケーター", "Authenticator"),
    # English: words written as one, hyphenated or apart, British spellings, compounds of one head word
    ("E-mail", "email"),
    ("WiFi", "wi-fi"),
    ("pop up", "popup"),
    ("on-prem AD", "on-premises ad"),
    ("my organisation", "my organization"),
    ("I signed into Teams", "i sign in teams"),
    ("M365", "microsoft 365"),
    ("the request timed out", "the request timeout"),
    ("new smartphone", "new phone"),
    ("2-step verification", "mfa"),
])
def test_spelling_variants_fold_together(variant, canonical):
    fold = Folder()
    assert fold(variant) == fold(canonical)


@pytest.mark.parametrize("text", ["設定を変更に戻す", "便利かどうか", "自分から", "5 分から", "全体", "出来事"])
def test_a_variant_never_splits_another_word(text):
    """A Japanese variant is replaced wherever it occurs, so the lexicon lists only spellings that no
    other word holds (更に is left out because 変更に holds it, 分から
    because 自分から does): these words stay as written."""
    assert Folder()(text) == text.replace("出来", "でき")


def test_japanese_features_need_no_word_breaks():
    fold = Folder()
    typed = features(fold("毎回サインインを求められる"))
    written = features(fold("サインインを毎回求められます"))
    shared = set(typed) & set(written)
    assert {"j:毎回", "j:サイン", "j:求め"} <= shared


def test_word_breaks_fall_where_the_script_changes_except_into_a_verb_ending():
    # サインイン|が|届か(kanji to hiragana: one verb)ない; 機種変更|し; Teams is not in a Japanese run
    run = "サインインが届かない"
    assert [i for i, broken in enumerate(word_breaks(run)) if broken] == [4, 5]
    assert not any(word_breaks("機種変更する"))


def test_japanese_grams_across_a_word_break_count_less_than_inside_a_word():
    bag = features(Folder()("サインインが届かない"))
    assert bag["j:イン"] == 2.0 and bag["j:届か"] == 1.0  # inside a word (a verb's ending too)
    assert bag["j:インが"] == CROSSING_WEIGHT  # the end of サインイン and the particle が
    assert bag["j:ンが届"] == CROSSING_WEIGHT ** 2  # spans two breaks


def test_each_kanji_is_a_feature_so_compounds_written_differently_meet():
    fold = Folder()
    assert "j:共" in set(features(fold("公共の PC"))) & set(features(fold("共有 PC")))
    assert features(fold("届く"))["j:届"] == KANJI_WEIGHT
    assert not any(len(key) == 3 for key in features(fold("サインイン")))  # kana alone: no single characters


def test_english_features_stem_and_join():
    fold = Folder()
    assert "w:prompt" in features(fold("prompted")) and "w:prompt" in features(fold("prompts"))
    assert "w:signin" in features(fold("sign in")) and "w:signin" in features(fold("signin"))
    assert "p:condit_access" in features(fold("Conditional Access"))


def test_windows_the_system_is_not_a_sign_in_window():
    """The lexicon keeps "windows" whole, so Windows SSO and "the sign-in window" do not meet."""
    fold = Folder()
    assert "w:windows" in features(fold("Windows SSO")) and "w:window" in features(fold("the sign-in window"))
    assert "w:window" not in features(fold("Windows SSO"))


@pytest.mark.parametrize(("typed", "meant"), [
    ("authentification", "authentication"), ("condtional", "conditional"), ("promt", "prompt"),
    ("pasword", "password"), ("credentail", "credential"), ("certficate", "certificate"),
])
def test_misspellings_find_the_content_word(typed, meant):
    vocabulary = FuzzyVocabulary(["authentication", "conditional", "prompt", "password", "credential",
                                  "certificate", "policy"])
    assert vocabulary.closest(typed) == meant


def test_short_or_unknown_words_are_not_guessed():
    vocabulary = FuzzyVocabulary(["policy", "prompt"])
    assert vocabulary.closest("pol") is None
    assert vocabulary.closest("zebra") is None
    assert damerau_levenshtein("promt", "prompt", 1) == 1
    assert damerau_levenshtein("abc", "xyzabc", 1) == 2


# --- ranking and places on the small content set ------------------------------------------

def best(content, text: str) -> Candidate:
    return route(content, text).candidates[0]


@pytest.mark.parametrize(("text", "symptom"), [
    ("Teams で毎回ログインを求められる", "reauth-loop"),
    ("サインインが何度もループする", "reauth-loop"),
    ("I keep getting asked to log in every time", "reauth-loop"),
    ("sign-in lop again and again", "reauth-loop"),
    ("アクセスがブロックされました", "ca-blocked"),
    ("blocked by conditonal access", "ca-blocked"),
    ("VPN につなぐと Teams に入れない", "vpn-network"),
    ("cannot login when on vpn", "vpn-network"),
])
def test_words_rank_the_right_tree_first(small, text, symptom):
    assert best(small, text).symptom == symptom


def test_a_code_outranks_words(small):
    routing = route(small, "Access has been blocked by a conditional access policy, error caa70004")
    assert routing.codes == ("0xCAA70004",)
    assert routing.candidates[0].symptom == "vpn-network"
    assert routing.candidates[0].codes == ("0xCAA70004",)


def test_a_code_enters_at_the_node_concluding_its_cause(small):
    first = best(small, "AADSTS50076")
    assert (first.tree, first.node) == ("loop", NodeRef("loop", "r-mfa"))
    assert first.as_json()["node"] == "r-mfa"


def test_a_code_concluded_in_a_linked_sub_flow_enters_there(small):
    first = best(small, "0xCAA70004")
    assert first.tree == "network" and first.node == NodeRef("codes", "r-proxy")
    assert first.as_json()["node"] == "codes/r-proxy"


def test_a_node_trigger_contained_in_the_text_enters_at_that_node(small):
    since_password = NodeRef("loop", "r-password")
    assert best(small, "asked to sign in since I changed my password").node == since_password
    assert best(small, "パスワードを変更してからサインインを求められる").node == since_password
    assert best(small, "Teams で毎回サインインを求められる").node == NodeRef("loop", "q-when")


def test_naive_bayes_scores_are_probabilities_that_follow_the_telling_words(small):
    router = small.router
    for text, tree in (("Access blocked by conditional access policy", "blocked"),
                       ("Teams keeps asking me to sign in again every day", "loop"),
                       ("VPN 接続中にサインインできない", "network")):
        scores = bayes_scores(router, router.query_bag(text))
        assert set(scores) == set(router.docs) and sum(scores.values()) == pytest.approx(1.0)
        assert max(scores, key=scores.get) == tree
    unknown = bayes_scores(router, router.query_bag("zzqx"))
    assert len(set(unknown.values())) == 1  # nothing known: every tree alike


def test_every_symptom_is_a_candidate_once_with_scores_in_range(small):
    for text in ("毎回サインイン", "completely unrelated words about cooking", "0xCAA70004", "ー"):
        routing = route(small, text)
        assert sorted(c.symptom for c in routing.candidates) == ["ca-blocked", "reauth-loop", "vpn-network"]
        scores = [c.score for c in routing.candidates]
        assert all(0.0 <= s <= 1.0 for s in scores) and scores == sorted(scores, reverse=True)


def test_unrelated_text_scores_low_and_a_clear_match_high(small):
    assert best(small, "completely unrelated words about cooking").score < 0.2
    assert best(small, "毎回サインインを求められる").score > 0.8
    assert best(small, "AADSTS53003").score > 0.8


def test_shared_sub_flows_are_no_candidates(small):
    assert "codes" not in {c.tree for c in route(small, "Read the error code").candidates}


def test_the_index_is_built_once_per_content_set(small):
    """One router per content fingerprint: a second facade over the same files shares it."""
    assert small.router is small.router
    assert Guide.open(ROUTER / "trees", ROUTER / "content").router is small.router
    other = Guide(load_content(ROUTER / "trees", ROUTER / "content").content)
    assert other.router is not small.router


def test_warm_up_reads_a_cached_index_and_never_builds(small, tmp_path, monkeypatch):
    """`warm_router` (what a front end calls in the background) reads the index back; without one, it waits."""
    unknown = Guide(small.content, "not-cached-" + small.version)
    assert not unknown.warm_router()
    again = Guide(small.content, small.version)
    small.router  # built and cached under the fingerprint
    assert again.warm_router() and again.router is small.router


def test_the_route_candidates_are_the_routers(small):
    found = route(small, "VPN につなぐとサインインできない", "ja").candidates
    assert isinstance(found[0], Candidate) and found[0].tree == "network"


def test_place_in_a_given_tree(small):
    router = small.router
    assert router.place("network", "sign in works once I disconnect the VPN") == NodeRef("network", "r-vpn")
    assert router.place("network", "something else entirely") == NodeRef("network", "q-where")
    assert router.place("codes", "0xCAA70004") == NodeRef("codes", "r-proxy")


@pytest.mark.parametrize(("text", "key"), [
    ("every single time", "always"),
    ("毎回です", "always"),
    ("right after I changed my password", "after-change"),
    ("パスワードを変えてから", "after-change"),
    ("VPN", None),
    ("", None),
])
def test_free_text_chooses_an_answer_only_when_clear(small, text, key):
    assert match_answer(small, NodeRef("loop", "q-when"), text) == key


REPLIES = yaml.safe_load((ROUTER / "replies.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("question", "text", "key"), [(r["question"], r["text"], r["key"]) for r in REPLIES])
def test_replies_in_own_words_on_the_shipped_questions(shipped, question, text, key):
    """Short replies people type, not the labels: the one they clearly mean, or None when unclear."""
    tree, node = question.split("/")
    assert match_answer(shipped, NodeRef(tree, node), text) == key


def test_answers_are_ranked_with_scores(small):
    ranked = small.router.rank_answers(NodeRef("loop", "q-when"), "after a password change")
    assert [key for key, _ in ranked] == ["after-change", "always"]
    assert ranked[0][1] > 0.8 and all(0.0 <= score <= 1.0 for _, score in ranked)
    assert small.router.rank_answers(NodeRef("loop", "r-mfa"), "anything") == []


def test_routing_json_shape(small):
    document = route(small, "Teams で caa70004").as_json()
    assert set(document) == {"lang", "codes", "candidates"}
    assert document["lang"] == "ja" and document["codes"] == ["0xCAA70004"]
    for candidate in document["candidates"]:
        assert set(candidate) == {"symptom", "tree", "node", "score"}


def test_no_trees_no_candidates(tmp_path):
    (tmp_path / "trees").mkdir()
    (tmp_path / "content").mkdir()
    empty = Guide.open(tmp_path / "trees", tmp_path / "content")
    routing = route(empty, "caa70004")
    assert isinstance(routing, Routing) and routing.candidates == () and routing.codes == ("0xCAA70004",)


# --- ranking on the shipped content -------------------------------------------------------

def test_the_statements_are_varied_enough():
    for lang, by_symptom in STATEMENTS.items():
        assert len(by_symptom) == 8
        for symptom, texts in by_symptom.items():
            assert len(texts) >= 5, (lang, symptom)


def _written(content, lang: str) -> set[str]:
    """Symptoms whose tree has words in `lang` (the others are still being written)."""
    return {tree.symptom for tree in content.trees.values()
            if tree.symptom and tree.start and (lang, tree.id) in content.texts}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_own_statements_rank_their_symptom_first_or_near(shipped, lang):
    """At least 80% first and 90% in the top three, per language.

    The margin below what the router reaches today (see benchmarks/bench_route.py)
    lets single statements move as authors change the content."""
    present = _written(shipped.content, lang)
    ranks = defaultdict(list)
    for symptom, texts in STATEMENTS[lang].items():
        if symptom in present:
            for text in texts:
                routing = route(shipped, text)
                assert routing.lang == lang, text
                ranked = [c.symptom for c in routing.candidates]
                ranks[symptom].append(ranked.index(symptom) if symptom in ranked else 99)
    found = [rank for listed in ranks.values() for rank in listed]
    if not found:
        pytest.skip(f"no {lang} symptom trees yet")
    assert sum(rank == 0 for rank in found) / len(found) >= 0.8, dict(ranks)
    assert sum(rank < 3 for rank in found) / len(found) >= 0.9, dict(ranks)


CODES_ANOTHER_TREE_LEADS = {
    "AADSTS53004": "registration blocked by risk: the MFA tree names it, risky-sign-in lists ca-blocked first",
    "AADSTS50173": "sessions revoked: the admin tree names it, a user meeting it is in reauth-loop first",
}
"""Codes a symptom tree names among its own triggers that a pasted code still routes elsewhere, and why."""


def test_a_code_a_tree_names_among_its_own_triggers_opens_that_tree(shipped):
    """A code pasted alone opens the symptom tree that lists it among its tree-level triggers: the taxonomy
    lists the code's cause's symptoms most telling first, and code routing follows that order, so the order must
    agree with what the authors of the trees say (AADSTS50079 once opened reauth-loop, although the MFA tree
    names it). `CODES_ANOTHER_TREE_LEADS` lists the agreed exceptions."""
    from guide.engine.codes import find_codes

    content = shipped.content
    named: dict[str, set[str]] = defaultdict(set)
    for (lang, tree_id), words in content.texts.items():
        if content.trees[tree_id].symptom:
            for trigger in words.triggers:
                for hit in find_codes(trigger):
                    named[hit.normalised].add(content.trees[tree_id].symptom)
    assert {"AADSTS50079", "AADSTS50126"} <= set(named)
    opened = {code: route(shipped, code, "en").best.symptom for code in named if code not in CODES_ANOTHER_TREE_LEADS}
    wrong = {code: symptom for code, symptom in opened.items() if symptom not in named[code]}
    assert not wrong, wrong


COLLECTED = sorted((ROOT / "benchmarks" / "statements").glob("*.yaml"))


@pytest.mark.parametrize(("lang", "top1", "top3"), [("en", 0.82, 0.94), ("ja", 0.75, 0.95)])
def test_statements_real_users_wrote_stay_routed(shipped, lang, top1, top3, monkeypatch):
    """The tune half of the statements collected from public posts (benchmarks/statements/, with
    sources) keeps its symptom first or near: a floor under what benchmarks/bench_route.py measures
    (each under the label it counts there, `bench_route.gold`), so a content change that breaks routing
    of real text fails here, not in the field. The held-out half is left out: it is only counted, by
    the benchmark, and a test that passed or failed on it would let it steer whoever runs the suite."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from bench_route import gold, held_out

    items = [item for path in COLLECTED for item in yaml.safe_load(path.read_text(encoding="utf-8"))
             if item["lang"] == lang and not held_out(item["text"])]
    assert len(items) >= 15
    ranks = []
    for item in items:
        ranked = [c.symptom for c in route(shipped, item["text"], lang).candidates]
        ranks.append(ranked.index(gold(item)))
    assert sum(rank == 0 for rank in ranks) / len(ranks) >= top1
    assert sum(rank < 3 for rank in ranks) / len(ranks) >= top3


# --- the command line ---------------------------------------------------------------------

def test_route_json(run_guide):
    result = run_guide("route", "--json", *FIXTURE, "Teams で毎回サインインを求められる")
    assert result.code == 0 and result.err == ""
    document = result.json()
    assert document["lang"] == "ja" and document["codes"] == []
    assert [c["symptom"] for c in document["candidates"]][0] == "reauth-loop"
    assert len(document["candidates"]) == 3


def test_route_joins_unquoted_words_and_reads_stdin(run_guide, monkeypatch):
    import io

    document = run_guide("route", "--json", *FIXTURE, "blocked", "by", "policy").json()
    assert document["candidates"][0]["tree"] == "blocked"
    monkeypatch.setattr(sys, "stdin", io.StringIO("AADSTS50076 in the log\n"))
    assert run_guide("route", "--json", *FIXTURE, "-").json()["codes"] == ["AADSTS50076"]


def test_route_text_output(run_guide):
    result = run_guide("route", *FIXTURE, "--lang", "ja", "0xCAA70004")
    lines = result.out.splitlines()
    assert result.code == 0 and lines[0] == "lang: ja  codes: 0xCAA70004"
    assert "vpn-network" in lines[1] and "codes/r-proxy" in lines[1] and "VPN" in lines[1]


@pytest.mark.parametrize("args", [("route", "   "), ("route",), ("walk",), ("walk", "--text", " ")])
def test_route_usage_errors_exit_2(run_guide, args):
    result = run_guide(*args, *FIXTURE)
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1


def test_route_without_symptom_trees_exits_1(run_guide, tmp_path):
    (tmp_path / "trees").mkdir()
    (tmp_path / "content").mkdir()
    result = run_guide("route", *content_args(tmp_path), "caa70004")
    assert result.code == 1 and result.err.count("\n") == 1


def test_route_with_a_missing_folder_exits_2(run_guide, tmp_path):
    result = run_guide("route", "--trees", str(tmp_path / "nowhere"), "caa70004")
    assert result.code == 2 and "nowhere" in result.err


def test_walk_from_text_picks_the_tree(run_guide):
    document = run_guide("walk", "--text", "毎回サインインを求められる", "--json", *FIXTURE).json()
    assert document["tree"] == "loop" and document["at"] == "q-when" and document["steps"] == []
    assert document["route"]["candidates"][0]["tree"] == "loop"


def test_walk_from_text_enters_at_a_code_and_goes_on(run_guide):
    document = run_guide("walk", "--text", "AADSTS50076", "--answer", "not-fixed", "--json", *FIXTURE).json()
    assert document["tree"] == "loop"
    assert [step["node"] for step in document["steps"]] == ["r-mfa", "r-mfa"]
    assert document["at"] == "e-help" and document["finished"] is True


def test_walk_from_text_in_a_given_tree(run_guide):
    document = run_guide("walk", "network", "--text", "caa70004", "--json", *FIXTURE).json()
    assert document["tree"] == "network" and document["at"] == "codes/r-proxy"
    document = run_guide("walk", "network", "--text", "nothing in particular", "--json", *FIXTURE).json()
    assert document["at"] == "q-where"


def test_walk_from_text_in_an_unknown_tree_exits_2(run_guide):
    result = run_guide("walk", "nope", "--text", "caa70004", *FIXTURE)
    assert result.code == 2 and "nope" in result.err


def test_route_as_a_subprocess_prints_one_json_document():
    done = subprocess.run([sys.executable, "-m", "guide", "route", "--json", *FIXTURE, "caa70004 と出る"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["codes"] == ["0xCAA70004"]


@pytest.mark.parametrize("greeting", ["おはようございます", "よろしくお願いします", "thanks"])
def test_a_greeting_is_no_answer(shipped, greeting):
    for question in ("shared-device/q-situation", "vpn-network/q-situation", "reauth-loop/q-pattern"):
        assert match_answer(shipped, NodeRef(*question.split("/")), greeting) is None
