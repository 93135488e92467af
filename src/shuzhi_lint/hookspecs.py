"""The plugin API of shuzhi-lint.

A plugin is a module (or any object) with functions marked ``@hookimpl``, published under the
entry-point group ``shuzhi_lint`` (pluggy project name ``shuzhi_lint``)::

    # pyproject.toml of a plugin package
    [project.entry-points.shuzhi_lint]
    myplugin = "my_package.plugin"

    # my_package/plugin.py
    from shuzhi_lint.plugin import CheckKind, Hit, Param, hookimpl

Import what a plugin needs from ``shuzhi_lint.plugin`` (kinds, ``Context``, ``Hit``, ``Param``,
the ``Loader``/``Formatter`` protocols, ``Finding``, ``FileResult``...), not from internal modules.
The built-in kinds, loaders, formatters and rule pack are registered through exactly these hooks
(``shuzhi_lint.builtin``); there is no second path.

How results combine
    Each hook returns a list. The hooks are called through pluggy's hook caller, so pluggy's
    rules hold: plugins registered later are called first, ``@hookimpl(tryfirst=True)`` /
    ``trylast=True`` move an implementation, and wrappers (``@hookimpl(wrapper=True)``) see and
    may change the lists of the implementations they wrap (to drop or replace a built-in
    formatter, say). The lists are then joined **lowest priority first** (the built-ins first),
    like a search path: for a loader suffix and a data file of the same name, the later (higher
    priority) one wins.

Names are unique
    A check kind, loader or formatter name registered by two plugins is an error naming both
    (exit 2). To replace a built-in formatter, drop it in a wrapper and return your own.

Rule codes
    Rules from a plugin's rule directories use the plugin's own code prefix (two to four capital
    letters, e.g. ``TP001``); the built-in prefixes (ST PH CR FG PU WD AR CS DP) are reserved,
    and using one is a load error. Selection is by whole prefix, as in ruff: ``--select PH``
    selects PH001…PH999 only, ``--select TP`` the plugin's rules, ``--select TP00`` TP001…TP009.

Failures
    A plugin that fails to import, or whose hook raises, is reported (exit 2) and left out; the
    other plugins and the built-ins still run. A kind whose ``check`` raises is reported with its
    rule code; the other rules' findings are still written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from pathlib import Path

    from shuzhi_lint.plugin import CheckKind, Formatter, Loader

hookspec = pluggy.HookspecMarker("shuzhi_lint")
hookimpl = pluggy.HookimplMarker("shuzhi_lint")


@hookspec
def shuzhi_lint_check_kinds() -> list[type[CheckKind]]:
    """Return check classes: subclasses of ``shuzhi_lint.plugin.CheckKind``.

    A kind has a unique ``name`` (the ``kind:`` of a rule), a ``description`` (Chinese, shown by
    ``--list-kinds``), ``params``: a dict of ``Param`` describing the extra YAML fields it accepts
    (any other field is a load error), and ``check(ctx: Context) -> Iterable[Hit]``. It is
    instantiated once per rule, at load time, so it can compile its parameters and raise
    ``ParamError(param, message)`` for a bad one (reported as file:line of that field).

    ``ctx`` (``shuzhi_lint.plugin.Context``) is the only way a kind reaches anything: the text
    (``ctx.text``), the ``Document`` (``ctx.doc``), the parsed ``Outline`` (sections by role,
    items), the report year, the genre, the data files (``ctx.data.get("name")``, and
    ``ctx.data.derived(key, build)`` for anything computed from them: it is kept per rule set),
    the tokenizer (``ctx.tokenizer``), the run's settings (``ctx.settings``, a frozen
    ``Settings``: ``regex_timeout``, ``max_length``, ``corpus``, ``previous``, ``year`` and the
    whole ``config``) and other reports (``ctx.reports.load_text(path)``,
    ``ctx.reports.outline_of(path, text)``). ``ctx.note(text)`` says once, on stderr, what a check
    could not do in full. (A kind written for the earlier settings dict keeps working:
    ``ctx.settings["config"]``, ``["regex_timeout"]``, ``["load_text"]``, ``["outline_of"]``.)

    A ``Hit`` is a character span of ``ctx.text`` (or ``None`` for the whole document) with
    ``vars`` for the rule's message template, an optional ``variant`` (one of the kind's
    ``variants``, written by the rule under ``messages:``) and an optional ``replacement`` (the fix). The
    engine turns hits into findings and applies selection, scopes and suppression comments;
    kinds never see those.

    A kind that compares the reports of a run subclasses ``BatchCheckKind`` (one that has
    ``prepare_batch``/``check_batch`` without that base is an error naming the plugin). A kind that computes
    something the outline should show (``--outline``, the html page) overrides the classmethod
    ``annotate_outline(ctx)`` and sets it on ``ctx.outline``; the engine calls it for every
    registered kind and knows none of them by name.
    """


@hookspec
def shuzhi_lint_loaders() -> list[Loader]:
    """Return loaders (``shuzhi_lint.plugin.Loader``): ``name`` (unique), ``suffixes`` (e.g.
    ``(".txt",)``) and ``load(path, data: bytes) -> Document``. Raise ``InputError`` for a file
    that cannot be read; the run reports it (one line, exit 2) and goes on with the other files.
    For a suffix two loaders claim, the higher priority one reads it (see "How results combine")."""


@hookspec
def shuzhi_lint_formatters() -> list[Formatter]:
    """Return formatters (``shuzhi_lint.plugin.Formatter``): ``name`` (the ``--format`` value,
    unique), ``binary`` (bool) and ``render(results, context) -> str | bytes`` where ``results``
    is a list of ``FileResult``.

    ``context`` is a ``RenderContext`` (the rules, ``fail_on``, the version, the command-line
    options). A result's ``document`` is the whole ``Document`` and ``outline`` its outline,
    unless the formatter sets ``needs_documents = False``: then, to keep big batches in flat
    memory, ``document`` is a ``DocumentExcerpt`` holding only the source lines findings point at
    (``line_text(n, checked=False)``) and ``outline`` is None. A formatter that shows outlines
    sets ``needs_outline_annotations = True`` (the kinds' ``annotate_outline`` then adds the
    correspondence table and the like); one that shows no findings (``outline``) sets
    ``shows_findings = False``, and the run exits 0 whatever they are. Every formatter gets its
    results from the same pipeline (``shuzhi_lint.session.Session.results``).

    A text formatter may also stream (``StreamingFormatter``): ``render_iter(results, context)
    -> Iterable[str]`` gets an iterator of results, one per input in input order, each final
    (cross-document findings included), and returns chunks that are written as they come;
    together they must equal ``render``'s output (subclass ``StreamedFormatter`` to get
    ``render`` from ``render_iter``). It is used whenever the run does not fix (``--fix``,
    ``--diff``) or print outlines, so a batch of thousands of reports is never held in memory at
    once. Keep totals (for a closing summary) as counts, not as the results themselves.
    """


@hookspec
def shuzhi_lint_rule_dirs() -> list[Path]:
    """Return directories or files of YAML rules to load (``pathlib.Path``). The rules of a
    plugin's directories must use the plugin's own code prefix (see "Rule codes")."""


@hookspec
def shuzhi_lint_data_dirs() -> list[Path]:
    """Return directories holding data files (word lists) that rules refer to by name.
    Later (higher priority) directories override earlier ones for a file of the same name."""
