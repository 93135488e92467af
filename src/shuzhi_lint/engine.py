"""The linter: loads the rule set once, then lints documents with it.

Path -> loader -> Document -> outline -> every selected rule's kind -> Hits -> Findings.
Suppression (select/ignore, per-file ignores, inline disable comments) happens here, after the
checks, so kinds never need to know about it.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
import time
from bisect import bisect_right
from pathlib import Path

from shuzhi_lint import patterncache
from shuzhi_lint.checks.base import BatchCheckKind, Context, DataStore, Hit, Settings
from shuzhi_lint.document import Document
from shuzhi_lint.errors import LintError, RuleError
from shuzhi_lint.finding import SEVERITY_RANK, FileResult, Finding  # noqa: F401 (SEVERITY_RANK: importable from here as before)
from shuzhi_lint.genre import Genres, configured_genre
from shuzhi_lint.loaders import too_large
from shuzhi_lint.loaders.reading import read_input
from shuzhi_lint.plugins import Registry, check_plugin_code
from shuzhi_lint.rules import Rule, load_yaml, parse_rules, render_message, rule_files
from shuzhi_lint.structure import Outline, SectionSpec, build_outline



def code_matches(code: str, selectors) -> bool:
    """ruff-style selection: "PH" matches PH001, "PH00" matches PH001..PH009, "ALL" matches all.

    A selector's letters are a whole prefix, as in ruff (where E does not select ERA001): "PH"
    selects PH001 but not a plugin's PHX001, which "PHX" selects."""
    return any(s == "ALL" or _selects(s, code) for s in selectors)


def _selects(selector: str, code: str) -> bool:
    letters = len(selector.rstrip("0123456789"))
    return code.startswith(selector) and code[letters:letters + 1].isdigit()


