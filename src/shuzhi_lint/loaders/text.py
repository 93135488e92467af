"""Plain-text and Markdown loaders."""

from __future__ import annotations

import re

from shuzhi_lint.document import Document
from shuzhi_lint.loaders.encoding import decode
from shuzhi_lint.loaders.markup import markdown_spans, url_spans
from shuzhi_lint.patterncache import compile_std

_DIRECTIVE = compile_std(r"<!--\s*shuzhi-lint:\s*disable(-next-line)?(?:\s*=\s*([A-Za-z0-9_,\s]+?))?\s*-->")
_COMMENT = compile_std(r"<!--.*?-->", re.S)
# markdown markup that is not report text: heading hashes, list bullets, emphasis markers
_MD_MARKUP = compile_std(
    r"^[ \t]{0,3}#{1,6}[ \t]+|^[ \t]*[-*+][ \t]+|(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)|^[ \t]*>[ \t]?",
    re.M,
)


class TextLoader:
    name = "txt"
    suffixes = (".txt", ".text")

    def load(self, path: str, data: bytes) -> Document:
        text, encoding, bom = decode(path, data)
        masked = url_spans(text)  # a web address is not prose: no finding, no fix inside it
        return Document(path=path, text=text, encoding=encoding, bom=bom, kind="txt", masked=masked, source_bytes=data)


class MarkdownLoader:
    name = "md"
    suffixes = (".md", ".markdown")

    def load(self, path: str, data: bytes) -> Document:
        text, encoding, bom = decode(path, data)
        masked = [m.span() for m in _COMMENT.finditer(text)]
        masked += [m.span() for m in _MD_MARKUP.finditer(text)]
        masked += markdown_spans(text)  # links, code, HTML tags, front matter, URLs
        doc = Document(path=path, text=text, encoding=encoding, bom=bom, kind="md", masked=masked, source_bytes=data)
        for m in _DIRECTIVE.finditer(text):
            line, _ = doc.position(m.start())
            start, end = doc.line_span(line)
            alone = not text[start:end].replace(m.group(0), "").strip()
            target = line + 1 if (m.group(1) or alone) else line
            codes = {c.strip().upper() for c in (m.group(2) or "ALL").split(",") if c.strip()}
            doc.disabled.setdefault(target, set()).update(codes)
        return doc
