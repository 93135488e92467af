"""The outline parser on the five seeds and on reports written for these tests."""

from __future__ import annotations

import json

import pytest

from conftest import seed
from shuzhi_lint.api import outline_of


def roles(outline):
    return [(s.role, s.line, s.end_line) for s in outline.sections]


def load(prefix):
    return outline_of(seed(prefix).read_text(encoding="utf-8"), path=str(seed(prefix)))


def test_seed_000_combined_problems_and_causes():
    o = load("000")
    assert roles(o) == [
        ("preamble", 1, 1),
        ("achievements", 2, 6),
        ("problems", 7, 8),
        ("causes", 9, 9),
        ("measures", 10, 14),
    ]
    assert len(o.items("problems")) == 3 and len(o.items("causes")) == 3 and len(o.items("measures")) == 4
    assert o.items("problems")[1].text.startswith("二是党建特色不够鲜明")


def test_seed_001_causes_paragraph_inside_problems_section():
    o = load("001")
    assert [r for r, *_ in roles(o)] == ["preamble", "achievements", "problems", "causes", "measures"]
    assert o.year == 2023
    assert [i.line for i in o.items("problems")] == [12, 14, 16]
    assert len(o.items("causes")) == 3


def test_seed_002_problems_and_measures_share_a_heading():
    o = load("002")
    assert o.title == "2017年抓基层党建工作述职报告" and o.year == 2017
    r = roles(o)
    assert r[0] == ("title", 2, 4)
    assert ("problems", 15, 16) in r
    measures = o.by_role("measures")[0]
    assert (measures.line, measures.end_line, measures.level) == (17, 21, 2)
    assert [i.line for i in measures.items] == [18, 19, 20, 21]
    assert not o.has("causes")


def test_seed_003_rectification_and_cause_paragraph():
    o = load("003")
    assert [r for r, *_ in roles(o)] == ["title", "preamble", "rectification", "achievements", "problems", "causes", "measures"]
    assert o.year == 2023
    assert o.by_role("causes")[0].line == 12


def test_seed_004_without_headings():
    o = load("004")
    assert roles(o) == [
        ("preamble", 1, 2),
        ("achievements", 3, 5),
        ("problems", 6, 6),
        ("causes", 7, 7),
        ("measures", 8, 11),
        ("closing", 12, 13),
    ]
    assert len(o.items("problems")) == 4 and len(o.items("measures")) == 4


def test_unseen_report_with_sub_heading_causes_and_first_sequence_words():
    text = (
        "2024年度机关党委书记抓基层党建工作述职报告\n"
        "一、主要做法及成效\n"
        "（一）抓班子带队伍。全年组织中心组学习12次。\n"
        "（二）抓阵地建品牌。新建党员活动室2个。\n"
        "二、存在的主要问题及原因\n"
        "（一）存在的问题\n"
        "首先，理论学习的系统性不强。其次，基层组织建设有短板。\n"
        "（二）原因分析\n"
        "一是政治站位不够高。二是责任意识不够强。\n"
        "三、下阶段计划\n"
        "1.系统学习党的创新理论。\n"
        "2.补齐基层组织建设短板。\n"
        "以上述职，请予评议。\n"
    )
    o = outline_of(text)
    assert [r for r, *_ in roles(o)] == ["title", "achievements", "problems", "causes", "measures", "closing"]
    assert [i.text[:2] for i in o.items("problems")] == ["首先", "其次"]
    assert len(o.items("causes")) == 2
    assert len(o.items("measures")) == 2
    assert o.year == 2024


def test_quoted_enumeration_is_not_an_item_and_roles_only_move_forward():
    text = (
        "一、履职情况\n"
        "我们提出“一是抓学习、二是抓落实”的思路，帮助群众解决问题12个。\n"
        "二、存在的问题\n"
        "一是学习不够深入。二是创新不够。\n"
        "三、今后努力方向\n"
        "一是深化学习。二是推动创新。\n"
    )
    o = outline_of(text)
    assert o.by_role("achievements")[0].items == []
    assert [r for r, *_ in roles(o)] == ["achievements", "problems", "measures"]