class Linter:
    def __init__(self, registry: Registry, config):
        self.registry = registry
        self.config = config
        self.data = DataStore(registry.data_dirs + [Path(p) / "data" for p in config.rules if Path(p).is_dir()])
        self.rules = self._load_rules()
        self.redirects = self._redirects()
        #: the codes of rules that declare (``supersedes``, ``yields_to``) or are named in a one-defect pair
        self._paired = self._one_defect_pairs()
        self._stays: dict[tuple, int | None] = {}  # see _declared_keeper
        patterncache.save()
        sections = self.data.get("sections")
        overrides = config.sections or {}
        if overrides:
            sections = _merge_sections(sections, overrides, getattr(config, "lines", {}).get("sections", ""))
        self.section_spec = SectionSpec(sections)
        self._base_sections = sections
        self._genre_specs: dict[str, SectionSpec] = {}
        #: (genre, rule list) -> the rules of the list the genre applies, and its batch rules among them
        self._applicable: dict[tuple[int, int, int], tuple] = {}
        self.genres = Genres(self.data.get("genres"), str(self.data.path("genres") or "genres.yaml"))
        # a genre named in the config or on the command line must exist: say so before any output
        for where, name in self._configured_genres():
            self.genres.resolve(name, where)
        self._check_genre_messages()
        self.selected = self._select()
        #: what kinds may read of the run's settings (``ctx.settings``), one object per rule set
        self.settings = Settings.of(config, reports=self)
        self._check_data()
        self.profile: dict[str, float] = {}
        #: characters of the documents linted by ``runner.lint_path`` (the CLI's --statistics figures)
        self.chars_checked = 0

    def _check_genre_messages(self) -> None:
        """A genre's message for a rule (``CR004``) or one of its variants (``CR004.mostly-objective``)
        must name a loaded rule and variant: a misspelt key would silently never be used."""
        where = str(self.data.path("genres") or "genres.yaml")
        for genre in self.genres.ordered:
            for key in genre.messages:
                code, _, variant = str(key).partition(".")
                rule = self.rules.get(code)
                if rule is None or (variant and variant not in rule.messages):
                    what = f"规则 {code} 没有提示信息变体 \"{variant}\"" if rule is not None else f"没有规则 {code}"
                    raise RuleError(where, None, f"体裁 {genre.id} 的 messages 中的 \"{key}\" 无效：{what}")

    def _check_data(self) -> None:
        """The data files the selected rules read (named by the kind, or by a rule's parameter)
        and a rule folder's own data files, checked now against their schemas: a file that does
        not fit stops the run with one line before any output, not once per rule and document.
        Checked content is cached, so this costs a cache read; the shipped files no selected rule
        reads are left alone (the tests check them)."""
        from shuzhi_lint.dataschema import SCHEMAS

        wanted = set()
        for rule in self.selected:
            kind = type(rule.check)
            wanted.update((name, None) for name in kind.data_files)
            for param, schema in kind.data_params.items():
                if isinstance(rule.params.get(param), str):
                    wanted.add((rule.params[param], schema))
        for folder in self.config.rules:
            data = Path(folder) / "data"
            if data.is_dir():
                wanted.update((p.stem, None) for p in data.iterdir() if p.suffix in (".yaml", ".yml") and p.stem in SCHEMAS)
        for name, schema in sorted(wanted, key=str):
            self.data.get(name, schema)

    # -- rules -------------------------------------------------------------------------------
    def _load_rules(self) -> dict[str, Rule]:
        rules: dict[str, Rule] = {}
        paths = [*self.registry.rule_dirs, *map(Path, self.config.rules)]
        for base in paths:
            if not base.exists():
                raise RuleError(str(base), None, "规则路径不存在")
            plugin = self.registry.plugin_rule_dirs.get(base)
            for path in rule_files(base):
                for rule in parse_rules(load_yaml(path), str(path), self.registry.kinds):
                    if plugin is not None:
                        check_plugin_code(rule.code, plugin, str(path), rule.line)
                    if rule.code in rules:
                        other = rules[rule.code]
                        raise RuleError(str(path), rule.line, f"规则代码重复（已在 {other.source}:{other.line} 定义）", rule.code)
                    rules[rule.code] = rule
        return rules

    def _redirects(self) -> dict[str, str]:
        """Retired code -> the rule it was merged into (a rule's ``redirected_from``), as ruff
        redirects rule codes: old codes in select/ignore, per-file ignores and inline disable
        comments keep working."""
        out: dict[str, str] = {}
        for code, rule in self.rules.items():
            for old in rule.redirected_from:
                if old in self.rules:
                    raise RuleError(rule.source, rule.param_line("redirected_from"), f"redirected_from 中的 {old} 仍是一条现有规则的代码", code)
                if old in out:
                    raise RuleError(rule.source, rule.line, f"{old} 已并入 {out[old]}，不能再并入 {code}", code)
                out[old] = code
        return out

    def _one_defect_pairs(self) -> frozenset[str]:
        """Check the rules' ``supersedes`` and ``yields_to`` against the whole rule set: every
        code or prefix names a rule, and two rules never both claim (or both give up) the same
        defect. The codes involved (no declaration: the one-defect step asks nothing more)."""
        paired: set[str] = set()
        for code, rule in self.rules.items():
            for _, selectors, _, line in rule.one_defect:
                for sel in selectors:
                    named = [c for c in self.rules if c != code and _selects(sel, c)]
                    if not named:
                        raise RuleError(rule.source, line, f"supersedes/yields_to 中的 {sel} 不是任何已加载规则的代码或前缀", code)
                    paired.add(code)
                    paired.update(named)
        for code in sorted(paired):
            rule = self.rules[code]
            if not rule.one_defect:
                continue
            for other in sorted(paired - {code}):
                o = self.rules[other]
                for v in (None, *rule.messages):
                    mine = rule.stays_with(v, other)
                    if mine is None:
                        continue
                    for w in (None, *o.messages):
                        theirs = o.stays_with(w, code)
                        if theirs is not None and theirs == mine:  # both "self" or both "other"
                            line = rule.one_defect[0][3]
                            raise RuleError(rule.source, line, f"与 {other} 的 supersedes/yields_to 互相矛盾：同一处问题两条规则都要保留或都不保留", code)
        return frozenset(paired)

    def _declared_keeper(self, f: Finding, g: Finding) -> Finding | None:
        """Of two findings whose texts share a character (the same text, one inside the other, or
        overlapping), the one a rule's
        ``supersedes``/``yields_to`` keeps; None if neither rule declares anything about the other."""
        key = (f.code, f.variant, g.code, g.variant)
        found = self._stays.get(key, -1)
        if found == -1:
            found = None
            rf, rg = self.rules.get(f.code), self.rules.get(g.code)
            mine = rf.stays_with(f.variant, g.code) if rf else None
            if mine is not None:
                found = 0 if mine == "self" else 1
            else:
                theirs = rg.stays_with(g.variant, f.code) if rg else None
                if theirs is not None:
                    found = 1 if theirs == "self" else 0
            self._stays[key] = found
        return None if found is None else (f, g)[found]

    def redirect(self, selector: str) -> str:
        """The current code for a retired one (FG017 -> CS004); any other selector unchanged."""
        return self.redirects.get(selector, selector) if self.redirects else selector

    def _select(self) -> list[Rule]:
        """The selected rules, resolved as ruff resolves them.

        Layers are applied in order, the configuration file's and then the command line's. A layer
        with ``select`` starts afresh from it; one without starts from the previous layer's result.
        Within a layer, selectors apply from least to most specific (``ALL``, ``PH``, ``PH0``,
        ``PH001``), and at equal specificity ``ignore`` beats ``select``: so ``select PH, ignore
        PH001`` leaves PH001 off and ``ignore PH, select PH001`` leaves only PH001 on. A rule off by
        default is turned on only by naming its full code."""
        cfg = self.config
        r = self.redirect
        layers = [([r(s) for s in cfg.select] or None, [r(s) for s in [*cfg.ignore, *cfg.extend_ignore]], [r(s) for s in cfg.extend_select])]
        cli = getattr(cfg, "cli_selection", None)
        if cli:
            layers.append(([r(s) for s in cli["select"] or []] or None, [r(s) for s in cli["ignore"] or []], [r(s) for s in cli["extend_select"] or []]))
        known = list(self.rules)
        lines = getattr(cfg, "lines", {})
        named = [(key, sel) for key in ("select", "extend-select", "ignore", "extend-ignore") for sel in getattr(cfg, key.replace("-", "_"))]
        named += [("per-file-ignores", sel) for codes in cfg.per_file_ignores.values() for sel in codes]
        if cli:
            named += [("", sel) for key in ("select", "ignore", "extend_select") for sel in (cli[key] or [])]
        for key, sel in named:
            sel = r(sel)
            if sel != "ALL" and not any(_selects(sel, code) for code in known):
                where = f"{lines[key]}: {key} 中" if key in lines else ""
                raise LintError(f"{where}未知的规则代码或前缀 \"{sel}\"（用 --list-rules 查看全部规则）")
        chosen = {code for code, rule in self.rules.items() if rule.enabled}
        for select, ignore, extend in layers:
            updates: dict[str, bool] = {}
            selectors = [(s, True) for s in [*(select or []), *extend]] + [(s, False) for s in ignore]
            # by specificity, selects before ignores at the same one (a stable sort keeps that order)
            for sel, on in sorted(selectors, key=lambda so: (0 if so[0] == "ALL" else len(so[0]), not so[1])):
                for code, rule in self.rules.items():
                    if sel == "ALL" or _selects(sel, code):
                        if on and not rule.enabled and code != sel:
                            continue
                        updates[code] = on
            if select is not None:
                chosen = {code for code, on in updates.items() if on}
            else:
                chosen |= {code for code, on in updates.items() if on}
                chosen -= {code for code, on in updates.items() if not on}
        return [rule for code, rule in sorted(self.rules.items()) if code in chosen]

    # -- linting -----------------------------------------------------------------------------
    def load(self, path: str, data: bytes) -> Document:
        suffix = os.path.splitext(path)[1].lower() if path != "-" else ".txt"  # Path() would intern the name
        loader = self.registry.loaders.get(suffix) or self.registry.loaders[".txt"]
        limit = self.config.max_file_size
        if limit and len(data) > limit:
            raise too_large(path, len(data), limit)
        return loader.load(path, data)

    # -- genres ------------------------------------------------------------------------------
    def _configured_genres(self):
        cfg = self.config
        if getattr(cfg, "genre_option", None):
            yield "--genre：", cfg.genre_option
        if cfg.genre:
            yield f"{cfg.source or '配置'}: genre：", cfg.genre
        for pattern, name in (cfg.per_file_genre or {}).items():
            yield f"{cfg.source or '配置'}: per-file-genre \"{pattern}\"：", name

    def genre_of(self, doc: Document):
        """(profile, source) for a document: --genre, the config, else recognised from its text."""
        forced = getattr(self.config, "genre_option", None) or configured_genre(self.config, doc.path)
        if forced:
            return self.genres.resolve(forced), "option" if getattr(self.config, "genre_option", None) else "config"
        return self.genres.detect(doc.check_text.split("\n", 80)[:80], self.section_spec)

    def spec_for(self, genre) -> SectionSpec:
        """The outline parser's role keywords for a genre: the shared ones, the genre's own wordings
        and order, then the config's overrides."""
        if not genre.sections and not genre.order:
            return self.section_spec
        spec = self._genre_specs.get(genre.id)
        if spec is None:
            data = {**self._base_sections, "order": genre.order or self._base_sections.get("order", [])}
            if genre.sections:
                data = _merge_sections(data, genre.sections)
            if self.config.sections:
                data = _merge_sections(data, self.config.sections)
            spec = self._genre_specs[genre.id] = SectionSpec(data)
        return spec

    def outline(self, doc: Document, genre=None, genre_source: str | None = None) -> Outline:
        """The outline a document is linted with (and the outline formats show): its genre's
        section keywords and order, the configured year, the genre named on it. ``genre`` when
        the caller already knows it (``lint_document``)."""
        if genre is None:
            genre, genre_source = self.genre_of(doc)
        outline = build_outline(doc, self.spec_for(genre), year=self.config.year)
        outline.genre, outline.genre_name, outline.genre_source = genre.id, genre.name, genre_source
        return outline

    def lint_document(self, doc: Document, rules: list[Rule] | None = None, profile: bool = False) -> FileResult:
        result = FileResult(path=doc.path, document=doc)
        genre, genre_source = self.genre_of(doc)
        outline = result.outline = self.outline(doc, genre, genre_source)
        ctx = Context(doc, outline, self.data, self.settings, genre=genre, reports=self)
        ignored = self._ignored_for(doc.path)
        findings = []
        applicable, batch = self._applicable_rules(genre, self.selected if rules is None else rules)
        for rule in applicable:
            if ignored and code_matches(rule.code, ignored):
                continue
            t0 = time.perf_counter() if profile else 0.0
            loaded = _tokenizer_load_seconds() if profile else 0.0
            try:
                hits = list(rule.check.check(ctx))
            except TimeoutError:
                result.internal_errors.append(
                    f"{doc.path}: 规则 {rule.code}（{rule.source}:{rule.line}）的正则表达式运行超时，已跳过该规则；请简化表达式"
                )
                continue
            except LintError as e:
                result.internal_errors.append(f"{doc.path}: 规则 {rule.code}: {e}")
                continue
            except Exception as e:  # a crashing check must not take the others down
                result.internal_errors.append(
                    f"{doc.path}: 规则 {rule.code}（类型 {rule.kind}）内部错误：{type(e).__name__}: {e}"
                )
                continue
            finally:
                if profile:
                    # the tokenizer's one-off load is not the cost of the rule that happened to need it first
                    load = _tokenizer_load_seconds() - loaded
                    if load:
                        self.profile[TOKENIZER_LOAD] = self.profile.get(TOKENIZER_LOAD, 0.0) + load
                    self.profile[rule.code] = self.profile.get(rule.code, 0.0) + time.perf_counter() - t0 - load
            inside = _span_test(ctx.scope_spans(rule.scope)) if hits and rule.scope else None
            for hit in hits:
                if inside is not None and hit.start is not None and not inside(hit.start):
                    continue
                key = f"{rule.code}.{hit.variant}" if hit.variant else rule.code  # CR004 or CR004.mostly-objective
                if hit.message is None and key in genre.messages:
                    hit.message = render_message(genre.messages[key], {"match": "" if hit.start is None else doc.text[hit.start:hit.end], **hit.vars})
                f = self._finding(doc, outline.title_line, rule, hit)
                if f is not None:
                    findings.append(f)
        for rule in batch:
            result.batch_data[rule.code] = rule.check.prepare_batch(doc.check_text)
        result.notes = [*ctx.notes, *ctx.cache.get("notes", ())]  # cache["notes"]: kinds written before ctx.note
        findings = [f for f in findings if not _disabled(doc, f, self.redirects)]
        findings.sort(key=lambda f: (f.line, f.column, f.code))
        keeper = self._declared_keeper if self._paired else None
        result.findings = _group(_nested(_dedupe(findings), keeper, self._paired))
        patterncache.save()  # patterns some kinds compile on first use (word-list guards)
        return result

    def _applicable_rules(self, genre, rules: list[Rule]) -> tuple[list[Rule], list[Rule]]:
        """The rules of ``rules`` that ``genre`` applies, in order, and the cross-document ones
        among them; found once per genre and rule list (the list and genre kept with the answer,
        so that their ids stay theirs)."""
        key = (id(genre), id(rules), len(rules))
        found = self._applicable.get(key)
        if found is None:
            applicable = [r for r in rules if genre.applies(r.code)]
            batch = [r for r in applicable if isinstance(r.check, BatchCheckKind)]
            found = self._applicable[key] = (applicable, batch, genre, rules)
        return found[0], found[1]

    # -- other reports (the Context's ReportReader) ------------------------------------------
    def load_text(self, path: str) -> str:
        """The text of another document (corpus file, last year's report), through the loaders."""
        return self.load(path, read_input(path, self.config.max_file_size)).text

    def outline_of(self, path: str, text: str):
        doc = Document(path=path, text=text)
        return build_outline(doc, self.spec_for(self.genre_of(doc)[0]))

    def batch_rules(self) -> list[Rule]:
        """Selected cross-document rules: those of a ``BatchCheckKind``."""
        return [r for r in self.selected if isinstance(r.check, BatchCheckKind)]

    def lint_batch(self, results: list[FileResult]) -> None:
        """Cross-document rules over all results of one run; their findings join each result's."""
        linted = {r.path: r for r in results if r.document is not None}
        for path, rule_hits in self.batch_hits([(r.path, r.batch_data) for r in linted.values()]).items():
            self.add_batch_findings(linted[path], rule_hits)

    def batch_hits(self, docs: list[tuple[str, dict]]) -> dict[str, list[tuple[Rule, Hit]]]:
        """The cross-document rules' hits, from each linted document's (path, batch_data) alone:
        a streamed run keeps only these, not the results, until every document is linted."""
        rules = self.batch_rules()
        out: dict[str, list[tuple[Rule, Hit]]] = {}
        if not rules or len(docs) < 2:
            return out
        for rule in rules:
            data = [(path, batch[rule.code]) for path, batch in docs if rule.code in batch]
            for path, hits in rule.check.check_batch(data).items():
                if code_matches(rule.code, self._ignored_for(path)):
                    continue
                if any(h.start is not None for h in hits):
                    raise RuleError(rule.source, rule.line, "跨文档规则只能报告整篇文档的问题（Hit 的 start 为 None）", rule.code)
                out.setdefault(path, []).extend((rule, h) for h in hits)
        return out

    def add_batch_findings(self, result: FileResult, rule_hits: list[tuple[Rule, Hit]]) -> None:
        """Findings for a document's cross-document hits, at its title line (whole-document hits)."""
        doc = result.document
        title_line = result.outline.title_line if result.outline is not None else getattr(doc, "title_line", None)
        result.findings.extend(f for rule, h in rule_hits if (f := self._finding(doc, title_line, rule, h)))
        result.findings.sort(key=lambda f: (f.line, f.column, f.code))

    def annotate_outline(self, result: FileResult) -> None:
        """What the kinds add to a result's outline for the formats that show it (``--outline``,
        html): each registered kind's ``annotate_outline`` hook, whichever rules are selected."""
        if result.outline is None or result.document is None:
            return
        ctx = Context(result.document, result.outline, self.data, self.settings, reports=self)
        for kind in self.registry.kinds.values():
            kind.annotate_outline(ctx)

    attach_correspondence = annotate_outline  # the earlier name

    def _finding(self, doc: Document, title_line: int | None, rule: Rule, hit: Hit) -> Finding | None:
        if hit.start is None:
            line = title_line or 1
            column = 1
            if title_line:
                raw = doc.line_text(line, checked=False)
                column = len(raw) - len(raw.lstrip(" \t\u3000\ufeff")) + 1
            end_line, end_column, match, start, end = line, column, "", None, None
        else:
            start, end = hit.start, hit.end
            if doc.masked and any(a < end and start < b for a, b in doc.masked):
                return None
            line, column = doc.position(start)
            end_line, end_column = doc.position(end)
            match = doc.text[start:end]
        message = hit.message or render_message(rule.messages[hit.variant] if hit.variant else rule.message, {"match": match, **hit.vars})
        fix = None
        if hit.replacement is not None and start is not None and hit.replacement != match:
            applicability = hit.applicability or (rule.fix or {}).get("applicability", "safe")
            fix = {"replacement": hit.replacement, "applicability": applicability}
        return Finding(
            path=doc.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            code=rule.code,
            name=rule.name,
            category=rule.category,
            severity=rule.severity,
            message=message,
            match=match,
            fix=fix,
            start=start,
            end=end,
            related=hit.related,
            variant=hit.variant,
        )

    def _ignored_for(self, path: str) -> list[str]:
        codes: list[str] = []
        if not self.config.per_file_ignores:
            return codes
        posix = Path(path).as_posix()
        for pattern, ignore in self.config.per_file_ignores.items():
            if fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                codes.extend(map(self.redirect, ignore))
        return codes


