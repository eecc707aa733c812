"""``python -m eventwire.spark INPUT... --output DIR``: the same as ``eventwire spark``."""

import sys

from eventwire.cli.spark import main

sys.exit(main())
