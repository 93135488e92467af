"""The plugin API of shuzhi-lint.

A plugin is any module or object with functions marked ``@shuzhi_lint.hookimpl`` (pluggy project
name ``shuzhi_lint``), published under the entry-point group ``shuzhi_lint``::

    # pyproject.toml of a plugin package
    [project.entry-points.shuzhi_lint]
    myplugin = "my_package.plugin"

The built-in kinds, loaders, formatters and rule pack are registered through exactly these hooks
(``shuzhi_lint.builtin``); there is no second path. Each hook returns a list, and the results of all
plugins are concatenated. A name registered twice is an error naming both plugins.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("shuzhi_lint")
hookimpl = pluggy.HookimplMarker("shuzhi_lint")


@hookspec
def shuzhi_lint_check_kinds():
    """Return check classes (subclasses of ``shuzhi_lint.checks.base.CheckKind``).

    A kind has a unique ``name`` (the ``kind:`` of a rule), a ``params`` dict of
    ``shuzhi_lint.rules.Param`` describing the extra YAML fields it accepts, and
    ``check(ctx) -> Iterable[Hit]``. It is instantiated once per rule, at load time, so it can
    compile its parameters and raise ``ValueError`` for a bad one (reported as file:line).
    """


@hookspec
def shuzhi_lint_loaders():
    """Return loaders: objects with ``name``, ``suffixes`` (e.g. ``(".txt",)``) and
    ``load(path, data: bytes) -> Document``. Raise ``shuzhi_lint.errors.InputError`` for a file
    that cannot be read; the run reports it and goes on."""


@hookspec
def shuzhi_lint_formatters():
    """Return formatters: objects with ``name`` (the ``--format`` value), ``binary`` (bool) and
    ``render(results, context) -> str | bytes`` where ``results`` is a list of ``FileResult``.

    ``context`` is a ``shuzhi_lint.formatters.RenderContext`` (the rules, ``fail_on``, the version,
    the command-line options). A result's ``document`` is the whole ``Document`` and ``outline``
    its outline, unless the formatter sets ``needs_documents = False``: then, to keep big batches
    in flat memory, ``document`` is a ``DocumentExcerpt`` holding only the source lines findings
    point at (``line_text(n, checked=False)``) and ``outline`` is None.

    A text formatter may also stream: ``render_iter(results, context) -> Iterable[str]`` gets an
    iterator of results, one per input in input order, each final (cross-document findings
    included), and returns chunks that are written as they come; together they must equal
    ``render``'s output. It is used whenever the run does not fix (``--fix``, ``--diff``) or print
    outlines, so a batch of thousands of reports is never held in memory at once. Keep totals
    (for a closing summary) as counts, not as the results themselves.
    """


@hookspec
def shuzhi_lint_rule_dirs():
    """Return directories or files of YAML rules to load (``pathlib.Path``)."""


@hookspec
def shuzhi_lint_data_dirs():
    """Return directories holding data files (word lists) that rules refer to by name.
    Later directories override earlier ones for a file of the same name."""
