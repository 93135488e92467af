"""Layouts that put causes and measures inside the problems part (stages 3b and 4b of the outline).

Many reports do not give causes and measures parts of their own:

- problems and causes in one part, the cause inside each item
  (一是…。究其原因，… / …，原因在于… / 主要是…所致 / 之所以…，是因为…);
- causes (or measures) per problem: under each problem's sub-heading a paragraph
  ``原因分析：…`` / ``整改措施：…`` before the next problem;
- measures given per problem right under it.

Each such item counts as the parts it contains: the problem keeps its own words, the cause and the
measure become items of a causes / measures section (over the same lines), and each remembers the
problem it belongs to (``Item.answers``), which the correspondence check takes as answered.
The cue words are ``cues:`` in rules/data/sections.yaml.
"""

from __future__ import annotations

import re

from shuzhi_lint.outline_model import Item, Section
from shuzhi_lint.structure.spec import SectionSpec
from shuzhi_lint.patterncache import compile_std

_HEAD_STOP = compile_std(r"[。；;！？]")
_TABLE_PARTS = ("problems", "causes", "measures")


def merge_per_problem(sections: list[Section], heading_of: dict, spec: SectionSpec) -> None:
    """A problems part whose problems each carry a ``原因分析：``/``整改措施：`` paragraph: the
    paragraph opened a causes/measures section that swallowed the following problems. Fold such
    sections back into the problems part (marked ``per_problem``)."""
    i = 0
    while i < len(sections):
        s = sections[i]
        if s.role == "problems":
            _fold_following(sections, i, heading_of, spec)
        i += 1


def _fold_following(sections: list[Section], i: int, heading_of: dict, spec: SectionSpec) -> None:
    s = sections[i]
    subs = [h for n, h in heading_of.items() if s.line < n <= s.end_line]
    while i + 1 < len(sections):
        t = sections[i + 1]
        if t.heading is not None or t.role not in ("causes", "measures"):
            return
        inner = [h for n, h in heading_of.items() if t.line < n <= t.end_line]
        levels = {h.level for h in subs}
        if not subs or not any(h.level in levels and not spec.heading_roles(h.text) for h in inner):
            return
        s.end_line = t.end_line
        s.per_problem = True
        subs += inner
        del sections[i + 1]


def lead_sentences(sections: list[Section], spec: SectionSpec) -> None:
    """A paragraph that tells the year's work, then turns to the problems (……成绩来之不易。
    同……相比还存在差距，诸如……): its opening sentences are not problems. They count as the
    achievements when the report has none elsewhere."""
    has_achievements = any(s.role == "achievements" for s in sections)
    for idx, s in enumerate(sections):
        if s.role != "problems" or s.heading is not None or not s.items or any(i.enumerated for i in s.items):
            continue
        k = next((n for n, i in enumerate(s.items) if spec.cues.problem_word.search(i.text)), 0)
        if k == 0:
            continue
        lead, s.items = s.items[:k], s.items[k:]
        if not has_achievements:
            sections.insert(idx, Section("achievements", None, 0, lead[0].line, lead[-1].end_line, items=lead))
        return


class _Splitter:
    """Reads a problems section's items in order, taking out causes and measures."""

    def __init__(self, doc, spec: SectionSpec, want_causes: bool, want_measures: bool):
        self.doc, self.cues = doc, spec.cues
        self.want_causes, self.want_measures = want_causes, want_measures
        self.mode = "problems"  # sentences of one paragraph: problems, then 究其原因…, then 为此…将…
        self.causes: list[Item] = []
        self.measures: list[Item] = []

    def keep(self, item: Item) -> bool:
        """Whether ``item`` stays a problem (without the cause and measure cut out of it)."""
        text = self.doc.check_text[item.start:item.end]
        if not item.enumerated:
            self._turn(text)
            if self.mode != "problems":
                (self.causes if self.mode == "causes" else self.measures).append(item)
                return False
        self._cut(item, text)
        return True

    def _turn(self, text: str) -> None:
        """A sentence that turns the paragraph to the causes or the measures."""
        if self.want_causes and self.cues.cause_in_problem.match(text) and self.mode == "problems":
            self.mode = "causes"
        elif self.want_measures and self.cues.measure_turn.match(text) and self.mode != "measures":
            self.mode = "measures"

    def _cut(self, item: Item, text: str) -> None:
        """Cut the cause and the measure written inside an item out of it."""
        cut_c = self.cues.cause_in_problem.search(text) if self.want_causes else None
        cut_m = self.cues.measure_in_problem.search(text) if self.want_measures else None
        if cut_c and cut_c.start() < 4:
            cut_c = None  # the item itself is a cause (原因分析：… as the whole item)
        cuts = sorted(_cut_at(c) for c in (cut_c, cut_m) if c)
        if not cuts:
            return
        if cut_c:
            end = cut_m.start() if cut_m and cut_m.start() > cut_c.start() else len(text)
            self.causes.append(_piece(self.doc, item.start + cut_c.start(), item.start + end, item))
        if cut_m:
            end = cut_c.start() if cut_c and cut_c.start() > cut_m.start() else len(text)
            self.measures.append(_piece(self.doc, item.start + _cut_at(cut_m), item.start + end, item))
        _trim(self.doc, item, item.start + cuts[0])


