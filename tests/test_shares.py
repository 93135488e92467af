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
  message: "{part} / {total}: {computed} != {stated}"
"""


@pytest.mark.parametrize(
    "old,new,expected",
    [
        ("units: [名, 人]", "units: [名, 3]", "custom.yaml:6: ZZ001: 参数无效：units"),
        ("same: [[名, 人]]", "same: [名]", "custom.yaml:7: ZZ001: 参数无效：same"),
        ("units: [名, 人]", "units: 名", "custom.yaml:6: ZZ001: 字段 \"units\" 的类型应为 list"),
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
