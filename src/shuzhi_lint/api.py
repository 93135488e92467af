"""A small Python API: lint a string or a file without the command line (used by tests and tools)."""

from __future__ import annotations

from functools import lru_cache

from shuzhi_lint.config import Config
from shuzhi_lint.document import Document


@lru_cache(maxsize=32)
def _linter(select: tuple[str, ...] | None, year: int | None, rules: tuple[str, ...], corpus=None, previous=None):
    from shuzhi_lint.engine import Linter
    from shuzhi_lint.plugins import collect

    cfg = Config(select=list(select or ()), year=year, rules=list(rules), corpus=corpus, previous=previous)
    return Linter(collect(), cfg)


def linter(select=None, year=None, rules=(), corpus=None, previous=None):
    return _linter(tuple(select) if select else None, year, tuple(rules), corpus, previous)


def lint_batch(texts: dict[str, str], *, select=None):
    """Findings per path for several texts linted together (cross-document rules included)."""
    lt = linter(select)
    results = [lt.lint_document(Document(path=p, text=t)) for p, t in texts.items()]
    lt.lint_batch(results)
    return {r.path: r.findings for r in results}


def lint_text(text: str, *, select=None, year=None, rules=(), path: str = "<text>", kind: str = "txt", corpus=None, previous=None):
    """Findings for ``text`` as if it were a file at ``path``."""
    lt = linter(select, year, rules, corpus, previous)
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
