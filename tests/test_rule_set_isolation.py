"""Two rule sets in one process each get their own results, whichever is linted first.

Derived data (the correspondence matcher, compiled word lists, the tokenizer, last year's parsed
report) lives with each rule set's data store; a process-wide cache under a fixed key would hand
the second rule set the first one's data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi_lint.builtin import rules_dir
from shuzhi_lint.config import Config
from shuzhi_lint.document import Document
from shuzhi_lint.engine import Linter
from shuzhi_lint.plugins import collect

TEXT = (
    "一、履职情况\n全年召开会议12次。\n"
    "二、存在的问题\n一是理论学习不够深入。二是党员管理不够严格。\n"
    "三、原因分析\n一是思想认识不到位。二是责任意识不强。\n"
    "四、下一步措施\n一是深化理论武装。二是加强党员教育管理。\n"
)


@pytest.fixture
def strict_rules(tmp_path: Path) -> Path:
    """A rule folder whose own data/topics.yaml demands a near-perfect match (threshold 0.99)."""
    topics = (rules_dir() / "data" / "topics.yaml").read_text(encoding="utf-8")
    assert "\nthreshold: 0.3\n" in topics
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "topics.yaml").write_text(topics.replace("\nthreshold: 0.3\n", "\nthreshold: 0.99\n"), encoding="utf-8")
    (tmp_path / "data" / "userdict.txt").write_text("甲乙丙丁戊 100 n\n", encoding="utf-8")
    return tmp_path


def unanswered(linter: Linter) -> int:
    result = linter.lint_document(Document(path="report.txt", text=TEXT))
    return sum(1 for f in result.findings if f.code == "CR001")


def fresh(rules: list[str]) -> Linter:
    return Linter(collect(), Config(select=["CR001"], rules=rules))


@pytest.mark.parametrize("strict_first", [True, False])
def test_each_rule_set_gets_its_own_correspondence_data(strict_rules, strict_first):
    strict, default = fresh([str(strict_rules)]), fresh([])
    if strict_first:
        got = {"strict": unanswered(strict), "default": unanswered(default)}
    else:
        got = {"default": unanswered(default), "strict": unanswered(strict)}
    # the default topics answer both problems; at threshold 0.99 neither measure does
    assert got == {"strict": 2, "default": 0}


@pytest.mark.parametrize("strict_first", [True, False])
def test_each_rule_set_gets_its_own_tokenizer(strict_rules, strict_first):
    from shuzhi_lint.tokenizer import get_tokenizer

    strict, default = fresh([str(strict_rules)]), fresh([])
    order = [strict, default] if strict_first else [default, strict]
    cuts = {id(lt): get_tokenizer(lt.data).cut("甲乙丙丁戊") for lt in order}
    assert cuts[id(strict)] == ["甲乙丙丁戊"]  # its own user dictionary has the word
    assert cuts[id(default)] != ["甲乙丙丁戊"]
    # rule sets with the same dictionaries share one tokenizer (loaded once)
    assert get_tokenizer(fresh([]).data) is get_tokenizer(default.data)


@pytest.mark.parametrize("custom_first", [True, False])
def test_each_rule_set_gets_its_own_spelling_data(tmp_path, custom_first):
    """The characters never taken for a slip come from the rule set's own tokenizer: a folder whose
    dictionary makes 励 a frequent word of its own silences 再接再励 there, and only there."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "userdict.txt").write_text("励 99999999 n\n", encoding="utf-8")
    text = "全体党员再接再励，推动各项工作落实。\n"

    def slips(linter: Linter) -> int:
        return sum(f.code == "WD008" for f in linter.lint_document(Document(path="r.txt", text=text)).findings)

    custom = Linter(collect(), Config(select=["WD008"], rules=[str(tmp_path)]))
    default = Linter(collect(), Config(select=["WD008"]))
    order = [("custom", custom), ("default", default)]
    got = dict((name, slips(lt)) for name, lt in (order if custom_first else order[::-1]))
    assert got == {"custom": 0, "default": 1}


@pytest.mark.parametrize("custom_first", [True, False])
def test_each_rule_set_gets_its_own_de_usage_words(tmp_path, custom_first):
    """WD006's adverbials and complements are data (rules/data/de_usage.yaml): a folder whose own
    file drops 圆满 and 不到位 is silent on them, and the default rule set still reports both."""
    words = (rules_dir() / "data" / "de_usage.yaml").read_text(encoding="utf-8")
    assert " 圆满, " in words and "  - 不到位\n" in words
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "de_usage.yaml").write_text(words.replace(" 圆满, ", " ").replace("  - 不到位\n", ""), encoding="utf-8")
    text = "支部圆满的完成年度任务。对上级部署的任务落实的不到位。\n"

    def found(linter: Linter) -> int:
        return sum(f.code == "WD006" for f in linter.lint_document(Document(path="r.txt", text=text)).findings)

    custom = Linter(collect(), Config(select=["WD006"], rules=[str(tmp_path)]))
    default = Linter(collect(), Config(select=["WD006"]))
    order = [("custom", custom), ("default", default)]
    got = dict((name, found(lt)) for name, lt in (order if custom_first else order[::-1]))
    assert got == {"custom": 0, "default": 2}
