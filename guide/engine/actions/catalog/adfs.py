"""Actions on AD FS: the psso claim rule for "Stay signed in?", and forms authentication.

Facts: reference/domain.md, causes kmsi-federated-iwa,
kmsi-by-design-external-forms and adfs-forms-auth-disabled. Claim types are
the ``http://`` ones of the original Japanese article [A]; AD FS compares claim
types literally, so the script refuses to add a rule beside an existing
``https://`` psso rule and asks for a review instead.
"""

from __future__ import annotations

from guide.engine.actions.params import GROUP_SID, VARIANT
from guide.engine.actions.spec import STAFF, Body, Cmd, Values, action, steps
from guide.engine.words import Words

PSSO = "http://schemas.microsoft.com/2014/03/psso"
INSIDE = "http://schemas.microsoft.com/ws/2012/01/insidecorporatenetwork"
GROUPSID = "http://schemas.microsoft.com/ws/2008/06/identity/claims/groupsid"
PROXY = "http://schemas.microsoft.com/2012/01/requestcontext/claims/x-ms-proxy"
TRUST = "urn:federation:MicrosoftOnline"
RULE_NAME = "Keep Users Signed In"
_ISSUE = f'=> issue(Type = "{PSSO}", Value = "true");'
_INSIDE_TRUE = f'[Type == "{INSIDE}", Value == "true"]'

RULES: dict[str, tuple[str, ...]] = {
    "intranet": (f"c:{_INSIDE_TRUE}", _ISSUE),
    "intranet-group": (f"c1:{_INSIDE_TRUE}",
                       f'&& c2:[Type == "{GROUPSID}", Value == "{{{{group_sid}}}}"]', _ISSUE),
    "x-ms-proxy": (f'NOT exists([Type == "{PROXY}"])', _ISSUE),
    "pass-through": (f'c:[Type == "{PSSO}"] => issue(claim = c);',),
}
"""Variant → the claim rule's lines, as the AD FS custom rule editor takes them."""

_ABOUT: dict[str, Words] = {
    "intranet": Words(
        "この規則は Windows Server 2012 R2 以降の AD FS 用で、社内ネットワークからのサインインすべてに適用されます。",
        "This rule is for AD FS on Windows Server 2012 R2 or later and covers every sign-in from inside the "
        "corporate network."),
    "intranet-group": Words(
        "この規則は Windows Server 2012 R2 以降の AD FS 用で、社内ネットワークからサインインする特定のグループの"
        "メンバーにだけ適用されます。グループの SID は [Active Directory ユーザーとコンピューター] または Get-ADGroup "
        "で確認し、スクリプトの $groupSid に設定します。",
        "This rule is for AD FS on Windows Server 2012 R2 or later and covers only members of one group signing in "
        "from inside the corporate network. Find the group's SID in Active Directory Users and Computers or with "
        "Get-ADGroup, and set it as $groupSid in the script."),
    "x-ms-proxy": Words(
        "この規則は Windows Server 2008 R2 または 2012 の AD FS 用で、プロキシを経由しないサインインに適用されます。"
        "Windows Server 2008 R2 では、AD FS 2.0 の更新プログラム ロールアップ 3 (KB2790338) を適用して再起動して"
        "おく必要があります。",
        "This rule is for AD FS on Windows Server 2008 R2 or 2012 and covers sign-ins that do not come through the "
        "proxy. Windows Server 2008 R2 needs AD FS 2.0 Update Rollup 3 (KB2790338) and a restart first."),
    "pass-through": Words(
        "この規則は、Microsoft の AD FS と Microsoft Entra 多要素認証の構成で、社内ネットワークの要求 "
        "(Inside Corporate Network) を通す規則のあとに追加し、psso の要求をそのまま通します。",
        "This rule belongs to Microsoft's AD FS and Microsoft Entra multifactor authentication setup: added after "
        "its Inside Corporate Network pass-through rule, it passes the psso claim through."),
}
"""Variant → where the rule applies and what it needs."""


