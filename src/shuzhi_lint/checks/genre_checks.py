"""Checks over the outline's parts: a rectification report (整改报告) answers its list of problems
one by one (``rectification-item``); a part mentions enough of a list of words (``occurrence``,
generic: CR010 asks a 对照检查材料's causes to name a dimension of self-examination)."""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.rules import Param
from shuzhi_lint.patterncache import compile_std


class RectificationItemKind(CheckKind):
    name = "rectification-item"
    data_files = ("topics",)  # the problem–measure matcher, for problems answered in a later part
    description = "整改部分的每个问题条目是否写了整改措施或结果（只在 genres 所列体裁中检查）"
    params = {
        "genres": Param(list, "在这些体裁中检查（rules/data/genres.yaml 的 id）", required=True),
        "action": Param(str, "说明采取了措施或取得了结果的用语（正则）", required=True, regex=True),
        "min_items": Param(int, "整改部分至少有几个条目才检查", default=2),
    }

    def __init__(self, rule):
        super().__init__(rule)
        self.action = compile_std(self.p["action"])

    def check(self, ctx: Context) -> Iterable[Hit]:
        if ctx.genre is None or ctx.genre.id not in self.p["genres"]:
            return
        items = ctx.outline.items("rectification")
        if len(items) < self.p["min_items"]:
            return
        # the problems listed in one part, what was done about them in a later one (一、巡察反馈的
        # 问题 …… 二、整改措施和落实情况 ……): an item is answered there as a problem by a measure
        last = max(s.end_line for s in ctx.outline.by_role("rectification"))
        later = [m for s in ctx.outline.by_role("measures") if s.line > last for m in s.items]
        for item in items:
            body = ctx.text[item.start:item.end]
            if self.action.search(body):
                continue
            if later and self._answered_later(ctx, item, later):
                continue
            stop = re.search(r"[。；;\n]", body)
            end = item.start + (stop.start() if stop else len(body))
            yield Hit(item.start, max(end, item.start + 1), vars={"problem": (item.head or item.text)[:24]})

    @staticmethod
    def _answered_later(ctx: Context, item, later) -> bool:
        from shuzhi_lint.checks.correspondence import answer_score, matcher

        return answer_score(ctx, item, later) >= matcher(ctx).threshold


class OccurrenceKind(CheckKind):
    """A generic kind (as Vale's ``occurrence``): a part of the report must mention at least ``min``
    of the given words. CR010 asks the causes of a 对照检查材料 to name at least one of the
    dimensions a self-examination digs into (理想信念, 党性, 宗旨, 作风, 担当…)."""

    name = "occurrence"
    description = "某一部分（role，含其标题和条目）至少要说到 words 中的 min 个（不同的词）；少于此数时在该部分的第一个条目处报告一次"
    params = {
        "role": Param(str, "检查哪一部分：rectification achievements problems causes measures", required=True),
        "words": Param(list, "要说到的词", required=True),
        "min": Param(int, "至少说到几个不同的词", default=1),
        "genres": Param(list, "只在这些体裁中检查（rules/data/genres.yaml 的 id）；不写则都检查", default=None),
    }

    def __init__(self, rule):
        super().__init__(rule)
        from shuzhi_lint.rules import ParamError
        from shuzhi_lint.structure import ROLES

        if self.p["role"] not in ROLES:
            raise ParamError("role", f"role 只能是 {' '.join(ROLES)}")
        if not self.p["words"] or not all(isinstance(w, str) and w for w in self.p["words"]):
            raise ParamError("words", "words 必须是非空字符串的列表")

    def check(self, ctx: Context) -> Iterable[Hit]:
        genres = self.p["genres"]
        if genres is not None and (ctx.genre is None or ctx.genre.id not in genres):
            return
        role = self.p["role"]
        sections = ctx.outline.by_role(role)
        items = ctx.outline.items(role)
        if not sections or not items:
            return
        text = "".join(ctx.text[i.start:i.end] for i in items)
        heads = "".join(s.heading or "" for s in sections)
        found = 0
        for w in self.p["words"]:
            if w in text or w in heads:
                found += 1
                if found >= self.p["min"]:
                    return
        yield Hit(*ctx.line_anchor(items[0].line))
