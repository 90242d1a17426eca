"""Fixtures for the `guide serve` tests live in `pages.py` (in-process) and `servers.py` (real servers)."""
