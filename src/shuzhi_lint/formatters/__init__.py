"""Output formats. Each formatter turns FileResults into text (or bytes), the line-oriented ones
also one result at a time (``render_iter``); none of them knows about rules or checks beyond what
a Finding carries."""

from __future__ import annotations

import importlib
from dataclasses import field

from shuzhi_lint.records import record


@record
class RenderContext:
    """What a formatter may know of the run besides the results."""

    rules: dict = field(default_factory=dict)  # code -> Rule, for formats that describe rules
    fail_on: str = "warning"
    version: str = ""
    options: dict = field(default_factory=dict)


class LazyFormatter:
    """A built-in format whose module is imported only when it is used (most runs print text)."""

    def __init__(
        self,
        name: str,
        target: str,
        binary: bool = False,
        needs_outline_annotations: bool = False,
        needs_documents: bool = False,
        streams: bool = False,
        shows_findings: bool = True,
    ):
        self.name = name
        self.binary = binary
        # outlines with what kinds add to them (the correspondence table): Session.annotates_outlines
        self.needs_outline_annotations = needs_outline_annotations
        # whole documents and outlines, not just the lines findings point at (see FileResult.slim)
        self.needs_documents = needs_documents or needs_outline_annotations
        self.streams = streams  # has render_iter: writes each result as it comes
        # False for a format that shows no findings (outlines): the run exits 0 whatever they are
        self.shows_findings = shows_findings
        self._target = target
        self._impl = None

    def _formatter(self):
        if self._impl is None:
            module, cls = self._target.split(":")
            self._impl = getattr(importlib.import_module(module), cls)()
        return self._impl

    def render(self, results, ctx):
        return self._formatter().render(results, ctx)

    def render_iter(self, results, ctx):
        return self._formatter().render_iter(results, ctx)


class StreamedFormatter:
    """Base for formats written one result at a time: ``render`` is the joined ``render_iter``,
    so a list and a stream go through one code path."""

    def render(self, results, ctx) -> str:
        return "".join(self.render_iter(results, ctx))


def streams(formatter) -> bool:
    """Whether ``formatter`` can write results one at a time (an optional ``render_iter``)."""
    return getattr(formatter, "streams", callable(getattr(formatter, "render_iter", None)))


def builtin_formatters() -> list:
    base = "shuzhi_lint.formatters."
    return [
        LazyFormatter("text", base + "text:TextFormatter", streams=True),
        LazyFormatter("concise", base + "text:ConciseFormatter", streams=True),
        LazyFormatter("json", base + "json_format:JsonFormatter", streams=True),
        LazyFormatter("github", base + "ci:GithubFormatter", streams=True),
        LazyFormatter("junit", base + "ci:JunitFormatter"),
        LazyFormatter("gitlab", base + "ci:GitlabFormatter", streams=True),
        LazyFormatter("sarif", base + "ci:SarifFormatter", streams=True),
        LazyFormatter("docx", base + "docx_annotated:DocxFormatter", binary=True, needs_documents=True),
        LazyFormatter("html", base + "html_report:HtmlFormatter", needs_outline_annotations=True),
        # --outline picks these (--format json: outline-json); they show outlines, not findings
        LazyFormatter("outline", base + "outline:OutlineFormatter", needs_outline_annotations=True, shows_findings=False),
        LazyFormatter("outline-json", base + "outline:OutlineJsonFormatter", needs_outline_annotations=True, shows_findings=False),
    ]
