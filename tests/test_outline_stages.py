"""Each stage of the outline pipeline (shuzhi_lint.structure) on its own: rows of input lines and
the output of that stage."""

from __future__ import annotations

import pytest

from shuzhi_lint.api import linter
from shuzhi_lint.document import Document
from shuzhi_lint.outline_model import Section
from shuzhi_lint.structure import build_outline
from shuzhi_lint.structure.headings import find_headings, link_parents, parse_heading
from shuzhi_lint.structure.items import enum_markers, item_head, section_items
from shuzhi_lint.structure.page import Page
from shuzhi_lint.structure.roles import read_roles
from shuzhi_lint.structure.title import find_title, find_year


@pytest.fixture(scope="module")
def spec():
    return linter().section_spec


def page_of(lines: list[str]) -> Page:
    page = Page.of(Document(path="<t>", text="\n".join(lines) + "\n"))
    find_headings(page)
    return page


# -- stage 1: headings ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "line,expected",  # (level, number, marker, mark, text) or None
    [
        ("一、履职情况", (1, 1, "一、", "、", "履职情况")),
        ("  二．存在的问题。后面还有一句", (1, 2, "二．", "．", "存在的问题")),
        ("十一，其他事项", (1, 11, "十一，", "，", "其他事项")),
        ("第三部分 下一步打算", (1, 3, "第三部分", "部分", "下一步打算")),
        ("（十二）压实主体责任", (2, 12, "（十二）", "", "压实主体责任")),
        ("〔四〕、强化理论学习", (2, 4, "〔四〕、", "、", "强化理论学习")),
        ("3. 抓好队伍建设", (3, 3, "3.", ".", "抓好队伍建设")),
        ("(2)完善制度", (4, 2, "(2)", "", "完善制度")),
        ("十十、写错的序号", (1, 0, "十十、", "、", "写错的序号")),  # not a numeral: number 0
        ("一、", None),  # a number without text
        ("一、。", None),
        ("1.5亿元的投入", None),  # a decimal, not a heading
        ("2024年工作总结", None),
        ("一是加强学习。", None),
    ],
)
def test_headings(line, expected):
    h = parse_heading(Document(path="<t>", text=line), 1)
    got = None if h is None else (h.level, h.number, h.marker, h.mark, h.text)
    assert got == expected


@pytest.mark.parametrize(
    "levels,parents",  # the index of each heading's parent
    [
        ([1, 2, 3, 2, 1, 3], [None, 0, 1, 0, None, 4]),
        ([2, 2, 1, 2], [None, None, None, 2]),
        ([3, 1, 1], [None, None, None]),
    ],
)
def test_heading_parents(levels, parents):
    markers = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
    page = page_of([f"{markers[lv]}标题{i}" for i, lv in enumerate(levels)])
    headings = [page.heading_of[n] for n in page.lines]
    link_parents(headings)
    assert [None if h.parent is None else headings.index(h.parent) for h in headings] == parents


# -- stage 2: title ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "lines,block,title",
    [
        (["城关街道", "2024年度述职报告", "", "一、履职情况", "全年召开会议十二次。"], [1, 2], "2024年度述职报告"),
        (["城关街道党工委", "王某某", "今年以来，我认真履行职责。"], [1, 2], "城关街道党工委"),  # no title word: the first line
        (["一、履职情况", "全年召开会议十二次。"], [], None),  # a heading first: no title block
        (["各位领导：", "今年以来，我认真履行职责。"], [], None),  # a salutation is not a title
        (["短行一", "短行二"], [], None),  # short lines only: no title block
        (["a", "b", "c", "d", "e", "述职报告", "正文。"], [1, 2, 3, 4, 5], "a"),  # at most five lines
    ],
)
def test_title(spec, lines, block, title):
    t = find_title(page_of(lines), spec)
    assert (t.lines, t.text) == (block, title)


@pytest.mark.parametrize(
    "title,preamble,year",
    [
        ("2024年度述职报告", ["2023年工作回顾"], 2024),  # the title wins
        ("述职报告", ["现将本人2022年至2023年履职情况报告如下"], 2023),  # else the latest in the preamble
        (None, ["2025 年工作"], 2025),
        ("述职报告", ["共有2100名党员"], None),  # a number without 年
        (None, [], None),
    ],
)
def test_find_year(title, preamble, year):
    assert find_year(title, preamble) == year


