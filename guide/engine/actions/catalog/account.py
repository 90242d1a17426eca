"""Actions on the account itself: locked accounts, expired or forgotten passwords, writeback, guests, Seamless SSO.

Facts: docs/domain-mfa-account.md (Microsoft Learn pages cited there),
causes smart-lockout, ad-account-locked, password-expired, password-forgotten,
password-writeback-missing, hybrid-pc-old-password, account-disabled, seamless-sso-failed and sessions-revoked (for a
guest, whose sessions only the home tenant can revoke).
"""

from __future__ import annotations

from guide.engine.actions.catalog.common import LOCK_UNLOCK, for_account
from guide.engine.actions.params import USER
from guide.engine.actions.spec import STAFF, Body, Cmd, Values, action, steps
from guide.engine.words import Words

_AD_USER = "Get-ADUser -Filter \"UserPrincipalName -eq '{{user}}'\""
"""The on-premises user found by UPN (a validated UPN holds no quote, so it cannot end the string)."""


def _read_user(*properties: str) -> Cmd:
    """A read-only Microsoft Graph PowerShell command showing the user's display name and `properties`."""
    shown = ", ".join(("DisplayName", *properties))
    return Cmd("powershell", "Connect-MgGraph -Scopes User.Read.All\n"
                             f"Get-MgUser -UserId {{{{user}}}} -Property {shown} | Format-List {shown}")

RESET_PASSWORD_SELF_SERVICE = action(
    "reset-password-self-service", "user", "changes-state",
    Words("セルフサービス パスワード リセットでパスワードをリセットする", "Reset your password with self-service password reset"),
    Body(steps(
        Words("https://aka.ms/sspr を開くか、サインイン画面の [パスワードを忘れた場合] を選びます。",
             "Open https://aka.ms/sspr, or choose Forgot my password on the sign-in screen."),
        Words("登録済みの確認方法 (Authenticator、SMS、メールなど) で本人確認をして、新しいパスワードを設定します。",
             "Verify with a method you registered (Authenticator, text, email...) and set a new password."),
        Words("アカウントがロックされている場合は、[パスワードを忘れた] を選ぶとロックの時間がリセットされます。",
             "If your account is locked, choosing I forgot my password also resets the lockout."),
        Words("社内の Active Directory と連携している組織では、パスワード ライトバックが有効な場合にだけ、PC の"
             "パスワードも変わります。[組織ではこのサイトでのパスワード更新を許可していません] と表示されたら、"
             "IT 部門に連絡します。",
             "In organizations connected to on-premises Active Directory, the PC password changes too only when "
             "password writeback is on. If you see that your organization doesn't allow you to update your password "
             "on this site, contact your IT department."),
        Words("リセットしたら、PC、スマートフォンのメール アプリ、Teams などで新しいパスワードでサインインし直します。",
             "Afterwards, sign in again with the new password on your PC, in your phone's mail app, in Teams and "
             "elsewhere."),
    )))

USE_NEW_PASSWORD_ON_COMPANY_NETWORK = action(
    "use-new-password-on-company-network", "user", "changes-state",
    Words("社内ネットワークにつないで、PC で新しいパスワードを使えるようにする",
         "Connect to the company network so the PC can use the new password"),
    Body(steps(
        Words("社内の Active Directory にも参加している会社の PC (ハイブリッド参加) は、ドメイン コントローラーに"
             "つながるまで、Windows のサインインで新しいパスワードを使えず、PC に保存された資格情報も更新されません。",
             "A company PC that is also joined to on-premises Active Directory (hybrid joined) cannot use the new "
             "password at Windows sign-in, nor update the credentials it keeps, until it reaches a domain controller."),
        Words("PC を社内ネットワークにつなぐか、社内のドメイン コントローラーに届く VPN に接続します。",
             "Connect the PC to the office network, or to a VPN that reaches the company's domain controllers."),
        Words("つながったら、新しいパスワードで次の操作をします: ", "Once connected, using the new password: ")
        + LOCK_UNLOCK,
        Words("それでも新しいパスワードが使えない場合は、IT 部門に連絡します。",
             "If the new password still does not work, contact your IT department."),
    )))

