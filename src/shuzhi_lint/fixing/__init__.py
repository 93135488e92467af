"""--fix / --diff over a run's results: choose and apply each file's fixes (``edits``), write the
file back in its own format (``writer`` for text, ``docx`` for Word), then lint again what changed
(``_relint``, the one place that does).

Fixing gets what it needs as ``FixOptions``, never the command line's arguments."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from shuzhi_lint.errors import InputError
from shuzhi_lint.fixing.edits import apply, choose, diff
from shuzhi_lint.fixing.writer import encode_for, write_fixed, write_text_file
from shuzhi_lint.safetext import visible


@dataclass(frozen=True)
class FixOptions:
    unsafe: bool = False  # --unsafe-fixes: apply the fixes that need a review too
    diff: bool = False  # --diff: print what would change, write nothing


def fix_results(session, results, options: FixOptions):
    out = []
    for r in results:
        if r.path == "-" and r.error is None and r.document is not None and not options.diff:
            out.append(_fix_stdin(session, r, options))
            continue
        try:
            out.append(_fix_file(session, r, options))
        except InputError as e:  # the file is untouched; its findings stand, with the reason
            r.error = str(e)
            out.append(r)
    return out


def _fix_file(session, r, options: FixOptions):
    if r.error or not r.findings or r.document is None:
        return r
    doc = r.document
    chosen, _skipped = choose(r.findings, options.unsafe)
    if not chosen:
        return r
    if doc.kind == "docx":
        from shuzhi_lint.fixing.docx import fixed_docx

        current, data, applied = fixed_docx(doc, chosen)
        if not applied:
            return r
        if options.diff:
            sys.stdout.write(f"--- {visible(doc.path)}\n+++ {visible(doc.path)}（{applied} 处修复，docx 不显示差异）\n")
            r.diffed = True
            return r
        write_fixed(doc.path, current, data)
        return _relint(session, doc.path, data, applied)
    new_text = apply(doc.text, chosen)
    if options.diff:
        sys.stdout.write(diff(doc.path, doc.text, new_text))
        r.diffed = True
        return r
    write_text_file(doc.path, doc.source_bytes, new_text, doc.encoding, doc.bom)
    return _relint(session, doc.path, encode_for(doc, new_text), len(chosen))


def _fix_stdin(session, r, options: FixOptions):
    """``--fix -`` (as ``ruff --fix -``): the text, fixed or not, goes to stdout in its own encoding,
    newlines and BOM; the findings that remain are those of the fixed text (cli sends them to stderr)."""
    doc = r.document
    chosen, _skipped = choose(r.findings, options.unsafe) if doc.kind != "docx" else ([], [])
    new_text = apply(doc.text, chosen) if chosen else doc.text
    data = encode_for(doc, new_text) if chosen else doc.source_bytes
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    if not chosen:
        return r
    return _relint(session, "-", data, len(chosen))


def _relint(session, path: str, data: bytes, fixed: int):
    """The result of the fixed bytes, linted as the file would be on the next run."""
    linter = session.linter(path)
    result = linter.lint_document(linter.load(path, data))
    result.fixed = fixed
    return result
