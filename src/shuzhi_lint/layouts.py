"""Layouts that put causes and measures inside the problems part.

Many reports do not give causes and measures parts of their own:

- problems and causes in one part, the cause inside each item
  (一是…。究其原因，… / …，原因在于… / 主要是…所致 / 之所以…，是因为…);
- causes (or measures) per problem: under each problem's sub-heading a paragraph
  ``原因分析：…`` / ``整改措施：…`` before the next problem;
- measures given per problem right under it.

Each such item counts as the parts it contains: the problem keeps its own words, the cause and the
measure become items of a causes / measures section (over the same lines), and each remembers the
problem it belongs to (``Item.answers``), which the correspondence check takes as answered.
"""

from __future__ import annotations

import re

from shuzhi_lint.outline_model import Item, Section
from shuzhi_lint.patterncache import compile_std

# where the cause begins inside a problem item
_CAUSE = compile_std(
    r"究其原因|原因在于|原因是|原因主要是|主要原因是|原因分析[:：]|原因[:：]|根源在于|根子在于|根源是|"
    r"之所以[^。]{0,40}(?:是因为|是由于|主要是)|主要是[^。]{2,40}所致|归根结底|分析其原因|剖析原因"
)
# where the measure begins inside a problem item
_MEASURE = compile_std(r"(?:整改措施|改进措施|整改举措|努力方向|整改方向|下一步措施|下步措施)[:：]|(?:^|[。；])(?:下一步|今后)[，,：:]")


# a sentence that turns from the problems to what will be done
_MEASURE_START = compile_std(r"(?:为此|為此|今后|下一步|下阶段|新的一年|在新的一年)[^。]{0,16}(?:将|將|要|把|坚持|堅持|着力|努力)")


def merge_per_problem(sections: list[Section], heading_of: dict, spec) -> None:
    """A problems part whose problems each carry a ``原因分析：``/``整改措施：`` paragraph: the
    paragraph opened a causes/measures section that swallowed the following problems. Fold such
    sections back into the problems part (marked ``per_problem``)."""
    i = 0
    while i < len(sections):
        s = sections[i]
        if s.role != "problems":
            i += 1
            continue
        subs = [h for n, h in heading_of.items() if s.line < n <= s.end_line]
        j = i + 1
        while j < len(sections):
            t = sections[j]
            if t.heading is not None or t.role not in ("causes", "measures"):
                break
            inner = [h for n, h in heading_of.items() if t.line < n <= t.end_line]
            levels = {h.level for h in subs}
            if not subs or not any(h.level in levels and not spec.heading_roles(h.text) for h in inner):
                break
            s.end_line = t.end_line
            s.per_problem = True
            subs += inner
            del sections[j]
        i += 1


_PROBLEM_CUE = compile_std(r"差距|问题|問題|不足|短板|弱项|不够|不夠|薄弱|欠缺|有待")


def lead_sentences(sections: list[Section]) -> None:
    """A paragraph that tells the year's work, then turns to the problems (……成绩来之不易。
    同……相比还存在差距，诸如……): its opening sentences are not problems. They count as the
    achievements when the report has none elsewhere."""
    has_achievements = any(s.role == "achievements" for s in sections)
    for idx, s in enumerate(sections):
        if s.role != "problems" or s.heading is not None or not s.items or any(i.enumerated for i in s.items):
            continue
        k = next((n for n, i in enumerate(s.items) if _PROBLEM_CUE.search(i.text)), 0)
        if k == 0:
            continue
        lead, s.items = s.items[:k], s.items[k:]
        if not has_achievements:
            sections.insert(idx, Section("achievements", None, 0, lead[0].line, lead[-1].end_line, items=lead))
            has_achievements = True
        return


