"""Evidence: files a support engineer has in hand, turned into located facts.

`base` holds the shared types (`Fact`, `Evidence`, `Finding`); `facts` the
catalogue of fact ids that tree questions may name. Parsers for each kind of
evidence live beside them and never raise anything but `GuideError`.
"""
