"""File helpers: atomic writes, rewriting a report in place of itself (--fix), and the walk over
input paths."""

from __future__ import annotations

import errno
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from shuzhi_lint.oserrors import describe


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_writer(path) as fh:
        fh.write(data)


def new_file_mode() -> int:
    """The mode ``open()`` gives a new file: 0o666 less the process umask."""
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_writer(path: Path):
    """A binary file handle whose content replaces ``path`` only when the block ends normally.

    Output can be written piece by piece (a batch's results as they come) and still never be
    left half-written: on any error the temporary file is removed and ``path`` is untouched."""
    import tempfile  # imports random and hashlib: only when something is written

    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        # /dev/null, a FIFO, /dev/stdout: replacing it would put a regular file in its place
        with open(path, "wb") as fh:
            yield fh
        return
    path = Path(os.path.realpath(path))  # a symlink stays a symlink: its target gets the content
    folder = path.parent if str(path.parent) else Path(".")
    # keep the permissions of a file we replace; a new one gets what open() would give it
    mode = st.st_mode & 0o7777 if st is not None else new_file_mode()
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


class WriteRefused(Exception):
    """--fix will not write this file; ``str()`` is the reason shown after the file's name."""


def rewrite(path: str, data: bytes, original: bytes) -> None:
    """Give the report at ``path`` the content ``data`` (--fix), keeping what makes it that file.

    A symlink is followed: its target is rewritten and the link stays a link. A read-only file
    (no write permission for us, or no write bit at all, as root too) is refused, whatever its
    format. Normally a temporary file in the target's folder replaces it atomically, carrying
    owner, group, mode, extended attributes and POSIX ACLs over; when that cannot keep the file
    what it was — several hard links share the inode, or the owner or an attribute cannot be
    carried over — the content is written in place instead (space reserved first, the original
    bytes put back on any failure). Every failure is a ``WriteRefused`` and leaves the file as it
    was; ``original`` is the content it has now.
    """
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError as e:
        raise WriteRefused(f"无法读取文件信息：{describe(e)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused("不是普通文件")
    if not os.access(real, os.W_OK) or not st.st_mode & 0o222:
        raise WriteRefused("文件是只读的")
    try:
        if st.st_nlink > 1 or not _replace(real, st, data):
            _write_in_place(real, data, original)
    except OSError as e:
        raise WriteRefused(f"无法写入（{describe(e)}）") from None


def _replace(real: str, st: os.stat_result, data: bytes) -> bool:
    """Atomically replace ``real`` by a temporary file holding ``data`` and everything of ``st``
    and of the old file's attributes; False (nothing changed) when some of it cannot be kept."""
    import tempfile  # imports random and hashlib: only when something is written

    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".tmp", dir=os.path.dirname(real))
    done = False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if not _carry_over(real, st, fh.fileno(), tmp):
                return False
            os.fsync(fh.fileno())
        os.replace(tmp, real)
        done = True
    finally:
        if not done:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    try:  # the rename itself survives a crash once the folder is on disk
        dfd = os.open(os.path.dirname(real), os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
    return True


def _carry_over(real: str, st: os.stat_result, fd: int, tmp: str) -> bool:
    """Owner, group, mode, xattrs and ACLs of ``real`` onto the open file ``fd``."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.fchown(fd, st.st_uid, st.st_gid)
        except OSError:
            return False
    if hasattr(os, "fchmod"):
        os.fchmod(fd, st.st_mode & 0o7777)  # after chown, which clears set-id bits
    else:
        os.chmod(tmp, st.st_mode & 0o7777)
    if not hasattr(os, "listxattr"):  # xattrs (and ACLs with them) through this API on Linux only
        return True
    try:
        names = os.listxattr(real)
    except OSError as e:
        if e.errno in (errno.ENOTSUP, errno.ENOSYS):
            return True
        raise
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(real, name))
        except OSError:
            # security.* labels are the system's to set; the author's own attributes and ACLs must survive
            if name.startswith(("user.", "system.posix_acl")):
                return False
    return True


def _write_in_place(real: str, data: bytes, original: bytes) -> None:
    fd = os.open(real, os.O_WRONLY)
    try:
        if len(data) > len(original) and hasattr(os, "posix_fallocate"):  # not on macOS
            try:  # a full disk fails here, before one byte changed
                os.posix_fallocate(fd, 0, len(data))
            except OSError as e:
                if e.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                    raise
        try:
            _pwrite_all(fd, data)
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        except OSError:
            try:
                _pwrite_all(fd, original)
                os.ftruncate(fd, len(original))
                os.fsync(fd)
            except OSError:
                pass
            raise
    finally:
        os.close(fd)


def _pwrite_all(fd: int, data: bytes) -> None:
    view, at = memoryview(data), 0
    if not hasattr(os, "pwrite"):
        os.lseek(fd, 0, os.SEEK_SET)
        while at < len(data):
            at += os.write(fd, view[at:])
        return
    while at < len(data):
        at += os.pwrite(fd, view[at:], at)


def safe_entry(top: str, path: str) -> bool:
    """Whether a walk of the folder whose real path is ``top`` may read ``path``: a regular file
    (a FIFO would hang the run, a device never ends), and a symlink only when its target is a
    regular file inside ``top`` and outside its dot-folders — a link committed into a checkout
    (``notes.txt -> ../.git/config``) must not carry credentials into a report or a review page.
    Files named on the command line are the user's choice and are not checked here."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(st.st_mode):
        target = os.path.realpath(path)
        try:
            parts = os.path.relpath(target, top).split(os.sep)
        except ValueError:
            return False
        if parts[0] == ".." or any(part.startswith(".") for part in parts):
            return False
        try:
            return stat.S_ISREG(os.stat(target).st_mode)
        except FileNotFoundError:
            return True  # a dangling link inside the folder: reading it says so
        except OSError:
            return False
    return stat.S_ISREG(st.st_mode)


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
            top = os.path.realpath(p)
            for root, dirs, names in walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith((".", "~$")):
                        continue
                    if Path(name).suffix.lower() in suffixes:
                        full = os.path.join(root, name)
                        if full not in seen and safe_entry(top, full):
                            seen.add(full)
                            files.append(full)
        elif p.exists() or p.is_symlink():
            if raw not in seen:
                seen.add(raw)
                files.append(raw)
        else:
            missing.append((raw, "文件或目录不存在"))
    return files, missing
