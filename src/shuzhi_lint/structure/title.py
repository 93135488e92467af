"""Stage 2, title: the title block at the top and the line that is the title; at the end, the
report year (from ``--year``, the title, or the preamble)."""

from __future__ import annotations

from dataclasses import field

from shuzhi_lint.outline_model import Section
from shuzhi_lint.records import record
from shuzhi_lint.structure.page import Page
from shuzhi_lint.structure.spec import SectionSpec
from shuzhi_lint.patterncache import compile_std

_YEAR = compile_std(r"((?:19|20)\d{2})\s*年")
_TITLE_BLOCK_MAX = 5  # lines


@record
class TitleBlock:
    """The title lines at the top of a document and the one that names it."""

    lines: list[int] = field(default_factory=list)  # short lines without sentence punctuation at the very top
    line: int | None = None  # the one that names the document (报告, 述职…), else the first
    text: str | None = None


def title_like(text: str) -> bool:
    return 0 < len(text) <= 50 and text[-1] not in "。：:；;！!，," and "。" not in text


def find_title(page: Page, spec: SectionSpec) -> TitleBlock:
    block: list[int] = []
    for n in page.lines[:_TITLE_BLOCK_MAX]:
        if n in page.heading_of or not title_like(page.text_of[n]):
            break
        block.append(n)
    if not block or len(block) == len(page.lines):
        return TitleBlock()  # a text of short lines only has no title block
    line = next((n for n in block if spec.cues.title.search(page.text_of[n])), block[0])
    return TitleBlock(block, line, page.text_of[line])


def find_year(title: str | None, preamble: list[str]) -> int | None:
    if title:
        m = _YEAR.search(title)
        if m:
            return int(m.group(1))
    years = [int(y) for t in preamble for y in _YEAR.findall(t)]
    return max(years) if years else None


def report_year(page: Page, spec: SectionSpec, title: TitleBlock, sections: list[Section], body: list[int],
                year: int | None) -> tuple[int | None, str | None]:
    """(year, where it came from: option, title or preamble)."""
    if year is not None:
        return year, "option"
    preamble = [page.text_of[n] for s in sections if s.role == "preamble" for n in page.between(s.line, s.end_line)]
    # the sentence that opens the report (现将本人2024年……报告如下) may follow a salutation line
    preamble += [page.text_of[n] for n in body[:3] if spec.cues.opening.search(page.text_of[n])]
    found = find_year(title.text, preamble)
    if found is None:
        return None, None
    return found, "title" if find_year(title.text, []) == found else "preamble"
