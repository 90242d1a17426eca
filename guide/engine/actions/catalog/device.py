"""Actions on the Windows device: registration, join, the PRT, the broker, the clock.

Facts: reference/domain.md, causes device-not-registered,
hybrid-join-incomplete, prt-acquisition-failed, prt-stale,
device-disabled-or-deleted, tpm-failure, device-compliance-required,
broker-plugin-broken and clock-skew.
"""

from __future__ import annotations

from guide.engine.actions.catalog.common import (
    ACCESS_WORK_OR_SCHOOL,
    DSREGCMD_LEAVE,
    DSREGCMD_STATUS,
    DSREGCMD_STATUS_SHOWN,
    LOCK_UNLOCK,
    OPEN_CMD_AS_SELF,
    QUIT_APPS,
    SIGN_IN_AGAIN,
)
from guide.engine.actions.spec import STAFF, Body, Cmd, action, steps
from guide.engine.words import Words

ADD_WORK_ACCOUNT = action(
    "add-work-account", "user", "changes-state",
    Words("Windows に職場または学校のアカウントを追加する", "Add your work or school account to Windows"),
    Body(steps(
        Words("", "Open ") + ACCESS_WORK_OR_SCHOOL + Words(" を開き、[接続] を選びます。", ", then select Connect."),
        Words("職場または学校のアカウントでサインインし、画面の案内に従います。",
             "Sign in with your work or school account and follow the prompts."),
        Words("または、Outlook などのアプリでサインインしたときに「組織がデバイスを管理できるようにする」と表示されたら、"
             "選んだまま先に進みます。これでもアカウントが Windows に追加されます。",
             "Alternatively, when an app such as Outlook shows \"Allow my organization to manage my device\" while "
             "you sign in, leave it selected and continue; this also adds the account to Windows."),
        Words("その後、", "Then: ") + LOCK_UNLOCK,
    )))

REFRESH_PRT = action(
    "refresh-prt", "user", "changes-state",
    Words("プライマリ更新トークン (PRT) を更新する", "Refresh the Primary Refresh Token (PRT)"),
    Body(steps(
        LOCK_UNLOCK,
        OPEN_CMD_AS_SELF,
        Words("「SSO State」の欄で「AzureAdPrt : YES」になっていること、「AzureAdPrtUpdateTime」が今の時刻に近いことを"
             "確認します (時刻は UTC で表示されます)。",
             "Under SSO State, check that AzureAdPrt is YES and that AzureAdPrtUpdateTime is close to the current "
             "time (times are shown in UTC)."),
        Words("AzureAdPrt が NO のままの場合は、出力全体をサポート担当者に送ります。",
             "If AzureAdPrt stays NO, send the whole output to your support contact."),
    ) + steps(
        Words("User State と SSO State は、サインインしている本人が管理者に昇格せずに実行したときだけ正しく表示されます。",
             "User State and SSO State are valid only when the signed-in user runs the command without elevation."),
        Words("dsregcmd /refreshprt というコマンドがよく紹介されていますが、Microsoft の文書には記載がなく、"
             "動作は確認されていません。この手順では使いません。",
             "dsregcmd /refreshprt is often suggested, but Microsoft's documentation does not describe it and its "
             "behaviour is unverified; these steps do not use it."),
        who=STAFF), (DSREGCMD_STATUS,)))

SYNC_CLOCK = action(
    "sync-clock", "user", "changes-state",
    Words("PC の日付と時刻を合わせる", "Set the PC's date and time correctly"),
    Body(steps(
        Words("[設定] > [時刻と言語] > [日付と時刻] を開き、[時刻を自動的に設定する] をオンにします。",
             "Open Settings > Time & language > Date & time and turn on Set time automatically."),
        Words("タイム ゾーンが正しいことを確認し、[今すぐ同期] を選びます。",
             "Check that the time zone is correct, then select Sync now."),
        Words("または、管理者として開いたコマンド プロンプトで下のコマンドを実行します。",
             "Or run the command below in a Command Prompt opened as administrator."),
        Words("これらの設定が組織によって変更できないようになっている場合は、IT 部門に連絡します。",
             "If your organization has locked these settings, contact your IT department."),
        SIGN_IN_AGAIN,
    ), (Cmd("cmd", "w32tm /resync", argv=("w32tm", "/resync")),)))


