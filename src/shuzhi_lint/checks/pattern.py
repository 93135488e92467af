"""``kind: pattern`` — a regular expression over the report text.

Patterns use the ``regex`` module with a per-rule time limit, so a user rule with catastrophic
backtracking fails that rule (reported, exit 2) instead of hanging a pre-commit hook.
"""

from __future__ import annotations

from typing import Iterable

import regex

from shuzhi_lint import patterncache
from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.rules import Param, ParamError

DEFAULT_TIMEOUT = 2.0


def compile_pattern(pattern: str, what: str = "pattern"):
    try:
        return patterncache.compile(pattern, regex.V0)
    except regex.error as e:
        raise ParamError(what, f"{what} 不是有效的正则表达式：{e}") from None


class _Vars(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render(template: str, values: dict) -> str:
    return template.format_map(_Vars(values))


TIMEOUT_CHARS = 1_000_000  # the time limit is per this many characters scanned


def iter_matches(pattern, text: str, ctx: Context, pos: int = 0, endpos: int | None = None):
    """``pattern.finditer`` with the configured time limit, which counts for the whole scan: it
    is granted per million characters scanned (a report has a few tens of thousands), so a long
    legitimate document is scanned in full while a pattern that backtracks catastrophically on
    an ordinary report still stops within the limit."""
    endpos = len(text) if endpos is None else endpos
    timeout = ctx.settings.get("regex_timeout", DEFAULT_TIMEOUT) * max(1.0, (endpos - pos) / TIMEOUT_CHARS)
    return pattern.finditer(text, pos, endpos, timeout=timeout)


class PatternKind(CheckKind):
    name = "pattern"
    description = "正则表达式匹配：pattern 命中即报告；allow 中的正则若覆盖命中处则不报（用于排除正确用法）"
    params = {
        "pattern": Param(str, "要查找的正则表达式（regex 语法，可用命名分组，在 message/fix 中以 {名称} 引用）", required=True),
        "allow": Param(list, "例外：这些正则在同一行中匹配到的片段若覆盖命中处，则不报告", default=[]),
        "group": Param((str, int), "只把这个分组作为报告的位置（默认整个匹配）", default=0),
        "fix_map": Param(dict, "逐字符替换表：修复文本 = 命中文本按此表逐字替换（如全角数字→半角）", default=None),
    }

    def __init__(self, rule):
        super().__init__(rule)
        self.pattern = compile_pattern(self.p["pattern"])
        if not all(isinstance(a, str) for a in self.p["allow"]):
            raise ParamError("allow", "allow 必须是正则表达式字符串的列表")
        self.allow = [compile_pattern(a, "allow") for a in self.p["allow"]]
        fix_map = self.p["fix_map"] or {}
        if not all(isinstance(k, str) and len(k) == 1 and isinstance(v, str) for k, v in fix_map.items()):
            raise ParamError("fix_map", "fix_map 的键必须是单个字符，值必须是字符串")
        self.table = str.maketrans(dict(fix_map)) if fix_map else None
        self.fixes = bool(fix_map) or bool(rule.fix)
        group = self.p["group"]
        if group and group not in self.pattern.groupindex and not (isinstance(group, int) and group <= self.pattern.groups):
            raise ValueError(f"group {group!r} 不是 pattern 中的分组")

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        group = self.p["group"]
        for m in iter_matches(self.pattern, text, ctx):
            start, end = m.span(group)
            if start < 0 or start == end or "\n" in text[start:end]:
                continue
            if self.allow and self._allowed(ctx, start, end):
                continue
            values = {k: (v or "") for k, v in m.groupdict().items()}
            values["match"] = text[start:end]
            hit = Hit(start, end, vars=values)
            if self.p["fix_map"]:
                hit.replacement = values["match"].translate(self.table)
            elif self.rule.fix:
                hit.replacement = render(self.rule.fix["replacement"], values)
            yield hit

    def _allowed(self, ctx: Context, start: int, end: int) -> bool:
        text = ctx.text
        line_start, line_end = ctx.line_bounds(start, end)
        for a in self.allow:
            for m in iter_matches(a, text, ctx, max(line_start, start - 40), min(line_end, end + 40)):
                if m.start() <= start and m.end() >= end:
                    return True
        return False
