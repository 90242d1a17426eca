"""Actions on multifactor authentication: Microsoft Authenticator, other verification methods, registration.

Facts: docs/domain-mfa-account.md (Microsoft Learn and Microsoft Support
pages cited there), causes mfa-device-changed, mfa-no-usable-method,
authenticator-notification-not-delivered, authenticator-clock-wrong,
number-matching-required, mfa-denied-or-reported, security-info-registration-blocked,
mfa-registration-campaign, mfa-not-prompted, phone-call-sms-not-received and mfa-method-not-offered.
Administrators' commands use Microsoft Graph PowerShell with validated values
(a user principal name or object id, a method id that is a GUID).
"""

from __future__ import annotations

from guide.engine.actions.catalog.common import either, for_account, policy_query
from guide.engine.actions.params import METHOD_ID, POLICY, USER
from guide.engine.actions.spec import STAFF, Body, Cmd, Values, action, steps
from guide.engine.words import Words

SECURITY_INFO = Words(
    "PC のブラウザーで https://aka.ms/mysecurityinfo ([セキュリティ情報]) を開いてサインインします。",
    "On a computer, open https://aka.ms/mysecurityinfo (Security info) in a browser and sign in.")

GRAPH_METHODS_WRITE = "Connect-MgGraph -Scopes UserAuthenticationMethod.ReadWrite.All"
GRAPH_METHODS_READ = "Connect-MgGraph -Scopes UserAuthenticationMethod.Read.All"


MOVE_AUTHENTICATOR = action(
    "move-authenticator-to-new-phone", "user", "changes-state",
    Words("新しいスマートフォンに Authenticator を登録し直す", "Set up Authenticator again on the new phone"),
    Body(steps(
        Words("新しいスマートフォンに Microsoft Authenticator アプリを入れます。",
             "Install the Microsoft Authenticator app on the new phone."),
        SECURITY_INFO,
        Words("確認を求められたら、古いスマートフォン、または登録済みのほかの方法 (SMS や電話など) で確認します。",
             "When asked to verify, use the old phone or another method you registered (such as a text or a call)."),
        Words("[サインイン方法の追加] で [Microsoft Authenticator] を選び、画面の QR コードを新しいスマートフォンの "
             "Authenticator で読み取り、テストの通知を承認します。",
             "Select Add sign-in method, choose Microsoft Authenticator, scan the QR code with Authenticator on "
             "the new phone and approve the test notification."),
        Words("一覧に残っている古いスマートフォンの Authenticator を [削除] します。紛失した場合は特に、必ず削除します。",
             "Delete the old phone's Authenticator entry from the list; always do so when the phone was lost."),
    )))

RESTORE_AUTHENTICATOR_BACKUP = action(
    "restore-authenticator-backup", "user", "changes-state",
    Words("Authenticator のバックアップから復元する (職場のアカウントは追加の確認が必要)",
         "Restore Authenticator from its backup (work accounts need one more verification)"),
    Body(steps(
        Words("復元できるのは、古いスマートフォンの Authenticator でクラウド バックアップをオンにしていた場合だけです。"
             "バックアップには個人用 Microsoft アカウントが必要で、iPhone では iCloud も必要です。",
             "Restoring works only if cloud backup was turned on in Authenticator on the old phone. The backup needs "
             "a personal Microsoft account, and on an iPhone an iCloud account too."),
        Words("新しいスマートフォンで Authenticator を開き、[回復の開始] を選んで、バックアップに使った個人用 Microsoft "
             "アカウントでサインインします。",
             "On the new phone, open Authenticator, choose Begin recovery and sign in with the personal Microsoft "
             "account the backup used."),
        Words("職場または学校のアカウントは一覧に戻るだけで、そのままでは使えません。アカウントをタップして、"
             "表示される追加の確認 (サインイン、または QR コードの読み取り) を済ませます。",
             "Work or school accounts come back only as entries and do not work yet: tap the account and complete "
             "the extra verification it asks for (signing in, or scanning a QR code)."),
        Words("追加の確認ができない場合 (古いスマートフォンもほかの方法もない場合) は、IT 部門に連絡します。",
             "If you cannot complete that verification (no old phone and no other method), contact your IT "
             "department."),
    )))

