"""Markdown syntax and web addresses are not prose: no finding points into them and no fix, safe
or unsafe, changes them; the prose around them is still checked with exact positions."""

from __future__ import annotations

import json

import pytest

SYNTAX = [
    "tags: [党建,述职]",
    "title: 述职,报告",
    "(https://example.org/学习,材料)",
    "(img/图示,一.png)",
    "[ref1]: https://example.org/参考,资料 \"标题,一\"",
    "`a,b`",
    "驾驭全盘,促进发展甲",
    "    缩进代码,不改",
    "<span style=\"color:red,blue\">",
    "</span>",
    "https://example.org/路径,二",
    "<https://example.org/自动,链接>",
]

MD = """---
tags: [党建,述职]
title: 述职,报告
---

# 2024年度抓基层党建工作述职报告

学习材料见[学习材料](https://example.org/学习,材料)，图示见![示意图](img/图示,一.png)。参考[资料][ref1]。

[ref1]: https://example.org/参考,资料 "标题,一"

代码 `a,b` 不改，正文驾驭全盘,促进发展。

```
驾驭全盘,促进发展甲
```

上文说明。

    缩进代码,不改

<span style="color:red,blue">坚持党的领导</span>，网址 https://example.org/路径,二 也不改，<https://example.org/自动,链接>。

- 列表项目

    列表续行驾驭全盘,促进发展。
"""


def test_fix_and_unsafe_fix_leave_markdown_syntax_alone(cli, tmp_path):
    p = tmp_path / "r.md"
    p.write_text(MD, encoding="utf-8")
    code, out, err = cli("--fix", "--unsafe-fixes", p)
    assert "Traceback" not in err
    fixed = p.read_text(encoding="utf-8")
    for piece in SYNTAX:
        assert piece in fixed, piece
    # the prose is still fixed: the comma after 正文 and the one in the list item's paragraph
    assert "正文驾驭全盘，促进发展。" in fixed
    assert "列表续行驾驭全盘，促进发展。" in fixed


def test_no_finding_points_into_syntax_and_positions_stay_exact(cli, tmp_path):
    p = tmp_path / "r.md"
    p.write_text(MD, encoding="utf-8")
    code, out, err = cli("--format", "json", p)
    findings = json.loads(out)
    from shuzhi_lint.loaders.markup import markdown_spans

    lines = MD.split("\n")
    spans = markdown_spans(MD)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for f in findings:
        if not f["match"]:
            continue
        a = starts[f["line"] - 1] + f["column"] - 1
        b = starts[f["end_line"] - 1] + f["end_column"] - 1
        assert MD[a:b] == f["match"], f  # offsets still index the source text
        assert not any(s < b and a < e for s, e in spans), f
    assert any(f["code"] == "PU001" and f["match"] == "," and f["line"] == 12 for f in findings)


def test_urls_in_plain_text_are_not_fixed(cli, tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("详见 https://example.org/学习,材料 和www.example.org/a,b，驾驭全盘,促进发展。\n", encoding="utf-8")
    cli("--fix", "--unsafe-fixes", p)
    assert p.read_text(encoding="utf-8") == "详见 https://example.org/学习,材料 和www.example.org/a,b，驾驭全盘，促进发展。\n"


@pytest.mark.parametrize(
    "text, masked",
    [
        ("见https://a.org/x,y。", "https://a.org/x,y"),
        ("见(https://a.org/x)，好", "https://a.org/x"),
        ("访问www.gov.cn，欢迎", "www.gov.cn"),
    ],
)
def test_url_spans_end_where_the_address_ends(text, masked):
    from shuzhi_lint.loaders.markup import url_spans

    (a, b), = url_spans(text)
    assert text[a:b] == masked


def test_indented_lines_in_a_list_are_prose_not_code():
    from shuzhi_lint.loaders.markup import markdown_spans

    text = "- 项目一\n\n    续行,文字\n\n正文\n\n    真正的代码,x\n"
    spans = markdown_spans(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert "真正的代码" in covered and "续行" not in covered
