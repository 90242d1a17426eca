"""Words and commands several actions share, written once.

Japanese follows Microsoft's Japanese UI labels in brackets (``[設定] >
[アカウント]``); English uses the English labels. Menu paths use an ASCII
``>``, and no text uses East Asian ambiguous-width characters.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from guide.engine.actions.spec import Cmd, Values
from guide.engine.words import Words

QUIT_TEAMS_WINDOWS = Words(
    "タスク バーの通知領域にある Teams のアイコンを右クリックし、[終了] を選びます。"
    "ウィンドウを閉じるだけでは Teams は終了しません。",
    "Right-click the Teams icon in the notification area of the taskbar and select Quit. "
    "Closing the window does not quit Teams.")

QUIT_TEAMS_MAC = Words(
    "Teams のウィンドウを前面にして Command + Q キーを押し、Teams を終了します。",
    "Bring the Teams window to the front and press Command+Q to quit Teams.")

QUIT_APPS = Words(
    "Teams と、Outlook や Word などの Office アプリをすべて終了します。",
    "Quit Teams and every Office app, such as Outlook and Word.")

SIGN_IN_AGAIN = Words(
    "Teams を起動し、職場または学校のアカウントでサインインし直します。",
    "Start Teams and sign in again with your work or school account.")

LOCK_UNLOCK = Words(
    "Windows + L キーを押して画面をロックし、ふだんどおりにサインインしてロックを解除します。",
    "Press Windows+L to lock the screen, then unlock it by signing in as usual.")

OPEN_CMD_AS_SELF = Words(
    "コマンド プロンプトを、管理者としてではなく、サインインしている本人として開き、下のコマンドを実行します。",
    "Open Command Prompt as yourself (not as administrator) and run the command below.")

ACCESS_WORK_OR_SCHOOL = Words(
    "[設定] > [アカウント] > [職場または学校にアクセスする]",
    "Settings > Accounts > Access work or school")

CA_POLICIES = Words(
    "Microsoft Entra 管理センターで [保護] > [条件付きアクセス] > [ポリシー] を開き、",
    "In the Microsoft Entra admin center, open Protection > Conditional Access > Policies and ")

DSREGCMD_STATUS = Cmd("cmd", "dsregcmd /status", argv=("dsregcmd", "/status"))
"""Read-only, and meaningful only as the signed-in, non-elevated user: runnable."""

DSREGCMD_STATUS_SHOWN = Cmd("cmd", "dsregcmd /status")
"""The same command, shown to copy (where running it is not the point of the action)."""

DSREGCMD_LEAVE = Cmd("cmd", "dsregcmd /leave", label=Words(
    "ハイブリッド参加のみ、管理者として実行", "Hybrid join only; run as administrator"))

GRAPH_READ_POLICIES = "Connect-MgGraph -Scopes Policy.Read.All"


def policy_query(pipeline: str) -> Cmd:
    """Microsoft Graph PowerShell that finds the ``{{policy}}`` policy by display name and pipes it on.

    The name is compared with ``-eq`` (no wildcards) inside single quotes; a
    validated policy name holds no quote, so it cannot end the string.
    """
    return Cmd("powershell", GRAPH_READ_POLICIES + "\n"
               "Get-MgIdentityConditionalAccessPolicy -All | Where-Object DisplayName -eq '{{policy}}' | " + pipeline)



def either(values: Values, name: str, given: Words, missing: Words) -> Words:
    """`given` (which names ``{{name}}``) when the value is known, else `missing`."""
    return given if values.get(name) else missing


ACCOUNT_SLOTS = MappingProxyType({
    "account": (Words("アカウント ({{user}}) ", "my account ({{user}})"), Words("私のアカウント", "my account")),
    "guest": (Words("ゲスト ユーザー ({{user}}) ", "the guest user ({{user}})"), Words("ゲスト ユーザー", "a guest user")),
})
"""Slot -> (the phrase naming the ``{{user}}`` parameter, the phrase when it is not known).

A Japanese phrase that ends in the UPN in brackets ends in a space, so the
particle after it (に, の, が) reads as it does after 「私のアカウント」.
"""


def for_account(values: Values, request: Words) -> Words:
    """`request` with its account slots filled: the account's UPN when given, "my account" otherwise.

    Slots are ``{account}`` and ``{guest}`` (`ACCOUNT_SLOTS`); a capital
    first letter (``{Account}``) starts an English sentence. An unknown slot
    raises KeyError when the request is rendered (tests/test_requests_to_it.py
    renders every request).
    """
    given = bool(values.get("user"))

    def fill(text: str, lang: str) -> str:
        def phrase(match: re.Match) -> str:
            slot = match.group(1)
            named, unnamed = ACCOUNT_SLOTS[slot.lower()]
            words = (named if given else unnamed).get(lang)
            return words[:1].upper() + words[1:] if slot[0].isupper() else words
        return _SLOT.sub(phrase, text)

    return Words(fill(request.ja, "ja"), fill(request.en, "en"))


_SLOT = re.compile(r"(?<!\{)\{([A-Za-z]+)\}(?!\})")
"""``{slot}`` but not a ``{{parameter}}`` marker."""
