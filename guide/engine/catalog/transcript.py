"""The words of the ticket note (the ``transcript`` area of the catalog), in Japanese and English.

Headings and fixed phrases of `guide.engine.transcript`; the steps themselves
are the content's own words. Looked up through `guide.engine.catalog`.
"""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    "transcript.title": {"ja": "サインインのトラブルシューティング", "en": "Sign-in troubleshooting"},
    "transcript.tree": {"ja": "ガイド", "en": "Guide"},
    "transcript.path": {"ja": "経過", "en": "Steps"},
    "transcript.evidence": {"ja": "証跡から回答", "en": "by evidence"},
    "transcript.conclusion": {"ja": "結論", "en": "Conclusion"},
    "transcript.cause": {"ja": "原因", "en": "Cause"},
    "transcript.actions": {"ja": "対処", "en": "Actions"},
    "transcript.outcome": {"ja": "結果", "en": "Outcome"},
    "transcript.none": {"ja": "未確定", "en": "not concluded yet"},
    "transcript.resolved": {"ja": "解決", "en": "resolved"},
    "transcript.escalated": {"ja": "エスカレーション", "en": "escalated"},
    "transcript.open": {"ja": "対応中", "en": "open"},
    "transcript.runs": {"ja": "実行した対処", "en": "Actions run"},
    "transcript.fixed": {"ja": "解決した", "en": "Fixed"},
    "transcript.not-fixed": {"ja": "解決しない", "en": "Not fixed"},
    "transcript.escalate": {"ja": "エスカレーションする", "en": "Escalate"},
    "transcript.next": {"ja": "次へ", "en": "continue"},
}
