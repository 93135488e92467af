"""What every stage of the outline reads: the document's non-empty lines, their text and headings."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import field

from shuzhi_lint.document import MASK, Document
from shuzhi_lint.outline_model import Heading
from shuzhi_lint.records import record

WS = " \t\r\u3000\ufeff\xa0" + MASK


def strip(text: str) -> str:
    return text.strip(WS)


@record
class Page:
    """The document as the outline stages read it: its non-empty lines, their texts and the headings found."""

    doc: Document
    lines: list[int]  # the numbers of the non-empty lines, in order
    text_of: dict[int, str]  # each one's text without surrounding blanks
    heading_of: dict[int, Heading] = field(default_factory=dict)  # filled by the headings stage

    @classmethod
    def of(cls, doc: Document) -> "Page":
        text_of = {}
        for n in range(1, doc.line_count + 1):
            text = strip(doc.line_text(n))
            if text:
                text_of[n] = text
        return cls(doc, list(text_of), text_of)

    def between(self, first: int, last: int) -> list[int]:
        """The non-empty lines from ``first`` to ``last``. (``lines`` is sorted: bisect, not a scan
        of every line for every section, which made a long anthology of reports quadratic.)"""
        return self.lines[bisect_left(self.lines, first):bisect_right(self.lines, last)]
