"""Consistency kinds: the report contradicts itself.

- ``anonymisation-leak``: a kind of name is written as a placeholder (XXX街道) in one place and as a
  real name (五里牌街道) in another — the real name identifies the report.
- ``year-mismatch``: a year stated for the report's own work differs from the report year.
- ``figure-two-ways``: the same metric with two different figures (发展党员12名 … 新发展党员15名).
"""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import compile_pattern, iter_matches
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.patterncache import compile_std


class AnonymisationLeakKind(CheckKind):
    name = "anonymisation-leak"
    description = "同一类名称（街道、社区、村……）一处用占位符（XXX街道），另一处写了真实名称：报告真实名称"
    params = {
        "placeholder": Param(str, "占位符的正则（放在名称类别词前）", required=True, regex=True),
        "suffixes": Param(list, "名称类别词（街道、社区、村、医院……）", required=True),
        "boundary": Param(str, "名称前不可能属于名称的字（动词、虚词等）", required=True),
        "generic": Param(list, "不是专名的修饰语（老旧、城市、农村……），与类别词组成的不是真实名称", default=[]),
        "max_len": Param(int, "名称（不含类别词）最多几个字", default=4),
        "compounds": Param(list, "以类别词结尾的普通名词（城镇、乡村、小镇……）：修饰语加这类词（美丽城镇、特色小镇）是工作名称，不是地名", default=[]),
    }
    variants = {"more": "同一名称出现多处时放进 message 的 {more} 的文字；可用 {count}（处数）"}

    def __init__(self, rule):
        super().__init__(rule)
        self.placeholder = compile_pattern(self.p["placeholder"], "placeholder")
        # plain words: the standard library's engine (no time limit needed, no backtracking)
        self.suffix_re = compile_std("|".join(sorted(map(re.escape, self.p["suffixes"]), key=len, reverse=True)))
        self.boundary = set(self.p["boundary"])
        self.generic = sorted(self.p["generic"], key=len, reverse=True)
        self.compounds = set(self.p["compounds"])

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        masked_kinds: dict[str, str] = {}
        for m in self.suffix_re.finditer(text):
            before = text[max(0, m.start() - 6):m.start()]
            ph = list(self.placeholder.finditer(before))
            if ph and ph[-1].end() == len(before):
                masked_kinds.setdefault(m.group(0), ph[-1].group(0) + m.group(0))
        if not masked_kinds:
            return
        tok = ctx.tokenizer
        reported: set[int] = set()
        found: dict[str, list[Hit]] = {}  # one finding per real name, naming how often it occurs
        for m in self.suffix_re.finditer(text):
            suffix = m.group(0)
            if suffix not in masked_kinds or m.start() in reported:
                continue
            span = self._name_before(tok, text, m.start(), suffix)
            if span is None:
                continue
            start, name = span
            if any(name.endswith(g) or name == g for g in self.generic):
                continue
            if name[-1] + suffix in self.compounds and (len(name) == 1 or any(name[:-1].endswith(g) for g in self.generic)):
                continue  # 美丽城镇, 特色小镇: a modifier and an ordinary noun, a programme's name
            reported.add(m.start())
            found.setdefault(name + suffix, []).append(Hit(start, m.end(), vars={"placeholder": masked_kinds[suffix], "kind": suffix}))
        for hits in found.values():
            hits[0].vars["more"] = self.phrase("more", count=len(hits)) if len(hits) > 1 else ""
            yield hits[0]

    def _name_before(self, tok, text: str, end: int, suffix: str):
        """The proper name right before a category word, or None when what precedes is an
        ordinary word (统筹街道, 指导社区) rather than a name (五里牌街道)."""
        left = end
        while left > 0 and end - left < 12 and "\u4e00" <= text[left - 1] <= "\u9fff" and text[left - 1] not in "，。；：、":
            left -= 1
        window = text[left:end]
        if not window:
            return None
        tokens = tok.tag(window)
        parts: list[tuple[str, str]] = []
        for word, flag in reversed(tokens):
            if flag[:1] in _STOP_TAGS or flag in ("vn", "vd", "ad", "an") or word in self.boundary:
                break
            parts.insert(0, (word, flag))
            if sum(len(w) for w, _ in parts) >= self.p["max_len"]:
                break
        # a very common word in front (指导红星社区) is not part of the name, whatever its tag
        while parts and len(parts[0][0]) > 1 and parts[0][1] not in ("ns", "nr", "nz", "nt", "nrt") and tok.word_freq(parts[0][0]) >= 2000:
            parts.pop(0)
        name = "".join(w for w, _ in parts)
        name = name.lstrip("".join(self.boundary))
        if len(name) < 2:
            return None
        if tok.word_freq(name) >= 200:  # a common word (城市, 指导), not a proper name
            return None
        return end - len(name), name


