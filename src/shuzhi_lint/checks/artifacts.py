"""Artifact kinds: a campaign that does not belong to the report year (timeline in rules/data)."""

from __future__ import annotations

from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import compile_pattern, iter_matches
from shuzhi_lint.rules import Param, ParamError


class CampaignYearKind(CheckKind):
    name = "campaign-year"
    description = "按活动时间表（rules/data 中的数据文件）检查：报告年度早于活动开始（不可能）或晚于活动结束太久（疑似套用旧范文）"
    params = {
        "timeline": Param(str, "时间表数据文件名", default="campaigns"),
        "check": Param(str, "stale（过时）或 anachronism（早于开始）", required=True),
    }

    def __init__(self, rule):
        super().__init__(rule)
        if self.p["check"] not in ("stale", "anachronism"):
            raise ParamError("check", "check 只能是 stale 或 anachronism")

    def _load(self, ctx: Context):
        """The compiled timeline, kept with the rule set's data store."""

        def build():
            data = ctx.data.get(self.p["timeline"])
            items = []
            for c in data.get("campaigns", []):
                pats = [compile_pattern(p, f"{self.p['timeline']}.patterns") for p in c["patterns"]]
                items.append((c, pats))
            retro = compile_pattern(data.get("retrospective", "(?!)"), "retrospective")
            return (items, retro)

        return ctx.data.derived(("campaign-year", self.p["timeline"]), build)

    def check(self, ctx: Context) -> Iterable[Hit]:
        year = ctx.year
        if year is None:
            return
        items, retro = self._load(ctx)
        text = ctx.text
        seen: set[tuple[int, int]] = set()
        for c, pats in items:
            start_year, end_year = c["start"], c["end"]
            stale = year > end_year + c.get("grace", 1)
            early = year < start_year - c.get("lead", 0)
            if not (stale if self.p["check"] == "stale" else early):
                continue
            for pat in pats:
                for m in iter_matches(pat, text, ctx):
                    if any(a < m.end() and m.start() < b for a, b in seen):
                        continue
                    window = text[max(0, m.start() - 12):m.end() + 6]
                    if self.p["check"] == "stale" and retro.search(window):
                        continue
                    seen.add(m.span())
                    years = f"{start_year}年" if start_year == end_year else f"{start_year}—{end_year}年"
                    yield Hit(m.start(), m.end(), vars={"campaign": c["name"], "years": years, "year": year, "start": start_year})
