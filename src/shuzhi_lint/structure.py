"""Document -> Outline: title, year, headings with levels, role-tagged sections and their items.

Roles come from keyword lists in ``rules/data/sections.yaml`` (see DOMAIN.md §1). The parser reads a
report the way a reviewer skims it: the title block, then numbered headings (一、 > （一） > 1. > （1）);
a heading's keywords give its section a role, a combined heading (存在的问题及原因分析) gives several,
and inside a section or in a report without headings, paragraph openers (究其原因…, 下一步…) move
the role forward. Roles only move forward (achievements -> problems -> causes -> measures -> closing),
which keeps a 解决问题 inside the achievements from starting a problems section.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import re

from shuzhi_lint.document import MASK, Document
from shuzhi_lint.outline_model import Heading, Item, Outline, Section  # noqa: F401 (re-exported)
from shuzhi_lint.patterncache import compile_std

ROLES = ("title", "preamble", "rectification", "achievements", "problems", "causes", "measures", "closing", "other")
_WS = " \t\r\u3000\ufeff\xa0" + MASK
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CN_NUM = "[一二三四五六七八九十]{1,3}"

# (level, regex). Groups: num = the number, mark = punctuation after a 一/1 style number.
_HEADING_PATTERNS = [
    (1, compile_std(rf"^(?P<num>{_CN_NUM})[ \t\u3000]*(?P<mark>[、.．，,:：])")),
    (1, compile_std(rf"^第(?P<num>{_CN_NUM})(?P<mark>部分|章)")),
    (2, compile_std(rf"^[（(〔](?P<num>{_CN_NUM})[）)〕](?P<mark>[、.．，,]?)")),
    (3, compile_std(r"^(?P<num>\d{1,2})[ \t]*(?P<mark>[.．、])(?![\d.．])")),
    (4, compile_std(r"^[（(](?P<num>\d{1,2})[）)](?P<mark>[、.．]?)")),
]
_ENUM_CN = compile_std(r"(?:(?<=^)|(?<=[。；;：:！!？?，,\s" + MASK + r"]))(?P<num>[一二三四五六七八九十])(?:是|要|则)(?![\d０-９])")
_ENUM_SEQ = compile_std(r"(?:(?<=^)|(?<=[。；;：:！!？?\s" + MASK + r"]))(?P<word>首先|其次|再次|最后)(?=[，,])")
_SENTENCE_END = compile_std(r"[。！？!?]")


def cn_number(text: str) -> int:
    """Value of a Chinese numeral up to 99 (一 .. 九十九), or of Arabic digits."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


ROLES_MEMO_SIZE = 20000  # heading texts whose roles a SectionSpec remembers


class SectionSpec:
    """Compiled role keywords (rules/data/sections.yaml, optionally overridden by config)."""

    def __init__(self, data: dict):
        self.order = {r: i for i, r in enumerate(data.get("order", []))}
        roles = data.get("roles", {})
        self.heading_words = {r: list(v.get("heading", [])) for r, v in roles.items()}
        self.openers = {r: [compile_std(p) for p in v.get("opener", [])] for r, v in roles.items()}
        self.announce = {r: compile_std(v["announce"]) for r, v in roles.items() if v.get("announce")}
        pairs = data.get("traditional", "") or ""
        self.simplify = str.maketrans(pairs[0::2], pairs[1::2]) if len(pairs) % 2 == 0 else {}
        # heading_roles of headings seen before: the outline asks up to three times per heading,
        # and a batch's reports share most headings (each call looks up ~70 words)
        self._roles: dict[str, tuple[tuple[int, str], ...]] = {}

    def heading_roles(self, text: str) -> list[tuple[int, str]]:
        """Roles named in a heading, as (position, role), overlaps resolved to the later-ending match."""
        found = self._roles.get(text)
        if found is None:
            found = tuple(self._heading_roles(text))
            if len(self._roles) >= ROLES_MEMO_SIZE:
                self._roles.clear()
            self._roles[text] = found
        return list(found)

    def _heading_roles(self, text: str) -> list[tuple[int, str]]:
        if self.simplify:
            text = text.translate(self.simplify)
        matches = []
        for role, words in self.heading_words.items():
            best = None
            for w in words:
                pos = text.find(w)
                if pos >= 0 and (best is None or pos < best[0] or (pos == best[0] and pos + len(w) > best[1])):
                    best = (pos, pos + len(w))
            if best:
                matches.append((best[0], best[1], role))
        matches.sort()
        kept: list[tuple[int, int, str]] = []
        for m in matches:
            if kept and m[0] < kept[-1][1]:
                # the head noun of a Chinese compound comes last: 存在问题整改 is about 整改
                if m[1] > kept[-1][1]:
                    kept[-1] = m
                continue
            kept.append(m)
        return [(p, r) for p, _, r in kept]

    def rank(self, role: str) -> int:
        return self.order.get(role, 99)


