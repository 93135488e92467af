"""Human output: ``path:line:col: CODE message``, the source line with a caret, and a summary."""

from __future__ import annotations

from collections import Counter

from shuzhi_lint.formatters import StreamedFormatter
from shuzhi_lint.formatters.width import width
from shuzhi_lint.rules import CATEGORY_CN, SEVERITY_CN
from shuzhi_lint.safetext import visible, visible_path

WINDOW = 24  # characters of context either side of a span in long paragraphs


LONG_SPAN = 40  # characters: a longer span shows its start and end and its length
SPAN_END = 12  # characters shown at each end of a long span


def _snippet(line_text: str, col: int, end_col: int) -> tuple[str, str]:
    """The visible part of the line and the caret line under the span. A long span (a copied
    paragraph) shows its first and last characters and, between them, how many were left out."""
    start = col - 1
    end = max(end_col - 1, start + 1)
    left = max(0, start - WINDOW)
    right = min(len(line_text), end + WINDOW)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line_text) else ""
    if end - start > LONG_SPAN:
        head, tail = visible(line_text[start:start + SPAN_END]), visible(line_text[end - SPAN_END:end])
        middle = f" ……（此处共 {end - start} 字，中间省略 {end - start - 2 * SPAN_END} 字）…… "
        before = prefix + visible(line_text[left:start])
        shown = before + head + middle + tail + visible(line_text[end:right]) + suffix
        caret = " " * width(before) + "^" * width(head) + " " * width(middle) + "^" * width(tail)
        return shown.replace("\t", "    "), caret
    # control characters (terminal escape sequences in a report) shown as \x1b, the caret under them
    before, span = visible(line_text[left:start]), visible(line_text[start:end])
    shown = prefix + before + span + visible(line_text[end:right]) + suffix
    pad = width(prefix + before)
    caret = " " * pad + "^" * max(1, width(span or " "))
    return shown.replace("\t", "    "), caret


def position(f) -> str:
    """``path:line:col`` — for a Word file ``path 第 4 段第 50 字`` (a Word user counts paragraphs)."""
    path = visible_path(f.path)
    if f.path.lower().endswith(".docx"):
        return f"{path} 第 {f.line} 段第 {f.column} 字"
    return f"{path}:{f.line}:{f.column}"


class Tally:
    """What the closing summary and ``--statistics`` need, gathered one result at a time.

    It keeps counts, not findings, so a streamed batch of any size renders in flat memory."""

    def __init__(self) -> None:
        self.results = self.checked = self.fixed = self.total = self.unsupported = 0
        self.files_with_findings = self.fixable = self.unsafe = 0
        self.severities: Counter = Counter()
        self.categories: Counter = Counter()
        self.rules: Counter = Counter()  # (code, name) -> findings
        self.fixable_codes: set[str] = set()
        self.worst: list[tuple] = []  # the three files with most errors, then most findings
        # groups of near-identical reports (findings with ``related``: the group's first report)
        # -> [number of reports, the first few names]
        self.groups: dict[str, list] = {}

    def add(self, r) -> None:
        self.results += 1
        self.checked += r.error is None or r.document is not None  # a fix that could not be written was still checked
        self.unsupported += bool(getattr(r, "unsupported", False))
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
                group = self.groups.setdefault(f.related, [0, []])
                group[0] += 1
                if len(group[1]) < 5:
                    group[1].append(f.path)
        # the input index breaks ties, as a stable sort of all results would
        self.worst = sorted([*self.worst, (-errors, -len(findings), self.results, r.path, errors)])[:3]

    def not_checked(self) -> str:
        """"1 个无法读取、2 个格式不支持" for the inputs that were not checked, or ""."""
        unreadable = self.results - self.checked - self.unsupported
        parts = [f"{unreadable} 个无法读取"] if unreadable else []
        if self.unsupported:
            parts.append(f"{self.unsupported} 个格式不支持（未检查）")
        return "、".join(parts)

    def summary(self) -> str:
        fixed_line = f"已自动修复 {self.fixed} 处。\n" if self.fixed else ""
        skipped = self.not_checked()
        if not self.total:
            if skipped:  # never "no problems" when some inputs were not checked at all
                return f"{fixed_line}检查了 {self.checked} 个文件，{skipped}（原因见错误信息），检查不完整。"
            return f"{fixed_line}检查了 {self.checked} 个文件，未发现问题。"
        sev, cat = self.severities, self.categories
        parts = "、".join(f"{SEVERITY_CN[s]} {sev[s]}" for s in ("error", "warning", "info") if sev[s])
        cats = "、".join(f"{CATEGORY_CN.get(c, c)} {n}" for c, n in cat.most_common())
        line = f"{fixed_line}在 {self.files_with_findings} 个文件中发现 {self.total} 个问题（{parts}）；按类别：{cats}。"
        if self.fixable or self.unsafe:
            line += f"\n其中 {self.fixable} 个可用 --fix 自动修复"
            line += f"，另有 {self.unsafe} 个需加 --unsafe-fixes。" if self.unsafe else "。"
        if self.results > 1:
            line += f"\n共检查 {self.checked} 个文件" + (f"，{skipped}" if skipped else "") + "；问题最多的文件："
            line += "、".join(f"{visible(path)}（错误 {errors}，共 {-neg_total}）" for _, neg_total, _, path, errors in self.worst) + "。"
            if self.groups:
                line += f"\n相互雷同的报告（{len(self.groups)} 组）：" + "；".join(
                    "、".join(sorted(visible(x) for x in names)) + (" 等" if n > len(names) else "") + f"（{n} 份）"
                    for n, names in sorted(self.groups.values(), key=lambda g: (-g[0], sorted(g[1])))
                ) + "。"
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
                out.append(f"{position(f)}: {f.code} [{SEVERITY_CN[f.severity]}] {visible(f.message)}")
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
                yield "".join(f"{position(f)}: {f.code} [{SEVERITY_CN[f.severity]}] {visible(f.message)}\n" for f in r.findings)
        if quiet:
            yield tally.statistics() + "\n"
        yield tally.summary() + "\n"
