"""Figure kinds: numbers a reader would not believe (DOMAIN.md §2).

- ``number-threshold``: a regex with a ``num`` group; reports values outside [min, max]
  (a 覆盖率 over 100%, an achievement claim 达到1%).
- ``repeated-value``: the same value with the same unit for several different metrics in one
  sentence (集中学习1次，专题研讨1次，主题实践1次) — the sign of sanitised or invented figures.
- ``part-whole``: a part larger than its whole in one sentence (共15人…其中20人, 负责的1项…其余6项),
  or component percentages after 其中 adding up to more than 100%.
"""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import _Prefilter, compile_pattern, iter_matches
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.numerals import SMALL_DIGITS, value
from shuzhi_lint.patterncache import compile_std

_SENTENCE = compile_std(r"[^。！？!?\n]+")


def to_number(text: str) -> float | None:
    text = text.replace(",", "").replace("，", "")
    try:
        return float(text)
    except ValueError:
        n = value(text)
        return float(n) if n else None


def fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


class NumberThresholdKind(CheckKind):
    name = "number-threshold"
    description = "数值范围：pattern 中命名分组 num 的值小于 min 或大于 max 时报告"
    params = {
        "pattern": Param(str, "带命名分组 num 的正则表达式", required=True),
        "min": Param((int, float), "允许的最小值（不含以下）", default=None),
        "max": Param((int, float), "允许的最大值（不含以上）", default=None),
        "allow": Param(list, "例外：覆盖命中处的正则", default=[]),
        "prefilter": Param(str, "先用这个简单的正则（最好以少见的字开头）检查全文，找不到就不运行 pattern；"
                           "pattern 的每个命中都必须包含它的一个命中（pattern 以常见字开头、逐字尝试时省时间）", default=None),
    }

    def __init__(self, rule):
        super().__init__(rule)
        self.pattern = compile_pattern(self.p["pattern"])
        if "num" not in self.pattern.groupindex:
            raise ParamError("pattern", "pattern 必须有命名分组 (?P<num>…)")
        if self.p["min"] is None and self.p["max"] is None:
            raise ParamError("pattern", "number-threshold 需要 min 或 max")
        self.allow = [compile_pattern(a, "allow") for a in self.p["allow"]]
        self.prefilter = _Prefilter(self.p["prefilter"]) if self.p["prefilter"] else None

    def check(self, ctx: Context) -> Iterable[Hit]:
        if self.prefilter is not None and not self.prefilter.found(ctx):
            return
        lo, hi = self.p["min"], self.p["max"]
        for m in iter_matches(self.pattern, ctx.text, ctx):
            value = to_number(m.group("num"))
            if value is None or "\n" in m.group(0):
                continue
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                if any(a.search(m.group(0)) for a in self.allow):
                    continue
                values = {k: (v or "") for k, v in m.groupdict().items()}
                yield Hit(m.start(), m.end(), vars={**values, "min": lo, "max": hi})


class RepeatedValueKind(CheckKind):
    name = "repeated-value"
    description = "同一句中多项指标数值完全相同（如连续三项都是“1次”），疑似脱敏或编造"
    params = {
        "value": Param(str, "数值+单位的正则，须有命名分组 num 和 unit", required=True),
        "min_repeat": Param(int, "可疑数值（suspicious 中的值）重复多少次即报告", default=3),
        "min_repeat_any": Param(int, "任意数值重复多少次即报告", default=4),
        "suspicious": Param(list, "特别可疑的数值（如 1、0）", default=["1"]),
    }

    def __init__(self, rule):
        super().__init__(rule)
        self.value = compile_pattern(self.p["value"], "value")
        if not {"num", "unit"} <= set(self.value.groupindex):
            raise ParamError("value", "value 必须有命名分组 num 和 unit")

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        for s in _SENTENCE.finditer(text):
            groups: dict[tuple[str, str], list] = {}
            for m in iter_matches(self.value, text, ctx, s.start(), s.end()):
                groups.setdefault((m.group("num"), m.group("unit")), []).append(m)
            for (num, unit), ms in groups.items():
                need = self.p["min_repeat"] if num in self.p["suspicious"] else self.p["min_repeat_any"]
                if len(ms) < need:
                    continue
                yield Hit(
                    ms[0].start(),
                    ms[-1].end(),
                    vars={"n": len(ms), "value": f"{num}{unit}", "num": num, "unit": unit},
                )


