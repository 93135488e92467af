"""Duplication kinds (DP) and last year's problems (CR): copy detection across documents.

- ``corpus-passages`` and ``corpus-share``: passages also found in a reference corpus (``--corpus DIR``), and the share of
  the report they cover;
- ``previous-copy``: passages copied from last year's report (``--previous FILE`` or a file with
  the previous year in its name next to the report);
- ``previous-rectification``: last year's problems that this year's rectification part leaves out;
- ``batch-duplicate``: reports of one batch that are near-duplicates of each other.
"""

from __future__ import annotations

import os
import re
from array import array
from pathlib import Path
from typing import Iterable

from shuzhi_lint.checks.base import BatchCheckKind, CheckKind, Context, Hit
from shuzhi_lint.checks.correspondence import _best, _normalised, matcher, short
from shuzhi_lint.errors import LintError
from shuzhi_lint.dup import CorpusIndex, clauses, fingerprints, line_of, match_passages
from shuzhi_lint.labels import ROLE_CN
from shuzhi_lint.rules import Param


def corpus_index(ctx: Context, folder: str) -> CorpusIndex:
    """The corpus folder's index, opened (and brought up to date) once per rule set."""
    key = ("duplication.corpus-index", os.path.realpath(folder))
    return ctx.data.derived(key, lambda: CorpusIndex(Path(folder), ctx.reports.load_text).open(update=True))


def find_previous(path: str, year: int | None) -> str | None:
    """A report of the same name pattern with the year before, in the same folder."""
    if year is None or path == "-":
        return None
    p = Path(path)
    name = p.name
    if str(year) not in name:
        return None
    candidate = p.with_name(name.replace(str(year), str(year - 1)))
    return str(candidate) if candidate.is_file() else None


def previous_document(ctx: Context):
    """(path, text, outline) of last year's report, or None."""
    path = ctx.settings.previous or find_previous(ctx.doc.path, ctx.year)
    if not path or _same_file(path, ctx.doc.path):  # last year's report, linted in the same batch
        return None

    def load():
        try:
            text = ctx.reports.load_text(path)
        except Exception as e:
            raise LintError(f"无法读取去年的报告 {path}：{e}") from None
        return (path, text, ctx.reports.outline_of(path, text))

    # parsed with this rule set's section keywords, so kept with its data store
    return ctx.data.derived(("duplication.previous", path), load)


def _same_file(a: str, b: str) -> bool:
    if b == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


class _CorpusKind(CheckKind):
    """Passages shared with a reference corpus (``--corpus DIR``), matched once per document."""

    params = {"min_chars": Param(int, "段落至少多少字（规范化后）才算相同", default=50)}
    replaces: tuple[str, str] | None = None
    reads_corpus = True  # the CLI brings the corpus index up to date before linting

    def _passages(self, ctx: Context):
        if "corpus_passages" in ctx.cache:
            return ctx.cache["corpus_passages"]
        folder = ctx.settings.corpus
        result = None
        if folder:
            index = corpus_index(ctx, folder)
            report = clauses(ctx.text)
            occ, docs = index.lookup([c.fp for c in report], exclude=ctx.doc.path)
            found = match_passages(report, occ, self.p["min_chars"])
            for p in found:
                p.source = docs.get(int(p.source), p.source)
            total = sum(c.size for c in report) or 1
            result = (found, sum(p.size for p in found) / total)
        ctx.cache["corpus_passages"] = result
        return result


class CorpusPassagesKind(_CorpusKind):
    name = "corpus-passages"
    description = "与参考语料（--corpus 目录）相同的段落，每段一条"
    replaces = ("corpus-copy", "passages")

    def check(self, ctx: Context) -> Iterable[Hit]:
        found = self._passages(ctx)
        if not found:
            return
        for p in found[0]:
            yield Hit(p.start, p.end, vars={"source": p.source, "source_line": p.source_line, "chars": p.size})