def _cut_at(m: re.Match) -> int:
    """Where a cue found in an item cuts it: after a full stop the cue begins with."""
    return m.start() + (1 if m.group(0)[:1] in "。；" else 0)


def split_inline(doc, sections: list[Section], spec: SectionSpec) -> None:
    """Cut causes and measures out of problem items where the report has no such part of its own
    (or gives them per problem), and add them as causes / measures sections."""
    has_causes = any(s.role == "causes" for s in sections)
    has_measures = any(s.role == "measures" for s in sections)
    added: list[tuple[int, Section]] = []
    for idx, s in enumerate(sections):
        if s.role != "problems" or not s.items:
            continue
        splitter = _Splitter(doc, spec, s.per_problem or not has_causes, s.per_problem or not has_measures)
        s.items = [item for item in s.items if splitter.keep(item)]
        for role, found in (("causes", splitter.causes), ("measures", splitter.measures)):
            if found:
                sec = Section(role, None, s.level, found[0].line, max(x.end_line for x in found), items=found)
                added.append((idx, sec))
    for idx, sec in reversed(added):
        sections.insert(idx + 1, sec)


def _piece(doc, a: int, b: int, problem: Item) -> Item:
    text = doc.check_text[a:b].strip(" \t\r\n\u3000，,。；;")
    line = doc.position(a)[0]
    end_line = doc.position(max(a, b - 1))[0]
    head_stop = _HEAD_STOP.search(text)
    head = text[: head_stop.start()] if head_stop else text
    piece = Item(line, end_line, text.replace("\n", ""), a, b, head=head.replace("\n", ""))
    piece.answers = problem
    return piece


def _trim(doc, item: Item, end: int) -> None:
    """The problem item without its cause and measure."""
    text = doc.check_text[item.start:end].rstrip(" \t\r\n\u3000，,")
    if len(text) < 2:
        return
    item.end = item.start + len(text)
    item.end_line = doc.position(max(item.start, item.end - 1))[0]
    item.text = text.replace("\n", "")
    if item.head and len(item.head) > len(item.text):
        item.head = item.text


def table_sections(doc, sections: list[Section], spec: SectionSpec) -> None:
    """A problem list in a Word table (存在问题 | 原因分析 | 整改措施 | 完成时限 …): each row is a
    problem with its own cause and measure. The table's rows become problems, causes and measures
    sections over the table's lines, every cause and measure tied to the problem of its row."""
    for grid in _grids(doc).values():
        cols = _columns(doc, grid, spec)
        if "problems" not in cols or len(cols) < 2:
            continue
        table_lines = {n for lns in grid.values() for n in lns}
        for s in sections:
            s.items = [i for i in s.items if i.line not in table_lines]
        found = _rows(doc, grid, cols)
        at = sum(1 for s in sections if s.line <= min(table_lines))
        for role in _TABLE_PARTS:
            items = found.get(role)
            if items:
                sections.insert(at, Section(role, None, 0, items[0].line, max(i.end_line for i in items), items=items))
                at += 1


def _grids(doc) -> dict[int, dict[tuple[int, int], list[int]]]:
    """Per table: (row, column) -> the lines of that cell."""
    tables: dict[int, dict[tuple[int, int], list[int]]] = {}
    for index, cell in enumerate(doc.table_cells or ()):
        if cell is not None:
            tables.setdefault(cell[0], {}).setdefault((cell[1], cell[2]), []).append(index + 1)
    return tables


def _columns(doc, grid: dict, spec: SectionSpec) -> dict[str, int]:
    """The column of each part, from the header row."""
    cols: dict[str, int] = {}
    for (row, col), lns in sorted(grid.items()):
        if row != 0:
            continue
        text = "".join(doc.check_text[slice(*doc.line_span(n))] for n in lns).strip()
        if not text or len(text) > 12 or spec.cues.table_other.search(text):
            continue
        role = next((r for r in ("causes", "measures", "problems") if spec.cues.table_columns[r].search(text)), None)
        if role is not None:
            cols.setdefault(role, col)
    return cols


def _rows(doc, grid: dict, cols: dict[str, int]) -> dict[str, list[Item]]:
    """The items of each part, row by row, causes and measures tied to the problem of their row."""
    found: dict[str, list[Item]] = {}
    for row in sorted({r for r, _ in grid if r > 0}):
        problem = _cell_item(doc, grid.get((row, cols["problems"])))
        if problem is None:
            continue
        found.setdefault("problems", []).append(problem)
        for role in ("causes", "measures"):
            item = _cell_item(doc, grid.get((row, cols[role]))) if role in cols else None
            if item is not None:
                item.answers = problem
                found.setdefault(role, []).append(item)
    return found


def _cell_item(doc, lines: list[int] | None) -> Item | None:
    if not lines:
        return None
    start = doc.line_span(lines[0])[0]
    end = doc.line_span(lines[-1])[1]
    text = "".join(doc.check_text[slice(*doc.line_span(n))].strip(" \t\r\u3000") for n in lines)
    if len(text) < 2:
        return None
    stop = _HEAD_STOP.search(text)
    head = text[: stop.start()] if stop else text
    return Item(lines[0], lines[-1], text, start, end, head=head)
