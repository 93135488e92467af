"""Every rule's examples: each bad example must produce the rule's code, each good one must not."""

from __future__ import annotations

import pytest

from shuzhi_lint.api import lint_text, linter

RULES = sorted(linter().rules.values(), key=lambda r: r.code)
CASES = [
    pytest.param(rule.code, kind, i, text, id=f"{rule.code}-{kind}{i}")
    for rule in RULES
    for kind in ("bad", "good")
    for i, text in enumerate(rule.examples.get(kind, []))
]


def test_every_rule_has_examples():
    missing = [r.code for r in RULES if not r.examples.get("bad") or not r.examples.get("good")]
    assert not missing, f"rules without bad and good examples: {missing}"


def test_every_rule_explains_itself():
    missing = [r.code for r in RULES if len(r.explain.strip()) < 30]
    assert not missing, f"rules without --explain text: {missing}"


@pytest.mark.parametrize("code,kind,index,text", CASES)
def test_rule_example(code, kind, index, text):
    findings = [f for f in lint_text(text, select=[code], path="example.txt") if f.code == code]
    if kind == "bad":
        assert findings, f"{code} should report on its bad example #{index}: {text[:60]!r}"
        for f in findings:
            if f.match:
                assert "{" not in f.message, f"unfilled message template: {f.message}"
    else:
        assert not findings, f"{code} must stay silent on good example #{index}: " + "; ".join(
            f"{f.match!r}: {f.message}" for f in findings
        )
