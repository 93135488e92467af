"""Applying fixes. Works on findings, never inside checks; writes atomically in the file's own
encoding, BOM and line endings, and refuses to write over a file that changed since it was read."""

from __future__ import annotations

import difflib
from pathlib import Path

from shuzhi_lint.errors import InputError
from shuzhi_lint.finding import Finding
from shuzhi_lint.fsutil import WriteRefused, rewrite
from shuzhi_lint.loaders.encoding import encode
from shuzhi_lint.oserrors import describe
from shuzhi_lint.safetext import visible


def choose(findings: list[Finding], unsafe: bool) -> tuple[list[Finding], list[Finding]]:
    """Fixes to apply (non-overlapping, first wins) and the overlapping ones left for a later run."""
    wanted = [f for f in findings if f.fix and f.start is not None and (unsafe or f.fix["applicability"] == "safe")]
    wanted.sort(key=lambda f: (f.start, f.end))
    chosen: list[Finding] = []
    skipped: list[Finding] = []
    last_end = -1
    for f in wanted:
        if f.start < last_end or (chosen and f.start == chosen[-1].start):
            skipped.append(f)
            continue
        chosen.append(f)
        last_end = f.end
    return chosen, skipped


def apply(text: str, fixes: list[Finding]) -> str:
    out = []
    pos = 0
    for f in sorted(fixes, key=lambda f: f.start):
        out.append(text[pos:f.start])
        out.append(f.fix["replacement"])
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{visible(path)}", tofile=f"b/{visible(path)}"
    )
    return "".join(lines)


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
