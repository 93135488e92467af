"""Every rule's examples: each bad example must produce the rule's code, each good one must not.

A bad example is linted with the rule alone. A good example is linted with the rules it forms
one-defect pairs with too (``supersedes``/``yields_to``, docs/rule-format.md), as in a default
run: a text the rule leaves to another rule (AR002 leaves 走访＊＊户 to the slot rule PH001) is
one of its good examples.

A bad example written as a mapping also pins its result (docs/rule-format.md):

    - text: "全年召开专题会议x次。"
      span: "x次"            # the matched text of the rule's findings, in order (a string or a list)
      message: "未填写"       # text the message contains
      fixed: "…"             # the whole text after the rule's fixes (unsafe ones included)
"""

from __future__ import annotations

import re

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


def paired(code: str) -> list[str]:
    """The rules a rule's ``supersedes``/``yields_to`` name, and those whose declarations name it."""
    from shuzhi_lint.engine import code_matches

    rules = linter().rules
    mine = [s for _, selectors, _, _ in rules[code].one_defect for s in selectors]
    return sorted(
        c for c, r in rules.items()
        if c != code and (code_matches(c, mine) or any(code_matches(code, sel) for _, sel, _, _ in r.one_defect))
    )


def example_findings(code, text, tmp_path, kind="bad"):
    """Lint an example; for cross-document kinds the part after ---参考--- is the other document."""
    rule = linter().rules[code]
    if REFERENCE not in text:
        return lint_text(text, select=[code, *(paired(code) if kind == "good" else [])], path="example.txt")
    report, reference = text.split(REFERENCE, 1)
    if rule.kind == "batch-duplicate":
        return lint_batch({"a.txt": report, "b.txt": reference}, select=[code])["a.txt"]
    ref = tmp_path / "corpus" / "reference.txt"
    ref.parent.mkdir()
    ref.write_text(reference, encoding="utf-8")
    if rule.kind in ("corpus-passages", "corpus-share"):
        return lint_text(report, select=[code], path=str(tmp_path / "example.txt"), corpus=str(ref.parent))
    return lint_text(report, select=[code], path=str(tmp_path / "example.txt"), previous=str(ref))


@pytest.mark.parametrize("code,kind,index,text", CASES)
def test_rule_example(code, kind, index, text, tmp_path):
    findings = [f for f in example_findings(code, text, tmp_path, kind) if f.code == code]
    if kind == "bad":
        assert findings, f"{code} should report on its bad example #{index}: {text[:60]!r}"
        for f in findings:  # document-level findings and message variants too
            assert not re.search(r"\{[A-Za-z_]+\}", f.message), f"unfilled message template: {f.message}"
        check_pinned(linter().rules[code].example_checks.get(index, {}), findings, text, code, index)
    else:
        assert not findings, f"{code} must stay silent on good example #{index}: " + "; ".join(
            f"{f.match!r}: {f.message}" for f in findings
        )


def check_pinned(pinned: dict, findings, text: str, code: str, index: int) -> None:
    where = f"{code} bad example #{index}"
    if "span" in pinned:
        assert [f.match for f in findings] == pinned["span"], f"{where}: spans {[f.match for f in findings]} != {pinned['span']}"
    if "message" in pinned:
        assert any(pinned["message"] in f.message for f in findings), f"{where}: no message contains {pinned['message']!r}: {[f.message for f in findings]}"
    if "fixed" in pinned:
        from shuzhi_lint.fixing.edits import apply, choose

        chosen, _ = choose(findings, unsafe=True)
        assert apply(text, chosen) == pinned["fixed"], f"{where}: fixed text {apply(text, chosen)!r} != {pinned['fixed']!r}"


def test_pinned_examples_are_checked():
    """The pins run: at least a few rules pin spans and fixes, and a wrong pin fails."""
    pinned = {code: r.example_checks for code, r in linter().rules.items() if r.example_checks}
    assert sum("fixed" in c for checks in pinned.values() for c in checks.values()) >= 3
    assert sum("span" in c for checks in pinned.values() for c in checks.values()) >= 3
    code, checks = next(iter(pinned.items()))
    index, pins = next(iter(checks.items()))
    text = linter().rules[code].examples["bad"][index]
    findings = [f for f in lint_text(text, select=[code], path="example.txt") if f.code == code]
    with pytest.raises(AssertionError):
        check_pinned({"span": ["not the span"]}, findings, text, code, index)
    with pytest.raises(AssertionError):
        check_pinned({"fixed": text + "!"}, findings, text, code, index)
