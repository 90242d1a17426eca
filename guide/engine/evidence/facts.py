"""The catalogue of evidence facts: the joint between checks and tree questions.

Parsers turn an evidence file into facts (``dsregcmd.azure-ad-prt = "no"``);
a tree question may name one fact in ``answered_by`` and map its values to
answer keys. Fact ids are ``kind.name``; values are short lower-case strings
from the fixed set listed here, so `guide lint` can check every mapping.
"""

from __future__ import annotations

from dataclasses import dataclass

from guide.engine.codes import CODES


@dataclass(frozen=True, slots=True)
class FactSpec:
    """A fact a parser may produce."""

    id: str
    values: tuple[str, ...]
    """Every value the fact can take; empty means free text (not usable in answered_by)."""
    en: str
    """What it means, in English."""
    ja: str
    """What it means, in Japanese."""


FACTS: dict[str, FactSpec] = {spec.id: spec for spec in (
    # dsregcmd /status
    FactSpec("dsregcmd.azure-ad-joined", ("yes", "no"), "AzureAdJoined", "AzureAdJoined"),
    FactSpec("dsregcmd.domain-joined", ("yes", "no"), "DomainJoined", "DomainJoined"),
    FactSpec("dsregcmd.workplace-joined", ("yes", "no"), "WorkplaceJoined", "WorkplaceJoined"),
    FactSpec("dsregcmd.join-type", ("entra-joined", "hybrid-joined", "domain-joined", "registered", "none",
                                    "on-prem-drs"),
             "How the device is joined", "デバイスの参加の種類"),
    FactSpec("dsregcmd.azure-ad-prt", ("yes", "no"), "AzureAdPrt (Primary Refresh Token present)",
             "AzureAdPrt (プライマリ更新トークンの有無)"),
    FactSpec("dsregcmd.prt-fresh", ("yes", "no"), "The PRT was renewed within 4 hours of the output's time",
             "PRT が出力時刻の 4 時間以内に更新されている"),
    FactSpec("dsregcmd.device-auth", ("success", "disabled-or-deleted", "error"), "DeviceAuthStatus",
             "DeviceAuthStatus"),
    FactSpec("dsregcmd.attempt-status", (), "Attempt Status of the last PRT attempt", "直近の PRT 取得の Attempt Status"),
    FactSpec("dsregcmd.client-error-code", (), "Client ErrorCode of the join", "参加処理の Client ErrorCode"),
    FactSpec("dsregcmd.user-context", ("system", "un-elevated", "elevated"),
             "Who ran dsregcmd (SSO state is valid only for the signed-in, non-elevated user)",
             "dsregcmd の実行コンテキスト (SSO 状態はサインイン中の非管理者特権ユーザーでのみ有効)"),
    # cmdkey /list
    FactSpec("cmdkey.office-credentials", ("present", "absent"),
             "Office, Teams or SSO_POP entries in Credential Manager",
             "資格情報マネージャーの Office / Teams / SSO_POP のエントリ"),
    # sign-in logs
    FactSpec("signin.user-type", ("member", "guest"), "Whether the user is a member or a guest",
             "ユーザーがメンバーかゲストか"),
    FactSpec("signin.risk-level", ("none", "low", "medium", "high"), "Risk level during sign-in",
             "サインイン時のリスク レベル"),
    FactSpec("signin.ca-status", ("success", "failure", "not-applied"), "Conditional Access result",
             "条件付きアクセスの結果"),
    FactSpec("signin.error-code", (), "The sign-in's error code (0 = success)", "サインインのエラーコード (0 は成功)"),
    FactSpec("signin.records", (), "How many sign-in records the log holds", "ログ中のサインイン記録の件数"),
    # Conditional Access policy exports
    FactSpec("ca.persistent-browser", ("always", "never", "none"),
             "Persistent browser session control of enabled policies",
             "有効なポリシーの永続的なブラウザー セッション制御"),
    FactSpec("ca.policies", (), "How many policies the export holds", "エクスポート中のポリシーの数"),
    FactSpec("ca.sign-in-frequency", ("set", "none"), "A sign-in frequency session control is set",
             "サインインの頻度のセッション制御が設定されている"),
    # AD FS issuance transform rules
    FactSpec("adfs.psso-rule", ("present", "absent", "https-scheme"),
             "A claim rule issues psso (https-scheme: its claim types use https:// and likely never match)",
             "psso を発行する要求規則 (https-scheme: 要求の種類が https:// で一致しない可能性が高い)"),
    FactSpec("adfs.rules", (), "How many issuance transform rules were read", "読み取れた発行変換規則の数"),
    FactSpec("adfs.insidecorporatenetwork", ("present", "absent"),
             "A rule produces the insidecorporatenetwork claim", "insidecorporatenetwork 要求を発行する規則"),
    # branding
    FactSpec("branding.kmsi-visible", ("unknown",), "Graph branding exports carry no KMSI setting",
             "Graph の会社のブランドには KMSI の設定が含まれない"),
    # error text
    FactSpec("error.codes", (), "Error codes found in the text", "テキスト中のエラーコード"),
    FactSpec("error.code", tuple(code.lower() for code in CODES),
             "The first error code in the text that the code table knows (lower case)",
             "テキスト中で最初に見つかった既知のエラーコード (小文字)"),
)}
"""Fact id → its specification."""
