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
