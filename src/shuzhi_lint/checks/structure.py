"""Structure kinds: required parts of a report, heading numbering and nesting (GB/T 9704 7.3.3)."""

from __future__ import annotations

from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.numerals import SMALL, counting
from shuzhi_lint.rules import Param
from shuzhi_lint.structure import ROLES, strip
from shuzhi_lint.patterncache import compile_std

LEVEL_EXAMPLE = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def number_text(level: int, n: int) -> str:
    """The standard marker of heading number ``n`` at ``level``: 一、 （一） 1. （1）"""
    if level in (1, 2):
        s = counting(n)
        return f"{s}、" if level == 1 else f"（{s}）"
    return f"{n}." if level == 3 else f"（{n}）"


class RequiredSectionKind(CheckKind):
    name = "required-section"
    description = "文档级检查：大纲中没有某个角色（如原因分析、下一步措施）的部分时报告一次"
    params = {
        "role": Param(str, "必须出现的部分的角色：rectification achievements problems causes measures", required=True),
    }

    def __init__(self, rule):
        super().__init__(rule)

        if self.p["role"] not in ROLES:
            raise ValueError(f"role 只能取 {' '.join(ROLES)}")

    def check(self, ctx: Context) -> Iterable[Hit]:
        role = self.p["role"]
        genre = ctx.genre
        if genre is not None and role not in genre.roles():
            return  # this genre does not expect the part (rules/data/genres.yaml)
        if not ctx.outline.has(role):
            part = genre.part_for(role) if genre is not None else None
            yield Hit(None, None, message=part.message if part is not None else None)


class GenrePartKind(CheckKind):
    name = "genre-part"
    description = "文档级检查：体裁要求的、不对应大纲角色的部分（如述职述廉报告的“廉洁自律情况”）没有出现时报告，每个部分一次"
    params = {}

    def check(self, ctx: Context) -> Iterable[Hit]:
        genre = ctx.genre
        if genre is None:
            return
        doc = ctx.doc
        heads = [h.text for h in ctx.outline.headings]
        # a paragraph may open with the part's name instead of a heading: 在廉洁自律方面，……
        first = (ctx.outline.title_line or 0) + 1
        openings = [doc.check_text[a : min(b, a + 30)] for a, b in map(doc.line_span, range(first, doc.line_count + 1))]
        for part in genre.parts:
            if part.role is not None or not part.words or part.optional:
                continue
            if not any(w in t for t in (*heads, *openings) for w in part.words):
                yield Hit(None, None, vars={"part": part.name, "genre": genre.name}, message=part.message)


class NotAReportKind(CheckKind):
    name = "not-a-report"
    description = "文档级检查：文件读起来不是报告（说明文件、清单、短便条）时报告一次，说明未按报告检查"
    params = {}

    def check(self, ctx: Context) -> Iterable[Hit]:
        if ctx.genre is not None and ctx.genre.id == "none":
            yield Hit(None, None)


def _heading_articles(ctx: Context):
    """The outline's headings and the article each belongs to (computed once per document)."""
    headings = ctx.outline.headings
    article = ctx.cache.get("heading-articles")
    if article is None:
        article = ctx.cache["heading-articles"] = _articles(ctx, headings)
    return headings, article