CHANGE_EXPIRED_PASSWORD = action(
    "change-expired-password", "user", "changes-state",
    Words("期限切れのパスワードを変更する", "Change your expired password"),
    Body(steps(
        Words("サインインの途中で [パスワードの更新] が表示されたら、今のパスワードと新しいパスワードを入力します。",
             "When sign-in shows Update your password, enter your current password and a new one."),
        Words("会社の Windows PC では、社内ネットワーク (または VPN) につないだ状態で Ctrl + Alt + Delete キーを押し、"
             "[パスワードの変更] で変更します。",
             "On a company Windows PC, connect to the office network (or the VPN), press Ctrl+Alt+Delete and "
             "choose Change a password."),
        Words("変更したら、ほかのアプリや端末 (スマートフォンのメール アプリなど) でも新しいパスワードでサインインし直します。",
             "Then sign in again with the new password in your other apps and devices (such as your phone's mail "
             "app)."),
    )))

WAIT_OUT_LOCKOUT = action(
    "wait-out-lockout", "user", "changes-state",
    Words("ロックが解けるのを待つ (またはパスワードをリセットする)", "Wait for the lockout to end (or reset your password)"),
    Body(steps(
        Words("続けてサインインを試さないでください。ロックは最初は 1 分ほどで解けますが、失敗が続くと長くなります。",
             "Stop trying to sign in. The first lockout lasts about a minute, and it gets longer if failures "
             "continue."),
        Words("待てない場合は、https://aka.ms/sspr で [パスワードを忘れた] を選んでパスワードをリセットすると、ロックの"
             "時間がリセットされます。",
             "If you cannot wait, reset your password at https://aka.ms/sspr choosing I forgot my password: that "
             "resets the lockout."),
        Words("自分で何度も間違えた覚えがないのにロックされる場合は、誰かがあなたのアカウントを試している可能性があります。"
             "IT 部門に知らせます。",
             "If you were locked out without mistyping your password many times, someone may be trying your "
             "account: tell your IT department."),
    )))


def _admin_reset(values: Values) -> Body:
    return Body(steps(
        Words("Microsoft Entra 管理センターで、ヘルプデスク管理者以上のロールで [ユーザー] > [すべてのユーザー] > 対象の"
             "ユーザー > [パスワードのリセット] を選びます。一時パスワードが発行され、次のサインインで変更が必要になります。",
             "In the Microsoft Entra admin center, as at least a Helpdesk Administrator, open Users > All users > "
             "the user > Reset password. A temporary password is issued, which must be changed at the next "
             "sign-in."),
        Words("スマート ロックアウトでロックされたクラウドのアカウントは、ロックの時間を待たずにこの操作で解除できます。",
             "This also unlocks a cloud account that smart lockout locked, without waiting for the lockout to end."),
        Words("オンプレミスから同期しているユーザーは、パスワード ライトバックが有効でなければ、オンプレミスの "
             "Active Directory でリセットします。",
             "For users synced from on-premises, reset the password in on-premises Active Directory unless "
             "password writeback is on."),
        Words("一時パスワードは、本人確認をしたうえで、本人だけに伝えます。下のコマンドで、ユーザーがオンプレミスから同期"
             "されているか (OnPremisesSyncEnabled) を確認できます (読み取りのみ)。",
             "Give the temporary password only to the user, after confirming their identity. The command below "
             "shows whether the user is synced from on-premises (OnPremisesSyncEnabled; read-only)."),
    ), (_read_user("OnPremisesSyncEnabled", "LastPasswordChangeDateTime"),),
        request=for_account(values, Words(
        "パスワードが分からず (またはアカウントがロックされ)、自分でリセットできません。{account}の"
        "パスワードをリセットしていただけますか。",
        "I do not know my password (or my account is locked) and cannot reset it myself. Could you reset the "
        "password of {account}?")),
        user_steps=steps(Words("依頼には、本人確認のために組織が求める情報を書き添えます。",
                              "In the request, include what your organization asks for to confirm your identity.")))


ADMIN_RESET_PASSWORD = action(
    "admin-reset-password", "admin", "changes-state",
    Words("管理者がパスワードをリセットする (ロックも解除される)", "Reset the user's password (which also unlocks the account)"),
    _admin_reset, params=(USER,))


