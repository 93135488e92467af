"""Batch linting on all cores. Each worker builds its session once; results come back in input order.

This module knows nothing of the command line or of linting: the caller gives it its session and
the function that lints one path in a worker (``work(session, path)``). A pool that cannot start
(a process limit, no memory for another fork) or that breaks (a worker killed) is not fatal: the
workers it started are ended and the files not yet reported are linted in this process.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from shuzhi_lint.plugins import collect

_session = None
_work = None


def _init(session_class, options, work):
    global _session, _work
    _work = work
    if _session is not None:  # forked: the parent's session, rules already loaded, came along
        return

    _session = session_class(collect(), options)


def _lint_one(path: str):
    return _work(_session, path)


def _ready(path: str) -> str:
    return path


def _end_workers(pool) -> None:
    """Terminate every worker the pool started, then let it go: nothing keeps a pipe open."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.terminate()
        except (OSError, ValueError, AttributeError):
            pass
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.join(5)
        except (OSError, ValueError, AssertionError, AttributeError):
            pass
    try:
        pool.shutdown(wait=False, cancel_futures=True)
    except Exception:  # noqa: BLE001 - a half-started pool may fail to shut down too
        pass


def lint_parallel(session, files: list[str], jobs: int, work, fallback=None):
    """``work(session, path)`` of every path, in input order, each as soon as it and those before it are done.

    ``fallback(paths)`` lints ``paths`` serially when the pool cannot start or breaks."""
    chunk = max(1, min(32, len(files) // (jobs * 4) or 1))
    global _session
    _session = session  # inherited as is by forked workers; others rebuild it in _init
    pool = None
    done = 0
    try:
        try:
            pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(type(session), session.options, work))
            pool.submit(_ready, "").result()  # starts the workers now, where a failure can be handled
            results = pool.map(_lint_one, files, chunksize=chunk)
        except (OSError, BrokenProcessPool, RuntimeError) as e:
            if fallback is None:
                raise
            _warn(f"无法启动 {jobs} 个并行进程（{_reason(e)}），改为逐个检查")
            if pool is not None:
                _end_workers(pool)
                pool = None
            yield from fallback(files)
            return
        try:
            for result in results:
                done += 1
                yield result
        except (OSError, BrokenProcessPool) as e:
            if fallback is None:
                raise
            _warn(f"并行进程意外退出（{_reason(e)}），其余 {len(files) - done} 份改为逐个检查")
            _end_workers(pool)
            pool = None
            yield from fallback(files[done:])
    finally:
        # a consumer that stops early (an error, Ctrl-C) leaves nothing running behind it
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _reason(e: BaseException) -> str:
    return getattr(e, "strerror", None) or str(e) or type(e).__name__


def _warn(message: str) -> None:
    print(f"shuzhi-lint: 提示：{message}", file=sys.stderr)