FIX_AUTHENTICATOR_NOTIFICATIONS = action(
    "fix-authenticator-notifications", "user", "changes-state",
    Words("Authenticator の通知が届くようにする", "Make Authenticator notifications arrive"),
    Body(steps(
        Words("通知が表示されなくても、Authenticator アプリを開いて画面を下に引いて更新すると、待っている承認の要求が"
             "表示されることがあります。",
             "Even when no notification shows, open the Authenticator app and pull down to refresh: a pending "
             "request often appears there."),
        Words("スマートフォンがインターネットにつながっているか (Wi-Fi またはモバイル データ) を確認します。",
             "Check that the phone is online (Wi-Fi or mobile data)."),
        Words("Authenticator の [設定] > [通知設定] で [通知を表示する] をオンにし、[設定] で [バッテリーの最適化をオフにする] を"
             "選びます。",
             "In Authenticator, turn on Settings > Notification settings > Show notifications, and under Settings "
             "choose Turn off battery optimization."),
        Words("モバイル データと Wi-Fi を切り替えてみます。VPN を使っている場合は切断して試します。スマートフォンの日付と"
             "時刻が正しいかも確認します。",
             "Try switching between mobile data and Wi-Fi; if you use a VPN, disconnect it and try again. Check that "
             "the phone's date and time are right."),
        Words("App Store または Google Play で Authenticator を最新版に更新します。12 か月より古いバージョンは"
             "サポートされません。",
             "Update Authenticator to the latest version from the App Store or Google Play; versions older than 12 "
             "months are not supported."),
    )))

SYNC_PHONE_CLOCK = action(
    "sync-phone-clock", "user", "changes-state",
    Words("スマートフォンの日付と時刻を自動設定にする", "Set the phone's date and time automatically"),
    Body(steps(
        Words("Authenticator の 6 桁 (または 8 桁) のコードは時刻をもとに 30 秒ごとに変わるため、スマートフォンの時刻が"
             "ずれていると受け付けられません。",
             "Authenticator's 6- or 8-digit codes change every 30 seconds based on the time, so a phone whose clock "
             "is off produces codes that are refused."),
        Words("iPhone では [設定] > [一般] > [日付と時刻] で [自動設定] をオンにします。",
             "On an iPhone, turn on Settings > General > Date & Time > Set Automatically."),
        Words("Android では [設定] > [システム] > [日付と時刻] で、時刻とタイムゾーンの自動設定をオンにします "
             "(機種により項目名が異なります)。",
             "On Android, turn on automatic time and time zone under Settings > System > Date & time (names vary "
             "by model)."),
    )))

USE_ANOTHER_VERIFICATION_METHOD = action(
    "use-another-verification-method", "user", "changes-state",
    Words("別の確認方法 (アプリのコードなど) でサインインする", "Sign in with another verification method (such as the app's code)"),
    Body(steps(
        Words("サインインの画面で [Microsoft Authenticator アプリを現在使用できません] または [別の方法でサインインする] を"
             "選びます。",
             "On the sign-in screen, choose I can't use my Microsoft Authenticator app right now, or Sign in another "
             "way."),
        Words("[確認コードを使用する] を選び、Authenticator アプリに表示されている 6 桁 (または 8 桁) のコードを入力します。"
             "コードはスマートフォンがオフラインでも表示されます。",
             "Choose Use a verification code and enter the 6- or 8-digit code shown in the Authenticator app. The "
             "code works even when the phone is offline."),
        Words("登録済みのほかの方法 (SMS、電話、セキュリティ キーなど) を選ぶこともできます。",
             "You can also choose another method you registered (text, call, security key)."),
        Words("どの方法も使えない場合は、IT 部門に連絡します。", "If no method works, contact your IT department."),
    )))

