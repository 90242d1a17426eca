"""Actions on the account and the tenant: passwords, MFA, Conditional Access, KMSI, sessions, risk.

Facts: reference/domain.md, causes password-changed, invalid-credentials,
mfa-required, sign-in-frequency-policy, remember-mfa-conflict,
ca-policy-block, kmsi-option-disabled, kmsi-persistent-browser-policy,
sessions-revoked, access-token-lag, risky-sign-in, service-incident and
shared-pc-persistent-session.
"""

from __future__ import annotations

from guide.engine.actions.catalog.common import CA_POLICIES, LOCK_UNLOCK, either, for_account, policy_query
from guide.engine.actions.params import POLICY, USER
from guide.engine.actions.spec import STAFF, Body, Cmd, Values, action, steps
from guide.engine.words import Words


CHECK_SERVICE_HEALTH = action(
    "check-service-health", "admin", "read-only",
    Words("Microsoft 365 のサービス正常性を確認する", "Check Microsoft 365 service health"),
    Body(steps(
        Words("Microsoft 365 管理センター (https://admin.microsoft.com) で [正常性] > [サービス正常性] を開きます。",
             "In the Microsoft 365 admin center (https://admin.microsoft.com), open Health > Service health."),
        Words("Microsoft Teams や Microsoft Entra (サインイン) にインシデントや勧告が出ていないかを確認します。",
             "Look for incidents or advisories for Microsoft Teams and Microsoft Entra (sign-in)."),
        Words("多くの利用者が同時に失敗しているかも確認します。エラーコードだけで障害と判断しないでください。",
             "Check whether many users fail at the same time too; do not conclude an outage from an error code alone."),
    ), request=Words(
        "Teams へのサインインに失敗します。同じ時間帯にほかの人にも起きている可能性があります。Microsoft 365 の"
        "サービス正常性にインシデントが出ていないか確認していただけますか。",
        "Signing in to Teams fails, and others may have the same problem right now. Could you check Microsoft 365 "
        "service health for an incident?"),
        user_steps=steps(Words("同僚にも同じ問題が起きているかを確認します。",
                              "Ask colleagues whether they have the same problem."))))

WAIT_OR_RESET_PASSWORD = action(
    "wait-or-reset-password", "user", "changes-state",
    Words("新しいパスワードでサインインする (必要ならリセットする)", "Sign in with your new password (reset it if needed)"),
    Body(steps(
        Words("最近パスワードを変更した場合は、新しいパスワードでサインインし直します。",
             "If you changed your password recently, sign in again with the new password."),
        Words("パスワードの有効期限が切れている場合は、Ctrl + Alt + Delete キーを押して [パスワードの変更] で変更するか、"
             "組織のパスワード リセットの方法 (セルフサービス パスワード リセットが有効なら https://aka.ms/sspr) を"
             "使います。",
             "If your password has expired, press Ctrl+Alt+Delete and choose Change a password, or use your "
             "organization's password reset (https://aka.ms/sspr if self-service password reset is enabled)."),
        Words("社内の Active Directory のパスワードを同期している組織では、新しいパスワードが Microsoft Entra ID に"
             "反映されるまで時間がかかることがあります。しばらく待ってから、次の操作をします: ",
             "If your organization syncs passwords from on-premises Active Directory, the new password can take a "
             "while to reach Microsoft Entra ID. Wait a while, then: ") + LOCK_UNLOCK,
        Words("パスワードが分からない場合や、アカウントがロックされている場合は、IT 部門に連絡します。",
             "If you do not know your password or your account is locked, contact your IT department."),
    )))

COMPLETE_MFA_REGISTRATION = action(
    "complete-mfa-registration", "user", "changes-state",
    Words("多要素認証を完了する (またはセキュリティ情報を登録する)",
         "Complete multifactor authentication (or register your security info)"),
    Body(steps(
        Words("サインインの途中で追加の確認を求められたら、Microsoft Authenticator アプリなどで確認を完了します。",
             "When sign-in asks for more verification, complete it, for example in the Microsoft Authenticator app."),
        Words("確認方法の登録を求められた場合は、https://aka.ms/mysecurityinfo を開き、[サインイン方法の追加] から"
             "方法を追加します。",
             "If you are asked to register a method, open https://aka.ms/mysecurityinfo and use Add sign-in method."),
        Words("登録した電話やアプリが使えない場合は、IT 部門に連絡します。",
             "If you cannot use the phone or app you registered, contact your IT department."),
        Words("完了したら、もう一度サインインします。", "When you are done, sign in again."),
    )))


