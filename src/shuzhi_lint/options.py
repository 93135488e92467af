"""What one run needs to know, typed: built once from the command line (``cli.run_options``) and
handed to the session (``session.Session``), the runner and the parallel workers instead of
argparse's Namespace. ``--outline`` is the format ``outline`` (``outline-json`` with --format json)."""

from __future__ import annotations

from dataclasses import field

from shuzhi_lint.records import record


@record(frozen=True)
class RunOptions:
    """The options of one run, from the command line or the Python API."""

    paths: tuple[str, ...] = ()  # files, folders, or "-" for standard input
    config: str | None = None  # --config: one configuration file for every input
    format: str = "text"  # the formatter's name (--format; --outline: outline or outline-json)
    output: str | None = None  # -o
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    jobs: int | None = None  # worker processes; None: every core
    profile: bool = False
    previous: str | None = None  # last year's report (never also an output)
    rules: tuple[str, ...] = ()  # --rules: extra rule files or folders
    genre: str | None = None  # --genre: wins over the configuration and recognition
    #: configuration keys set on the command line, applied over each configuration file
    overrides: dict = field(default_factory=dict)
    #: the command line's rule selection (select/ignore/extend_select), a layer over the file's
    selection: dict | None = None
