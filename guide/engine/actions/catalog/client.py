"""Actions on the user's own apps, browser and saved credentials.

Facts: reference/domain.md, causes stale-windows-credential,
multiple-accounts-on-device, teams-cache-corrupt, browser-cookies-blocked,
client-outdated, device-join-required, ip-location-mismatch and
tenant-switch-failure.
"""

from __future__ import annotations

from guide.engine.actions.catalog.common import (
    ACCESS_WORK_OR_SCHOOL,
    QUIT_APPS,
    QUIT_TEAMS_MAC,
    QUIT_TEAMS_WINDOWS,
    SIGN_IN_AGAIN,
)
from guide.engine.actions.params import CLIENT, TARGET
from guide.engine.actions.spec import (
    EMPTY_TEXT,
    STAFF,
    Body,
    Cmd,
    Step,
    Values,
    action,
    steps,
)
from guide.engine.words import Words

SIGN_OUT_AND_IN = action(
    "sign-out-and-in", "user", "changes-state",
    Words("サインアウトしてからサインインし直す", "Sign out and sign in again"),
    Body(steps(
        Words("Teams の右上にあるプロフィール画像を選び、[サインアウト] を選びます。"
             "エラー画面にサインアウトのボタンがある場合は、そのボタンを選んでもかまいません。",
             "In Teams, select your profile picture at the top right, then select Sign out. "
             "If the error screen offers a sign-out button, you can use that instead."),
        Words("VPN など特定のネットワークが必要な場合は、Teams を起動する前に接続しておきます。"
             "使っている途中でネットワークを切り替えないでください。",
             "If you need a particular network such as a VPN, connect to it before you start Teams, "
             "and do not switch networks while you use it."),
        Words("Teams を起動し、職場または学校のアカウントでサインインします。"
             "サインインの画面が表示されるまで 1、2 分かかることがあります。",
             "Start Teams and sign in with your work or school account. "
             "The sign-in window can take a minute or two to appear."),
        Words("ゲストとして参加している別の組織に切り替えられない場合は、"
             "その組織から招待されたアカウントでサインインしているかを確認します。",
             "If you cannot switch to another organization where you are a guest, "
             "check that you signed in with the account that organization invited."),
    )))

RESTART_APP = action(
    "restart-app", "user", "changes-state",
    Words("アプリを完全に終了して起動し直す", "Quit the app completely and start it again"),
    Body(steps(
        Words("Windows の場合: ", "On Windows: ") + QUIT_TEAMS_WINDOWS,
        Words("Mac の場合: ", "On a Mac: ") + QUIT_TEAMS_MAC,
        Words("Outlook や Word など、ほかの Office アプリも終了します。",
             "Quit the other Office apps, such as Outlook and Word, too."),
        Words("Teams を起動し直してサインインします。直らない場合は PC を再起動します。",
             "Start Teams again and sign in. If that does not help, restart the computer."),
    )))

UPDATE_TEAMS = action(
    "update-teams", "user", "changes-state",
    Words("Teams を最新の状態に更新する", "Update Teams"),
    Body(steps(
        Words("Teams の右上にある [設定など] (...) またはプロフィール画像を選び、[更新プログラムを確認] を選びます。",
             "In Teams, select Settings and more (...) or your profile picture at the top right, "
             "then select Check for updates."),
        Words("更新が見つかった場合は、案内に従って Teams を再起動します。",
             "If an update is found, restart Teams when it asks you to."),
        Words("まだ従来の Teams (classic Teams) を使っている場合は、新しい Teams に移行できるかを IT 部門に確認します。",
             "If you still use classic Teams, ask your IT department about moving to the new Teams."),
    )))

_LEGACY_PREFIX = "LegacyGeneric:target="

_CREDENTIAL_ORDER = Words(
    "項目は 1 つずつ、次の順番で削除します。まず「SSO_POP_User:user=」で始まる項目を削除してサインインし直し、"
    "それでも直らない場合にだけ「MicrosoftAccount:user=」で始まる同じアカウントの項目を削除します。"
    "MicrosoftAccount の項目は Windows に追加したアカウントのものである場合があり、"
    "削除すると Windows からもう一度サインインを求められることがあるためです。",
    "Delete one entry at a time, in this order: first the entry starting with SSO_POP_User:user=, then sign in "
    "again; only if the problem remains, delete the entry starting with MicrosoftAccount:user= for the same "
    "account. The MicrosoftAccount entry may belong to an account added to Windows, and deleting it can make "
    "Windows ask you to sign in again.")


