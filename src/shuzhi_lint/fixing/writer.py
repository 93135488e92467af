"""Writing a fixed report back: atomically, in the file's own encoding, BOM and line endings,
and never over a file that changed since it was read."""

from __future__ import annotations

from pathlib import Path

from shuzhi_lint.errors import InputError
from shuzhi_lint.fsutil import WriteRefused, rewrite
from shuzhi_lint.loaders.encoding import encode
from shuzhi_lint.oserrors import describe


def ensure_unchanged(path: str, original_bytes: bytes | None) -> bytes:
    """The file's bytes, or InputError when they differ from what was linted (never overwrite newer text)."""
    try:
        current = Path(path).read_bytes()
    except OSError as e:
        raise InputError(path, f"无法重新读取文件，未修改：{describe(e)}") from None
    if current != original_bytes:
        raise InputError(path, "文件在检查之后被修改过，为避免覆盖新内容，本次未写入修复；请重新运行")
    return current


def write_text_file(path: str, original_bytes: bytes, new_text: str, encoding: str, bom: bool) -> None:
    """Replace the content of ``path`` with ``new_text`` in its own encoding (see ``write_fixed``)."""
    try:
        data = encode(new_text, encoding, bom)
    except UnicodeEncodeError:
        raise InputError(path, f"修复后的文字无法用原编码 {encoding} 保存，未修改") from None
    write_fixed(path, original_bytes, data)


def write_fixed(path: str, original_bytes: bytes | None, data: bytes) -> None:
    """The one way --fix writes a report, whatever its format: only if it is unchanged since it
    was read, through symlinks, never over a read-only file, keeping inode links, owner, mode,
    xattrs and ACLs (``fsutil.rewrite``); any failure is one InputError and the file is untouched."""
    current = ensure_unchanged(path, original_bytes)
    try:
        rewrite(path, data, current)
    except WriteRefused as e:
        raise InputError(path, f"{e}，未写入修复") from None


def encode_for(doc, text: str) -> bytes:
    return encode(text, doc.encoding, doc.bom)
