"""The public plugin API: everything a plugin needs, importable from one place.

    from shuzhi_lint.plugin import CheckKind, Context, Hit, Param, hookimpl

Names here are stable; the modules they come from are internals that may move. The hooks
themselves are documented in ``shuzhi_lint.hookspecs`` (and docs/design.md, CONTRIBUTING.md).

- a **check kind** subclasses ``CheckKind`` (or ``BatchCheckKind`` for a check across all the
  reports of a run): ``params`` of ``Param`` declare its YAML fields, ``check(ctx: Context)``
  yields ``Hit``s; raise ``ParamError`` in ``__init__`` for a bad parameter value. The
  ``Context`` is all a kind reaches: ``text``, ``doc``, ``outline``, ``year``, ``genre``,
  ``data`` (``DataStore``), ``tokenizer``, ``settings`` (typed ``Settings``: ``regex_timeout``,
  ``max_length``, ``corpus``, ``previous``, ``year``, ``config``) and ``reports`` (a
  ``ReportReader``: ``load_text(path)``, ``outline_of(path, text)``). ``ctx.settings["config"]``
  and the other keys of the earlier settings dict still work. A kind may also add to the outline
  that ``--outline`` and the html page show (``annotate_outline``, a classmethod);
- a **loader** is a ``Loader``: ``name``, ``suffixes``, ``load(path, data) -> Document``; it raises
  ``InputError`` for a file it cannot read;
- a **formatter** is a ``Formatter`` (``render(results, context)``), optionally a
  ``StreamingFormatter`` (``render_iter``); results are ``FileResult``s holding ``Finding``s,
  ``context`` a ``RenderContext``. Subclass ``StreamedFormatter`` to write only ``render_iter``.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, Iterator, Protocol, runtime_checkable

from shuzhi_lint.checks.base import BatchCheckKind, CheckKind, Context, DataStore, Hit, ReportReader, Settings
from shuzhi_lint.document import Document
from shuzhi_lint.errors import InputError, LintError, RuleError
from shuzhi_lint.finding import FileResult, Finding
from shuzhi_lint.formatters import RenderContext, StreamedFormatter
from shuzhi_lint.hookspecs import hookimpl, hookspec
from shuzhi_lint.outline_model import Item, Outline, Section
from shuzhi_lint.rules import Param, ParamError, Rule

__all__ = [
    "BatchCheckKind",
    "CheckKind",
    "Context",
    "DataStore",
    "Document",
    "FileResult",
    "Finding",
    "Formatter",
    "Hit",
    "InputError",
    "Item",
    "LintError",
    "Loader",
    "Outline",
    "Param",
    "ParamError",
    "RenderContext",
    "ReportReader",
    "Rule",
    "RuleError",
    "Section",
    "Settings",
    "StreamedFormatter",
    "StreamingFormatter",
    "hookimpl",
    "hookspec",
]


@runtime_checkable
class Loader(Protocol):
    """Reads one kind of file into a ``Document`` (hook ``shuzhi_lint_loaders``)."""

    #: a unique name (two loaders of one name are an error naming both plugins)
    name: str
    #: file suffixes, lower case with the dot, e.g. ``(".txt",)``
    suffixes: tuple[str, ...]

    def load(self, path: str, data: bytes) -> Document: ...


@runtime_checkable
class Formatter(Protocol):
    """Writes the results of a run (hook ``shuzhi_lint_formatters``)."""

    #: the ``--format`` value; unique across plugins
    name: str
    #: bytes output (written only with ``-o``)
    binary: bool

    def render(self, results: list[FileResult], context: RenderContext) -> str | bytes: ...


@runtime_checkable
class StreamingFormatter(Formatter, Protocol):
    """A formatter that writes each result as it comes (flat memory for big batches)."""

    #: set False when only the lines findings point at are needed (see hookspecs)
    needs_documents: ClassVar[bool]

    def render_iter(self, results: Iterable[FileResult], context: RenderContext) -> Iterator[str]: ...

