"""Fixes in a .docx: a fix is applied when its span lies inside one text run (w:t), so the run's
formatting is kept; fixes that cross runs are left and reported. Only word/document.xml changes;
every other part of the package is copied byte for byte. (Imported only when a Word file is
fixed: lxml is imported here at module level for that reason.)"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from shuzhi_lint.loaders.docx import W, _parse, _read_part, owning_paragraph


def fixed_docx(doc, chosen, current: bytes) -> tuple[bytes, int]:
    """The package ``current`` (the bytes ``doc`` was read from) with the fixes applied, and how
    many were applied (0: nothing changed)."""
    zf = zipfile.ZipFile(io.BytesIO(current))
    root = _parse(doc.path, _read_part(doc.path, zf, "word/document.xml"))
    paragraphs = list(root.find(W + "body").iter(W + "p"))
    applied = 0
    # apply from the end so earlier offsets in the same run stay valid
    for f in sorted(chosen, key=lambda f: f.start, reverse=True):
        line_index = f.line - 1
        if f.end_line != f.line or line_index >= len(doc.paragraph_of_line):
            continue
        p_index = doc.paragraph_of_line[line_index]
        para_start = doc.line_starts[line_index] + doc.docx_prefix[line_index]
        a, b = f.start - para_start, f.end - para_start
        run = next(((s, e, t) for s, e, t in doc.docx_runs[line_index] if s <= a and b <= e), None)
        if run is None:
            continue
        s, _e, t_index = run
        p = paragraphs[p_index]
        ts = [el for el in p.iter(W + "t") if owning_paragraph(el) is p]
        t = ts[t_index]
        text = t.text or ""
        t.text = text[: a - s] + f.fix["replacement"] + text[b - s:]
        if t.text != t.text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        applied += 1
    if not applied:
        return current, 0

    new_xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in zf.infolist():
            data = new_xml if info.filename == "word/document.xml" else zf.read(info)
            dst.writestr(info, data)
    return out.getvalue(), applied
