"""What a check kind sees and returns.

A kind is one family of checks (regex patterns, required sections, heading numbering…); a rule in
YAML picks a kind and gives it parameters. The engine builds one ``Context`` per document and calls
``check`` of every selected rule with it; the kind yields ``Hit``s (character offsets into
``ctx.text``), and the engine turns them into findings, so kinds never deal with line/column,
suppression or output.
"""

from __future__ import annotations

from dataclasses import field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Protocol, runtime_checkable

from shuzhi_lint.document import MASK
from shuzhi_lint.records import record

if TYPE_CHECKING:
    from shuzhi_lint.document import Document
    from shuzhi_lint.rules import Param, Rule
    from shuzhi_lint.structure import Outline


@record
class Hit:
    """What a kind found: a span of the text (or none, for the whole document) and its values."""

    start: int | None  # None for a document-level finding
    end: int | None
    vars: dict = field(default_factory=dict)  # extra values for the rule's message template
    message: str | None = None  # overrides the rule's template (plugins; built-in kinds pick a variant)
    variant: str | None = None  # the rule's named message variant (``messages:`` in YAML) to use
    replacement: str | None = None  # the fix text for the span; applicability comes from the rule
    applicability: str | None = None
    related: str | None = None  # another document this finding is about (batch duplicates)


