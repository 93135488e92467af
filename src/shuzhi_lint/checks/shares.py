"""``kind: stated-share`` — a share stated next to its own figures that does not follow from them.

    全村共有党员48名，其中女党员12名，占30%。        12 / 48 is 25%, not 30%

Within one sentence: a total (a number and a counter), then ``其中``, then parts of the same
counter each followed by ``占…%``. A sentence without a total may name it (``占党员总数的…%``):
then the total is the one the paragraph stated before (``共有党员N名``, ``党员N名，其中…``).
The share is checked against part / total. Only exact
statements are checked: a share with 约/近/超过/以上/左右, a share of another whole (占全县……的),
numbers written in Chinese numerals and parts larger than the total (FG005's case) are left alone.
"""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.patterncache import compile_std

# a figure, its thousands grouped or not (GB/T 15835: 1,250 and 8 400 are one number)
_NUMBER = r"(?<![\d.])(?<!\d[, ])(\d{1,3}(?:[, ]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)(万|亿)?"
_SCALE = {"万": 10_000, "亿": 100_000_000, None: 1}


class StatedShareKind(CheckKind):
    name = "stated-share"
    description = "总数 N 与分项 M 写明比例 P%（同一句“共N……其中M，占P%”，或同一段后文“M，占……总数的P%”）：P 与 M/N 相差超过 tolerance 个百分点时报告"
    params = {
        "units": Param(list, "参与比较的量词/单位（总数和分项须同一单位）", required=True),
        "same": Param(list, "视为同一单位的组，如 [[名, 人, 位]]", default=[]),
        "whole": Param(str, "“占……的P%”中间允许的写法（正则，须整段匹配），如“总数”“党员总数”；其他写法（占全县……的）不比较", required=True, regex=True),
        "total_words": Param(str, "“占……的P%”中表示总体的部分（正则）：去掉它剩下的是总体的名称（党员总数 → 党员）", required=True, regex=True),
        "totals": Param(str, "总数前的词（正则）：数字前几个字中有这些词时，它是总数（共有、合计……）", required=True, regex=True),
        "leads": Param(str, "引出分项的词（正则）：从分项的名称开头去掉（其中、包括……）", required=True, regex=True),
        "skip": Param(str, "比例前后有这些词时不比较（约数、范围）", required=True, regex=True),
        "tolerance": Param((int, float), "允许的误差（百分点）", default=1.0),
    }

    def __init__(self, rule):
        super().__init__(rule)
        units = [u for u in self.p["units"] if isinstance(u, str) and u]
        if not units or len(units) != len(self.p["units"]):
            raise ParamError("units", "units 必须是非空字符串的列表")
        self.canonical = {u: u for u in units}
        for group in self.p["same"]:
            if not isinstance(group, list) or not group or not all(isinstance(u, str) for u in group):
                raise ParamError("same", "same 的每一项必须是单位的列表，如 [名, 人]")
            for u in group:
                self.canonical[u] = group[0]
        alternation = "|".join(re.escape(u) for u in sorted(self.canonical, key=len, reverse=True))
        self.figure = compile_std(_NUMBER + f"(?P<unit>{alternation})")
        self.whole = _compiled(self.p["whole"], "whole")
        self.skip = _compiled(self.p["skip"], "skip")
        self.total_word = _compiled(self.p["total_words"], "total_words")
        #: the words before a figure that make it a total (共有党员48名)
        self.total_before = _compiled("(?:" + self.p["totals"] + r")[\u4e00-\u9fff]{0,6}$", "totals")
        self.lead = _compiled("^(?:" + self.p["leads"] + ")", "leads")
        # right after a part: "，占25%" / "、占比25%" / "，占党员总数的25%"
        self.share = compile_std(
            r"[，,、]?\s*(?P<pre>约|近|超过|逾)?占(?:比)?(?:为|达到?|约|近)?(?:(?P<whole>[^，。；、%％\d]{1,12}?)的)?"
            r"(?P<pct>\d+(?:\.\d+)?)\s*[%％](?P<post>以上|以下|左右)?"
        )

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        # every finding is a share "占…%" (self.share): a paragraph without 占 and a percent sign
        # has none, and totals are only carried within a paragraph
        if ("占" not in text and "比" not in text) or ("%" not in text and "％" not in text):
            return
        for paragraph in _PARAGRAPH.finditer(text):
            body = paragraph.group()
            if ("占" not in body and "比" not in body) or ("%" not in body and "％" not in body):
                continue
            stated_totals: list[tuple[str, float, str, str]] = []  # (unit, value, text, words before it) of earlier sentences
            previous: dict[str, tuple[float, str]] = {}  # the last figure of each unit in the sentence before
            parts: list[tuple[str, str, float, str, float, str]] = []  # (noun, unit, value, text, total, total text) after 其中
            for sentence in _SENTENCE.finditer(body):
                start, end = paragraph.start() + sentence.start(), paragraph.start() + sentence.end()
                among = text.find("其中", start, end)
                has_share = text.find("占", start, end) >= 0
                if among >= 0:
                    totals = {}
                    for m in self.figure.finditer(text, start, among):
                        totals[self.canonical[m.group("unit")]] = (_value(m), m.group(0))  # the last one of each unit counts
                    # a sentence opening with 其中 divides the total of the sentence before
                    # (全村共有农户320户。其中脱贫户48户，占比15%)
                    before = previous if not text[start:among].strip(" \u3000，,：:") else {}

                    def total_of(unit, noun, t=totals, b=before):
                        return t.get(unit) or b.get(unit)

                    parts.extend(self._named_parts(text, among + 2, end, total_of))
                    if has_share or "比" in text[among:end]:
                        yield from self._parts(text, among + 2, end, total_of)
                        # 其中党员48人，党员比例为45%: the part named again as the subject of its share
                        yield from self._subject_shares(text, among + 2, end, parts)
                elif has_share or "比" in text[start:end]:
                    # no total in this sentence: a share "of the total" (占党员总数的…) refers to one
                    # stated before in the paragraph (党员19049名，其中…。…2465名，占党员总数的12.94%)
                    yield from self._parts(text, start, end, lambda unit, noun, t=stated_totals: _stated(t, unit, noun), explicit=True)
                    # or a share whose subject is a part named in an earlier sentence
                    # (其中女党员12名。女党员占比30%)
                    yield from self._subject_shares(text, start, end, parts)
                stated = self._stated_totals(text, start, end)
                stated_totals.extend(stated)
                # the figure of each unit the next sentence's 其中 may divide: the only one of its
                # unit in this sentence, or else the one stated as a total (共有…)
                previous = {}
                counts: dict[str, int] = {}
                for m in self.figure.finditer(text, start, end):
                    unit = self.canonical[m.group("unit")]
                    counts[unit] = counts.get(unit, 0) + 1
                    previous[unit] = (_value(m), m.group(0))
                for unit, n in counts.items():
                    if n > 1:
                        named = [(v, f) for u, v, f, _ in stated if u == unit]
                        if len(named) == 1:
                            previous[unit] = named[0]
                        else:
                            del previous[unit]

    def _named_parts(self, text: str, since: int, end: int, total_of) -> list[tuple[str, str, float, str, float, str]]:
        """The parts after 其中 with the words that name them (其中女党员12名 -> 女党员) and their total."""
        out = []
        for part in self.figure.finditer(text, since, end):
            clause = text[since:part.start()]
            since = part.end()
            noun = _NOUN.search(clause)
            unit = self.canonical[part.group("unit")]
            found = total_of(unit, "")
            if noun is None or found is None or _OF_PART.search(clause):
                continue
            name = self.lead.sub("", noun.group())
            if len(name) >= 2:
                out.append((name, unit, _value(part), part.group(0), found[0], found[1]))
        return out

    def _subject_shares(self, text: str, start: int, end: int, parts) -> Iterable[Hit]:
        """``女党员占比30%`` in a sentence after the one that stated 女党员12名 as a part of a total."""
        if not parts:
            return
        for share in _SUBJECT_SHARE.finditer(text, start, end):
            clause_start = max(text.rfind(c, start, share.start()) for c in "，,；;：:、") + 1
            clause = text[max(start, clause_start):share.start()]
            if any(ch.isdigit() for ch in clause) or not clause:
                continue  # a figure of its own in this clause: _parts compares it
            named = next((p for p in reversed(parts) if clause.endswith(p[0])), None)
            if named is None:
                continue
            whole = share.group("whole")
            if whole and not self.whole.fullmatch(whole):
                continue
            if share.group("pre") or share.group("post") or self.skip.search(text, clause_start, share.start("pct")):
                continue
            noun, _unit, value, part_text, total, total_text = named
            if not total or value > total:
                continue
            stated = float(share.group("pct"))
            computed = 100.0 * value / total
            if abs(stated - computed) > self.p["tolerance"]:
                yield Hit(share.start() - len(noun), share.end(), vars={
                    "part": part_text,
                    "total": total_text,
                    "stated": share.group("pct") + "%",
                    "computed": f"{computed:.1f}".rstrip("0").rstrip(".") + "%",
                })

    def _stated_totals(self, text: str, start: int, end: int) -> list[tuple[str, float, str, str]]:
        """Figures a sentence states as a total: after 共有/现有/总计…, or just before 其中."""
        out = []
        for m in self.figure.finditer(text, start, end):
            before = text[max(start, m.start() - 8):m.start()]
            if self.total_before.search(before) or text.startswith(("，其中", ",其中", "其中"), m.end()):
                out.append((self.canonical[m.group("unit")], _value(m), m.group(0), before))
        return out

    def _parts(self, text: str, since: int, end: int, total_of, explicit: bool = False) -> Iterable[Hit]:
        noun = None  # the whole named by the last explicit share ("党员" of 占党员总数的)
        for part in self.figure.finditer(text, since, end):
            # "其中女党员12名……，女党员中35岁以下5名，占…": a share of a part, not of the total
            of_part = _OF_PART.search(text, since, part.start()) is not None
            since = part.end()
            share = self.share.match(text, part.end(), end)
            if of_part or share is None:
                continue
            whole = share.group("whole")
            if whole:
                if not self.whole.fullmatch(whole):
                    continue
                noun = self.total_word.sub("", whole)
            elif explicit and noun is None:
                continue  # "占30%" of what? Only after an explicit "占……总数的" in the sentence
            if share.group("pre") or share.group("post") or self.skip.search(text, part.end(), share.start("pct")):
                continue
            found = total_of(self.canonical[part.group("unit")], noun or "")
            total, total_text = found or (0.0, "")
            value = _value(part)
            if not total or value > total:
                continue  # no total to compare with; a part larger than its whole is FG005's case
            stated = float(share.group("pct"))
            computed = 100.0 * value / total
            if abs(stated - computed) > self.p["tolerance"]:
                yield Hit(
                    part.start(),
                    share.end(),
                    vars={
                        "part": part.group(0),
                        "total": total_text,
                        "stated": share.group("pct") + "%",
                        "computed": f"{computed:.1f}".rstrip("0").rstrip(".") + "%",
                    },
                )


