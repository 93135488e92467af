"""Stage 4, items: what each section lists.

In order of preference: the blocks under its sub-headings; inline enumerations (一是……二是……,
首先……其次……), possibly one per paragraph; for problems, causes and measures written as prose,
its sentences (or the clauses of a single long sentence that lists problems in a row).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from shuzhi_lint.numerals import ordinal
from shuzhi_lint.outline_model import Item, Section
from shuzhi_lint.structure.page import Page, strip
from shuzhi_lint.structure.spec import SectionSpec
from shuzhi_lint.patterncache import compile_std

_HEAD_STOP = compile_std(r"[。；;！？]")
_PIECE = compile_std(r"[^。；;！？]+[。；;！？]?")
_CLAUSE = compile_std(r"[^，,]+[，,。]?")
SPLIT_ROLES = ("problems", "causes", "measures")
NO_ITEMS = ("title", "preamble", "closing")


def enum_markers(spec: SectionSpec, text: str) -> list[tuple[int, int]]:
    """(offset, number) of 一是/二是… markers outside quotation marks, else 首先/其次…"""
    cues = spec.cues
    found = []
    for m in cues.enumeration.finditer(text):
        before = text[: m.start()]
        if before.count("“") > before.count("”"):
            continue
        found.append((m.start(), ordinal(m.group("num"))))
    if found:
        return found
    return [(m.start(), cues.sequence[m.group("word")]) for m in cues.sequence_marker.finditer(text)]


def item_head(spec: SectionSpec, text: str) -> str:
    """What an enumerated item is about: its first sentence without the marker."""
    body = spec.cues.item_marker.sub("", text)
    stop = _HEAD_STOP.search(body)
    return strip(body[: stop.start()] if stop else body)


def read_items(page: Page, spec: SectionSpec, sections: list[Section], labels: set[int]) -> None:
    for s in sections:
        if s.role not in NO_ITEMS:
            s.items = section_items(page, spec, s, labels)


def section_items(page: Page, spec: SectionSpec, s: Section, labels: set[int]) -> list[Item]:
    own = page.between(s.line, s.end_line)
    subs = [
        page.heading_of[n]
        for n in own
        if n in page.heading_of and n not in labels and not (n == s.line and s.heading)
    ]
    if subs:
        return _heading_items(page, s, own, subs)
    items = _enumerated_items(page, spec, own)
    if items or s.role not in SPLIT_ROLES:
        return items
    return sentence_items(page, spec, s, own)


def _heading_items(page: Page, s: Section, own: list[int], subs: list) -> list[Item]:
    """One item per sub-heading of the highest level inside the section, down to the next."""
    doc = page.doc
    level = min(h.level for h in subs)
    starts = [h for h in subs if h.level == level]
    items = []
    for i, h in enumerate(starts):
        stop = starts[i + 1].line - 1 if i + 1 < len(starts) else s.end_line
        block = own[bisect_left(own, h.line):bisect_right(own, stop)]
        start = doc.line_span(block[0])[0]
        end = doc.line_span(block[-1])[1]
        items.append(Item(block[0], block[-1], "".join(page.text_of[n] for n in block), start, end, head=h.text))
    return items


def _enumerated_items(page: Page, spec: SectionSpec, own: list[int]) -> list[Item]:
    """Inline enumerations: 一是…二是…, possibly one per paragraph; heading sentences are skipped."""
    doc = page.doc
    marks: list[tuple[int, int]] = []  # (absolute offset, line)
    for n in own:
        start, end = doc.line_span(n)
        h = page.heading_of.get(n)
        if h is not None:
            start = min(end, h.marker_end + len(h.text))
        for off, _num in enum_markers(spec, doc.check_text[start:end]):
            marks.append((start + off, n))
    items = []
    for i, (off, ln) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else doc.line_span(own[-1])[1]
        end_line = doc.position(max(off, end - 1))[0]
        text = strip(doc.check_text[off:end].replace("\n", ""))
        items.append(Item(ln, end_line, text, off, end, head=item_head(spec, text)))
    return items


def _wrapped_line(text: str) -> bool:
    """A line that stops in mid-sentence at a fixed width: long, ending in a character that
    cannot end a sentence or heading."""
    t = text.rstrip(" \t\u3000")
    return len(t) >= 30 and bool(t) and t[-1] not in "。！？!?；;：:”’）)】》…"


def _pieces(page: Page, spec: SectionSpec, own: list[int]) -> list[tuple[int, int]]:
    """(start, end) of the sentences of the prose lines ``own``, lead-ins left out, sentences
    broken by a fixed-width wrap joined again."""
    doc = page.doc
    pieces: list[tuple[int, int]] = []
    wrapped: dict[int, bool] = {}
    for n in own:
        start, end = doc.line_span(n)
        h = page.heading_of.get(n)
        if h is not None:
            start = min(end, h.marker_end + len(h.text) + 1)
        text = doc.check_text[start:end]
        # skip a lead-in label such as 原因分析： or 存在的问题：, or a sentence announcing the
        # list (在……中也发现一些问题，如：)
        lead = spec.cues.lead_in.match(text)
        first = n == own[0] or not pieces and h is None and page.heading_of.get(own[0])
        offset = lead.end() if lead and first else 0
        # a line broken inside a sentence (text wrapped at a fixed width) goes on in the next
        joined = bool(pieces) and wrapped.get(n - 1, False)
        for m in _PIECE.finditer(text[offset:]):
            if strip(m.group(0)):
                a, b = start + offset + m.start(), start + offset + m.end()
                if joined:
                    pieces[-1] = (pieces[-1][0], b)
                    joined = False
                else:
                    pieces.append((a, b))
        wrapped[n] = h is None and _wrapped_line(text)
    return pieces


def _problem_clauses(page: Page, spec: SectionSpec, piece: tuple[int, int]) -> list[tuple[int, int]] | None:
    """The clauses of one long sentence that lists problems in a row (…依然突出，…还不够规范，
    …刚刚起步): those that state a problem, when there are two or more."""
    text = page.doc.check_text
    a, b = piece
    clauses = [(a + m.start(), a + m.end()) for m in _CLAUSE.finditer(text[a:b])]
    flagged = [c for c in clauses if spec.cues.problem_clause.search(text[c[0]:c[1]])]
    return flagged if len(flagged) >= 2 else None


def sentence_items(page: Page, spec: SectionSpec, s: Section, own: list[int]) -> list[Item]:
    """Items of a part written as plain prose: its sentences, or the problem clauses of a single
    long sentence."""
    doc = page.doc
    pieces = _pieces(page, spec, own)
    if len(pieces) == 1 and s.role == "problems":
        pieces = _problem_clauses(page, spec, pieces[0]) or pieces
    items = []
    for a, b in pieces:
        text = strip(doc.check_text[a:b].replace("\r", "").replace("\n", "")).rstrip("，,")
        if len(text) < 4 or (s.role == "causes" and spec.cues.forward.match(text)):
            continue
        items.append(Item(doc.position(a)[0], doc.position(max(a, b - 1))[0], text, a, b, head=text, enumerated=False))
    return items