ANSWER_NUMBER_MATCHING = action(
    "answer-number-matching", "user", "read-only",
    Words("番号の一致 (数字の入力) で承認する", "Approve with number matching (type the number)"),
    Body(steps(
        Words("サインインの画面に 2 桁の数字が表示されます。スマートフォンの Authenticator の通知にその数字を入力して"
             "承認します。[承認] を押すだけの方式はなくなりました。",
             "The sign-in screen shows a two-digit number. Type that number into the Authenticator notification on "
             "your phone and approve. Approving with a single tap is no longer used."),
        Words("通知に数字の入力欄がない場合は、Authenticator を最新版に更新します。",
             "If the notification has no field for the number, update Authenticator to the latest version."),
        Words("自分でサインインしていないのに通知が来た場合は、数字を入力せず [いいえ、私ではありません] などで拒否し、"
             "IT 部門に知らせます。",
             "If a notification arrives when you are not signing in, do not enter a number: deny it (for example "
             "with No, it's not me) and tell your IT department."),
    )))

REPORT_UNEXPECTED_MFA_REQUEST = action(
    "report-unexpected-mfa-request", "user", "changes-state",
    Words("身に覚えのない確認要求を報告し、パスワードを変更する", "Report an MFA request you did not start, and change your password"),
    Body(steps(
        Words("自分がサインインしていないときの承認の要求は、拒否します。不審なアクティビティとして報告する選択肢が"
             "表示されたら、報告します。",
             "Deny any approval request you did not start. If you are offered to report it as suspicious activity, "
             "report it."),
        Words("誰かがあなたのパスワードを知っている可能性があります。https://aka.ms/sspr または Ctrl + Alt + Delete キーの "
             "[パスワードの変更] で、すぐにパスワードを変更します。",
             "Someone may know your password: change it now, at https://aka.ms/sspr or with Ctrl+Alt+Delete > "
             "Change a password."),
        Words("報告したあとはサインインがブロックされることがあります。その場合と、自分の操作を誤って拒否した場合は、"
             "IT 部門に連絡します。",
             "After a report your sign-ins may be blocked; in that case, and if you denied your own sign-in by "
             "mistake, contact your IT department."),
    )))


def _temporary_access_pass(values: Values) -> Body:
    return Body(steps(
        Words("本人確認を組織の手順どおりに済ませてから発行します。Temporary Access Pass は、認証方法ポリシーで有効になって"
             "いて、対象に含まれるユーザーだけがサインインに使えます ([保護] > [認証方法] > [ポリシー] > "
             "[Temporary Access Pass])。",
             "Confirm the person's identity the organization's way first. Only users included in the Temporary Access "
             "Pass authentication method policy (Protection > Authentication methods > Policies > Temporary Access "
             "Pass) can sign in with one."),
        Words("Microsoft Entra 管理センターで [ユーザー] > [すべてのユーザー] > 対象のユーザー > [認証方法] > "
             "[認証方法の追加] > [Temporary Access Pass] を選び、有効期間と 1 回限りかどうかを決めて追加します。"
             "パスの値はこの画面でしか表示されません。",
             "In the Microsoft Entra admin center, open Users > All users > the user > Authentication methods > Add "
             "authentication method > Temporary Access Pass, choose the lifetime and whether it is one-time, and "
             "add it. The pass is shown only on this screen."),
        Words("PowerShell では下のコマンドで、1 時間有効で 1 回限りのパスを作れます。",
             "With PowerShell, the command below creates a one-time pass valid for one hour."),
        Words("利用者は https://aka.ms/mysecurityinfo でパスを使ってサインインし、Authenticator を登録して、古い方法を"
             "削除します。1 回限りのパスでパスワードレスの方法を登録する場合は、サインインから 10 分以内に済ませます。",
             "The user signs in at https://aka.ms/mysecurityinfo with the pass, registers Authenticator and removes "
             "the old method. With a one-time pass, a passwordless method must be registered within 10 minutes of "
             "signing in."),
    ), (Cmd("powershell", GRAPH_METHODS_WRITE + "\n"
                          "New-MgUserAuthenticationTemporaryAccessPassMethod -UserId {{user}} "
                          "-BodyParameter @{ lifetimeInMinutes = 60; isUsableOnce = $true }"),),
        request=for_account(values, Words(
            "スマートフォンの機種変更や紛失で Authenticator を使えず、ほかの確認方法もないためサインインできません。"
            "{account}に Temporary Access Pass を発行していただけますか。新しいスマートフォンに登録し直します。",
            "I changed or lost my phone, cannot use Authenticator and have no other verification method, so I cannot "
            "sign in. Could you issue a Temporary Access Pass for {account}? I will register my new phone with it.")),
        user_steps=steps(Words("IT 部門から受け取ったパスは、ほかの人に見せないでください。",
                              "Keep the pass IT gives you to yourself.")))


