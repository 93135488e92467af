"""A small Python API: lint a string or a file without the command line (used by tests and tools)."""

from __future__ import annotations

from functools import lru_cache

from shuzhi_lint.config import Config
from shuzhi_lint.document import Document


@lru_cache(maxsize=8)
def _linter(select: tuple[str, ...] | None, year: int | None, rules: tuple[str, ...]):
    from shuzhi_lint.engine import Linter
    from shuzhi_lint.plugins import collect

    cfg = Config(select=list(select or ()), year=year, rules=list(rules))
    return Linter(collect(), cfg)


def linter(select=None, year=None, rules=()):
    return _linter(tuple(select) if select else None, year, tuple(rules))


def lint_text(text: str, *, select=None, year=None, rules=(), path: str = "<text>", kind: str = "txt"):
    """Findings for ``text`` as if it were a file at ``path``."""
    lt = linter(select, year, rules)
    if kind == "md":
        from shuzhi_lint.loaders.text import MarkdownLoader

        doc = MarkdownLoader().load(path, text.encode("utf-8"))
    else:
        doc = Document(path=path, text=text)
    return lt.lint_document(doc).findings


def outline_of(text: str, path: str = "<text>", year=None):
    from shuzhi_lint.structure import build_outline

    lt = linter(None, year, ())
    return build_outline(Document(path=path, text=text), lt.section_spec, year=year)
