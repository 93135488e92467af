"""Text edits from findings: which fixes to apply together (``choose``), the fixed text
(``apply``) and its unified diff (``diff``). Works on findings, never inside checks."""

from __future__ import annotations

import difflib
from bisect import bisect_left

from shuzhi_lint.finding import Finding
from shuzhi_lint.safetext import visible


def choose(findings: list[Finding], unsafe: bool) -> tuple[list[Finding], list[Finding]]:
    """Fixes to apply together, and those left for the next pass (fixing re-lints between passes).

    Two fixes whose spans overlap or touch are never applied together: each was found in text the
    other changes (a word cut in two by a spliced watermark reads as a missing character until the
    watermark is gone, and inserting the character while deleting the watermark doubles it).
    Deletions are chosen first: removing inserted text often makes the fixes beside it unneeded."""
    wanted = [f for f in findings if f.fix and f.start is not None and (unsafe or f.fix["applicability"] == "safe")]
    wanted.sort(key=lambda f: (f.fix["replacement"] != "", f.start, f.end))
    starts: list[int] = []  # the chosen spans, sorted by start
    spans: list[tuple[int, int]] = []
    chosen: list[Finding] = []
    skipped: list[Finding] = []
    for f in wanted:
        k = bisect_left(starts, f.start)
        # the chosen span starting at or after f, and the one before it: touching or overlapping?
        if (k < len(spans) and spans[k][0] <= f.end) or (k > 0 and spans[k - 1][1] >= f.start):
            skipped.append(f)
            continue
        starts.insert(k, f.start)
        spans.insert(k, (f.start, f.end))
        chosen.append(f)
    chosen.sort(key=lambda f: (f.start, f.end))
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
