"""Does a trigger copy a benchmark statement? Check Japanese triggers against every statement set.

Statements are how we find out whether the router understands text nobody wrote
for it, so a trigger must not repeat one, nor nearly (docs/authoring.md,
"Triggers"). For each trigger this prints, against the closest statement of all
sets (tests/fixtures/shared/eval, tests/fixtures/router/statements.yaml,
benchmarks/statements/*.yaml), the longest common run of characters, that run
as a share of the trigger, and the share of the trigger's character trigrams
found in one statement, after dropping spaces and punctuation and counting a
product name (Microsoft, Authenticator, Teams ...) as one character; a text
without Japanese is compared in words instead (`LONGEST_WORD_RUN`). A trigger
is marked COPY when the run is 10 characters (5 words) or more, or either share
is 0.45 or more. Only the figures are printed, never a statement (half of them are held
out and must not be read).

    python benchmarks/trigger_overlap.py --since main    # triggers added to content/ja since main
    printf 'tree\\tphrase\\n' | python benchmarks/trigger_overlap.py   # candidates, one a line
    python benchmarks/trigger_overlap.py --examples      # routing examples and the private dev set
    printf 'URL\\n' | python benchmarks/trigger_overlap.py --sources   # was a statement, example or dev line taken from these pages?
    python benchmarks/trigger_overlap.py --training      # the written training corpus (guide/training/)

With ``--examples`` every line of guide/examples/*.yaml and benchmarks/dev/*.yaml
is checked against the statements and also against every trigger of content/
and every earlier example or dev line (a near-duplicate teaches nothing new, and a
dev line must not nearly repeat an example); and its ``source`` must not be the
page any statement was taken from, nor the same documentation article published
elsewhere (a translation's GitHub fork, jpazureid/blog and jpazureid.github.io,
learn.microsoft.com; a help centre's article under another title: `article_key`), nor the same GitHub issue,
pull request or discussion reached by another link (an ``#issuecomment-`` anchor, a ``?query``: `thread_key`)
(marked SOURCE; the statement's page is not printed either). ``--sources`` makes that check for candidate
pages before anyone reads them, and also marks EXAMPLE a page a routing example or dev line was taken from:
such a page is no source for a new statement (a statement from it is not unseen wording), while more
examples may still come from it (the exit status counts SOURCE and SHORT only). Both checks mark SHORT a
blog post's numbered address (``site/?p=4589``) on a site a statement was taken from at a slug address: the
same post can have both there (irohastack.com publishes both), and only the page says which it is. Check the page's
canonical address (its ``<link rel="canonical">``) instead, and give that address as the source.

With ``--training`` every line of the written training corpus (guide/training/*.yaml) is checked
against every statement, routing example, dev line and trigger at once (marked COPY by the same rule:
the corpus is written from the trees and must repeat none of them), and against its earlier lines
(marked NEAR at a trigram share of 0.6 or more: a near-duplicate teaches the model nothing new).

Exit status 1 when a trigger is marked COPY.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
STATEMENT_FILES = [*sorted((ROOT / "benchmarks" / "statements").glob("*.yaml")),
                   *sorted((ROOT / "tests" / "fixtures" / "shared" / "eval").glob("*.yaml")),
                   ROOT / "tests" / "fixtures" / "router" / "statements.yaml"]
PRODUCTS = re.compile(r"microsoft|authenticator|teams|outlook|office|onedrive|sharepoint|windows|entra")
PUNCTUATION = re.compile(r"[\s「」『』、。,.!?!?・()()\"']")
LONGEST_RUN = 10
LONGEST_WORD_RUN = 5
"""For a text without Japanese, runs and trigrams count words: without its spaces ten characters of
English are two short words ("inazureoffice"), which any two sentences about one product share."""
SHARE = 0.45
JAPANESE = re.compile(r"[ぁ-んァ-ヶ一-龯]")


def normalised(text: str) -> str:
    """Lower case, no spaces or punctuation, each product name one character."""
    return PRODUCTS.sub("§", PUNCTUATION.sub("", text.lower()))


def words(text: str) -> tuple[str, ...]:
    """Lower-case words (letters and digits), each product name one word."""
    return tuple(re.findall(r"[a-z0-9§]+", PRODUCTS.sub("§", text.lower())))


def units(text: str) -> str | tuple[str, ...]:
    """What a text is compared in: its `normalised` characters when it has Japanese, else its `words`."""
    return normalised(text) if JAPANESE.search(text) else words(text)


def run_limit(text: str) -> int:
    """The longest common run (in `units`) that counts as copying from `text`'s side."""
    return LONGEST_RUN if JAPANESE.search(text) else LONGEST_WORD_RUN


