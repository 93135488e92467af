"""Input: encodings, line endings, docx, and files that cannot be read."""

from __future__ import annotations

import io
import json
import zipfile

from conftest import seed

DOCX_TEMPLATE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}</w:body></w:document>'
)


def make_docx(paragraphs: list[list[str]], extra: str = "") -> bytes:
    body = "".join("<w:p>" + "".join(f"<w:r><w:t xml:space=\"preserve\">{r}</w:t></w:r>" for r in runs) + "</w:p>" for runs in paragraphs)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", DOCX_TEMPLATE.format(body + extra))
    return buf.getvalue()


def findings(cli, *paths, select="PH,ST"):
    code, out, err = cli("--format", "json", "--select", select, *paths)
    return code, json.loads(out) if out.strip().startswith("[") else out, err


def strip_path(fs):
    return [{k: v for k, v in f.items() if k != "path"} for f in fs]


def test_gb18030_copy_gives_same_findings(cli, tmp_path):
    src = seed("004")
    text = src.read_text(encoding="utf-8")
    gb = tmp_path / "gb.txt"
    gb.write_bytes(text.encode("gb18030"))
    u8 = tmp_path / "u8.txt"
    u8.write_text(text, encoding="utf-8")
    _, a, _ = findings(cli, u8)
    _, b, _ = findings(cli, gb)
    assert a and strip_path(a) == strip_path(b)


def test_bom_utf8_utf16_and_crlf_positions(cli, tmp_path):
    text = "述职报告\r\n一、履职情况\r\n召开会议x次，到XXX社区调研。\r\n"
    variants = {
        "bom8.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "u16.txt": text.encode("utf-16"),
        "crlf.txt": text.encode("utf-8"),
    }
    results = []
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        _, fs, _ = findings(cli, tmp_path / name, select="PH")
        results.append(strip_path(fs))
    assert results[0] == results[1] == results[2]
    ph1 = next(f for f in results[0] if f["code"] == "PH001")
    assert (ph1["line"], ph1["column"], ph1["end_column"], ph1["match"]) == (3, 5, 7, "x次")


def test_bad_inputs_are_reported_and_others_still_linted(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("召开会议x次。\n", encoding="utf-8")
    cases = {
        "empty.txt": b"",
        "blank.txt": b" \n\t\n\xe3\x80\x80\n",
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "garbage.txt": bytes([0x80, 0xFF, 0xFE, 0x81, 0x20, 0xC0]) * 50,
        "broken.docx": b"this is not a zip file",
        "nodoc.docx": _zip_without_document(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    code, out, err = cli("--format", "json", "--select", "PH", tmp_path)
    assert code == 2
    assert "Traceback" not in err
    err_lines = [line for line in err.splitlines() if line.strip()]
    assert len(err_lines) == len(cases)
    for name in cases:
        assert any(name in line for line in err_lines), name
    assert any(f["path"].endswith("good.txt") for f in json.loads(out))


def _zip_without_document() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    return buf.getvalue()


def test_docx_positions_map_to_paragraphs(cli, tmp_path):
    p = tmp_path / "r.docx"
    p.write_bytes(make_docx([["2023年述职报告"], ["一、履职情况"], ["全年召开会议", "x次", "，效果良好。"]]))
    code, fs, err = findings(cli, p, select="PH001")
    assert code == 1, err
    f = fs[0]
    assert (f["line"], f["column"], f["match"]) == (3, 7, "x次")


def test_docx_with_entity_declaration_is_refused(cli, tmp_path):
    p = tmp_path / "evil.docx"
    evil = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", evil)
    p.write_bytes(buf.getvalue())
    code, _, err = findings(cli, p)
    assert code == 2 and "evil.docx" in err and "实体" in err


def test_missing_path_is_an_error(cli, tmp_path):
    code, _, err = cli(tmp_path / "nope.txt")
    assert code == 2 and "nope.txt" in err and "不存在" in err


def test_mixed_encodings_refused(cli, tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes("第一行是UTF-8文字\n".encode("utf-8") + "第二行是GBK文字\n".encode("gbk"))
    code, _, err = cli(p)
    assert code == 2 and "混用" in err


NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    "</w:numbering>"
)  # abstractNum 0 / num 1 are appended to the template's numbering part; ids chosen not to clash
NUMBERING = NUMBERING.replace('w:abstractNumId="0"', 'w:abstractNumId="90"').replace('w:val="0"/></w:num>', 'w:val="90"/></w:num>').replace(
    'w:numId="1"', 'w:numId="91"'

)


def numbered_docx(paragraphs: list[tuple[int | None, str]]) -> bytes:
    """A real Word document (python-docx) whose headings are numbered by Word's list numbering."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    numbering = d.part.numbering_part.element
    for child in parse_xml(NUMBERING.split("?>", 1)[1]):
        numbering.append(child)
    for level, text in paragraphs:
        para = d.add_paragraph(text)
        if level is not None:
            ppr = para._p.get_or_add_pPr()
            ppr.append(parse_xml(
                f'<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f'<w:ilvl w:val="{level}"/><w:numId w:val="91"/></w:numPr>'
            ))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_word_numbering_gives_headings(cli, tmp_path):
    p = tmp_path / "numbered.docx"
    p.write_bytes(
        numbered_docx(
            [
                (None, "2024年度述职报告"),
                (0, "履职情况"),
                (1, "压实责任。全年召开会议x次。"),
                (0, "存在的问题"),
                (None, "一是理论学习不够深入。二是党建创新不够。"),
                (0, "原因分析"),
                (None, "一是思想认识不到位。二是创新意识不强。"),
                (0, "下一步措施"),
                (None, "一是深化理论学习。二是推动党建创新。"),
            ]
        )
    )
    code, out, _ = cli("--outline", "--format", "json", p)
    o = json.loads(out)[0]
    assert [s["role"] for s in o["sections"]] == ["title", "achievements", "problems", "causes", "measures"]
    assert o["sections"][1]["heading"] == "一、履职情况"
    code, fs, _ = findings(cli, p, select="PH001")
    assert [(f["line"], f["column"], f["match"]) for f in fs] == [(3, 15, "x次")]
    # the Word comment lands on the run text, after the label Word draws
    out_docx = tmp_path / "annotated.docx"
    cli("--format", "docx", "-o", out_docx, "--select", "PH001", p)
    from test_docx_output import anchored_texts

    assert list(anchored_texts(out_docx).values()) == ["x次"]
