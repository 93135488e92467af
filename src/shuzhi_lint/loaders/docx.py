"""Word (.docx) loader: paragraphs in document order (tables included), one paragraph per line.

Reads the package defensively: size and compression-ratio limits against zip bombs, and any DTD or
entity declaration refused outright (Word never writes one) so no entity is ever expanded.
"""

from __future__ import annotations

import zlib

from shuzhi_lint.document import Document
from shuzhi_lint.errors import InputError
from shuzhi_lint.numerals import counting as chinese_counting  # Word's chineseCounting

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200


def _read_part(path: str, zf, name: str) -> bytes | None:
    import zipfile

    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_UNCOMPRESSED or (
        info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 10 * 1024 * 1024
    ):
        raise InputError(path, f"docx 中的 {name} 解压后过大（{info.file_size} 字节），疑似压缩炸弹，已拒绝")
    if info.flag_bits & 0x1:
        raise InputError(path, f"docx 中的 {name} 已加密，无法读取；请在 Word 中取消密码保护后另存")
    try:
        with zf.open(info) as fh:
            data = fh.read(MAX_UNCOMPRESSED + 1)
    except NotImplementedError:  # Deflate64 (Windows "compressed folder" for large files), others
        raise InputError(
            path, f"docx 中的 {name} 使用了不支持的压缩方式（{_METHODS.get(info.compress_type, info.compress_type)}）；请用 Word 打开后另存"
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError) as e:
        # a bad CRC, a corrupt deflate stream, a truncated entry, an encrypted one
        raise InputError(path, f"docx 中的 {name} 已损坏，无法解压（{_short(e)}）；请用 Word 打开后另存") from None
    if len(data) > MAX_UNCOMPRESSED:
        raise InputError(path, f"docx 中的 {name} 解压后过大，疑似压缩炸弹，已拒绝")
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise InputError(path, f"docx 中的 {name} 含有 DTD 或实体声明（Word 从不生成），疑似恶意文件，已拒绝")
    return data


_METHODS = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES 加密"}


def _short(e: BaseException) -> str:
    text = str(e).splitlines()[0] if str(e) else type(e).__name__
    return text[:80]


def _parse(path: str, data: bytes):
    from lxml import etree  # lazily: lxml costs start-up time and most runs read no Word file

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise InputError(path, f"docx 内部 XML 已损坏（{e.msg}），请用 Word 打开后另存") from None


def _table_cells(body) -> dict:
    """Each table cell (w:tc) -> (table, row, column), tables numbered in document order."""
    out = {}
    for t_index, tbl in enumerate(body.iter(W + "tbl")):
        for r_index, tr in enumerate(tbl.findall(W + "tr")):
            for c_index, tc in enumerate(tr.findall(W + "tc")):
                out[tc] = (t_index, r_index, c_index)
    return out


def _cell(p, cell_of: dict):
    anc = p.getparent()
    while anc is not None and anc.tag != W + "tc":
        anc = anc.getparent()
    return cell_of.get(anc) if anc is not None else None


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
        import zipfile  # with shutil, bz2 and lzma: only when a .docx is read (~3 ms)

        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
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
        cell_of = _table_cells(body)
        cells: list[tuple[int, int, int] | None] = []  # per line: (table, row, column) of a table cell
        lines: list[str] = []
        paragraph_of_line: list[int] = []
        runs: list[list[tuple[int, int, int]]] = []
        prefixes: list[int] = []
        # a text box is written twice: as a drawing (mc:Choice) and as VML for older readers
        # (mc:Fallback); its paragraphs are read once, from the drawing (the set keeps the
        # elements alive, so lxml hands back the same objects below)
        fallback = {q for fb in body.iter(MC + "Fallback") for q in fb.iter(W + "p")}
        for p_index, p in enumerate(body.iter(W + "p")):
            if fallback and p in fallback:
                continue
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
            cells.append(_cell(p, cell_of) if cell_of else None)
            paragraph_of_line.append(p_index)
            runs.append(spans)
            prefixes.append(len(label))
        text = "\n".join(lines)
        if not text.strip(" \t\r\n\u3000"):
            raise InputError(path, "docx 文档没有文字内容")
        return Document(path=path, text=text, kind="docx", paragraph_of_line=paragraph_of_line, source_bytes=data,
                        docx_runs=runs, docx_prefix=prefixes,
                        table_cells=cells if cell_of else None)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "ideographTraditional", "chineseLegalSimplified"):
        return chinese_counting(n)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


MAX_LEVEL = 8  # Word's list levels are 0–8


def _int(value: str | None, default: int) -> int | None:
    """An integer attribute of numbering.xml; None when it is not one (w:ilvl="x", w:val="abc"),
    so a damaged list loses its labels, not the document."""
    if value is None:
        return default
    try:
        n = int(value.strip())
    except (ValueError, AttributeError):
        return None
    return n if -(10**9) < n < 10**9 else None


def _first(start) -> int:
    """The number a list level starts at (w:start); 1 when absent or not a number."""
    value = _int(start.get(W + "val"), 1) if start is not None else 1
    return 1 if value is None else value


class Numbering:
    """Word list numbering (word/numbering.xml): the label each numbered paragraph shows."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        abstract = {}
        for a in root.iter(W + "abstractNum"):
            lv = {}
            for lvl in a.iter(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"), 0)
                if ilvl is None or not 0 <= ilvl <= MAX_LEVEL:
                    continue
                start = lvl.find(W + "start")
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                lv[ilvl] = (
                    _first(start),
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
        ilvl = _int(ilvl_el.get(W + "val"), 0) if ilvl_el is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl is None or ilvl not in levels:
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
