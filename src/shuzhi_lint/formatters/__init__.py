"""Output formats. Each formatter turns a list of FileResult into text (or bytes); none of them
knows about rules or checks beyond what a Finding carries."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RenderContext:
    rules: dict = field(default_factory=dict)  # code -> Rule, for formats that describe rules
    fail_on: str = "warning"
    version: str = ""
    options: dict = field(default_factory=dict)


class LazyFormatter:
    """A built-in format whose module is imported only when it is used (most runs print text)."""

    def __init__(self, name: str, target: str, binary: bool = False, needs_correspondence: bool = False, needs_documents: bool = False):
        self.name = name
        self.binary = binary
        self.needs_correspondence = needs_correspondence
        # whole documents and outlines, not just the lines findings point at (see FileResult.slim)
        self.needs_documents = needs_documents or needs_correspondence
        self._target = target
        self._impl = None

    def render(self, results, ctx):
        if self._impl is None:
            import importlib

            module, cls = self._target.split(":")
            self._impl = getattr(importlib.import_module(module), cls)()
        return self._impl.render(results, ctx)


def builtin_formatters() -> list:
    base = "shuzhi_lint.formatters."
    return [
        LazyFormatter("text", base + "text:TextFormatter"),
        LazyFormatter("concise", base + "text:ConciseFormatter"),
        LazyFormatter("json", base + "json_format:JsonFormatter"),
        LazyFormatter("github", base + "ci:GithubFormatter"),
        LazyFormatter("junit", base + "ci:JunitFormatter"),
        LazyFormatter("gitlab", base + "ci:GitlabFormatter"),
        LazyFormatter("sarif", base + "ci:SarifFormatter"),
        LazyFormatter("docx", base + "docx_annotated:DocxFormatter", binary=True, needs_documents=True),
        LazyFormatter("html", base + "html_report:HtmlFormatter", needs_correspondence=True),
    ]
