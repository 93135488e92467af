"""Unfilled slots (PH001 PH002 PH004 PH005): each form is found once, with the kind of content
it lacks, and ordinary uses of the same characters stay silent. Sentences written for the tests."""

from __future__ import annotations

import pytest

from shuzhi_lint.api import lint_text

PH = ["PH001", "PH002", "PH004", "PH005"]


def slots(text):
    return [(f.code, f.match, f.message) for f in lint_text(text, select=PH, path="t.txt")]


@pytest.mark.parametrize(
    "text,code,match,what",
    [
        ("全年开展专题调研XX 个，形成报告3篇。", "PH001", "XX 个", "数字"),
        ("新发展党员1xx人，投入资金3XXX万元。", "PH001", "1xx人", "数字"),
        ("流转土地xxxx.xx亩。", "PH001", "xxxx.xx亩", "数字"),
        ("帮扶困难群众xx多余人次。", "PH001", "xx多余人次", "数字"),
        ("党员参训率达到**%。", "PH001", "**%", "数字"),
        ("本支部共有党员（ ）名。", "PH001", "（ ）名", "数字"),
        ("群众满意率XX。", "PH001", "XX", "数字"),
        ("在全市评比中获得第X名。", "PH001", "X名", "数字"),
        ("20XX年是脱贫攻坚决战决胜之年。", "PH004", "20XX", "年份"),
        ("现将20__年度工作报告如下。", "PH004", "20__", "年份"),
        ("202X年，我们完成了换届。", "PH004", "202X", "年份"),
        ("xxxx年以来，全镇上下团结一心。", "PH004", "xxxx", "年份"),
        ("自X年起担任支部书记。", "PH004", "X", "年份"),
        ("xx年来，我们始终坚持党建引领。", "PH001", "xx", "数字"),
        ("现就20XX-20XX学年度工作述职。", "PH004", "20XX", "年份"),
        ("落款：____年___月___日", "PH004", "____", "年份"),
        ("于X月X日召开支委会。", "PH004", "X", "日期"),
        ("深入学习贯彻党的XX大精神。", "PH005", "XX", "届次"),
        ("认真学习X届X中全会精神。", "PH005", "X", "届次"),
        ("筹备召开第X次党代会。", "PH005", "X", "届次"),
        ("召开第X次全体党员大会，这是今年第X次会议。", "PH005", "X", "届次"),
        ("XX镇党委坚持党建引领。", "PH002", "XX", "名称"),
        ("指导 xxx 小学开展共建。", "PH002", "xxx", "名称"),
        ("一年来，**区经济稳步增长。", "PH002", "**", "名称"),
        ("由xx同志负责宣传工作。", "PH002", "xx", "姓名"),
        ("我叫***，是一名村党支部书记。", "PH002", "***", "姓名"),
        ("某县组织部门对此高度重视。", "PH002", "某", "名称"),
        ("打造“××××”党建品牌。", "PH002", "××××", "内容"),
        ("开展“”主题党日活动。", "PH002", "“”", "内容"),
        ("○○县委高度重视基层党建。", "PH002", "○○", "名称"),
        ("全年发展党员□□名。", "PH001", "□□名", "数字"),
        ("对某某某同志进行了提醒谈话。", "PH002", "某某某", "姓名"),
        ("由村党支部书记某某主持会议。", "PH002", "某某", "内容"),
    ],
)
def test_slot_is_found_once_with_what_is_missing(text, code, match, what):
    got = slots(text)
    mine = [g for g in got if g[1] == match]
    assert mine, got
    assert mine[0][0] == code
    assert f"缺少{what}" in mine[0][2]
    # one finding per slot: no other rule reports the same span
    spans = [g[1] for g in got]
    assert spans.count(match) == sum(1 for g in got if g[1] == match and g[0] == code)


@pytest.mark.parametrize(
    "text",
    [
        "推行“1+X”证书制度，卫生院新配X光机1台，开展X射线检查。",
        "采购XXL码文化衫，用Excel统计，服务器为x86架构。",
        "举办3×3篮球赛，场地20 × 15米，7*24小时值守。",
        "某些支部、某种程度上、某一时期、某个时期存在的问题。",
        "联系邮箱li_ming@example.com，网址https://www.example.com/dang_jian/index。",
        "要把**政治建设**摆在首位。",
        "以某县原县长违纪案为反面教材开展警示教育。",
        "组织观看警示教育片，以王某某违纪案为反面教材。",
        "执行GB/T 15834标准，XX/T 1234编号。",
        "2024年是全面贯彻党的二十大精神的关键之年，于3月8日召开党员大会。",
        "二〇〇八年、二○○○年的工作基础，请在□内打勾。",
        "带*号的为必填项，产值=产量×单价。",
        "- [ ] 完成换届准备，调用print()函数。",
    ],
)
def test_ordinary_text_is_not_a_slot(text):
    assert slots(text) == []


def test_slot_count_in_a_paragraph_is_one_finding_naming_the_count():
    text = "全年召开支委会X次，党员大会X次，组织生活会X次，讲党课X次。"
    got = [f for f in lint_text(text, select=["PH001"], path="t.txt")]
    assert len(got) == 1
    assert "本段共有 4 处" in got[0].message
    # different paragraphs are counted apart
    got = lint_text("召开支委会X次。\n召开党员大会X次。\n", select=["PH001"], path="t.txt")
    assert len(got) == 2 and all("本段共有" not in f.message for f in got)


def test_leaked_name_is_reported_once_with_its_count():
    text = "××村地处山区。红星村党员多。\n红星村修了路。红星村通了水。\n"
    got = [f for f in lint_text(text, select=["CS001"], path="t.txt")]
    assert [f.match for f in got] == ["红星村"]
    assert "全文共 3 处" in got[0].message
