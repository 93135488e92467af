"""Which files a run checks: ``exclude`` / ``extend-exclude`` patterns (ruff's semantics) and the
documents in a folder that cannot be checked (old Word, WPS, PDF...), which are reported by name
instead of being skipped without a word.

Patterns are globs. One without a ``/`` matches a file's name or the name of any folder above it
(``草稿``, ``*.doc``); one with a ``/`` matches the path relative to the folder of the
configuration file that names it (relative to the current directory on the command line), or a
folder above the file (``归档/2023``). Exclusion applies to files found by walking a folder; a file
named on the command line is checked whatever the patterns say, as in ruff.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase

from shuzhi_lint.fsutil import walk

# document formats that reports arrive in but that cannot be read: suffix -> what it is
UNSUPPORTED = {
    ".doc": "旧版 Word 文档（.doc）",
    ".dot": "旧版 Word 模板（.dot）",
    ".docm": "含宏的 Word 文档（.docm）",
    ".wps": "WPS 文字文档（.wps）",
    ".wpt": "WPS 文字模板（.wpt）",
    ".rtf": "RTF 文档（.rtf）",
    ".odt": "OpenDocument 文档（.odt）",
    ".pages": "Pages 文档（.pages）",
    ".pdf": "PDF 文件",
    ".ofd": "OFD 版式文件",
}


def unsupported_reason(path: str) -> str | None:
    """Why ``path`` cannot be checked, or None when its type is not a known document format."""
    what = UNSUPPORTED.get(os.path.splitext(path)[1].lower())
    if what is None:
        return None
    if what.startswith(("PDF", "OFD")):
        how = "请用它的原始 Word 文件（.docx），或把正文另存为 .txt 后再检查"
    else:
        how = "请在 Word 或 WPS 中“另存为” .docx（或 .txt）后再检查"
    return f"{what}无法检查：{how}；不想检查它时用 exclude 配置项或 --extend-exclude 排除"


def unsupported_files(paths: list[str], suffixes: set[str]) -> list[tuple[str, str]]:
    """(path, reason) for the unreadable documents inside the folders of ``paths``.

    Walks as ``fsutil.expand`` does (sorted, hidden entries and Office lock files skipped,
    folder symlinks not followed)."""
    found: list[tuple[str, str]] = []
    for raw in paths:
        if raw == "-" or not os.path.isdir(raw):
            continue
        for root, dirs, names in walk(raw):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith((".", "~$")) or os.path.splitext(name)[1].lower() in suffixes:
                    continue
                why = unsupported_reason(name)
                if why is not None:
                    found.append((os.path.join(root, name), why))
    return found


def resolve_patterns(patterns: list[str], base: str) -> list[str]:
    """Patterns as stored in a Config: those with a ``/`` made absolute against ``base``."""
    out = []
    for p in patterns:
        p = str(p).replace("\\", "/").rstrip("/")
        if "/" in p and not os.path.isabs(p):
            p = os.path.normpath(os.path.join(os.path.abspath(base), p)).replace("\\", "/")
        if p:
            out.append(p)
    return out


def is_excluded(path: str, root: str | None, patterns: list[str]) -> bool:
    """Whether ``path``, found by walking the folder ``root``, or a folder between the two,
    matches one of ``patterns`` (see the module doc). ``root`` itself is never excluded: it was
    named on the command line. A path with ``root`` None was named itself: never excluded."""
    if not patterns or root is None or path == "-":
        return False
    full = os.path.abspath(path).replace("\\", "/").split("/")
    top = len(os.path.abspath(root).replace("\\", "/").rstrip("/").split("/"))
    for pattern in patterns:
        for i in range(len(full), top, -1):
            if fnmatchcase("/".join(full[:i]) if "/" in pattern else full[i - 1], pattern):
                return True
    return False


def root_of(path: str, folders: list[str]) -> str | None:
    """The folder among ``folders`` (the command line's) whose walk found ``path``, if any."""
    for folder in folders:
        if path.startswith(os.path.join(folder, "")):
            return folder
    return None
