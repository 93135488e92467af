"""Malformed and unusual .docx files: one line naming the file, exit 2, and the other files linted
(serially and with --jobs); Word list numbering and text boxes read the way Word shows them."""

from __future__ import annotations

import io
import json
import struct
import zipfile

import pytest

from shuzhi_lint.loaders import docx as docx_loader
from shuzhi_lint.loaders.docx import DocxLoader
from test_loaders import DOCX_TEMPLATE

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BODY = "<w:p><w:r><w:t>述职报告</w:t></w:r></w:p><w:p><w:r><w:t>今年召开支委会x次。</w:t></w:r></w:p>"
GOOD = "述职报告\n今年召开支委会x次，整改问题若干项。\n"


def docx(body: str = BODY, numbering: str | None = None, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", DOCX_TEMPLATE.format(body))
        if numbering is not None:
            z.writestr("word/numbering.xml", f"<w:numbering {NS}>{numbering}</w:numbering>")
    return buf.getvalue()


def _patch_headers(data: bytes, name: bytes, offset_local: int, offset_central: int, fmt: str, value: int) -> bytes:
    """Set a field of ``name``'s local header and central-directory entry."""
    out = bytearray(data)
    for sig, off in ((b"PK\x03\x04", offset_local), (b"PK\x01\x02", offset_central)):
        pos = 0
        while (pos := out.find(sig, pos)) >= 0:
            name_at = pos + (30 if sig == b"PK\x03\x04" else 46)
            if out[name_at:name_at + len(name)] == name:
                struct.pack_into(fmt, out, pos + off, value)
            pos += 4
    return bytes(out)


def bad_crc() -> bytes:
    data = docx(method=zipfile.ZIP_STORED)
    return data.replace("支委会".encode(), "党委会".encode(), 1)  # same length, still XML, CRC no longer matches


def corrupt_deflate() -> bytes:
    data = bytearray(docx())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 5, start + info.compress_size - 2):
        data[k] ^= 0x5A
    return bytes(data)


def deflate64() -> bytes:  # compression method 9, as Windows' "send to compressed folder" writes large files
    return _patch_headers(docx(), b"word/document.xml", 8, 10, "<H", 9)


def encrypted() -> bytes:  # general-purpose flag bit 0: traditional PKWARE encryption
    data = docx()
    out = bytearray(data)
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = 0
        while (pos := out.find(sig, pos)) >= 0:
            name_at = pos + (30 if sig == b"PK\x03\x04" else 46)
            if out[name_at:name_at + 17] == b"word/document.xml":
                out[pos + off] |= 1
            pos += 4
    return bytes(out)


BROKEN = {"crc.docx": bad_crc, "deflate.docx": corrupt_deflate, "deflate64.docx": deflate64, "encrypted.docx": encrypted}


@pytest.mark.parametrize("name", sorted(BROKEN))
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_broken_package_is_one_line_and_the_others_are_linted(cli, tmp_path, name, jobs):
    (tmp_path / name).write_bytes(BROKEN[name]())
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    code, out, err = cli("--jobs", jobs, "--format", "json", "--select", "PH", tmp_path)
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if name in line]
    assert len(lines) == 1 and lines[0].startswith("shuzhi-lint: 错误："), err
    assert "请用 Word 打开后另存" in lines[0] or "加密" in lines[0]
    linted = {f["path"].rsplit("/", 1)[-1] for f in json.loads(out)}
    assert linted == {"a.txt", "b.txt"}


def _list(fmt: str, start: str | None, text: str = "%1、") -> str:
    start_el = f'<w:start w:val="{start}"/>' if start is not None else ""
    return (
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">{start_el}<w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )


def _numbered(n: int, ilvl: str = "0") -> str:
    item = f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>加强学习</w:t></w:r></w:p>'
    return "<w:p><w:r><w:t>述职报告</w:t></w:r></w:p>" + item * n


def _labels(data: bytes) -> list[str]:
    return [line.removesuffix("加强学习") for line in DocxLoader().load("x.docx", data).text.splitlines()[1:]]


def test_chinese_counting_list_of_105_items():
    labels = _labels(docx(_numbered(105), _list("chineseCounting", None)))
    assert labels[0] == "一、" and labels[9] == "十、" and labels[19] == "二十、"
    assert labels[99] == "一百、" and labels[104] == "一百零五、"


def test_chinese_counting_list_starting_at_100():
    labels = _labels(docx(_numbered(12), _list("chineseCounting", "100")))
    assert labels[0] == "一百、" and labels[5] == "一百零五、" and labels[10] == "一百一十、"


@pytest.mark.parametrize(
    "n,words",
    [(0, "零"), (10, "十"), (15, "十五"), (105, "一百零五"), (110, "一百一十"), (1001, "一千零一"), (1010, "一千零一十"),
     (10500, "一万零五百"), (120000, "十二万"), (100000005, "一亿零五")],
)
def test_chinese_counting_any_integer(n, words):
    assert docx_loader.chinese_counting(n) == words


@pytest.mark.parametrize("numbering,ilvl", [(_list("decimal", "abc"), "0"), (_list("decimal", None), "x"),
                                            (_list("decimal", None).replace('w:ilvl="0"', 'w:ilvl="x"'), "0"),
                                            (_list("chineseCounting", "99999999999999999999999"), "0")])
def test_non_integer_numbering_attributes_do_not_crash(numbering, ilvl):
    doc = DocxLoader().load("x.docx", docx(_numbered(3, ilvl), numbering))
    assert doc.text.count("加强学习") == 3


def test_non_integer_numbering_in_a_batch(cli, tmp_path):
    (tmp_path / "list.docx").write_bytes(docx(_numbered(3, "x"), _list("decimal", "abc")))
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, out, err = cli("--jobs", "2", "--format", "json", "--select", "PH", tmp_path)
    assert "Traceback" not in err and code == 1, err


TEXT_BOX = (
    '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    "<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
    "<w:txbxContent><w:p><w:r><w:t>框内召开会议x次。</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
    '<mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml">'
    "<w:txbxContent><w:p><w:r><w:t>框内召开会议x次。</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r></w:p>"
)


def test_text_box_is_read_once(cli, tmp_path):
    data = docx("<w:p><w:r><w:t>述职报告</w:t></w:r></w:p>" + TEXT_BOX)
    assert DocxLoader().load("x.docx", data).text.count("框内召开会议") == 1
    (tmp_path / "box.docx").write_bytes(data)
    code, out, err = cli("--format", "json", "--select", "PH001", tmp_path / "box.docx")
    assert len([f for f in json.loads(out) if f["code"] == "PH001"]) == 1, out
