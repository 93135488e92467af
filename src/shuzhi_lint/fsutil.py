"""File helpers: atomic writes and the walk over input paths."""

from __future__ import annotations

import os
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    import tempfile  # imports random and hashlib: only when something is written
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777  # keep the permissions of a file we replace
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(folder))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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
            for root, dirs, names in os.walk(p, followlinks=False):
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
