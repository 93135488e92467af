"""Artifact kinds: a campaign that does not belong to the report year (timeline in rules/data)."""

from __future__ import annotations

from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import compile_pattern, iter_matches
from shuzhi_lint.rules import Param


class _CampaignKind(CheckKind):
    """Mentions of campaigns (timeline in a rules/data file) judged against the report year."""

    data_params = {"timeline": "campaigns"}
    params = {"timeline": Param(str, "时间表数据文件名", default="campaigns")}
    replaces: tuple[str, str] | None = None
    #: whether words like 回顾/以来 near a mention make it a look back, not current work
    looks_back_ok = False

    #: a piece ``years`` names the campaign's years only where the kind declares the pieces
    variants: dict = {}

    def _load(self, ctx: Context):
        """The compiled timeline, kept with the rule set's data store."""

        def build():
            data = ctx.data.get(self.p["timeline"], schema="campaigns")
            items = []
            for c in data.get("campaigns", []):
                pats = [compile_pattern(p, f"{self.p['timeline']}.patterns") for p in c["patterns"]]
                items.append((c, pats))
            retro = compile_pattern(data.get("retrospective", "(?!)"), "retrospective")
            return (items, retro)

        return ctx.data.derived(("campaign-year", self.p["timeline"]), build)

    def applies(self, year: int, campaign: dict) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def check(self, ctx: Context) -> Iterable[Hit]:
        year = ctx.year
        if year is None:
            return
        items, retro = self._load(ctx)
        text = ctx.text
        seen: set[tuple[int, int]] = set()
        for c, pats in items:
            start_year, end_year = c["start"], c["end"]
            if not self.applies(year, c):
                continue
            for pat in pats:
                for m in iter_matches(pat, text, ctx):
                    if any(a < m.end() and m.start() < b for a, b in seen):
                        continue
                    window = text[max(0, m.start() - 12):m.end() + 6]
                    if self.looks_back_ok and retro.search(window):
                        continue
                    seen.add(m.span())
                    years = self.phrase("one-year" if start_year == end_year else "years", start=start_year, end=end_year) if self.variants else ""
                    yield Hit(m.start(), m.end(), vars={"campaign": c["name"], "years": years, "year": year, "start": start_year})


class StaleCampaignKind(_CampaignKind):
    name = "campaign-stale"
    description = "按活动时间表（rules/data 中的数据文件）：报告年度晚于活动结束太久（结束年 + grace），仍当作当年工作来写（疑似套用旧范文）；附近有回顾类用语（retrospective）时不报"
    replaces = ("campaign-year", "stale")
    looks_back_ok = True
    variants = {
        "one-year": "活动只在一年时放进 {years} 的文字；可用 {start}",
        "years": "活动跨几年时放进 {years} 的文字；可用 {start} {end}",
    }

    def applies(self, year: int, campaign: dict) -> bool:
        return year > campaign["end"] + campaign.get("grace", 1)


class EarlyCampaignKind(_CampaignKind):
    name = "campaign-anachronism"
    description = "按活动时间表（rules/data 中的数据文件）：报告年度早于活动开始（开始年 − lead），不可能写到它"
    replaces = ("campaign-year", "anachronism")

    def applies(self, year: int, campaign: dict) -> bool:
        return year < campaign["start"] - campaign.get("lead", 0)
