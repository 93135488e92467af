"""Word (.docx) loader: paragraphs in document order (tables included), one paragraph per line.

Reads the package defensively: size and compression-ratio limits against zip bombs, and any DTD or
entity declaration refused outright (Word never writes one) so no entity is ever expanded.
"""

from __future__ import annotations

from shuzhi_lint.document import Document
from shuzhi_lint.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200


def _read_part(path: str, zf, name: str) -> bytes | None:
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


def owning_paragraph(el):
    """The nearest enclosing w:p (text boxes nest paragraphs inside paragraphs)."""
    anc = el.getparent()
    while anc is not None and anc.tag != W + "p":
        anc = anc.getparent()
    return anc


def element_text(el) -> str:
    """The text a w:t, w:tab or w:br contributes to its paragraph's line."""
    if el.tag == W + "t":
        return el.text or ""
    return "\t" if el.tag == W + "tab" else " "


class DocxLoader:
    name = "docx"
    suffixes = (".docx",)

    def load(self, path: str, data: bytes) -> Document:
        if not data:
            raise InputError(path, "文件为空，没有可检查的内容")
        import io
        import zipfile  # here, not at the top: most runs lint only text files

        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise InputError(path, "不是有效的 .docx 文件（不是 ZIP 格式，可能已损坏或是改了扩展名的 .doc 文件）") from None
        with zf:
            xml = _read_part(path, zf, "word/document.xml")
            if xml is None:
                raise InputError(path, "不是有效的 .docx 文件（压缩包中没有 word/document.xml）")
            root = _parse(path, xml)
            numbering_xml = _read_part(path, zf, "word/numbering.xml")
        numbering = Numbering(_parse(path, numbering_xml)) if numbering_xml else None
        body = root.find(W + "body")
        if body is None:
            raise InputError(path, "docx 文档没有正文（缺少 w:body）")
        lines: list[str] = []
        paragraph_of_line: list[int] = []
        runs: list[list[tuple[int, int, int]]] = []
        prefixes: list[int] = []
        for p_index, p in enumerate(body.iter(W + "p")):
            # a number that Word draws from its numbering (一、 （一） 1.) is not in the runs:
            # put it in front of the text so the outline sees the heading; spans skip it
            label = numbering.label(p) if numbering else ""
            parts: list[str] = [label]
            spans: list[tuple[int, int, int]] = []
            length = len(label)
            t_index = 0
            for el in p.iter(W + "t", W + "tab", W + "br"):
                # text of paragraphs nested inside this one (text boxes) is visited on its own
                if owning_paragraph(el) is not p:
                    continue
                s = element_text(el)
                if el.tag == W + "t":
                    spans.append((length, length + len(s), t_index))
                    t_index += 1
                parts.append(s)
                length += len(s)
            lines.append("".join(parts))
            paragraph_of_line.append(p_index)
            runs.append(spans)
            prefixes.append(len(label))
        text = "\n".join(lines)
        if not text.strip(" \t\r\n\u3000"):
            raise InputError(path, "docx 文档没有文字内容")
        return Document(path=path, text=text, kind="docx", paragraph_of_line=paragraph_of_line, source_bytes=data,
                        docx_runs=runs, docx_prefix=prefixes)


_CN = "零一二三四五六七八九"


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "ideographTraditional", "chineseLegalSimplified"):
        if n < 10:
            return _CN[n]
        if n < 20:
            return "十" + (_CN[n - 10] if n > 10 else "")
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


class Numbering:
    """Word list numbering (word/numbering.xml): the label each numbered paragraph shows."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        abstract = {}
        for a in root.iter(W + "abstractNum"):
            lv = {}
            for lvl in a.iter(W + "lvl"):
                ilvl = int(lvl.get(W + "ilvl", "0"))
                start = lvl.find(W + "start")
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                lv[ilvl] = (
                    int(start.get(W + "val", "1")) if start is not None else 1,
                    fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                    text.get(W + "val", "") if text is not None else "",
                )
            abstract[a.get(W + "abstractNumId")] = lv
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                self.levels[num.get(W + "numId")] = abstract.get(ref.get(W + "val"), {})
        self.counters: dict[str, dict[int, int]] = {}

    def label(self, p) -> str:
        num_pr = p.find(W + "pPr/" + W + "numPr")
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
        num_id = num_id_el.get(W + "val") if num_id_el is not None else None
        ilvl = int(ilvl_el.get(W + "val", "0")) if ilvl_el is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl][2]
        for k in range(ilvl + 1):
            if k in levels:
                value = counters.get(k, levels[k][0])
                text = text.replace(f"%{k + 1}", _format_number(value, levels[k][1]))
        return text
