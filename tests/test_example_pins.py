"""Rule examples may pin the span, message and fixed text of a bad example; bad pins are load errors."""

from __future__ import annotations

import pytest

from shuzhi_lint.checks import all_kinds
from shuzhi_lint.errors import RuleError
from shuzhi_lint.rules import load_yaml, parse_rules

KINDS = {k.name: k for k in all_kinds()}
RULE = """\
- code: ZZ001
  name: my-rule
  category: wording
  severity: warning
  kind: pattern
  pattern: '做为'
  fix: {replacement: "作为"}
  message: "“{match}”应为“作为”"
  examples:
    bad:
      - "做为党员"
      - text: "做为书记，做为党员"
        span: ["做为", "做为"]
        message: "应为“作为”"
        fixed: "作为书记，作为党员"
      - text: "做为支部"
        span: "做为"
    good: ["作为党员"]
"""


def parse(text):
    return parse_rules(load_yaml("custom.yaml", text), "custom.yaml", KINDS)[0]


def test_pins_are_read_and_texts_stay_strings():
    rule = parse(RULE)
    assert rule.examples["bad"] == ["做为党员", "做为书记，做为党员", "做为支部"]
    assert rule.example_checks == {
        1: {"span": ["做为", "做为"], "message": "应为“作为”", "fixed": "作为书记，作为党员"},
        2: {"span": ["做为"]},
    }


@pytest.mark.parametrize(
    "old,new,expected",
    [
        ('        span: "做为"\n', '        spam: "做为"\n', ["custom.yaml:16", "ZZ001", "未知字段 spam"]),
        ('        span: "做为"\n', "        span: 3\n", ["custom.yaml:16", "span"]),
        ('    good: ["作为党员"]', '    good: [{text: "作为党员"}]', ["custom.yaml:", "examples.good", "字符串"]),
        ('      - text: "做为支部"\n', '      - tekst: "做为支部"\n', ["custom.yaml:16", "text"]),
        ('        fixed: "作为书记，作为党员"\n', "        fixed: [a]\n", ["custom.yaml:12", "fixed"]),
    ],
)
def test_bad_pins_are_one_line_errors(old, new, expected):
    assert old in RULE
    with pytest.raises(RuleError) as e:
        parse(RULE.replace(old, new))
    message = str(e.value)
    assert "\n" not in message
    for piece in expected:
        assert piece in message, (piece, message)
