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


def builtin_formatters() -> list:
    from shuzhi_lint.formatters.ci import GithubFormatter, GitlabFormatter, JunitFormatter, SarifFormatter
    from shuzhi_lint.formatters.docx_annotated import DocxFormatter
    from shuzhi_lint.formatters.html_report import HtmlFormatter
    from shuzhi_lint.formatters.json_format import JsonFormatter
    from shuzhi_lint.formatters.text import ConciseFormatter, TextFormatter

    return [
        TextFormatter(),
        ConciseFormatter(),
        JsonFormatter(),
        GithubFormatter(),
        JunitFormatter(),
        GitlabFormatter(),
        SarifFormatter(),
        DocxFormatter(),
        HtmlFormatter(),
    ]