def values_of(key: str, node: object):
    """Every value under `key`, at any depth of a loaded YAML document."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key:
                yield value
            else:
                yield from values_of(key, value)
    elif isinstance(node, list):
        for value in node:
            yield from values_of(key, value)


def loaded(paths) -> list[object]:
    """The YAML documents of those of `paths` that exist."""
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in paths if path.exists()]


def statement_texts() -> list[str]:
    """Every statement text of every set, as written (only compared, never printed)."""
    return [text for doc in loaded(STATEMENT_FILES) for text in values_of("text", doc) if isinstance(text, str)]


def statements() -> list[str | tuple[str, ...]]:
    """Every statement text of every set, both `normalised` and as `words` (`overlap` takes the kind
    the compared phrase is in)."""
    return [form for text in statement_texts() for form in (normalised(text), words(text))]


def longest_common_run(a, b) -> int:
    """Length of the longest substring `a` and `b` share."""
    best, previous = 0, [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def trigrams(text) -> set:
    """The trigrams of `text`: of characters, or of words when `text` is a tuple of words."""
    return {text[i:i + 3] for i in range(len(text) - 2)}


def overlap(phrase: str, texts: list) -> tuple[int, float, float]:
    """(longest common run, its share of the phrase, largest trigram share) against those of `texts` in the
    phrase's `units` (characters or words)."""
    mine = units(phrase)
    texts = [text for text in texts if type(text) is type(mine)]
    grams = trigrams(mine)
    run = max((longest_common_run(mine, text) for text in texts), default=0)
    share = max((len(grams & trigrams(text)) / len(grams) for text in texts), default=0.0) if grams else 0.0
    return run, run / max(len(mine), 1), share


def is_copy(text: str, figures: tuple[int, float, float]) -> bool:
    """Whether `overlap`'s figures for `text` mark it as copying (the rule in the module's docstring)."""
    run, run_share, gram_share = figures
    return run >= run_limit(text) or run_share >= SHARE or gram_share >= SHARE


