"""A small per-user cache of derived data (parsed YAML, the tokenizer's prefix dictionary).

A pre-commit hook starts a new process for every commit, so anything rebuilt from the same files
each time is start-up cost. Entries are marshal files named by a checksum of their source: the
content of rule and config files (an edited file simply misses the cache, whatever its size and
modification time), the path, size and modification time of the tokenizer's large dictionary.
Most hold plain data; two tables hold compiled forms, as Python's own ``__pycache__`` does: the
regex engine's opcodes (``patterncache``) and the code of the package's dataclass methods
(``records``), each table with a checksum. The folder is made private to the user (mode 0700) and
trusted as the user's own bytecode is. ``SHUZHI_LINT_NO_CACHE=1`` turns the cache off; ``XDG_CACHE_HOME`` moves it.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from shuzhi_lint import __version__
from shuzhi_lint.fsutil import atomic_write

_MAGIC = f"shuzhi-lint {__version__} py{sys.version_info[0]}.{sys.version_info[1]}"
KEEP_PER_KIND = 64


def cache_dir() -> Path | None:
    if os.environ.get("SHUZHI_LINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "shuzhi-lint"


def entry(kind: str, sources: list[Path | str], extra: str = "") -> Path | None:
    """The cache file for data derived from ``sources`` (None when caching is off or a source is missing)."""
    folder = cache_dir()
    if folder is None:
        return None
    parts = [_MAGIC, kind, extra]
    for src in sources:
        try:
            st = os.stat(src)
        except OSError:
            return None
        parts.append(f"{os.path.abspath(src)}|{st.st_size}|{st.st_mtime_ns}")
    raw = "\n".join(parts).encode("utf-8", "surrogatepass")
    # zlib, not hashlib: hashlib loads OpenSSL (~8 ms) and this is not about security
    return folder / f"{kind}-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.marshal"


def entry_for_content(kind: str, data: bytes, extra: str = "") -> Path | None:
    """The cache file for data derived from the bytes ``data`` (a rule or config file): keyed on
    the content itself, so an edit that keeps a file's size and modification time (a checkout, a
    copy with ``cp -p``, a coarse file-system clock) never gets the old file's parse."""
    folder = cache_dir()
    if folder is None:
        return None
    head = "\n".join((_MAGIC, kind, extra)).encode("utf-8", "surrogatepass")
    digest = zlib.crc32(data, zlib.crc32(head))
    check = zlib.adler32(data, zlib.adler32(head))
    return folder / f"{kind}-{digest:08x}{check:08x}{len(data):x}.marshal"


def load(path: Path | None) -> Any:
    """The cached value, or None when absent or unreadable."""
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            magic, value = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value if magic == _MAGIC else None


def save(path: Path | None, value: Any) -> None:
    """Store ``value`` (marshal-able data); a read-only or full cache only costs speed."""
    if path is None:
        return
    try:
        data = marshal.dumps((_MAGIC, value))
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _prune(path)
        atomic_write(path, data)
    except (OSError, ValueError):
        pass


def load_checked(path: Path | None) -> Any:
    """``load`` for data that must arrive exactly as it was saved (opcodes handed to a C engine):
    the payload is stored with its CRC-32, and a file whose payload does not match is ignored
    (None), as is one in any other shape. One checksum for the whole file, not one per item: a
    check per compiled pattern cost more than compiling a few of them."""
    stored = load(path)
    if not isinstance(stored, tuple) or len(stored) != 2:
        return None
    check, blob = stored
    if not isinstance(check, int) or not isinstance(blob, bytes) or zlib.crc32(blob) != check:
        return None
    try:
        return marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None


def save_checked(path: Path | None, value: Any) -> None:
    """Store ``value`` for ``load_checked``: its marshal bytes and their CRC-32."""
    if path is None:
        return
    try:
        blob = marshal.dumps(value)
    except ValueError:
        return
    save(path, (zlib.crc32(blob), blob))


def _prune(path: Path) -> None:
    """Keep the newest entries of this kind: reinstalls and edited rule files leave old ones behind."""
    kind = path.name.rsplit("-", 1)[0]
    old = []
    for p in path.parent.glob(f"{kind}-*.marshal"):
        try:
            old.append((p.stat().st_mtime, p))
        except OSError:
            continue
    old.sort()
    for _, p in old[: max(0, len(old) - KEEP_PER_KIND + 1)]:
        try:
            p.unlink()
        except OSError:
            pass
