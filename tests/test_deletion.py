"""WD013: a character left out of a word, found by the segmentation gain at a gap."""

from __future__ import annotations

from pathlib import Path

from shuzhi_lint.api import lint_text
from shuzhi_lint.checks import deletion, lexicon

ROOT = Path(__file__).resolve().parents[1]


def found(text: str, select=("WD013",)):
    return [(f.code, f.match) for f in lint_text(text, select=list(select))]


def test_a_lone_character_after_a_whole_word_is_completed():
    fs = lint_text("今年我们将带领村民续发展特色种植。", select=["WD013"])
    assert [(f.code, f.match) for f in fs] == [("WD013", "村民续")]
    assert "可能应为“村民继续”" in fs[0].message and "“续”在这里与前后的字都不成词" in fs[0].message


def test_close_candidates_are_all_named():
    fs = lint_text("这次共收到各方意见议二十条。", select=["WD013"])
    assert [f.match for f in fs] == ["意见议"]
    assert "“意见会议”或“意见建议”" in fs[0].message


def test_before_a_word_the_gain_must_be_higher():
    # a one-character verb or abbreviation before a word is written alone on purpose
    assert found("坚持以党建促发展，以发展强党建。") == []
    assert found("全力以赴争项目、扩投资、稳增长。") == []
    assert found("认真读原文、记笔记、谈体会。") == []


def test_terms_affixes_and_lists_stay_silent():
    assert found("推进机关党建工作常态化，护林员队伍不断壮大。") == []
    assert found("推动非公企业党建提质增效，成立工作专班。") == []
    assert found("建成一批阵地新、服务优、作风实的示范支部。") == []
    assert found("举办3期基层党组织书记培训班。") == []


def test_a_form_written_twice_is_a_term():
    once = "今年我们将带领村民续发展特色种植。"
    assert found(once) == [("WD013", "村民续")]
    assert found(once + "\n明年继续带领村民续发展特色种植。") == []


def test_a_phrase_of_the_data_is_left_to_wd009():
    # 利用有效形式: WD009 reports it, WD013 does not report the same place again
    both = found("探索群众参与治理的利用效形式。", select=("WD009", "WD013"))
    assert [c for c, _ in both] == ["WD009"]


def test_traditional_text_is_not_checked():
    assert found("黨員聯系務群衆工作。") == []


def test_index_lists_the_most_frequent_words_first():
    data = lexicon.SpellingData(lexicon.parse((ROOT / "rules" / "data" / "spelling.txt").read_text(encoding="utf-8")))
    after, before = deletion._build_index(data, 100)
    # 服务 is far more frequent than the other words ending in 务
    assert before["务"].index("服") < before["务"].index("医")
    freqs = [data.freq(x + "务") for x in before["务"]]
    assert freqs == sorted(freqs, reverse=True) and min(freqs) >= 100
    assert "务" in after["服"]


def test_a_bound_character_inside_a_clause_is_completed():
    # 实 written alone is rare beside its use inside words (落实, 实现): what is left of 落实
    assert found("各村建立了监督制度，确保责任制得到有效实。") == [("WD013", "有效实")]
    assert found("各村建立了监督制度，确保责任制得到有效落实。") == []


def test_a_clause_edge_is_a_gap_too():
    assert found("体党员参加了集中学习，撰写心得体会。") == [("WD013", "体党员")]
    assert found("经过整改，群众满意度明显提。") == [("WD013", "明显提")]
    fs = lint_text("今年以来，们扎扎实实推进各项工作。", select=["WD013"])
    assert [f.match for f in fs] == ["们扎扎实实"] and "“我们扎扎实实”" in fs[0].message
    assert found("今年以来，我们扎扎实实推进各项工作。") == []


def test_a_wrapped_line_opens_no_clause():
    # the line before ends in a character: the word was cut by the layout (党|员干部), not written so
    assert found("支部召开了全体党员大会，要求全体党\n员干部带头。", select=("WD009", "WD013")) == []
    assert found("支部召开了全体党员大会。\n员干部带头落实。", select=("WD009",)) == [("WD009", "员干部")]
    assert found("会上，我们要求全\n体党员带头。") == []


def test_written_alone_on_purpose_stays_silent():
    assert found("存在重业务、轻党建的倾向，抓理论学习还不够严。") == []
    assert found("推行“周调度、月通报、季考核”工作机制。") == []
    assert found("全年受理信访举报二百一十三件次，我局主要负责人带头接访。") == []
    assert found("现将本人履职情况报告如下。") == []
    assert found("党员干部学纪知纪明纪守纪，严肃追责问责。") == []
    assert found("全力以赴争项目、扩投资，成立以纪工委为主的督导组。") == []


def test_wd009_idiom_remnants_and_reduplications():
    assert found("我们持之恒抓好作风建设。", select=("WD009", "WD013")) == [("WD009", "持之恒")]
    assert found("把纪律挺在前面，微杜渐。", select=("WD009",)) == [("WD009", "微杜渐")]
    assert found("我们扎扎实实推进各项工作。", select=("WD009", "WD013")) == []


def test_bound_characters_are_derived_from_the_dictionary():
    data = lexicon.SpellingData(lexicon.parse((ROOT / "rules" / "data" / "spelling.txt").read_text(encoding="utf-8")))
    inside = deletion._build_bound(data)

    def ratio(c):
        return data.freq(c) / inside[c]
    # 体, 务 are mostly written inside words; 的, 在 mostly alone
    assert ratio("体") < 0.3 and ratio("务") < 0.3
    assert ratio("的") > 1 and ratio("在") > 1


def test_the_reports_own_word_is_named_first():
    # 全体 written elsewhere in the report: the likeliest completion, and 体党员 inside 全体党员
    # there is not the same form written twice
    text = "体党员参加了集中学习，撰写心得体会。\n全体干部参加了培训，全体党员都参加。"
    fs = lint_text(text, select=["WD013"])
    assert [f.match for f in fs] == ["体党员"] and "可能应为“全体党员”" in fs[0].message
    fs = lint_text("确保责任制得到有效实。\n各项制度落实到位，落实责任。", select=["WD013"])
    assert "可能应为“有效落实”" in fs[0].message