def _review_sign_in_frequency(values: Values) -> Body:
    return Body(steps(
        CA_POLICIES + Words("「{{policy}}」を選びます。", "select \"{{policy}}\"."),
        Words("[セッション] の [サインインの頻度] の値 (時間、日、または [毎回]) と、ポリシーの対象 (ユーザー、アプリ、"
             "デバイス) を確認します。",
             "Check the Sign-in frequency value under Session (hours, days or Every time) and whom and what the "
             "policy applies to (users, apps, devices)."),
        Words("1 時間に設定すると、トークンの有効期間のばらつきにより、実際には 1 時間から 2.5 時間ごとにサインインを"
             "求められます。[毎回] には 5 分の猶予があります。",
             "A 1-hour frequency prompts every 1 to 2.5 hours in practice, because token lifetimes vary. Every time "
             "allows 5 minutes of tolerance."),
        Words("業務に合わない場合は、期間を延ばすか、対象を共有 PC や危険なサインインなどに絞ります。「信頼済みデバイスで"
             "多要素認証を記憶する」も有効な場合は、Microsoft の案内どおり先にそちらを無効にします。",
             "If it does not fit how people work, lengthen the period or narrow the policy (for example to shared "
             "PCs or risky sign-ins). If \"Remember multifactor authentication on trusted devices\" is also on, turn "
             "it off first, as Microsoft advises."),
    ) + steps(Words(
        "Microsoft Graph PowerShell で設定値を読むには、下のコマンドを使います (読み取りのみ)。",
        "To read the setting with Microsoft Graph PowerShell, use the command below (read-only)."), who=STAFF),
        (policy_query("ForEach-Object { $_.SessionControls.SignInFrequency | Format-List }"),),
        request=either(values, "policy", Words(
            "Teams や Office で頻繁にサインインを求められます。条件付きアクセス ポリシー「{{policy}}」のサインインの"
            "頻度が原因の可能性があります。設定値と対象の見直しをご検討いただけますか。",
            "Teams and Office ask me to sign in often. The sign-in frequency of the Conditional Access policy "
            "\"{{policy}}\" may be the cause. Could you review its value and whom it applies to?"), Words(
            "Teams や Office で頻繁にサインインを求められます。条件付きアクセスのサインインの頻度の設定が原因の可能性が"
            "あります。該当するポリシーの設定値と対象の見直しをご検討いただけますか。",
            "Teams and Office ask me to sign in often. A Conditional Access sign-in frequency setting may be the "
            "cause. Could you review the value of the policy that applies, and whom it applies to?")),
        user_steps=steps(Words("サインインの頻度は組織のセキュリティ方針による設定で、意図された動作の場合もあります。",
                              "The sign-in frequency is part of your organization's security policy, so the "
                              "prompts may be intended.")))


REVIEW_SIGN_IN_FREQUENCY = action(
    "review-sign-in-frequency", "admin", "changes-state",
    Words("条件付きアクセスのサインインの頻度を見直す", "Review the Conditional Access sign-in frequency"),
    _review_sign_in_frequency, params=(POLICY,))

