"""Text-mechanics kinds that a regex cannot express: paired marks balanced within a paragraph."""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.realtext import quote_problem_lines
from shuzhi_lint.numerals import SMALL, SMALL_DIGITS
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.patterncache import compile_std


class BalancedPairsKind(CheckKind):
    name = "balanced-pairs"
    description = "成对的标点（引号、括号、书名号）在同一段内是否配对；报告多出的那一个"
    params = {
        "pairs": Param(list, "成对符号的列表，每项两个字符，如 “” （） 《》", required=True),
        "same": Param(dict, "当作某个符号配对的其他写法（如 〞: ”），由别的规则报告其写法", default={}),
        "skip_quote_problems": Param(bool, "某段的引号写法有误（写反、〝〞）时，该段引号的配对留给 quote-marks 规则报告", default=False),
    }
    #: the rule's ``message`` is for an opener left open ({mark} {other} {many})
    variants = {
        "unopened": "多出的收尾符号，前面没有对应的开头符号；可用 {mark} {other} {many}",
        "half-width": "收尾符号前面的开头符号写成了半角；可用 {mark} {other} {half}（半角的开头符号）{many}",
        "many": "同一段中同样的问题有多处时放进 {many} 的文字；可用 {count}",
    }

    def __init__(self, rule):
        super().__init__(rule)
        pairs = self.p["pairs"]
        if not all(isinstance(p, str) and len(p) == 2 and p[0] != p[1] for p in pairs):
            raise ParamError("pairs", "pairs 的每一项必须是两个不同的字符，如 “”")
        self.open = {p[0]: p[1] for p in pairs}
        self.close = {p[1]: p[0] for p in pairs}
        self.same = {str(k): str(v) for k, v in (self.p["same"] or {}).items()}
        chars = [c for p in pairs for c in p] + list(self.same)
        self.marks = compile_std("[" + "".join(re.escape(c) for c in chars) + "]")

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        paragraphs = _paragraphs(ctx)
        quote_lines = {}
        if self.p["skip_quote_problems"]:
            quote_lines = quote_problem_lines(ctx)
        doc = ctx.doc
        for k, (start, end) in enumerate(paragraphs):
            skip_quotes = bool(quote_lines) and any(
                doc.position(start)[0] <= n <= doc.position(max(start, end - 1))[0] for n in quote_lines)
            hits = [h for h in self._paragraph(text, start, end)
                    if not (skip_quotes and h.vars["mark"] in "“”")]
            if k == 0 and end - start > 40:
                # the text starts inside a sentence (a page cut out of a longer one): a closer near
                # the start, with no opener before it, had its opener before the cut
                hits = [h for h in hits if not (h.variant == "unopened" and h.start - start <= 40
                                                and not any(text[j] in self.open for j in range(start, h.start)))]
            if k == len(paragraphs) - 1 and _cut_off(text, start, end):
                hits = [h for h in hits if h.variant is not None]
            if k + 1 < len(paragraphs) and text[slice(*paragraphs[k + 1])].lstrip(" \t\u3000").startswith("“"):
                # a quotation running over several paragraphs (GB/T 15834): each paragraph opens with
                # “ and only the last one closes it
                hits = [h for h in hits if not (h.vars["mark"] == "“" and h.variant is None)]
            groups: dict[tuple[str, str | None], list[Hit]] = {}
            for h in hits:
                groups.setdefault((h.vars["mark"], h.variant), []).append(h)
            for same in groups.values():
                first = same[0]
                first.vars["many"] = self.phrase("many", count=len(same)) if len(same) > 1 else ""
                yield first

    def _paragraph(self, text: str, start: int, end: int) -> Iterable[Hit]:
        stack: list[tuple[str, int]] = []
        for m in self.marks.finditer(text, start, end):
            i = m.start()
            ch = self.same.get(text[i], text[i])
            if ch in self.open:
                stack.append((ch, i))
            elif ch in self.close:
                if stack and stack[-1][0] == self.close[ch]:
                    stack.pop()
                elif any(o == self.close[ch] for o, _ in stack):
                    # an opener of another kind was left open inside this pair: report it
                    while stack and stack[-1][0] != self.close[ch]:
                        o, pos = stack.pop()
                        yield Hit(pos, pos + 1, vars={"mark": o, "other": self.open[o]})
                    stack.pop()
                else:
                    half = HALF_WIDTH.get(ch)
                    if half and half[0] in text[start:i] and half[1] not in text[text.rfind(half[0], start, i):i]:
                        # (2014年3月）: the opener is there, written half-width
                        yield Hit(i, i + 1, variant="half-width", vars={"mark": ch, "other": self.close[ch], "half": half[0]})
                        continue
                    yield Hit(i, i + 1, variant="unopened", vars={"mark": ch, "other": self.close[ch]})
        for o, pos in stack:
            yield Hit(pos, pos + 1, vars={"mark": o, "other": self.open[o]})


HALF_WIDTH = {"）": "()", "》": "<>", "】": "[]"}

# a paragraph ends here; a line ending otherwise continues on the next line when the text is
# hard-wrapped (a PDF or a page copied with its line breaks)
ENDS = set("。！？；：…”’）》】」』!?;:)")
HEADING = compile_std(
    rf"[ \t\u3000]*(?:{SMALL}{{1,3}}[、.．]|[（(][{SMALL_DIGITS}\d]{{1,3}}[)）]|\d{{1,2}}[、.．](?!\d)|第{SMALL}{{1,3}}[章节部分条])"
)


def _cut_off(text: str, start: int, end: int) -> bool:
    """The last paragraph stops inside a sentence: the text was cut (a page opening, a preview)."""
    body = text[start:end].rstrip()
    return bool(body) and body[-1] not in ENDS


def _paragraphs(ctx: Context) -> list[tuple[int, int]]:
    """Paragraph spans: lines, joined when the text is hard-wrapped (most long lines stop mid-sentence)."""
    if "paragraphs" in ctx.cache:
        return ctx.cache["paragraphs"]
    doc, text = ctx.doc, ctx.text
    lines = [doc.line_span(n) for n in range(1, doc.line_count + 1)]
    lines = [(a, b) for a, b in lines if text[a:b].strip()]
    long = [(a, b) for a, b in lines if b - a >= 20]
    open_ended = [(a, b) for a, b in long if text[a:b].rstrip()[-1] not in ENDS]
    wrapped = len(open_ended) >= 3 and len(open_ended) >= 0.5 * len(long)
    out: list[tuple[int, int]] = []
    for a, b in lines:
        if (wrapped and out and text[out[-1][0]:out[-1][1]].rstrip()[-1] not in ENDS
                and out[-1][1] - out[-1][0] >= 20 and not HEADING.match(text, a)):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    ctx.cache["paragraphs"] = out
    return out
