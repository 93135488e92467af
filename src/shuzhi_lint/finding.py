"""Findings: plain data, the JSON output contract of docs/contracts.md §1."""

from __future__ import annotations

from dataclasses import field, fields
from operator import attrgetter

from shuzhi_lint.records import record

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}  # --fail-on compares findings' severities by this

FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "name", "category", "severity", "message", "match", "fix")


@record(slots=True)  # a batch keeps every finding until the run ends
class Finding:
    """One reported problem: where it is, which rule, the message and an optional fix."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    category: str
    severity: str
    message: str
    match: str
    fix: dict | None = None
    start: int | None = field(default=None, compare=False)  # offsets into the document text
    end: int | None = field(default=None, compare=False)
    related: str | None = field(default=None, compare=False)  # not part of the JSON contract
    variant: str | None = field(default=None, compare=False)  # the message variant (the one-defect step reads it)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in FIELDS}

    def sort_key(self):
        return (self.path, self.line, self.column, self.code)

    def __reduce__(self):
        # pickled as the constructor's arguments, taken in C: a batch sends every finding from its
        # worker and spools it once more (a slots dataclass's own state methods run in Python)
        return Finding, _finding_values(self)


_finding_values = attrgetter(*(f.name for f in fields(Finding)))


@record
class FileResult:
    """Everything known about one input after linting it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # unreadable input: the one-line reason
    unsupported: bool = False  # a document format that cannot be read (.doc, .pdf...): ``error`` says so
    internal_errors: list[str] = field(default_factory=list)  # crashed rules
    document: object = None
    outline: object = None
    fixed: int = 0  # fixes applied (--fix)
    diff: str | None = None  # --diff: what the fixes would change (None: nothing to fix)
    output: bytes | None = None  # --fix -: the text to write to stdout, fixed or not
    batch_data: dict = field(default_factory=dict)  # per-document input of cross-document rules
    notes: list[str] = field(default_factory=list)  # what the checks could not do in full (said once, on stderr)

    def slim(self) -> None:
        """Drop the document and outline, keeping the lines the findings point at (big batches)."""
        doc = self.document
        if doc is None or not hasattr(doc, "excerpt"):
            return
        title_line = getattr(self.outline, "title_line", None)
        self.document = doc.excerpt({f.line for f in self.findings}, title_line)
        self.outline = None