def _unblock_sign_in(values: Values) -> Body:
    return Body(steps(
        Words("Microsoft 365 管理センターで [ユーザー] > [アクティブなユーザー] を開き、対象のユーザーの表示名を選びます。",
             "In the Microsoft 365 admin center, open Users > Active users and select the user's display name."),
        Words("ウィンドウの上部の [サインインのブロックを解除] を選び、[このユーザーのサインインをブロックする] のチェックを"
             "外して [変更の保存] を選びます。",
             "At the top of the pane, choose Unblock sign-in, clear Block this user from signing in and choose Save "
             "changes."),
        Words("ブロックが意図したもの (退職や休職、アカウントの侵害への対応) でないことを、解除の前に確認します。",
             "Before unblocking, make sure the block was not intended (a leaver, a leave of absence, a response to a "
             "compromised account)."),
        Words("オンプレミスの Active Directory から同期しているユーザーは、オンプレミスのアカウントが無効になっていないかも"
             "確認します。",
             "For a user synced from on-premises Active Directory, also check that the on-premises account is not "
             "disabled."),
        Words("下のコマンドで、サインインが許可されているか (AccountEnabled) と、オンプレミスから同期されているか "
             "(OnPremisesSyncEnabled) を確認できます (読み取りのみ)。",
             "The command below shows whether sign-in is allowed (AccountEnabled) and whether the user is synced "
             "from on-premises (OnPremisesSyncEnabled; read-only)."),
    ), (_read_user("AccountEnabled", "OnPremisesSyncEnabled"),),
        request=for_account(values, Words(
        "サインインすると「アカウントがロックされています。サポート担当者に連絡してください」という趣旨の表示が出て、"
        "サインインできません。{account}のサインインがブロックされていないか確認していただけますか。",
        "Signing in fails with \"Your account has been locked. Contact your support person to unlock it, then try "
        "again.\" Could you check whether sign-in is blocked for {account}?")),
        user_steps=steps(Words("15 分ほど待ってから、もう一度サインインを試します。",
                              "Wait about 15 minutes, then try signing in again.")))


UNBLOCK_USER_SIGN_IN = action(
    "unblock-user-sign-in", "admin", "changes-state",
    Words("ユーザーのサインインのブロックを解除する", "Unblock the user's sign-in"),
    _unblock_sign_in, params=(USER,))


def _unlock_ad(values: Values) -> Body:
    return Body(steps(
        Words("パススルー認証や AD FS の組織では、サインインのたびにオンプレミスの Active Directory がパスワードと"
             "ロックの状態を確認するため、Active Directory でロックされると Microsoft 365 にもサインインできません。",
             "With pass-through authentication or AD FS, on-premises Active Directory checks the password and the "
             "lockout state at every sign-in, so an Active Directory lockout also blocks Microsoft 365."),
        Words("パスワード ハッシュ同期では、ロックの状態は Microsoft Entra ID に同期されません。クラウドのサインインは "
             "Microsoft Entra のスマート ロックアウトだけでロックされます。",
             "With password hash sync, the lockout state is not synced to Microsoft Entra ID: cloud sign-ins are "
             "locked only by Microsoft Entra smart lockout."),
        Words("1 つ目のコマンドでロックの状態を確認し (読み取りのみ)、2 つ目のコマンドで解除します。ドメイン コントローラーの"
             "イベント 4740 で、どのコンピューターからの失敗でロックされたかを調べ、古いパスワードを保存したままの端末や"
             "アプリを直します。",
             "Check the lockout with the first command (read-only) and unlock with the second. Event 4740 on the "
             "domain controller shows which computer caused the lockout; fix the device or app that still holds an "
             "old password."),
        Words("パススルー認証では、Microsoft Entra のロックアウトのしきい値を Active Directory のしきい値より小さく"
             "(2 から 3 分の 1)、ロックの時間を Active Directory より長くすると、攻撃で Active Directory のアカウントが"
             "ロックされるのを防げます。",
             "With pass-through authentication, keep the Microsoft Entra lockout threshold lower than Active "
             "Directory's (a half to a third) and its duration longer, so attacks do not lock the Active Directory "
             "account."),
    ), (Cmd("powershell", _AD_USER + " -Properties LockedOut, BadLogonCount, LastBadPasswordAttempt, PasswordExpired"
                          " | Format-List Name, LockedOut, BadLogonCount, LastBadPasswordAttempt, PasswordExpired",
            label=Words("状態の確認 (読み取りのみ)", "Check (read-only)")),
        Cmd("powershell", _AD_USER + " | Unlock-ADAccount", label=Words("ロックの解除", "Unlock"))),
        request=for_account(values, Words(
            "社内の Active Directory で{account}がロックされているようで、Windows にも Microsoft 365 にも"
            "サインインできません。ロックの解除と原因の確認をお願いできますか。",
            "{Account} seems locked in the company's Active Directory: I cannot sign in to Windows or "
            "to Microsoft 365. Could you unlock it and check what caused it?")),
        user_steps=steps(Words(
            "スマートフォンのメール アプリなど、古いパスワードを保存したままの端末があれば、サインアウトするか"
            "パスワードを更新します。",
            "If a device (such as your phone's mail app) still holds an old password, sign it out or update the "
            "password there.")))


