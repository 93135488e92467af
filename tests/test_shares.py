"""``kind: stated-share`` (CS004): parameters are checked when the rule loads; the rule's examples
(rules/consistency.yaml) cover what it reports and what it leaves alone."""

from __future__ import annotations

import pytest

from shuzhi_lint.api import lint_text
from shuzhi_lint.checks import all_kinds
from shuzhi_lint.errors import RuleError
from shuzhi_lint.rules import load_yaml, parse_rules

KINDS = {k.name: k for k in all_kinds()}
RULE = """\
- code: ZZ001
  name: share
  category: consistency
  severity: warning
  kind: stated-share
  units: [名, 人]
  same: [[名, 人]]
  totals: [共有, 共计, 合计, 现有, 共]
  leads: [其中, 有, 共有, 现有, 包括]
  whole: ['[\u4e00-\u9fff]{0,6}总(?:数|人数)', 全部]
  total_words: ['总(?:数|人数)$', '^全部$']
  skip: [约, 近, 超过, 以上, 以下, 左右]
  message: "{part} / {total}: {computed} != {stated}"
"""


@pytest.mark.parametrize(
    "old,new,expected",
    [
        ("units: [名, 人]", "units: [名, 3]", "custom.yaml:6: ZZ001: 参数无效：units"),
        ("same: [[名, 人]]", "same: [名]", "custom.yaml:7: ZZ001: 参数无效：same"),
        ("units: [名, 人]", "units: 名", "custom.yaml:6: ZZ001: 字段 \"units\" 的类型应为 list"),
        ("  totals: [共有, 共计, 合计, 现有, 共]\n", "", "custom.yaml:1: ZZ001: 类型 stated-share 需要字段 \"totals\""),
        ("skip: [约,", "skip: ['x{2,1}',", "custom.yaml:12: ZZ001: 参数无效：skip 不是有效的正则表达式"),
    ],
)
def test_bad_parameters_name_their_line(old, new, expected):
    with pytest.raises(RuleError) as e:
        parse_rules(load_yaml("custom.yaml", RULE.replace(old, new)), "custom.yaml", KINDS)
    assert str(e.value).startswith(expected), str(e.value)


def test_people_counted_in_名_and_人_are_one_unit():
    found = lint_text("全村共有党员48人，其中女党员12名，占30%。", select=["CS004"])
    assert [f.match for f in found] == ["12名，占30%"]
    assert "12名占48人应为25%" in found[0].message


def test_a_total_in_another_paragraph_is_not_used():
    assert lint_text("全支部共有党员40名。\n35岁以下党员8名，占党员总数的25%。\n", select=["CS004"]) == []


PART_WHOLE = """\
- code: ZZ002
  name: part-whole
  category: figure
  severity: warning
  kind: part-whole
  units: [名, 项]
  subset: [其中]
  rest: [其余]
  excluding: [除]
  message: "{whole} / {part}"
  messages:
    shares-over-100: "{shares}"
"""


def test_part_whole_words_are_the_rules(tmp_path):
    """FG005's words are its parameters: a rule whose `rest` leaves out 另有 says nothing of it."""
    (tmp_path / "custom.yaml").write_text(PART_WHOLE, encoding="utf-8")
    text = "全支部共有党员8名，另有8名。全年共完成9项任务，其余9项。\n"
    assert [f.match for f in lint_text(text, select=["FG005"])] == ["8名，另有8名", "9项任务，其余9项"]
    assert [f.match for f in lint_text(text, select=["ZZ002"], rules=(str(tmp_path),))] == ["9项任务，其余9项"]
