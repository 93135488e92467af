"""Batch linting on all cores. Each worker builds its linters once; results come back in input order."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

_session = None


def _init(registry_args):
    global _session
    if _session is not None:  # forked: the parent's session, rules already loaded, came along
        return
    from shuzhi_lint.cli import Session
    from shuzhi_lint.plugins import collect

    _session = Session(collect(), registry_args)


def _lint_one(path: str):
    from shuzhi_lint.errors import LintError
    from shuzhi_lint.finding import FileResult
    from shuzhi_lint.runner import lint_path, trim

    try:
        result = trim(_session, lint_path(_session.linter(path), path))  # trimmed here: a light pipe
        if getattr(result.document, "source_bytes", None) is not None and not (_session.args.fix or _session.args.diff):
            result.document.source_bytes = None  # only --fix needs the original bytes (no need to send them)
        return result
    except LintError as e:
        return FileResult(path=path, error=str(e))


def lint_parallel(session, files: list[str], jobs: int):
    """Results in input order, each as soon as it and those before it are done."""
    chunk = max(1, min(32, len(files) // (jobs * 4) or 1))
    global _session
    _session = session  # inherited as is by forked workers; others rebuild it in _init
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(session.args,))
    try:
        yield from pool.map(_lint_one, files, chunksize=chunk)
    finally:
        # a consumer that stops early (an error, Ctrl-C) leaves nothing running behind it
        pool.shutdown(wait=True, cancel_futures=True)