class CheckKind:
    """One family of checks. ``check(ctx)`` yields the hits in one document.

    A kind that works across all documents of a run (like DP004) subclasses ``BatchCheckKind``:
    the engine treats a kind as a batch kind by that base class, not by the methods it has.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    params: ClassVar[dict[str, "Param"]] = {}
    #: kinds that tokenize set this, so --profile and the benchmark can show what jieba costs
    needs_tokenizer: ClassVar[bool] = False
    #: named message variants a hit may pick besides the rule's ``message``: {name: the case and its
    #: fields}. Every rule of the kind must write each of them under ``messages:`` (checked at load).
    variants: ClassVar[dict[str, str]] = {}
    #: parameters that name a data file, and the schema the file must fit (``{"list": "wordlist"}``):
    #: the linter checks those files when it loads, before any document is linted
    data_params: ClassVar[dict[str, str]] = {}
    #: data files the kind always reads, by name (checked against the schema of that name)
    data_files: ClassVar[tuple[str, ...]] = ()

    def __init__(self, rule: "Rule"):
        self.rule = rule
        self.p = rule.params

    def check(self, ctx: "Context") -> Iterable[Hit]:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def annotate_outline(cls, ctx: "Context") -> None:
        """Add what this kind computes about the document to ``ctx.outline``, for the formats
        that show outlines (``--outline``, ``html``): the correspondence kind puts its
        problem–cause–measure table there. Called once per registered kind for each document
        those formats show, whichever rules are selected. The default adds nothing."""

    def phrase(self, name: str, **values: Any) -> str:
        """A named piece of the rule's ``messages:`` filled with ``values``, for a field of the
        message that reads differently case by case (“（全文共 3 处）” or nothing)."""
        return self.rule.messages[name].format_map(values)


class BatchCheckKind(CheckKind):
    """A kind that works across all the documents of a run (DP004, near-duplicate reports).

    ``prepare_batch(text)`` runs where each document is linted and returns small picklable data
    (it travels between processes and stays in memory until the run ends);
    ``check_batch([(path, data), ...])`` runs once when every document is done and returns
    ``{path: [Hit, ...]}`` of document-level hits (``start`` None) — by then the documents
    themselves have been dropped. ``check`` yields nothing.
    """

    def check(self, ctx: "Context") -> Iterable[Hit]:
        return ()

    def prepare_batch(self, text: str) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def check_batch(self, docs: list[tuple[str, Any]]) -> dict[str, list[Hit]]:  # pragma: no cover - interface
        raise NotImplementedError


@runtime_checkable
class ReportReader(Protocol):
    """How a kind reads another report than the one being checked (a corpus file, last year's
    report): through the run's loaders and size limit, parsed with this rule set's outline keywords."""

    def load_text(self, path: str) -> str:
        """The text of the document at ``path`` (raises ``InputError`` when it cannot be read)."""
        ...

    def outline_of(self, path: str, text: str) -> "Outline":
        """The outline of ``text`` as a document at ``path`` would get it."""
        ...


@record(frozen=True)
class Settings:
    """The run settings a kind may read (``ctx.settings``): one per rule set, never changed.

    ``config`` is the whole ``Config`` for anything not named here. For plugins written against
    the earlier ``ctx.settings`` dict, ``ctx.settings["config"]``, ``["regex_timeout"]``,
    ``["load_text"]`` and ``["outline_of"]`` (and ``.get``) still work; new code uses the
    attributes and ``ctx.reports``.
    """

    #: seconds a rule's regular expression may run per million characters scanned
    regex_timeout: float = 2.0
    #: the report year given in the configuration or with --year (``ctx.year`` is the one in use)
    year: int | None = None
    #: max-length: the longest report, in characters without white space (None: the rule's default)
    max_length: int | None = None
    #: --corpus: the folder of reference reports (DP001/DP002), or None
    corpus: str | None = None
    #: --previous: last year's report, or None (then one of the same name pattern is looked for)
    previous: str | None = None
    #: the whole configuration of this rule set (``shuzhi_lint.config.Config``), or None
    config: Any = field(default=None, repr=False, compare=False)
    #: how to read other reports (the same object as ``ctx.reports``)
    reports: ReportReader | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, config: Any, reports: ReportReader | None = None) -> "Settings":
        """The settings of a configuration (``Config``); None gives the defaults."""
        if config is None:
            return cls(reports=reports)
        return cls(
            regex_timeout=config.regex_timeout,
            year=config.year,
            max_length=config.max_length,
            corpus=config.corpus,
            previous=config.previous,
            config=config,
            reports=reports,
        )

    # -- the earlier dict interface ----------------------------------------------------------
    _LEGACY: ClassVar[tuple[str, ...]] = ("regex_timeout", "config", "load_text", "outline_of")

    def __getitem__(self, key: str) -> Any:
        if key in ("regex_timeout", "config"):
            return getattr(self, key)
        if key in ("load_text", "outline_of") and self.reports is not None:
            return getattr(self.reports, key)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            value = self[key]
        except KeyError:
            return default
        return default if value is None and key == "config" else value

    def __contains__(self, key: object) -> bool:
        return key in self._LEGACY and self.get(key) is not None  # type: ignore[arg-type]


class Context:
    """What a kind sees of one document, and the only way it reaches anything:

    - ``text``: the text checks read (``doc.check_text``: markup masked, offsets of the file);
    - ``doc``: the ``Document`` (line spans, positions, masks);
    - ``outline``, ``year``: the parsed ``Outline`` and the report year;
    - ``genre``: the genre profile the document is checked against (``shuzhi_lint.genre.Genre``);
    - ``data``: the rule set's ``DataStore`` (data files, and anything derived from them);
    - ``tokenizer``: the rule set's word segmenter, loaded on first use;
    - ``settings``: the typed run ``Settings``;
    - ``reports``: a ``ReportReader`` for other reports (corpus, last year's);
    - ``cache``: values kinds share for this one document (the correspondence table);
    - ``note(text)``: say once, on stderr, what a check could not do in full.
    """

    def __init__(
        self,
        doc: "Document",
        outline: "Outline",
        data: "DataStore",
        settings: "Settings | dict[str, Any] | None" = None,
        genre: Any = None,
        reports: ReportReader | None = None,
    ):
        self.doc = doc
        self.text = doc.check_text
        self.outline = outline
        self.year = outline.year
        self.data = data
        if not isinstance(settings, Settings):  # the earlier dict of settings and callbacks
            settings = _from_dict(settings or {})
        self.settings = settings
        self.reports = reports if reports is not None else settings.reports
        self.genre = genre
        self.cache: dict[str, Any] = {}  # kinds share derived values (e.g. tokenized items) here
        self.notes: list[str] = []

    def note(self, text: str) -> None:
        """A line said once on stderr for this document: what a check could not do in full."""
        self.notes.append(text)

    def scope_spans(self, scope: list[str]) -> list[tuple[int, int]] | None:
        """Offset ranges a rule with this scope looks at; None means the whole text."""
        if not scope:
            return None
        spans = []
        for s in self.outline.sections:
            if s.role in scope or ("body" in scope and s.role != "title"):
                start = self.doc.line_span(s.line)[0]
                end = self.doc.line_span(s.end_line)[1]
                spans.append((start, end))
        if "headings" in scope:
            for h in self.outline.headings:
                spans.append(self.doc.line_span(h.line))
        return spans

    def line_bounds(self, start: int, end: int) -> tuple[int, int]:
        """Offsets of the start and end of the line(s) holding ``start``..``end`` (context guards stay in the paragraph)."""
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        return line_start, len(self.text) if line_end < 0 else line_end

    def line_anchor(self, line: int) -> tuple[int, int]:
        """The span of a line's text without its indent or markup (a place to anchor a finding)."""
        start, end = self.doc.line_span(line)
        while start < end and self.text[start] in " \t\u3000\ufeff" + MASK:
            start += 1
        return start, max(end, start)

    @cached_property
    def tokenizer(self):
        # jieba is imported only when a rule needs it (most runs of a few rules never do)
        from shuzhi_lint.tokenizer import get_tokenizer

        return get_tokenizer(self.data)


class _DictReports:
    """A ``ReportReader`` over the callbacks of an earlier settings dict."""

    def __init__(self, load_text, outline_of):
        self.load_text = load_text
        self.outline_of = outline_of


def _from_dict(settings: dict[str, Any]) -> Settings:
    reports = None
    if "load_text" in settings or "outline_of" in settings:
        reports = _DictReports(settings.get("load_text"), settings.get("outline_of"))
    typed = Settings.of(settings.get("config"), reports)
    if "regex_timeout" in settings:
        typed = replace(typed, regex_timeout=settings["regex_timeout"])
    return typed


class DataStore:
    """Named YAML data files from the data directories of one rule set, and what is derived from them.

    Each linter (one rule set with its data folders) has its own store. Anything computed from
    the data — the correspondence matcher, compiled word lists, the tokenizer, last year's parsed
    report — is kept here with ``derived(key, build)``, never in module globals: two rule sets in
    one process (one CLI batch builds a linter per configuration) each get their own.
    """

    def __init__(self, dirs):
        self.dirs = list(dirs)
        self._cache: dict[str, Any] = {}
        self._derived: dict[Any, Any] = {}

    def derived(self, key: Any, build: Callable[[], Any]) -> Any:
        """The value derived from this store's data under ``key``, built by ``build()`` on first use."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = build()
            return value

    def path(self, name: str):
        for d in reversed(self.dirs):
            for ext in (".yaml", ".yml", ".txt"):
                p = d / f"{name}{ext}"
                if p.is_file():
                    return p
        return None

    def get(self, name: str, schema: str | None = None) -> Any:
        """The data file ``name`` (``.yaml``/``.yml``, or ``.txt`` as text). A YAML file is checked
        against ``shuzhi_lint.dataschema.SCHEMAS[schema]`` (by default the schema of that name,
        for the shipped files and a folder's files that replace them); a kind that reads a file
        the rule names (``list: my_typos``) passes the schema of what it expects."""
        from shuzhi_lint import dataschema

        own = dataschema.SCHEMAS.get(name)
        if own is not None and (schema is None or dataschema.SCHEMAS.get(schema) is own):
            schema = name  # typos asked for as a word list is the typos file: one load
        key = (name, schema)
        if key not in self._cache:
            from shuzhi_lint.errors import RuleError

            p = self.path(name)
            if p is None:
                raise RuleError(name, None, f"找不到数据文件 {name}.yaml（在 {', '.join(map(str, self.dirs))} 中）")
            if p.suffix == ".txt":
                self._cache[key] = p.read_text(encoding="utf-8")
            else:
                if schema is None:
                    from shuzhi_lint.rules import load_yaml

                    self._cache[key] = load_yaml(p, lines=False)
                else:
                    self._cache[key] = dataschema.load(p, schema)
        return self._cache[key]