def strip(text: str) -> str:
    return text.strip(_WS)


def parse_heading(doc: Document, line: int) -> Heading | None:
    start, end = doc.line_span(line)
    raw = doc.check_text[start:end]
    lead = len(raw) - len(raw.lstrip(_WS))
    body = raw[lead:]
    for level, pattern in _HEADING_PATTERNS:
        m = pattern.match(body)
        if not m:
            continue
        rest = body[m.end():].lstrip(_WS)
        if not rest or rest[0] in "。，、；":
            continue
        stop = _SENTENCE_END.search(rest)
        text = rest[: stop.start()] if stop else rest
        return Heading(
            line=line,
            level=level,
            number=cn_number(m.group("num")),
            marker=m.group(0),
            mark=m.group("mark") or "",
            text=strip(text),
            start=start + lead,
            marker_end=start + lead + m.end(),
        )
    return None


def _title_like(text: str) -> bool:
    return 0 < len(text) <= 50 and text[-1] not in "。：:；;！!，," and "。" not in text


def find_year(title: str | None, preamble: list[str]) -> int | None:
    if title:
        m = re.search(r"((?:19|20)\d{2})\s*年", title)
        if m:
            return int(m.group(1))
    years = [int(y) for t in preamble for y in re.findall(r"((?:19|20)\d{2})\s*年", t)]
    return max(years) if years else None


def _enum_markers(text: str) -> list[tuple[int, int]]:
    """(offset, number) of 一是/二是… markers outside quotation marks, else 首先/其次…"""
    found = []
    for m in _ENUM_CN.finditer(text):
        before = text[: m.start()]
        if before.count("“") > before.count("”"):
            continue
        found.append((m.start(), cn_number(m.group("num"))))
    if found:
        return found
    seq = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}
    return [(m.start(), seq[m.group("word")]) for m in _ENUM_SEQ.finditer(text)]