def _register_package(package: str) -> str:
    """The re-registration one-liner for a system app package (registers only when missing)."""
    name = package.split("_", 1)[0]
    return (f"if (-not (Get-AppxPackage {name})) {{ Add-AppxPackage -Register "
            f"\"$env:windir\\SystemApps\\{package}\\Appxmanifest.xml\" -DisableDevelopmentMode "
            f"-ForceApplicationShutdown }} Get-AppxPackage {name}")


REREGISTER_BROKER_PLUGIN = action(
    "reregister-broker-plugin", "agent", "changes-state",
    Words("Microsoft.AAD.BrokerPlugin を登録し直す", "Re-register Microsoft.AAD.BrokerPlugin"),
    Body(steps(
        QUIT_APPS,
        Words("Windows PowerShell を、管理者としてではなく、サインインしている本人として開き、下の 1 つ目のコマンドを"
             "実行します。パッケージがない場合にだけ登録し直し、最後にパッケージの情報を表示します。",
             "Open Windows PowerShell as the signed-in user (not as administrator) and run the first command below. "
             "It registers the package again only if it is missing, then shows the package."),
        Words("個人用の Microsoft アカウントで問題が起きている場合は、2 つ目のコマンド "
             "(Microsoft.Windows.CloudExperienceHost) も実行します。",
             "If the problem is with a personal Microsoft account, also run the second command "
             "(Microsoft.Windows.CloudExperienceHost)."),
        SIGN_IN_AGAIN,
    ) + steps(
        Words("イベント 1098 (0xCAA5001C) とイベント 1104 (0xC000005F) が記録されている場合は KB3196528 を参照します。",
             "If events 1098 (0xCAA5001C) and 1104 (0xC000005F) are logged, see KB3196528."),
        Words("BrokerPlugin の AC\\TokenBroker\\Accounts フォルダーの中身を消す方法も紹介されていますが、自動化しないでください。",
             "Some guides wipe the BrokerPlugin's AC\\TokenBroker\\Accounts folder; never automate that."),
        who=STAFF),
        (Cmd("powershell", _register_package("Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy"),
             label=Words("職場または学校のアカウント", "Work or school accounts")),
         Cmd("powershell", _register_package("Microsoft.Windows.CloudExperienceHost_cw5n1h2txyewy"),
             label=Words("個人用の Microsoft アカウント", "Personal Microsoft accounts"))),
        request=Words(
            "Teams または Office へのサインインに失敗し、Windows のトークン ブローカー (Microsoft.AAD.BrokerPlugin) の"
            "問題が疑われます。BrokerPlugin の再登録について、サポートをお願いできますか。",
            "Signing in to Teams or Office fails, and the Windows token broker (Microsoft.AAD.BrokerPlugin) looks "
            "like the cause. Could you help me register the BrokerPlugin again?")),
    self_service=False)

JOIN_OR_REGISTER_DEVICE = action(
    "join-or-register-device", "agent", "changes-state",
    Words("デバイスを参加または登録し直す", "Join or register the device again"),
    Body(steps(
        Words("まず dsregcmd /status で参加の状態 (AzureAdJoined、DomainJoined、WorkplaceJoined) を確認します。",
             "First check the join state with dsregcmd /status (AzureAdJoined, DomainJoined, WorkplaceJoined)."),
        Words("登録済みデバイス (WorkplaceJoined : YES) の場合: ", "Registered device (WorkplaceJoined : YES): in ")
        + ACCESS_WORK_OR_SCHOOL + Words(" で職場のアカウントを切断し、[接続] からもう一度追加します。",
                                       ", disconnect the work account, then add it again with Connect."),
        Words("ハイブリッド参加 (DomainJoined : YES) の場合: 管理者として開いたコマンド プロンプトで dsregcmd /leave を"
             "実行し、PC を再起動してサインインし直したあと、dsregcmd /status で参加し直されたことを確認します。",
             "Hybrid joined (DomainJoined : YES): run dsregcmd /leave in a Command Prompt opened as administrator, "
             "restart and sign in again, then confirm with dsregcmd /status that the device joined again."),
        Words("Microsoft Entra 参加 (AzureAdJoined : YES、DomainJoined : NO) の場合: [職場または学校にアクセスする] で"
             "組織から切断し、もう一度参加させます。切断すると組織のアカウントでサインインできなくなるため、"
             "先にローカル管理者のアカウントを用意します。",
             "Microsoft Entra joined (AzureAdJoined : YES, DomainJoined : NO): disconnect from the organization under "
             "Access work or school and join again. After disconnecting, organization accounts can no longer sign "
             "in, so have a local administrator account ready first."),
        Words("TPM のエラー (0x80090016 など) の場合も同じ手順で参加し直し、直らない場合はハードウェアの問題として"
             "管理者に引き継ぎます。",
             "For TPM errors (such as 0x80090016), join again the same way; if that fails, escalate it to an "
             "administrator as a hardware problem."),
    ), (DSREGCMD_STATUS_SHOWN, DSREGCMD_LEAVE),
        request=Words(
            "この PC の Microsoft Entra ID への参加または登録が正しく行われていないようです (シングル サインオンが"
            "効かない、またはデバイスを求めるアクセス制限でブロックされます)。デバイスの参加または登録のやり直しを"
            "お願いできますか。",
            "This PC's join or registration with Microsoft Entra ID does not seem to be working (single sign-on "
            "fails, or access rules that require a device block me). Could you join or register the device again?"),
        user_steps=steps(Words(
            "会社から支給された PC ではなく自分の PC の場合は、", "If this is your own PC rather than a company one, ")
            + ACCESS_WORK_OR_SCHOOL + Words(" > [接続] から職場のアカウントを追加できます。",
                                           " > Connect lets you add your work account yourself."))),
    self_service=False)