@pytest.mark.parametrize(
    "lines,option,expected",
    [
        (["2024年度述职报告", "一、履职情况", "全年召开会议十二次。"], None, (2024, "title")),
        (["述职报告", "现将本人2025年履职情况报告如下：", "一、履职情况", "全年召开会议。"], None, (2025, "preamble")),
        (["述职报告", "各位领导：", "现将本人2025年履职情况报告如下。", "一、履职情况", "全年召开会议。"], None, (2025, "preamble")),
        (["2024年度述职报告", "一、履职情况", "全年召开会议十二次。"], 2026, (2026, "option")),
        (["述职报告", "一、履职情况", "全年召开会议十二次。"], None, (None, None)),
        # the opening sentence after a salutation, in a report without headings
        (["述职报告", "各位领导：", "现将本人2025年履职情况报告如下。", "全年召开会议十二次。"], None, (2025, "preamble")),
    ],
)
def test_report_year(spec, lines, option, expected):
    o = build_outline(Document(path="<t>", text="\n".join(lines)), spec, year=option)
    assert (o.year, o.year_source) == expected


# -- stage 3: roles ------------------------------------------------------------------------------

def roles_of(spec, lines: list[str]) -> tuple[list[tuple[str, int, int]], set[int]]:
    page = page_of(lines)
    title = find_title(page, spec)
    body = [n for n in page.lines if n not in title.lines]
    headings = [page.heading_of[n] for n in body if n in page.heading_of]
    sections = [Section("title", None, 0, title.lines[0], title.lines[-1])] if title.lines else []
    labels = read_roles(page, spec, body, headings, sections)
    return [(s.role, s.line, s.end_line) for s in sections], labels


ACHIEVED = "全年组织集中学习十二次，推动各项工作落实落地。"
PROBLEM = "理论学习的系统性还不够强，调查研究还不够深入。"
CAUSE = "究其原因，主要是思想认识还有差距。"
MEASURE = "下一步，我将坚持问题导向，持续改进工作作风。"


@pytest.mark.parametrize(
    "lines,sections,labels",
    [
        # headings name their parts
        (["2024年度述职报告", "今年以来，我认真履行职责。", "一、主要工作", ACHIEVED, "二、存在的问题", PROBLEM,
          "三、下一步打算", MEASURE],
         [("title", 1, 1), ("preamble", 2, 2), ("achievements", 3, 4), ("problems", 5, 6), ("measures", 7, 8)], set()),
        # a combined heading, its sub-headings switch between the roles it names
        (["一、工作情况", ACHIEVED, "二、存在的问题及原因分析", "（一）存在的问题", PROBLEM, "（二）原因分析", CAUSE],
         [("achievements", 1, 2), ("problems", 3, 5), ("causes", 6, 7)], {4}),
        # no headings: paragraph openers move the role forward, the last lines may close
        (["述职报告", "今年以来，我认真履行职责。", ACHIEVED, "存在的问题：" + PROBLEM, CAUSE, MEASURE, "以上述职，请予评议。"],
         [("title", 1, 1), ("preamble", 2, 2), ("achievements", 3, 3), ("problems", 4, 4), ("causes", 5, 5),
          ("measures", 6, 6), ("closing", 7, 7)], set()),
        # a paragraph of problems whose last sentence announces the measures: the next one is the measures
        (["一、存在的问题", PROBLEM + "今后我将着力改进。", "坚持每周集中学习一次。"],
         [("problems", 1, 2), ("measures", 3, 3)], set()),
        # the causes of the problems just stated, under a heading naming the achievements
        (["一、工作情况", ACHIEVED, "产生上述问题的原因主要是学习不够。"],
         [("achievements", 1, 2), ("causes", 3, 3)], set()),
        # a heading naming no part: achievements before any problems, other after them
        (["一、抓好党建", ACHIEVED, "二、存在的问题", PROBLEM, "三、其他事项", ACHIEVED],
         [("achievements", 1, 2), ("problems", 3, 4), ("other", 5, 6)], set()),
        # under a heading naming the achievements, an opener does not start the problems
        (["一、主要工作", "存在的问题：已全部解决。", ACHIEVED],
         [("achievements", 1, 3)], set()),
        # an announcement listing the problems (诸如……) starts them in a report without headings
        (["今年以来，我认真履行职责。", ACHIEVED, "工作中还存在一些不足，诸如学习不够深入、调研不够扎实。", MEASURE],
         [("preamble", 1, 1), ("achievements", 2, 2), ("problems", 3, 3), ("measures", 4, 4)], set()),
        # a problem item that gives its own cause stays a problem
        (["一、存在的问题", "一是学习不够深入，原因在于时间安排不合理。", "二是调研不够扎实。"],
         [("problems", 1, 3)], set()),
    ],
)
def test_roles(spec, lines, sections, labels):
    assert roles_of(spec, lines) == (sections, labels)


