"""Document -> Outline: title, year, headings with levels, role-tagged sections and their items.

A small pipeline, one module per stage, each reading what the stages before it left:

1. ``headings``: numbered headings and their levels (一、 > （一） > 1. > （1））;
2. ``title``: the title block at the top, and the title line in it;
3. ``roles``: the body read line by line into sections with roles (DOMAIN.md §1), from heading
   keywords and paragraph openers; then ``layouts.merge_per_problem``;
4. ``items``: each section's items; then the other layouts (``layouts.py``: causes and measures
   written inside the problems, problem tables);
5. ``title.report_year``: the report year.

The words every stage looks for are in ``rules/data/sections.yaml`` (``spec.py`` compiles them);
numerals are read by ``shuzhi_lint.numerals``. The types are in ``shuzhi_lint.outline_model``.
"""

from __future__ import annotations

from shuzhi_lint.document import Document
from shuzhi_lint.numerals import ordinal as cn_number  # noqa: F401 (re-exported: the name plugins know)
from shuzhi_lint.outline_model import Heading, Item, Outline, Section  # noqa: F401 (re-exported)
from shuzhi_lint.structure import layouts
from shuzhi_lint.structure.headings import find_headings, link_parents, parse_heading  # noqa: F401 (re-exported)
from shuzhi_lint.structure.items import read_items
from shuzhi_lint.structure.page import Page, strip  # noqa: F401 (re-exported)
from shuzhi_lint.structure.roles import read_roles
from shuzhi_lint.structure.spec import ROLES, SectionSpec  # noqa: F401 (re-exported)
from shuzhi_lint.structure.title import find_title, find_year, report_year  # noqa: F401 (re-exported)


def build_outline(doc: Document, spec: SectionSpec, year: int | None = None) -> Outline:
    page = Page.of(doc)
    find_headings(page)
    title = find_title(page, spec)
    body = [n for n in page.lines if n not in title.lines]
    headings = [page.heading_of[n] for n in body if n in page.heading_of]
    link_parents(headings)

    sections: list[Section] = []
    if title.lines:
        sections.append(Section("title", None, 0, title.lines[0], title.lines[-1]))
    labels = read_roles(page, spec, body, headings, sections)
    layouts.merge_per_problem(sections, page.heading_of, spec)

    read_items(page, spec, sections, labels)
    layouts.lead_sentences(sections, spec)
    layouts.split_inline(doc, sections, spec)
    layouts.table_sections(doc, sections, spec)

    found, source = report_year(page, spec, title, sections, body, year)
    return Outline(doc.path, title.text, title.line, found, sections, headings, year_source=source)