MAKE_DEVICE_COMPLIANT = action(
    "make-device-compliant", "agent", "changes-state",
    Words("デバイスを組織のポリシーに準拠させる", "Bring the device into compliance"),
    Body(steps(
        Words("「ポータル サイト」アプリ (Intune ポータル サイト) を開き、このデバイスを選びます。デバイスが表示されない"
             "場合は、アプリの案内に従ってデバイスを登録します。",
             "Open the Company Portal app and select this device. If it is not listed, enroll it by following the "
             "app's prompts."),
        Words("準拠していない項目が表示されたら、表示された手順に従って直し、もう一度状態を確認します。",
             "Fix each item reported as not compliant by following its instructions, then check the status again."),
        Words("準拠と表示されたら、アプリからサインアウトしてサインインし直します。",
             "When the device shows as compliant, sign out of the app and sign in again."),
    ) + steps(
        Words("Microsoft Intune 管理センターでデバイスの準拠状態を確認します。dsregcmd に MDM の URL が表示されていても、"
             "デバイスが管理されている証拠にはなりません。",
             "Check the device's compliance in the Microsoft Intune admin center. MDM URLs in dsregcmd output do "
             "not prove that the device is managed."),
        who=STAFF)),
    self_service=True)

FIX_HYBRID_JOIN = action(
    "fix-hybrid-join", "admin", "changes-state",
    Words("Microsoft Entra ハイブリッド参加を修復する", "Fix Microsoft Entra hybrid join"),
    Body(steps(
        Words("端末の dsregcmd /status の「Diagnostic Data」で「Error Phase」と「Client ErrorCode」(0x801c001d、"
             "0x801c03f2 など) を確認します。",
             "On the device, read Error Phase and Client ErrorCode (such as 0x801c001d or 0x801c03f2) under "
             "Diagnostic Data in dsregcmd /status."),
        Words("サービス接続ポイント (SCP) の構成、コンピューター オブジェクトの同期、システム コンテキストからの接続 "
             "(プロキシを含む) を確認して直します。",
             "Check and fix the service connection point (SCP), the synchronization of the computer object, and "
             "connectivity from the system context (including the proxy)."),
        Words("イベント ビューアーの [アプリケーションとサービス ログ] > [Microsoft] > [Windows] > "
             "[User Device Registration] で、イベント 304、305、307、201、204、220 を確認します。",
             "In Event Viewer, check Applications and Services Logs > Microsoft > Windows > User Device Registration "
             "for events 304, 305, 307, 201, 204 and 220."),
        Words("原因を直したら、端末で管理者として dsregcmd /leave を実行し、再起動してサインインし直し、"
             "dsregcmd /status で参加を確認します。",
             "Once the cause is fixed, run dsregcmd /leave as administrator on the device, restart, sign in again "
             "and confirm the join with dsregcmd /status."),
        Words("ログが必要な場合は、Auth.zip (start-auth.ps1 -v -accepteula で開始し stop-auth.ps1 で停止) または "
             "https://aka.ms/icesdptool で収集します。",
             "For logs, collect Auth.zip (start with start-auth.ps1 -v -accepteula, stop with stop-auth.ps1) or use "
             "https://aka.ms/icesdptool."),
    ), (DSREGCMD_STATUS_SHOWN, DSREGCMD_LEAVE),
        request=Words(
            "この PC は社内のドメインに参加していますが、Microsoft Entra ID へのハイブリッド参加が完了していないようです "
            "(dsregcmd /status で DomainJoined : YES、AzureAdJoined : NO)。ハイブリッド参加の構成を確認していただけますか。",
            "This PC is joined to the company domain, but its Microsoft Entra hybrid join does not seem to complete "
            "(dsregcmd /status shows DomainJoined : YES, AzureAdJoined : NO). Could you check the hybrid join "
            "configuration?")))

