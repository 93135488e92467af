"""--fix, --unsafe-fixes and --diff as a user runs them; the author's text is never lost."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import SEED_FILES
from test_loaders import make_docx


def safe_fixable(cli, path):
    code, out, _ = cli("--format", "json", path)
    return [f for f in json.loads(out) if f["fix"] and f["fix"]["applicability"] == "safe"]


def test_fix_seeds_then_second_run_is_clean_of_fixable_findings(cli, tmp_path):
    for p in SEED_FILES:
        shutil.copy(p, tmp_path / p.name)
    gb = tmp_path / SEED_FILES[4].name
    original = gb.read_text(encoding="utf-8")
    gb.write_bytes(original.replace("\n", "\r\n").encode("gb18030"))
    before = safe_fixable(cli, tmp_path)
    assert len(before) >= 20
    code, out, err = cli("--fix", tmp_path)
    assert "已自动修复" in out, err
    assert safe_fixable(cli, tmp_path) == []
    # encoding and line endings kept; only the fixed spans changed
    data = gb.read_bytes()
    text = data.decode("gb18030")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert "驾驭全盘，促进发展" in text and "“四联三为”“群众工作直通车”" in text
    expected = "\n".join(line.rstrip(" ") for line in original.split("\n"))
    for old, new in (("工作， XX次", "工作，XX次"), ("指导 XXX", "指导XXX"), ("全盘,", "全盘，"), ("管家”,", "管家”，"), ("”、“", "”“")):
        assert old in expected
        expected = expected.replace(old, new)
    assert text.replace("\r\n", "\n") == expected
    # idempotent: a second --fix changes nothing
    snapshot = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    cli("--fix", tmp_path)
    assert snapshot == {p.name: p.read_bytes() for p in tmp_path.iterdir()}


def test_diff_writes_nothing(cli, tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("在统揽大局、驾驭全盘,促进发展方面取得进步。\n", encoding="utf-8")
    code, out, _ = cli("--diff", p)
    assert "-在统揽大局、驾驭全盘,促进发展" in out and "+在统揽大局、驾驭全盘，促进发展" in out
    assert p.read_text(encoding="utf-8") == "在统揽大局、驾驭全盘,促进发展方面取得进步。\n"


def test_unsafe_fixes_need_the_flag(cli, tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("23年度工作要点已印发。\n", encoding="utf-8")
    cli("--fix", p)
    assert p.read_text(encoding="utf-8") == "23年度工作要点已印发。\n"
    cli("--fix", "--unsafe-fixes", p)
    assert p.read_text(encoding="utf-8") == "2023年度工作要点已印发。\n"


def test_read_only_file_is_reported_not_touched(cli, tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("驾驭全盘,促进发展。\n", encoding="utf-8")
    p.chmod(0o444)
    code, _, err = cli("--fix", p)
    assert code == 2 and "只读" in err
    assert p.read_text(encoding="utf-8") == "驾驭全盘,促进发展。\n"


def test_refuses_to_write_over_a_changed_file(tmp_path):
    from shuzhi_lint.errors import InputError
    from shuzhi_lint.fixing.writer import write_text_file

    p = tmp_path / "r.txt"
    p.write_bytes(b"old")
    with pytest.raises(InputError, match="修改过"):
        write_text_file(str(p), b"older", "new", "utf-8", False)
    assert p.read_bytes() == b"old"


def test_permissions_kept(cli, tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("驾驭全盘,促进发展。\n", encoding="utf-8")
    p.chmod(0o600)
    cli("--fix", p)
    assert p.read_text(encoding="utf-8") == "驾驭全盘，促进发展。\n"
    assert (p.stat().st_mode & 0o777) == 0o600


def test_docx_fix_inside_a_run_keeps_the_others(cli, tmp_path):
    p = tmp_path / "r.docx"
    p.write_bytes(make_docx([["一、履职情况"], ["统揽大局、驾驭全盘,促进发展", "，全年召开会议12次。"], ["落实“固定党日”", "、", "“主题党日”制度。"]]))
    code, out, err = cli("--fix", p)
    assert code in (0, 1), err
    import zipfile

    from lxml import etree

    xml = etree.fromstring(zipfile.ZipFile(p).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paras = ["".join(t.text or "" for t in para.iter(w + "t")) for para in xml.iter(w + "p")]
    runs = [len(list(para.iter(w + "r"))) for para in xml.iter(w + "p")]
    assert runs == [1, 2, 3]  # runs (and their formatting) are kept
    assert paras[1] == "统揽大局、驾驭全盘，促进发展，全年召开会议12次。"
    # the 顿号 sits alone in its own run: the span lies inside that run, so it is fixed too
    assert paras[2] == "落实“固定党日”“主题党日”制度。"


def test_crash_while_writing_leaves_the_original_intact(tmp_path, monkeypatch):
    """A failure between writing the temporary file and renaming it (disk full, kill) must leave
    the report as it was and no temporary file behind."""
    from shuzhi_lint import fsutil
    from shuzhi_lint.fixing.writer import write_text_file

    p = tmp_path / "r.txt"
    original = "驾驭全盘,促进发展。\n".encode("utf-8")
    p.write_bytes(original)

    def boom(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", boom)
    from shuzhi_lint.errors import InputError

    with pytest.raises(InputError, match="磁盘空间不足"):  # one line in Chinese, not a traceback
        write_text_file(str(p), original, "驾驭全盘，促进发展。\n", "utf-8", False)
    assert p.read_bytes() == original
    assert [x.name for x in tmp_path.iterdir()] == ["r.txt"]


def test_fixing_runs_on_typed_options_and_relints_once(tmp_path):
    """The fixing package takes ``FixOptions`` (no command-line arguments), writes nothing to the
    terminal and lints the fixed file again in one place: --diff leaves the file alone and puts
    the diff on the result, a fix returns the fixed file's result."""
    from shuzhi_lint import api
    from shuzhi_lint.fixing import FixOptions, fix_result
    from shuzhi_lint.runner import lint_path

    class OneLinter:
        def __init__(self):
            self.built = api.linter()

        def linter(self, path):
            return self.built

    session = OneLinter()
    report = tmp_path / "r.txt"
    original = "一、主要工作\n我们认真落实责任,推动各项工作落地见效。\n"
    report.write_text(original, encoding="utf-8")
    result = lint_path(session.linter(str(report)), str(report))
    assert any(f.fix for f in result.findings)

    diffed = fix_result(session, result, FixOptions(diff=True))
    assert diffed is result and "-我们认真落实责任,推动" in diffed.diff
    assert report.read_text(encoding="utf-8") == original

    fixed = fix_result(session, result, FixOptions())
    assert fixed is not result and fixed.fixed >= 1 and not fixed.error
    assert "责任，推动" in report.read_text(encoding="utf-8")
    assert not any(f.fix and f.fix["applicability"] == "safe" for f in fixed.findings)


