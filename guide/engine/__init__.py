"""The headless engine of guide: loading, compiling, linting and walking trees.

Nothing in this package imports Textual or Rich; a test enforces it, so every
behaviour is usable from the command line, from tests and from other programs.
"""
