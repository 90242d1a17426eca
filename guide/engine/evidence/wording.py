"""The Japanese and English sentences of check findings, side by side.

Every `because` is one sentence naming the evidence it rests on. Templates
are kept here, not in the rules, so a translator sees both languages of each
sentence together. Parts that differ by language (a line reference, a
duration) are passed as `Words`; plain strings (a field as printed, a policy
name, a code) are the same in both.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from guide.engine.catalog import Catalog
from guide.engine.words import Words

COLUMNS = ("en", "ja")
"""The order the two templates of each sentence below are written in."""


def at(line: int) -> Words:
    """``line 42`` / ``42 行目``."""
    return Words(ja=f"{line} 行目", en=f"line {line}")


def at_lines(lines: list[int] | tuple[int, ...]) -> Words:
    """``line 4`` / ``lines 1, 2`` (``1、2 行目``)."""
    if len(lines) == 1:
        return at(lines[0])
    return Words(ja="、".join(map(str, lines)) + " 行目", en="lines " + ", ".join(map(str, lines)))


def cite(shown: str, line: int) -> Words:
    """Evidence as printed, with its line: ``AzureAdPrt : NO (line 42)``."""
    return Words(ja=f"{shown}（{line} 行目）", en=f"{shown} (line {line})")


def joined(parts: list[Words] | tuple[Words, ...]) -> Words:
    """Fragments listed with commas (Japanese: 、)."""
    return Words(ja="、".join(part.ja for part in parts), en=", ".join(part.en for part in parts))


def sign_ins(count: int, total: int, first: Words) -> Words:
    """``the sign-in (…)``, ``all 3 sign-ins (first: …)``, ``3 of 120 sign-ins (first: …)``."""
    if total == 1:
        return Words(ja=f"サインイン（{first.ja}）", en=f"the sign-in ({first.en})")
    if count == total:
        return Words(ja=f"{total} 件すべてのサインイン（最初は {first.ja}）", en=f"all {total} sign-ins (first: {first.en})")
    return Words(ja=f"{total} 件中 {count} 件のサインイン（最初は {first.ja}）", en=f"{count} of {total} sign-ins (first: {first.en})")


def hours(count: int) -> Words:
    """A number of hours."""
    return Words(ja=f"{count} 時間", en=f"{count} hour{'s' if count != 1 else ''}")


SENTENCES = Catalog.columns(COLUMNS, {
    # generic: a code that points at a cause
    "code": ("{where} shows {code}, which points to {phrase}.",
             "{where}の {code} は、{phrase}を示しています。"),
    # dsregcmd
    "prt-missing": ("{prt}: Windows has no Primary Refresh Token, so single sign-on to Microsoft 365 fails.",
                    "{prt}: Windows にプライマリ更新トークン (PRT) がないため、Microsoft 365 へのシングル サインオンが失敗します。"),
    "prt-missing-attempt": ("{prt} with {attempt}: Windows tried and failed to get a Primary Refresh Token, "
                            "so single sign-on to Microsoft 365 fails.",
                            "{prt}、{attempt}: Windows はプライマリ更新トークン (PRT) の取得に失敗しており、"
                            "Microsoft 365 へのシングル サインオンが失敗します。"),
    "prt-missing-context": ("{prt} was captured as {context}, where the SSO state is not the signed-in user's, "
                            "so run dsregcmd /status again as that user without elevation before concluding.",
                            "{prt}は、{context}として取得されたもので、サインイン中のユーザーの SSO 状態ではないため、"
                            "そのユーザーで管理者特権なしに dsregcmd /status を再実行してから判断してください。"),
    "join-incomplete": ("{domain} but {azure}: the device is in the on-premises domain but its hybrid join to "
                        "Microsoft Entra has not completed.",
                        "{domain}ですが、{azure}です: デバイスはオンプレミスのドメインに参加していますが、"
                        "Microsoft Entra へのハイブリッド参加が完了していません。"),
    "join-error": ("{field} in error phase {phase}: the device could not complete its registration with "
                   "Microsoft Entra.",
                   "{field}（エラー フェーズ {phase}）: デバイスの Microsoft Entra への登録が完了していません。"),
    "join-sync-pending": ("{field} with {registration}: the device object is not yet synchronised to "
                          "Microsoft Entra, which is expected until the next Entra Connect sync.",
                          "{field}、{registration}: デバイス オブジェクトがまだ Microsoft Entra に"
                          "同期されておらず、次回の Entra Connect 同期までは想定どおりの状態です。"),
    "not-registered": ("{azure}, {domain} and {workplace}: the device is neither joined nor registered, so it "
                       "cannot get a Primary Refresh Token.",
                       "{azure}、{domain}、{workplace}: デバイスが参加も登録もされていないため、"
                       "プライマリ更新トークンを取得できません。"),
    "registered-only": ("{workplace} without a join: dsregcmd does not show a registered device's Primary Refresh "
                        "Token, so if single sign-on fails, remove and add the work account again.",
                        "{workplace}で、参加はしていません: 登録のみのデバイスのプライマリ更新トークンは dsregcmd に"
                        "表示されないため、シングル サインオンが失敗する場合は職場アカウントを削除して追加し直します。"),
    "device-auth-error": ("{field}: the device could not test its authentication, which needs network access in the "
                          "system context (often a proxy set only for users).",
                          "{field}: デバイス認証のテストに失敗しています。このテストにはシステム コンテキストでの"
                          "ネットワーク接続が必要です (ユーザーにだけ設定されたプロキシが原因であることが多い)。"),
    "device-disabled": ("{field}: the device is disabled or deleted in Microsoft Entra, which also invalidates "
                        "its Primary Refresh Token.",
                        "{field}: Microsoft Entra でデバイスが無効化または削除されており、"
                        "プライマリ更新トークンも無効になっています。"),
    "prt-stale": ("{update} is {age} before {client}: the Primary Refresh Token has not been renewed within "
                  "the 4 hours Windows normally takes.",
                  "{update}は、{client}の {age}前です: プライマリ更新トークンが通常の 4 時間以内に"
                  "更新されていません。"),
    # cmdkey
    "stale-credentials": ("Credential Manager holds {entries}, entries often reported to cause repeated "
                          "sign-in prompts, so delete {first} first and retry before deleting the others.",
                          "資格情報マネージャーに {entries}があり、繰り返しのサインイン要求の原因になることが"
                          "多いと報告されているため、まず {first} を削除して再試行し、その後で残りを削除します。"),
    "teams-credentials": ("Credential Manager holds {entries}, Teams entries that some tools delete to clear "
                          "stale sign-ins (unconfirmed by Microsoft).",
                          "資格情報マネージャーに {entries}があり、古いサインインを消すために一部のツールが"
                          "削除する Teams のエントリです (Microsoft による確認はありません)。"),
    # sign-in logs
    "signin-code": ("Microsoft Entra failed {where} with {code}, which points to {phrase}.",
                    "{where}が {code} で失敗しており、{phrase}を示しています。"),
    "signin-ca-failure": ("Conditional Access blocked {where} (conditionalAccessStatus failure) through the "
                          "policy \"{policy}\".",
                          "{where}は条件付きアクセス (conditionalAccessStatus が failure) により、"
                          "ポリシー「{policy}」でブロックされています。"),
    "signin-ca-failure-unnamed": ("Conditional Access blocked {where} (conditionalAccessStatus failure).",
                                  "{where}は条件付きアクセス (conditionalAccessStatus が failure) により"
                                  "ブロックされています。"),
    "signin-risk": ("Microsoft Entra ID Protection rated {where} high risk ({field} high).",
                    "Microsoft Entra ID Protection は、{where}を高リスク ({field} が high) と判定しています。"),
    "signin-risk-flagged": ("Microsoft Entra ID Protection rated a sign-in {level} risk ({where}), and a sign-in "
                            "judged risky may not be offered \"Stay signed in?\".",
                            "Microsoft Entra ID Protection はサインインのリスクを {level} と判定しており（{where}）、"
                            "危険と判定されたサインインには「サインインの状態を維持しますか?」が表示されないことがあります。"),
    "signin-sif": ("The policy \"{policy}\" enforced SignInFrequency on {where}, so users are asked to sign in "
                   "again on its schedule.",
                   "ポリシー「{policy}」が{where}に SignInFrequency を適用しており、その間隔でサインインが"
                   "再要求されます。"),
    "signin-guest": ("A guest (userType guest) made {where}, and guests (B2B) never see the \"Stay signed in?\" "
                     "prompt.",
                     "{where}はゲスト (userType が guest) によるもので、ゲスト (B2B) には"
                     "「サインインの状態を維持しますか?」が表示されません。"),
    # Conditional Access policies
    "ca-sif": ("Policy \"{policy}\" sets signInFrequency to {value} ({where}), so the users it covers must "
               "sign in again at that interval.",
               "ポリシー「{policy}」はサインインの頻度 (signInFrequency) を {value}に設定しており"
               "（{where}）、対象ユーザーはその間隔で再サインインを求められます。"),
    "ca-persistent": ("Policy \"{policy}\" sets persistentBrowser to {mode} ({where}), which overrides the "
                      "\"Stay signed in?\" prompt.",
                      "ポリシー「{policy}」は永続的なブラウザー セッション (persistentBrowser) を {mode} に"
                      "設定しており（{where}）、「サインインの状態を維持しますか?」より優先されます。"),
    "ca-block": ("Policy \"{policy}\" has the grant control block ({where}), so it denies access to the users, "
                 "apps and conditions it covers.",
                 "ポリシー「{policy}」には許可コントロール block があり（{where}）、"
                 "対象のユーザー・アプリ・条件ではアクセスを拒否します。"),
    "ca-compliant": ("Policy \"{policy}\" requires compliantDevice ({where}), so only devices that Intune "
                     "marks compliant get access.",
                     "ポリシー「{policy}」は compliantDevice を要求しており（{where}）、"
                     "Intune で準拠とされたデバイスだけがアクセスできます。"),
    "ca-joined": ("Policy \"{policy}\" requires domainJoinedDevice ({where}), so only hybrid-joined devices "
                  "get access.",
                  "ポリシー「{policy}」は domainJoinedDevice を要求しており（{where}）、"
                  "ハイブリッド参加済みのデバイスだけがアクセスできます。"),
    "ca-risk": ("Policy \"{policy}\" blocks sign-ins at risk levels {levels} ({where}).",
                "ポリシー「{policy}」はリスク レベル {levels} のサインインをブロックします（{where}）。"),
    "ca-strict-location": ("Policy \"{policy}\" uses continuous access evaluation with strictLocation "
                           "({where}), so access is denied when Entra and the resource see different IP "
                           "addresses.",
                           "ポリシー「{policy}」は継続的アクセス評価を strictLocation で使用しており"
                           "（{where}）、Entra とリソースから見た IP アドレスが異なるとアクセスが拒否されます。"),
    # AD FS
    "adfs-no-psso": ("None of the {count} issuance transform rules issues the psso claim{source}, so federated "
                     "users signing in with Windows Integrated Authentication on the intranet never get a "
                     "persistent sign-in.",
                     "{count} 件の発行変換規則のいずれも psso 要求を発行していない{source}ため、イントラネットで "
                     "Windows 統合認証によりサインインするフェデレーション ユーザーのサインイン状態は維持されません。"),
    "adfs-psso-https": ("The psso rule at {where} uses the claim type {type}, but AD FS compares claim types "
                        "literally, so with https:// it most likely never matches.",
                        "{where}の psso 規則は要求の種類 {type} を使っていますが、AD FS は要求の種類を文字どおりに"
                        "比較するため、https:// ではおそらく一致しません。"),
})
"""Sentence key → (English, Japanese) template."""

CAUSE_WORDS: Mapping[str, Words] = MappingProxyType({
    "stale-windows-credential": Words(ja="Windows 資格情報マネージャーの古いサインイン情報", en="stale sign-in entries in Windows Credential Manager"),
    "multiple-accounts-on-device": Words(ja="1 台のデバイス上の複数の職場アカウント", en="several work accounts on one device"),
    "vpn-interference": Words(ja="VPN による干渉", en="interference from the VPN"),
    "proxy-or-inspection-interference": Words(ja="プロキシまたは TLS 検査によるサインイン通信の阻害", en="a proxy or TLS inspection breaking the sign-in traffic"),
    "network-unreachable": Words(ja="ネットワーク経由でサインイン サービスに到達できないこと", en="the sign-in service being unreachable over the network"),
    "ip-location-mismatch": Words(ja="場所ベースの条件付きアクセスでの IP アドレスの不一致", en="an IP address mismatch under location-based Conditional Access"),
    "tenant-switch-failure": Words(ja="別の組織 (ゲスト アクセス) への切り替えの失敗", en="a failed switch to another organization (guest access)"),
    "clock-skew": Words(ja="デバイスの日付や時刻のずれ", en="a wrong date or time on the device"),
    "teams-cache-corrupt": Words(ja="Teams キャッシュの破損", en="a corrupt Teams cache"),
    "broker-plugin-broken": Words(ja="Web アカウント マネージャーのブローカー (BrokerPlugin) の不具合", en="a broken Web Account Manager broker (BrokerPlugin)"),
    "browser-cookies-blocked": Words(ja="ブラウザーの Cookie のブロック", en="blocked browser cookies"),
    "client-outdated": Words(ja="古い Teams クライアント", en="an outdated Teams client"),
    "service-incident": Words(ja="Microsoft 365 のサービス障害", en="a Microsoft 365 service incident"),
    "adfs-forms-auth-disabled": Words(ja="AD FS のイントラネット認証でフォーム認証が無効なこと", en="AD FS intranet authentication without Forms Authentication"),
    "password-changed": Words(ja="パスワードの変更または期限切れ", en="a changed or expired password"),
    "sessions-revoked": Words(ja="管理者によるサインイン セッションの取り消し", en="sign-in sessions revoked by an administrator"),
    "refresh-token-expired": Words(ja="非アクティブによる更新トークンの期限切れ", en="a refresh token that expired after inactivity"),
    "sign-in-frequency-policy": Words(ja="条件付きアクセスのサインインの頻度ポリシー", en="a Conditional Access sign-in frequency policy"),
    "remember-mfa-conflict": Words(ja="「MFA を記憶する」とサインインの頻度の競合", en="\"Remember MFA\" conflicting with sign-in frequency"),
    "mfa-required": Words(ja="多要素認証 (MFA) が必要なこと", en="multifactor authentication being required"),
    "invalid-credentials": Words(ja="ユーザー名またはパスワードの誤り (またはパスワード ハッシュの未同期)", en="a wrong user name or password (or a password hash not yet synced)"),
    "access-token-lag": Words(ja="有効期限まで有効なアクセス トークン", en="access tokens that stay valid until they expire"),
    "device-not-registered": Words(ja="参加も登録もされていないデバイス", en="a device that is neither joined nor registered"),
    "hybrid-join-incomplete": Words(ja="未完了のハイブリッド参加", en="an incomplete hybrid join"),
    "prt-acquisition-failed": Words(ja="プライマリ更新トークン (PRT) の取得失敗", en="a failure to get a Primary Refresh Token"),
    "prt-stale": Words(ja="更新されていないプライマリ更新トークン", en="a Primary Refresh Token that is not being renewed"),
    "device-disabled-or-deleted": Words(ja="Microsoft Entra で無効化または削除されたデバイス", en="a device disabled or deleted in Microsoft Entra"),
    "tpm-failure": Words(ja="TPM の障害", en="a TPM failure"),
    "ca-policy-block": Words(ja="条件付きアクセスによるブロック", en="a block by Conditional Access"),
    "device-compliance-required": Words(ja="準拠デバイスを要求する条件付きアクセス", en="Conditional Access requiring a compliant device"),
    "device-join-required": Words(ja="参加済みデバイスを要求する条件付きアクセス", en="Conditional Access requiring a joined device"),
    "risky-sign-in": Words(ja="危険と判定されたサインイン", en="a sign-in judged risky"),
    "kmsi-option-disabled": Words(ja="「サインインの状態を維持しますか?」オプションの無効化", en="the \"Stay signed in?\" option being turned off"),
    "kmsi-federated-iwa": Words(ja="「サインインの状態を維持しますか?」を省く Windows 統合認証でのフェデレーション サインイン", en="federated sign-in with Windows Integrated Authentication, which skips "
                             "\"Stay signed in?\""),
    "kmsi-seamless-sso": Words(ja="「サインインの状態を維持しますか?」を省くシームレス SSO", en="Seamless SSO, which skips \"Stay signed in?\""),
    "kmsi-guest-user": Words(ja="「サインインの状態を維持しますか?」が表示されないゲスト (B2B) ユーザー", en="a guest (B2B) user, who never sees \"Stay signed in?\""),
    "kmsi-risk-or-shared-device": Words(ja="「サインインの状態を維持しますか?」を表示しない危険なサインインまたは共有デバイス", en="a risky sign-in or shared device, which hides \"Stay signed in?\""),
    "kmsi-consent-flow": Words(ja="「サインインの状態を維持しますか?」を省く同意フロー", en="a consent flow, which skips \"Stay signed in?\""),
    "kmsi-persistent-browser-policy": Words(ja="永続的なブラウザー セッション ポリシー", en="a persistent browser session policy"),
    "kmsi-by-design-external-forms": Words(ja="社外のフォーム認証 (仕様で「サインインの状態を維持しますか?」が表示される)", en="forms authentication outside the office, where \"Stay signed in?\" "
                                        "appears by design"),
    "shared-pc-persistent-session": Words(ja="共有 PC に残るサインイン", en="sign-ins kept on a shared PC"),
    "seamless-sso-failed": Words(ja="シームレス SSO の失敗", en="a Seamless SSO failure"),
    "mfa-device-changed": Words(ja="古いスマートフォンに残った Authenticator の登録", en="Authenticator still registered on an old phone"),
    "mfa-no-usable-method": Words(ja="使える確認方法がないこと", en="no usable verification method"),
    "authenticator-notification-not-delivered": Words(ja="届かない Authenticator の通知", en="Authenticator notifications that do not arrive"),
    "authenticator-clock-wrong": Words(ja="スマートフォンの時刻のずれ", en="a wrong clock on the phone"),
    "number-matching-required": Words(ja="番号の一致 (サインイン画面の数字の入力)", en="number matching (typing the number from the sign-in screen)"),
    "mfa-denied-or-reported": Words(ja="拒否または不審として報告された多要素認証", en="an MFA request denied or reported as suspicious"),
    "security-info-registration-blocked": Words(ja="条件付きアクセスによるセキュリティ情報の登録のブロック", en="Conditional Access blocking security info registration"),
    "mfa-registration-campaign": Words(ja="Authenticator の登録キャンペーン", en="an Authenticator registration campaign"),
    "mfa-not-prompted": Words(ja="多要素認証を求めない設定や済んだ多要素認証", en="no MFA requirement, or MFA already satisfied"),
    "phone-call-sms-not-received": Words(ja="届かない SMS や電話", en="texts or calls that do not arrive"),
    "mfa-method-not-offered": Words(ja="選択肢に出てこない確認方法", en="a verification method that is not offered"),
    "smart-lockout": Words(ja="Microsoft Entra のスマート ロックアウト", en="Microsoft Entra smart lockout"),
    "ad-account-locked": Words(ja="オンプレミスの Active Directory でのロック", en="a lockout in on-premises Active Directory"),
    "password-expired": Words(ja="期限切れのパスワード", en="an expired password"),
    "password-forgotten": Words(ja="分からなくなったパスワード", en="a forgotten password"),
    "password-writeback-missing": Words(ja="無効なパスワード ライトバック", en="password writeback being off"),
    "account-disabled": Words(ja="無効にされたアカウント (サインインのブロック)", en="a disabled account (sign-in blocked)"),
    "hybrid-pc-old-password": Words(ja="ドメイン コントローラーにつながらず新しいパスワードを使えない PC",
                                    en="a PC that cannot use the new password until it reaches a domain controller"),
})
"""Cause id → a noun phrase saying what it is, for sentences built from codes."""


def say(key: str, **parts: str | int | Words) -> Mapping[str, str]:
    """The sentence `key` in both languages, with `parts` filled in."""
    return MappingProxyType({
        lang: SENTENCES.text(key, lang, **{name: part.get(lang) if isinstance(part, Words) else part
                                           for name, part in parts.items()})
        for lang in COLUMNS  # the order findings' JSON has always had
    })


def cause_phrase(cause: str) -> Words:
    """What `cause` is, as a noun phrase (the id itself when no phrase is written)."""
    return CAUSE_WORDS.get(cause, Words(ja=cause, en=cause))
