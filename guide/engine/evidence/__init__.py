"""Evidence: files a support engineer has in hand, turned into located facts and findings.

`base` holds the shared types (`Fact`, `Evidence`, `Finding`, `CheckReport`);
`facts` the catalogue of fact ids that tree questions may name. Each kind of
evidence has a parser module (``dsregcmd``, ``cmdkey``, ``signin`` and
``signin_csv``, ``capolicy``, ``branding``, ``adfs``, ``errortext``) and a
rules module beside it (``<kind>_rules``); ``conclude`` and ``wording`` are
what the rules share (actions, the code table's severities, the bilingual
sentences); ``text`` and ``jsonish`` read bytes and tolerant JSON.

Public API (`guide.engine.evidence.runner`)::

    check_files(paths, stdin=None) -> CheckReport   # guide check
    read_evidence(name, data, kind=None) -> Evidence      # bytes, kind sniffed from content
    findings_for(evidence) -> list[Finding]

Parsers never raise for a bad file (only `GuideError` for misuse): what cannot
be read becomes ``problems`` on the evidence, or kind ``unknown``.
"""
