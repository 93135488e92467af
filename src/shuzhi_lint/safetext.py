"""Text that output and error lines print, made safe to print.

A file name may hold a newline (``ev\\n::error file=README.md::….txt``) and forge a CI annotation,
a finding line, or a JUnit entry; a report may hold terminal escape sequences (``\\x1b[2J``, OSC
title and clipboard sequences); a name from a zip made on another system may hold bytes that are
not UTF-8 (kept by Python as surrogate escapes, which no UTF-8 output can encode). ``visible``
shows control characters as escapes (``\\n``, ``\\x1b``) and undecodable bytes as U+FFFD, for
every path and text a human-readable format or an error line prints; ``encodable`` only replaces
the undecodable bytes, for formats (JSON) that escape control characters themselves.
"""

from __future__ import annotations

import re
from shuzhi_lint.patterncache import compile_std

# C0 controls but tab, DEL, C1 controls, the Unicode line and paragraph separators, lone surrogates
_UNSAFE = compile_std("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATE = compile_std("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _show(m: re.Match) -> str:
    ch = m.group()
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text) -> str:
    """``text`` with control characters escaped and undecodable bytes as U+FFFD (one line, inert)."""
    text = str(text)
    return _UNSAFE.sub(_show, text) if _UNSAFE.search(text) else text


def encodable(text: str) -> str:
    """``text`` with undecodable bytes (surrogate escapes) as U+FFFD, so it encodes as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def replaced(text: str) -> str:
    """``text`` with each control character and undecodable byte as one U+FFFD: the same length,
    so columns still point at the same characters (a Word copy anchors comments by column)."""
    return _UNSAFE.sub("\ufffd", text) if _UNSAFE.search(text) else text


def visible_path(path) -> str:
    """``visible(path)`` for a path that starts an output line: a name beginning with ``::`` (given
    as ``shuzhi-lint *``) would make that line a workflow command on a CI runner; it gets ``./``."""
    text = visible(path)
    return "./" + text if text.lstrip().startswith("::") else text