def build_outline(doc: Document, spec: SectionSpec, year: int | None = None) -> Outline:
    lines = [n for n in range(1, doc.line_count + 1) if strip(doc.line_text(n))]
    text_of = {n: strip(doc.line_text(n)) for n in lines}
    heading_of = {n: h for n in lines if (h := parse_heading(doc, n))}

    # title block: short lines without sentence punctuation at the very top
    title_lines: list[int] = []
    for n in lines[:5]:
        if n in heading_of or not _title_like(text_of[n]):
            break
        title_lines.append(n)
    if title_lines and len(title_lines) == len(lines):
        title_lines = []
    title_line = next((n for n in title_lines if re.search("报告|述职|汇报|总结", text_of[n])), None)
    if title_line is None and title_lines:
        title_line = title_lines[0]
    title = text_of[title_line] if title_line else None
    body = [n for n in lines if n not in title_lines]

    headings = [heading_of[n] for n in body if n in heading_of]
    _link_parents(headings)
    keyword_levels = [h.level for h in headings if spec.heading_roles(h.text)]
    top_level = min(keyword_levels) if keyword_levels else None

    sections: list[Section] = []
    if title_lines:
        sections.append(Section("title", None, 0, title_lines[0], title_lines[-1]))

    cur: Section | None = None
    top_roles: list[str] = []
    pending: str | None = None  # a role announced at the end of the previous paragraph
    role_headings: set[int] = set()
    last_lines = set(body[-3:])
    first_heading_line = headings[0].line if headings else None

    def open_section(role: str, heading: str | None, level: int, line: int, explicit: bool) -> None:
        nonlocal cur
        if cur is not None and cur.line == line:
            sections.remove(cur)
        cur = Section(role, heading, level, line, line, explicit=explicit)
        sections.append(cur)

    def seen(role: str) -> bool:
        return any(s.role == role for s in sections)

    for n in body:
        text = text_of[n]
        h = heading_of.get(n)
        role_now = cur.role if cur else "preamble"
        if h and top_level is not None and h.level <= top_level:
            roles = [r for _, r in spec.heading_roles(h.text)]
            if roles:
                open_section(roles[0], text, h.level, n, True)
                top_roles = roles
            else:
                default = "achievements" if not seen("problems") else "other"
                open_section(default, text, h.level, n, False)
                top_roles = []
            pending = None
            continue
        if cur is None:
            if first_heading_line is not None and n < first_heading_line or first_heading_line is None:
                open_section("preamble", None, 0, n, False)
                if first_heading_line is None:
                    role_now = "preamble"
                else:
                    continue
        if h:
            # a sub-heading may switch the role: （一）存在问题 / （二）原因分析 under a combined heading
            named = spec.heading_roles(h.text)
            if named:
                pos, role = named[0]
                if role != role_now and (role in top_roles or pos <= 2) and spec.rank(role) > spec.rank(role_now):
                    open_section(role, text, h.level, n, True)
                    pending = None
                    continue
                if role == role_now and pos <= 2 and len(h.text) <= 12:
                    role_headings.add(n)  # （一）存在的问题 under 二、存在的问题及原因: a label, not an item
                    continue
            if role_now == "preamble":
                open_section("achievements", None, 0, n, False)
            pending = None
            continue
        # a plain paragraph: openers move the role forward
        switched = _paragraph_role(spec, text.translate(spec.simplify) if spec.simplify else text, role_now, cur, n in last_lines, pending, seen)
        pending = None
        if switched:
            open_section(switched, None, 0, n, False)
            role_now = switched
        elif role_now == "preamble" and cur is not None and cur.line != n and first_heading_line is None:
            open_section("achievements", None, 0, n, False)
            role_now = "achievements"
        if role_now in ("problems", "causes"):
            ann = spec.announce.get("measures")
            last = [s for s in re.split(r"(?<=[。！？!?])", text) if s.strip()]
            if ann and len(last) > 1 and ann.search(last[-1]) and not _enum_markers(last[-1]):
                pending = "measures"

    # close line ranges
    # (``lines`` is sorted: bisect, not a scan of every line for every section, which made a long
    # anthology of reports quadratic)
    for i, s in enumerate(sections):
        nxt = sections[i + 1].line if i + 1 < len(sections) else None
        lo = bisect_left(lines, s.line)
        hi = bisect_left(lines, nxt) if nxt is not None else len(lines)
        s.end_line = lines[hi - 1] if hi > lo else s.line

    from shuzhi_lint.layouts import lead_sentences, merge_per_problem, split_inline, table_sections

    merge_per_problem(sections, heading_of, spec)
    for s in sections:
        if s.role not in ("title", "preamble", "closing"):
            s.items = _items(doc, s, heading_of, text_of, lines, role_headings)
    lead_sentences(sections)
    split_inline(doc, sections)
    table_sections(doc, sections)

    preamble_text = [
        text_of[n] for s in sections if s.role == "preamble" for n in lines[bisect_left(lines, s.line):bisect_right(lines, s.end_line)]
    ]
    # the sentence that opens the report (现将本人2024年……报告如下) may follow a salutation line
    preamble_text += [text_of[n] for n in body[:3] if re.search("现将|述职如下|报告如下|汇报如下", text_of[n])]
    found_year = year if year is not None else find_year(title, preamble_text)
    if year is not None:
        source = "option"
    elif found_year is not None:
        source = "title" if find_year(title, []) == found_year else "preamble"
    else:
        source = None
    return Outline(doc.path, title, title_line, found_year, sections, headings, year_source=source)


