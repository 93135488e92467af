"""--fix / --diff over a run's results: apply fixes per file, then lint again what changed."""

from __future__ import annotations

import sys

from shuzhi_lint import fix as fixlib
from shuzhi_lint.errors import InputError


def fix_results(session, results, args):
    out = []
    for r in results:
        if r.path == "-" and r.error is None and r.document is not None and not args.diff:
            out.append(_fix_stdin(session, r, args))
            continue
        if r.error or not r.findings or r.document is None:
            out.append(r)
            continue
        doc = r.document
        chosen, _skipped = fixlib.choose(r.findings, args.unsafe_fixes)
        if not chosen:
            out.append(r)
            continue
        if doc.kind == "docx":
            from shuzhi_lint.docx_fix import fix_docx

            try:
                new_result = fix_docx(session, r, chosen, args)
            except InputError as e:
                r.error = str(e)
                out.append(r)
                continue
            out.append(new_result)
            continue
        new_text = fixlib.apply(doc.text, chosen)
        if args.diff:
            sys.stdout.write(fixlib.diff(doc.path, doc.text, new_text))
            r.diffed = True
            out.append(r)
            continue
        try:
            fixlib.write_text_file(doc.path, doc.source_bytes, new_text, doc.encoding, doc.bom)
        except InputError as e:
            r.error = str(e)
            out.append(r)
            continue
        linter = session.linter(doc.path)
        new_doc = linter.load(doc.path, fixlib.encode_for(doc, new_text))
        new_result = linter.lint_document(new_doc)
        new_result.fixed = len(chosen)
        out.append(new_result)
    return out


def _fix_stdin(session, r, args):
    """``--fix -`` (as ``ruff --fix -``): the text, fixed or not, goes to stdout in its own encoding,
    newlines and BOM; the findings that remain are those of the fixed text (cli sends them to stderr)."""
    doc = r.document
    chosen, _skipped = fixlib.choose(r.findings, args.unsafe_fixes) if doc.kind != "docx" else ([], [])
    new_text = fixlib.apply(doc.text, chosen) if chosen else doc.text
    data = fixlib.encode_for(doc, new_text) if chosen else doc.source_bytes
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    if not chosen:
        return r
    linter = session.linter("-")
    new_result = linter.lint_document(linter.load("-", data))
    new_result.fixed = len(chosen)
    return new_result
