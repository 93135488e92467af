"""Figure kinds that weigh a number against the numbers around it.

- ``spliced-year``: a count with a recent year inside its digits (农村党员2023670名, 占2023.12%)
  that its paragraph shows to be impossible — more members per branch than any branch has, more
  than the total stated before it, a share over 100%. Web pages splice the year of the page into
  figures this way.
(A share that does not follow from its total and part is ``stated-share``, checks/shares.py.)
"""

from __future__ import annotations

from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import compile_pattern
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.patterncache import compile_std


#: a number of four digits or more, not part of a longer figure: ``(?<![\d.．])\d{4,}…`` with the
#: first digit before the look-behind, so that the engine looks for a digit before trying a match
_LONG = compile_std(r"\d(?<![\d.．]\d)\d{3,}(?:\.\d+)?")


def _paragraphs(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


class SplicedYearKind(CheckKind):
    name = "spliced-year"
    description = "数字中嵌有近年的年份且与同段的数字不合（每个支部几千名党员、部分多于总数、占比超过100%）：疑似网站把年份拼进了数字"
    params = {
        "count": Param(str, "人数的正则，须有命名分组 num（和 unit）", required=True),
        "percent": Param(str, "百分数的正则，须有命名分组 num", required=True),
        "year": Param(str, "数字中的年份片段", default=r"20[0-3]\d"),
        "orgs": Param(str, "同段中党组织个数的正则，须有命名分组 num", required=True),
        "total": Param(str, "同段中此前写出的总人数的正则，须有命名分组 num", required=True),
        "member": Param(str, "人数前（8 字内）须有的词，才与总人数比较（党员）", default="党员"),
        "max_per_org": Param(int, "每个党组织最多多少人才算合理", default=300),
        "small_scope": Param(str, "人数所在分句中表示小单位（村、社区、支部、学校……）的正则；空串不检查", default=""),
        "large_scope": Param(str, "同一分句中出现则不按小单位看待的正则（县、镇、集团……）", default=""),
        "small_scope_max": Param(int, "小单位的人数上限", default=10000),
        "caps": Param(list, "按范围的上限：[{scope: 本句中最近的范围词（正则）, noun: 数字前的名词（正则）, unit: 单位（正则）, max: 上限, name: 范围名称}]；"
                            "数字所在句中离它最近的范围词决定用哪一条", default=[]),
        "share": Param(str, "数字后的比例（正则，须有命名分组 pct）：同段各数按比例推出的总数相差太大时报告；空串不比较", default=""),
        "share_ratio": Param((int, float), "推出的总数是同段其他数字推出的总数的多少倍以上才报告", default=5),
        "unit_names": Param(dict, "小单位的简称在提示中的全称（院: 医院）", default={}),
        "subset": Param(str, "人数所在分句中表示“其中”的正则：人数比同句前一个人数还多时报告；空串不比较", default=""),
        "population": Param(str, "同段中人口数的正则（须有命名分组 num，可有分组 wan 表示“万”）：党员比人口还多时报告；空串不比较", default=""),
    }
    #: pieces that fill the message's {reason}, one per way the spliced number fails
    variants = {
        "percent": "百分数超过 100% 且整数部分是年份时",
        "per-org": "人数分到同段的党组织，每个多得不合常理时；可用 {orgs}（最多的党组织个数）{each}（每个约多少人）",
        "small-unit": "小单位（村、社区、学校……）的人数超过上限时；可用 {unit}（单位）{num}（人数）",
        "over-total": "比同段前面写的总数还多时；可用 {total}",
        "more-orgs": "党组织比同段写的党员还多时；可用 {members}（党员数）",
        "cap": "超出一个乡镇或一个县可能有的数时；可用 {scope}（范围）{noun}（名词）{num}{unit}",
        "share-total": "按比例推出的总数是同段其他数字推出的几倍时；可用 {mine} {others}",
        "over-population": "党员比同段写的人口还多时；可用 {population}（人口数）",
    }

    def __init__(self, rule):
        super().__init__(rule)
        self.count = compile_pattern(self.p["count"], "count")
        self.percent = compile_pattern(self.p["percent"], "percent")
        self.year = compile_pattern(self.p["year"], "year")
        self.orgs = compile_pattern(self.p["orgs"], "orgs")
        self.total = compile_pattern(self.p["total"], "total")
        self.member = compile_pattern(self.p["member"], "member")
        self.small = compile_pattern(self.p["small_scope"], "small_scope") if self.p["small_scope"] else None
        self.large = compile_pattern(self.p["large_scope"], "large_scope") if self.p["large_scope"] else None
        for name, pat in (("count", self.count), ("percent", self.percent), ("orgs", self.orgs), ("total", self.total)):
            if "num" not in pat.groupindex:
                raise ParamError(name, f"{name} 必须有命名分组 (?P<num>…)")
        self.caps = []
        for i, cap in enumerate(self.p["caps"], 1):
            if not isinstance(cap, dict) or not {"scope", "noun", "unit", "max", "name"} <= set(cap) or not isinstance(cap["max"], int):
                raise ParamError("caps", f"caps 第 {i} 项须有 scope、noun、unit、max（整数）、name")
            self.caps.append((compile_pattern(cap["scope"], "caps"), compile_pattern(cap["noun"] + "$", "caps"),
                              compile_pattern(cap["unit"], "caps"), cap["max"], str(cap["name"])))
        self.scopes = compile_pattern("|".join(f"(?:{c['scope']})" for c in self.p["caps"]), "caps") if self.caps else None
        self.share = compile_pattern(self.p["share"], "share") if self.p["share"] else None
        self.subset = compile_pattern(self.p["subset"], "subset") if self.p["subset"] else None
        self.population = compile_pattern(self.p["population"], "population") if self.p["population"] else None
        if self.population is not None and "num" not in self.population.groupindex:
            raise ParamError("population", "population 必须有命名分组 (?P<num>…)")
        self.count_any = compile_pattern(r"(?<![\d.．])(?P<num>\d+)(?:名|人(?!次))", "count")
        if self.share is not None and "pct" not in self.share.groupindex:
            raise ParamError("share", "share 必须有命名分组 (?P<pct>…)")

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        # only a number of 5+ digits (or a percentage of 4+) with a year in it can be a spliced one
        if not any(len(m.group(0)) >= 5 or "." in m.group(0) for m in _LONG.finditer(text) if self.year.search(m.group(0))):
            return
        for start, line in _paragraphs(text):
            if not any(self.year.search(m.group(0)) for m in _LONG.finditer(line)):
                continue
            hits = []
            for m in self.percent.finditer(line):
                y = self.year.search(m.group("num"))
                if y and float(m.group("num")) > 100:
                    hits.append((m.start(), m.end(), y.group(0), self.phrase("percent")))
            org_matches = list(self.orgs.finditer(line))
            orgs = [int(m.group("num")) for m in org_matches if not self.year.search(m.group("num"))]
            org_max = max(orgs, default=0)
            totals = [(m.start(), int(m.group("num"))) for m in self.total.finditer(line) if not self.year.search(m.group("num"))]
            implied = self._implied_totals(line)
            for m in org_matches:
                # more organisations than members (党支部12023个……党员3120名)
                y = self.year.search(m.group("num"))
                num = int(m.group("num"))
                members = [t for _, t in totals]
                if y and len(m.group("num")) >= 5 and members and num > max(members):
                    hits.append((m.start("num"), m.end(), y.group(0), self.phrase("more-orgs", members=max(members))))
                elif y and len(m.group("num")) >= 5:
                    reason = self._capped(line, m.start("num"), m.end(), num, "个")
                    if reason:
                        hits.append((m.start("num"), m.end(), y.group(0), reason))
            for m in self.count.finditer(line):
                y = self.year.search(m.group("num"))
                if not y:
                    continue
                num = int(m.group("num"))
                reason = None
                clause = line[:m.start()]
                clause = clause[max(clause.rfind(c) for c in "。；！？，,") + 1:]
                small = self.small.search(clause) if self.small is not None else None
                if org_max and num / org_max > self.p["max_per_org"]:
                    reason = self.phrase("per-org", orgs=org_max, each=num // org_max)
                elif small and num > self.p["small_scope_max"] and not (self.large is not None and self.large.search(clause)):
                    unit = small.group(0).lstrip("全本该")
                    reason = self.phrase("small-unit", unit=self.p["unit_names"].get(unit, unit), num=num)
                else:
                    earlier = [t for pos, t in totals if pos < m.start()]
                    if earlier and num > earlier[0] and self.member.search(line[max(0, m.start() - 8):m.start()]):
                        reason = self.phrase("over-total", total=earlier[0])
                if reason is None and self.subset is not None and self.subset.search(clause):
                    # 其中……: a part of the count the sentence gives just before it (教职工86人，其中党员202436名)
                    sentence = line[:m.start()]
                    sentence_start = max(sentence.rfind(c) for c in "。；！？") + 1
                    clause_start = m.start() - len(clause)
                    before = [int(c.group("num")) for c in self.count_any.finditer(line, sentence_start, clause_start)]
                    if before and num > before[-1]:
                        reason = self.phrase("over-total", total=before[-1])
                if reason is None and self.population is not None and self.member.search(line[max(0, m.start() - 8):m.start()]):
                    people = self._population(line)
                    if people and num > max(people):
                        reason = self.phrase("over-population", population=max(people))
                if reason is None:
                    reason = self._capped(line, m.start(), m.end(), num, m.group("unit") if "unit" in m.groupdict() else "")
                if reason is None and m.start() in implied:
                    mine, others = implied[m.start()], [t for k, t in implied.items() if k != m.start() and t > 0]
                    if others and mine > self.p["share_ratio"] * max(others):
                        reason = self.phrase("share-total", mine=round(mine), others=round(max(others)))
                if reason:
                    hits.append((m.start(), m.end(), y.group(0), reason))
            seen = set()
            for a, b, year, reason in hits:
                if (a, b) not in seen:
                    seen.add((a, b))
                    yield Hit(start + a, start + b, vars={"year": year, "reason": reason})

    def _population(self, line: str) -> list[int]:
        """The numbers of people the paragraph states (居民1.2万人, 总人口3560人)."""
        out = []
        for m in self.population.finditer(line):
            try:
                value = float(m.group("num"))
            except ValueError:
                continue
            if "wan" in m.groupdict() and m.group("wan"):
                value *= 10000
            out.append(int(value))
        return out

    def _capped(self, line: str, start: int, end: int, num: int, unit: str) -> str | None:
        """A reason when the count exceeds what the scope its sentence names can hold (全县……党员2023670名)."""
        if self.scopes is None:
            return None
        sentence = line[:start]
        sentence = sentence[max(sentence.rfind(c) for c in "。；！？") + 1:]
        found = list(self.scopes.finditer(sentence))
        if not found:
            return None
        scope = found[-1]  # the nearest one before the count
        if scope is None:
            return None
        noun_text = line[max(0, start - 10):start]
        # the measure word follows the digits: the count's unit is what the count pattern matched
        unit = unit or line[end - 1:end]
        for scope_rx, noun_rx, unit_rx, cap, name in self.caps:
            if scope_rx.fullmatch(scope.group()) and noun_rx.search(noun_text) and unit_rx.fullmatch(unit):
                return self.phrase("cap", scope=name, noun=noun_rx.search(noun_text).group(), num=num, unit=unit) if num > cap else None
        return None

    def _implied_totals(self, line: str) -> dict[int, float]:
        """For each count followed by its share (8004名，占42.02%): the total it implies, by its start."""
        out: dict[int, float] = {}
        if self.share is None or ("%" not in line and "％" not in line):
            return out
        for m in self.count_any.finditer(line):
            sh = self.share.match(line, m.end())
            if sh is None:
                continue
            pct = float(sh.group("pct"))
            if 0 < pct <= 100:
                out[m.start()] = int(m.group("num")) * 100 / pct
        return out