def _paragraph_role(spec, text, role_now, cur, near_end, pending, seen) -> str | None:
    rank_now = spec.rank(role_now)
    explicit = cur is not None and cur.explicit
    candidates: list[str] = []
    if pending and spec.rank(pending) > rank_now:
        return pending
    if near_end and role_now in ("problems", "causes", "measures", "other", "achievements"):
        candidates.append("closing")
    # under a heading that names its role, openers may only split causes or measures off a
    # problems/causes section; without one, any later role may begin
    if not explicit:
        candidates += ["rectification", "problems", "causes", "measures"]
    elif role_now in ("problems", "causes"):
        candidates += ["causes", "measures"]
    elif role_now in ("achievements", "other") and _BACK_TO_PROBLEMS.match(text):
        return "causes"  # 产生上述问题的原因：… after problems the heading of which is missing
    for role in spec.order:
        if role not in candidates or spec.rank(role) <= rank_now:
            continue
        if role == "rectification" and seen("achievements"):
            continue
        if any(p.search(text) for p in spec.openers.get(role, [])):
            if role == "causes" and role_now == "problems" and _cause_inside_item(text):
                continue  # 二是……，原因在于……: a problem item that gives its own cause (layouts.py)
            return role
        ann = spec.announce.get(role)
        if role == "problems" and ann:
            m = ann.search(text)
            if m and (_enum_markers(text[m.end():]) or "诸如" in m.group(0)):
                return role
    return None


# a paragraph that names the causes of the problems just stated: a cause analysis under any heading
_BACK_TO_PROBLEMS = compile_std(r"^[^。]{0,12}(?:产生|造成|出现)?(?:上述|以上|这些)[^。]{0,6}问题[^。]{0,8}(?:的原因|原因(?:是|有|在于|主要)|根源)")


def _cause_inside_item(text: str) -> bool:
    """An enumerated item that states a problem first and its cause after it."""
    m = ITEM_MARKER.match(text)
    if not m:
        return False
    cue = re.search("原因|根源", text)
    return cue is not None and cue.start() - m.end() >= 4


def _items(doc: Document, s: Section, heading_of: dict, text_of: dict, lines: list[int], labels: set[int]) -> list[Item]:
    own = lines[bisect_left(lines, s.line):bisect_right(lines, s.end_line)]
    subs = [
        heading_of[n]
        for n in own
        if n in heading_of and n not in labels and not (n == s.line and s.heading)
    ]
    if subs:
        level = min(h.level for h in subs)
        starts = [h.line for h in subs if h.level == level]
        items = []
        for i, ln in enumerate(starts):
            stop = starts[i + 1] - 1 if i + 1 < len(starts) else s.end_line
            block = own[bisect_left(own, ln):bisect_right(own, stop)]
            start = doc.line_span(block[0])[0]
            end = doc.line_span(block[-1])[1]
            head = next(h.text for h in subs if h.line == ln)
            items.append(Item(block[0], block[-1], "".join(text_of[n] for n in block), start, end, head=head))
        return items
    # inline enumerations: 一是…二是…, possibly one per paragraph; heading sentences are skipped
    marks: list[tuple[int, int]] = []  # (absolute offset, line)
    for n in own:
        start, end = doc.line_span(n)
        h = heading_of.get(n)
        if h is not None:
            start = min(end, h.marker_end + len(h.text))
        for off, _num in _enum_markers(doc.check_text[start:end]):
            marks.append((start + off, n))
    if not marks:
        return _sentence_items(doc, s, own, heading_of, labels) if s.role in _SPLIT_ROLES else []
    stop_line = own[-1]
    items = []
    for i, (off, ln) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else doc.line_span(stop_line)[1]
        end_line = doc.position(max(off, end - 1))[0]
        raw = doc.check_text[off:end]
        text = strip(raw.replace("\n", ""))
        items.append(Item(ln, end_line, text, off, end, head=_head(text)))
    return items


