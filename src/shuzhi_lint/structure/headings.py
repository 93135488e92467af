"""Stage 1, headings: the numbered headings of the body and their levels (一、 > （一） > 1. > （1）)."""

from __future__ import annotations


from shuzhi_lint.numerals import SMALL, ordinal
from shuzhi_lint.outline_model import Heading
from shuzhi_lint.structure.page import WS, Page, strip
from shuzhi_lint.patterncache import compile_std

_ORDINAL = SMALL + "{1,3}"

# (level, regex). Groups: num = the number, mark = punctuation after a 一/1 style number.
HEADING_PATTERNS = [
    (1, compile_std(rf"^(?P<num>{_ORDINAL})[ \t\u3000]*(?P<mark>[、.．，,:：])")),
    (1, compile_std(rf"^第(?P<num>{_ORDINAL})(?P<mark>部分|章)")),
    (2, compile_std(rf"^[（(〔](?P<num>{_ORDINAL})[）)〕](?P<mark>[、.．，,]?)")),
    (3, compile_std(r"^(?P<num>\d{1,2})[ \t]*(?P<mark>[.．、])(?![\d.．])")),
    (4, compile_std(r"^[（(](?P<num>\d{1,2})[）)](?P<mark>[、.．]?)")),
]
_SENTENCE_END = compile_std(r"[。！？!?]")


def parse_heading(doc, line: int) -> Heading | None:
    """The heading on ``line``: a numbered marker followed by text (not by a comma or full stop);
    its text runs to the first full stop."""
    start, end = doc.line_span(line)
    raw = doc.check_text[start:end]
    lead = len(raw) - len(raw.lstrip(WS))
    body = raw[lead:]
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(body)
        if not m:
            continue
        rest = body[m.end():].lstrip(WS)
        if not rest or rest[0] in "。，、；":
            continue
        stop = _SENTENCE_END.search(rest)
        text = rest[: stop.start()] if stop else rest
        return Heading(
            line=line,
            level=level,
            number=ordinal(m.group("num")),
            marker=m.group(0),
            mark=m.group("mark") or "",
            text=strip(text),
            start=start + lead,
            marker_end=start + lead + m.end(),
        )
    return None


def find_headings(page: Page) -> None:
    """Fill ``page.heading_of`` for every non-empty line."""
    page.heading_of = {n: h for n in page.lines if (h := parse_heading(page.doc, n))}


def link_parents(headings: list[Heading]) -> None:
    """Each heading's parent: the nearest heading before it of a higher level (a smaller number)."""
    stack: list[Heading] = []
    for h in headings:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        h.parent = stack[-1] if stack else None
        stack.append(h)