TOKENIZER_LOAD = "(tokenizer load)"  # a --profile entry of its own


def _tokenizer_load_seconds() -> float:
    # read without importing: most runs never load the tokenizer
    return getattr(sys.modules.get("shuzhi_lint.tokenizer"), "load_seconds", 0.0)


def _span_test(spans: list[tuple[int, int]] | None):
    """``pos -> whether some [a, b) of spans holds it``, by bisection over the merged spans (a scan
    of every span for every hit is quadratic in an anthology of reports); None for no spans."""
    if spans is None:
        return None
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def inside(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < merged[k][1]

    return inside


def _disabled(doc: Document, f: Finding, redirects: dict[str, str] | None = None) -> bool:
    codes = doc.disabled.get(f.line)
    if not codes:
        return False
    if redirects:
        codes = {redirects.get(c, c) for c in codes}
    return "ALL" in codes or code_matches(f.code, codes)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.code, f.start, f.end, f.line if f.start is None else None, f.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def _same_defect(f: Finding, g: Finding) -> bool:
    """Whether ``f``, inside ``g``'s span, is part of the defect ``g`` reports: ``g`` removes inserted
    text (a site artifact with no fix or a deletion: the notice or watermark goes, and ``f`` with it,
    be it another artifact or a wrong character of the watermark),
    or ``f``'s fix, made inside ``g``'s text, gives ``g``'s correction (做假→作假 inside 弄虚做假→弄虚作假)."""
    if g.category == "artifact" and (not g.fix or g.fix["replacement"] == ""):
        # what else is wrong inside inserted text (思享 in a site's signature) goes with it
        return True
    if f.fix and g.fix and g.match is not None:
        at = f.start - g.start
        fixed = g.match[:at] + f.fix["replacement"] + g.match[at + f.end - f.start:]
        return fixed == g.fix["replacement"]
    return False


def _nested(findings: list[Finding], keeper=None, paired: frozenset[str] = frozenset()) -> list[Finding]:
    """One defect, one finding. Two rules may say so in their YAML (``supersedes``, ``yields_to``):
    then a finding of one sharing text with the other's (the same, inside it, or overlapping) is the same defect, and
    ``keeper(f, g)`` names the finding that stays (the slot PH001 reports in 走访＊＊户 and the
    mask AR002 reports there; AR002's where it names the formulation a mask hides), whatever the
    spans and severities. Otherwise: a site artifact inside a notice or watermark another rule reports
    whole (the account inside 扫码关注公众号获取全文), a wrong character inside a misspelling another
    rule corrects the same way (做假 inside 弄虚做假), or two rules on the same word with the same
    correction are reported once: the finding that spans more stays, or for the same text the one
    that ranks first (a safe fix, then the more severe, then the lower code). It must be at least as
    severe. Findings that say different things about the same text (pinyin inside a paragraph of
    traditional characters) all stay."""
    spans = [f for f in findings if f.start is not None and f.end > f.start]
    if len(spans) < 2:
        return findings

    def rank(f: Finding):
        return (bool(f.fix) and f.fix["applicability"] == "safe", SEVERITY_RANK[f.severity], [-ord(c) for c in f.code])

    def covers(g: Finding, f: Finding) -> bool:
        """Whether ``g`` (its span holding ``f``'s) reports ``f``'s defect and is the one to keep."""
        if g.code == f.code or SEVERITY_RANK[g.severity] < SEVERITY_RANK[f.severity] or not _same_defect(f, g):
            return False
        return (g.end - g.start) > (f.end - f.start) or rank(g) > rank(f)

    drop = set()
    # a sweep by start (longer first): only the findings still open at a start can hold it
    active: list[Finding] = []
    for f in sorted(spans, key=lambda f: (f.start, -f.end)):
        active = [g for g in active if g.end >= f.start]
        for g in active:
            if keeper is not None and f.start < g.end and f.code in paired and g.code in paired:
                kept = keeper(f, g)
                if kept is not None:
                    if id(kept) not in drop:  # a finding already given up decides nothing
                        drop.add(id(g) if kept is f else id(f))
                    continue
            if f.end <= g.end and covers(g, f):
                drop.add(id(f))
            elif g.start == f.start and g.end == f.end and covers(f, g):
                drop.add(id(g))
        active.append(f)
    return [f for f in findings if id(f) not in drop] if drop else findings


GROUP_MIN = 3  # this many identical findings in one paragraph are reported once, with the count


def _group(findings: list[Finding]) -> list[Finding]:
    """One finding, naming the count, for the same rule reporting the same text several times in
    one paragraph (ten "X" slots in a row, a watermark repeated): the first stays, the message
    says how many there are. Findings with a fix are kept apart, so --fix still repairs each."""
    counts: dict[tuple, int] = {}
    for f in findings:
        if f.start is not None and f.fix is None:
            key = (f.code, f.line, f.match)
            counts[key] = counts.get(key, 0) + 1
    if not counts or max(counts.values()) < GROUP_MIN:
        return findings
    out, seen = [], set()
    for f in findings:
        key = (f.code, f.line, f.match)
        n = counts.get(key, 0) if f.start is not None and f.fix is None else 0
        if n >= GROUP_MIN:
            if key in seen:
                continue
            seen.add(key)
            f.message = f"{f.message}（本段共有 {n} 处“{f.match}”，只在第一处报告）"
        out.append(f)
    return out


def _merge_sections(base: dict, overrides: dict, where: str = "") -> dict:
    merged = {**base, "order": base.get("order", []), "roles": {r: dict(v) for r, v in base.get("roles", {}).items()}}
    for role, lists in overrides.items():
        if role not in merged["roles"]:
            known = "、".join(merged["roles"])
            raise LintError(f"{where + ': ' if where else ''}配置 sections 中的未知角色 \"{role}\"（可用：{known}）")
        for key, words in (lists or {}).items():
            if key.startswith("replace-"):
                merged["roles"][role][key[len("replace-"):]] = list(words)
            else:
                merged["roles"][role][key] = list(merged["roles"][role].get(key, [])) + list(words)
        for p in merged["roles"][role].get("opener", []):
            try:
                re.compile(p)
            except re.error as e:
                raise LintError(f"配置 sections.{role}.opener 中的正则无效：{p}（{e}）") from None
    return merged
