"""AR020 (spliced-watermark): the cases the rule's examples cannot show.

The sentences and slogans are written for these tests; no real site's name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi_lint.builtin import rules_dir
from shuzhi_lint.config import Config
from shuzhi_lint.document import Document
from shuzhi_lint.engine import Linter
from shuzhi_lint.errors import RuleError
from shuzhi_lint.plugins import collect


def lint(text: str, codes=("AR020",), rules=()) -> list[tuple[str, str]]:
    linter = Linter(collect(), Config(select=list(codes), rules=[str(r) for r in rules]))
    return [(f.code, f.match) for f in linter.lint_document(Document(path="a.txt", text=text)).findings]


def test_a_join_into_a_standard_formulation_decides_a_weak_run():
    # 青禾文秘 alone scores 3 (文秘, a name before it); cutting 全心全意为人民服务 in two adds the
    # join (人民|服务 are two words, so only the formulation data shows the cut)
    assert lint("始终坚持全心全意为人民青禾文秘服务的宗旨。") == [("AR020", "青禾文秘")]
    assert lint("组织党员青禾文秘走访困难群众。") == []


def test_a_recurring_run_counts_only_in_other_company():
    once = "组织党员云帆文秘走访困难群众。"
    assert lint(once) == []
    assert lint(once + "\n全年开展集中学习云帆文秘十二次。") == [("AR020", "云帆文秘"), ("AR020", "云帆文秘")]
    # the same neighbours on one side both times: a phrase the author repeats, not a watermark
    assert lint(once + "\n安排干部云帆文秘走访困难群众。") == []


def test_mid_clause_signatures_are_ar020s_and_clause_final_ones_ar019s():
    codes = ("AR001", "AR013", "AR019", "AR020")
    assert lint("推动基层党建青禾文秘网整理工作提质增效。", codes) == [("AR020", "青禾文秘网整理")]
    assert lint("全年组织党员集中学习十二次青禾文秘网整理，开展主题党日活动。", codes) == [("AR019", "青禾文秘网整理")]


def test_the_fix_deletes_exactly_the_run():
    linter = Linter(collect(), Config(select=["AR020"]))
    text = "坚持全面从严治海川文库原创党，推动基层党建青禾范文网整理工作提质增效。"
    result = linter.lint_document(Document(path="a.txt", text=text))
    for f in sorted(result.findings, key=lambda f: -f.start):
        assert f.fix == {"replacement": "", "applicability": "unsafe"}
        text = text[:f.start] + text[f.end:]
    assert text == "坚持全面从严治党，推动基层党建工作提质增效。"


def test_fixing_a_word_cut_by_a_watermark_removes_the_watermark_and_adds_nothing(tmp_path, cli):
    """The cut word (从严治|党) reads as a missing character (WD009) until the watermark is gone: the
    two touching fixes are never applied in one pass, the deletion goes first, and the re-lint
    finds nothing more to add."""
    report = tmp_path / "r.txt"
    report.write_text("全面从严治江南文苑原创党，推动基层党建工作提质增效。\n", encoding="utf-8")
    code, _out, _err = cli("--fix", "--unsafe-fixes", "--select", "AR020,WD009,AR018", str(report))
    assert report.read_text(encoding="utf-8") == "全面从严治党，推动基层党建工作提质增效。\n"


def test_a_watermark_inside_a_longer_artifact_is_not_reported_twice():
    """One defect, one finding: the account named inside a share-to-read notice (AR009) or a page's
    chrome line (AR010) is part of what those findings delete."""
    from shuzhi_lint.api import lint_text

    text = "以上为部分内容，扫码关注公众号获取全文。\n推动基层党建工作提质增效，扫一扫关注公众号青山小王获取完整版。\n"
    codes = [f.code for f in lint_text(text, select=["AR"]) if f.code.startswith("AR")]
    assert codes == ["AR009", "AR010"]
    # the same for wrong words: the listed misspelling (WD010, with its fix) is reported once, not again
    # by the same-reading checks on the same word or on a part of it
    text = "面对困难不能走头无路，坚决反对弄虚做假。\n"
    assert [(f.code, f.match) for f in lint_text(text, select=["WD"])] == [("WD010", "走头无路"), ("WD010", "弄虚做假")]


@pytest.fixture
def own_words(tmp_path: Path) -> Path:
    """A rule folder whose data/watermarks.yaml knows one more watermark word, 书苑."""
    data = (rules_dir() / "data" / "watermarks.yaml").read_text(encoding="utf-8")
    assert "\n  文库: 3\n" in data
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "watermarks.yaml").write_text(data.replace("\n  文库: 3\n", "\n  文库: 3\n  书苑: 3\n"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("own_first", [True, False])
def test_a_folders_own_words_count_only_for_that_folder(own_words, own_first):
    text = "推动基层党建青禾书苑工作提质增效。"
    runs = [("own", [own_words]), ("default", [])] if own_first else [("default", []), ("own", [own_words])]
    got = {name: lint(text, rules=rules) for name, rules in runs}
    assert got == {"own": [("AR020", "青禾书苑")], "default": []}


def test_a_bad_vocabulary_file_stops_the_run_naming_the_field(cli, tmp_path):
    data = (rules_dir() / "data" / "watermarks.yaml").read_text(encoding="utf-8")
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "watermarks.yaml"
    path.write_text(data.replace("\n  文库: 3\n", "\n  文库: many\n"), encoding="utf-8")
    report = tmp_path / "a.txt"
    report.write_text("2024年度述职报告\n一、主要工作\n全年召开支委会12次。\n", encoding="utf-8")
    code, out, err = cli("--rules", tmp_path, report)
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert "watermarks" in err and "words" in err and "文库" in err, err


def test_lengths_are_checked_when_the_rule_loads(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "- code: ZZ001\n  name: my-watermark\n  category: artifact\n  severity: warning\n"
        "  kind: spliced-watermark\n  min_length: 8\n  max_length: 6\n  message: \"{match}\"\n"
        "  messages:\n    again: \"{match}\"\n", encoding="utf-8")
    with pytest.raises(RuleError, match="min_length"):
        Linter(collect(), Config(rules=[str(tmp_path)], select=["ZZ001"]))


# --- AR021 (recurring-splice): the same run in several places, whatever it says -------------------

PLANTED = "坚持全面从严治青山笔谈党，压实责任。\n组织党员青山笔谈走访困难群众。\n全年召开支委会青山笔谈十二次。"


def test_a_run_repeated_into_sentences_is_found_when_it_cuts_a_word_somewhere():
    assert lint(PLANTED, ("AR020", "AR021")) == [("AR021", "青山笔谈")] * 3


def test_a_run_that_never_cuts_a_word_is_the_authors():
    # the same three places, but 治|党 not cut: every occurrence sits between words
    text = PLANTED.replace("坚持全面从严治青山笔谈党", "坚持青山笔谈全面从严治党")
    assert lint(text, ("AR021",)) == []


def test_a_recurring_run_with_watermark_words_is_ar020s_alone():
    text = PLANTED.replace("青山笔谈", "青山文库")
    assert lint(text, ("AR020", "AR021")) == [("AR020", "青山文库")] * 3


def test_counts_are_checked_when_the_rule_loads(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "- code: ZZ002\n  name: my-recurring\n  category: artifact\n  severity: warning\n"
        "  kind: recurring-splice\n  min_count: 3\n  min_joins: 4\n  message: \"{match}\"\n", encoding="utf-8")
    with pytest.raises(RuleError, match="min_count"):
        Linter(collect(), Config(rules=[str(tmp_path)], select=["ZZ002"]))
