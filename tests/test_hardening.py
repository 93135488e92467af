"""Hostile and broken input: a clear one-line error naming the file, exit 2, the other files still
linted, never a traceback or a hang; and property tests over random text and mutated seeds."""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_FILES
from test_loaders import make_docx

GOOD = "召开会议x次。\n"


def one_bad_file(cli, tmp_path, name, data, *extra):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    target = tmp_path / name
    if isinstance(data, bytes):
        target.write_bytes(data)
    code, out, err = cli("--format", "json", "--select", "PH", *extra, tmp_path, cwd=tmp_path)
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0], err
    assert code == 2
    assert any(f["path"].endswith("good.txt") for f in json.loads(out))
    return lines[0]


def test_zip_with_txt_name(cli, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    assert "ZIP" in one_bad_file(cli, tmp_path, "archive.txt", buf.getvalue())


def test_nul_bytes(cli, tmp_path):
    assert "NUL" in one_bad_file(cli, tmp_path, "nul.txt", "报告\x00内容".encode("utf-8"))


def test_file_over_the_size_limit(cli, tmp_path):
    msg = one_bad_file(cli, tmp_path, "huge.txt", "述职报告内容。\n".encode("utf-8") * (51 * 1024 * 1024 // 22))
    assert "max-file-size" in msg
    # the limit is configurable
    (tmp_path / ".shuzhi-lint.yaml").write_text("max-file-size: 100\n", encoding="utf-8")
    code, _, err = cli("--select", "PH", tmp_path / "good.txt", cwd=tmp_path)
    assert code == 1 and err == ""


def test_docx_zip_bomb_refused(cli, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document>" + " " * (30 * 1024 * 1024) + "</w:document>")
    assert "压缩炸弹" in one_bad_file(cli, tmp_path, "bomb.docx", buf.getvalue())


def test_billion_laughs_refused(cli, tmp_path):
    lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", lol)
    assert "实体" in one_bad_file(cli, tmp_path, "lol.docx", buf.getvalue())


def test_docx_with_many_tiny_runs(cli, tmp_path):
    p = tmp_path / "runs.docx"
    p.write_bytes(make_docx([list("召开会议x次，驾驭全盘,促进发展。" * 2000)]))
    code, out, err = cli("--format", "json", "--select", "PH001,PU001", p)
    assert code == 1, err
    fs = json.loads(out)
    assert sum(f["code"] == "PU001" for f in fs) == 2000  # each has its own fix
    ph = [f for f in fs if f["code"] == "PH001"]  # 2000 identical slots in one paragraph: one finding
    assert len(ph) == 1 and "本段共有 2000 处" in ph[0]["message"]


def test_million_character_line(cli, tmp_path):
    p = tmp_path / "long.txt"
    p.write_text(("驾驭全盘,促进发展，召开会议12次。" * 60000)[:1_000_000] + "\n", encoding="utf-8")
    # concise output: JSON's indented encoder would make this test about json.dumps, not the line
    code, out, err = cli("--format", "concise", "--select", "PU001", p)
    assert code == 1 and "Traceback" not in err
    rows = [r for r in out.splitlines() if " PU001 " in r]
    assert len(rows) > 50000 and all(r.startswith(f"{p}:1:") for r in rows)


def test_symlink_loop_and_odd_paths(cli, tmp_path):
    folder = tmp_path / "收件 箱"
    folder.mkdir()
    (folder / "我的 报告.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(folder, folder / "loop")
    code, out, err = cli("--format", "json", "--select", "PH", folder)
    assert code == 1 and err == ""
    assert [f["path"] for f in json.loads(out)] == [str(folder / "我的 报告.txt")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(cli, tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(GOOD, encoding="utf-8")
    p.chmod(0)
    assert "权限" in one_bad_file(cli, tmp_path, "secret.txt", None)


def test_json_and_sarif_valid_with_control_characters(cli, tmp_path):
    p = tmp_path / "ctl.txt"
    p.write_text("召开会议x次\x1b[31m，驾驭全盘,促进\u2028发展。\n", encoding="utf-8")
    for fmt in ("json", "sarif", "gitlab"):
        code, out, _ = cli("--format", fmt, p)
        json.loads(out)


# -- property tests -------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    list("一二三四是、，。,;:：；xX×Ｘ0123456789%余多“”（）()《》 \n\t\u3000我们问题原因措施下一步存在究其以上述职履职情况不够有待第书记党的大会课")
)
TEXT = st.text(alphabet=ALPHABET, max_size=200) | st.text(max_size=120)


def check_findings(text: str):
    from shuzhi_lint.api import linter
    from shuzhi_lint.document import Document

    doc = Document(path="fuzz.txt", text=text)
    result = linter().lint_document(doc)
    assert not result.internal_errors, result.internal_errors
    for f in result.findings:
        if f.start is None:
            assert f.match == ""
            continue
        assert 0 <= f.start <= f.end <= len(text)
        assert f.match == text[f.start:f.end]
        assert doc.position(f.start) == (f.line, f.column)
        assert doc.position(f.end) == (f.end_line, f.end_column)
    return result


def fix_until_stable(text: str) -> str:
    from shuzhi_lint.fixing import edits as fix

    for _ in range(6):
        chosen, _ = fix.choose(check_findings(text).findings, unsafe=False)
        if not chosen:
            return text
        text = fix.apply(text, chosen)
    raise AssertionError(f"safe fixes never settle: {text!r}")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_text_never_raises_and_spans_are_exact(text):
    check_findings(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEED_FILES), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 30), TEXT), max_size=6))
def test_mutated_seeds(path, edits):
    text = path.read_text(encoding="utf-8")
    for pos, cut, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos + cut:]
    check_findings(text)
    fixed = fix_until_stable(text)
    assert fix_until_stable(fixed) == fixed


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_loaders_on_random_bytes(data):
    from shuzhi_lint.errors import InputError
    from shuzhi_lint.loaders.docx import DocxLoader
    from shuzhi_lint.loaders.text import MarkdownLoader, TextLoader

    for loader in (TextLoader(), MarkdownLoader(), DocxLoader()):
        try:
            doc = loader.load("random.bin", data)
        except InputError as e:
            assert str(e).startswith("random.bin: ")
        else:
            assert doc.text