def added_since(revision: str) -> list[tuple[str, str]]:
    """(tree, phrase) of the trigger lines added to content/ja since `revision`."""
    diff = subprocess.run(["git", "diff", revision, "--", "content/ja"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    found, tree = [], ""
    for line in diff.splitlines():
        header = re.match(r"\+\+\+ b/content/ja/(.+)\.yaml", line)
        if header:
            tree = header.group(1)
        elif line.startswith("+  - ") or line.startswith("+      - "):
            found.append((tree, str(yaml.safe_load(line[1:].strip()[2:]))))
    return found


EXAMPLE_FILES = [*sorted((ROOT / "guide" / "examples").glob("*.yaml")),
                 *sorted((ROOT / "benchmarks" / "dev").glob("*.yaml"))]


def statement_sources() -> set[str]:
    """The source URL of every statement, without its scheme, ``www.`` or trailing slash."""
    return {bare_url(url) for doc in loaded(STATEMENT_FILES) for url in values_of("source", doc)
            if isinstance(url, str)}


def bare_url(url: str) -> str:
    """A URL compared loosely: no scheme, no ``www.``, no trailing dot after the host name (``note.com./`` is
    ``note.com/``, as ``learn.microsoft.com./`` is the same site), no trailing slash, lower case."""
    bare = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return re.sub(r"^([^/]+?)\.(?=/|$)", r"\1", bare).rstrip("/")


THREAD = re.compile(r"^github\.com/([^/]+/[^/]+)/(?:issues|pull|discussions)/(\d+)(?:/|$)")


def thread_key(url: str) -> str | None:
    """``owner/repo#N`` for a GitHub issue, pull request or discussion, whatever follows its number (an
    ``#issuecomment-`` anchor, a ``?query``, ``/files``); None for other pages. GitHub numbers a
    repository's issues, pull requests and discussions in one sequence, so ``/issues/5`` and ``/pull/5``
    are one thread."""
    found = THREAD.match(re.sub(r"[?#].*$", "", bare_url(url)))
    return f"{found.group(1)}#{found.group(2)}" if found else None


def page(url: str) -> str:
    """`bare_url` without its ``#`` anchor: the page, wherever on it a link points."""
    return re.sub(r"#.*$", "", bare_url(url))


class SourcePages:
    """The pages the statements were taken from (or the pages of `sources`, bare URLs), each compared three
    ways (`taken`)."""

    def __init__(self, sources: set[str] | None = None) -> None:
        sources = statement_sources() if sources is None else sources
        self.pages = {page(url) for url in sources}
        self.threads = {key for url in sources if (key := thread_key("https://" + url))}
        self.articles = {key for url in sources if (key := article_key("https://" + url))}
        self.slug_hosts = {url.split("/", 1)[0] for url in self.pages if not SHORT_ADDRESS.match(url)}
        """The sites with one of these pages at an address other than a numbered one (`SHORT_ADDRESS`)."""

    def taken(self, source: str) -> bool:
        """Whether `source` is one of these pages: the same page (`page`), the same GitHub thread
        (`thread_key`) or the same documentation article (`article_key`)."""
        return (page(source) in self.pages or thread_key(source) in self.threads
                or article_key(source) in self.articles)

    def unresolved(self, source: str) -> bool:
        """Whether `source` is a post's numbered address (`SHORT_ADDRESS`) on a site where one of these pages
        has a slug address: the number does not say which post it is, so it may be that page. (Where all of
        a site's pages are numbered, `taken` compares the numbers, which name posts uniquely.)"""
        found = SHORT_ADDRESS.match(bare_url(source))
        return bool(found) and found[1] in self.slug_hosts

    def mark(self, source: str) -> str | None:
        """What `source` is marked against these pages: SOURCE when `taken`, SHORT when `unresolved`, else None."""
        return "SOURCE" if self.taken(source) else "SHORT" if self.unresolved(source) else None


DOC_SITES = re.compile(r"^(learn|docs)\.microsoft\.com/|^jpazureid\.github\.io/")
DOC_REPOS = re.compile(r"^github\.com/[^/]+/([^/]*docs[^/]*|blog|[^/]*alchemyinsights[^/]*)/(blob|tree|raw)/")
SHORT_ADDRESS = re.compile(r"^([^/]+)(?:/index\.php)?/?\?(?:p|page_id)=\d+")
"""A blog post's numbered address (WordPress ``?p=4589``): the same post as its slug address (``/en/<slug>/``),
which only the page itself tells (its canonical link)."""
HELP_CENTRE = re.compile(r"^([^/]+)/hc/[^/]+/articles/(\d+)")
"""A help-centre article (Zendesk and the like) is its number: the words after it are a title that changes."""


def article_key(url: str) -> str | None:
    """The name of the article a documentation page shows, the same wherever it is published: the file name
    of a docs repository's page on GitHub (a translation's fork, ``jpazureid/blog``) and the last path
    segment on learn.microsoft.com, docs.microsoft.com or jpazureid.github.io; a help centre's host and article
    number (`HELP_CENTRE`). None for other pages."""
    bare = re.sub(r"[?#].*$", "", bare_url(url))
    if found := HELP_CENTRE.match(bare):
        return f"{found[1]}/articles/{found[2]}"
    if not (DOC_SITES.match(bare) or DOC_REPOS.match(bare)):
        return None
    return re.sub(r"\.(md|yml|html)$", "", bare.rsplit("/", 1)[-1]) or None


def triggers() -> list:
    """Every trigger phrase of content/ (trees and nodes, both languages), in its `units`."""
    return [units(str(item)) for doc in loaded(sorted((ROOT / "content").glob("*/*.yaml")))
            for items in values_of("triggers", doc) if isinstance(items, list) for item in items]


def examples() -> list[tuple[str, str, str, str]]:
    """(file, tree, text, source) of every routing example and dev-set line."""
    found = []
    for path in EXAMPLE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if isinstance(data, dict):
            found += [(path.name, tree, item["text"], item.get("source", "")) for tree, items in data.items()
                      for item in items]
        else:
            found += [(path.name, item["symptom"], item["text"], item.get("source", "")) for item in data]
    return found


def check_examples() -> int:
    """Check every example and dev line (see the module's docstring); the number marked."""
    texts, phrases, pages = statements(), triggers(), SourcePages()
    lines = examples()
    others = [units(text) for _, _, text, _ in lines]
    marked = 0
    for number, (name, tree, text, source) in enumerate(lines):
        figures = run, run_share, gram_share = overlap(text, texts)
        near = overlap(text, phrases + others[:number])  # of a near pair, the later line is marked
        copy = is_copy(text, figures)
        duplicate = near[0] >= run_limit(text) and near[1] >= SHARE or near[2] >= 0.6
        mark = "COPY" if copy else pages.mark(source) or ("NEAR" if duplicate else "ok")
        marked += mark != "ok"
        print(f"{mark:6}  run {run:2d} ({run_share:.2f})  trigrams {gram_share:.2f}  near {near[2]:.2f}  "
              f"{name} {tree}: {text}")
    print(f"{len(lines)} examples against {len(texts) // 2} statements, {len(phrases)} triggers: {marked} marked")
    return 1 if marked else 0


def check_sources(urls: list[str]) -> int:
    """Mark each of `urls` SOURCE when a statement was taken from that page (`SourcePages.taken`), else
    EXAMPLE when a routing example or dev line was, before anyone reads it; prints the given URLs only. The
    number marked SOURCE."""
    pages = SourcePages()
    example_pages = SourcePages({bare_url(source) for *_rest, source in examples() if source})
    marked = 0
    for url in urls:
        mark = pages.mark(url)
        marked += mark is not None
        print(f"{mark or ('EXAMPLE' if example_pages.taken(url) else 'ok'):7}  {url}")
    return marked


TRAINING_FILES = sorted((ROOT / "guide" / "training").glob("*.yaml"))


class RunIndex:
    """`overlap` against a fixed list of texts, fast enough for hundreds of phrases: the longest common run
    is the largest k for which one of the phrase's k-grams is among the texts' k-grams (a shared run of k
    contains shared runs of every shorter length), with each length's k-grams gathered once."""

    def __init__(self, texts: list) -> None:
        self.texts = texts
        self.grams: dict[tuple[type, int], set] = {}
        self.trigram_sets = [(type(text), trigrams(text)) for text in texts]

    def grams_of(self, kind: type, length: int) -> set:
        """Every run of `length` units in the texts of `kind` (str for characters, tuple for words)."""
        if (kind, length) not in self.grams:
            self.grams[kind, length] = {text[i:i + length] for text in self.texts if type(text) is kind
                                        for i in range(len(text) - length + 1)}
        return self.grams[kind, length]

    def overlap(self, phrase: str) -> tuple[int, float, float]:
        """The same figures as `overlap(phrase, texts)`."""
        mine = units(phrase)
        kind, run = type(mine), 0
        while run < len(mine) and any(mine[i:i + run + 1] in self.grams_of(kind, run + 1)
                                      for i in range(len(mine) - run)):
            run += 1
        grams = trigrams(mine)
        share = max((len(grams & theirs) / len(grams) for their_kind, theirs in self.trigram_sets
                     if their_kind is kind), default=0.0) if grams else 0.0
        return run, run / max(len(mine), 1), share


def check_training() -> int:
    """Check every line of the written training corpus (see the module's docstring); the number marked.
    Only the corpus's own lines are printed, with the kinds of text a COPY came close to."""
    kinds = {"statement": statements(), "trigger": triggers(),
             "example": [units(text) for _, _, text, _ in examples()]}
    indexes = {kind: RunIndex(texts) for kind, texts in kinds.items()}
    lines = [(path.name, item["symptom"], item["text"]) for path in TRAINING_FILES
             for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    earlier = [trigrams(units(text)) for _, _, text in lines]
    marked = 0
    for number, (name, tree, text) in enumerate(lines):
        figures = {kind: index.overlap(text) for kind, index in indexes.items()}
        run, run_share, gram_share = (max(values) for values in zip(*figures.values()))
        copied = [kind for kind, values in figures.items() if is_copy(text, values)]
        grams = earlier[number]
        near = max((len(grams & other) / len(grams) for other in earlier[:number]), default=0.0) if grams else 0.0
        mark = "COPY" if copied else "NEAR" if near >= 0.6 else "ok"
        marked += mark != "ok"
        print(f"{mark:4}  run {run:2d} ({run_share:.2f})  trigrams {gram_share:.2f}  near {near:.2f}  "
              f"{'+'.join(copied) or '-':9}  {name} {tree}: {text}")
    print(f"{len(lines)} training lines against {len(kinds['statement']) // 2} statements, "
          f"{len(kinds['trigger'])} triggers, {len(kinds['example'])} examples and dev lines: {marked} marked")
    return 1 if marked else 0


def main(argv: list[str]) -> int:
    if "--training" in argv:
        return check_training()
    if "--examples" in argv:
        return check_examples()
    if "--sources" in argv:
        return 1 if check_sources([line.strip() for line in sys.stdin if line.strip()]) else 0
    if "--since" in argv:
        candidates = added_since(argv[argv.index("--since") + 1])
    else:
        candidates = [tuple(line.rstrip("\n").split("\t", 1)) for line in sys.stdin if "\t" in line]
    texts = statements()
    copies = 0
    for tree, phrase in candidates:
        figures = run, run_share, gram_share = overlap(phrase, texts)
        copy = is_copy(phrase, figures)
        copies += copy
        print(f"{'COPY' if copy else 'ok  '}  run {run:2d} ({run_share:.2f})  trigrams {gram_share:.2f}  {tree}: {phrase}")
    print(f"{len(candidates)} triggers against {len(texts) // 2} statements: {copies} copy one")
    return 1 if copies else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