ISSUE_TEMPORARY_ACCESS_PASS = action(
    "issue-temporary-access-pass", "admin", "changes-state",
    Words("Temporary Access Pass を発行する", "Issue a Temporary Access Pass"),
    _temporary_access_pass, params=(USER,))


def _reregistration(values: Values) -> Body:
    return Body(steps(
        Words("Microsoft Entra 管理センターで、認証管理者以上のロールで [ユーザー] > [すべてのユーザー] > 対象のユーザー > "
             "[認証方法] を開きます。",
             "In the Microsoft Entra admin center, as at least an Authentication Administrator, open Users > All "
             "users > the user > Authentication methods."),
        Words("[MFA の再登録が必要] を選ぶと、電話番号、Microsoft Authenticator アプリ、ソフトウェア OATH トークンが削除され、"
             "ハードウェア OATH トークンが無効になります。利用者は次のサインインで新しい方法の登録を求められます。",
             "Require re-register MFA deletes the user's phone numbers, Microsoft Authenticator apps and software "
             "OATH tokens and deactivates hardware OATH tokens; the user is asked to set up a new method at the "
             "next sign-in."),
        Words("[MFA セッションの取り消し] は、記憶された多要素認証をクリアし、次に必要になったときに多要素認証を求めます。",
             "Revoke MFA sessions clears remembered MFA, so MFA is asked the next time policy requires it."),
        Words("下のコマンドで、登録されている方法を先に確認できます (読み取りのみ)。",
             "The command below lists the registered methods first (read-only)."),
    ), (Cmd("powershell", GRAPH_METHODS_READ + "\n"
                          "Get-MgUserAuthenticationMethod -UserId {{user}} | "
                          "Select-Object Id, @{ n = 'Type'; e = { $_.AdditionalProperties['@odata.type'] } }"),),
        request=for_account(values, Words(
            "多要素認証の登録を新しいスマートフォンでやり直したいのですが、古い登録が使えません。{account}に"
            "「MFA の再登録が必要」を設定していただけますか。",
            "I need to register MFA again on a new phone, but the old registration cannot be used. Could you set "
            "Require re-register MFA on {account}?")))


REQUIRE_MFA_REREGISTRATION = action(
    "require-mfa-reregistration", "admin", "changes-state",
    Words("多要素認証の再登録を求める", "Require the user to register MFA again"),
    _reregistration, params=(USER,))


def _remove_authenticator(values: Values) -> Body:
    return Body(steps(
        Words("1 つ目のコマンドで、利用者の Microsoft Authenticator の登録を一覧にします。DisplayName はスマートフォンの"
             "名前です。",
             "The first command lists the user's Microsoft Authenticator registrations; DisplayName is the phone's "
             "name."),
        Words("古いスマートフォンや紛失したスマートフォンの Id を確かめてから、2 つ目のコマンドで削除します。",
             "Check the Id of the old or lost phone, then delete it with the second command."),
        Words("管理センターでは [ユーザー] > 対象のユーザー > [認証方法] で、該当する方法の [...] から削除できます。",
             "In the admin center, delete it from Users > the user > Authentication methods."),
    ), (Cmd("powershell", GRAPH_METHODS_READ + "\n"
                          "Get-MgUserAuthenticationMicrosoftAuthenticatorMethod -UserId {{user}} | "
                          "Format-List Id, DisplayName, DeviceTag, CreatedDateTime",
            label=Words("一覧 (読み取りのみ)", "List (read-only)")),
        Cmd("powershell", GRAPH_METHODS_WRITE + "\n"
                          "Remove-MgUserAuthenticationMicrosoftAuthenticatorMethod -UserId {{user}} "
                          "-MicrosoftAuthenticatorAuthenticationMethodId {{method_id}}",
            label=Words("削除", "Delete"))),
        request=for_account(values, Words(
            "紛失した (または使わなくなった) スマートフォンの Authenticator が{account}に登録されたままです。"
            "古い登録を削除していただけますか。",
            "The Authenticator on a phone I lost (or no longer use) is still registered on {account}. "
            "Could you delete the old registration?")),
        user_steps=steps(Words("サインインできる場合は、https://aka.ms/mysecurityinfo で自分で削除することもできます。",
                              "If you can sign in, you can delete it yourself at https://aka.ms/mysecurityinfo.")))


