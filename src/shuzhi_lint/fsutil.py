"""File helpers: atomic writes and the walk over input paths."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_writer(path) as fh:
        fh.write(data)


@contextmanager
def atomic_writer(path: Path):
    """A binary file handle whose content replaces ``path`` only when the block ends normally.

    Output can be written piece by piece (a batch's results as they come) and still never be
    left half-written: on any error the temporary file is removed and ``path`` is untouched."""
    import stat
    import tempfile  # imports random and hashlib: only when something is written

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        st = path.stat()
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        # /dev/null, a FIFO, /dev/stdout: replacing it would put a regular file in its place
        with open(path, "wb") as fh:
            yield fh
        return
    mode = st.st_mode & 0o7777 if st is not None else 0o644  # keep the permissions of a file we replace
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(folder))
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def walk(top):
    """``os.walk(top, followlinks=False)``, top-down, without recursion: Python 3.11's os.walk
    recurses once per level and raises RecursionError in folders nested about 1,000 deep (a
    folder unzipped on Windows). Same order, same ``dirs[:] = ...`` pruning; unreadable
    folders are skipped as os.walk skips them."""
    stack = [os.fspath(top)]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = list(it)
        except OSError:
            continue
        dirs, names, links = [], [], set()
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else names).append(entry.name)
            if is_dir:
                try:
                    if entry.is_symlink():
                        links.add(entry.name)
                except OSError:
                    links.add(entry.name)
        yield root, dirs, names
        # directory symlinks are listed but not followed, so a symlink loop cannot run forever
        stack.extend(os.path.join(root, d) for d in reversed(dirs) if d not in links)


def expand(paths: list[str], suffixes: set[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to lint (directories walked, sorted) and (path, reason) for paths that don't exist.

    Directory symlinks are not followed, so a symlink loop cannot make the walk run forever;
    files given explicitly are taken whatever their suffix.
    """
    files: list[str] = []
    missing: list[tuple[str, str]] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            for root, dirs, names in walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith((".", "~$")):
                        continue
                    if Path(name).suffix.lower() in suffixes:
                        full = os.path.join(root, name)
                        if full not in seen:
                            seen.add(full)
                            files.append(full)
        elif p.exists() or p.is_symlink():
            if raw not in seen:
                seen.add(raw)
                files.append(raw)
        else:
            missing.append((raw, "文件或目录不存在"))
    return files, missing