DISABLE_REMEMBER_MFA = action(
    "disable-remember-mfa", "admin", "changes-state",
    Words("「信頼済みデバイスで多要素認証を記憶する」を無効にする",
         "Turn off \"Remember multifactor authentication on trusted devices\""),
    Body(steps(
        Words("Microsoft Entra 管理センターで [保護] > [多要素認証] を開き、追加のクラウドベースの多要素認証の設定 "
             "(サービス設定) を開きます。",
             "In the Microsoft Entra admin center, open Protection > Multifactor authentication, then the additional "
             "cloud-based multifactor authentication settings (service settings)."),
        Words("信頼済みデバイスで多要素認証を記憶する設定 (英語の画面では \"Remember multi-factor authentication on "
             "trusted device\") をオフにして保存します。",
             "Clear \"Remember multi-factor authentication on trusted device\" and save."),
        Words("サインインの頻度は、代わりに条件付きアクセスのセッション制御で管理します。両方を使うと予期しないタイミングで"
             "サインインを求められるため、Microsoft は先にこの設定を無効にするよう案内しています。最も厳しい設定が優先"
             "されます。",
             "Manage how often people sign in with the Conditional Access session controls instead. Using both causes "
             "unexpected prompts, which is why Microsoft advises turning this setting off first; the most "
             "restrictive setting wins."),
    ), request=Words(
        "予期しないタイミングでサインインや多要素認証を求められます。「信頼済みデバイスで多要素認証を記憶する」と"
        "条件付きアクセスのサインインの頻度が両方有効だと起きることがあり、Microsoft は前者を無効にするよう案内して"
        "います。設定を確認していただけますか。",
        "I am asked to sign in or to complete multifactor authentication at unexpected times. This can happen when "
        "\"Remember multifactor authentication on trusted devices\" and Conditional Access sign-in frequency are both "
        "on, and Microsoft advises turning off the former. Could you check these settings?")))


def _review_ca_policy(values: Values) -> Body:
    return Body(steps(
        Words("Microsoft Entra 管理センターで [ID] > [監視と正常性] > [サインイン ログ] を開き、該当するサインインを選んで、"
             "[条件付きアクセス] タブで適用されたポリシーと結果を確認します。",
             "In the Microsoft Entra admin center, open Identity > Monitoring & health > Sign-in logs, select the "
             "sign-in and check the applied policies and their results on the Conditional Access tab."),
        CA_POLICIES + Words("「{{policy}}」を開いて、割り当て (ユーザー、対象のリソース、条件) と、許可とセッションの制御を"
                           "確認します。",
                           "open \"{{policy}}\"; check its assignments (users, target resources, conditions) and "
                           "its grant and session controls."),
        Words("[セッション] で [永続的なブラウザー セッション] が設定されていると、「サインインの状態を維持しますか?」の"
             "設定より優先されます。共有 PC 向けには、デバイス フィルターで対象を絞って、永続化しない設定 (never) を"
             "使います。",
             "A Persistent browser session under Session overrides the \"Stay signed in?\" setting. For shared PCs, "
             "scope a never-persistent policy with a device filter."),
        Words("場所の条件を使っている場合は、ネームド ロケーションが VPN やプロキシの送信元 IP アドレスと合っているかを"
             "確認します。",
             "If the policy uses locations, check that the named locations match the source IP addresses of the VPN "
             "and the proxy."),
        Words("[What If] ツールで、利用者と条件を指定して、どのポリシーが適用されるかを確認できます。",
             "The What If tool shows which policies apply for a given user and conditions."),
    ) + steps(Words(
        "Microsoft Graph PowerShell でポリシー全体を読むには、下のコマンドを使います (読み取りのみ)。",
        "To read the whole policy with Microsoft Graph PowerShell, use the command below (read-only)."), who=STAFF),
        (policy_query("ConvertTo-Json -Depth 10"),),
        request=either(values, "policy", Words(
            "条件付きアクセスによってサインインがブロックされる、または追加の操作を求められます。ポリシー「{{policy}}」"
            "の割り当てと制御を確認していただけますか。",
            "Conditional Access blocks my sign-in or asks me for extra steps. Could you check the assignments and "
            "controls of the policy \"{{policy}}\"?"), Words(
            "条件付きアクセスによってサインインがブロックされる、または追加の操作を求められます。サインイン ログで"
            "適用されたポリシーを確認していただけますか。",
            "Conditional Access blocks my sign-in or asks me for extra steps. Could you check in the sign-in logs "
            "which policy applied?")),
        user_steps=steps(Words(
            "依頼には、発生した日時、使ったアプリ、エラー画面の相関 ID (Correlation ID) を書き添えます。",
            "In the request, include the time it happened, the app, and the correlation ID from the error screen.")))