def _script(variant: str) -> str:
    """The idempotent PowerShell: read the trust's rules, add the psso rule only if none exists."""
    rule = " ".join(RULES[variant])
    if variant == "intranet-group":
        head, tail = rule.split("{{group_sid}}")
        setup = ("$groupSid = '{{group_sid}}'\n"
                 "if ($groupSid -notmatch '^S-1-5-21-\\d+-\\d+-\\d+-\\d+$') "
                 "{ throw 'Set $groupSid to the SID of the group first (Get-ADGroup).' }\n"
                 f"$rule = '@RuleName = \"{RULE_NAME}\" {head}' + $groupSid + '{tail}'\n")
    else:
        setup = f"$rule = '@RuleName = \"{RULE_NAME}\" {rule}'\n"
    return (setup
            + f"$existingRules = (Get-AdfsRelyingPartyTrust -Identifier {TRUST}).IssuanceTransformRules\n"
            "if ($existingRules -match 'https://schemas\\.microsoft\\.com/2014/03/psso') {\n"
            "    Write-Warning 'A psso rule with an https:// claim type exists. AD FS compares claim types "
            "literally; review that rule. Nothing was changed.'\n"
            "} elseif ($existingRules -match 'http://schemas\\.microsoft\\.com/2014/03/psso') {\n"
            "    Write-Output 'A psso rule already exists. Nothing was changed.'\n"
            "} else {\n"
            "    $updatedRules = $existingRules + $rule\n"
            "    $crSet = New-AdfsClaimRuleSet -ClaimRule $updatedRules\n"
            f"    Set-AdfsRelyingPartyTrust -TargetIdentifier {TRUST} -IssuanceTransformRules $crSet.ClaimRulesString\n"
            "    Write-Output 'The psso rule was added.'\n"
            "}")


def _psso_rule(values: Values) -> Body:
    variant = values["variant"]
    rule_text = "\n".join(RULES[variant])
    return Body(steps(
        _ABOUT[variant],
        Words("この規則は要求を 1 つ追加するだけで、すぐに有効になります。発行承認規則は変更しないため、アクセスできる人は"
             "変わりません。規則を削除すれば元に戻ります。",
             "The rule only adds a claim and takes effect at once. Issuance authorization rules are untouched, so "
             "who can sign in does not change; deleting the rule undoes it."),
        Words("AD FS のプライマリ サーバーで Windows PowerShell を管理者として開き、下のスクリプトを実行します。"
             "既存の発行変換規則を読み取り、psso の規則がすでにある場合は何も変更しません。",
             "On the primary AD FS server, open Windows PowerShell as administrator and run the script below. It "
             "reads the existing issuance transform rules and changes nothing if a psso rule is already there."),
        Words("画面で行う場合は、先に既存の規則に psso があるかを確認してから: [AD FS の管理] > [証明書利用者信頼] > "
             "[Microsoft Office 365 Identity Platform] > [要求規則の編集] > [発行変換規則] > [規則の追加] > "
             f"[カスタム規則を使用して要求を送信] を選び、[要求規則名] に {RULE_NAME} と入力し、[カスタム規則] に次の規則を"
             f"貼り付けて [完了] を選びます。\n{rule_text}",
             "On screen, after checking that no psso rule exists yet: AD FS Management > Relying Party Trusts > "
             "Microsoft Office 365 Identity Platform > Edit Claim Rules > Issuance Transform Rules > Add Rule > "
             f"Send Claims Using a Custom Rule; enter {RULE_NAME} as the claim rule name, paste this rule as the "
             f"custom rule and select Finish.\n{rule_text}"),
        Words("要求の種類は http:// で始まるものをそのまま使います。https:// で書かれた資料もありますが、AD FS は要求の"
             "種類を文字どおり比較するため、https:// の規則はおそらく一致しません。ファームで使われている種類は "
             "Get-AdfsClaimDescription で確認できます。",
             "Use the claim types starting with http:// exactly as shown. Some pages print https://, but AD FS "
             "compares claim types literally, so an https:// rule most likely never matches. Get-AdfsClaimDescription "
             "shows the types your farm uses."),
        Words("社内ネットワークからサインインし直し、ブラウザーを閉じて開いてもサインイン状態が保たれることを確認します。",
             "Sign in again from inside the corporate network and check that the sign-in is kept after the browser "
             "is closed and reopened."),
    ) + steps(Words(
        "AD FS 自体の KMSI (Set-AdfsProperties -EnableKmsi、既定はオフ) は別の機能で、この規則とは関係ありません。",
        "AD FS's own KMSI (Set-AdfsProperties -EnableKmsi, off by default) is a separate feature, unrelated to this "
        "rule."), who=STAFF),
        (Cmd("powershell", _script(variant)),),
        request=Words(
            "社内ネットワークからサインインすると「サインインの状態を維持しますか?」が表示されず、サインインの状態が"
            "保たれません。AD FS の Windows 統合認証でサインインする場合の仕様で、Microsoft Office 365 Identity "
            "Platform の証明書利用者信頼に psso (永続的 SSO) の要求規則を追加すると、サインインの状態が保たれるように"
            f"なると案内されています。規則 ({variant}) の追加をご検討いただけますか。",
            "When I sign in inside the corporate network, \"Stay signed in?\" does not appear and the sign-in is not "
            "kept. This is expected with AD FS Windows Integrated Authentication; Microsoft's Japanese support team "
            "documents that adding a psso (persistent SSO) claim rule to the Microsoft Office 365 Identity Platform "
            f"relying party trust keeps the sign-in. Could you consider adding the rule ({variant})?"),
        user_steps=steps(Words(
            "社外から (または Windows 統合認証を使わないブラウザーで) サインインした場合は「サインインの状態を"
            "維持しますか?」が表示されます。これは仕様どおりです。",
            "Signing in from outside the office (or in a browser without Windows Integrated Authentication) shows "
            "\"Stay signed in?\"; that is by design.")))


