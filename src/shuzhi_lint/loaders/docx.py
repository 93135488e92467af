"""Word (.docx) loader: paragraphs in document order (tables included), one paragraph per line.

Reads the package defensively: size and compression-ratio limits against zip bombs, and any DTD or
entity declaration refused outright (Word never writes one) so no entity is ever expanded.
"""

from __future__ import annotations

import io
import zipfile

from shuzhi_lint.document import Document
from shuzhi_lint.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200


def _read_part(path: str, zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_UNCOMPRESSED or (
        info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 10 * 1024 * 1024
    ):
        raise InputError(path, f"docx 中的 {name} 解压后过大（{info.file_size} 字节），疑似压缩炸弹，已拒绝")
    with zf.open(info) as fh:
        data = fh.read(MAX_UNCOMPRESSED + 1)
    if len(data) > MAX_UNCOMPRESSED:
        raise InputError(path, f"docx 中的 {name} 解压后过大，疑似压缩炸弹，已拒绝")
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise InputError(path, f"docx 中的 {name} 含有 DTD 或实体声明（Word 从不生成），疑似恶意文件，已拒绝")
    return data


def _parse(path: str, data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise InputError(path, f"docx 内部 XML 已损坏（{e.msg}），请用 Word 打开后另存") from None


class DocxLoader:
    name = "docx"
    suffixes = (".docx",)

    def load(self, path: str, data: bytes) -> Document:
        if not data:
            raise InputError(path, "文件为空，没有可检查的内容")
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise InputError(path, "不是有效的 .docx 文件（不是 ZIP 格式，可能已损坏或是改了扩展名的 .doc 文件）") from None
        with zf:
            xml = _read_part(path, zf, "word/document.xml")
            if xml is None:
                raise InputError(path, "不是有效的 .docx 文件（压缩包中没有 word/document.xml）")
            root = _parse(path, xml)
        body = root.find(W + "body")
        if body is None:
            raise InputError(path, "docx 文档没有正文（缺少 w:body）")
        lines: list[str] = []
        paragraph_of_line: list[int] = []
        runs: list[list[tuple[int, int, int]]] = []
        for p_index, p in enumerate(body.iter(W + "p")):
            parts: list[str] = []
            spans: list[tuple[int, int, int]] = []
            length = 0
            t_index = 0
            for el in p.iter(W + "t", W + "tab", W + "br"):
                # skip text of paragraphs nested inside this one (text boxes): they are visited on their own
                anc = el.getparent()
                while anc is not None and anc.tag != W + "p":
                    anc = anc.getparent()
                if anc is not p:
                    continue
                if el.tag == W + "t":
                    s = el.text or ""
                    spans.append((length, length + len(s), t_index))
                    t_index += 1
                elif el.tag == W + "tab":
                    s = "\t"
                else:
                    s = " "
                parts.append(s)
                length += len(s)
            lines.append("".join(parts))
            paragraph_of_line.append(p_index)
            runs.append(spans)
        text = "\n".join(lines)
        if not text.strip(" \t\r\n\u3000"):
            raise InputError(path, "docx 文档没有文字内容")
        doc = Document(path=path, text=text, kind="docx", paragraph_of_line=paragraph_of_line, source_bytes=data)
        doc.docx_runs = runs
        return doc
