from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
# the user's cache folder, before the session points XDG_CACHE_HOME at its own (_private_disk_cache):
# pip's wheel cache stays there, so installs the tests make (pre-commit's hook environment) reuse
# the wheels built when the project was installed, as a user's would
USER_CACHE_HOME = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
PIP_CACHE_DIR = os.environ.get("PIP_CACHE_DIR") or str(USER_CACHE_HOME / "pip")


def seed(prefix: str) -> Path:
    return next(p for p in SEED_FILES if p.name.startswith(prefix))


def run_cli(*args, input: bytes | None = None, cwd=None, env=None):
    """Run the installed console entry point in a subprocess, the way a user does."""
    full_env = dict(os.environ)
    full_env.pop("COLUMNS", None)
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "shuzhi_lint", *map(str, args)],
        input=input,
        capture_output=True,
        cwd=cwd,
        env=full_env,
        timeout=300,
    )
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


# variables the interpreter reads when it starts (the locale, PYTHONPATH for plugins installed in a
# site directory...): a run that sets one needs a process of its own
_STARTUP_ENV = ("PYTHON", "LC_", "LANG")


def _redirected(fd: int) -> tuple[int, int]:
    """Point file descriptor ``fd`` at a new anonymous file opened for appending; return (that
    file's descriptor, a copy of what ``fd`` was) to read it and put ``fd`` back."""
    handle, path = tempfile.mkstemp(prefix="shuzhi-cli-")
    os.close(handle)
    capture = os.open(path, os.O_RDWR | os.O_APPEND)
    os.unlink(path)
    saved = os.dup(fd)
    os.dup2(capture, fd)
    return capture, saved


def _read_back(capture: int, saved: int, fd: int) -> bytes:
    os.dup2(saved, fd)
    os.close(saved)
    try:
        return os.pread(capture, os.fstat(capture).st_size, 0)
    finally:
        os.close(capture)


def main_cli(*args, input: bytes | None = None, cwd=None, env=None):
    """``shuzhi-lint ARGS`` run by ``cli.main`` in this process: (exit code, stdout, stderr) as
    ``run_cli`` gives them, in milliseconds instead of a new interpreter's start-up.

    For the run, file descriptors 1 and 2 go to files of their own and sys.stdout/sys.stderr
    write to them, so whatever the run writes is captured as a process's pipes would capture it:
    through Python or straight to the descriptor, by this process or by the ``--jobs`` workers it
    forks. stdin holds ``input`` (empty if none); ``cwd`` and ``env`` apply for the run only, and
    everything is put back afterwards. A run whose ``env`` sets a variable read at interpreter
    start-up (``_STARTUP_ENV``) goes to ``run_cli`` instead. An exception escaping ``main`` (a
    crash, where the console script would print a traceback) fails the test where it happens."""
    if env and any(k.startswith(_STARTUP_ENV) for k in env):
        return run_cli(*args, input=input, cwd=cwd, env=env)
    from shuzhi_lint import cli as cli_module

    saved_env = dict(os.environ)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_cwd = os.getcwd()
    saved_gc = gc.get_threshold()
    for stream in saved_streams[1:]:
        stream.flush()
    out = _redirected(1)
    err = _redirected(2)
    # what a process started by subprocess.run(capture_output=True) gets under a UTF-8 locale
    streams = (
        io.TextIOWrapper(io.BytesIO(input or b""), encoding="utf-8", errors="surrogateescape"),
        open(1, "w", encoding="utf-8", errors="surrogateescape", closefd=False),
        open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False),
    )
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        os.environ.pop("COLUMNS", None)
        os.environ.update({k: str(v) for k, v in (env or {}).items()})
        if cwd is not None:
            os.chdir(cwd)
        try:
            code = cli_module.main([str(a) for a in args])
        except SystemExit as e:  # argparse: --help, --version, usage errors
            if isinstance(e.code, str):
                print(e.code, file=sys.stderr)
            code = e.code if isinstance(e.code, int) else int(e.code is not None)
    finally:
        for stream in streams:
            stream.close()
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        out_bytes = _read_back(*out, 1)
        err_bytes = _read_back(*err, 2)
        os.chdir(saved_cwd)
        gc.set_threshold(*saved_gc)
        for key in set(os.environ) - set(saved_env):
            del os.environ[key]
        for key, value in saved_env.items():
            if os.environ.get(key) != value:
                os.environ[key] = value
    return code, out_bytes.decode("utf-8"), err_bytes.decode("utf-8")


@pytest.fixture
def cli():
    """The command line in this process (``main_cli``): use it unless the test is about the
    process itself."""
    return main_cli


@pytest.fixture
def cli_process():
    """The command line in a process of its own (``run_cli``), for what only a process shows:
    the console script's exit and flushing, the interpreter's locale, plugins installed by entry
    point, signals, stdin from a real pipe."""
    return run_cli


def pytest_collection_modifyitems(config, items):
    """Files holding an ``early`` test (a long end-to-end run: pre-commit's hook environment,
    Chromium) go first, the rest keep their order: under ``--dist loadfile`` (with
    ``--no-loadscope-reorder``, pyproject.toml) they then overlap the rest of the suite instead of
    being left for last and running alone."""
    early = {item.path for item in items if item.get_closest_marker("early")}
    if early:
        items.sort(key=lambda item: item.path not in early)  # a stable sort


@pytest.fixture(autouse=True, scope="session")
def _private_disk_cache(tmp_path_factory):
    """The tests (and the CLI they start) use their own disk cache, not the user's."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old
