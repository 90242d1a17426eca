"""Run `python -m guide` exactly like the `guide` console script."""

from guide.cli import main

raise SystemExit(main())
