"""The console script's entry point: what a ``shuzhi-lint`` process does before it imports the package.

Importing the package allocates tens of thousands of long-lived objects and frees almost none; at
the interpreter's default thresholds that is ~5 ms of garbage collections before the first report
is read, and ~7 ms more per report while linting. The entry point therefore makes collections rare
for the whole run first (as mypy does) and only then imports the command line. This module imports nothing of the package at
import time, and a process that imports the package for its API keeps its own thresholds.
"""

from __future__ import annotations

import gc

GC_THRESHOLD = (50_000, 20, 10)


def run() -> None:
    """``shuzhi-lint`` and ``python -m shuzhi_lint``: rare collections, then ``cli.run``."""
    gc.set_threshold(*GC_THRESHOLD)
    from shuzhi_lint.cli import run as cli_run  # after the threshold: that import is the start-up

    cli_run()