class CorpusShareKind(_CorpusKind):
    name = "corpus-share"
    description = "全文中与参考语料（--corpus 目录）相同的段落所占的比例超过 max_share 时报告一次"
    replaces = ("corpus-copy", "share")
    params = {
        **_CorpusKind.params,
        "max_share": Param((int, float), "抄自语料的比例超过多少报告（0–1）", default=0.3),
    }

    def check(self, ctx: Context) -> Iterable[Hit]:
        found = self._passages(ctx)
        if not found:
            return
        passages, share = found
        if share > self.p["max_share"] and passages:
            sources: dict[str, int] = {}
            for p in passages:
                sources[p.source] = sources.get(p.source, 0) + p.size
            top = "、".join(Path(s).name for s, _ in sorted(sources.items(), key=lambda kv: -kv[1])[:3])
            yield Hit(None, None, vars={"share": f"{share:.0%}", "sources": top, "n": len(passages)})


class PreviousCopyKind(CheckKind):
    name = "previous-copy"
    description = "与去年的报告（--previous 或同目录下文件名年份减一的报告）相同的段落"
    params = {"min_chars": Param(int, "段落至少多少字才报告", default=40)}

    def check(self, ctx: Context) -> Iterable[Hit]:
        prev = previous_document(ctx)
        if prev is None:
            return
        path, text, _outline = prev
        prev_clauses = clauses(text)
        occ: dict[int, list[tuple[int, int, int]]] = {}
        for j, c in enumerate(prev_clauses):
            occ.setdefault(c.fp, []).append((0, j, line_of(text, c.start)))
        for p in match_passages(clauses(ctx.text), occ, self.p["min_chars"]):
            role = ctx.outline.role_of_line(ctx.doc.position(p.start)[0]) or "other"
            yield Hit(p.start, p.end, vars={"source": path, "source_line": p.source_line, "role": ROLE_CN.get(role, role)})


class PreviousRectificationKind(CheckKind):
    name = "previous-rectification"
    description = "去年报告中查摆的问题，今年的整改情况部分没有回应（每个问题一条，可用 {problem} {file} {line}）"
    needs_tokenizer = True
    data_files = ("topics",)
    params = {}
    variants = {"no-section": "本报告根本没有整改情况部分时（报告一次）；可用 {file}（去年报告的文件名）、{n}（去年的问题数）"}

    def check(self, ctx: Context) -> Iterable[Hit]:
        prev = previous_document(ctx)
        if prev is None:
            return
        path, _text, outline = prev
        problems = outline.items("problems")
        if not problems:
            return

        mt = matcher(ctx)
        sections = ctx.outline.by_role("rectification")
        if not sections:
            yield Hit(None, None, variant="no-section", vars={"file": Path(path).name, "n": len(problems)})
            return
        start = ctx.doc.line_span(sections[0].line)[0]
        end = ctx.doc.line_span(sections[-1].end_line)[1]
        body = ctx.text[start:end]
        sets = [(_normalised(mt.terms(s)), 1.0) for s in re.split(r"[。；;]", body) if len(s) >= 4]
        for p in problems:
            if max(_best(mt.head_terms(p), sets), _best(mt.first_clause_terms(p), sets)) < mt.threshold:
                yield Hit(*ctx.line_anchor(sections[0].line), vars={"problem": short(p.head or p.text, 20), "file": Path(path).name, "line": p.line})


