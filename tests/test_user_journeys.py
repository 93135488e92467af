"""What a new user hits first: folders with files that cannot be checked, unreadable inputs,
rule selection on the command line over a config file, stdin fixes, CI formats, messages."""

from __future__ import annotations

import json
import shutil

from conftest import seed

CLEAN = """2024年度党支部书记抓基层党建工作述职报告

一、履职情况
今年支部坚持每月召开一次支委会，全年组织集中学习十二次，党员参学率保持在九成以上。
二、存在问题
一是理论学习不够深入，学用结合不紧。二是组织生活形式比较单一，吸引力不强。
三、原因分析
一是自身学习抓得不够紧。二是对组织生活创新研究不够。
四、下一步措施
一是深化理论学习，每季度开展一次专题研讨，推动学用结合。二是创新组织生活形式，增强吸引力。
"""


def _inbox(tmp_path):
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    shutil.copy(seed("000"), inbox / "一村.txt")
    (inbox / "二村.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    (inbox / "三村.pdf").write_bytes(b"%PDF-1.4")
    (inbox / "四村.wps").write_bytes(b"\xd0\xcf\x11\xe0 wps")
    (inbox / "照片.jpg").write_bytes(b"\xff\xd8")  # not a document: not mentioned
    return inbox


# -- 1. unsupported files in a folder -------------------------------------------------------------
def test_unsupported_documents_in_a_folder_are_named_counted_and_exit_2(cli, tmp_path):
    inbox = _inbox(tmp_path)
    code, out, err = cli(inbox)
    assert code == 2
    for name, what in (("二村.doc", "旧版 Word 文档"), ("三村.pdf", "PDF"), ("四村.wps", "WPS")):
        line = next(x for x in err.splitlines() if name in x)
        assert what in line and ".docx" in line
    assert "照片.jpg" not in err + out
    assert "3 个格式不支持（未检查）" in out.splitlines()[-1]


def test_unsupported_documents_can_be_excluded(cli, tmp_path):
    inbox = _inbox(tmp_path)
    code, out, err = cli("--extend-exclude", "*.doc,*.pdf,*.wps", inbox)
    assert code == 1 and err == "" and "格式不支持" not in out
    (tmp_path / ".shuzhi-lint.yaml").write_text("exclude: ['*.doc', '*.pdf', '四村.wps']\n", encoding="utf-8")
    code, out, err = cli(inbox, cwd=tmp_path)
    assert code == 1 and err == ""


def test_exclude_patterns_follow_ruff(cli, tmp_path):
    folder = tmp_path / "报告"
    (folder / "草稿").mkdir(parents=True)
    (folder / "定稿.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "草稿" / "一稿.txt").write_text(CLEAN.replace("，", ","), encoding="utf-8")
    (tmp_path / ".shuzhi-lint.yaml").write_text("exclude: [报告/草稿]\n", encoding="utf-8")
    code, out, _ = cli(folder, cwd=tmp_path)
    assert code == 0 and "定稿.txt" in out and "一稿.txt" not in out
    # --exclude replaces the file's list; --extend-exclude adds to it
    code, out, _ = cli("--exclude", "nothing", folder, cwd=tmp_path)
    assert code == 1 and "一稿.txt" in out
    code, out, err = cli("--exclude", "草稿", "--extend-exclude", "定稿.txt", folder, cwd=tmp_path)
    assert code == 2 and "没有 .txt" in err
    # a file named on the command line is checked whatever the patterns say
    code, out, _ = cli(folder / "草稿" / "一稿.txt", cwd=tmp_path)
    assert code == 1 and "PU001" in out


# -- 4. missing inputs ----------------------------------------------------------------------------
def test_missing_input_is_counted_and_never_reported_as_clean(cli, tmp_path):
    code, out, err = cli(tmp_path / "没有这个文件.txt")
    assert code == 2 and "没有这个文件.txt" in err
    assert "1 个无法读取" in out and "未发现问题" not in out
    good = tmp_path / "好.txt"
    good.write_text(CLEAN, encoding="utf-8")
    code, out, err = cli(good, tmp_path / "没有这个文件.txt")
    assert code == 2 and "1 个无法读取" in out and "未发现问题" not in out


# -- 8. --ignore/--select on the command line over the config file (ruff's rules) ------------------
def _codes(out):
    return {f["code"] for f in json.loads(out)}


def test_command_line_ignore_adds_to_config_ignore(cli, tmp_path):
    report = tmp_path / "r.txt"
    shutil.copy(seed("000"), report)
    everything = _codes(cli("--format", "json", report)[1])
    assert len(everything) >= 3
    some = sorted(everything)[:2]
    (tmp_path / ".shuzhi-lint.yaml").write_text(f"ignore: [{some[0]}]\n", encoding="utf-8")
    got = _codes(cli("--format", "json", "--ignore", some[1], report)[1])
    assert some[0] not in got and some[1] not in got  # both lists apply
    assert got == everything - set(some)
    # --extend-ignore is the same as --ignore
    assert _codes(cli("--format", "json", "--extend-ignore", some[1], report)[1]) == got
    # --extend-select adds a rule back on top of the file's ignore
    assert _codes(cli("--format", "json", "--extend-select", some[0], report)[1]) == everything
    # --select replaces the file's selection, its ignore included
    assert _codes(cli("--format", "json", "--select", some[0], report)[1]) == {some[0]}


def test_selection_specificity_as_ruff(cli, tmp_path):
    report = tmp_path / "r.txt"
    shutil.copy(seed("000"), report)
    every = _codes(cli("--format", "json", report)[1])
    prefix = sorted(every)[0][:2]
    family = {c for c in every if c.startswith(prefix)}
    one = sorted(family)[0]
    # the more specific selector wins, whichever list it is in
    assert _codes(cli("--format", "json", "--select", prefix, "--ignore", one, report)[1]) == family - {one}
    assert _codes(cli("--format", "json", "--ignore", prefix, "--extend-select", one, report)[1]) == every - family | {one}


# -- 2. groups of near-identical reports in a batch ----------------------------------------------
STOCK = "坚持以习近平新时代中国特色社会主义思想为指导。认真落实全面从严治党主体责任。\n"


def _distinct_reports(folder):
    """Reports written separately (the seeds and the test reports), each opening with the same
    stock sentences: template wording, not copying."""
    from conftest import ROOT, SEED_FILES

    # seed 001 is the text the copies in these tests copy; the defects reports are edited clean ones
    sources = [p for p in SEED_FILES if not p.name.startswith("001")] + sorted((ROOT / "tests" / "reports").glob("clean_*.txt"))
    for i, src in enumerate(sources):
        lines = src.read_text(encoding="utf-8").split("\n")
        (folder / f"distinct{i:02d}.txt").write_text("\n".join([lines[0], STOCK, *lines[1:]]), encoding="utf-8")
    return len(sources)


def _dp4(found):
    return {f["path"].rsplit("/", 1)[-1]: f["message"] for f in found if f["code"] == "DP004"}


def test_copies_are_one_group_however_many(cli, tmp_path):
    distinct = _distinct_reports(tmp_path)
    text = seed("001").read_text(encoding="utf-8")
    for copies in (3, 4, 200):
        for i in range(copies):
            # each copy signed by another village: near-identical, not identical
            (tmp_path / f"copy{i:03d}.txt").write_text(text.replace("党委", f"第{i}村党委", 1), encoding="utf-8")
        code, out, err = cli("--format", "json", "--select", "DP004", tmp_path)
        dp4 = _dp4(json.loads(out))
        assert sorted(dp4) == [f"copy{i:03d}.txt" for i in range(copies)], (copies, sorted(dp4))
        assert all(f"另外 {copies - 1} 份报告" in m for m in dp4.values())
        _, summary, _ = cli("--select", "DP004", tmp_path)
        assert f"相互雷同的报告（1 组）：" in summary and f"（{copies} 份）。" in summary
    assert distinct >= 10  # the stock sentences in every report made no group of their own


def test_two_groups_are_listed_apart(cli, tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")
        (tmp_path / f"b{i}.txt").write_text(seed("003").read_text(encoding="utf-8"), encoding="utf-8")
    _, out, _ = cli("--select", "DP004", tmp_path)
    last = out.strip().splitlines()[-1]
    assert last.startswith("相互雷同的报告（2 组）：")
    assert "a0.txt、" in last and "b0.txt、" in last and last.count("（3 份）") == 2


# -- 3. --fix - : stdout is the fixed text only ---------------------------------------------------
def test_fix_from_stdin_writes_only_the_text_to_stdout(cli):
    text = CLEAN.replace("全年组织集中学习十二次，", "全年组织集中学习十二次,")
    code, out, err = cli("--fix", "-", input=text.encode("utf-8"))
    assert out == CLEAN  # the fixed text and nothing else
    assert "已自动修复 1 处" in err and "ST005" in err  # what remains goes to stderr
    # nothing to fix: the text comes back unchanged, in its own encoding and newlines
    gbk = CLEAN.replace("\n", "\r\n").encode("gb18030")
    _, out_bytes = _raw_cli("--fix", "-", input=gbk)
    assert out_bytes == gbk


def _raw_cli(*args, input: bytes):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "shuzhi_lint", *args], input=input, capture_output=True, timeout=120)
    return proc.returncode, proc.stdout


# -- 9. --diff prints only the diff ---------------------------------------------------------------
def test_diff_prints_only_the_diff(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(CLEAN.replace("学习十二次，", "学习十二次,"), encoding="utf-8")
    code, out, err = cli("--diff", report)
    assert code == 1 and out.startswith("--- a/") and "+今年支部坚持" in out
    assert all(line[:1] in "-+@ " or line.startswith(("---", "+++")) for line in out.splitlines())
    assert "ST005" not in out + err and "问题" not in out.splitlines()[-1]
    assert report.read_text(encoding="utf-8") != CLEAN  # not written
    report.write_text(CLEAN, encoding="utf-8")
    code, out, err = cli("--diff", report)
    assert (code, out) == (0, "")


# -- 5. JUnit: findings below --fail-on are not failures -------------------------------------------
def test_junit_counts_only_findings_that_fail_the_run(cli, tmp_path):
    import xml.etree.ElementTree as ET

    report = tmp_path / "r.txt"
    report.write_text(CLEAN, encoding="utf-8")
    code, out, _ = cli("--format", "junit", report)
    root = ET.fromstring(out)
    assert code == 0 and root.get("failures") == "0" and root.find(".//failure") is None
    assert "ST005" in root.find(".//testcase/system-out").text  # the info finding is still shown
    code, out, _ = cli("--format", "junit", "--fail-on", "info", report)
    root = ET.fromstring(out)
    assert code == 1 and root.get("failures") == "1" and root.find(".//failure").get("type") == "ST005"


# -- 7. texts shown without a finding have no unfilled {fields} -----------------------------------
def test_rule_descriptions_have_no_template_fields(cli, tmp_path):
    import re

    report = tmp_path / "r.txt"
    report.write_text(CLEAN, encoding="utf-8")
    _, out, _ = cli("--format", "sarif", report)
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) >= 50
    for r in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            assert not re.search(r"\{\w+\}", r[key]["text"]), (r["id"], key, r[key]["text"])
        assert len(r["fullDescription"]["text"]) >= 8
    _, listing, _ = cli("--list-rules")
    assert not re.search(r"\{\w+\}", listing)
    assert "“。。”“，，”“，。”这类重复或连用的标点。" in listing  # a whole sentence, quotes and all


def test_rule_yaml_may_give_its_own_description(cli, tmp_path):
    (tmp_path / "my.yaml").write_text(
        "- code: ZZ001\n  name: zz\n  category: wording\n  severity: warning\n  kind: pattern\n"
        "  pattern: '做为'\n  message: '“{match}”应为“作为”'\n  description: 把“作为”写成“做为”。\n"
        "  examples: {bad: ['做为党员'], good: ['作为党员']}\n",
        encoding="utf-8",
    )
    _, listing, err = cli("--rules", tmp_path / "my.yaml", "--list-rules")
    assert "把“作为”写成“做为”。" in listing, err
    # without description or explain: the message with its fields elided
    (tmp_path / "my.yaml").write_text(
        (tmp_path / "my.yaml").read_text(encoding="utf-8").replace("  description: 把“作为”写成“做为”。\n", ""),
        encoding="utf-8",
    )
    _, listing, _ = cli("--rules", tmp_path / "my.yaml", "--list-rules")
    assert "“…”应为“作为”" in listing


# -- 10. --explain shows examples whole, or cut where they differ --------------------------------
def test_explain_examples_do_not_look_the_same(cli):
    _, out, _ = cli("--explain", "CR001")
    bad = out[out.index("会报告的写法："):out.index("不会报告的写法：")]
    good = out[out.index("不会报告的写法："):]
    assert "三是加强干部队伍建设" in good and "三是加强干部队伍建设" not in bad  # the difference is shown
    assert bad.count("\n    ") >= 3  # every line of the example, indented under its mark


# -- 11. long spans: start, end and length, not hundreds of carets ---------------------------------
def test_long_span_shows_its_ends_and_length(cli, tmp_path):
    copied = "全年围绕党支部标准化规范化建设目标，逐项对照基本组织、基本队伍、基本活动、基本制度和基本保障五个方面查漏补缺，形成了问题清单、责任清单和整改清单三张清单并按月销号"
    this = CLEAN.replace("今年支部坚持每月召开一次支委会，", copied + "。今年支部坚持每月召开一次支委会，")
    (tmp_path / "张三2023年述职报告.txt").write_text(this, encoding="utf-8")
    (tmp_path / "张三2024年述职报告.txt").write_text(this.replace("2024年度", "2025年度"), encoding="utf-8")
    _, out, _ = cli("--select", "DP003", "--previous", tmp_path / "张三2023年述职报告.txt", tmp_path / "张三2024年述职报告.txt")
    carets = [line for line in out.splitlines() if "^" in line]
    assert carets and all(line.count("^") <= 2 * 12 * 2 for line in carets), out
    assert "中间省略" in out and "此处共" in out


# -- 12. Chinese output: argparse, concise severities, OS errors ------------------------------------
def test_usage_errors_and_help_are_chinese(cli, tmp_path):
    for args in (["--bogus", "x"], ["--jobs", "abc", "x"], ["--fail-on", "nope", "x"], ["--format"]):
        code, out, err = cli(*args)
        assert code == 2 and err.count("\n") == 1
        for english in ("unrecognized", "invalid", "expected", "argument", "choose from"):
            assert english not in err, err
    _, out, _ = cli("--help")
    assert out.startswith("用法：") and "\n选项:" in out and "显示本帮助并退出" in out
    assert "usage" not in out and "options:" not in out and "show this help" not in out


def test_concise_severities_are_chinese(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(CLEAN, encoding="utf-8")
    _, out, _ = cli("--format", "concise", report)
    assert ": ST005 [提示] " in out and "[info]" not in out


def test_os_errors_are_chinese(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(CLEAN, encoding="utf-8")
    code, _, err = cli("-o", tmp_path / "没有的目录" / "x.json", "--format", "json", report)
    assert code == 2 and "文件或目录不存在" in err and "No such file" not in err


# -- 13. -o says what it wrote; Word positions in paragraphs ----------------------------------------
def test_output_file_is_announced(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(CLEAN.replace("十二次", "x次"), encoding="utf-8")
    out_file = tmp_path / "结果.json"
    code, out, err = cli("--format", "json", "-o", out_file, report)
    n = len(json.loads(out_file.read_text(encoding="utf-8")))
    assert out == "" and err.strip() == f"已写入 {out_file}（{n} 个问题）" and n >= 2


def test_word_positions_are_paragraphs(cli, tmp_path):
    from test_loaders import make_docx

    doc = tmp_path / "报告.docx"
    doc.write_bytes(make_docx([[line] for line in CLEAN.replace("十二次", "x次").splitlines()]))
    _, out, _ = cli("--select", "PH001", doc)
    assert f"{doc} 第 4 段第 " in out and f"{doc}:4:" not in out
