"""Checks that belong to one genre (rules/data/genres.yaml): a rectification report (整改报告)
answers its list of problems one by one; a 对照检查材料 digs for causes in the expected dimensions."""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.rules import Param
from shuzhi_lint.patterncache import compile_std


class RectificationItemKind(CheckKind):
    name = "rectification-item"
    description = "整改部分的每个问题条目是否写了整改措施或结果（只在 genres 所列体裁中检查）"
    params = {
        "genres": Param(list, "在这些体裁中检查（rules/data/genres.yaml 的 id）", required=True),
        "action": Param(str, "说明采取了措施或取得了结果的用语（正则）", required=True),
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
        for item in items:
            body = ctx.text[item.start:item.end]
            if self.action.search(body):
                continue
            stop = re.search(r"[。；;\n]", body)
            end = item.start + (stop.start() if stop else len(body))
            yield Hit(item.start, max(end, item.start + 1), vars={"problem": (item.head or item.text)[:24]})


class CauseDimensionsKind(CheckKind):
    name = "cause-dimensions"
    description = "原因分析是否至少说到一个应有的方面（如对照检查材料的理想信念、党性修养、宗旨意识、作风、担当），只在 genres 所列体裁中检查"
    params = {
        "genres": Param(list, "在这些体裁中检查（rules/data/genres.yaml 的 id）", required=True),
        "words": Param(list, "各方面的说法，出现任何一个即可", required=True),
    }

    def check(self, ctx: Context) -> Iterable[Hit]:
        if ctx.genre is None or ctx.genre.id not in self.p["genres"]:
            return
        causes = ctx.outline.by_role("causes")
        items = ctx.outline.items("causes")
        if not causes or not items:
            return
        text = "".join(ctx.text[i.start:i.end] for i in items)
        heads = "".join(s.heading or "" for s in causes)
        if any(w in text or w in heads for w in self.p["words"]):
            return
        yield Hit(*ctx.line_anchor(items[0].line))
