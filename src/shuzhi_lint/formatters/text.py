"""Human output: ``path:line:col: CODE message``, the source line with a caret, and a summary."""

from __future__ import annotations

from collections import Counter

from shuzhi_lint.formatters import StreamedFormatter
from shuzhi_lint.formatters.width import width
from shuzhi_lint.rules import CATEGORY_CN, SEVERITY_CN
from shuzhi_lint.safetext import visible, visible_path

WINDOW = 24  # characters of context either side of a span in long paragraphs


def _snippet(line_text: str, col: int, end_col: int) -> tuple[str, str]:
    """The visible part of the line and the caret line under the span."""
    start = col - 1
    end = max(end_col - 1, start + 1)
    left = max(0, start - WINDOW)
    right = min(len(line_text), end + WINDOW)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line_text) else ""
    # control characters (terminal escape sequences in a report) shown as \x1b, the caret under them
    before, span = visible(line_text[left:start]), visible(line_text[start:end])
    shown = prefix + before + span + visible(line_text[end:right]) + suffix
    pad = width(prefix + before)
    caret = " " * pad + "^" * max(1, width(span or " "))
    return shown.replace("\t", "    "), caret


class Tally:
    """What the closing summary and ``--statistics`` need, gathered one result at a time.

    It keeps counts, not findings, so a streamed batch of any size renders in flat memory."""

    def __init__(self) -> None:
        self.results = self.checked = self.fixed = self.total = 0
        self.files_with_findings = self.fixable = self.unsafe = 0
        self.severities: Counter = Counter()
        self.categories: Counter = Counter()
        self.rules: Counter = Counter()  # (code, name) -> findings
        self.fixable_codes: set[str] = set()
        self.worst: list[tuple] = []  # the three files with most errors, then most findings
        self.pairs: set[tuple[str, str]] = set()  # near-duplicate reports (findings with ``related``)

    def add(self, r) -> None:
        self.results += 1
        self.checked += r.error is None or r.document is not None  # a fix that could not be written was still checked
        self.fixed += r.fixed
        findings = r.findings
        if not findings:
            return
        self.files_with_findings += 1
        self.total += len(findings)
        errors = 0
        for f in findings:
            self.severities[f.severity] += 1
            self.categories[f.category] += 1
            self.rules[(f.code, f.name)] += 1
            errors += f.severity == "error"
            if f.fix:
                self.fixable_codes.add(f.code)
                if f.fix["applicability"] == "safe":
                    self.fixable += 1
                elif f.fix["applicability"] == "unsafe":
                    self.unsafe += 1
            if f.related:
                self.pairs.add(tuple(sorted((f.path, f.related))))
        # the input index breaks ties, as a stable sort of all results would
        self.worst = sorted([*self.worst, (-errors, -len(findings), self.results, r.path, errors)])[:3]

    def summary(self) -> str:
        fixed_line = f"已自动修复 {self.fixed} 处。\n" if self.fixed else ""
        if not self.total:
            return f"{fixed_line}检查了 {self.checked} 个文件，未发现问题。"
        sev, cat = self.severities, self.categories
        parts = "、".join(f"{SEVERITY_CN[s]} {sev[s]}" for s in ("error", "warning", "info") if sev[s])
        cats = "、".join(f"{CATEGORY_CN.get(c, c)} {n}" for c, n in cat.most_common())
        line = f"{fixed_line}在 {self.files_with_findings} 个文件中发现 {self.total} 个问题（{parts}）；按类别：{cats}。"
        if self.fixable or self.unsafe:
            line += f"\n其中 {self.fixable} 个可用 --fix 自动修复"
            line += f"，另有 {self.unsafe} 个需加 --unsafe-fixes。" if self.unsafe else "。"
        if self.results > 1:
            failed = self.results - self.checked
            line += f"\n共检查 {self.checked} 个文件" + (f"，{failed} 个无法读取" if failed else "") + "；问题最多的文件："
            line += "、".join(f"{visible(path)}（错误 {errors}，共 {-neg_total}）" for _, neg_total, _, path, errors in self.worst) + "。"
            if self.pairs:
                line += "\n相互雷同的报告：" + "；".join(f"{visible(a)} ↔ {visible(b)}" for a, b in sorted(self.pairs)) + "。"
        return line

    def statistics(self) -> str:
        rows = [
            f"{n:5d}\t{code}\t{name}" + ("\t[*]" if code in self.fixable_codes else "")
            for (code, name), n in self.rules.most_common()
        ]
        return "\n".join(rows) + ("\n[*] 可自动修复" if self.fixable_codes else "")


class TextFormatter(StreamedFormatter):
    name = "text"
    binary = False

    def render_iter(self, results, ctx):
        tally = Tally()
        quiet = ctx.options.get("statistics")  # the table replaces the list of findings
        for r in results:
            tally.add(r)
            if quiet or not r.findings:
                continue
            out = []
            doc = r.document
            for f in r.findings:
                out.append(f"{visible_path(f.path)}:{f.line}:{f.column}: {f.code} [{SEVERITY_CN[f.severity]}] {visible(f.message)}")
                if doc is not None and f.match:
                    line_text = doc.line_text(f.line, checked=False)
                    end_col = f.end_column if f.end_line == f.line else len(line_text) + 1
                    shown, caret = _snippet(line_text, f.column, end_col)
                    gutter = " " * len(str(f.line))
                    out.append(f" {gutter} |")
                    out.append(f" {f.line} | {shown}")
                    out.append(f" {gutter} | {caret}")
                if f.fix:
                    how = "可自动修复" if f.fix["applicability"] == "safe" else "建议修改（需 --unsafe-fixes）"
                    out.append(f"   = {how}：改为“{visible(f.fix['replacement'])}”" if f.fix["replacement"] else f"   = {how}：删除")
                out.append("")
            yield "\n".join(out) + "\n"
        if quiet:
            yield tally.statistics() + "\n"
        yield tally.summary() + "\n"


class ConciseFormatter(StreamedFormatter):
    name = "concise"
    binary = False

    def render_iter(self, results, ctx):
        tally = Tally()
        quiet = ctx.options.get("statistics")
        for r in results:
            tally.add(r)
            if not quiet and r.findings:
                yield "".join(f"{visible_path(f.path)}:{f.line}:{f.column}: {f.code} [{f.severity}] {visible(f.message)}\n" for f in r.findings)
        if quiet:
            yield tally.statistics() + "\n"
        yield tally.summary() + "\n"
