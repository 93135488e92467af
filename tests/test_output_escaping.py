"""No file name or report text can forge an output line, an annotation or a terminal command, and
no file name crashes an output format: newlines and control characters in every path and text an
output or error line prints are escaped, terminal escape sequences are shown, names that are not
UTF-8 are shown with U+FFFD — in every format, on stdout and with -o, under C and C.UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import main_cli

FORMATS = ["text", "concise", "json", "github", "gitlab", "junit", "sarif", "html"]
FORGED = "ev\n::error file=README.md,line=1::forged\n::stop-commands::x\n.txt"
# long enough that a few control characters pass the loader's control-character guard
BODY = "一、履职情况\n" + "今年以来，我们认真落实党建工作责任制，推动基层组织建设取得新进展。\n" * 30


def run(*args):
    """shuzhi-lint run in this process (``conftest.main_cli``); stdout and stderr as bytes."""
    code, out, err = main_cli(*args)
    return code, out.encode("utf-8"), err.encode("utf-8")


def lines_of(data: bytes) -> list[str]:
    return data.decode("utf-8", "replace").splitlines()


@pytest.fixture
def forged_names(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / FORGED).write_text(BODY + "召开会议x次。\n", encoding="utf-8")  # has findings
    (folder / ("bad" + FORGED)).write_bytes(b"\x00" * 50)  # cannot be read: an error line
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_names_cannot_forge_lines_or_annotations(forged_names, tmp_path, fmt):
    out_file = tmp_path / "out"
    code, out, err = run("--format", fmt, "--select", "PH", forged_names, *(["-o", out_file] if fmt == "html" else []))
    assert code == 2, err
    if fmt == "html":
        out = out_file.read_bytes()
    for line in lines_of(out) + lines_of(err):
        assert not line.lstrip().startswith("::error file=README.md"), line
        assert not line.lstrip().startswith("::stop-commands::"), line
        assert not line.startswith(".txt"), line
    errors = [line for line in lines_of(err) if not line.startswith("已写入 ")]  # -o announces the file it wrote
    assert len(errors) == 1 and errors[0].startswith("shuzhi-lint: 错误："), err
    if fmt == "junit":
        root = ET.fromstring(out)  # well-formed, control characters or not
        assert root.find(".//error") is not None and root.find(".//failure") is not None
    if fmt in ("json", "gitlab", "sarif"):
        text = json.dumps(json.loads(out), ensure_ascii=False)
        assert "forged" in text  # the name is there, escaped by JSON itself


def test_control_characters_in_a_name_make_well_formed_junit(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\x01b\x1b[31m.txt").write_text("召开会议x次。\n", encoding="utf-8")
    code, out, err = run("--format", "junit", "--select", "PH", folder)
    assert code == 1, err
    case = ET.fromstring(out).find(".//testcase")
    assert case.get("name").endswith("a\\x01b\\x1b[31m.txt")


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "junit", "html"])
def test_terminal_escape_sequences_in_a_name_are_shown_not_sent(tmp_path, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\x1b]0;title\x07b\x1b[2J.txt").write_text("召开会议x次。\n", encoding="utf-8")
    (folder / "c\x1b[2J.txt").write_bytes(b"\x00" * 40)  # an error line on stderr
    out_file = tmp_path / "page.html"
    code, out, err = run("--format", fmt, "--select", "PH", folder, *(["-o", out_file] if fmt == "html" else []))
    assert code == 2, err
    if fmt == "html":
        out = out_file.read_bytes()
    assert b"\x1b" not in out + err and b"\x07" not in out + err
    assert b"\\x1b[2J" in out and b"\\x1b[2J" in err


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_terminal_escape_sequences_in_a_report_are_shown_not_sent(tmp_path, fmt):
    p = tmp_path / "r.txt"
    p.write_text(BODY + "召开会议x次\x1b]0;窗口标题\x07，驾驭全盘,促进\x1b[2J发展\x1b]52;c;Y2xpcA==\x07。\n", encoding="utf-8")
    out_file = tmp_path / "page.html"
    code, out, err = run("--format", fmt, "--select", "PH,PU", p, *(["-o", out_file] if fmt == "html" else []))
    assert code == 1, err
    if fmt == "html":
        out = out_file.read_bytes()
    assert b"\x1b" not in out and b"\x07" not in out and b"\x1b" not in err
    assert b"\\x1b[2J" in out  # shown, so the reader sees what is in the file


def test_text_snippet_caret_stays_under_the_span_after_escapes(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(BODY + "会上\x1b[2J驾驭全盘,促进发展。\n", encoding="utf-8")
    code, out, _ = run("--select", "PU001", p)
    lines = out.decode("utf-8").splitlines()
    snippet = next(line for line in lines if "驾驭全盘," in line)
    caret = lines[lines.index(snippet) + 1]
    from shuzhi_lint.formatters.width import width

    shown, marks = snippet.split(" | ", 1)[1], caret.split(" | ", 1)[1]
    assert "\\x1b[2J" in shown and marks.strip() == "^"
    assert len(marks) - 1 == width(shown[: shown.index(",")])


# Each run of a locale's interpreter runs shuzhi-lint once per ";;"-separated group of arguments
# (output file, error file, the command line): stdout and stderr are the interpreter's own, set up
# for the locale, pointed at the group's files. One interpreter per locale instead of one per run.
_LOCALE_DRIVER = """
import os, sys
from shuzhi_lint.cli import main