UNLOCK_AD_ACCOUNT = action(
    "unlock-ad-account", "admin", "changes-state",
    Words("Active Directory のアカウントのロックを解除する", "Unlock the Active Directory account"),
    _unlock_ad, params=(USER,))

ENABLE_PASSWORD_WRITEBACK = action(
    "enable-password-writeback", "admin", "changes-state",
    Words("パスワード ライトバックを有効にする", "Turn on password writeback"),
    Body(steps(
        Words("パスワード ライトバックは、クラウドでの変更やリセットを社内の Active Directory に書き戻します。"
             "Microsoft Entra Connect 同期またはクラウド同期で構成し、Microsoft Entra ID P1 以上のライセンスが必要です。",
             "Password writeback writes password changes and resets made in the cloud back to on-premises Active "
             "Directory. It is set up with Microsoft Entra Connect Sync or cloud sync and needs Microsoft Entra ID "
             "P1 or higher."),
        Words("Microsoft Entra 管理センターで [保護] > [パスワード リセット] > [オンプレミス統合] を開き、同期された"
             "ユーザーのパスワード ライトバックを有効にします。必要なら、パスワードをリセットせずにロックを解除できるように"
             "します。",
             "In the Microsoft Entra admin center, open Protection > Password reset > On-premises integration, turn "
             "on password writeback for synced users and, if wanted, let users unlock accounts without resetting "
             "their password."),
        Words("パススルー認証では、ライトバックがないと、期限切れのパスワードをクラウドで変更できません。その場合は "
             "オンプレミスの Active Directory で変更またはリセットします。",
             "With pass-through authentication and no writeback, an expired password cannot be changed in the "
             "cloud; change or reset it in on-premises Active Directory instead."),
    ), request=Words(
        "パスワードの変更やリセットをしようとすると「組織ではこのサイトでのパスワード更新を許可していません」と表示"
        "されます。パスワード ライトバックの設定を確認していただけますか。",
        "When I try to change or reset my password, it says my organization doesn't allow updating the password on "
        "this site. Could you check the password writeback setting?"),
        user_steps=steps(Words(
            "会社の PC で、社内ネットワークにつないで Ctrl + Alt + Delete キーの [パスワードの変更] を試します。",
            "On a company PC connected to the office network, try Ctrl+Alt+Delete > Change a password."))))


def _block_guest(values: Values) -> Body:
    return Body(steps(
        Words("ゲスト (B2B) ユーザーの更新トークンは、そのユーザーのホーム テナントでしか取り消せません。リソース テナントで"
             "セッションを取り消しても効果はありません。",
             "A guest (B2B) user's refresh tokens can be revoked only in their home tenant; revoking sessions in "
             "the resource tenant has no effect."),
        Words("リソース テナントでは、ゲストのサインインをブロックします (下のコマンド、またはゲスト ユーザーの "
             "[サインインのブロック])。以後、このテナント向けの新しいトークンは発行されません。ゲストはオブジェクト ID で"
             "指定します。",
             "In the resource tenant, block the guest's sign-in (the command below, or Block sign-in on the guest "
             "user). No new tokens for this tenant are issued after that. Name the guest by object id."),
        Words("発行済みのアクセス トークンは期限まで (最大 1 時間ほど) 使えます。ホーム テナントの管理者に、そのユーザーの"
             "セッションの取り消しを依頼します。",
             "Access tokens already issued stay valid until they expire (up to about an hour). Ask the home "
             "tenant's administrator to revoke the user's sessions."),
    ), (Cmd("powershell", "Connect-MgGraph -Scopes User.ReadWrite.All\n"
                          "Update-MgUser -UserId {{user}} -AccountEnabled:$false"),),
        request=for_account(values, Words(
            "{guest}のアクセスを止める必要があります。このテナントでのサインインのブロックと、"
            "ホーム テナントでのセッションの取り消しの依頼をお願いできますか。",
            "{Guest} must lose access. Could you block their sign-in in this tenant and ask their "
            "home tenant to revoke their sessions?")))