REMOVE_AUTHENTICATOR_METHOD = action(
    "remove-authenticator-method", "admin", "changes-state",
    Words("古い Authenticator の登録を削除する", "Delete the old Authenticator registration"),
    _remove_authenticator, params=(USER, METHOD_ID))


def _review_denial(values: Values) -> Body:
    return Body(steps(
        Words("サインイン ログで利用者のエラー 500121 のサインインを開き、[認証の詳細] で結果 (拒否された、不正として"
             "報告された、応答がなかったなど) を確認します。下のコマンドでも一覧にできます (読み取りのみ)。",
             "In the sign-in logs, open the user's sign-ins with error 500121 and read the result on the "
             "Authentication details tab (denied, reported as fraud, no response...). The command below lists them "
             "too (read-only)."),
        Words("利用者が [不審なアクティビティを報告] で報告すると、ユーザー リスクが高に設定されます。[ID 保護] > "
             "[リスクのあるユーザー] で、本人の操作だった場合はリスクを無視し、そうでなければ侵害を確認してパスワードを"
             "リセットします。",
             "When a user reports suspicious activity, their user risk is set to high. In Identity Protection > "
             "Risky users, dismiss the risk if it was the user's own sign-in; otherwise confirm the compromise and "
             "reset the password."),
        Words("本人がサインインしていないのに要求が続く場合は、パスワードが漏れている可能性が高いため、パスワードを"
             "リセットし、セッションを取り消します。",
             "If requests keep coming while the user is not signing in, the password has most likely leaked: reset "
             "it and revoke the sessions."),
    ), (Cmd("powershell", "Connect-MgGraph -Scopes AuditLog.Read.All\n"
                          "Get-MgAuditLogSignIn -Filter \"userPrincipalName eq '{{user}}' and "
                          "status/errorCode eq 500121\" -Top 20 | "
                          "Format-List CreatedDateTime, AppDisplayName, IPAddress, Status"),),
        request=for_account(values, Words(
            "多要素認証が拒否された、または不正として報告されたため、サインインできません (エラー 500121)。"
            "{account}のサインイン ログとリスクの状態を確認していただけますか。",
            "My sign-in fails because multifactor authentication was denied or reported as fraud (error 500121). "
            "Could you check the sign-in logs and risk state of {account}?")))


REVIEW_MFA_DENIAL = action(
    "review-mfa-denial", "admin", "changes-state",
    Words("拒否・不正報告された多要素認証を確認する", "Review denied or reported MFA requests"),
    _review_denial, params=(USER,))


