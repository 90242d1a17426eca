"""The ticket note: a session as Markdown or JSON, in any language, optionally redacted.

The transcript is written from the step log, so it can be produced in a
language other than the one the conversation used (talk in Japanese, write
the ticket in English). Redaction replaces personal data (UPNs and e-mail
addresses, GUIDs, IP addresses, tokens) with placeholders.
"""

from __future__ import annotations

import re

from guide.engine.actions import REGISTRY
from guide.engine.model import NodeRef
from guide.engine.session import EVIDENCE, Session
from guide.engine.taxonomy import load_taxonomy

_LABELS = {
    "en": {"title": "Sign-in troubleshooting", "tree": "Guide", "path": "Steps", "evidence": "by evidence",
           "conclusion": "Conclusion", "cause": "Cause", "actions": "Actions", "outcome": "Outcome",
           "none": "not concluded yet", "resolved": "resolved", "escalated": "escalated",
           "open": "open", "runs": "Actions run", "fixed": "Fixed", "not-fixed": "Not fixed", "escalate": "Escalate",
           "next": "continue"},
    "ja": {"title": "サインインのトラブルシューティング", "tree": "ガイド", "path": "経過", "evidence": "証跡から回答",
           "conclusion": "結論", "cause": "原因", "actions": "対処", "outcome": "結果",
           "none": "未確定", "resolved": "解決", "escalated": "エスカレーション",
           "open": "対応中", "runs": "実行した対処", "fixed": "解決した", "not-fixed": "解決しない",
           "escalate": "エスカレーションする",
           "next": "次へ"},
}

_REDACTIONS = (
    (re.compile(r"[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "<user>"),
    (re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"), "<guid>"),
    (re.compile(r"\b(?i:bearer)\s+[A-Za-z0-9._~+/=-]{8,}"), "Bearer <token>"),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"), "<token>"),
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"), "<ip>"),
    (re.compile(r"\b(?:[0-9a-fA-F]{1,4}:){3,7}[0-9a-fA-F]{1,4}\b"), "<ip>"),
    # compressed IPv6 (2001:db8::1, fe80::1c2a:3f): a "::" between hex groups, so clock times never match
    (re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:)+:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?(?![\w:])"), "<ip>"),
    (re.compile(r"\b[A-Za-z0-9+/]{40,}={0,2}"), "<token>"),
    (re.compile(r"\b[0-9a-fA-F]{32,}\b"), "<token>"),  # correlation ids and secrets written as bare hex
)


def redact(text: str) -> str:
    """`text` with UPNs, e-mail addresses, GUIDs, tokens and IP addresses replaced by placeholders."""
    for pattern, placeholder in _REDACTIONS:
        text = pattern.sub(placeholder, text)
    return text


def _title(session: Session, ref: NodeRef, lang: str) -> str:
    words = session.content.text(lang, ref)
    return words.title if words else ref.show(session.tree)


def _answer_label(session: Session, ref: NodeRef, key: str, lang: str) -> str:
    words = session.content.text(lang, ref)
    if words and key in words.answers:
        return words.answers[key]
    return _LABELS[lang].get(key, key)


def transcript_json(session: Session, lang: str | None = None, *, redacted: bool = False) -> dict:
    """The transcript as data: steps, conclusion, actions, outcome."""
    lang = lang or session.lang
    node = session.node
    taxonomy = load_taxonomy()
    cause = node.cause if node.is_conclusion else None
    tree_text = session.content.texts.get((lang, session.tree))
    clean = redact if redacted else (lambda text: text)
    return {
        "session": session.id,
        "lang": lang,
        "tree": session.tree,
        "tree_title": tree_text.title if tree_text else session.tree,
        "steps": [
            {"node": visit.node.show(session.tree), "title": _title(session, visit.node, lang),
             "answer": visit.answer, "answer_label": _answer_label(session, visit.node, visit.answer, lang)
             if visit.answer else None, "by": visit.by, "reason": clean(visit.reason)}
            for visit in session.visits
            if not session.content.node(visit.node).is_passage or session.content.text(lang, visit.node)
        ],
        "at": session.position.show(session.tree),
        "finished": session.finished,
        "cause": cause,
        "cause_title": taxonomy.causes[cause].name(lang) if cause in taxonomy.causes else None,
        "actions": [{**action.as_json(), "title": REGISTRY[action.id].title.get(lang, action.id)
                     if action.id in REGISTRY else action.id}
                    for action in (node.actions if node.is_conclusion else ())],
        "runs": [{"node": run.node.show(session.tree), "action": run.action, "status": run.status}
                 for run in session.runs],
        "outcome": session.outcome,
        "redacted": redacted,
    }


def transcript_markdown(session: Session, lang: str | None = None, *, redacted: bool = False) -> str:
    """The transcript as a Markdown ticket note."""
    data = transcript_json(session, lang, redacted=redacted)
    labels = _LABELS[data["lang"]]
    lines = [f"## {labels['title']}: {data['tree_title']}", "", f"### {labels['path']}"]
    for number, step in enumerate(data["steps"], 1):
        entry = f"{number}. {step['title']}"
        if step["answer"] and step["answer"] != "next":
            entry += f": **{step['answer_label']}**"
            if step["by"] == EVIDENCE:
                entry += f" ({labels['evidence']}: {step['reason']})"
        lines.append(entry)
    lines += ["", f"### {labels['conclusion']}"]
    if data["cause"]:
        lines.append(f"- {labels['cause']}: {data['cause_title']} (`{data['cause']}`)")
    if data["actions"]:
        lines.append(f"- {labels['actions']}: " + ", ".join(f"{a['title']} (`{a['id']}`)" for a in data["actions"]))
    if not data["cause"] and not data["actions"]:
        lines.append(f"- {labels['none']}")
    if data["runs"]:
        lines.append(f"- {labels['runs']}: " + ", ".join(f"`{r['action']}` ({r['status']})" for r in data["runs"]))
    lines.append(f"- {labels['outcome']}: {labels[data['outcome'] or 'open']}")
    return "\n".join(lines) + "\n"