class HeadingSequenceKind(CheckKind):
    name = "heading-sequence"
    description = "标题序号：同级标题序号跳号、重复、倒退或不从一开始"
    #: the ``check:`` value of the former ``kind: heading-numbering`` that this kind replaces
    replaces = ("heading-numbering", "sequence")
    params = {
        "gap_cues": Param(
            list,
            "两个同级标题之间有这些词（网页隐藏或截断正文的提示）时，跳号是网页造成的，不报",
            default=[],
        ),
    }
    #: the pieces that fill ``{problem}``
    variants = {
        "repeated": "序号与上一个同级标题重复时；可用 {marker}（这个序号）",
        "backward": "序号小于上一个同级标题时；可用 {last}（上一个同级标题的序号）",
        "not-from-one": "同级的第一个标题不是一时；可用 {first}（这一级的第一个序号）",
        "gap": "跳过了序号时；可用 {missing}（缺少的序号）",
    }

    def check(self, ctx: Context) -> Iterable[Hit]:
        headings, article = _heading_articles(ctx)
        yield from self._sequence(headings, article, ctx.text)

    def _sequence(self, headings, article, text: str) -> Iterable[Hit]:
        last: dict[tuple, int] = {}  # (article, id(parent), level) -> last number
        since: dict[tuple, int] = {}  # the same key -> where the last such heading starts
        cues = self.p["gap_cues"]
        for h in headings:
            key = (article[id(h)], _parent_key(h, article), h.level)
            expected = last.get(key, 0) + 1
            last[key] = h.number
            start, since[key] = since.get(key, 0), h.start
            if h.number == expected:
                continue
            if h.number > expected and cues and any(c in text[start:h.start] for c in cues):
                continue  # the missing headings are in the text a web page hid (……此处隐藏N字……)
            if h.number == expected - 1:
                problem = self.phrase("repeated", marker=h.marker)
            elif h.number < expected:
                problem = self.phrase("backward", last=expected - 1)
            elif expected == 1:
                problem = self.phrase("not-from-one", first=number_text(h.level, 1))
            else:
                problem = self.phrase("gap", missing=number_text(h.level, expected))
            yield Hit(
                h.start,
                h.marker_end,
                vars={"problem": problem, "expected": number_text(h.level, expected)},
            )


class HeadingNestingKind(CheckKind):
    name = "heading-nesting"
    description = "标题层级：同一节中层级颠倒（如“1.”之后出现“（一）”）"
    #: the ``check:`` value of the former ``kind: heading-numbering`` that this kind replaces
    replaces = ("heading-numbering", "nesting")
    params = {}

    def check(self, ctx: Context) -> Iterable[Hit]:
        headings, article = _heading_articles(ctx)
        yield from self._nesting(headings, article)

    def _nesting(self, headings, article) -> Iterable[Hit]:
        first_child_level: dict[tuple, int] = {}
        for h in headings:
            parent_key = (article[id(h)], _parent_key(h, article))
            seen = first_child_level.get(parent_key)
            if seen is None:
                first_child_level[parent_key] = h.level
            elif h.level < seen:
                yield Hit(
                    h.start,
                    h.marker_end,
                    vars={
                        "outer": LEVEL_EXAMPLE.get(h.level, ""),
                        "inner": LEVEL_EXAMPLE.get(seen, ""),
                    },
                )


# Where a new article begins on one page: 篇一 / 【篇二】 / 篇(3) / 篇4 (collections of several reports),
# or a second title line in the body (a table of contents above the text, then the title again).
# Each article numbers its headings from 一 again.
_ARTICLE = compile_std(
    r"(?:^|(?<=[\s【\[（(告析料结言文稿会得研职：:]))篇\s*[（(]?(?:" + SMALL + r"{1,3}|\d{1,2})[）)]?(?![\u4e00-\u9fff]{0,1}[章幅目])"
)
_SECOND_TITLE = compile_std(r"^[^。，；：:！？!?、]{4,40}(?:述职报告|述职述廉报告|报告|总结|材料|汇报)$")


def _articles(ctx: Context, headings) -> dict[int, int]:
    """The article (0, 1, 2…) each heading belongs to."""
    doc = ctx.doc
    heading_lines = {h.line for h in headings}
    first = headings[0].line if headings else 0
    bounds = []
    for n in range(1, doc.line_count + 1):
        text = strip(doc.line_text(n))
        if not text:
            continue
        if _ARTICLE.search(text[:40]) or (n > first and n not in heading_lines and _SECOND_TITLE.match(text)):
            bounds.append(n)
    out, k = {}, 0
    for h in headings:
        while k < len(bounds) and bounds[k] <= h.line:
            k += 1
        out[id(h)] = k
    return out


def _parent_key(h, article) -> int | None:
    p = h.parent
    return id(p) if p is not None and article[id(p)] == article[id(h)] else None


class DocumentLengthKind(CheckKind):
    name = "document-length"
    description = "全文字数（不计空白）超过上限时报告一次；上限取配置 max-length，未配置时用规则的 max_chars"
    params = {"max_chars": Param(int, "默认上限（字）", default=5000)}

    def check(self, ctx: Context) -> Iterable[Hit]:
        limit = ctx.settings.max_length or self.p["max_chars"]
        n = sum(1 for c in ctx.doc.text if not c.isspace())
        if n > limit:
            yield Hit(None, None, vars={"chars": n, "limit": limit})