def _review_registration(values: Values) -> Body:
    return Body(steps(
        Words("条件付きアクセスで、ユーザー操作 [セキュリティ情報の登録] を対象にしたポリシーを確認します。信頼できる"
             "場所や準拠デバイスを条件にしていると、社外や個人の端末からは登録がブロックされます (エラー 53003 など)。",
             "Check Conditional Access policies that target the user action Register security information. If they "
             "require a trusted location or a compliant device, registering from outside the office or from a "
             "personal device is blocked (error 53003, for example)."),
        Words("社外から登録させる必要がある場合は、Temporary Access Pass を発行するか、ポリシーの条件を見直します。",
             "When people must register from outside, issue a Temporary Access Pass or revisit the policy's "
             "conditions."),
        Words("[保護] > [認証方法] > [登録キャンペーン] の設定も確認します。登録キャンペーンは、サインインのときに "
             "Authenticator の設定を促し、決められた回数や日数だけ後回しにできます。",
             "Also check Protection > Authentication methods > Registration campaign: it prompts users to set up "
             "Authenticator at sign-in and lets them snooze it a set number of times or days."),
        Words("セキュリティの既定値群が有効なテナントでは、多要素認証の登録の 14 日間の猶予は 2024 年に廃止され、"
             "利用者は求められたときに登録する必要があります。",
             "In a tenant with security defaults, the 14-day grace period for MFA registration was removed in 2024: "
             "users must register when asked."),
    ) + steps(Words(
        "Microsoft Graph PowerShell でポリシーを読むには、下のコマンドを使います (読み取りのみ)。",
        "To read the policy with Microsoft Graph PowerShell, use the command below (read-only)."), who=STAFF),
        (policy_query("ConvertTo-Json -Depth 10"),),
        request=either(values, "policy", Words(
            "セキュリティ情報 (多要素認証) の登録を求められますが、登録できません。条件付きアクセス ポリシー"
            "「{{policy}}」がセキュリティ情報の登録を制限している可能性があります。確認していただけますか。",
            "I am asked to register my security info (MFA) but cannot. The Conditional Access policy \"{{policy}}\" "
            "may restrict security info registration. Could you check it?"), Words(
            "セキュリティ情報 (多要素認証) の登録を求められますが、登録できません (または何度も求められます)。"
            "セキュリティ情報の登録に関する条件付きアクセスや登録キャンペーンの設定を確認していただけますか。",
            "I am asked to register my security info (MFA) but cannot (or am asked again and again). Could you check "
            "the Conditional Access and registration campaign settings for security info registration?")),
        user_steps=steps(Words("社内ネットワークや会社の PC から登録できるかを試します。",
                              "Try registering from the office network or a company PC.")))


REVIEW_SECURITY_INFO_REGISTRATION = action(
    "review-security-info-registration", "admin", "read-only",
    Words("セキュリティ情報の登録の制限と登録キャンペーンを確認する",
         "Review security info registration rules and the registration campaign"),
    _review_registration, params=(POLICY,))


def _review_phone(values: Values) -> Body:
    return Body(steps(
        Words("下のコマンドで、利用者に登録されている電話番号と種類 (携帯、代替、会社) を確認します。国番号 (+81 など) と"
             "番号が正しいかを見ます。",
             "List the user's registered phone numbers and their types (mobile, alternate, office) with the command "
             "below, and check the country code (+81, for example) and the number."),
        Words("SMS や音声通話は、通信事業者の迷惑メッセージの設定や、国や地域、テナントの電話による不正対策で"
             "届かないことがあります。サインイン ログの [認証の詳細] で結果を確認します。",
             "Texts and calls can fail because of the carrier's spam filtering, the country or region, or the "
             "tenant's telephony fraud protections; check the result on the sign-in's Authentication details tab."),
        Words("SMS や音声通話より安全な Microsoft Authenticator への移行を勧めます。",
             "Suggest moving to Microsoft Authenticator, which is safer than texts and calls."),
    ), (Cmd("powershell", GRAPH_METHODS_READ + "\n"
                          "Get-MgUserAuthenticationPhoneMethod -UserId {{user}} | Format-List PhoneType, PhoneNumber"),),
        request=for_account(values, Words(
            "多要素認証の SMS や電話が届きません。{account}に登録されている電話番号が正しいか確認していただけますか。",
            "The MFA texts or calls do not reach me. Could you check that the phone number registered on {account} "
            "is right?")),
        user_steps=steps(Words("https://aka.ms/mysecurityinfo で登録している電話番号を確認できます。",
                              "You can see your registered phone number at https://aka.ms/mysecurityinfo.")))


