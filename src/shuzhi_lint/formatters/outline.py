"""``--outline`` (``--format outline``, with ``--format json`` ``outline-json``): the parsed
structure of each report, readable or as the JSON outline contract (docs/contracts.md), with
what kinds add to it (the problem–cause–measure table)."""

from __future__ import annotations

import json

from shuzhi_lint.labels import ROLE_CN
from shuzhi_lint.safetext import visible, visible_path


_GENRE_SOURCE = {
    "option": "由 --genre 指定",
    "config": "由配置指定",
    "title": "由标题识别",
    "opening": "由开头识别",
    "fallback": "未识别出体裁",
    "not-a-report": "不是报告，未按报告检查",
}


def _short(text: str, n: int = 36) -> str:
    return visible(text if len(text) <= n else text[: n - 1] + "…")


def render_outline(results, as_json: bool) -> str:
    outlines = [r.outline for r in results if r.outline is not None]
    if as_json:
        return json.dumps([o.as_dict() for o in outlines], ensure_ascii=False, indent=2) + "\n"
    out = []
    for o in outlines:
        out.append(visible_path(o.path))
        out.append(f"  标题：{visible(o.title or '（无）')}    年度：{o.year or '（未识别）'}")
        if getattr(o, "genre", None):
            how = _GENRE_SOURCE.get(o.genre_source or "", "")
            out.append(f"  体裁：{o.genre_name}（{o.genre}{'，' + how if how else ''}）")
        for s in o.sections:
            head = f"“{_short(s.heading, 30)}”" if s.heading else "（无标题，由段落开头识别）"
            out.append(f"  [{ROLE_CN.get(s.role, s.role)}] 第 {s.line}–{s.end_line} 行 {head}")
            for i, item in enumerate(s.items, 1):
                where = f"{item.line}" if item.line == item.end_line else f"{item.line}–{item.end_line}"
                out.append(f"      {i}. （第 {where} 行）{_short(item.text)}")
        if o.correspondence is not None:
            out.extend(_correspondence_table(o))
        out.append("")
    return "\n".join(out) + "\n"


def _correspondence_table(o) -> list[str]:
    problems = o.items("problems")
    measures = o.items("measures")
    rows = ["  对应关系（问题 → 原因 / 措施，相似度）："]
    for row in o.correspondence:
        p = problems[row["problem"]] if row["problem"] < len(problems) else None
        label = _short(p.head or p.text, 24) if p else f"问题 {row['problem'] + 1}"
        cs = "、".join(f"原因{c + 1}" for c in row["causes"]) or "无"
        ms = "、".join(f"措施{m + 1}“{_short(measures[m].head or measures[m].text, 14)}”" for m in row["measures"] if m < len(measures)) or "无对应措施"
        rows.append(f"    问题{row['problem'] + 1}“{label}” → {cs} / {ms}（{row['score']:.2f}）")
    return rows


class OutlineFormatter:
    """The outlines, readable."""

    name = "outline"
    binary = False
    needs_documents = True
    needs_outline_annotations = True
    shows_findings = False

    def render(self, results, ctx) -> str:
        return render_outline([r for r in results if r.error is None], as_json=False)


class OutlineJsonFormatter(OutlineFormatter):
    """The outlines as the JSON outline contract."""

    name = "outline-json"

    def render(self, results, ctx) -> str:
        return render_outline([r for r in results if r.error is None], as_json=True)
