"""Text edits from findings: which fixes to apply together (``choose``), the fixed text
(``apply``) and its unified diff (``diff``). Works on findings, never inside checks."""

from __future__ import annotations

import difflib

from shuzhi_lint.finding import Finding
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


#: a fix may delete at most this many Chinese characters (a watermark clause, a doubled word);
#: deleting more would take the author's sentences with it
MAX_DELETED_HAN = 16


def _han(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")


def loses_text(text: str, f: Finding) -> bool:
    """Whether applying ``f`` to ``text`` could lose what the author wrote, so it is never applied:
    its span does not hold the text it was found in (offsets from another version of the file), or
    its replacement drops a line break (joins paragraphs) or deletes more than
    ``MAX_DELETED_HAN`` Chinese characters."""
    if f.start is None or f.end is None or text[f.start:f.end] != f.match:
        return True
    replacement = f.fix["replacement"]
    if replacement.count("\n") < f.match.count("\n"):
        return True
    return _han(f.match) - _han(replacement) > MAX_DELETED_HAN
