"""Figure kinds that weigh a number against the numbers around it.

- ``spliced-year``: a count with a recent year inside its digits (农村党员2023670名, 占2023.12%)
  that its paragraph shows to be impossible — more members per branch than any branch has, more
  than the total stated before it, a share over 100%. Web pages splice the year of the page into
  figures this way.
- ``share-of-total``: a total, a part and the part's percentage in one sentence that disagree
  (共有党员200名，其中女党员50名，占30%).
"""

from __future__ import annotations

from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import compile_pattern, iter_matches
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.patterncache import compile_std


_LONG = compile_std(r"(?<![\d.．])\d{4,}(?:\.\d+)?")


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
        "unit_names": Param(dict, "小单位的简称在提示中的全称（院: 医院）", default={}),
    }
    #: pieces that fill the message's {reason}, one per way the spliced number fails
    variants = {
        "percent": "百分数超过 100% 且整数部分是年份时",
        "per-org": "人数分到同段的党组织，每个多得不合常理时；可用 {orgs}（最多的党组织个数）{each}（每个约多少人）",
        "small-unit": "小单位（村、社区、学校……）的人数超过上限时；可用 {unit}（单位）{num}（人数）",
        "over-total": "比同段前面写的总数还多时；可用 {total}",
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
            orgs = [int(m.group("num")) for m in self.orgs.finditer(line)]
            org_max = max(orgs, default=0)
            totals = [(m.start(), int(m.group("num"))) for m in self.total.finditer(line) if not self.year.search(m.group("num"))]
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
                if reason:
                    hits.append((m.start(), m.end(), y.group(0), reason))
            for a, b, year, reason in hits:
                yield Hit(start + a, start + b, vars={"year": year, "reason": reason})


class ShareOfTotalKind(CheckKind):
    name = "share-of-total"
    description = "同一句（或“其中”开头的下一句）中写了总数、部分和部分所占百分比，三者对不上"
    params = {
        "part": Param(str, "部分及其百分比的正则，须有命名分组 num、unit、pct", required=True),
        "total": Param(str, "总数的正则，须有命名分组 num、unit", required=True),
        "units": Param(dict, "单位归类：同类单位才相互比较（如 名、人 → 人）", default={}),
        "tolerance": Param((int, float), "允许的偏差（百分点）", default=2),
    }

    def __init__(self, rule):
        super().__init__(rule)
        self.part = compile_pattern(self.p["part"], "part")
        self.total = compile_pattern(self.p["total"], "total")
        for name, pat, groups in (("part", self.part, ("num", "unit", "pct")), ("total", self.total, ("num", "unit"))):
            missing = [g for g in groups if g not in pat.groupindex]
            if missing:
                raise ParamError(name, f"{name} 必须有命名分组 {', '.join(missing)}")

    def _family(self, unit: str) -> str:
        return self.p["units"].get(unit, unit)

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        if "%" not in text and "％" not in text:
            return
        for m in iter_matches(self.part, text, ctx):
            ls, _ = ctx.line_bounds(m.start(), m.end())
            head = text[ls:m.start()]
            cut = max(head.rfind(c) for c in "。！？；") + 1
            sentence = head[cut:]
            if sentence.lstrip("　 ").startswith("其中") and cut:
                prev_cut = max(head.rfind(c, 0, cut - 1) for c in "。！？；") + 1
                sentence = head[prev_cut:]
            total = next((t for t in self.total.finditer(sentence) if self._family(t.group("unit")) == self._family(m.group("unit"))), None)
            if total is None:
                continue
            base = _base_noun(m.groupdict().get("of") or "")
            if base and base not in sentence[max(0, total.start() - 12):total.start()]:
                continue  # the share is of something else (占女性申请人的50%), not of this total
            whole, part, pct = float(total.group("num")), float(m.group("num")), float(m.group("pct"))
            if whole <= 0 or part > whole:
                continue  # part larger than the whole: FG005's finding
            actual = 100 * part / whole
            if abs(actual - pct) > max(self.p["tolerance"], 0.1 * pct):
                yield Hit(m.start(), m.end(), vars={"total": total.group(0), "actual": f"{actual:.1f}"})


def _base_noun(of: str) -> str:
    """What a share is of, without 全/总数 (占全县党员总数的 -> 党员); "" when it names nothing."""
    of = of.strip()
    for p in ("全体", "全部", "全县", "全市", "全区", "全镇", "全乡", "全村", "全", "总"):
        if of.startswith(p):
            of = of[len(p):]
            break
    for suffix in ("总人数", "总数", "总量", "人数", "数"):
        if of.endswith(suffix):
            of = of[: -len(suffix)]
            break
    return of[-2:]