def _delete_credential(values: Values) -> Body:
    """Steps and commands for one credential target (or for finding one first)."""
    target = values.get("target")
    find = () if target else steps(Words(
        "コマンド プロンプトで cmdkey /list を実行し、「SSO_POP_User」、「MicrosoftAccount:user=」、"
        "「MicrosoftOffice16_Data」(または MicrosoftOffice15_Data など) を含む対象名を探します。"
        "下のコマンドの {{target}} を、その対象名に置き換えます。",
        "In Command Prompt, run cmdkey /list and look for targets containing SSO_POP_User, "
        "MicrosoftAccount:user= or MicrosoftOffice16_Data (or another MicrosoftOffice1x_Data). "
        "Replace {{target}} in the command below with that target."))
    legacy = target is None or target.startswith(_LEGACY_PREFIX)
    fallback = steps(Words(
        "「LegacyGeneric:target=」で始まる項目で cmdkey が「要素が見つかりません」と表示した場合は、"
        "「target=」より後ろの部分だけを指定してもう一度実行します。この形式の正しい指定方法は "
        "Microsoft の文書では確認できていません。",
        "For an entry starting with LegacyGeneric:target=, if cmdkey reports \"Element not found\", run it again "
        "with only the part after \"target=\". Microsoft's documentation does not confirm which form is correct "
        "for these entries.")) if legacy else ()
    commands = (() if target else (Cmd("cmd", "cmdkey /list"),)) + (
        Cmd("cmd", "cmdkey /delete:{{target}}", argv=("cmdkey", "/delete:{{target}}")),)
    if target and target.startswith(_LEGACY_PREFIX):
        commands += (Cmd("cmd", "cmdkey /delete:" + target[len(_LEGACY_PREFIX):],
                         label=Words("上のコマンドで見つからない場合", "If the command above finds nothing")),)
    return Body(steps(QUIT_APPS) + find + steps(
        _CREDENTIAL_ORDER,
        Words("画面で行う場合: [コントロール パネル] > [ユーザー アカウント] > [資格情報マネージャー] > "
             "[Windows 資格情報] を開き、[汎用資格情報] の一覧で「{{target}}」を展開して [削除] を選びます。",
             "On screen: open Control Panel > User Accounts > Credential Manager > Windows Credentials, "
             "expand \"{{target}}\" under Generic Credentials and select Remove."),
        Words("コマンドで行う場合: コマンド プロンプトを管理者としてではなく本人として開き、下のコマンドを実行します。",
             "With a command: open Command Prompt as yourself (not as administrator) and run the command below."),
    ) + fallback + steps(
        Words("資格情報をすべて削除しないでください。Office、Teams、SSO_POP に関係する項目だけを削除します。",
             "Do not delete all credentials: delete only the entries for Office, Teams and SSO_POP."),
        SIGN_IN_AGAIN,
    ), commands)


DELETE_WINDOWS_CREDENTIAL = action(
    "delete-windows-credential", "user", "changes-state",
    Words("Windows の資格情報から古いサインイン情報を削除する",
         "Delete a stale sign-in entry from Windows Credential Manager"),
    _delete_credential, params=(TARGET,))

USE_ONE_ACCOUNT = action(
    "use-one-account", "user", "changes-state",
    Words("すべてのアプリで同じ職場アカウントを使う", "Use one work account in every app"),
    Body(steps(
        Words("Word などの Office アプリで [ファイル] > [アカウント] を開き、[ユーザー情報] のアカウントを確認します。",
             "In an Office app such as Word, open File > Account and check the account under User Information."),
        Words("Teams の右上のプロフィール画像を選び、Teams でサインインしているアカウントを確認します。",
             "In Teams, select your profile picture at the top right and check which account is signed in."),
        Words("アカウントが違う場合は、そのアプリでサインアウトし、ふだん使う職場または学校のアカウントでサインインし直します。",
             "If they differ, sign out of that app and sign in again with the work or school account you "
             "normally use."),
        Words("", "Open ") + ACCESS_WORK_OR_SCHOOL + Words(
            " を開き、使っていない職場アカウントがあれば選んで [切断] を選びます。ただし、PC を組織に参加させている"
            "アカウントは切断しないでください。どれか分からない場合は IT 部門に確認します。",
            ". If a work account is listed that you do not use, select it and select Disconnect. Do not disconnect "
            "the account that joins the PC to your organization; if you are not sure which one that is, ask your "
            "IT department."),
    ) + steps(
        Words("サポート担当者向け: Microsoft のスクリプト signoutofwamaccounts.ps1 と WPJCleanUp で WAM のアカウントと"
             "ワークプレース登録を削除できます。レジストリ値 BlockAADWorkplaceJoin を設定すると自動登録を止められます。",
             "For support staff: Microsoft's scripts signoutofwamaccounts.ps1 and WPJCleanUp remove WAM accounts and "
             "workplace registrations; the registry value BlockAADWorkplaceJoin stops automatic registration."),
        who=STAFF)))


