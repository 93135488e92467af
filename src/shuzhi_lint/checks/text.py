"""Text-mechanics kinds that a regex cannot express: paired marks balanced within a paragraph."""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.rules import Param, ParamError


class BalancedPairsKind(CheckKind):
    name = "balanced-pairs"
    description = "成对的标点（引号、括号、书名号）在同一段内是否配对；报告多出的那一个"
    params = {
        "pairs": Param(list, "成对符号的列表，每项两个字符，如 “” （） 《》", required=True),
    }

    def __init__(self, rule):
        super().__init__(rule)
        pairs = self.p["pairs"]
        if not all(isinstance(p, str) and len(p) == 2 and p[0] != p[1] for p in pairs):
            raise ParamError("pairs", "pairs 的每一项必须是两个不同的字符，如 “”")
        self.open = {p[0]: p[1] for p in pairs}
        self.close = {p[1]: p[0] for p in pairs}
        self.marks = re.compile("[" + "".join(re.escape(c) for p in pairs for c in p) + "]")

    def check(self, ctx: Context) -> Iterable[Hit]:
        doc = ctx.doc
        text = ctx.text
        for line in range(1, doc.line_count + 1):
            start, end = doc.line_span(line)
            stack: list[tuple[str, int]] = []
            for m in self.marks.finditer(text, start, end):
                i = m.start()
                ch = text[i]
                if ch in self.open:
                    stack.append((ch, i))
                elif ch in self.close:
                    if stack and stack[-1][0] == self.close[ch]:
                        stack.pop()
                    elif any(o == self.close[ch] for o, _ in stack):
                        # an opener of another kind was left open inside this pair: report it
                        while stack and stack[-1][0] != self.close[ch]:
                            o, pos = stack.pop()
                            yield Hit(pos, pos + 1, vars={"mark": o, "other": self.open[o], "what": "缺少对应的"})
                        stack.pop()
                    else:
                        yield Hit(i, i + 1, vars={"mark": ch, "other": self.close[ch], "what": "前面缺少对应的"})
            for o, pos in stack:
                yield Hit(pos, pos + 1, vars={"mark": o, "other": self.open[o], "what": "缺少对应的"})
