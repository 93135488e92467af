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

FORMATS = ["text", "concise", "json", "github", "gitlab", "junit", "sarif", "html"]
FORGED = "ev\n::error file=README.md,line=1::forged\n::stop-commands::x\n.txt"
# long enough that a few control characters pass the loader's control-character guard
BODY = "一、履职情况\n" + "今年以来，我们认真落实党建工作责任制，推动基层组织建设取得新进展。\n" * 30


def run(*args, env=None):
    full_env = dict(os.environ)
    full_env.pop("COLUMNS", None)
    full_env.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "shuzhi_lint", *map(str, args)], capture_output=True, env=full_env, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


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


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes as a name")
@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
@pytest.mark.parametrize("fmt", FORMATS + ["docx"])
def test_names_that_are_not_utf8_are_shown_with_replacement_characters(tmp_path, fmt, locale):
    folder = tmp_path / "zip"
    folder.mkdir()
    name = "报告".encode("gbk") + b".txt"  # a GBK name from a zip made on Chinese Windows
    with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
        fh.write(BODY.encode("utf-8") + "召开会议x次。\n".encode("utf-8"))
    (folder / "好.txt").write_text("召开会议x次。\n", encoding="utf-8")
    env = {"LC_ALL": locale, "LANG": locale}
    target = os.path.join(os.fsencode(folder), name) if fmt == "docx" else folder
    variants = [("-o", tmp_path / f"out.{fmt}")] if fmt == "docx" else [(), ("-o", tmp_path / f"out.{fmt}")]
    for extra in variants:
        code, out, err = run("--format", fmt, "--select", "PH", os.fsdecode(target), *extra, env=env)
        assert code == 1, err.decode("utf-8", "replace")
        assert b"Traceback" not in err
        if fmt == "docx":
            continue
        data = out if not extra else (tmp_path / f"out.{fmt}").read_bytes()
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
    proc = subprocess.run(
        [sys.executable, "-m", "shuzhi_lint", "--format", fmt, "--select", "PH", "::error file=README.md,line=1::forged.txt"],
        capture_output=True, cwd=tmp_path, timeout=120,
    )
    assert proc.returncode == 1
    assert not any(line.lstrip().startswith("::") for line in lines_of(proc.stdout) + lines_of(proc.stderr))
    assert "./::error file=README.md" in proc.stdout.decode("utf-8")
