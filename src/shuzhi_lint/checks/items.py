"""Kinds over the outline's items: vague problems stated without an instance."""

from __future__ import annotations

from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import compile_pattern
from shuzhi_lint.rules import Param
from shuzhi_lint.structure.spec import item_marker


class VagueItemKind(CheckKind):
    name = "vague-item"
    description = "某一部分（如存在问题）中只有空泛判断、没有事例或数字的条目"
    params = {
        "role": Param(str, "检查哪一部分的条目", default="problems"),
        "vague": Param(str, "空泛判断的正则（不够、有待加强、还有差距……）", required=True, regex=True),
        "concrete": Param(str, "具体化的标志的正则（数字、比如、个别、表现在……）", required=True, regex=True),
        "max_chars": Param(int, "条目不超过这么多字且没有具体化标志时才报告", default=30),
    }

    def __init__(self, rule):
        super().__init__(rule)
        self.vague = compile_pattern(self.p["vague"], "vague")
        self.concrete = compile_pattern(self.p["concrete"], "concrete")

    def check(self, ctx: Context) -> Iterable[Hit]:
        # the markers items open with are words of the outline (sections.yaml, cues)
        marker = ctx.data.derived("item-marker", lambda: item_marker(ctx.data.get("sections").get("cues") or {}))
        for item in ctx.outline.items(self.p["role"]):
            text = item.text
            bare = marker.sub("", text).rstrip("。；;")
            # a second clause (…，存在时紧时松的现象) already says how the problem shows
            if "，" in bare or "," in bare:
                continue
            if len(text) > self.p["max_chars"] or self.concrete.search(text) or not self.vague.search(text):
                continue
            end = item.start + len(ctx.text[item.start:item.end].rstrip())
            yield Hit(item.start, end, vars={"item": text})
