"""The Document: a report's text plus the maps from character offsets back to lines and columns.

Offsets index ``text``; lines are split on ``\\n`` and a trailing ``\\r`` is part of the line
terminator, so CRLF files keep exact positions. Columns count characters (a Chinese character is 1).
"""

from __future__ import annotations

import bisect
from dataclasses import field

from shuzhi_lint.records import record

# Replaces markup (markdown comments, heading hashes) in ``check_text`` so that checks never see it
# while every offset stays the same. A private-use character matches no CJK or ASCII class.
MASK = "\ue000"


@record
class Document:
    """One input as text: what the loader read, and how to write it back (encoding, BOM, lines)."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    kind: str = "txt"
    # for docx: line index (0-based) -> paragraph index in the source document
    paragraph_of_line: list[int] | None = None
    # (start, end) spans the checks must not see (markdown comments and markup)
    masked: list[tuple[int, int]] = field(default_factory=list)
    # line number (1-based) -> set of codes disabled there by inline comments; "ALL" disables all
    disabled: dict[int, set[str]] = field(default_factory=dict)
    source_bytes: bytes | None = None
    # for docx, per line: the (start, end, index) of each text run (w:t) in the paragraph's text,
    # so a fix inside one run can be written back with the run's formatting (fixing/docx.py)
    docx_runs: list[list[tuple[int, int, int]]] | None = None
    # for docx, per line: the length of the numbering label Word draws before the paragraph's text
    docx_prefix: list[int] | None = None
    # for docx, per line: (table, row, column) of the table cell the paragraph is in, or None
    # (problem lists written as a Word table, layouts.table_sections)
    table_cells: list[tuple[int, int, int] | None] | None = None

    def __post_init__(self) -> None:
        self.line_starts = [0]
        find, at = self.text.find, 0
        while (at := find("\n", at) + 1) > 0:
            self.line_starts.append(at)
        self.newline = "\r\n" if "\r\n" in self.text else "\n"
        if self.masked:
            chars = list(self.text)
            for start, end in self.masked:
                for i in range(start, end):
                    if chars[i] not in "\r\n":
                        chars[i] = MASK
            self.check_text = "".join(chars)
        else:
            self.check_text = self.text

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end offsets of 1-based ``line`` without its terminator."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    def line_text(self, line: int, checked: bool = True) -> str:
        start, end = self.line_span(line)
        return (self.check_text if checked else self.text)[start:end]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        idx = bisect.bisect_right(self.line_starts, offset) - 1
        return idx + 1, offset - self.line_starts[idx] + 1

    def offset(self, line: int, column: int) -> int:
        return self.line_starts[line - 1] + column - 1

    def excerpt(self, lines, title_line: int | None = None) -> "DocumentExcerpt":
        """The source text of ``lines`` (those findings point at) and of the title line."""
        keep = {n for n in lines if 1 <= n <= self.line_count}
        if title_line:
            keep.add(title_line)
        return DocumentExcerpt(self.path, {n: self.line_text(n, checked=False) for n in sorted(keep)}, title_line)


@record
class DocumentExcerpt:
    """What output still needs of a linted document: the source text of some of its lines.

    A batch keeps one result per file until the run ends (cross-document rules, ordered output);
    keeping this instead of the whole document and outline keeps memory flat in the batch size.
    """

    path: str
    lines: dict[int, str]
    title_line: int | None = None

    def line_text(self, line: int, checked: bool = False) -> str:
        if checked:
            raise ValueError("an excerpt keeps only the source text of its lines")
        return self.lines.get(line, "")