def _ungrouped(num: str) -> str:
    """A figure without its thousands separators (1,260 and 1 260 -> 1260)."""
    return num.replace(",", "").replace(" ", "")


class PartWholeKind(CheckKind):
    name = "part-whole"
    description = "部分大于整体：同一句中“其中/其余”后的数量大于（其余：不小于）前面同单位的总数，或“其中”后各百分比之和超过100%"
    params = {
        "units": Param(list, "参与比较的量词/单位", required=True),
        "subset": Param(list, "引出整体中一部分的词（其中）：其后的数量大于前面同单位的总数时报告；在句首时指上一句的总数；其后各百分比合计不能超过 100%", required=True),
        "rest": Param(list, "引出其余部分的词（其余、另有）：其后的数量不小于前面同单位的总数时报告", required=True),
        "excluding": Param(list, "数量前两个字中有这些词（除）时，它是被排除的数量，不作为整体", required=True),
    }
    variants = {"shares-over-100": "“其中”之后的各项百分比合计超过 100% 时；可用 {shares}（各项，以、分隔）{total}（合计，不带 %）"}

    def __init__(self, rule):
        super().__init__(rule)
        for key in ("subset", "rest", "excluding"):
            if not all(isinstance(w, str) and w for w in self.p[key]):
                raise ParamError(key, f"{key} 必须是词语的列表")
        if not self.p["subset"] and not self.p["rest"]:
            raise ParamError("subset", "subset 和 rest 不能都为空")
        self.subset = tuple(self.p["subset"])
        self.words = (*self.subset, *self.p["rest"])
        self.excluding = tuple(self.p["excluding"])
        units = "|".join(sorted((re.escape(u) for u in self.p["units"]), key=len, reverse=True))
        # thousands grouped or not (GB/T 15835: 1,260 and 1 260 are one number)
        num = rf"(?P<num>\d{{1,3}}(?:[, ]\d{{3}})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|[两{SMALL_DIGITS}]{{1,3}})"
        self.quantity = compile_pattern(rf"(?<![\d.第])(?<!\d[, ]){num}(?P<unit>{units})", "units")
        words = "|".join(re.escape(w) for w in self.words)
        self.part = compile_pattern(rf"(?P<word>{words})[^，。；\d两{SMALL_DIGITS}]{{0,10}}{num}(?P<unit>{units})", "units")
        self.percent = compile_pattern(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)[%％]", "units")

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        # both checks start from one of these words inside the sentence: most sentences have none
        if not any(w in text for w in self.words):
            return
        for s in _SENTENCE.finditer(text):
            if all(text.find(w, s.start(), s.end()) < 0 for w in self.words):
                continue
            for pm in iter_matches(self.part, text, ctx, s.start(), s.end()):
                part = to_number(_ungrouped(pm.group("num")))
                # the whole is the nearest earlier quantity of the same unit, except one that is
                # itself being excluded (除一项指标不排名之外，其余6项)
                lookback = s.start()
                if pm.group("word") in self.subset and pm.start() - s.start() <= 1:
                    # a sentence opening with 其中 refers to the whole of the previous sentence
                    lookback = max(text.rfind(c, 0, max(0, s.start() - 1)) for c in "。！？\n") + 1
                wholes = [
                    m for m in iter_matches(self.quantity, text, ctx, lookback, pm.start())
                    if m.group("unit") == pm.group("unit") and not any(x in text[max(lookback, m.start() - 2):m.start()] for x in self.excluding)
                ]
                if part is None or not wholes:
                    continue
                whole_m = wholes[-1]
                whole = to_number(_ungrouped(whole_m.group("num")))
                if whole is None:
                    continue
                word = pm.group("word")
                impossible = part > whole if word in self.subset else part >= whole
                if impossible:
                    yield Hit(
                        whole_m.start(),
                        pm.end(),
                        vars={
                            "whole": whole_m.group(0),
                            "part": pm.group(0),
                            "word": word,
                        },
                    )
            # 其中 followed by percentages: the shares cannot add up to more than 100%
            idx = min((i for w in self.subset if (i := text.find(w, s.start(), s.end())) >= 0), default=-1)
            if idx >= 0:
                shares = list(iter_matches(self.percent, text, ctx, idx, s.end()))
                total = sum(float(m.group("num")) for m in shares)
                if len(shares) >= 2 and total > 100.0001:
                    parts = "、".join(m.group(0) for m in shares)
                    yield Hit(shares[0].start(), shares[-1].end(), variant="shares-over-100", vars={"shares": parts, "total": fmt(total)})
