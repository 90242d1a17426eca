"""The `guide` command line (see CONTRACT.md): a thin layer over the engine.

Every command parses its flags, calls the engine and prints. Failures are one
line on stderr naming the file (and line) and what to do; exit codes are 0
success, 1 the input has defects, 2 usage error or unreadable input. No
traceback ever reaches a person.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Sequence

from guide import __version__
from guide.engine.service import ContentError, GuideError, UsageError

EXIT_OK, EXIT_DEFECTS, EXIT_USAGE = 0, 1, 2


class DefectsFound(GuideError):
    """The input has defects (exit code 1)."""


def default_lang() -> str:
    """``ja`` when the locale starts with ``ja``, else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors as `UsageError` instead of exiting; with `defer`,
    its options are added only when it is first used (a command's parser: ``guide route`` then sets
    up one command's options, not every command's)."""

    def __init__(self, *args, defer: bool = False, **kwargs) -> None:
        self._pending: list[tuple[tuple, dict]] | None = None
        super().__init__(*args, **kwargs)
        if defer:
            self._pending = []

    def add_argument(self, *args, **kwargs):  # type: ignore[override]
        if self._pending is not None:
            self._pending.append((args, kwargs))
            return None
        return super().add_argument(*args, **kwargs)

    def _add_pending(self) -> None:
        pending, self._pending = self._pending, None
        for args, kwargs in pending or ():
            super().add_argument(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        self._add_pending()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._add_pending()
        return super().format_usage()

    def format_help(self) -> str:
        self._add_pending()
        return super().format_help()

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """The options every command takes; on subcommands they default to 'not given'."""
    default = (lambda value: argparse.SUPPRESS) if suppress else (lambda value: value)
    parser.add_argument("--lang", choices=("ja", "en"), default=default(None),
                        help="language of human-readable text (default: from the locale)")
    parser.add_argument("--trees", metavar="DIR", default=default(None), help="folder of tree files")
    parser.add_argument("--content", metavar="DIR", default=default(None), help="folder holding ja/ and en/ words")
    parser.add_argument("--json", action="store_true", default=default(False), help="print one JSON document")


class _Skipped:
    """Takes the options of a command this run leaves out (`build_parser`'s `only`)."""

    prog = "guide (left out)"

    def add_argument(self, *args, **kwargs) -> None:
        return None


def build_parser(*, defer: bool = False, only: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The full argument parser of `guide`; with `defer`, each command's options are added when that
    command is parsed; with `only`, commands not named in it are left out (`parse_arguments`: the
    same parser, set up only as far as a run uses it)."""
    only = None if only is None else set(only)
    parser = _Parser(prog="guide", description="Bilingual guide for Entra ID and Teams sign-in problems.")
    parser.add_argument("--version", action="version", version=f"guide {__version__}")
    _common(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        if only is not None and name not in only:
            return _Skipped()  # type: ignore[return-value]
        sub = commands.add_parser(name, help=help_text, description=help_text, defer=defer)
        _common(sub, suppress=True)
        return sub

    tui = command("tui", "start the terminal UI (the default)")
    _tui_options(tui)
    _tui_options(parser)

    lint = command("lint", "check trees, words and their links")
    lint.add_argument("--format", choices=("text", "json", "github"), default="text")
    lint.add_argument("--list-codes", action="store_true", help="print the table of defect codes and stop")

    paths = command("paths", "every root-to-end path through the trees")
    paths.add_argument("--tree", metavar="ID", help="only this tree")
    paths.add_argument("--count", action="store_true", help="print only how many paths there are")

    route = command("route", "free text to where the conversation should start (error codes, symptoms)")
    route.add_argument("text", nargs="+", metavar="TEXT", help="what the person typed; - reads standard input")

    walk = command("walk", "walk a tree non-interactively with the given answers")
    walk.add_argument("tree", metavar="TREE", nargs="?",
                      help="the tree to walk (optional with --text: the router picks it)")
    walk.add_argument("--text", metavar="TEXT",
                      help="start where this free text points (in TREE when given, else the best candidate)")
    walk.add_argument("--answer", action="append", default=[], metavar="KEY",
                      help="the next answer; NODE=KEY answers that node (overrides evidence)")
    walk.add_argument("--evidence", action="append", default=[], metavar="FILE", help="evidence file to follow")
    walk.add_argument("--mode", choices=("user", "agent", "admin"), default="user", help="whose wording to show")

    command("actions", "the remediation action registry")

    graph = command("graph", "a tree as diagram source")
    graph.add_argument("tree", metavar="TREE")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")

    schema = command("schema", "print the JSON Schema of tree or content files")
    schema.add_argument("name", choices=("tree", "content"), nargs="?", default="tree")

    stamp = command("stamp", "write the current source hashes into a translation you have checked")
    stamp.add_argument("--tree", metavar="ID", help="only this tree")

    cover = command("coverage", "what the golden scenarios pin: nodes, edges and paths per tree")
    cover.add_argument("--scenarios", metavar="DIR", default=None,
                       help="folder of scenario files (default: the golden scenarios installed with the guide)")
    cover.add_argument("--fail-under", type=float, default=0.0, metavar="PCT",
                       help="exit 1 when a tree's node or edge coverage is below PCT percent")

    check = command("check", "run the diagnostic checks over evidence files")
    check.add_argument("files", nargs="+", metavar="FILE", help="evidence files; - reads standard input")

    report = command("report", "what happened in the stored conversations, for content authors")
    report.add_argument("--db", metavar="URL", help="session store: sqlite:///PATH or postgresql://... "
                        "(default: $GUIDE_DB, else the SQLite file in the state folder)")
    report.add_argument("--since", metavar="DATE", help="conversations started on or after DATE (YYYY-MM-DD[THH:MM], UTC)")
    report.add_argument("--until", metavar="DATE", help="conversations started before DATE (a day alone: up to its end)")
    report.add_argument("--tree", metavar="ID", help="only conversations started in this tree, and its nodes")
    report.add_argument("--mode", choices=("user", "agent"), help="only this wording")
    report.add_argument("--version", metavar="FP", help="only this content version (a unique prefix will do)")
    report.add_argument("--compare", nargs=2, metavar=("FP", "FP"), help="two content versions side by side")
    report.add_argument("--html", metavar="FILE", help="also write the report as one self-contained HTML file")
    report.add_argument("--purge-before", metavar="DATE",
                        help="delete conversations last active before DATE (with their steps) and stop")

    serve = command("serve", "serve the guide as a web page for browsers (this machine only unless --host says otherwise)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, loopback)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--db", metavar="URL", default=None,
                       help="session store: sqlite:///PATH or postgresql://... (default: $GUIDE_DB, else the state folder)")
    serve.add_argument("--workers", type=int, default=1, metavar="N", help="server processes (default: 1)")
    serve.add_argument("--mode", choices=("user", "agent"), default=argparse.SUPPRESS,
                       help="default wording: self-service (user, the default) or support agent")
    serve.add_argument("--helpdesk", metavar="EMAIL", help="address that requests to IT are written to")
    serve.add_argument("--report-token", metavar="TOKEN", help="serve /report to requests bearing this token")
    serve.add_argument("--max-upload", type=int, default=5_000_000, metavar="BYTES",
                       help="largest evidence upload or paste (default: 5000000)")
    serve.add_argument("--max-text", type=int, default=500, metavar="CHARS",
                       help="longest free text on the start page (default: 500)")
    serve.add_argument("--new-per-minute", type=int, default=30, metavar="N",
                       help="new conversations per client address and minute, per process; 0: no limit (default: 30)")
    serve.add_argument("--frame-ancestors", default="'none'", metavar="SOURCES",
                       help="who may show the page in a frame, as CSP sources (default: 'none')")
    return parser


def _tui_options(parser: argparse.ArgumentParser) -> None:
    suppress = parser.prog != "guide"
    default = (lambda value: argparse.SUPPRESS) if suppress else (lambda value: value)
    parser.add_argument("--mode", choices=("user", "agent"), default=default("user"),
                        help="self-service (user) or support-agent wording")
    parser.add_argument("--evidence", nargs="+", default=default([]), metavar="FILE", help="evidence to preload")
    parser.add_argument("--resume", nargs="?", const="", default=default(None), metavar="ID",
                        help="continue a saved session (the latest when no id is given)")


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """`argv` read as the full parser reads it, setting up only the commands named in it (with their
    options added as they are parsed): ``guide route`` builds one command's parser, not thirteen.
    Help, and any usage error, come from the full parser, so they list every command."""
    given = list(sys.argv[1:] if argv is None else argv)
    if any(token.startswith(("-h", "--h")) for token in given):
        return build_parser().parse_args(given)
    try:
        return build_parser(defer=True, only=given).parse_args(given)
    except UsageError:
        return build_parser().parse_args(given)  # the full parser's own message


def main(argv: Sequence[str] | None = None) -> int:
    """Run `guide` with `argv`; returns the exit code."""
    try:
        args = parse_arguments(argv)
        args.lang_given = args.lang
        args.lang = args.lang or default_lang()
        handler = _HANDLERS[args.command or "tui"]
        return handler(args)
    except UsageError as exc:
        print(f"guide: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DefectsFound as exc:
        print(f"guide: {exc}", file=sys.stderr)
        return EXIT_DEFECTS
    except ContentError as exc:
        print(exc.located(), file=sys.stderr)
        return EXIT_USAGE
    except GuideError as exc:
        print(f"guide: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        print(f"guide: internal error: {type(exc).__name__}: {exc}. Please report this with the command you ran.",
              file=sys.stderr)
        return EXIT_USAGE


# --- helpers ---------------------------------------------------------------

def _print_json(document: object) -> None:
    import json

    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _load(args: argparse.Namespace, *, remember: bool = False):
    """The content set and its parsed documents, read from the files; with `remember`, files unchanged
    since the last such run are not parsed again (`cache.FileCache`)."""
    from guide.engine.loader import default_content_dir, default_trees_dir, load_content

    _check_folders(args)
    if not remember:
        return load_content(args.trees, args.content)
    from guide.engine.cache import FileCache

    files = FileCache(Path(args.trees or default_trees_dir()), Path(args.content or default_content_dir()))
    loaded = load_content(args.trees, args.content, files=files)
    files.save()
    return loaded


def _guide(args: argparse.Namespace, *, defer: bool = False):
    """The facade over the content the flags name (read from the cache when it was read before; with
    `defer`, at first use)."""
    from guide.engine.service import Guide

    _check_folders(args)
    return Guide.open(args.trees, args.content, defer=defer)


def _check_folders(args: argparse.Namespace) -> None:
    for flag in ("trees", "content"):
        folder = getattr(args, flag)
        if folder and not Path(folder).is_dir():
            raise UsageError(f"--{flag} {folder}: no such folder")


def _relative(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith(".." + os.sep + "..") else relative


def _tree_or_fail(content, tree_id: str) -> None:
    """Refuse a tree id that is not loaded: naming the file that failed to load (exit 1), else the trees there are."""
    if tree_id in content.trees:
        return
    failed = _load_failure(content, tree_id)
    if failed is not None:
        raise DefectsFound(f"{_relative(failed.path)}:{failed.line}:{failed.col}: error {failed.code} "
                           f"{failed.message}; tree {tree_id!r} could not be loaded, run `guide lint` for every defect")
    known = ", ".join(sorted(content.trees)) or "(none loaded)"
    raise UsageError(f"no tree {tree_id!r}; trees: {known}")


def _load_failure(content, tree_id: str):
    """The load error of the file that should have held `tree_id` (its name, else any tree file), or None."""
    errors = [defect for defect in content.defects if defect.severity == "error"]
    named = [defect for defect in errors if Path(defect.path).stem == tree_id]
    trees = [defect for defect in errors if Path(defect.path).parent.name != "ja"
             and Path(defect.path).parent.name != "en"]
    found = named or trees
    return found[0] if found else None


def _require_acyclic(content) -> None:
    """Refuse to walk or count content with a cycle, naming where it is (exit 1)."""
    from guide.engine.compiler import compile_graph, edge_lists, find_cycle, is_acyclic, numbered, show_cycle

    if is_acyclic(numbered(edge_lists(content))):  # the common case: no networkx graph to build
        return
    cycle = find_cycle(compile_graph(content))
    if cycle:
        path = content.trees[cycle[0].tree].path
        node = content.node(cycle[0])
        raise DefectsFound(f"{_relative(path)}:{node.line}:{node.col}: error cycle {show_cycle(cycle)}; "
                           "run `guide lint`")


# --- commands --------------------------------------------------------------

def cmd_lint(args: argparse.Namespace) -> int:
    from guide.engine.lint import codes_markdown, lint

    if args.list_codes:
        sys.stdout.write(codes_markdown())
        return EXIT_OK
    loaded = _load(args, remember=True)
    defects = lint(loaded)
    fmt = "json" if args.json else args.format
    if fmt == "json":
        _print_json({"defects": [{**d.as_json(), "path": _relative(d.path)} for d in defects],
                     "checked": _what_was_checked(loaded.content)})
    elif fmt == "github":
        for d in defects:
            level = "error" if d.severity == "error" else "warning"
            message = d.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::{level} file={_relative(d.path)},line={d.line},col={d.col},title={d.code}::{message}")
    else:
        for d in defects:
            print(f"{_relative(d.path)}:{d.line}:{d.col}: {d.severity} {d.code} {d.message}")
        print(_lint_summary(loaded.content, defects))
    return EXIT_DEFECTS if any(d.severity == "error" for d in defects) else EXIT_OK


def _what_was_checked(content) -> dict:
    """The trees, nodes and languages of words `guide lint` checked (its JSON's ``checked``)."""
    return {"trees": len(content.trees), "nodes": sum(len(tree.nodes) for tree in content.trees.values()),
            "languages": sorted({lang for lang, _ in content.texts})}


def _lint_summary(content, defects) -> str:
    """The closing line of `guide lint`: what was checked and what was found."""
    checked = _what_was_checked(content)
    errors = sum(1 for d in defects if d.severity == "error")
    warnings = len(defects) - errors
    found = "no defects" if not defects else f"{errors} error(s), {warnings} warning(s)"
    return (f"checked {checked['trees']} trees, {checked['nodes']} nodes, "
            f"words in {', '.join(checked['languages']) or 'no language'}: "
            f"{found}")


def cmd_paths(args: argparse.Namespace) -> int:
    from guide.engine.compiler import start_ref, walk_paths

    if args.count:
        counts = _path_counts(args)
        if args.tree and args.tree not in counts:
            _tree_or_fail(_guide(args).content, args.tree)  # says which file failed, or which trees there are
        total = counts[args.tree] if args.tree else sum(counts.values())
        _print_json({"count": total}) if args.json else print(total)
        return EXIT_OK
    content = _guide(args).content
    if args.tree:
        _tree_or_fail(content, args.tree)
    _require_acyclic(content)
    tree_ids = [args.tree] if args.tree else sorted(content.trees)
    roots = [(tree_id, start_ref(content, tree_id)) for tree_id in tree_ids]
    roots = [(tree_id, root) for tree_id, root in roots if root is not None]
    listed = []
    for tree_id, root in roots:
        for nodes, answers in walk_paths(content, root):
            end = content.node(nodes[-1])
            listed.append({"tree": tree_id, "nodes": [ref.show(tree_id) for ref in nodes], "answers": answers,
                           "end": nodes[-1].show(tree_id), "cause": end.cause,
                           "actions": [action.id for action in end.actions]})
    if args.json:
        _print_json({"paths": listed, "count": len(listed)})
    else:
        for path in listed:
            steps = "".join(f"{node} -[{answer}]-> " for node, answer in zip(path["nodes"], path["answers"]))
            conclusion = path["cause"] or "escalation"
            print(f"{path['tree']}: {steps}{path['end']} => {conclusion} ({', '.join(path['actions'])})")
        print(f"{len(listed)} paths")
    return EXIT_OK


def _path_counts(args: argparse.Namespace) -> dict[str, int]:
    """Every loaded tree → how many paths start at its root (0 without a valid start), counted once per
    content set and kept under its fingerprint (`cache.remembered`): a second ``guide paths --count``
    over the same files reads neither the content nor the graph."""
    from guide.engine.cache import content_version, remembered

    _check_folders(args)

    def count() -> dict[str, int]:
        from guide.engine.compiler import count_paths, start_ref

        content = _guide(args).content  # through the content cache
        _require_acyclic(content)
        roots = {tree_id: start_ref(content, tree_id) for tree_id in content.trees}
        return {tree_id: count_paths(content, root) if root else 0 for tree_id, root in roots.items()}

    def valid(found: object) -> bool:
        return isinstance(found, dict) and all(
            isinstance(tree_id, str) and type(total) is int for tree_id, total in found.items())

    return remembered("paths", content_version(args.trees, args.content), count, valid)


def cmd_walk(args: argparse.Namespace) -> int:
    from guide.engine.service import WalkError

    guide = _guide(args)
    content = guide.content
    routing = entry = None
    if args.text is not None:
        args.tree, entry, routing = _walk_entry(guide, args.tree, args.text, args.lang)
    elif args.tree is None:
        raise UsageError("walk needs a TREE, or --text to let the router choose one")
    _tree_or_fail(content, args.tree)
    _require_acyclic(content)
    facts = guide.facts(_checked(guide, args.evidence).evidence) if args.evidence else None
    try:
        conversation = guide.start(args.tree, lang=args.lang, mode=args.mode, front="cli", node=entry, facts=facts,
                                   keep=False)
    except WalkError as exc:
        raise DefectsFound(f"walk {args.tree}: {exc}") from None
    session = conversation.session
    try:
        matched = 0  # visits the given answers have accounted for
        for given in args.answer:
            node_id, _, key = given.rpartition("=")
            if not (node_id and session.position.show(args.tree) == node_id):
                if session.follow_evidence():
                    matched = len(session.visits) - 1
            passed = session.visits[matched:-1]
            if not node_id and passed and passed[0].answer == key:
                matched += 1  # the walk went on by itself here (info, link, return): as `guide paths` lists it
                continue
            if node_id and session.position.show(args.tree) != node_id:
                raise WalkError(f"--answer {given}: the walk is at {session.position.show(args.tree)}, "
                                f"not {node_id}")
            matched = len(session.visits)
            session.answer(key)
        session.follow_evidence()
    except WalkError as exc:
        raise DefectsFound(f"walk {args.tree}: {exc}") from None
    node = session.node
    result = {
        "tree": args.tree,
        "at": session.position.show(args.tree),
        "finished": session.finished,
        "cause": node.cause if node.is_conclusion else None,
        "actions": [action.as_json() for action in node.actions] if node.is_conclusion else [],
        "steps": [{"node": step.node.show(args.tree), "answer": step.answer, "by": step.by,
                   **({"reason": step.reason} if step.reason else {})} for step in session.steps],
        "outcome": session.outcome,
        "transcript_markdown": conversation.transcript(args.lang),
    }
    if routing is not None:
        result["route"] = routing.as_json()
    if args.json:
        _print_json(result)
    else:
        _print_walk(guide, session, result, args.lang)
    return EXIT_OK


def _print_walk(guide, session, result: dict, lang: str) -> None:
    words, ref = guide.words, session.position
    print(f"[{result['at']}] {words.title(ref, lang)}")
    print(words.node(ref, lang, session.audience))
    keys = session.answer_keys()
    if keys:
        print("answers: " + ", ".join(f"{key} ({words.answer(ref, key, lang)})" for key in keys))
    if result["cause"]:
        print(f"cause: {result['cause']}")
    if result["actions"]:
        print("actions: " + ", ".join(action["id"] for action in result["actions"]))
    print()
    print(result["transcript_markdown"], end="")


def _walk_entry(guide, tree: str | None, text: str, lang: str):
    """(tree, node to enter, routing) for `guide walk [TREE] --text TEXT`."""
    if not text.strip():
        raise UsageError("--text is empty; say what happens, e.g. --text \"Teams keeps asking me to sign in\"")
    if tree is not None:
        _tree_or_fail(guide.content, tree)
    routing = guide.route(text, lang)
    if tree is None:
        if routing.best is None:
            raise DefectsFound("no tree has a symptom to route to; pass TREE (see `guide lint`)")
        return routing.best.tree, routing.best.node, routing
    return tree, guide.place(tree, text), routing


def cmd_route(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == ["-"] else " ".join(args.text)
    if not text.strip():
        raise UsageError("TEXT is empty; say what happens, e.g. guide route \"Teams keeps asking me to sign in\"")
    guide = _guide(args, defer=True)  # the content itself is read only if the routing needs it
    routing = guide.route(text, args.lang)
    if not routing.candidates:
        raise DefectsFound("no tree has a symptom to route to; see `guide lint`")
    if args.json:
        _print_json(routing.as_json())
        return EXIT_OK
    print(f"lang: {routing.lang}" + (f"  codes: {', '.join(routing.codes)}" if routing.codes else ""))
    for candidate in routing.candidates:
        print(f"{candidate.score:5.2f}  {candidate.symptom:22} {candidate.node.show(candidate.tree):28} "
              f"{guide.title(candidate.tree, args.lang)}".rstrip())
    return EXIT_OK


def _checked(guide, files: list[str]):
    """The checks' report over `files` (``-``: standard input), each file's problems said on stderr."""
    report = guide.check(files, stdin=sys.stdin.buffer)
    for evidence in report.evidence:
        for problem in evidence.problems:
            print(f"{evidence.file}: {problem}", file=sys.stderr)
    return report


def cmd_check(args: argparse.Namespace) -> int:
    from guide.engine.service import Guide

    report = _checked(Guide, args.files)
    document = report.as_json(args.lang)
    if args.json:
        _print_json(document)
    else:
        for item in document["evidence"]:
            print(f"{item['file']}: {item['kind']}")
        for finding in document["findings"]:
            actions = ", ".join(action["id"] for action in finding["actions"])
            print(f"{finding['evidence']}: {finding['severity']} {finding['cause']}: {finding['because']}"
                  + (f" -> {actions}" if actions else ""))
    unreadable = [item for item in report.evidence if item.kind == "unknown"]
    if unreadable and len(unreadable) == len(report.evidence):
        return EXIT_USAGE
    return EXIT_DEFECTS if any(finding.severity == "error" for finding in report.findings) else EXIT_OK


def cmd_actions(args: argparse.Namespace) -> int:
    from guide.engine.service import action_registry

    REGISTRY, registry_json = action_registry()

    if args.json:
        _print_json(registry_json())
        return EXIT_OK
    for spec in REGISTRY.values():
        params = ", ".join(param.name for param in spec.params)
        print(f"{spec.id:28} {spec.audience:6} {spec.effect:14} {spec.title.get(args.lang, spec.id)}"
              + (f"  [{params}]" if params else ""))
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    from guide.engine.diagram import dot, mermaid

    content = _load(args).content
    _tree_or_fail(content, args.tree)
    sys.stdout.write((mermaid if args.format == "mermaid" else dot)(content, args.tree, args.lang))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from guide.engine.spec import SCHEMAS, json_schema

    shape, title = SCHEMAS[args.name]
    _print_json(json_schema(shape, title))
    return EXIT_OK


def cmd_stamp(args: argparse.Namespace) -> int:
    from guide.engine.stamp import stamp

    loaded = _load(args)
    if args.tree:
        _tree_or_fail(loaded.content, args.tree)
    changed = stamp(loaded, args.lang, args.tree)
    for path, count in changed:
        print(f"{_relative(path)}: {count} source_hash value(s) written")
    if not changed:
        print("nothing to stamp: every entry already names its source's hash")
    return EXIT_OK


def cmd_coverage(args: argparse.Namespace) -> int:
    from guide.engine.scenarios import coverage, load_scenarios, run_scenario

    from guide.engine.places import default_scenarios_dir

    if not args.scenarios and (args.trees or args.content):
        raise UsageError("coverage of another content set needs its scenarios: pass --scenarios DIR")
    folder = Path(args.scenarios) if args.scenarios else default_scenarios_dir()
    if not folder.is_dir():
        raise UsageError(f"--scenarios {folder}: no such folder; pass the folder of scenario files")
    content = _load(args).content
    _require_acyclic(content)
    scenarios, errors = load_scenarios(folder)
    for error in errors:
        print(error.located(), file=sys.stderr)
    outcomes = [run_scenario(content, scenario, args.lang) for scenario in scenarios]
    failures = [problem for outcome in outcomes for problem in outcome.problems]
    for problem in failures:
        print(problem, file=sys.stderr)
    report = coverage(content, outcomes)
    if args.json:
        _print_json({"trees": [item.as_json() for item in report], "scenarios": len(scenarios),
                     "failed": len(failures)})
    else:
        print(f"{'tree':24} {'scenarios':>9} {'nodes':>13} {'edges':>13} {'paths':>16}")
        for item in report:
            print(f"{item.tree:24} {item.scenarios:>9} {_ratio(item.nodes_pinned, item.nodes):>13} "
                  f"{_ratio(item.edges_pinned, item.edges):>13} {_ratio(item.paths_pinned, item.paths):>16}")
        print("every path is also walked by tests/test_every_path.py; unpinned: guide coverage --json")
    below = [item.tree for item in report
             if min(_percent(item.nodes_pinned, item.nodes), _percent(item.edges_pinned, item.edges)) < args.fail_under]
    if failures or errors or below:
        if below:
            print(f"guide: coverage below {args.fail_under}% in: {', '.join(below)}", file=sys.stderr)
        return EXIT_DEFECTS
    return EXIT_OK


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} {_percent(part, whole):3.0f}%"


def cmd_report(args: argparse.Namespace) -> int:
    from guide.engine import report
    from guide.engine.service import open_store, write_atomic

    url = args.db or report.default_url()
    if args.purge_before:
        epoch = report.parse_date("--purge-before", args.purge_before)
        report.Database(url).close()  # the store must exist: purging never creates one
        with open_store(url) as store:
            purged = {"before": args.purge_before, "conversations": store.purge_before(epoch)}
        _print_json({"purged": purged}) if args.json else print(
            f"deleted {purged['conversations']} conversations (and their steps) last active before {args.purge_before}")
        return EXIT_OK
    with report.Database(url) as db:
        filters = report.Filters(
            since=report.parse_date("--since", args.since) if args.since else None,
            until=report.parse_date("--until", args.until, end_of_day=True) if args.until else None,
            tree=args.tree, lang=args.lang_given, mode=args.mode,
            versions=(report.resolve_version(db, args.version),) if args.version else ())
        compare = tuple(report.resolve_version(db, given) for given in args.compare) if args.compare else None
        content = _load(args).content
        if args.tree:
            _tree_or_fail(content, args.tree)
        document = report.report_json(db, filters, content, compare)
        if args.html:
            write_atomic(args.html, report.report_html(db, filters, content, args.lang, compare, document=document))
        if args.json:
            _print_json(document)
        else:
            sys.stdout.write(report.render_text(document, args.lang))
            if args.html:
                print(f"HTML report: {args.html}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from guide.web.options import ServeOptions
    from guide.web.security import valid_frame_ancestors
    from guide.web.serve import run

    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port (1-65535)")
    for flag, value, least in (("--workers", args.workers, 1), ("--max-upload", args.max_upload, 1),
                               ("--max-text", args.max_text, 1), ("--new-per-minute", args.new_per_minute, 0)):
        if value < least:
            raise UsageError(f"{flag} {value} must be at least {least}")
    if args.helpdesk is not None and ("@" not in args.helpdesk or any(c in args.helpdesk for c in "?&<>\"\r\n ")):
        raise UsageError(f"--helpdesk {args.helpdesk!r} is not an email address")
    if not valid_frame_ancestors(args.frame_ancestors):
        raise UsageError(f"--frame-ancestors {args.frame_ancestors!r}: give CSP sources separated by spaces, "
                         "such as 'self' https://portal.example.com")
    if args.report_token is not None and len(args.report_token) < 16:
        raise UsageError("--report-token must be at least 16 characters (a random one: openssl rand -hex 16)")
    return run(ServeOptions(host=args.host, port=args.port, db=args.db, workers=args.workers, lang=args.lang,
                            mode=getattr(args, "mode", "user"), helpdesk=args.helpdesk,
                            report_token=args.report_token, max_upload=args.max_upload, max_text=args.max_text,
                            new_per_minute=args.new_per_minute, frame_ancestors=args.frame_ancestors,
                            trees=args.trees, content=args.content))


def cmd_tui(args: argparse.Namespace) -> int:
    from guide.tui import run

    return run(args)


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "lint": cmd_lint, "paths": cmd_paths, "walk": cmd_walk, "route": cmd_route, "check": cmd_check,
    "actions": cmd_actions,
    "graph": cmd_graph, "schema": cmd_schema, "stamp": cmd_stamp, "tui": cmd_tui, "coverage": cmd_coverage,
    "serve": cmd_serve, "report": cmd_report,
}

if __name__ == "__main__":
    raise SystemExit(main())
