"""A small Python API: lint a string or a file without the command line (used by tests and tools).

The results come from the same pipeline as the command line's (``Session.results``), given the
documents in memory and a configuration built from the arguments instead of config files.
"""

from __future__ import annotations

from functools import lru_cache

from shuzhi_lint.config import Config
from shuzhi_lint.document import Document
from shuzhi_lint.engine import Linter
from shuzhi_lint.options import RunOptions
from shuzhi_lint.session import Session
from shuzhi_lint.structure import Outline


@lru_cache(maxsize=32)
def _session(select: tuple[str, ...] | None, year: int | None, rules: tuple[str, ...], corpus=None, previous=None) -> Session:
    # one session (and its linter, rules loaded once) per distinct set of arguments: tools call
    # lint_text for many texts
    cfg = Config(select=list(select or ()), year=year, rules=list(rules), corpus=corpus, previous=previous)
    return Session(None, RunOptions(), config=cfg)


def session(select=None, year=None, rules=(), corpus=None, previous=None) -> Session:
    """The session the functions below lint with, for these arguments."""
    return _session(tuple(select) if select else None, year, tuple(rules), corpus, previous)


def linter(select=None, year=None, rules=(), corpus=None, previous=None) -> Linter:
    return session(select, year, rules, corpus, previous).linter("<text>")


def lint_batch(texts: dict[str, str], *, select=None):
    """Findings per path for several texts linted together (cross-document rules included)."""
    results = session(select).results([Document(path=p, text=t) for p, t in texts.items()])
    return {r.path: r.findings for r in results}


def _document(run: Session, text: str, path: str, kind: str = "txt") -> Document:
    """``text`` as the command line reads a file holding its UTF-8 bytes: through the loader of
    its kind (a txt or md file's web addresses and markup are masked, a leading BOM dropped). An
    empty text is an empty document (the command line refuses an empty file)."""
    kind = "md" if kind == "md" else "txt"
    if not text:
        return Document(path=path, text=text, kind=kind)
    return run.registry.loaders["." + kind].load(path, text.encode("utf-8"))


def lint_text(text: str, *, select=None, year=None, rules=(), path: str = "<text>", kind: str = "txt", corpus=None, previous=None):
    """Findings for ``text`` as if it were a file at ``path``."""
    run = session(select, year, rules, corpus, previous)
    [result] = run.results([_document(run, text, path, kind)])
    return result.findings


def outline_of(text: str, path: str = "<text>", year=None) -> Outline:
    """The outline of ``text`` exactly as ``shuzhi-lint --format outline-json`` gives it for a
    file at ``path`` holding this text (with ``--year year``): the genre recognised from the text
    and that genre's section keywords and order, the genre named on the outline, and the
    problem–cause–measure correspondence (``Session.outlines``)."""
    run = session(None, year)
    [result] = run.outlines([_document(run, text, path)])
    return result.outline