_TEAMS_CLIENTS: dict[str, tuple[Words, Words, Words, tuple[str, ...]]] = {
    # client: (label, how to quit, how to clear, shell lines)
    "classic-windows": (
        Words("従来の Teams (Windows)", "Classic Teams (Windows)"), QUIT_TEAMS_WINDOWS,
        Words("エクスプローラーのアドレス バーに %appdata%\\Microsoft\\Teams と入力して開き、フォルダーの中身をすべて削除します "
             "(下の PowerShell のコマンドでも同じことができます)。",
             "Type %appdata%\\Microsoft\\Teams in the File Explorer address bar, open it and delete everything in "
             "the folder (the PowerShell command below does the same)."),
        ('Remove-Item -Path "$env:APPDATA\\Microsoft\\Teams\\*" -Recurse -Force',)),
    "new-windows": (
        Words("新しい Teams (Windows)", "New Teams (Windows)"), QUIT_TEAMS_WINDOWS,
        Words("[設定] > [アプリ] > [インストールされているアプリ] で Microsoft Teams の [...] から [詳細オプション] を選び、"
             "[リセット] を選びます。または、%userprofile%\\appdata\\local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache"
             "\\Microsoft\\MSTeams フォルダーを削除します (下の PowerShell のコマンド)。",
             "Open Settings > Apps > Installed apps, select ... next to Microsoft Teams, then Advanced options, and "
             "select Reset. Or delete the folder %userprofile%\\appdata\\local\\Packages\\MSTeams_8wekyb3d8bbwe"
             "\\LocalCache\\Microsoft\\MSTeams (the PowerShell command below)."),
        ('Remove-Item -Path "$env:USERPROFILE\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache'
         '\\Microsoft\\MSTeams" -Recurse -Force',)),
    "classic-macos": (
        Words("従来の Teams (macOS)", "Classic Teams (macOS)"), QUIT_TEAMS_MAC,
        Words("ターミナルを開き、下のコマンドを実行します。",
             "Open Terminal and run the command below."),
        ("rm -r ~/Library/Application\\ Support/Microsoft/Teams",)),
    "new-macos": (
        Words("新しい Teams (macOS)", "New Teams (macOS)"), QUIT_TEAMS_MAC,
        Words("ターミナルを開き、下の 2 つのコマンドを実行します (Group Containers の空白を含むパスは引用符で囲んであります)。",
             "Open Terminal and run the two commands below (the path with the space in Group Containers is quoted)."),
        ('rm -rf "$HOME/Library/Group Containers/UBF8T346G9.com.microsoft.teams"',
         "rm -rf ~/Library/Containers/com.microsoft.teams2")),
}


def _clear_cache(values: Values) -> Body:
    """Steps for the chosen Teams client, or for each client when it is not known."""
    chosen = values.get("client")
    clients = (chosen,) if chosen else tuple(_TEAMS_CLIENTS)
    before = steps(Words(
        "キャッシュのクリアはサインインの問題のためのものです。チャットやチャネルの問題には効果がなく、ログも消えます。",
        "Clearing the cache is for sign-in problems. It does not help with chat or channel problems, "
        "and it deletes the logs.")) + steps(Words(
            "ログが必要な場合は先に保存します (Windows では Ctrl + Shift + Alt + 1 キー、従来の Teams のログは "
            "%appdata%\\Microsoft\\Teams\\logs.txt)。",
            "If you need the logs, save them first (on Windows press Ctrl+Shift+Alt+1; classic Teams keeps "
            "%appdata%\\Microsoft\\Teams\\logs.txt)."), who=STAFF)
    if not chosen:
        before += steps(Words("使っている Teams に合わせて、該当する手順だけを行います。"
                             "どれか分からない場合は IT 部門に確認します。",
                             "Follow only the steps for the Teams you use. If you are not sure which one it is, "
                             "ask your IT department."))
    body_steps: tuple[Step, ...] = ()
    commands: tuple[Cmd, ...] = ()
    for client in clients:
        label, quit_text, clear_text, lines = _TEAMS_CLIENTS[client]
        prefix = EMPTY_TEXT if chosen else label + Words(": ", ": ")
        body_steps += steps(prefix + quit_text, prefix + clear_text)
        shell = "sh" if client.endswith("macos") else "powershell"
        commands += tuple(Cmd(shell, line, label=label) for line in lines)
    after = steps(SIGN_IN_AGAIN, Words(
        "直らない場合は Teams をアンインストールし、Windows では %appdata%\\Microsoft\\Teams も削除してから、"
        "もう一度インストールします。",
        "If that does not help, uninstall Teams (on Windows also delete %appdata%\\Microsoft\\Teams) "
        "and install it again."))
    return Body(before + body_steps + after, commands)


