"""Actions of the support conversation itself: explaining, collecting evidence, escalating.

Facts: reference/domain.md, causes hybrid-join-incomplete (logs),
proxy-or-inspection-interference (network trace), teams-cache-corrupt (Teams
logs) and the by-design KMSI causes.
"""

from __future__ import annotations

from guide.engine.actions.catalog.common import DSREGCMD_STATUS
from guide.engine.actions.spec import STAFF, Body, Cmd, action, steps
from guide.engine.words import Words

EXPLAIN_BY_DESIGN = action(
    "explain-by-design", "user", "read-only",
    Words("仕様どおりの動作であることを説明する", "Explain that this is by design"),
    Body(steps(
        Words("この動作は、Microsoft がこの状況のために設計したとおりのもので、PC やアカウントの故障ではありません。",
             "This is how Microsoft designed sign-in to behave in this situation; nothing is wrong with the PC or "
             "the account."),
        Words("理由は、このガイドの説明のとおりです。業務に支障がある場合は、組織の設定で変えられるかどうかを IT 部門に"
             "相談できます。",
             "The reason is in this guide's explanation. If it gets in the way of your work, you can ask your IT "
             "department whether an organization setting can change it."),
    )))

COLLECT_DIAGNOSTICS = action(
    "collect-diagnostics", "agent", "read-only",
    Words("診断情報を集める", "Collect diagnostic information"),
    Body(steps(
        Words("エラー画面に表示されたエラーコード、発生した日時、相関 ID (Correlation ID) を控えます。",
             "Note the error code on the error screen, the time it happened and the correlation ID."),
        Words("コマンド プロンプトを、管理者としてではなく、サインインしている本人として開き、下の 2 つのコマンドを実行して、"
             "それぞれの出力をテキスト ファイルに保存します。",
             "Open Command Prompt as yourself (not as administrator), run the two commands below and save each "
             "output to a text file."),
        Words("出力にはユーザー名などの個人情報が含まれます。送る相手はサポート担当者だけにします。",
             "The output contains personal data such as user names; send it only to your support contact."),
    ) + steps(
        Words("Teams のログが必要な場合は、Windows では Ctrl + Shift + Alt + 1 キーで保存します。",
             "For Teams logs on Windows, press Ctrl+Shift+Alt+1."),
        Words("ハイブリッド参加や PRT の問題では、Auth.zip (start-auth.ps1 -v -accepteula で開始し、再現後に "
             "stop-auth.ps1 で停止) または https://aka.ms/icesdptool でログを集めます。",
             "For hybrid join and PRT problems, collect Auth.zip (start with start-auth.ps1 -v -accepteula, reproduce, "
             "stop with stop-auth.ps1) or use https://aka.ms/icesdptool."),
        Words("ネットワークの問題では、管理者として下の netsh trace start を実行し、画面のロックと解除 (Windows + L) を"
             "してから netsh trace stop を実行します。その間は Fiddler を使わないでください。",
             "For network problems, run netsh trace start below as administrator, lock and unlock the screen "
             "(Windows+L), then run netsh trace stop. Do not run Fiddler meanwhile."),
        who=STAFF),
        (DSREGCMD_STATUS,
         Cmd("cmd", "cmdkey /list", argv=("cmdkey", "/list")),
         Cmd("cmd", "netsh trace start scenario=internetClient_dbg capture=yes persistent=yes", who=STAFF,
             label=Words("管理者として実行", "Run as administrator")),
         Cmd("cmd", "netsh trace stop", who=STAFF, label=Words("管理者として実行", "Run as administrator")))),
    self_service=True)

ESCALATE_TO_ADMIN = action(
    "escalate-to-admin", "agent", "read-only",
    Words("管理者に引き継ぐ", "Escalate to an administrator"),
    Body(steps(
        Words("利用者、発生した日時、使ったアプリ、エラーコード、相関 ID、試した対処とその結果を記録します。",
             "Record the user, the time, the app, the error code, the correlation ID, and what was tried with what "
             "result."),
        Words("集めた証拠 (dsregcmd /status の出力など) をチケットに添付し、このガイドのチケット用メモを貼り付けます。",
             "Attach the evidence collected (such as the dsregcmd /status output) to the ticket and paste this "
             "guide's ticket note."),
        Words("管理者にしか変更できない設定 (条件付きアクセス、デバイス、AD FS、テナントの設定) が関係する場合は、"
             "その設定の名前を書き添えます。",
             "If a setting only an administrator can change is involved (Conditional Access, devices, AD FS, tenant "
             "settings), name it."),
    ), request=Words(
        "Teams または Office へのサインインに問題があり、自分でできる対処では解決しませんでした。調査をお願いできますか。",
        "I have a problem signing in to Teams or Office that the steps I can take myself did not solve. Could you "
        "look into it?"),
        user_steps=steps(Words(
            "エラー画面に表示されたエラーコードと相関 ID (Correlation ID) を控えます。画面を撮影してもかまいません。",
            "Note the error code and the correlation ID on the error screen; a screenshot is fine."))),
    self_service=False)

ACTIONS = (EXPLAIN_BY_DESIGN, COLLECT_DIAGNOSTICS, ESCALATE_TO_ADMIN)
"""The actions of this module, in registry order."""
