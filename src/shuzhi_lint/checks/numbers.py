"""Figure kinds that weigh a number against the numbers around it.

- ``spliced-year``: a count with a recent year inside its digits (农村党员2023670名, 占2023.12%)
  that its paragraph shows to be impossible — more members per branch than any branch has, more
  than the total stated before it, a share over 100%. Web pages splice the year of the page into
  figures this way.
(A share that does not follow from its total and part is ``stated-share``, checks/shares.py.)
"""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import compile_pattern
from shuzhi_lint.rules import Param, ParamError


_LONG = re.compile(r"(?<![\d.．])\d{4,}(?:\.\d+)?")


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
                    hits.append((m.start(), m.end(), y.group(0), "百分数不可能超过100%，而它的整数部分恰好是一个年份"))
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
                    reason = f"同段写的党组织最多{org_max}个，合每个约{num // org_max}人，不合常理"
                elif small and num > self.p["small_scope_max"] and not (self.large is not None and self.large.search(clause)):
                    unit = small.group(0).lstrip("全本该")
                    reason = f"一个{ {'院': '医院', '校': '学校'}.get(unit, unit)}不可能有{num}人"
                else:
                    earlier = [t for pos, t in totals if pos < m.start()]
                    if earlier and num > earlier[0] and self.member.search(line[max(0, m.start() - 8):m.start()]):
                        reason = f"比前面写的总数{earlier[0]}还多"
                if reason:
                    hits.append((m.start(), m.end(), y.group(0), reason))
            for a, b, year, reason in hits:
                yield Hit(start + a, start + b, vars={"year": year, "reason": reason})
