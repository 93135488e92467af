"""``kind: slot`` — unfilled template slots, classified by what the text needs there.

The grammar is data (``rules/data/slots.yaml``): one regex finds candidate slots (mask runs
such as ``XX``, ``20XX``, ``1xx``, underscores, ``某某``, empty brackets), and an ordered list of
contexts — a regex on the text before the slot, on the text after it, and on the slot itself —
gives each candidate one type (number, year, date, session, name, person, content) or rules it
out (``X光``, ``1+X``). The classification is done once per document and shared by every rule
of this kind; each rule reports the types it names, so a slot is reported once.
"""

from __future__ import annotations

from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import compile_pattern, iter_matches
from shuzhi_lint.errors import RuleError
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.patterncache import compile_std

SPACES = " \t\u3000"
BEFORE, AFTER = 16, 24  # characters of context looked at on each side of a slot, within its line
PLACED_SIZE = 20000  # slot places (line, offsets) whose type a grammar remembers
_LOOK = compile_std(r"\(\?<?[=!][^)]*\)")


class Grammar:
    def __init__(self, name: str, data: dict):
        def fail(msg):
            raise RuleError(f"rules/data/{name}.yaml", None, msg)

        if not isinstance(data, dict) or not isinstance(data.get("slot"), str) or not isinstance(data.get("contexts"), list):
            fail("应包含 slot（正则）和 contexts（列表）")
        lists = data.get("lists") or {}
        # longest words first, measured without their lookarounds (人次 before 人(?!民))
        macros = {k: "|".join(sorted(map(str, v), key=lambda w: len(_LOOK.sub("", w)), reverse=True)) for k, v in lists.items()}

        def expand(p: str) -> str:
            for k, v in macros.items():
                p = p.replace("{" + k + "}", v)
            return p

        self._placed: dict[tuple[str, int, int, bool], tuple[str | None, int]] = {}  # see _find
        self.types = data.get("types") or {}
        self.slot = compile_pattern(expand(data["slot"]).replace("\n", ""), f"{name}.slot")
        self.skip = [compile_pattern(expand(s), f"{name}.skip") for s in data.get("skip") or []]
        self.contexts = []
        for i, c in enumerate(data["contexts"]):
            if not isinstance(c, dict) or "type" not in c or not set(c) <= {"type", "before", "after", "slot", "span_after"}:
                fail(f"contexts 第 {i + 1} 项应为 {{type, before?, after?, slot?, span_after?}}")
            if c["type"] != "none" and c["type"] not in self.types:
                fail(f"contexts 第 {i + 1} 项的类型 {c['type']} 未在 types 中定义")
            where = f"{name}.contexts[{i + 1}]"
            self.contexts.append((
                c["type"],
                compile_pattern("(?:" + expand(c["before"]) + ")$", where) if c.get("before") else None,
                compile_pattern("^(?:" + expand(c["after"]) + ")", where) if c.get("after") else None,
                compile_pattern("(?:" + expand(c["slot"]) + r")\Z", where) if c.get("slot") else None,
                bool(c.get("span_after")),
            ))

    def classify(self, slot: str, before: str, after: str) -> tuple[str | None, int]:
        """The slot's type (None: not a slot) and how many characters of ``after`` the finding
        should cover too (the unit after a number: x次, XX余名)."""
        for type_, b, a, s, span_after in self.contexts:
            if s is not None and not s.match(slot):
                continue
            if b is not None and not b.search(before):
                continue
            m = None
            if a is not None:
                m = a.match(after)
                if m is None:
                    continue
            return (None if type_ == "none" else type_), (m.end() if span_after and m is not None else 0)
        return None, 0

    def slots(self, ctx: Context) -> list[tuple[int, int, int, str]]:
        key = "slots:" + str(id(self))
        if key not in ctx.cache:
            ctx.cache[key] = list(self._find(ctx))
        return ctx.cache[key]

    def _find(self, ctx: Context):
        text = ctx.text
        memo = self._placed
        for m in iter_matches(self.slot, text, ctx):
            start, end = m.span()
            if start == end:
                continue
            ls, le = ctx.line_bounds(start, end)
            # the skip patterns and the contexts only look inside the slot's line(s), and reports
            # share wording: a slot at the same place of a line seen before gets the same answer
            key = (text[ls:le], start - ls, end - ls, ls == 0)
            found = memo.get(key)
            if found is None:
                found = self._place(ctx, start, end, ls, le)
                if len(memo) >= PLACED_SIZE:
                    memo.clear()
                memo[key] = found
            type_, span = found
            if type_ is not None:
                yield start, end, end + span, type_

    def _place(self, ctx: Context, start: int, end: int, ls: int, le: int) -> tuple[str | None, int]:
        """The type of the candidate at ``start``..``end`` (None: not a slot) and how far past
        its end the finding reaches."""
        text = ctx.text
        if self.skip and self._skipped(ctx, start, end, ls, le):
            return None, 0
        before = text[max(ls, start - BEFORE):start].rstrip(SPACES)
        window = text[end:min(le, end + AFTER)]
        after = window.lstrip(SPACES)
        type_, extra = self.classify(text[start:end], before, after)
        return type_, (len(window) - len(after) + extra) if extra else 0

    def _skipped(self, ctx, start, end, ls, le) -> bool:
        for s in self.skip:
            for m in iter_matches(s, ctx.text, ctx, max(ls, start - 60), min(le, end + 60)):
                if m.start() <= start and m.end() >= end:
                    return True
        return False


class SlotKind(CheckKind):
    name = "slot"
    description = "未填写的模板空位：按 rules/data 中的语法（grammar）找出空位并按上下文判断缺的是什么（数字、年份、名称……），只报告 types 中的类型"
    data_params = {"grammar": "slots"}
    params = {
        "grammar": Param(str, "rules/data 中的空位语法文件名（不含 .yaml）", default="slots"),
        "types": Param(list, "本规则报告的空位类型（语法 types 中的名称，如 number、year、name）", required=True),
    }
    #: the rule's ``message`` names the slot alone ({slot} {what} {hint})
    variants = {"within": "空位在一段更长的文字中时（{match} 是那段文字，{slot} 是空位）；可用 {what} {hint}"}

    def __init__(self, rule):
        super().__init__(rule)
        if not self.p["types"] or not all(isinstance(t, str) for t in self.p["types"]):
            raise ParamError("types", "types 必须是非空的类型名列表")
        self.wanted = set(self.p["types"])
        self._checked: Grammar | None = None  # the grammar whose types were checked against ``types``

    def grammar(self, ctx: Context) -> Grammar:
        name = self.p["grammar"]
        # built once per data store (no file look-up per document); each rule checks its types once
        g = ctx.data.derived(("slots.grammar", name), lambda: Grammar(name, ctx.data.get(name, schema="slots")))
        if self._checked is not g:
            unknown = self.wanted - set(g.types)
            if unknown:
                raise ParamError("types", f"未知的空位类型：{', '.join(sorted(unknown))}")
            self._checked = g
        return g

    def check(self, ctx: Context) -> Iterable[Hit]:
        g = self.grammar(ctx)
        text = ctx.text
        for start, end, span_end, type_ in g.slots(ctx):
            if type_ in self.wanted:
                t = g.types[type_]
                slot = text[start:end]
                # a slot inside a longer span (“XX年度”) names both; the rule's message names the slot alone
                variant = "within" if span_end > end else None
                yield Hit(start, span_end, variant=variant, vars={"what": t.get("what", type_), "hint": t.get("hint", ""), "slot": slot})
