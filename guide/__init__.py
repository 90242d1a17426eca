"""guide: a bilingual troubleshooting guide for Entra ID and Teams sign-in problems.

The package is split into a pure-Python engine (`guide.engine`), the shipped
decision trees (`guide/trees/`), the Textual user interface (`guide.tui`) and a
thin command line (`guide.cli`).
"""

__version__ = "0.1.0"
