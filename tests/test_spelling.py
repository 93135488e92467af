"""The wording checks beyond word lists (WD006-WD012) and their data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from shuzhi_lint.api import lint_text
from shuzhi_lint.checks import lexicon, linescan, spelling

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "rules" / "data" / "spelling.txt"


@pytest.fixture(scope="module")
def data():
    return lexicon.SpellingData(lexicon.parse(DATA.read_text(encoding="utf-8")))


def codes(text: str, select=("WD",)):
    return [(f.code, f.match) for f in lint_text(text, select=list(select))]


def test_data_lookups(data):
    assert data.is_word("部署") and data.is_word("党支部") and not data.is_word("部暑")
    assert data.is_target("冥思苦想") and data.is_target("治理体系")
    assert not data.is_real("再接再励")  # jieba lists it at the lowest frequency: a misspelling
    assert data.is_redup("常常") and data.is_redup("扎扎实实") and not data.is_redup("加加")
    assert (3, "再接再厉") in set(data.substitutions("再接再励"))
    assert ("治理能力", 1) in set(data.deletions("治能力"))
    # the phrase is there: 效途径 inside 有效途径 is no missing character
    assert ("有效途径", 0) not in set(data.deletions("效途径", before="有"))
    assert ("有效途径", 0) in set(data.deletions("效途径", before="的"))
    assert data.reading_relation("励", "厉") == "同音"
    assert data.reading_relation("是", "厉") is None


def test_planted_slips_are_found_where_they_are():
    report = (
        "一、履职情况\n"
        "全年我们扎扎实实的推进支部标准化建设，支部圆满的完成了目标任务，"
        "希望大家再接再励。进一步进一步压实责任，提升基层治能力。\n"
        "二、存在的问题\n"
        "对政策学习的不够深入，这是客原因造成的。这次警示教育令人震憾。\n"
    )
    found = codes(report)
    assert ("WD006", "的") in found and sum(1 for c, _ in found if c == "WD006") == 3
    # the typo list (WD001) and the phrase check (WD008) both know it: reported once
    assert [c for c, m in found if m == "再接再励"] in (["WD001"], ["WD008"])
    assert ("WD007", "进一步进一步") in found
    assert ("WD009", "治能力") in found and ("WD009", "客原因") in found
    assert ("WD010", "震憾") in found


def test_the_same_report_written_correctly_is_silent():
    report = (
        "一、履职情况\n"
        "全年我们扎扎实实地推进支部标准化建设，支部圆满地完成了目标任务，"
        "希望大家再接再厉。进一步压实责任，提升基层治理能力。\n"
        "二、存在的问题\n"
        "对政策学习得不够深入，这是客观原因造成的。这次警示教育令人震撼。"
        "工作中存在的不足，群众反映的问题得到了及时的处理，始终保持扎实的作风。\n"
    )
    assert codes(report) == []


def test_wd011_is_opt_in():
    text = "部分裙众对政策还不了解。"
    assert [c for c, _ in codes(text)] == ["WD012"]  # the default context check finds it instead
    found = [(f.code, f.match) for f in lint_text(text, select=["WD011"])]
    assert found == [("WD011", "裙众")]


def test_frequencies_of_the_full_dictionary(data):
    assert data.freq("认真") >= 1000 and data.freq("韧真") == 0
    assert data.freq("一") > data.freq("认真") > 0
    assert data.freq("再接再厉") > 0 and data.freq("治理体系") > 0  # targets, the genre's own included
    assert data.total > 10_000_000
    assert "认" in data.homophones("韧") and "韧" not in data.homophones("韧")


def test_wd012_finds_a_homophone_that_makes_no_word():
    found = lint_text("全体党员韧真学习新修订的党章，部分裙众还不知情。", select=["WD012"])
    assert [(f.match, (f.fix or {}).get("replacement")) for f in found] == [("韧真", "认真"), ("裙众", "群众")]
    assert "“韧”与“认”同音" in found[0].message


def test_wd012_is_silent_on_terms_names_and_traditional_text():
    assert codes("全体党员认真学习新修订的党章，部分群众还不知情。", select=["WD012"]) == []
    # a form written twice in a report is taken for a term of its own (客服, 微课), not a slip
    assert codes("部分裙众还不知情，裙众意见较大。", select=["WD012"]) == []
    # a character before the name of a body abbreviates it (纪|工委)
    assert codes("成立以纪工委为主的督导组。", select=["WD012"]) == []
    # traditional characters around: not typed with a simplified input method
    assert codes("全體黨員韧真學習黨章。", select=["WD012"]) == []


def test_wd012_takes_the_reports_own_word_as_evidence():
    # 牌 between two words (全年选|牌|二十名) falls short of the between-words gain on its own: the
    # report writing 选派 elsewhere is what makes it a finding
    assert codes("全年选牌二十名年轻干部到基层锻炼。", select=["WD012"]) == []
    assert codes("组织部选派了驻村第一书记。全年选牌二十名年轻干部到基层锻炼。", select=["WD012"]) == [("WD012", "选牌")]
    # 烩 (上级|烩|报工作) gains enough between two words by itself
    assert [m for _, m in codes("支部定期向上级烩报工作。", select=["WD012"])] == ["烩报"]
    # a character that makes a rare word of the dictionary with its neighbour (行尾) is no slip,
    # whatever the report writes elsewhere (行为)
    assert codes("要规范党员的言行，注重个人行为。批注写在行尾作用于本行。", select=["WD012"]) == []


def test_wd012_weaker_evidence_by_structure():
    # a function word: words on both sides (完成|肋|换届); never on the report's own use of it
    assert codes("我们高标准地完成肋换届选举工作。", select=["WD012"]) == [("WD012", "肋")]
    assert codes("我们成立了为民服务代理室，建立了乡村服务站。这是好事。", select=["WD012"]) == []
    # a character that forms few words between two whole words: less gain will do (我们|姜|聚焦)
    assert codes("我们姜聚焦短板弱项，补齐短板。", select=["WD012"]) == [("WD012", "姜")]
    assert codes("每季度讲一次微党课。", select=["WD012"]) == []
    # beside a clause's edge or a lone function word, but not in a four-character slogan
    assert codes("我们把群众的唬声作为第一信号。", select=["WD012"]) == [("WD012", "唬声")]
    assert codes("开展“以唬促干”活动。", select=["WD012"]) == []
    # a three-character word between words; a character that forms few words between words
    assert codes("我们扎实推进党支部规范话建设。", select=["WD012"]) == [("WD012", "规范话")]
    assert codes("全年收胶党费一万二千元。", select=["WD012"]) == [("WD012", "收胶")]
    # a frame with the character twice is a construction, not a slip
    assert codes("座谈会上大家聊东聊西，气氛融洽。", select=["WD012"]) == []
    # before a body's name: a word with the content character before it, not a function word
    assert codes("成立以纪工委为主的督导组。", select=["WD012"]) == []
    assert [m for _, m in codes("国祁党委推动党建与生产经营深度融合。", select=["WD012"])] == ["国祁"]


def test_wd012_number_and_function_slots():
    # a measure word after a numeral or 各/每, with what is counted or a clause's end after it
    assert codes("全年共排查风险隐患三十六割。", select=["WD012"]) == [("WD012", "六割")]
    assert codes("每鸣党员都要联系服务群众。", select=["WD012"]) == [("WD012", "每鸣")]
    # but not in a frame of numbers (一镇三乡, 两学一做), not before a quote, not 每 + 元
    assert codes("推行一镇三乡联合行动，开展“两学一做”学习教育。", select=["WD012"]) == []
    assert codes("我们建设了一园一策的管理模式，每园配备一名管理员。", select=["WD012"]) == []
    assert codes("全年发放各类补贴五十万园。", select=["WD012"]) == [("WD012", "万园")]
    # a place unit after a numeral while the number goes on
    assert codes("群众参保率达到百分之九柿以上。", select=["WD012"]) == [("WD012", "九柿")]
    # a conjunction between two alike words; a verb before a lone 了
    assert codes("坚持系统性河整体性相统一。", select=["WD012"]) == [("WD012", "河")]
    assert codes("各村先后组见了老年协会。", select=["WD012"]) == [("WD012", "组见")]
    assert codes("各村先后组建了老年协会，了解群众需求。", select=["WD012"]) == []


def test_wd012_rare_words_beside_the_slip():
    # a rare word whose other character belongs to a frequent word beyond it (开展|线场: 展线)
    # holds no weaker case back
    assert codes("我们认真开展线场督导，完成六次调研。", select=["WD012"]) == [("WD012", "线场")]
    # a rare word where a same-reading character makes a frequent one with the same neighbour
    found = lint_text("镇党委组织理论学习众心组学习八次。", select=["WD012"])
    assert [(f.match, f.fix is not None) for f in found] == [("众心", True)]
    assert "很少用" in found[0].message and "中心" in found[0].message
    # not the words of official prose the dictionary holds rarely, nor a rare word written twice
    assert codes("四十岁以下正科级干部占比提高，群众诉求一键直达。", select=["WD012"]) == []
    assert codes("党员干部要敢于发声亮剑，向贫困开战。", select=["WD012"]) == []
    assert codes("众心组学习八次，众心组成员全部参加。", select=["WD012"]) == []


def test_slip_index_lookups(data):
    raw = spelling._build_slip_index(data, 100)
    index = spelling._SlipIndex(raw)
    assert "认" in index.homophones("韧") and "韧" not in index.homophones("韧")
    entry = index.get(">真")  # common characters before 真 in frequent words: 认真 among them
    assert "认" in entry[:len(entry) // 2]
    assert index.get(">\u0001") == ""


def test_one_character_county_keeps_its_own_xian():
    assert codes("赵县县委书记到村调研。", select=["WD002"]) == []
    assert codes("中共滑县县委书记到村调研。", select=["WD002"]) == []
    assert codes("桃源县县委书记到村调研。", select=["WD002"]) == [("WD002", "县县委书记")]


@pytest.mark.skipif(importlib.util.find_spec("pypinyin") is None, reason="pypinyin (the data extra) is not installed")
def test_shipped_data_is_what_the_builder_makes(tmp_path):
    from shuzhi_lint import spelldata

    out = tmp_path / "spelling.txt"
    spelldata.build(out, ROOT / "rules" / "data" / "official_phrases.txt")
    assert out.read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8"), "run python -m shuzhi_lint.spelldata"


def test_line_checks_give_the_same_hits_clause_by_clause(monkeypatch):
    """WD008, WD009 and WD012 take a line not seen before clause by clause (``linescan.by_line``): the
    hits must be those of the whole line, whatever stands just beyond a clause's cut."""
    slips = ["希望大家再接再励", "提升基层治能力", "这是客原因造成的", "要把规矩挺在前面", "微杜渐", "客原因",
             "基层党组织要发挥战斗堡"]
    joints = ["，", "。", "：", "、", "；", "！", "？"]
    lines = []
    for k, slip in enumerate(slips):
        for j, joint in enumerate(joints):
            other = slips[(k + j + 1) % len(slips)]
            lines.append(f"{other}{joint}{slip}{joints[(j + k) % len(joints)]}{other[:j + 1]}{joint}{k}{slip[-2:]}")
    # WD012 stays silent on a form written twice: each of its slips once
    lines.append("3月，部分裙众还不知情；及时掌握党员的思想动泰，支部定期向上级烩报工作。")
    text = "一、履职情况\n" + "\n".join(lines) + "\n"
    select = ("WD008", "WD009", "WD012")
    monkeypatch.setattr(linescan, "_PIECE_COST", -10**9)  # every clause on its own, not the whole line
    monkeypatch.setattr(linescan, "_WARM_LINES", 0)
    clause_wise = [(f.code, f.line, f.column, f.message) for f in lint_text(text, select=list(select))]
    monkeypatch.setattr(linescan, "_CLAUSE_CUT", linescan.re.compile("(?!)"))  # whole lines only
    line_wise = [(f.code, f.line, f.column, f.message) for f in lint_text(text, select=list(reversed(select)))]
    assert clause_wise == line_wise
    assert {c for c, *_ in line_wise} == set(select)
