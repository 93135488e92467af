"""One run of the linter, owned by the core: the command line, streaming formats and the Python
API all take their results from ``Session.results()``.

A ``Session`` is built from typed ``RunOptions`` (or, for the API, a given ``Config``). It builds
one ``Linter`` per configuration file (the nearest ``.shuzhi-lint.yaml`` or ``pyproject.toml`` to
each input, cached), and ``results()`` runs the one pipeline:

    inputs ─▶ lint (serially, or on all cores) ─▶ cross-document rules ─▶ fixes (--fix/--diff)
           ─▶ outline annotations (formats that show outlines) ─▶ FileResult, in input order

Results come out one at a time as they are final, so a formatter that streams writes a batch of
any size in flat memory; a caller that needs them all takes ``list(session.results())``.
The session writes nothing: what a run prints is the caller's (``cli.py``).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from shuzhi_lint import runner
from shuzhi_lint.config import Config, apply, find_config, load_config
from shuzhi_lint.document import Document
from shuzhi_lint.dup import CorpusIndex
from shuzhi_lint.engine import Linter
from shuzhi_lint.errors import LintError
from shuzhi_lint.finding import FileResult
from shuzhi_lint.options import RunOptions
from shuzhi_lint.plugins import Registry, collect

_GIVEN = Path("<given>")


class IndexStats(NamedTuple):
    """What ``Session.build_index`` did (``--build-index``)."""

    path: Path  # the index file
    documents: int
    fingerprints: int
    size: int  # bytes
    added: int  # documents added or updated by this run
    removed: int
    seconds: float  # the key of a configuration given to the session (the API), not read from a file


class Session:
    """One run: its options, its registry of plugins and one linter per configuration."""

    def __init__(self, registry: Registry | None, options: RunOptions, config: Config | None = None):
        self.registry = registry if registry is not None else collect()
        self.options = options
        self._config = config  # a configuration for every input (the API), else config files
        self._linters: dict[Path, Linter] = {}
        self._config_for_dir: dict[Path, Path] = {}

    # -- configurations and linters ----------------------------------------------------------
    def config_for(self, path: str) -> Path:
        """The key of the configuration ``path`` is linted with (the file's path)."""
        if self._config is not None:
            return _GIVEN
        if self.options.config:
            return Path(self.options.config)
        # os.path, not Path(path): pathlib interns every file name, memory a batch never gets back
        start = Path(os.path.dirname(path) or ".") if path != "-" else Path.cwd()
        key = self._config_for_dir.get(start)
        if key is None:
            key = find_config(start) or Path("<default>")
            self._config_for_dir[start] = key
        return key

    def linter(self, path: str) -> Linter:
        """The linter of ``path``'s configuration, built on first use."""
        key = self.config_for(path)
        if key not in self._linters:
            self._linters[key] = Linter(self.registry, self._configuration(key))
        return self._linters[key]

    def linters(self) -> list[Linter]:
        """Every linter built so far (``--profile`` sums their timings)."""
        return list(self._linters.values())

    def _configuration(self, key: Path) -> Config:
        if key is _GIVEN:
            return self._config  # type: ignore[return-value]
        if self.options.config and not key.is_file():
            raise LintError(f"{key}: 配置文件不存在")
        cfg = load_config(None if str(key) == "<default>" else key)
        cfg = apply(cfg, dict(self.options.overrides), "命令行")
        cfg.cli_selection = self.options.selection
        cfg.rules = [*cfg.rules, *self.options.rules]
        cfg.genre_option = self.options.genre
        return cfg

    # -- what the output needs -----------------------------------------------------------------
    def formatter(self):
        return self.registry.formatters.get(self.options.format)

    def keeps_documents(self) -> bool:
        """Whether results keep whole documents: fixes and formats that show the text do.

        Formats from plugins are assumed to need them; built-in text formats only need the lines
        findings point at, so a batch of thousands of reports runs in flat memory."""
        a = self.options
        return bool(a.fix or a.diff or getattr(self.formatter(), "needs_documents", True))

    def annotates_outlines(self) -> bool:
        """Whether the output shows outlines with what kinds add to them (``annotate_outline``)."""
        fmt = self.formatter()
        return bool(getattr(fmt, "needs_outline_annotations", False) or getattr(fmt, "needs_correspondence", False))

    # -- the pipeline --------------------------------------------------------------------------
    def results(self, documents: Iterable[Document] | None = None) -> Iterator[FileResult]:
        """Every input's final result, in input order (see the module's docstring).

        The inputs are ``options.paths``, or ``documents`` already loaded (the Python API). The
        inputs and their linters are checked before the first result: a bad rule, configuration
        or ``-o`` stops the run before anything is written."""
        if documents is not None:
            linted = [self.linter(d.path).lint_document(d) for d in documents]
            return self._finish(linted, len(linted), in_memory=True, first=linted[0].path if linted else None)
        self.prepare_corpus()
        files, missing = runner.inputs(self, self.options)
        linted = runner.lint_all(self, self.options, files, missing)
        return self._finish(linted, len(files) + len(missing), in_memory=self.keeps_documents(), first=files[0] if files else None)

    def outlines(self, documents: Iterable[Document]) -> Iterator[FileResult]:
        """What the outline formats (``--format outline-json``) show of ``documents`` already
        loaded, without running the rules (they never change an outline): each outline as
        ``results()`` builds it (the document's linter, genre, section keywords and year), with
        what the kinds add to outlines (``annotate_outline``: the correspondence table)."""
        for doc in documents:
            linter = self.linter(doc.path)
            result = FileResult(path=doc.path, document=doc, outline=linter.outline(doc))
            linter.annotate_outline(result)
            yield result

    def _finish(self, linted: Iterable[FileResult], count: int, in_memory: bool, first: str | None = None):
        results: Iterable[FileResult] = linted
        linter = self.linter(first) if first is not None else None
        if linter is not None and count > 1 and linter.batch_rules():
            results = runner.with_batch_rules(linter, results, in_memory)
        if self.options.fix or self.options.diff:
            results = self._fixed(results)
        if self.annotates_outlines():
            results = self._annotated(results)
        return iter(results)

    # -- the reference corpus ------------------------------------------------------------------
    def prepare_corpus(self) -> None:
        """Bring the corpus index up to date once, before any file is linted: a failure is one
        line (exit 2) instead of an error per report, and workers find it current."""
        if not self.options.paths:
            return
        linter = self.linter(self.options.paths[0])
        folder = linter.config.corpus
        if not folder or not any(getattr(r.check, "reads_corpus", False) for r in linter.selected):
            return
        index = CorpusIndex(Path(folder), linter.load_text).open(update=True)
        index.db.close()

    def build_index(self, folder: str) -> IndexStats:
        """Build or update the index of the reference corpus ``folder`` (``--build-index``)."""
        if not Path(folder).is_dir():
            raise LintError(f"{folder}: 不是目录")
        linter = self.linter(folder + "/.")
        t0 = time.perf_counter()
        index = CorpusIndex(Path(folder), linter.load_text).open(update=True)  # locked for the whole update
        added, removed = index.last_update
        try:
            docs, rows = index.stats()
            size = index.path.stat().st_size
        except Exception as e:  # noqa: BLE001 - sqlite3.Error or OSError: one line, exit 2
            raise LintError(f"{folder}: 无法读取参考语料索引 {index.path}：{e}") from None
        return IndexStats(index.path, docs, rows, size, added, removed, time.perf_counter() - t0)

    def _fixed(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        from shuzhi_lint.fixing import FixOptions, fix_result  # lazily: only --fix and --diff need it

        fix = FixOptions(unsafe=self.options.unsafe_fixes, diff=self.options.diff)
        for r in results:
            yield fix_result(self, r, fix)

    def _annotated(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        for r in results:
            if r.error is None:
                self.linter(r.path).annotate_outline(r)
            yield r
