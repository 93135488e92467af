"""``--format docx -o 批注版.docx``: a copy of the report with a Word comment on each finding.

For a .docx input the copy is the original package (tables, headers, existing comments kept) with
runs split at the finding boundaries, so each comment is anchored on exactly the finding's text;
for .txt/.md input it is a new document with one paragraph per line. The input file is never
written to.
"""

from __future__ import annotations

import copy
import io

import docx  # this module is imported only for --format docx
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from shuzhi_lint.errors import LintError
from shuzhi_lint.loaders.docx import W, element_text, owning_paragraph
from shuzhi_lint.rules import SEVERITY_CN
from shuzhi_lint.safetext import replaced

AUTHOR = "shuzhi-lint"


def comment_text(f) -> str:
    # XML holds no control characters: each one becomes U+FFFD
    text = f"{f.code} [{SEVERITY_CN[f.severity]}] {replaced(f.message)}"
    if f.fix:
        text += "\n建议：" + (f"改为“{replaced(f.fix['replacement'])}”" if f.fix["replacement"] else "删除")
    return text


class DocxFormatter:
    name = "docx"
    binary = True

    def render(self, results, ctx) -> bytes:
        readable = [r for r in results if r.document is not None]
        if len(readable) != 1:
            raise LintError("--format docx 一次只能输出一份报告的批注版，请只给一个输入文件")
        result = readable[0]

        doc = result.document
        if doc.kind == "docx":
            word = docx.Document(io.BytesIO(doc.source_bytes))
            paragraphs = list(word.element.body.iter(W + "p"))
            para_of_line = doc.paragraph_of_line
            prefix = doc.docx_prefix  # numbering labels drawn by Word, not in the runs
        else:
            word = docx.Document()
            paragraphs = []
            for n in range(1, doc.line_count + 1):
                para = word.add_paragraph()
                text = replaced(doc.line_text(n, checked=False))  # same length: columns still fit
                if text:
                    para.add_run(text)
                paragraphs.append(para._p)
            para_of_line = list(range(len(paragraphs)))
            prefix = [0] * len(paragraphs)
        # split every run at every finding boundary first, then anchor the comments
        bounds: dict[int, set[int]] = {}
        for f in result.findings:
            if f.match and f.line == f.end_line:
                shift = prefix[f.line - 1]
                bounds.setdefault(f.line, set()).update((max(0, f.column - 1 - shift), max(0, f.end_column - 1 - shift)))
        for line, cuts in bounds.items():
            _split_runs(paragraphs[para_of_line[line - 1]], cuts)

        for f in result.findings:
            line = f.line if f.match else (result.outline.title_line if result.outline and result.outline.title_line else 1)
            p_el = paragraphs[para_of_line[min(line, len(para_of_line)) - 1]]
            runs = _runs(p_el)
            if not runs:
                continue
            if f.match and f.line == f.end_line:
                shift = prefix[f.line - 1]
                lo, hi = f.column - 1 - shift, f.end_column - 1 - shift
                chosen = [r for r, (a, b) in runs if a >= lo and b <= hi and b > a]
            else:
                chosen = [r for r, _ in runs]
            if not chosen:
                continue
            para = Paragraph(p_el, word)
            word.add_comment([Run(chosen[0], para), Run(chosen[-1], para)], text=comment_text(f), author=AUTHOR, initials="SL")
        out = io.BytesIO()
        word.save(out)
        return out.getvalue()


def _runs(p_el):
    """The paragraph's own runs with their (start, end) character offsets in the line text."""
    out = []
    pos = 0
    for r in p_el.iter(W + "r"):
        if owning_paragraph(r) is not p_el:
            continue
        n = sum(len(element_text(el)) for el in r.iter(W + "t", W + "tab", W + "br"))
        out.append((r, (pos, pos + n)))
        pos += n
    return out


def _split_runs(p_el, cuts: set[int]) -> None:
    for cut in sorted(cuts, reverse=True):
        for r, (a, b) in _runs(p_el):
            if a < cut < b:
                ts = list(r.iter(W + "t"))
                # only runs made of plain text can be split exactly; others stay whole
                if len(ts) != 1 or len(list(r.iter(W + "tab", W + "br"))):
                    break
                k = cut - a
                text = ts[0].text or ""
                twin = copy.deepcopy(r)
                ts[0].text = text[:k]
                list(twin.iter(W + "t"))[0].text = text[k:]
                for t in (ts[0], list(twin.iter(W + "t"))[0]):
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                r.addnext(twin)
                break