REVIEW_CA_POLICY = action(
    "review-ca-policy", "admin", "read-only",
    Words("条件付きアクセス ポリシーを確認する", "Review the Conditional Access policy"),
    _review_ca_policy, params=(POLICY,))

ENABLE_KMSI_OPTION = action(
    "enable-kmsi-option", "admin", "changes-state",
    Words("「サインインの状態を維持しますか?」を表示する設定にする", "Turn on the \"Stay signed in?\" prompt"),
    Body(steps(
        Words("グローバル管理者として Microsoft Entra 管理センターにサインインし、[ID] > [ユーザー] > [ユーザー設定] を"
             "開きます。",
             "Sign in to the Microsoft Entra admin center as a Global Administrator and open Identity > Users > "
             "User settings."),
        Words("サインインしたままにするオプションの表示 (英語の画面では \"Show keep user signed in\") を [はい] にして"
             "保存します。既定は [はい] です。",
             "Set Show keep user signed in to Yes and save. Yes is the default."),
        Words("以前の画面では、[会社のブランド] で言語を選び、[サインインしたままにするオプションを表示する] で設定します。",
             "In the older location, open Company branding, choose the locale and use Show option to remain "
             "signed in."),
        Words("この設定をオフにすると、SharePoint Online や Office 2010 などで別のサインイン要求が出ることがあります。"
             "Microsoft Entra ID P1/P2 のテナントでは、代わりに条件付きアクセスのサインインの頻度と永続的なブラウザー"
             "セッションで制御することが推奨されています。",
             "Turning it off can cause other prompts (SharePoint Online, Office 2010). Tenants with Microsoft Entra "
             "ID P1 or P2 are advised to use Conditional Access sign-in frequency and persistent browser session "
             "instead."),
    ) + steps(Words(
        "Microsoft Graph の会社のブランドの設定 (loginPageTextVisibilitySettings) にはこの項目がないため、"
        "エクスポートした JSON からはこの設定を判断できません。",
        "Microsoft Graph's branding settings (loginPageTextVisibilitySettings) have no such flag, so an exported "
        "branding JSON does not show this setting."), who=STAFF),
        request=Words(
            "サインインのときに「サインインの状態を維持しますか?」が表示されず、サインインの状態が保たれません。"
            "Microsoft Entra ID のユーザー設定で、サインインしたままにするオプションが表示されない設定になっている"
            "可能性があります。設定を確認していただけますか。",
            "The \"Stay signed in?\" prompt does not appear when I sign in, and the sign-in is not kept. The Microsoft "
            "Entra ID user settings may hide the option to stay signed in. Could you check this setting?")))