class BatchDuplicateKind(BatchCheckKind):
    name = "batch-duplicate"
    description = "同一批检查的报告之间高度雷同（共有的句段占较短一份的比例）"
    params = {
        "min_share": Param((int, float), "共有句段占较短一份的比例达到多少报告（0–1）", default=0.5),
        "min_clauses": Param(int, "报告至少有多少个句段才比较", default=10),
    }
    variants = {"more": "雷同组多于 3 份时接在前 3 份的文件名后（{group} 中）的文字；可用 {count}（组内份数）"}

    def check(self, ctx: Context) -> Iterable[Hit]:
        return ()  # works across the batch: see check_batch

    def prepare_batch(self, text: str) -> array:
        """Per-document part of the batch check; runs in the worker that linted the document.

        The distinct clause fingerprints as a packed array: a batch keeps one per report until
        the run ends, 4 bytes a clause instead of ~60 in a set of ints."""
        return array("I", sorted(fingerprints(text)))

    def check_batch(self, docs: list[tuple[str, array]]) -> dict[str, list[Hit]]:
        """Groups of near-identical reports: one hit per report of a group, naming the group.

        Two reports are near-identical when the clauses they share make up ``min_share`` of the
        shorter one: copying is told from template wording by how much of each report is shared,
        never by how many reports share a clause, so 3, 4 or 200 copies of one text are one group.
        Candidates come from each clause's run of holders: the nearest earlier report holding the
        same clause (linear in the clauses of the batch, however many reports share one); each
        candidate pair is then measured exactly, and reports linked by near-identical pairs form
        a group."""
        prints = {p: s for p, s in docs if len(s) >= self.p["min_clauses"]}
        paths = list(prints)
        arrays = list(prints.values())
        # (earlier << 32 | later) -> clauses for which ``earlier`` is the nearest earlier holder
        near: dict[int, int] = {}
        for _fp, run in _runs_of_equal_fingerprints(arrays):
            for k in range(1, len(run)):
                key = run[k - 1] << 32 | run[k]
                near[key] = near.get(key, 0) + 1
        min_share = self.p["min_share"]
        parent = list(range(len(arrays)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        best: dict[int, tuple[float, int]] = {}  # report -> (share, the report it shares most with)
        for key in sorted(near):
            a, b = key >> 32, key & 0xFFFFFFFF
            shorter = min(len(arrays[a]), len(arrays[b]))
            if near[key] < shorter * min_share / 2:  # too few even counting only nearest holders
                continue
            ratio = len(set(arrays[a]).intersection(arrays[b])) / shorter
            if ratio < min_share:
                continue
            for me, other in ((a, b), (b, a)):
                if me not in best or ratio > best[me][0]:
                    best[me] = (ratio, other)
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)  # the group's root is its first report
        del near
        members: dict[int, list[int]] = {}
        for i in sorted(best):
            members.setdefault(root(i), []).append(i)
        out: dict[str, list[Hit]] = {}
        for first, group in members.items():
            names = "、".join(Path(paths[i]).name for i in group[:3]) + (self.phrase("more", count=len(group)) if len(group) > 3 else "")
            for i in group:
                ratio, other = best[i]
                out[paths[i]] = [Hit(None, None, related=paths[first], vars={
                    "other": paths[other], "share": f"{ratio:.0%}", "size": len(group), "group": names,
                    "others": len(group) - 1,
                })]
        return out


def _runs_of_equal_fingerprints(prints: Iterable[array]):
    """(fingerprint, [indexes of the reports holding it]) for every fingerprint, the indexes ascending.

    A dict from fingerprint to reports would cost ~80 bytes a clause (2000 distinct reports: ~40 MB);
    packed ``fingerprint << 32 | report`` keys cost 8, sorted 1/256th at a time."""
    buckets = [array("Q") for _ in range(256)]
    for i, fps in enumerate(prints):
        for fp in fps:
            buckets[fp >> 24].append(fp << 32 | i)
    for k in range(len(buckets)):
        keys = sorted(buckets[k])
        buckets[k] = None  # freed bucket by bucket: only one is ever held twice
        run_fp, run = -1, []
        for key in keys:
            fp = key >> 32
            if fp != run_fp:
                if run:
                    yield run_fp, run
                run_fp, run = fp, []
            run.append(key & 0xFFFFFFFF)
        if run:
            yield run_fp, run