@pytest.mark.parametrize(
    "heading,roles",
    [
        ("存在的问题及原因分析", ["problems", "causes"]),
        ("存在问题整改情况", ["rectification"]),  # the head noun of a compound comes last
        ("存在的問題", ["problems"]),  # traditional characters
        ("抓好党建工作", []),
    ],
)
def test_heading_roles(spec, heading, roles):
    assert [r for _, r in spec.heading_roles(heading)] == roles


# -- stage 4: items ------------------------------------------------------------------------------

def items_of(spec, role: str, lines: list[str], heading: str | None = None):
    page = page_of(lines)
    section = Section(role, heading, 0, page.lines[0], page.lines[-1])
    return [(i.text, i.head, i.enumerated) for i in section_items(page, spec, section, set())]


@pytest.mark.parametrize(
    "role,lines,items",
    [
        # inline enumeration, heads without the marker
        ("problems", ["主要有以下问题：一是学习不够深入。二是调研不够扎实；还要加强。"],
         [("一是学习不够深入。", "学习不够深入", True), ("二是调研不够扎实；还要加强。", "调研不够扎实", True)]),
        # one enumeration item a paragraph
        ("measures", ["一要加强学习。", "二要改进作风。"],
         [("一要加强学习。", "一要加强学习", True), ("二要改进作风。", "二要改进作风", True)]),
        # 首先/其次 when there is no 一是
        ("measures", ["首先，加强学习。其次，改进作风。"],
         [("首先，加强学习。", "加强学习", True), ("其次，改进作风。", "改进作风", True)]),
        # a 一是 inside quotation marks is not a marker
        ("problems", ["开展“一是学二是做”活动流于形式。"],
         [("开展“一是学二是做”活动流于形式。", "开展“一是学二是做”活动流于形式。", False)]),
        # sub-headings: one item each, the block down to the next
        ("problems", ["（一）学习不够深入", "表现在学用脱节。", "（二）调研不够扎实"],
         [("（一）学习不够深入表现在学用脱节。", "学习不够深入", True), ("（二）调研不够扎实", "调研不够扎实", True)]),
        # prose: its sentences, a lead-in label left out
        ("problems", ["存在的问题：理论学习不够系统。调查研究不够深入。"],
         [("理论学习不够系统。", "理论学习不够系统。", False), ("调查研究不够深入。", "调查研究不够深入。", False)]),
        # one long sentence listing problems: the clauses that state one
        ("problems", ["基层治理依然薄弱，队伍建设还不够规范，数字化工作刚刚起步。"],
         [("基层治理依然薄弱", "基层治理依然薄弱", False), ("队伍建设还不够规范", "队伍建设还不够规范", False),
          ("数字化工作刚刚起步。", "数字化工作刚刚起步。", False)]),
        # causes: a sentence announcing the measures is not a cause
        ("causes", ["思想认识还不到位。今后要加强学习。"],
         [("思想认识还不到位。", "思想认识还不到位。", False)]),
        # a line wrapped at a fixed width goes on in the next line
        ("causes", ["对照上级要求和人民群众的期待，我在推动各项工作落实落地方面的思想认识", "还不够到位。执行力还不够强。"],
         [("对照上级要求和人民群众的期待，我在推动各项工作落实落地方面的思想认识还不够到位。",
           "对照上级要求和人民群众的期待，我在推动各项工作落实落地方面的思想认识还不够到位。", False),
          ("执行力还不够强。", "执行力还不够强。", False)]),
        # achievements written as prose have no items
        ("achievements", [ACHIEVED], []),
    ],
)
def test_items(spec, role, lines, items):
    assert items_of(spec, role, lines) == items