CLEAR_TEAMS_CACHE = action(
    "clear-teams-cache", "user", "changes-state",
    Words("Teams のキャッシュをクリアする", "Clear the Teams cache"),
    _clear_cache, params=(CLIENT,))

_COOKIE_SITES = ("[*.]microsoft.com、[*.]microsoftonline.com、[*.]teams.skype.com、[*.]teams.microsoft.com、"
                 "[*.]sfbassets.com、[*.]skypeforbusiness.com")

ALLOW_BROWSER_COOKIES = action(
    "allow-browser-cookies", "user", "changes-state",
    Words("ブラウザーで Microsoft のサイトの Cookie を許可する", "Allow cookies for Microsoft's sites in the browser"),
    Body(steps(
        Words("InPrivate ウィンドウやシークレット ウィンドウではなく、通常のウィンドウでサインインします。",
             "Sign in in a normal browser window, not an InPrivate or incognito window."),
        Words("ブラウザーの Cookie の設定で、サードパーティの Cookie を許可するか、次のサイトを許可の一覧に追加します: "
             + _COOKIE_SITES,
             "In the browser's cookie settings, allow third-party cookies, or add these sites to the allowed list: "
             + _COOKIE_SITES.replace("、", ", ")),
        Words("Microsoft Edge の場合: [設定] > [Cookie とサイトのアクセス許可] > [Cookie とサイト データの管理と削除] の"
             "[許可] で [追加] を選び、上のサイトを 1 つずつ追加します。",
             "In Microsoft Edge: Settings > Cookies and site permissions > Manage and delete cookies and site data; "
             "under Allow, select Add and add each site above."),
        Words("ブラウザーを閉じるときに Cookie を削除する設定になっている場合は、オフにするか上のサイトを対象から外します。"
             "Cookie が残らないと、「サインインの状態を維持しますか?」で [はい] を選んでもサインイン状態が保たれない"
             "ことがあります。",
             "If the browser deletes cookies when it closes, turn that off or exempt the sites above. Without kept "
             "cookies, the sign-in may not be kept even if you answer Yes to \"Stay signed in?\"."),
        Words("ブラウザーを再起動し、もう一度サインインします。", "Restart the browser and sign in again."),
    )))

USE_SUPPORTED_BROWSER = action(
    "use-supported-browser", "user", "changes-state",
    Words("デバイスのシングル サインオンに対応したブラウザーを使う",
         "Use a browser that supports device single sign-on"),
    Body(steps(
        Words("Microsoft Edge を使います。Edge は Windows のサインイン情報をそのまま使えます。",
             "Use Microsoft Edge: it uses your Windows sign-in directly."),
        Words("Google Chrome を使う場合は、Microsoft の拡張機能「Windows Accounts」(以前の名前は Windows 10 Accounts) "
             "を追加します。",
             "In Google Chrome, add Microsoft's \"Windows Accounts\" extension (formerly Windows 10 Accounts)."),
        Words("Firefox を使う場合は、バージョン 91 以降で [設定] > [プライバシーとセキュリティ] にある Windows の"
             "シングル サインオンの設定をオンにします。",
             "In Firefox 91 or later, turn on Windows single sign-on under Settings > Privacy & Security."),
        Words("InPrivate ウィンドウやシークレット ウィンドウは、デバイスのサインイン情報を送らないため使わないでください。",
             "Do not use InPrivate or incognito windows: they do not send the device's sign-in."),
    )))

ACTIONS = (SIGN_OUT_AND_IN, RESTART_APP, UPDATE_TEAMS, DELETE_WINDOWS_CREDENTIAL, USE_ONE_ACCOUNT,
           CLEAR_TEAMS_CACHE, ALLOW_BROWSER_COOKIES, USE_SUPPORTED_BROWSER)
"""The actions of this module, in registry order."""
