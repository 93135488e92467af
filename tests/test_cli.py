"""The command line as a user runs it: exit codes, formats, selection, config, suppression."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEED_FILES, SEEDS, seed

CLEAN = (
    "2024年度党支部书记抓基层党建工作述职报告\n"
    "现将本人2024年度抓基层党建工作情况报告如下。\n"
    "一、上年度问题整改情况\n"
    "针对2023年度述职评议指出的组织生活不够规范的问题，我逐条制定措施，已全部整改到位。\n"
    "二、履职情况\n"
    "（一）压实主体责任。全年主持召开支委会12次，研究党建工作8次，推行“1+X”学习模式。\n"
    "（二）加强理论学习。组织集中学习24次，讲授专题党课2次。\n"
    "三、存在的问题\n"
    "一是理论学习不够深入，学用结合不紧。二是党建与业务融合不够，存在“两张皮”现象。\n"
    "四、原因分析\n"
    "一是思想认识不到位，对理论学习重要性认识不足。二是统筹谋划不够，没有把党建和业务同部署。\n"
    "五、下一步措施\n"
    "一是深化理论武装，每月开展一次专题学习研讨。二是推动党建与业务深度融合，建立同谋划同考核机制。\n"
    "以上述职，请予评议。\n"
)


def test_seeds_give_findings_and_exit_1(cli):
    code, out, err = cli(SEEDS)
    assert code == 1, err
    assert err == ""
    for p in SEED_FILES:
        assert str(p) in out
    assert any("发现" in line for line in out.splitlines()[-3:])


def test_clean_report_exits_0(cli, tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text(CLEAN, encoding="utf-8")
    code, out, err = cli(p, "--select", "ST,PH")
    assert code == 0, out + err
    assert "未发现问题" in out


def test_json_contract_and_spans_match_text(cli):
    code, out, _ = cli("--format", "json", SEEDS)
    assert code == 1
    findings = json.loads(out)
    assert findings
    texts = {str(p): p.read_text(encoding="utf-8").split("\n") for p in SEED_FILES}
    keys = ["path", "line", "column", "end_line", "end_column", "code", "name", "category", "severity", "message", "match", "fix"]
    for f in findings:
        assert list(f) == keys
        assert f["category"] in {"structure", "placeholder", "correspondence", "figure", "punctuation", "wording", "artifact", "consistency", "duplication"}
        assert f["severity"] in {"error", "warning", "info"}
        if f["match"]:
            assert f["line"] == f["end_line"]
            line = texts[f["path"]][f["line"] - 1]
            assert line[f["column"] - 1 : f["end_column"] - 1] == f["match"]
        if f["fix"] is not None:
            assert set(f["fix"]) == {"replacement", "applicability"}
            assert f["fix"]["applicability"] in {"safe", "unsafe"}


def test_text_output_caret_is_aligned_for_wide_characters(cli, tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("全年召开党建工作专题会议x次。\n", encoding="utf-8")
    code, out, _ = cli(p, "--select", "PH001")
    assert code == 1
    lines = out.splitlines()
    header = lines[0]
    assert header.startswith(f"{p}:1:13: PH001 [错误]")
    src = next(line for line in lines if line.startswith(" 1 | "))
    caret = lines[lines.index(src) + 1]
    # 12 Chinese characters (24 columns) before the span; the span "x次" is 3 columns wide
    assert caret == "   | " + " " * 24 + "^^^"


def test_select_ignore_prefixes_and_unknown_code(cli):
    code, out, _ = cli("--format", "json", "--select", "PH", "--ignore", "PH002,PH004", seed("004"))
    codes = {f["code"] for f in json.loads(out)}
    assert codes == {"PH001"}
    code, _, err = cli("--select", "ZZ999", seed("004"))
    assert code == 2
    assert "ZZ999" in err and "Traceback" not in err


def test_fail_on_and_exit_zero(cli):
    code, *_ = cli("--select", "ST005", seed("000"))
    assert code == 0  # an info finding is below the default --fail-on warning
    code, *_ = cli("--select", "ST005", "--fail-on", "info", seed("000"))
    assert code == 1
    code, *_ = cli("--exit-zero", seed("003"))
    assert code == 0


def test_output_file_and_concise(cli, tmp_path):
    out_file = tmp_path / "out.txt"
    code, out, _ = cli("--format", "concise", "-o", out_file, seed("003"))
    assert code == 1 and out == ""
    first = out_file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(str(seed("003")) + ":") and "[" in first


def test_explain_and_list_rules(cli):
    code, out, _ = cli("--explain", "PH001")
    assert code == 0
    assert "PH001 unfilled-number" in out and "检查什么" in out and "会报告的写法" in out and "不会报告的写法" in out
    code, out, _ = cli("--list-rules")
    assert code == 0 and "ST003" in out and "missing-causes" in out
    code, _, err = cli("--explain", "XX999")
    assert code == 2 and "XX999" in err
    code, out, _ = cli("--list-kinds")
    assert code == 0 and "pattern" in out and "required-section" in out


def test_version(cli):
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("shuzhi-lint ")


def test_stdin(cli):
    code, out, _ = cli("-", "--select", "PH001", input="召开会议x次。\n".encode())
    assert code == 1
    assert out.startswith("-:1:5: PH001")


def test_config_file_select_and_per_file_ignores(cli, tmp_path):
    (tmp_path / "reports").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "reports" / name).write_text("召开会议x次，到XXX社区调研。\n", encoding="utf-8")
    (tmp_path / ".shuzhi-lint.yaml").write_text(
        "select: [PH]\nper-file-ignores:\n  'reports/b.txt': [PH001]\n", encoding="utf-8"
    )
    code, out, err = cli("--format", "json", "reports", cwd=tmp_path)
    assert code == 1, err
    found = {(Path(f["path"]).name, f["code"]) for f in json.loads(out)}
    assert found == {("a.txt", "PH001"), ("a.txt", "PH002"), ("b.txt", "PH002")}


def test_pyproject_config_and_bad_config_key(cli, tmp_path):
    (tmp_path / "r.txt").write_text("召开会议x次。\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.shuzhi-lint]\nignore = ["PH001"]\n', encoding="utf-8")
    code, out, err = cli("r.txt", "--ignore", "ST", cwd=tmp_path)
    assert code == 0, out + err  # the file's ignore and the command line's both apply
    code, out, err = cli("r.txt", "--select", "PH", cwd=tmp_path)
    assert code == 1 and "PH001" in out  # as in ruff, --select replaces the file's selection, its ignore too
    (tmp_path / ".shuzhi-lint.yaml").write_text("selct: [PH]\n", encoding="utf-8")
    code, _, err = cli("r.txt", cwd=tmp_path)
    assert code == 2
    assert ".shuzhi-lint.yaml:1" in err and "selct" in err and "select" in err


def test_markdown_inline_disable(cli, tmp_path):
    p = tmp_path / "r.md"
    p.write_text(
        "# 述职报告\n\n召开会议x次。<!-- shuzhi-lint: disable=PH001 -->\n\n<!-- shuzhi-lint: disable=PH -->\n到XXX社区调研x次。\n\n召开会议x次。\n",
        encoding="utf-8",
    )
    code, out, _ = cli("--format", "json", "--select", "PH", p)
    lines = sorted((f["line"], f["code"]) for f in json.loads(out))
    assert lines == [(8, "PH001")]


def test_year_option_is_accepted(cli):
    code, out, _ = cli("--outline", "--format", "json", "--year", "2019", seed("000"))
    assert json.loads(out)[0]["year"] == 2019
