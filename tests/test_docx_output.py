"""The annotated Word copy, re-opened with python-docx: one comment per finding, on exactly its text."""

from __future__ import annotations

import hashlib
import json

import docx

from conftest import seed

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchored_texts(path) -> dict[str, str]:
    """comment id -> the document text between its commentRangeStart and commentRangeEnd."""
    body = docx.Document(str(path)).element.body
    open_ids: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            cid = el.get(W + "id")
            done[cid] = "".join(open_ids.pop(cid, []))
        elif el.tag == W + "t":
            for parts in open_ids.values():
                parts.append(el.text or "")
    return done


def lint_json(cli, path):
    _, out, _ = cli("--format", "json", path)
    return json.loads(out)


def test_txt_input_becomes_annotated_docx(cli, tmp_path):
    src = seed("004")
    out = tmp_path / "批注版.docx"
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    code, stdout, err = cli("--format", "docx", "-o", out, src)
    assert code == 1, err
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    findings = lint_json(cli, src)
    document = docx.Document(str(out))
    comments = list(document.comments)
    assert len(comments) == len(findings)
    assert all(c.author == "shuzhi-lint" for c in comments)
    anchors = anchored_texts(out)
    by_id = {str(c.comment_id): c for c in comments}
    spans = [f for f in findings if f["match"]]
    matched = sorted(anchors[cid] for cid, c in by_id.items() if not c.text.startswith(("ST", "CR003", "CR002")) and anchors.get(cid))
    assert sorted(f["match"] for f in spans if not f["code"].startswith(("ST", "CR002", "CR003"))) == matched
    for c in comments:
        assert c.text.split(" ", 1)[0] in {f["code"] for f in findings}


def make_rich_docx(path):
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "内部资料"
    d.add_paragraph("2023年度述职报告")
    p = d.add_paragraph()
    r1 = p.add_run("全年召开会议")
    r1.bold = True
    p.add_run("x次，驾驭全盘,促进发展。")
    d.add_comment(r1, text="原有批注", author="审阅人")
    table = d.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].text = "到XXX社区调研。"
    d.save(str(path))


def test_docx_input_keeps_tables_headers_and_existing_comments(cli, tmp_path):
    src = tmp_path / "报告.docx"
    make_rich_docx(src)
    before = src.read_bytes()
    out = tmp_path / "out.docx"
    code, _, err = cli("--format", "docx", "-o", out, "--select", "PH,PU001", src)
    assert code == 1, err
    assert src.read_bytes() == before
    document = docx.Document(str(out))
    comments = list(document.comments)
    assert [c.author for c in comments].count("审阅人") == 1
    ours = [c for c in comments if c.author == "shuzhi-lint"]
    assert len(ours) == 3
    anchors = anchored_texts(out)
    assert sorted(anchors[str(c.comment_id)] for c in ours) == sorted(["x次", ",", "XXX"])
    assert document.sections[0].header.paragraphs[0].text == "内部资料"
    assert document.tables[0].cell(0, 0).paragraphs[0].text == "到XXX社区调研。"
    # the split runs keep their formatting
    assert document.paragraphs[1].text == "全年召开会议x次，驾驭全盘,促进发展。"
    assert document.paragraphs[1].runs[0].bold


def test_docx_format_needs_one_input(cli, tmp_path):
    code, _, err = cli("--format", "docx", "-o", tmp_path / "o.docx", seed("000"), seed("001"))
    assert code == 2 and "一个输入文件" in err
    code, _, err = cli("--format", "docx", seed("000"))
    assert code == 2 and "-o" in err
