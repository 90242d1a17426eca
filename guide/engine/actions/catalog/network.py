"""Actions on the network path: the VPN, proxies and inspection, reachability.

Facts: reference/domain.md, causes vpn-interference, ip-location-mismatch,
proxy-or-inspection-interference and network-unreachable.
"""

from __future__ import annotations

from guide.engine.actions.catalog.common import SIGN_IN_AGAIN
from guide.engine.actions.spec import STAFF, Body, Cmd, action, steps
from guide.engine.words import Words

DISCONNECT_VPN = action(
    "disconnect-vpn", "user", "changes-state",
    Words("VPN を切断してから試す", "Disconnect the VPN and try again"),
    Body(steps(
        Words("組織の規則で VPN を切断してよい場合にだけ、VPN を切断します。",
             "Disconnect the VPN, but only if your organization allows it."),
        Words("Teams を完全に終了してから起動し直し、サインインします。",
             "Quit Teams completely, start it again and sign in."),
        Words("VPN を切断すると直る場合は、そのことを IT 部門に伝えてください。VPN の設定で解決できることがあります。",
             "If disconnecting fixes it, tell your IT department: a change to the VPN settings may solve it."),
        Words("組織が場所によるアクセス制限で VPN への接続を求めている場合は、切断するとサインインがブロックされます。"
             "その場合は切断せずに IT 部門に相談します。",
             "If your organization requires the VPN for access (a location-based rule), disconnecting blocks sign-in; "
             "in that case stay connected and contact your IT department."),
    )))

CONFIGURE_VPN_SPLIT_TUNNEL = action(
    "configure-vpn-split-tunnel", "admin", "changes-state",
    Words("VPN のスプリット トンネルを構成する", "Configure VPN split tunneling"),
    Body(steps(
        Words("Microsoft 365 の URL と IP アドレス範囲のうち「最適化」(Optimize) カテゴリの宛先 (Exchange Online、"
             "SharePoint と OneDrive、Teams のメディア) を、VPN トンネルの対象から外します。",
             "Send the Microsoft 365 endpoints in the Optimize category (Exchange Online, SharePoint and OneDrive, "
             "Teams media) outside the VPN tunnel."),
        Words("除外は FQDN ではなく IP アドレスの規則で設定します。",
             "Write the exclusions as IP address rules, not FQDN rules."),
        Words("Teams の通信 (TCP 80/443、UDP 3478-3481) が VPN を通らないようにします。Microsoft は Teams のメディアを "
             "VPN 経由にしないことを強く推奨しています。",
             "Let Teams traffic (TCP 80/443, UDP 3478-3481) bypass the VPN; Microsoft strongly recommends not sending "
             "Teams media over a VPN."),
        Words("場所に基づく条件付きアクセスを使っている場合は、Microsoft Entra ID とアクセス先のサービスから見える送信元 "
             "IP アドレスが一致するように、インターネットへの出口またはネームド ロケーションを見直します。",
             "If you use location-based Conditional Access, align internet egress or the named locations so that "
             "Microsoft Entra ID and the resource see the same source IP address."),
    ), request=Words(
        "VPN に接続している間だけ Teams のサインインに失敗し (組織の切り替え時も含みます)、VPN を切断すると直ります。"
        "Microsoft が推奨する VPN のスプリット トンネル (Microsoft 365 の「最適化」カテゴリと Teams の通信を VPN の外に"
        "出す構成) をご検討いただけますか。",
        "Teams sign-in fails only while I am connected to the VPN (including when I switch organizations), and works "
        "when I disconnect. Could you consider the split tunnel Microsoft recommends, which sends the Microsoft 365 "
        "Optimize endpoints and Teams traffic outside the VPN?"),
        user_steps=steps(Words(
            "設定が変わるまでは、組織の規則で許されていれば、VPN を切断することで回避できる場合があります。",
            "Until the setting changes, disconnecting the VPN may work around it, if your organization allows that."))))

CHECK_NETWORK = action(
    "check-network", "agent", "read-only",
    Words("ネットワーク接続を確認する", "Check the network connection"),
    Body(steps(
        Words("ほかの Web サイトが開けるか、別のネットワーク (自宅の Wi-Fi など) では直るかを確認します。",
             "Check that other websites open, and whether it works on a different network (such as home Wi-Fi)."),
        Words("Fiddler など通信を監視するツールが動いている場合は終了し、Teams を起動し直します。",
             "If a traffic inspection tool such as Fiddler is running, quit it and restart Teams."),
        SIGN_IN_AGAIN,
    ) + steps(
        Words("下のコマンドで、login.microsoftonline.com への HTTPS 接続と、システム コンテキストのプロキシ設定 "
             "(WinHTTP) を確認します。PRT の取得とデバイスの参加には、システム コンテキストでプロキシが使える必要が"
             "あります。",
             "With the commands below, test HTTPS to login.microsoftonline.com and read the system-context proxy "
             "setting (WinHTTP). Getting a PRT and joining the device need a proxy that works in the system context."),
        Words("プロキシ、ファイアウォール、ウイルス対策ソフトで、C:\\Windows\\SystemApps\\Microsoft.AAD.BrokerPlugin_"
             "cw5n1h2txyewy\\Microsoft.AAD.BrokerPlugin.exe と C:\\Windows\\System32\\backgroundTaskHost.exe の通信を"
             "許可します。",
             "Allow C:\\Windows\\SystemApps\\Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy\\Microsoft.AAD.BrokerPlugin.exe "
             "and C:\\Windows\\System32\\backgroundTaskHost.exe through the proxy, the firewall and antivirus."),
        Words("Microsoft 365 の URL と IP アドレス範囲への接続は、ネットワーク評価ツール "
             "(https://www.microsoft.com/download/details.aspx?id=53885) で確認できます。",
             "The network assessment tool (https://www.microsoft.com/download/details.aspx?id=53885) checks "
             "connectivity to the Microsoft 365 URLs and IP address ranges."),
        Words("Microsoft 365 の管理者は https://aka.ms/TeamsSignInDiag (Gov、21Vianet、Germany を除く) または "
             "https://testconnectivity.microsoft.com/tests/TeamsSignin/input (GCC、GCC High を除く) でサインインを"
             "診断できます。",
             "A Microsoft 365 administrator can diagnose the sign-in with https://aka.ms/TeamsSignInDiag (not for "
             "Gov, 21Vianet or Germany) or https://testconnectivity.microsoft.com/tests/TeamsSignin/input (not for "
             "GCC or GCC High)."),
        who=STAFF),
        (Cmd("powershell", "Test-NetConnection login.microsoftonline.com -Port 443", who=STAFF),
         Cmd("cmd", "netsh winhttp show proxy", who=STAFF))),
    self_service=True)

ACTIONS = (DISCONNECT_VPN, CONFIGURE_VPN_SPLIT_TUNNEL, CHECK_NETWORK)
"""The actions of this module, in registry order."""
