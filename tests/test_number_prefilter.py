"""number-threshold's prefilter: without its words in the text the pattern does not run; with them
the rule reports as before."""

from __future__ import annotations

from shuzhi_lint.api import lint_text

RULE = """
- code: ZZ901
  name: tiny-rate
  category: figure
  severity: warning
  kind: number-threshold
  pattern: '(?P<metric>[\\u4e00-\\u9fff]{{1,2}}率)达到(?P<num>\\d+)%'
  prefilter: '{prefilter}'
  min: 3
  message: "“{{match}}”数值过小"
  explain: 测试规则
  examples:
    bad: ["开工率达到1%。"]
    good: ["开工率达到91%。"]
"""


def _codes(tmp_path, prefilter: str, text: str) -> list[str]:
    folder = tmp_path / prefilter.replace("|", "_")
    folder.mkdir()
    (folder / "rules.yaml").write_text(RULE.format(prefilter=prefilter), encoding="utf-8")
    return [f.code for f in lint_text(text, select=["ZZ901"], rules=(str(folder),))]


def test_pattern_runs_when_the_prefilter_is_found(tmp_path):
    assert _codes(tmp_path, "率达到", "今年开工率达到1%。") == ["ZZ901"]


def test_pattern_skipped_when_the_prefilter_is_absent(tmp_path):
    # a prefilter the text lacks: the pattern, which would match, is not run
    assert _codes(tmp_path, "增速达到", "今年开工率达到1%。") == []