BLOCK_GUEST_ACCESS = action(
    "block-guest-access", "admin", "changes-state",
    Words("ゲストのサインインをブロックする (取り消しはホーム テナントで)",
         "Block the guest's sign-in (sessions are revoked in the home tenant)"),
    _block_guest, params=(USER,))

FIX_SEAMLESS_SSO = action(
    "fix-seamless-sso", "admin", "changes-state",
    Words("シームレス SSO の失敗を直す", "Fix Seamless SSO failures"),
    Body(steps(
        Words("AADSTS81010 は、シームレス SSO で使う Kerberos チケットが期限切れか無効であることを示します。利用者は、"
             "社内ネットワークにつながったドメイン参加 PC に、ドメイン アカウントでサインインしている必要があります。",
             "AADSTS81010 means the Kerberos ticket Seamless SSO uses has expired or is invalid: the user must be "
             "signed in with a domain account on a domain-joined PC connected to the corporate network."),
        Words("Microsoft Entra 管理センターの [Microsoft Entra Connect] で、シームレス シングル サインオンが対象の"
             "フォレストで [有効] になっているかを確認します (50180 は、統合 Windows 認証が必要なのに使えない場合です)。",
             "In the Microsoft Entra admin center, under Microsoft Entra Connect, check that Seamless single sign-on "
             "is Enabled for the forest (50180 means Windows Integrated Authentication was needed but not "
             "available)."),
        Words("https://autologon.microsoftazuread-sso.com が、グループ ポリシーで [ローカル イントラネット] ゾーンに"
             "入っているかを確認します。[信頼済みサイト] に入れるとサインインできなくなります。",
             "Check that group policy puts https://autologon.microsoftazuread-sso.com in the Local intranet zone; in "
             "the Trusted sites zone it blocks sign-in."),
        Words("各フォレストに AZUREADSSOACC コンピューター アカウントがあって有効か、PC の時刻がドメイン コントローラーと "
             "5 分以内か、klist で AZUREADSSOACC のチケットがあるかを確認し、klist purge でチケットを消してから"
             "やり直します。",
             "Check that the AZUREADSSOACC computer account exists and is enabled in each forest, that the PC's "
             "clock is within five minutes of the domain controllers, and that klist shows tickets for "
             "AZUREADSSOACC; purge them with klist purge and try again."),
    ) + steps(Words(
        "シームレス SSO は iOS や Android のブラウザー、Firefox のプライベート ブラウズでは動きません。",
        "Seamless SSO does not work in mobile browsers on iOS and Android, or in Firefox private browsing."),
        who=STAFF),
        (Cmd("cmd", "klist", label=Words("チケットの一覧 (読み取りのみ)", "List tickets (read-only)")),
         Cmd("cmd", "klist purge", label=Words("チケットを消す", "Purge tickets"))),
        request=Words(
            "社内の PC で自動サインイン (シームレス SSO) が失敗し、エラー 81010 または 50180 が表示されます。"
            "シームレス SSO の設定 (有効化、イントラネット ゾーン、AZUREADSSOACC アカウント) を確認していただけますか。",
            "Automatic sign-in (Seamless SSO) fails on my office PC with error 81010 or 50180. Could you check the "
            "Seamless SSO setup (enabled, intranet zone, AZUREADSSOACC account)?"),
        user_steps=steps(Words(
            "会社の PC に、社内ネットワーク (または VPN) につないだ状態でドメイン アカウントでサインインし直します。",
            "Sign in again to your company PC with your domain account while connected to the office network (or "
            "the VPN)."))))

ACTIONS = (RESET_PASSWORD_SELF_SERVICE, CHANGE_EXPIRED_PASSWORD, WAIT_OUT_LOCKOUT, ADMIN_RESET_PASSWORD,
           UNLOCK_AD_ACCOUNT, ENABLE_PASSWORD_WRITEBACK, BLOCK_GUEST_ACCESS, FIX_SEAMLESS_SSO,
           USE_NEW_PASSWORD_ON_COMPANY_NETWORK, UNBLOCK_USER_SIGN_IN)
"""The actions of this module, in registry order."""
