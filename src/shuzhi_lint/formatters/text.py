"""Human output: ``path:line:col: CODE message``, the source line with a caret, and a summary."""

from __future__ import annotations

from collections import Counter

from shuzhi_lint.formatters.width import width
from shuzhi_lint.rules import CATEGORY_CN, SEVERITY_CN

WINDOW = 24  # characters of context either side of a span in long paragraphs


def _snippet(line_text: str, col: int, end_col: int) -> tuple[str, str]:
    """The visible part of the line and the caret line under the span."""
    start = col - 1
    end = max(end_col - 1, start + 1)
    left = max(0, start - WINDOW)
    right = min(len(line_text), end + WINDOW)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line_text) else ""
    shown = prefix + line_text[left:right] + suffix
    pad = width(prefix + line_text[left:start])
    span = line_text[start:end] or " "
    caret = " " * pad + "^" * max(1, width(span))
    return shown.replace("\t", "    "), caret


def summary(results) -> str:
    findings = [f for r in results for f in r.findings]
    fixed = sum(r.fixed for r in results)
    fixed_line = f"已自动修复 {fixed} 处。\n" if fixed else ""
    if not findings:
        checked = sum(1 for r in results if r.error is None)
        return f"{fixed_line}检查了 {checked} 个文件，未发现问题。"
    sev = Counter(f.severity for f in findings)
    cat = Counter(f.category for f in findings)
    fixable = sum(1 for f in findings if f.fix and f.fix["applicability"] == "safe")
    unsafe = sum(1 for f in findings if f.fix and f.fix["applicability"] == "unsafe")
    parts = "、".join(f"{SEVERITY_CN[s]} {sev[s]}" for s in ("error", "warning", "info") if sev[s])
    cats = "、".join(f"{CATEGORY_CN.get(c, c)} {n}" for c, n in cat.most_common())
    files = len({f.path for f in findings})
    line = f"{fixed_line}在 {files} 个文件中发现 {len(findings)} 个问题（{parts}）；按类别：{cats}。"
    if fixable or unsafe:
        line += f"\n其中 {fixable} 个可用 --fix 自动修复"
        line += f"，另有 {unsafe} 个需加 --unsafe-fixes。" if unsafe else "。"
    if len(results) > 1:
        checked = sum(1 for r in results if r.error is None)
        failed = len(results) - checked
        worst = sorted((r for r in results if r.findings), key=lambda r: (-sum(f.severity == "error" for f in r.findings), -len(r.findings)))[:3]
        line += f"\n共检查 {checked} 个文件" + (f"，{failed} 个无法读取" if failed else "") + "；问题最多的文件："
        line += "、".join(f"{r.path}（错误 {sum(f.severity == 'error' for f in r.findings)}，共 {len(r.findings)}）" for r in worst) + "。"
        pairs = sorted({tuple(sorted((f.path, f.related))) for r in results for f in r.findings if f.related})
        if pairs:
            line += "\n相互雷同的报告：" + "；".join(f"{a} ↔ {b}" for a, b in pairs) + "。"
    return line


def statistics(results) -> str:
    counts = Counter((f.code, f.name) for r in results for f in r.findings)
    fixable = Counter(f.code for r in results for f in r.findings if f.fix)
    rows = [f"{n:5d}\t{code}\t{name}" + ("\t[*]" if fixable[code] else "") for (code, name), n in counts.most_common()]
    return "\n".join(rows) + ("\n[*] 可自动修复" if fixable else "")


class TextFormatter:
    name = "text"
    binary = False

    def render(self, results, ctx) -> str:
        out = []
        for r in results:
            doc = r.document
            for f in r.findings:
                out.append(f"{f.path}:{f.line}:{f.column}: {f.code} [{SEVERITY_CN[f.severity]}] {f.message}")
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
                    out.append(f"   = {how}：改为“{f.fix['replacement']}”" if f.fix["replacement"] else f"   = {how}：删除")
                out.append("")
        if ctx.options.get("statistics"):
            out = [statistics(results)]
        out.append(summary(results))
        return "\n".join(out) + "\n"


class ConciseFormatter:
    name = "concise"
    binary = False

    def render(self, results, ctx) -> str:
        lines = [
            f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}" for r in results for f in r.findings
        ]
        if ctx.options.get("statistics"):
            lines = [statistics(results)]
        lines.append(summary(results))
        return "\n".join(lines) + "\n"
