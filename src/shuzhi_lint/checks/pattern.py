"""``kind: pattern`` — a regular expression over the report text.

Patterns use the ``regex`` module with a per-rule time limit, so a user rule with catastrophic
backtracking fails that rule (reported, exit 2) instead of hanging a pre-commit hook.
"""

from __future__ import annotations

import re as std_re
from typing import Iterable

import regex

from shuzhi_lint import patterncache
from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.rules import Param, ParamError, render_message

DEFAULT_TIMEOUT = 2.0


def compile_pattern(pattern: str, what: str = "pattern"):
    try:
        return patterncache.compile(pattern, regex.V0)
    except regex.error as e:
        raise ParamError(what, f"{what} 不是有效的正则表达式：{e}") from None


render = render_message  # the name kinds and plugins have imported from here


_META = set(".^$*+?{}[]\\()\n \t")  # what makes a prefilter more than words joined by |
#: a prefilter that is one set of characters: literal characters, ranges and \x/\u escapes (no
#: property, no nested set or set operation), which the standard library's engine reads the same way
_CHAR_SET = patterncache.compile_std(r"\[\^?(?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|[^\\\[\]&|~])(?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|-(?!-)|[^-\\\[\]&|~])*\]")

TIMEOUT_CHARS = 1_000_000  # the time limit is per this many characters scanned


def iter_matches(pattern, text: str, ctx: Context, pos: int = 0, endpos: int | None = None):
    """``pattern.finditer`` with the configured time limit, which counts for the whole scan: it
    is granted per million characters scanned (a report has a few tens of thousands), so a long
    legitimate document is scanned in full while a pattern that backtracks catastrophically on
    an ordinary report still stops within the limit."""
    endpos = len(text) if endpos is None else endpos
    timeout = ctx.settings.regex_timeout * max(1.0, (endpos - pos) / TIMEOUT_CHARS)
    return pattern.finditer(text, pos, endpos, timeout=timeout)


def alternation_matches(patterns: list, text: str, ctx: Context):
    """The matches ``a|b|c`` would give (for patterns that never match the empty string, which no
    rule reports anyway), found by scanning each pattern on its own: the leftmost
    match first, at the same start the earlier pattern's, the scan going on after its end. Each
    pattern keeps its own next match while that is still ahead of the scan, so a pattern that
    starts with a rare character is searched a few times per text instead of being tried at every
    position of a joined alternation (which defeats the regex engine's first-character scan)."""
    end = len(text)
    timeout = ctx.settings.regex_timeout * max(1.0, end / TIMEOUT_CHARS)
    ahead: list = [None] * len(patterns)  # each pattern's next match at or after pos (False: none left)
    pos = 0
    while pos <= end:
        best = None
        for k, p in enumerate(patterns):
            m = ahead[k]
            if m is None or (m is not False and m.start() < pos):
                m = ahead[k] = p.search(text, pos, end, timeout=timeout) or False
            if m is not False and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        pos = best.end() if best.end() > best.start() else best.end() + 1


class _Prefilter:
    """A test of the whole text before a pattern runs; plain words (a|b|c) are looked up with ``in``."""

    def __init__(self, source: str):
        words = None if any(c in _META for c in source) else source.split("|")
        # plain words: one scan of the standard library's engine, which looks for their first
        # characters in C (several times faster than a loop of ``in`` tests or the regex module)
        self.words = patterncache.compile_std("|".join(map(std_re.escape, words))) if words else None
        self.pattern = compile_pattern(source, "prefilter")
        # one set of characters: a scan of the standard library's engine too (it tests a set of
        # ranges several times faster than the regex module)
        if self.words is None and _CHAR_SET.fullmatch(source):
            self.words = patterncache.compile_std(source)

    def found(self, ctx: Context) -> bool:
        if self.words is not None:
            return self.words.search(ctx.text) is not None
        return next(iter_matches(self.pattern, ctx.text, ctx), None) is not None


