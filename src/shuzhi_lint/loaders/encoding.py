"""Decode report bytes: BOMs, UTF-8, then GB18030 (superset of GBK/GB2312), then a detector.

Refuses binary data and files that mix encodings line by line, because a "best effort" decode
would report garbage positions.
"""

from __future__ import annotations

import codecs

from shuzhi_lint.errors import InputError
from shuzhi_lint.patterncache import compile_std

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"\x89PNG", "PNG 图片"),
    (b"PK\x03\x04", "ZIP 压缩包"),
    (b"%PDF", "PDF 文件"),
    (b"GIF8", "GIF 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office 文档（.doc/.xls），请另存为 .docx 或 .txt"),
    (b"\x7fELF", "可执行文件"),
)


def _is_cjk_text(text: str) -> bool:
    """True when the non-ASCII characters look like Chinese prose, not mojibake."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    good = 0
    for c in non_ascii:
        o = ord(c)
        if 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or o in (0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019, 0xB7):
            good += 1
    return good / len(non_ascii) >= 0.9


# Unicode category Cc (C0 and C1 controls) except the whitespace ones: \t \n \v \f \r
_CONTROL = compile_std(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for _ in _CONTROL.finditer(text)) / len(text)


def decode(path: str, data: bytes) -> tuple[str, str, bool]:
    """Return (text, encoding, had_bom) or raise InputError with a Chinese reason."""
    if not data:
        raise InputError(path, "文件为空，没有可检查的内容")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as e:
                raise InputError(path, f"文件以 {enc.upper()} 字节序标记开头，但第 {e.start} 字节处无法按该编码解码，文件可能已损坏") from None
            return _checked(path, text), enc, True
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"这是二进制文件（{what}），不是文本报告；请提供 .txt、.md 或 .docx 文件")
    if b"\x00" in data:
        raise InputError(path, "文件含有 NUL 字节，是二进制文件或无字节序标记的 UTF-16 文本；请另存为 UTF-8 文本")
    try:
        return _checked(path, data.decode("utf-8")), "utf-8", False
    except UnicodeDecodeError as e:
        utf8_error = e
    _refuse_mixed(path, data)
    try:
        text = data.decode("gb18030")
        if _is_cjk_text(text):
            return _checked(path, text), "gb18030", False
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8, non-GB file

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.25 or not _is_cjk_text(str(best)):
        raise InputError(
            path,
            f"无法识别文件编码（既不是 UTF-8，也不是 GB18030/GBK；第 {utf8_error.start} 字节起无法解码），"
            "可能是二进制文件或已损坏；请另存为 UTF-8 文本",
        )
    return _checked(path, str(best)), best.encoding, False


def _refuse_mixed(path: str, data: bytes) -> None:
    utf8_line = other_line = None
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not any(b > 127 for b in raw):
            continue
        try:
            text = raw.decode("utf-8")
            if sum(1 for c in text if ord(c) > 127) >= 2 and utf8_line is None:
                utf8_line = number
        except UnicodeDecodeError:
            if other_line is None:
                other_line = number
        if utf8_line and other_line:
            raise InputError(
                path,
                f"文件混用了多种编码（第 {utf8_line} 行是 UTF-8，第 {other_line} 行不是），请统一另存为 UTF-8 后再检查",
            )


def _checked(path: str, text: str) -> str:
    if not text.strip(" \t\r\n\u3000\ufeff"):
        raise InputError(path, "文件只有空白字符，没有可检查的内容")
    if _control_ratio(text) > 0.01:
        raise InputError(path, "文件含有大量控制字符，看起来是二进制文件而不是文本报告")
    return text


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """Inverse of decode, used by --fix to write the file back in its own encoding."""
    data = text.encode(encoding)
    if bom:
        for mark, enc in _BOMS:
            if enc == encoding:
                return mark + data
    return data
