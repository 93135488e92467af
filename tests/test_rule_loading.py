"""Rule files are validated when they load: every error names file, line and field, exit 2."""

from __future__ import annotations

import json
import time

import pytest

from conftest import seed

GOOD_RULE = """\
- code: ZZ001
  name: my-rule
  category: wording
  severity: warning
  kind: pattern
  pattern: '做为'
  message: "“{match}”应为“作为”"
  examples:
    bad: ["做为党员"]
    good: ["作为党员"]
"""


def write_rule(tmp_path, text):
    p = tmp_path / "custom.yaml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "mutate,expected",
    [
        (lambda t: t.replace("  pattern:", "  patern:"), ["custom.yaml:6", "ZZ001", "未知字段 \"patern\"", "pattern"]),
        (lambda t: t.replace("  severity: warning\n", ""), ["custom.yaml:1", "ZZ001", "severity"]),
        (lambda t: t.replace("kind: pattern", "kind: patern"), ["custom.yaml:5", "未知的检查类型", "pattern"]),
        (lambda t: t.replace("'做为'", "'做为('"), ["custom.yaml:6", "ZZ001", "正则"]),
        (lambda t: t.replace("severity: warning", "severity: fatal"), ["custom.yaml:4", "severity"]),
        (lambda t: t.replace("category: wording", "category: words"), ["custom.yaml:3", "类别"]),
        (lambda t: t + t, ["custom.yaml:11", "ZZ001", "重复"]),
        (lambda t: t.replace("  pattern: '做为'", "  pattern: [unclosed"), ["custom.yaml:", "YAML"]),
        (lambda t: t.replace("  pattern: '做为'", "  pattern: !!python/object/apply:os.system ['echo hi']"), ["custom.yaml:6", "python"]),
    ],
)
def test_invalid_rule_file(tmp_path, capsys, mutate, expected):
    # the command line's own main() in this process: the same code path as the console script
    # (test_user_rule_runs_and_is_listed and the plugin tests run it as a real process)
    from shuzhi_lint.cli import main

    p = write_rule(tmp_path, mutate(GOOD_RULE))
    code = main(["--rules", str(p), str(seed("000"))])
    out, err = capsys.readouterr()
    assert code == 2, out
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for piece in expected:
        assert piece in err, (piece, err)


def test_user_rule_runs_and_is_listed(cli, tmp_path):
    p = write_rule(tmp_path, GOOD_RULE)
    code, out, err = cli("--rules", p, "--select", "ZZ", "--format", "json", seed("002"))
    assert code == 1, err
    found = json.loads(out)
    assert [f["match"] for f in found] == ["做为"] and found[0]["line"] == 8
    code, out, _ = cli("--rules", p, "--explain", "ZZ001")
    assert code == 0 and "custom.yaml" in out


def test_catastrophic_user_regex_cannot_hang(cli, tmp_path):
    rule = GOOD_RULE.replace("'做为'", "'(a+)+$'")
    p = write_rule(tmp_path, rule)
    report = tmp_path / "r.txt"
    report.write_text("召开会议x次。" + "a" * 50000 + "!\n", encoding="utf-8")
    (tmp_path / ".shuzhi-lint.yaml").write_text("regex-timeout: 0.5\n", encoding="utf-8")
    t0 = time.monotonic()
    code, out, err = cli("--rules", p, "--select", "ZZ,PH001", "--format", "json", report, cwd=tmp_path)
    assert time.monotonic() - t0 < 60
    assert code == 2
    assert "ZZ001" in err and "超时" in err
    assert [f["code"] for f in json.loads(out)] == ["PH001"]