class PatternKind(CheckKind):
    name = "pattern"
    description = "正则表达式匹配：pattern 命中即报告；allow 中的正则若覆盖命中处则不报（用于排除正确用法）"
    params = {
        "pattern": Param(str, "要查找的正则表达式（regex 语法，可用命名分组，在 message/fix 中以 {名称} 引用；与 patterns 二选一）", regex=True),
        "patterns": Param(list, "代替 pattern：几个正则各自扫描，结果与把它们写成一个多选分支（a|b|c）完全相同（最左的命中优先，同一位置取列在前面的，命中之间不重叠）；"
                           "每个都以少见的字开头时比一个大的多选分支快得多（大的多选分支使正则引擎无法先找首字）", regex="each"),
        "allow": Param(list, "例外：这些正则在同一行中匹配到的片段若覆盖命中处，则不报告", default=[], regex="each"),
        "group": Param((str, int), "只把这个分组作为报告的位置（默认整个匹配）", default=0),
        "fix_map": Param(dict, "逐字符替换表：修复文本 = 命中文本按此表逐字替换（如全角数字→半角）", default=None),
        "prefilter": Param(str, "先用这个简单的正则（最好以少见的字开头）检查全文，找不到就不运行 pattern（pattern 以常见字开头、逐字尝试时省时间）；"
                           "只由词和 | 组成时用字符串查找", default=None, regex=True),
        "prefilters": Param(list, "与 patterns 一样长的列表：各自对应的预查正则（null 表示不预查）", default=None),
        "per_line": Param(bool, "同一段（行）中的多处命中合并为一条：位置从第一处到最后一处，message 中可用 {count}（处数）和 {examples}（前几处）", default=False),
    }

    def __init__(self, rule):
        super().__init__(rule)
        if (self.p["pattern"] is None) == (self.p["patterns"] is None):
            raise ParamError("pattern", "pattern 和 patterns 必须有且只有一个")
        patterns = [self.p["pattern"]] if self.p["patterns"] is None else self.p["patterns"]
        if not patterns or not all(isinstance(x, str) for x in patterns):
            raise ParamError("patterns", "patterns 必须是正则表达式的列表")
        self.patterns = [compile_pattern(x) for x in patterns]
        self.pattern = self.patterns[0]
        self.prefilter = _Prefilter(self.p["prefilter"]) if self.p["prefilter"] else None
        self.pattern_prefilters = [None] * len(self.patterns)
        prefilters = self.p["prefilters"]
        if prefilters is not None:
            if self.p["patterns"] is None or len(prefilters) != len(self.patterns) or not all(x is None or isinstance(x, str) for x in prefilters):
                raise ParamError("prefilters", "prefilters 必须与 patterns 列表一样长，每项为正则表达式或 null")
            self.pattern_prefilters = [_Prefilter(x) if x else None for x in prefilters]
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
        replacement = rule.fix["replacement"] if rule.fix else None
        if isinstance(replacement, dict):
            unknown = [g for g in replacement if not all(g in p.groupindex for p in self.patterns)]
            if unknown:
                raise ValueError(f"fix.replacement 的键 {'、'.join(unknown)} 不是 pattern 中的命名分组")
        self.replacement = replacement

    def check(self, ctx: Context) -> Iterable[Hit]:
        if self.prefilter is not None and not self.prefilter.found(ctx):
            return
        if len(self.patterns) == 1 and self.pattern_prefilters[0] is not None and not self.pattern_prefilters[0].found(ctx):
            return
        if self.p["per_line"]:
            yield from self._per_line(ctx)
            return
        yield from self._hits(ctx)

    def _per_line(self, ctx: Context) -> Iterable[Hit]:
        """One hit per paragraph spanning its first to last match; the fix applies every match's fix."""
        text = ctx.text
        groups: list[list[Hit]] = []
        for hit in self._hits(ctx):
            if groups and "\n" not in text[groups[-1][-1].end:hit.start]:
                groups[-1].append(hit)
            else:
                groups.append([hit])
        for hits in groups:
            first, last = hits[0], hits[-1]
            seen: list[str] = []
            for h in hits:
                if h.vars["match"] not in seen:
                    seen.append(h.vars["match"])
            values = dict(first.vars, count=len(hits), examples="”“".join(seen[:3]))
            merged = Hit(first.start, last.end, vars=values)
            if first.replacement is not None:
                parts, at = [], first.start
                for h in hits:
                    parts.append(text[at:h.start])
                    parts.append(h.replacement if h.replacement is not None else text[h.start:h.end])
                    at = h.end
                merged.replacement = "".join(parts)
            yield merged

    def _hits(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        group = self.p["group"]
        if len(self.patterns) == 1:
            matches = iter_matches(self.pattern, text, ctx)
        else:
            scanned = [p for p, f in zip(self.patterns, self.pattern_prefilters) if f is None or f.found(ctx)]
            matches = alternation_matches(scanned, text, ctx)
        for m in matches:
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
            elif self.replacement is not None and (template := self._template(m)) is not None:
                hit.replacement = render(template, values)
            yield hit

    def _template(self, m) -> str | None:
        """The fix template; of a mapping, the one of the first named group that took part in the match."""
        if isinstance(self.replacement, str):
            return self.replacement
        return next((t for g, t in self.replacement.items() if m.group(g) is not None), None)

    def _allowed(self, ctx: Context, start: int, end: int) -> bool:
        text = ctx.text
        line_start, line_end = ctx.line_bounds(start, end)
        for a in self.allow:
            for m in iter_matches(a, text, ctx, max(line_start, start - 40), min(line_end, end + 40)):
                if m.start() <= start and m.end() >= end:
                    return True
        return False