REENABLE_DEVICE = action(
    "reenable-device", "admin", "changes-state",
    Words("無効にされたデバイスを有効にする", "Re-enable the disabled device"),
    Body(steps(
        Words("Microsoft Entra 管理センターで [ID] > [デバイス] > [すべてのデバイス] を開き、dsregcmd /status の"
             "「Device Name」または「DeviceId」でデバイスを探します。",
             "In the Microsoft Entra admin center, open Identity > Devices > All devices and find the device by the "
             "Device Name or DeviceId shown by dsregcmd /status."),
        Words("デバイスを選び、[有効にする] を選びます。", "Select the device and select Enable."),
        Words("デバイスが削除されていて一覧にない場合は、デバイスを参加または登録し直します。",
             "If the device was deleted and is not listed, join or register it again."),
        Words("その後、利用者に画面のロックと解除 (Windows + L) をしてもらい、dsregcmd /status で AzureAdPrt : YES を"
             "確認します。",
             "Then have the user lock and unlock the screen (Windows+L) and confirm AzureAdPrt : YES with "
             "dsregcmd /status."),
    ), request=Words(
        "この PC はサインイン時に、デバイスが無効または削除されていると判定されています (dsregcmd /status の "
        "DeviceAuthStatus : FAILED)。Microsoft Entra ID でこのデバイスを有効にするか、削除されている場合は登録し直して"
        "いただけますか。",
        "This PC is reported as disabled or deleted when I sign in (dsregcmd /status shows DeviceAuthStatus : "
        "FAILED). Could you enable the device in Microsoft Entra ID, or register it again if it was deleted?")))

ADD_UPN_SUFFIX_DOMAIN = action(
    "add-upn-suffix-domain", "admin", "changes-state",
    Words("UPN のドメインをカスタム ドメインとして追加する", "Add the UPN suffix as a custom domain"),
    Body(steps(
        Words("利用者の PC で whoami /upn を実行し、UPN を確認します。",
             "Run whoami /upn on the user's PC to see the UPN."),
        Words("UPN の @ より後ろのドメインが Microsoft Entra ID の確認済みカスタム ドメインにない場合 (0xc000005f) は、"
             "[ID] > [設定] > [ドメイン名] でカスタム ドメインとして追加して確認するか、代替ログイン ID (AltID) を"
             "構成します。",
             "If the domain after @ in the UPN is not a verified custom domain in Microsoft Entra ID (0xc000005f), "
             "add and verify it under Identity > Settings > Domain names, or configure Alternate Login ID (AltID)."),
        Words("UPN の形式が正しくない場合 (0xc004844c) は、UPN を直します。",
             "If the UPN is malformed (0xc004844c), correct it."),
        Words("その後、利用者に画面のロックと解除 (Windows + L) をしてもらい、dsregcmd /status で AzureAdPrt : YES を"
             "確認します。",
             "Then have the user lock and unlock the screen (Windows+L) and confirm AzureAdPrt : YES with "
             "dsregcmd /status."),
    ), (Cmd("cmd", "whoami /upn"),),
        request=Words(
            "この PC で Windows のシングル サインオン用のトークン (PRT) を取得できません。サインインに使っている UPN の"
            "ドメインが Microsoft Entra ID に登録されていない (0xc000005f)、または UPN の形式に問題がある可能性があります。"
            "ドメインの追加または UPN の確認をお願いできますか。",
            "This PC cannot get the token Windows uses for single sign-on (PRT). The domain of the UPN I sign in "
            "with may not be registered in Microsoft Entra ID (0xc000005f), or the UPN may be malformed. Could you "
            "add the domain or check the UPN?")))

ACTIONS = (ADD_WORK_ACCOUNT, REFRESH_PRT, SYNC_CLOCK, REREGISTER_BROKER_PLUGIN, JOIN_OR_REGISTER_DEVICE,
           MAKE_DEVICE_COMPLIANT, FIX_HYBRID_JOIN, REENABLE_DEVICE, ADD_UPN_SUFFIX_DOMAIN)
"""The actions of this module, in registry order."""