_SPLIT_ROLES = ("problems", "causes", "measures")
_FORWARD = compile_std(r"(今后|下一步|下步|下阶段)")  # a sentence announcing the measures, inside the causes
_CLAUSE_CUE = compile_std(
    r"不够|有待|差距|不足|依然|仍|欠缺|薄弱|刚刚起步|不强|不高|不到位|缺乏|较少|单一|滞后|不完善|不健全|不规范|不明显|不深|不实|偏差|问题"
)
ITEM_MARKER = compile_std(r"^(?:[一二三四五六七八九十]是|首先|其次|再次|最后|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])[，,]?")


def _head(text: str) -> str:
    body = ITEM_MARKER.sub("", text)
    stop = re.search(r"[。；;！？]", body)
    return strip(body[: stop.start()] if stop else body)


_LEAD_IN = compile_std(r"[^。：:]{0,12}[：:]|[^。：:]{0,40}(?:问题|困难|不足|差距)[^。：:]{0,8}(?:如|例如|比如|主要是|表现在|表现为)[：:]")


def _wrapped_line(text: str) -> bool:
    """A line that stops in mid-sentence at a fixed width: long, ending in a character that
    cannot end a sentence or heading."""
    t = text.rstrip(" \t\u3000")
    return len(t) >= 30 and bool(t) and t[-1] not in "。！？!?；;：:”’）)】》…"


def _sentence_items(doc: Document, s: Section, own: list[int], heading_of: dict, labels: set[int]) -> list[Item]:
    """Items of a part written as plain prose: its sentences, or for a single long sentence that
    lists problems in a row (…依然突出，…还不够规范，…刚刚起步), the clauses that state a problem."""
    pieces: list[tuple[int, int]] = []
    wrapped: dict[int, bool] = {}
    for n in own:
        start, end = doc.line_span(n)
        h = heading_of.get(n)
        if h is not None:
            start = min(end, h.marker_end + len(h.text) + 1)
        text = doc.check_text[start:end]
        # skip a lead-in label such as 原因分析： or 存在的问题：, or a sentence announcing the
        # list (在……中也发现一些问题，如：)
        lead = _LEAD_IN.match(text)
        offset = lead.end() if lead and (n == own[0] or not pieces and h is None and heading_of.get(own[0])) else 0
        # a line broken inside a sentence (text wrapped at a fixed width) goes on in the next
        joined = bool(pieces) and wrapped.get(n - 1, False)
        for m in re.finditer(r"[^。；;！？]+[。；;！？]?", text[offset:]):
            if strip(m.group(0)):
                a, b = start + offset + m.start(), start + offset + m.end()
                if joined:
                    pieces[-1] = (pieces[-1][0], b)
                    joined = False
                else:
                    pieces.append((a, b))
        wrapped[n] = h is None and _wrapped_line(text)
    if len(pieces) == 1 and s.role == "problems":
        a, b = pieces[0]
        clauses = [(a + m.start(), a + m.end()) for m in re.finditer(r"[^，,]+[，,。]?", doc.check_text[a:b])]
        flagged = [c for c in clauses if _CLAUSE_CUE.search(doc.check_text[c[0]:c[1]])]
        if len(flagged) >= 2:
            pieces = flagged
    items = []
    for a, b in pieces:
        text = strip(doc.check_text[a:b].replace("\r", "").replace("\n", "")).rstrip("，,")
        if len(text) < 4 or (s.role == "causes" and _FORWARD.match(text)):
            continue
        items.append(Item(doc.position(a)[0], doc.position(max(a, b - 1))[0], text, a, b, head=text, enumerated=False))
    return items


def _link_parents(headings: list[Heading]) -> None:
    stack: list[Heading] = []
    for h in headings:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        h.parent = stack[-1] if stack else None
        stack.append(h)
