"""Batch linting on all cores. Each worker builds its session once; results come back in input order.

This module knows nothing of the command line or of linting: the caller gives it its session and
the function that lints one path in a worker (``work(session, path)``)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

_session = None
_work = None


def _init(session_class, options, work):
    global _session, _work
    _work = work
    if _session is not None:  # forked: the parent's session, rules already loaded, came along
        return
    from shuzhi_lint.plugins import collect

    _session = session_class(collect(), options)


def _lint_one(path: str):
    return _work(_session, path)


def lint_parallel(session, files: list[str], jobs: int, work):
    """``work(session, path)`` of every path, in input order, each as soon as it and those before it are done."""
    chunk = max(1, min(32, len(files) // (jobs * 4) or 1))
    global _session
    _session = session  # inherited as is by forked workers; others rebuild it in _init
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(type(session), session.options, work))
    try:
        yield from pool.map(_lint_one, files, chunksize=chunk)
    finally:
        # a consumer that stops early (an error, Ctrl-C) leaves nothing running behind it
        pool.shutdown(wait=True, cancel_futures=True)
