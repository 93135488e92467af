"""Retired rule codes redirect to the rule they were merged into (as ruff redirects codes):
FG017 (share against its count) is CS004 now. Old codes in select/ignore, per-file ignores,
inline disable comments and --explain keep working."""

from __future__ import annotations

import json

import pytest

from shuzhi_lint.api import lint_text
from shuzhi_lint.checks import all_kinds
from shuzhi_lint.errors import RuleError
from shuzhi_lint.rules import load_yaml, parse_rules

TEXT = "全村共有农户320户。其中脱贫户48户，占比25%。"


def test_selecting_the_old_code_selects_the_rule_it_was_merged_into():
    assert [f.code for f in lint_text(TEXT, select=["FG017"])] == ["CS004"]


def test_old_code_in_config_ignore_and_per_file_ignores(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(TEXT + "\n", encoding="utf-8")
    code, out, err = cli("--format", "json", "--select", "CS", report)
    assert [f["code"] for f in json.loads(out)] == ["CS004"], err
    (tmp_path / ".shuzhi-lint.yaml").write_text("select: [CS]\nignore: [FG017]\n", encoding="utf-8")
    code, out, err = cli("--format", "json", "--config", tmp_path / ".shuzhi-lint.yaml", report)
    assert json.loads(out) == [], err
    (tmp_path / ".shuzhi-lint.yaml").write_text("select: [CS]\nper-file-ignores:\n  \"r.txt\": [FG017]\n", encoding="utf-8")
    code, out, err = cli("--format", "json", "--config", tmp_path / ".shuzhi-lint.yaml", report)
    assert json.loads(out) == [], err


def test_old_code_in_an_inline_disable_comment(cli, tmp_path):
    report = tmp_path / "r.md"
    report.write_text("# 述职报告\n\n" + TEXT + "<!-- shuzhi-lint: disable=FG017 -->\n", encoding="utf-8")
    code, out, err = cli("--format", "json", "--select", "CS004", report)
    assert json.loads(out) == [], err


def test_explain_of_the_old_code_names_the_new_one(cli):
    code, out, _ = cli("--explain", "FG017")
    assert code == 0
    assert out.startswith("FG017 已并入 CS004") and "CS004 share-contradicts-figures" in out
    code, out, _ = cli("--explain", "CS004")
    assert "旧代码：FG017" in out


def test_a_redirect_must_not_name_a_live_code_or_itself():
    kinds = {k.name: k for k in all_kinds()}
    rule = """\
- code: ZZ001
  name: share
  category: consistency
  severity: warning
  kind: stated-share
  redirected_from: [ZZ001]
  units: [名]
  message: "{part}"
"""
    with pytest.raises(RuleError) as e:
        parse_rules(load_yaml("custom.yaml", rule), "custom.yaml", kinds)
    assert "redirected_from" in str(e.value)