REVIEW_PHONE_METHODS = action(
    "review-phone-methods", "admin", "read-only",
    Words("登録されている電話番号を確認する", "Check the registered phone numbers"),
    _review_phone, params=(USER,))

def _review_methods(values: Values) -> Body:
    return Body(steps(
        Words("サインインで選べるのは、利用者が登録していて、しかも認証方法ポリシーでその利用者に有効になっている方法だけです。"
             "[Entra ID] > [認証方法] > [ポリシー] で、求められた方法 (SMS、音声通話など) が有効で、利用者のグループが"
             "対象に含まれているかを確認します。",
             "Sign-in offers only methods the user registered and the Authentication methods policy enables for them. "
             "Under Entra ID > Authentication methods > Policies, check that the method asked for (SMS, voice call...) "
             "is enabled and that the user's group is among its targets."),
        Words("旧来の多要素認証の設定 ([追加のクラウドベースの多要素認証設定]) とパスワード リセットの設定も確認します。"
             "どれか 1 つのポリシーで有効なら、その方法は使えます。",
             "Also check the legacy MFA settings (Additional cloud-based multifactor authentication settings) and the "
             "password reset settings: a method enabled in any one of the policies can be used."),
        Words("条件付きアクセスが認証強度 (フィッシングに強い MFA など) を求めていると、その強度を満たす方法だけが表示されます。"
             "サインイン ログの [認証の詳細] の [要件] 列で、求められた認証強度がわかります。",
             "When Conditional Access requires an authentication strength (phishing-resistant MFA, for example), only "
             "methods that meet it are offered; the Requirement column on the sign-in's Authentication details tab "
             "names the strength."),
        Words("下のコマンドで、SMS の方法の設定と、利用者に登録されている方法を確認します (読み取りのみ)。",
             "With the commands below, read the SMS method's settings and the methods registered for the user "
             "(read-only)."),
    ), (Cmd("powershell", "Connect-MgGraph -Scopes Policy.Read.All,UserAuthenticationMethod.Read.All\n"
                          "Get-MgPolicyAuthenticationMethodPolicyAuthenticationMethodConfiguration "
                          "-AuthenticationMethodConfigurationId Sms | Format-List Id, State, AdditionalProperties\n"
                          "Get-MgUserAuthenticationMethod -UserId {{user}} | Format-List Id, AdditionalProperties"),),
        request=for_account(values, Words(
            "多要素認証で、使いたい確認方法 (SMS など) が選択肢に表示されません。{account}がその方法を使えるように"
            "認証方法ポリシーや認証強度の設定を確認していただけますか。",
            "The verification method I want (such as a text message) is not offered when I sign in. Could you check "
            "the Authentication methods policy and authentication strength settings so that {account} can use it?")),
        user_steps=steps(Words("https://aka.ms/mysecurityinfo の [サインイン方法の追加] で、追加できる方法を確認できます。",
                              "At https://aka.ms/mysecurityinfo, Add sign-in method shows which methods you can add.")))


REVIEW_AUTHENTICATION_METHODS = action(
    "review-authentication-methods", "admin", "read-only",
    Words("利用者が使える認証方法を確認する", "Check which verification methods the user may use"),
    _review_methods, params=(USER,))

ACTIONS = (MOVE_AUTHENTICATOR, RESTORE_AUTHENTICATOR_BACKUP, FIX_AUTHENTICATOR_NOTIFICATIONS, SYNC_PHONE_CLOCK,
           USE_ANOTHER_VERIFICATION_METHOD, ANSWER_NUMBER_MATCHING, REPORT_UNEXPECTED_MFA_REQUEST,
           ISSUE_TEMPORARY_ACCESS_PASS, REQUIRE_MFA_REREGISTRATION, REMOVE_AUTHENTICATOR_METHOD, REVIEW_MFA_DENIAL,
           REVIEW_SECURITY_INFO_REGISTRATION, REVIEW_PHONE_METHODS, REVIEW_AUTHENTICATION_METHODS)
"""The actions of this module, in registry order."""
