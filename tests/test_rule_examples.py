"""Every rule's examples: each bad example must produce the rule's code, each good one must not."""

from __future__ import annotations

import pytest

from shuzhi_lint.api import lint_batch, lint_text, linter

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


REFERENCE = "---参考---\n"


def example_findings(code, text, tmp_path):
    """Lint an example; for cross-document kinds the part after ---参考--- is the other document."""
    rule = linter().rules[code]
    if REFERENCE not in text:
        return lint_text(text, select=[code], path="example.txt")
    report, reference = text.split(REFERENCE, 1)
    if rule.kind == "batch-duplicate":
        return lint_batch({"a.txt": report, "b.txt": reference}, select=[code])["a.txt"]
    ref = tmp_path / "corpus" / "reference.txt"
    ref.parent.mkdir()
    ref.write_text(reference, encoding="utf-8")
    if rule.kind == "corpus-copy":
        return lint_text(report, select=[code], path=str(tmp_path / "example.txt"), corpus=str(ref.parent))
    return lint_text(report, select=[code], path=str(tmp_path / "example.txt"), previous=str(ref))


@pytest.mark.parametrize("code,kind,index,text", CASES)
def test_rule_example(code, kind, index, text, tmp_path):
    findings = [f for f in example_findings(code, text, tmp_path) if f.code == code]
    if kind == "bad":
        assert findings, f"{code} should report on its bad example #{index}: {text[:60]!r}"
        for f in findings:
            if f.match:
                assert "{" not in f.message, f"unfilled message template: {f.message}"
    else:
        assert not findings, f"{code} must stay silent on good example #{index}: " + "; ".join(
            f"{f.match!r}: {f.message}" for f in findings
        )