codes = []
groups = [[]]
for arg in sys.argv[1:]:
    if arg == ";;":
        groups.append([])
    else:
        groups[-1].append(arg)
for out, err, *argv in groups:
    sys.stdout.flush(), sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(out, "wb") as o, open(err, "wb") as e:
        os.dup2(o.fileno(), 1), os.dup2(e.fileno(), 2)
        try:
            code = main(argv)
        except SystemExit as x:
            code = x.code
        sys.stdout.flush(), sys.stderr.flush()
        os.dup2(saved[0], 1), os.dup2(saved[1], 2)
        os.close(saved[0]), os.close(saved[1])
    codes.append(str(code))
print(" ".join(codes))
"""
NOT_UTF8_FORMATS = FORMATS + ["docx"]


def _not_utf8_variants(fmt, folder, outputs):
    name = "报告".encode("gbk") + b".txt"  # a GBK name from a zip made on Chinese Windows
    target = os.path.join(os.fsencode(folder), name) if fmt == "docx" else os.fsencode(folder)
    to_file = ("-o", os.fsencode(outputs / f"out.{fmt}"))
    return [(to_file, target)] if fmt == "docx" else [((), target), (to_file, target)]


@pytest.fixture(scope="module", params=["C", "C.UTF-8"])
def not_utf8_runs(request, tmp_path_factory):
    """Every format's runs on a folder holding a name that is not UTF-8, in one interpreter
    started under the locale: {(fmt, to_file): (exit code, stdout, stderr, output file)}."""
    if sys.platform != "linux":
        pytest.skip("needs a file system that takes any bytes as a name")
    locale = request.param
    base = tmp_path_factory.mktemp("not-utf8")
    folder = base / "zip"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), "报告".encode("gbk") + b".txt"), "wb") as fh:
        fh.write(BODY.encode("utf-8") + "召开会议x次。\n".encode("utf-8"))
    (folder / "好.txt").write_text("召开会议x次。\n", encoding="utf-8")
    argv, keys = [], []
    for fmt in NOT_UTF8_FORMATS:
        for extra, target in _not_utf8_variants(fmt, folder, base):
            k = len(keys)
            keys.append((fmt, bool(extra), base / f"{k}.out", base / f"{k}.err", base / f"out.{fmt}"))
            argv += [";;"] if argv else []
            argv += [str(base / f"{k}.out"), str(base / f"{k}.err"), "--format", fmt, "--select", "PH", target, *extra]
    env = {**os.environ, "LC_ALL": locale, "LANG": locale}
    env.pop("COLUMNS", None)
    proc = subprocess.run([sys.executable, "-c", _LOCALE_DRIVER, *argv], capture_output=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    codes = proc.stdout.split()
    assert len(codes) == len(keys), proc.stdout
    runs = {}
    for code, (fmt, to_file, out, err, out_file) in zip(codes, keys):
        runs[fmt, to_file] = int(code), out.read_bytes(), err.read_bytes(), out_file.read_bytes() if to_file else None
    return runs


@pytest.mark.parametrize("fmt", NOT_UTF8_FORMATS)
def test_names_that_are_not_utf8_are_shown_with_replacement_characters(not_utf8_runs, fmt):
    for to_file in ([True] if fmt == "docx" else [False, True]):
        code, out, err, written = not_utf8_runs[fmt, to_file]
        assert code == 1, err.decode("utf-8", "replace")
        assert b"Traceback" not in err
        if fmt == "docx":
            continue
        data = written if to_file else out
        text = data.decode("utf-8")  # valid UTF-8 whatever the locale
        if fmt in ("json", "gitlab", "sarif"):
            json.loads(text)
        if fmt == "junit":
            ET.fromstring(data)
        if fmt == "sarif":  # a URI names the file's own bytes, percent-encoded (RFC 3986), not a replacement
            assert "%B1%A8%B8%E6.txt" in text, text[:500]
        else:
            assert "\ufffd" in text, text[:500]
        assert "好" in text


def test_error_lines_escape_names_on_stderr(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\n::warning::y.txt").write_bytes(b"\x00" * 40)
    code, out, err = run("--format", "github", folder)
    assert code == 2
    assert lines_of(err) == [line for line in lines_of(err) if line.startswith("shuzhi-lint: ")]
    assert "x\\n::warning::y.txt" in err.decode("utf-8")


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_a_name_starting_with_two_colons_does_not_start_a_line(tmp_path, fmt):
    """``shuzhi-lint *`` in CI: the name itself would begin a workflow command."""
    (tmp_path / "::error file=README.md,line=1::forged.txt").write_text("召开会议x次。\n", encoding="utf-8")
    code, out, err = main_cli("--format", fmt, "--select", "PH", "::error file=README.md,line=1::forged.txt", cwd=tmp_path)
    assert code == 1
    assert not any(line.lstrip().startswith("::") for line in out.splitlines() + err.splitlines())
    assert "./::error file=README.md" in out