_PARAGRAPH = compile_std(r"[^\n]+")
_SENTENCE = compile_std(r"[^。！？!?]+")
_OF_PART = compile_std(r"(?<![其集])中(?![共心层国央华])")
# the words naming a part: the Han run right before its figure, without the verb that introduces it
_NOUN = compile_std(r"[\u4e00-\u9fff]{2,10}$")
_SUBJECT_SHARE = compile_std(
    r"(?P<pre>约|近|超过|逾)?(?:(?:所)?占(?:比例?|比重)?|(?<=[\u4e00-\u9fff])(?:比例|比重))(?:为|达到?|约|近)?(?:(?P<whole>[^，。；、%％\d]{1,12}?)的)?"
    r"(?P<pct>\d+(?:\.\d+)?)\s*[%％](?P<post>以上|以下|左右)?"
)


def _stated(totals: list[tuple[str, float, str, str]], unit: str, noun: str) -> tuple[float, str] | None:
    """The latest stated total of ``unit`` whose words name ``noun`` (any, when ``noun`` is empty)."""
    for u, value, figure, before in reversed(totals):
        if u == unit and noun in before:
            return value, figure
    return None


def _compiled(pattern: str, param: str) -> re.Pattern:
    try:
        return compile_std(pattern)
    except re.error as e:
        raise ParamError(param, f"{param} 不是有效的正则表达式：{e}") from None


def _value(m: re.Match) -> float:
    return float(m.group(1).replace(",", "").replace(" ", "")) * _SCALE[m.group(2)]