ADFS_ADD_PSSO_RULE = action(
    "adfs-add-psso-rule", "admin", "changes-state",
    Words("AD FS に psso (永続的 SSO) の要求規則を追加する", "Add the psso (persistent SSO) claim rule in AD FS"),
    _psso_rule, params=(VARIANT, GROUP_SID))

ADFS_ENABLE_FORMS_AUTH = action(
    "adfs-enable-forms-auth", "admin", "changes-state",
    Words("AD FS のイントラネットでフォーム認証を有効にする", "Enable forms authentication on the AD FS intranet"),
    Body(steps(
        Words("変更する前に、下のコマンドで現在のイントラネットの認証方法を記録します。",
             "Before changing anything, record the current intranet authentication methods with the command below."),
        Words("AD FS 2016 以降では [AD FS の管理] > [サービス] > [認証方法] を開き、プライマリ認証方法の [編集] を選びます "
             "(Windows Server 2012 R2 では [認証ポリシー] > [グローバル プライマリ認証の編集])。",
             "On AD FS 2016 and later, open AD FS Management > Service > Authentication Methods and edit the Primary "
             "Authentication Methods (on Windows Server 2012 R2: Authentication Policies > Edit Global Primary "
             "Authentication)."),
        Words("[イントラネット] で [フォーム認証] を選び (Windows 認証と併用できます)、[OK] を選びます。",
             "Under Intranet, select Forms Authentication (it can stay alongside Windows Authentication) and "
             "select OK."),
        Words("この対処は Teams の状態コード 4c7 (\"Modern authentication failed here\") についての外部の情報に基づくもので、"
             "Microsoft の技術情報では確認できていません。",
             "This fix comes from third-party reports about Teams status code 4c7 (\"Modern authentication failed "
             "here\"); no Microsoft article confirming it has been found."),
    ), (Cmd("powershell", "(Get-AdfsGlobalAuthenticationPolicy).PrimaryIntranetAuthenticationProvider"),),
        request=Words(
            "社内ネットワークから Teams にサインインすると \"Modern authentication failed here\" (状態コード 4c7) と"
            "表示されます。AD FS のイントラネットでフォーム認証が有効になっていないことが原因との報告があります。"
            "AD FS の認証ポリシーを確認していただけますか。",
            "When I sign in to Teams inside the corporate network, it says \"Modern authentication failed here\" "
            "(status code 4c7). Reports link this to AD FS intranet authentication without Forms Authentication. "
            "Could you check the AD FS authentication policy?")))

ACTIONS = (ADFS_ADD_PSSO_RULE, ADFS_ENABLE_FORMS_AUTH)
"""The actions of this module, in registry order."""