@pytest.mark.parametrize(
    "text,markers",
    [
        ("一是学习。二是调研。", [(0, 1), (5, 2)]),
        ("十是其他", [(0, 10)]),
        ("统一是关键", []),  # 一 inside a word
        ("首先，学习。其次，调研。", [(0, 1), (6, 2)]),
        ("首先，其次，", [(0, 1)]),  # 其次 after a comma is not a marker
        ("一是3个", []),  # 一是 followed by a digit is a count
    ],
)
def test_enum_markers(spec, text, markers):
    assert enum_markers(spec, text) == markers


@pytest.mark.parametrize(
    "text,head",
    [("一是学习不够深入。表现在…", "学习不够深入"), ("（2）调研不够，", "调研不够，"), ("3.作风不实；", "作风不实")],
)
def test_item_head(spec, text, head):
    assert item_head(spec, text) == head


# -- stages 3b/4b: layouts (causes and measures inside the problems part) -------------------------

def parts_of(spec, lines: list[str]):
    """role -> [(item text, the text of the problem it answers)] of the whole pipeline's outline."""
    o = build_outline(Document(path="<t>", text="\n".join(lines) + "\n"), spec)
    out: dict[str, list] = {}
    for s in o.sections:
        if s.items:
            out.setdefault(s.role, []).extend((i.text, i.answers.text if i.answers else None) for i in s.items)
    return out


@pytest.mark.parametrize(
    "lines,parts",
    [
        # the cause written inside a problem item, no causes part of its own
        (["一、存在的问题", "一是学习不够深入，原因在于工作繁忙挤占了学习时间。", "二是调研不够扎实。"],
         {"problems": [("一是学习不够深入", None), ("二是调研不够扎实。", None)],
          "causes": [("原因在于工作繁忙挤占了学习时间", "一是学习不够深入")]}),
        # the measure written inside a problem item
        (["一、存在的问题", "一是调研不够扎实。", "二是学习不够深入，整改措施：每周集中学习一次。"],
         {"problems": [("一是调研不够扎实。", None), ("二是学习不够深入", None)],
          "measures": [("整改措施：每周集中学习一次", "二是学习不够深入")]}),
        # a causes part of its own: the cause stays inside the item
        (["一、存在的问题", "一是学习不够深入，原因在于工作繁忙。", "二是调研不够扎实。", "二、原因分析", "思想认识还有差距。"],
         {"problems": [("一是学习不够深入，原因在于工作繁忙。", None), ("二是调研不够扎实。", None)],
          "causes": [("思想认识还有差距。", None)]}),
        # a cause paragraph under each problem's sub-heading: folded back into the problems part
        (["一、存在的问题", "（一）学习不够深入", "原因分析：工作繁忙。", "（二）调研不够扎实", "原因分析：方法不多。"],
         {"problems": [("（一）学习不够深入", None), ("（二）调研不够扎实", None)],
          "causes": [("原因分析：工作繁忙", "（一）学习不够深入"), ("原因分析：方法不多", "（二）调研不够扎实")]}),
        # one paragraph: the year's work, the problems, their causes and the measures
        (["今年以来，我认真履行职责。",
          "全年组织学习十二次，成绩来之不易。同先进单位相比还存在差距，诸如调研不够深入。究其原因，主要是思想认识不到位。为此，我将着力加强学习。"],
         {"achievements": [("全年组织学习十二次，成绩来之不易。", None)],
          "problems": [("同先进单位相比还存在差距，诸如调研不够深入。", None)],
          "causes": [("究其原因，主要是思想认识不到位。", None)],
          "measures": [("为此，我将着力加强学习。", None)]}),
    ],
)
def test_layouts(spec, lines, parts):
    assert parts_of(spec, lines) == parts


@pytest.mark.parametrize(
    "change,expected",
    [
        (lambda cues: cues.pop("title"), ["缺少", "title"]),
        (lambda cues: cues.clear(), ["缺少", "lead-in"]),
        (lambda cues: cues.update({"forward": "(今后"}), ["cues.forward", "正则"]),
        (lambda cues: cues.update({"sequence": "首先"}), ["cues.sequence", "列表"]),
    ],
)
def test_a_sections_file_without_its_cues_is_a_one_line_error(change, expected):
    from shuzhi_lint.errors import LintError
    from shuzhi_lint.structure.spec import SectionSpec

    data = dict(linter().data.get("sections"))
    data["cues"] = dict(data["cues"])
    change(data["cues"])
    with pytest.raises(LintError) as e:
        SectionSpec(data)
    assert "\n" not in str(e.value)
    for piece in expected:
        assert piece in str(e.value)