def split_inline(doc, sections: list[Section]) -> None:
    """Cut causes and measures out of problem items where the report has no such part of its own
    (or gives them per problem), and add them as causes / measures sections."""
    has_causes = any(s.role == "causes" for s in sections)
    has_measures = any(s.role == "measures" for s in sections)
    added: list[tuple[int, Section]] = []
    for idx, s in enumerate(sections):
        if s.role != "problems" or not s.items:
            continue
        per_problem = getattr(s, "per_problem", False)
        want_causes = per_problem or not has_causes
        want_measures = per_problem or not has_measures
        causes: list[Item] = []
        measures: list[Item] = []
        mode = "problems"  # sentences of one paragraph: problems, then 究其原因…, then 为此…将…
        kept: list[Item] = []
        for item in s.items:
            text = doc.check_text[item.start:item.end]
            if not item.enumerated:
                if want_causes and _CAUSE.match(text) and mode == "problems":
                    mode = "causes"
                elif want_measures and _MEASURE_START.match(text) and mode != "measures":
                    mode = "measures"
                if mode != "problems":
                    (causes if mode == "causes" else measures).append(item)
                    continue
            kept.append(item)
            cut_c = _CAUSE.search(text) if want_causes else None
            cut_m = _MEASURE.search(text) if want_measures else None
            if cut_c and cut_c.start() < 4:
                cut_c = None  # the item itself is a cause (原因分析：… as the whole item)
            cuts = sorted(c.start() + (1 if c.group(0)[:1] in "。；" else 0) for c in (cut_c, cut_m) if c)
            if not cuts:
                continue
            own_end = item.start + cuts[0]
            if cut_c:
                a = item.start + cut_c.start()
                b = item.start + (cut_m.start() if cut_m and cut_m.start() > cut_c.start() else len(text))
                causes.append(_piece(doc, a, b, item))
            if cut_m:
                a = item.start + cut_m.start() + (1 if cut_m.group(0)[:1] in "。；" else 0)
                b = item.start + (cut_c.start() if cut_c and cut_c.start() > cut_m.start() else len(text))
                measures.append(_piece(doc, a, b, item))
            _trim(doc, item, own_end)
        s.items = kept
        for role, found in (("causes", causes), ("measures", measures)):
            if found:
                sec = Section(role, None, s.level, found[0].line, max(x.end_line for x in found), items=found)
                added.append((idx, sec))
    for idx, sec in reversed(added):
        sections.insert(idx + 1, sec)


def _piece(doc, a: int, b: int, problem: Item) -> Item:
    text = doc.check_text[a:b].strip(" \t\r\n\u3000，,。；;")
    line = doc.position(a)[0]
    end_line = doc.position(max(a, b - 1))[0]
    head_stop = re.search(r"[。；;！？]", text)
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


# 问题清单 tables (.docx): a header row naming the columns, one problem a row
_COL_SKIP = compile_std(r"时限|时间|日期|责任|序号|编号|类别|类型|领域|状态|完成情况|进展|备注|来源")
_COL_CAUSE = compile_std(r"原因|根源")
_COL_MEASURE = compile_std(r"措施|举措|整改方向|整改内容|整改目标|整改要求|努力方向")
_COL_PROBLEM = compile_std(r"问题|不足|差距")


def table_sections(doc, sections: list[Section]) -> None:
    """A problem list in a Word table (存在问题 | 原因分析 | 整改措施 | 完成时限 …): each row is a
    problem with its own cause and measure. The table's rows become problems, causes and measures
    sections over the table's lines, every cause and measure tied to the problem of its row."""
    cells = doc.table_cells
    if not cells:
        return
    tables: dict[int, dict[tuple[int, int], list[int]]] = {}
    for index, cell in enumerate(cells):
        if cell is not None:
            tables.setdefault(cell[0], {}).setdefault((cell[1], cell[2]), []).append(index + 1)
    for grid in tables.values():
        cols: dict[str, int] = {}
        for (row, col), lns in sorted(grid.items()):
            if row != 0:
                continue
            text = "".join(doc.check_text[slice(*doc.line_span(n))] for n in lns).strip()
            if not text or len(text) > 12 or _COL_SKIP.search(text):
                continue
            for role, pattern in (("causes", _COL_CAUSE), ("measures", _COL_MEASURE), ("problems", _COL_PROBLEM)):
                if pattern.search(text):
                    cols.setdefault(role, col)
                    break
        if "problems" not in cols or len(cols) < 2:
            continue
        table_lines = {n for lns in grid.values() for n in lns}
        for s in sections:
            s.items = [i for i in s.items if i.line not in table_lines]
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
        first = min(table_lines)
        at = sum(1 for s in sections if s.line <= first)
        for role in ("problems", "causes", "measures"):
            items = found.get(role)
            if items:
                sections.insert(at, Section(role, None, 0, items[0].line, max(i.end_line for i in items), items=items))
                at += 1


def _cell_item(doc, lines: list[int] | None) -> Item | None:
    if not lines:
        return None
    start = doc.line_span(lines[0])[0]
    end = doc.line_span(lines[-1])[1]
    text = "".join(doc.check_text[slice(*doc.line_span(n))].strip(" \t\r\u3000") for n in lines)
    if len(text) < 2:
        return None
    stop = re.search(r"[。；;！？]", text)
    head = text[: stop.start()] if stop else text
    return Item(lines[0], lines[-1], text, start, end, head=head)
