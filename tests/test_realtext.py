"""Forms that real copied texts take: one finding per paragraph, paragraphs of hard-wrapped text,
excerpts cut off mid-sentence, page counters, masked formulations, spun synonyms."""

from __future__ import annotations

from shuzhi_lint.api import lint_text
from shuzhi_lint.fixing.edits import apply


def codes(text, select, **kw):
    return [f.code for f in lint_text(text, select=select, path="t.txt", **kw)]


def test_pinyin_is_one_finding_per_paragraph_and_the_fix_removes_every_annotation():
    text = "一是加強(qiáng)組織建設(shè)，落實(shí)責任。\n二是抓好學習。\n"
    fs = lint_text(text, select=["AR008"], path="t.txt")
    assert [f.line for f in fs] == [1]
    assert "3处" in fs[0].message
    fixed = apply(text, [f for f in fs if f.fix])
    assert "(" not in fixed and "加強組織建設，落實責任。" in fixed


def test_traditional_text_is_one_document_finding_and_a_mixed_paragraph_one_paragraph_finding():
    whole = "一、主要工作\n組織黨員學習黨章。\n開展主題黨日活動。\n加強隊伍建設。\n"
    fs = lint_text(whole, select=["AR014"], path="t.txt")
    assert len(fs) == 1 and fs[0].match == "" and "4段" in fs[0].message
    mixed = "一、主要工作\n组织党员学习党章。\n開展主題黨日活動。\n加强队伍建设。\n"
    fs = lint_text(mixed, select=["AR014"], path="t.txt")
    assert [f.line for f in fs] == [3] and "開→开" in fs[0].message


def test_quotes_pair_across_hard_wrapped_lines_but_a_missing_half_is_still_found():
    wrapped = ("严格落实“三会一课”制度，定期开展“主题\n"
               "党日”活动，推动组织生活规范化、制度化开\n"
               "展，不断提升党员教育管理的质量和水平，确\n"
               "保取得实效。\n")
    assert codes(wrapped, ["PU008"]) == []
    broken = wrapped.replace("党日”活动", "党日活动")
    assert codes(broken, ["PU008"]) == ["PU008"]


def test_a_mark_cut_off_by_the_end_of_an_excerpt_is_not_reported():
    assert codes("一、主要工作\n全年开展“主题党日活动，", ["PU008"]) == []
    assert codes("一、主要工作\n全年开展“主题党日活动。", ["PU008"]) == ["PU008"]


def test_many_missing_closers_in_a_paragraph_are_one_finding_naming_the_count():
    text = "开展“学党史活动，举办“书记讲党课活动，评选“优秀党员活动，落实“三会一课制度。"
    fs = lint_text(text, select=["PU008", "PU012"], path="t.txt")
    assert [f.code for f in fs] == ["PU008"] and "4处" in fs[0].message


def test_odd_quotes_are_pu012_not_pu008():
    text = "坚决把“两个维护〞落实到位，开展“党员先锋岗〞创建。"
    fs = lint_text(text, select=["PU008", "PU012"], path="t.txt")
    assert [f.code for f in fs] == ["PU012"] and "2处" in fs[0].message


def test_page_counters_are_ar012_and_not_heading_numbers():
    page1 = "1、" + "年初召开党委会研究部署全年党建工作，与各支部签订目标责任书，细化任务清单，明确完成时限，" * 2 + "组织党员重温入"
    text = page1 + "\n2、党誓词，开展主题党日活动。\n"
    fs = lint_text(text, select=["AR012", "PU007"], path="t.txt")
    assert sorted((f.line, f.code) for f in fs) == [(1, "AR012"), (2, "AR012")]
    headings = "一、主要工作\n1、压实主体责任。\n2、加强队伍建设。\n"
    assert sorted(codes(headings, ["AR012", "PU007"])) == ["PU007", "PU007"]


def test_a_mask_in_a_standard_formulation_names_the_standard_form():
    fs = lint_text("组织党员深入学习*思想。", select=["AR002"], path="t.txt")
    assert len(fs) == 1 and "习近平新时代中国特色社会主义思想" in fs[0].message
    fs = lint_text("在***的领导下开展工作。", select=["AR002"], path="t.txt")
    assert len(fs) == 1 and "打了码" in fs[0].message
    assert codes("完成投资**万元，深入学习贯彻党的XX大精神。", ["AR002"]) == []


def test_spun_text_gives_a_document_finding_only_for_several_kinds_of_replacement():
    spun = "牢固树立为人民效劳的意识。出台便民效劳措施。局部党员理想信念淡化。"
    assert sorted(codes(spun, ["AR015", "AR016"])) == ["AR015", "AR015", "AR015", "AR016"]
    one_kind = "牢固树立为人民效劳的意识。出台便民效劳措施。岗位效劳做文章。"
    assert "AR016" not in codes(one_kind, ["AR015", "AR016"])


def test_spaces_of_bylines_headlines_and_run_together_paragraphs_are_not_stray():
    text = ("真抓实干 勇争一流\n第一党支部书记 王某某\n"
            "在《凝心聚力 争创一流》一文中总结了经验。全年走访群众120户。 二、存在问题\n")
    assert codes(text, ["PU010"]) == []
    assert codes("一、 压实主体责任，推动工作落实。", ["PU010"]) == ["PU010"]


def test_an_altered_standard_formulation_names_the_standard_form():
    fs = lint_text("深入学习贯彻习近平新时代中国特色社会主意思想。", select=["AR017"], path="t.txt")
    assert len(fs) == 1 and "习近平新时代中国特色社会主义思想" in fs[0].message
    assert fs[0].fix["replacement"] == "习近平新时代中国特色社会主义思想"
    # another plenum, an added modifier, and a wrong form WD002 already lists are not AR017's
    for ok in ("组织学习党的二十届四中全会精神。", "学习习近平总书记最新重要讲话和重要指示批示精神。",
               "学习习近平新时代特色社会主义思想。"):
        assert codes(ok, ["AR017"]) == [], ok


def test_deleting_a_clause_watermark_leaves_one_comma():
    text = "为排除安全隐患，范.文大.全出.品，确保居民安全。"
    fs = lint_text(text, select=["AR013"], path="t.txt")
    assert apply(text, fs) == "为排除安全隐患，确保居民安全。"
