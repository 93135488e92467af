"""A pattern rule's fix may choose its template by the named group that matched (PU006)."""

from __future__ import annotations

import pytest

from shuzhi_lint.api import lint_text
from shuzhi_lint.checks import all_kinds
from shuzhi_lint.errors import RuleError
from shuzhi_lint.rules import load_yaml, parse_rules

KINDS = {k.name: k for k in all_kinds()}
RULE = """\
- code: ZZ002
  name: my-rule
  category: punctuation
  severity: warning
  kind: pattern
  pattern: '(?P<a>甲)，|(?P<b>乙)。'
  fix:
    replacement: {a: "{a}、", b: "{b}"}
  message: "“{match}”"
"""


def parse(text):
    return parse_rules(load_yaml("custom.yaml", text), "custom.yaml", KINDS)[0]


def test_the_first_group_that_matched_chooses_the_template(tmp_path):
    (tmp_path / "r.yaml").write_text(RULE, encoding="utf-8")
    findings = lint_text("甲，乙。丙，", select=["ZZ002"], rules=(str(tmp_path / "r.yaml"),))
    assert [(f.line, f.column, f.fix["replacement"]) for f in findings] == [(1, 1, "甲、"), (1, 3, "乙")]


@pytest.mark.parametrize(
    "old,new,expected",
    [
        ('{a: "{a}、", b: "{b}"}', '{a: "{a}、", c: "{c}"}', ["ZZ002", "c", "命名分组"]),
        ('{a: "{a}、", b: "{b}"}', "{a: [x]}", ["custom.yaml:7", "replacement"]),
        ('{a: "{a}、", b: "{b}"}', "{}", ["custom.yaml:7", "replacement"]),
    ],
)
def test_bad_mappings_are_load_errors(old, new, expected):
    with pytest.raises(RuleError) as e:
        parse(RULE.replace(old, new))
    for piece in expected:
        assert piece in str(e.value), (piece, str(e.value))