def _revoke_sessions(values: Values) -> Body:
    return Body(steps(
        Words("Microsoft Graph PowerShell で、User.RevokeSessions.All のアクセス許可で接続し、下の 1 つ目のコマンドを"
             "実行します。AzureAD モジュールの Revoke-AzureADUserAllRefreshToken は廃止されたため使いません。",
             "In Microsoft Graph PowerShell, connect with the User.RevokeSessions.All permission and run the first "
             "command below. Do not use Revoke-AzureADUserAllRefreshToken: the AzureAD module is retired."),
        Words("REST API を使う場合は POST https://graph.microsoft.com/v1.0/users/{{user}}/revokeSignInSessions を"
             "呼び出します (2 つ目のコマンド)。",
             "With the REST API, call POST https://graph.microsoft.com/v1.0/users/{{user}}/revokeSignInSessions "
             "(the second command)."),
        Words("更新トークンとセッション Cookie は数分以内に無効になりますが、発行済みのアクセス トークンは、継続的アクセス"
             "評価 (CAE) に対応していないアプリでは最大 1 時間ほど使えます。",
             "Refresh tokens and session cookies stop working within minutes, but access tokens already issued stay "
             "valid for up to about an hour in apps without Continuous Access Evaluation (CAE)."),
        Words("ゲスト (B2B) ユーザーには効きません。ゲストのセッションは、そのユーザーのホーム テナントで取り消します。",
             "It does not work for guest (B2B) users: their sessions are revoked in their home tenant."),
        Words("すぐに完全に止める必要がある場合は、先にアカウントを無効にし (Update-MgUser -UserId {{user}} "
             "-AccountEnabled:$false)、セッションを取り消し、ユーザーのデバイスを無効にします。ハイブリッド環境では、"
             "オンプレミスの Active Directory でパスワードを 2 回リセットします。",
             "To cut access off completely, first disable the account (Update-MgUser -UserId {{user}} "
             "-AccountEnabled:$false), then revoke the sessions and disable the user's devices. In a hybrid "
             "environment, also reset the password twice in on-premises Active Directory."),
    ), (Cmd("powershell", "Connect-MgGraph -Scopes User.RevokeSessions.All\n"
                          "Revoke-MgUserSignInSession -UserId {{user}}",
            label=Words("Microsoft Graph PowerShell", "Microsoft Graph PowerShell")),
        Cmd("powershell", "Invoke-MgGraphRequest -Method POST "
                          "-Uri \"https://graph.microsoft.com/v1.0/users/{{user}}/revokeSignInSessions\"",
            label=Words("REST API (v1.0)", "REST API (v1.0)"))),
        request=for_account(values, Words(
            "共有 PC やほかのブラウザーに、{account}のサインイン状態が残っている可能性があります。"
            "このアカウントのサインイン セッションを取り消していただけますか。",
            "{Account} may still be signed in on a shared PC or in another browser. Could you revoke "
            "this account's sign-in sessions?")),
        user_steps=steps(Words("共有 PC を使い終わったら、ブラウザーとアプリからサインアウトします。",
                              "When you finish on a shared PC, sign out of the browser and the apps.")))


REVOKE_USER_SESSIONS = action(
    "revoke-user-sessions", "admin", "changes-state",
    Words("ユーザーのサインイン セッションを取り消す", "Revoke the user's sign-in sessions"),
    _revoke_sessions, params=(USER,))

REMEDIATE_USER_RISK = action(
    "remediate-user-risk", "admin", "changes-state",
    Words("ユーザーのリスクを確認して修復する", "Review and remediate the user's risk"),
    Body(steps(
        Words("Microsoft Entra 管理センターで [保護] > [ID 保護] (Identity Protection) > [リスクのあるユーザー] を開き、"
             "該当するユーザーを選びます。",
             "In the Microsoft Entra admin center, open Protection > Identity Protection > Risky users and select "
             "the user."),
        Words("リスクの詳細とサインインの履歴を確認します。本人の操作であれば [ユーザー リスクを無視する] を、"
             "そうでなければ [ユーザーの侵害を確認する] を選び、パスワードをリセットします。",
             "Review the risk details and sign-in history. If the activity was the user's own, select Dismiss user "
             "risk; if not, select Confirm user compromised and reset the password."),
        Words("利用者がセキュリティ情報を登録していれば、リスク ポリシーにより、多要素認証とパスワードの変更で利用者自身が"
             "リスクを修復できるようにできます。",
             "If users have registered security info, risk policies can let them remediate their own risk with "
             "multifactor authentication and a password change."),
    ), request=Words(
        "サインインがブロックされる、または「サインインの状態を維持しますか?」が表示されません。私のサインインが"
        "危険と判定されている可能性があります。リスクの確認と、問題がなければ解除をお願いできますか。",
        "My sign-in is blocked, or \"Stay signed in?\" does not appear. My sign-ins may have been judged risky. "
        "Could you review the risk and, if all is well, clear it?"),
        user_steps=steps(Words("多要素認証を求められた場合は完了します。",
                              "If you are asked for multifactor authentication, complete it."))))

ACTIONS = (CHECK_SERVICE_HEALTH, WAIT_OR_RESET_PASSWORD, COMPLETE_MFA_REGISTRATION, REVIEW_SIGN_IN_FREQUENCY,
           DISABLE_REMEMBER_MFA, REVIEW_CA_POLICY, ENABLE_KMSI_OPTION, REVOKE_USER_SESSIONS, REMEDIATE_USER_RISK)
"""The actions of this module, in registry order."""