def test_outline_json_contract(cli):
    code, out, err = cli("--outline", "--format", "json", seed("002"))
    assert code == 0, err
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 1
    o = data[0]
    assert set(o) >= {"path", "title", "year", "sections"}
    assert o["path"] == str(seed("002"))
    for s in o["sections"]:
        assert set(s) == {"role", "heading", "level", "line", "end_line", "items"}
        assert s["role"] in {"title", "preamble", "rectification", "achievements", "problems", "causes", "measures", "closing", "other"}
        assert s["line"] <= s["end_line"]
        for item in s["items"]:
            assert set(item) == {"line", "end_line", "text"}


def test_outline_text_is_readable(cli):
    code, out, _ = cli("--outline", seed("004"))
    assert code == 0
    assert "[存在问题] 第 6–6 行" in out
    assert "[原因分析] 第 7–7 行" in out
    assert "[下一步措施] 第 8–11 行" in out


def test_outline_is_a_registered_format(cli, tmp_path):
    """``--outline`` is the format ``outline`` (``outline-json`` with --format json): the same
    bytes, exit 0 whatever the findings, and ``-o`` says no finding count."""
    from shuzhi_lint.plugins import collect

    formats = collect().formatters
    assert not formats["outline"].shows_findings and formats["outline-json"].needs_outline_annotations
    assert cli("--format", "outline", seed("002")) == cli("--outline", seed("002"))
    code, out, _ = cli("--format", "outline-json", seed("002"))
    assert code == 0 and (code, out) == cli("--outline", "--format", "json", seed("002"))[:2]
    assert json.loads(out)[0]["correspondence"]  # the kinds' annotations are on it
    target = tmp_path / "o.txt"
    code, _, err = cli("--format", "outline", "-o", target, seed("002"))
    assert code == 0 and "个问题" not in err and target.read_text(encoding="utf-8").startswith(str(seed("002")))


# A genre whose own headings and order change the outline (对照检查材料: 查摆的问题, 原因剖析,
# 整改方向 are its section words), and a report of no particular genre.
_GENRE_TEXT = (
    "2024年度专题民主生活会个人对照检查材料\n"
    "按照会议安排，本人认真学习规定篇目，广泛征求意见，现将对照检查情况报告如下。\n"
    "一、查摆的问题\n"
    "（一）理论学习不够系统。对新思想的学习满足于读原文、记笔记，联系分管工作思考不深。\n"
    "（二）调查研究不够深入。全年到基层调研8次，多数时间停留在听汇报、看材料上。\n"
    "二、原因剖析\n"
    "（一）理想信念有所松懈。对理论学习的极端重要性认识不足，以干代学。\n"
    "（二）宗旨意识有所淡化。深入群众少，对基层的实际困难了解不够。\n"
    "三、整改方向\n"
    "（一）坚持每周集中学习半天，每季度撰写一篇理论学习体会。\n"
    "（二）每月到联系点蹲点调研不少于2天，形成调研报告2篇。\n"
)
_PLAIN_TEXT = (
    "一、主要工作\n"
    "全年牵头完成项目验收6个，组织业务培训4期，网址www.example.com/zhidu汇总了制度文件。\n"
    "二、存在的问题\n"
    "一是统筹推进的办法不多。二是对新业务学习不够。\n"
    "三、改进措施\n"
    "一是建立月度调度机制，统筹推进重点项目。二是每季度参加一次新业务培训。\n"
)


@pytest.mark.parametrize(
    "text, genre, headed",
    [(_GENRE_TEXT, "duizhao-jiancha", ["problems", "causes", "measures"]), (_PLAIN_TEXT, "generic", ["achievements", "problems", "measures"])],
)
@pytest.mark.parametrize("year", [None, 2023])
def test_api_outline_is_the_command_lines_outline_json(cli, tmp_path, text, genre, headed, year):
    """``api.outline_of`` is the outline ``--format outline-json`` prints for a file holding the
    same text: the recognised genre's section words and order, the genre, the correspondence."""
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("--format", "outline-json", *(["--year", str(year)] if year else []), path)
    assert code == 0, err
    [expected] = json.loads(out)
    o = outline_of(text, path=str(path), year=year)
    assert o.as_dict() == expected
    assert o.genre == genre and o.correspondence
    assert [s.role for s in o.sections if s.heading] == headed