# a paragraph with traditional characters (AR014) and pinyin notes (AR008) whose fix spans overlap:
# one pass applies one of them, the next pass the other
OVERLAP = "這一年來我們堅持把學(xué)習放在首位，組織開展讀書活動十二次。\n"
OVERLAP_FIXED = "这一年来我们坚持把学习放在首位，组织开展读书活动十二次。\n"


def test_overlapping_fixes_are_all_applied_in_one_run(cli, tmp_path):
    from shuzhi_lint import api

    codes = {f.code: f for f in api.lint_text(OVERLAP) if f.fix}
    assert {"AR008", "AR014"} <= set(codes)
    a, b = codes["AR008"], codes["AR014"]
    assert a.start < b.end and b.start < a.end  # the two fixes overlap
    p = tmp_path / "r.txt"
    p.write_text(OVERLAP, encoding="utf-8")
    code, out, err = cli("--fix", "--unsafe-fixes", p)
    assert p.read_text(encoding="utf-8") == OVERLAP_FIXED, err
    assert "已自动修复 2 处" in out
    snapshot = p.read_bytes()
    cli("--fix", "--unsafe-fixes", p)  # nothing left for a second run
    assert p.read_bytes() == snapshot


def test_diff_shows_every_pass(cli, tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(OVERLAP, encoding="utf-8")
    code, out, _ = cli("--diff", "--unsafe-fixes", p)
    assert code == 1 and "+" + OVERLAP_FIXED in out
    assert p.read_text(encoding="utf-8") == OVERLAP


def test_a_fix_that_would_lose_text_is_never_applied():
    from shuzhi_lint.finding import Finding
    from shuzhi_lint.fixing.edits import loses_text

    text = "第一段写了学习情况。\n第二段写了整改措施。\n"

    def fix(start, end, replacement, match=None):
        return Finding("x", 1, 1, 1, 1, "XX001", "n", "c", "warning", "m",
                       text[start:end] if match is None else match, {"replacement": replacement, "applicability": "safe"}, start, end)

    assert not loses_text(text, fix(3, 5, "撰写"))  # an ordinary fix
    assert loses_text(text, fix(3, 5, "撰写", match="记录"))  # found in another version of the text
    assert loses_text(text, fix(9, 12, "。"))  # would join the two paragraphs
    long = "本段内容较长" * 4
    assert loses_text(long, Finding("x", 1, 1, 1, 1, "XX001", "n", "c", "warning", "m", long,
                                    {"replacement": "", "applicability": "safe"}, 0, len(long)))  # deletes 24 characters


def test_touching_fixes_wait_for_the_next_pass_and_deletions_go_first():
    from shuzhi_lint.finding import Finding
    from shuzhi_lint.fixing.edits import choose

    def fix(start, end, replacement):
        return Finding("x", 1, 1, 1, 1, "XX001", "n", "c", "warning", "m", "", {"replacement": replacement, "applicability": "safe"}, start, end)

    insert, delete, apart, inside = fix(2, 5, "从严治党"), fix(5, 11, ""), fix(20, 22, "作为"), fix(6, 8, "")
    chosen, skipped = choose([insert, delete, apart, inside], unsafe=False)
    assert chosen == [delete, apart]  # the deletion, and a fix that touches neither
    assert skipped == [inside, insert]  # inside the deletion; touching it


def test_fixes_that_undo_each_other_stop(tmp_path):
    """Passes are bounded: two fixes that turn a text back and forth end after a repeat."""
    from shuzhi_lint import fixing
    from shuzhi_lint.checks.base import CheckKind, Hit
    from shuzhi_lint.config import Config
    from shuzhi_lint.hookspecs import hookimpl
    from shuzhi_lint.options import RunOptions
    from shuzhi_lint.plugins import collect
    from shuzhi_lint.session import Session

    class Flip(CheckKind):
        name = "flip-test"
        description = "测试"

        def check(self, ctx):
            for i, c in enumerate(ctx.text):
                if c in "甲乙":
                    yield Hit(i, i + 1, replacement="乙" if c == "甲" else "甲")

    class plugin:
        @staticmethod
        @hookimpl
        def shuzhi_lint_check_kinds():
            return [Flip]

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "flip.yaml").write_text(
        "- code: FLP001\n  name: flip\n  category: wording\n  severity: warning\n  kind: flip-test\n"
        "  fix: {replacement: \"\", applicability: safe}\n  message: 改为另一个字\n  explain: 测试\n", encoding="utf-8")
    p = tmp_path / "r.txt"
    p.write_text("甲\n", encoding="utf-8")
    session = Session(collect(extra=[plugin]), RunOptions(paths=(str(p),), fix=True),
                      config=Config(select=["FLP001"], rules=[str(rules)]))
    [result] = session.results()
    assert result.fixed == 2 < fixing.MAX_PASSES and not result.error  # stopped at the repeat
    assert p.read_text(encoding="utf-8") in ("甲\n", "乙\n")
