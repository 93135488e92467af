"""--fix / --diff, one result at a time (``fix_result``, a stage of ``Session.results``).

Each pass chooses the fixes that do not overlap (``edits.choose``), applies them to the text (or,
for Word, to the runs: ``docx``) and lints the fixed bytes again (``_relint``, the one place that
does); fixes that overlapped one applied in a pass are found again, on the new text, by the next.
Passes repeat until nothing is left to apply, at most ``MAX_PASSES``. A fix is applied only to
the text it was found in, and never one that would lose the author's text (``edits.loses_text``).
The file is then written once, in its own format (``writer``).

Fixing writes nothing to the terminal: ``--diff`` puts the diff on the result (``diff``) and
``--fix -`` the fixed bytes (``output``); the caller prints them. It gets what it needs as
``FixOptions``, never the command line's arguments."""

from __future__ import annotations


from shuzhi_lint.errors import InputError
from shuzhi_lint.fixing.edits import apply, choose, diff, loses_text
from shuzhi_lint.fixing.writer import encode_for, ensure_unchanged, write_fixed
from shuzhi_lint.records import record
from shuzhi_lint.safetext import visible

#: fix passes over one file: overlapping fixes need a pass each; more means fixes that undo each other
MAX_PASSES = 5


@record(frozen=True)
class FixOptions:
    """How to fix: which fixes to apply, and whether to write or only show the diff."""

    unsafe: bool = False  # --unsafe-fixes: apply the fixes that need a review too
    diff: bool = False  # --diff: put what would change on the result, write nothing


def fix_result(session, r, options: FixOptions):
    """``r`` fixed: the result of the fixed file (``fixed`` = fixes applied), or ``r`` itself
    when nothing applies, with ``diff`` set under ``--diff``. A file that cannot be written keeps
    its findings and gets the reason as its ``error``."""
    if r.error or r.document is None:
        return r
    try:
        return _fix(session, r, options)
    except InputError as e:  # the file is untouched; its findings stand, with the reason
        r.error = str(e)
        return r


def _fix(session, r, options: FixOptions):
    doc = r.document
    stdin = r.path == "-" and not options.diff
    data, text, fixed, applied = _passes(session, r, options.unsafe, options.diff)
    if stdin:  # ``--fix -`` (as ``ruff --fix -``): the text, fixed or not, in its own encoding, BOM and newlines
        r.output = data if applied else doc.source_bytes
        if not applied:
            return r
        fixed.output = r.output
    elif not applied:
        return r
    elif options.diff:
        if doc.kind == "docx":
            r.diff = f"--- {visible(doc.path)}\n+++ {visible(doc.path)}（{applied} 处修复，docx 不显示差异）\n"
        else:
            r.diff = diff(doc.path, doc.text, text)
        return r
    else:
        write_fixed(doc.path, doc.source_bytes, data)
    fixed.fixed = applied
    return fixed


def _passes(session, r, unsafe: bool, diff_only: bool = False):
    """(fixed bytes, fixed text, their result, fixes applied) after as many passes as needed."""
    doc = r.document
    result, data, text, applied = r, doc.source_bytes, doc.text, 0
    seen = {text}
    for _ in range(MAX_PASSES):
        current = result.document
        chosen = [f for f in choose(result.findings, unsafe)[0] if not loses_text(current.text, f)]
        if not chosen:
            break
        if current.kind == "docx":
            if not applied:
                data = ensure_unchanged(doc.path, doc.source_bytes)  # never work on a file changed since
            from shuzhi_lint.fixing.docx import fixed_docx  # lazily: zipfile and lxml, for Word files only

            data, count = fixed_docx(current, chosen, data)
            if not count:
                break
        else:
            text, count = apply(current.text, chosen), len(chosen)
            try:
                data = encode_for(doc, text)
            except UnicodeEncodeError:
                if diff_only:  # --diff shows the change even where the file's encoding could not hold it
                    return data, text, result, applied + count
                raise InputError(doc.path, f"修复后的文字无法用原编码 {doc.encoding} 保存，未修改") from None
        result = _relint(session, doc.path, data)
        applied += count
        if current.kind == "docx":
            text = result.document.text
        if text in seen:  # fixes that undo each other: stop here
            break
        seen.add(text)
    return data, text, result, applied


def _relint(session, path: str, data: bytes):
    """The result of the fixed bytes, linted as the file would be on the next run."""
    linter = session.linter(path)
    return linter.lint_document(linter.load(path, data))