_STOP_TAGS = set("vdtrpcufqmy") - {"m"}


class YearMismatchKind(CheckKind):
    name = "year-mismatch"
    description = "报告自身工作的年份（本人2022年度……、今年（2022年））与报告年度（标题或 --year）不一致"
    params = {
        "pattern": Param(str, "带命名分组 year 的正则", required=True, regex=True),
    }

    def __init__(self, rule):
        super().__init__(rule)
        self.pattern = compile_pattern(self.p["pattern"])
        if "year" not in self.pattern.groupindex:
            raise ParamError("pattern", "pattern 必须有命名分组 (?P<year>…)")

    def check(self, ctx: Context) -> Iterable[Hit]:
        outline = ctx.outline
        if outline.year is None or outline.year_source not in ("title", "option"):
            return
        for m in iter_matches(self.pattern, ctx.text, ctx):
            if outline.title_line and ctx.doc.position(m.start())[0] == outline.title_line:
                continue
            year = int(m.group("year"))
            if year != outline.year:
                yield Hit(m.start(), m.end(), vars={"found": year, "year": outline.year})


class FigureTwoWaysKind(CheckKind):
    name = "figure-two-ways"
    description = "同一指标在报告中出现两个不同的数字（发展党员12名……新发展党员15名）"
    params = {
        "units": Param(list, "量词/单位", required=True),
        "prefixes": Param(list, "比较前从指标名开头去掉的词（新、共、全年、累计……）", default=[]),
        "skip": Param(str, "句中有这些词时不比较（分别、其中、每、上半年……）", default="(?!)", regex=True),
        "min_key": Param(int, "指标名（去掉前缀后）最少几个字", default=4),
        "roles": Param(list, "在哪些部分中比较", default=["preamble", "rectification", "achievements"]),
        "breakdown": Param(list, "引出分项的词（其中……）：同一段中两个数字之间有这些词时，后一个数字是分项，不比较", default=[]),
    }

    def __init__(self, rule):
        super().__init__(rule)
        units = "|".join(sorted(map(re.escape, self.p["units"]), key=len, reverse=True))
        self.quantity = compile_pattern(rf"(?<![\d.])(?P<num>\d+)(?P<unit>{units})(?![\d\u4e00-\u9fff]{{0,0}}[余多])", "units")
        self.skip = compile_pattern(self.p["skip"], "skip")
        self.prefixes = sorted(self.p["prefixes"], key=len, reverse=True)

    def _key(self, text: str, start: int) -> str:
        i = start
        while i > 0 and start - i < 8 and "\u4e00" <= text[i - 1] <= "\u9fff":
            i -= 1
        key = text[i:start]
        changed = True
        while changed:
            changed = False
            for p in self.prefixes:
                if key.startswith(p) and len(key) > len(p):
                    key = key[len(p):]
                    changed = True
        return key

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        spans = ctx.scope_spans(self.p["roles"]) or []
        first: dict[tuple[str, str], tuple[str, int]] = {}
        for a, b in spans:
            for m in iter_matches(self.quantity, text, ctx, a, b):
                sent_start = max(text.rfind(c, a, m.start()) for c in "。；！？\n") + 1
                sent_end = min([x for x in (text.find(c, m.end(), b) for c in "。；！？\n") if x >= 0] or [b])
                if self.skip.search(text[sent_start:sent_end]):
                    continue
                key = self._key(text, m.start())
                if len(key) < self.p["min_key"]:
                    continue
                if text[m.start() - len(key) - 1:m.start() - len(key)].isdigit():
                    continue  # the metric has a number in it (55岁以上党员): an age band, not one figure
                k = (key, m.group("unit"))
                if k not in first:
                    first[k] = (m.group(0), m.start())
                elif first[k][0] != m.group(0):
                    between = text[first[k][1]:m.start()]
                    if "\n" not in between and any(w in between for w in self.p["breakdown"]):
                        continue  # a breakdown later in the same paragraph counts a part, not the same metric
                    line = ctx.doc.position(first[k][1])[0]
                    yield Hit(m.start() - len(key), m.end(), vars={"key": key, "other": first[k][0], "other_line": line})
