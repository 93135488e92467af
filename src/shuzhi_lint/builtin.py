"""The built-in plugin: registered through the ``shuzhi_lint`` entry point like any other plugin."""

from __future__ import annotations

from pathlib import Path

from shuzhi_lint.checks import all_kinds
from shuzhi_lint.formatters import builtin_formatters
from shuzhi_lint.hookspecs import hookimpl
from shuzhi_lint.loaders.docx import DocxLoader
from shuzhi_lint.loaders.text import MarkdownLoader, TextLoader


def rules_dir() -> Path:
    """The shipped rule pack: inside the installed package, or ``rules/`` of a source checkout."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


@hookimpl
def shuzhi_lint_check_kinds():
    return all_kinds()


@hookimpl
def shuzhi_lint_loaders():
    return [TextLoader(), MarkdownLoader(), DocxLoader()]


@hookimpl
def shuzhi_lint_formatters():
    return builtin_formatters()


@hookimpl
def shuzhi_lint_rule_dirs():
    return [rules_dir()]


@hookimpl
def shuzhi_lint_data_dirs():
    return [rules_dir() / "data"]
