"""One defect, one finding between rules that say so in YAML (``supersedes``, ``yields_to``).

The engine's one-defect step keeps one finding of two whose texts share a character (the same text,
one inside the other, or overlapping) when either rule names the other: the masked-text rule AR002 and the slot rules (PH) read the
same star run; the slot's message says what to fill in, AR002's names the standard formulation
a mask hides. The engine knows no rule code: custom rules get the same treatment.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi_lint.api import lint_text
from shuzhi_lint.config import Config
from shuzhi_lint.document import Document
from shuzhi_lint.engine import Linter
from shuzhi_lint.errors import RuleError
from shuzhi_lint.plugins import collect

MASK_AND_SLOT = ["AR002", "PH001", "PH002", "PH004", "PH005"]


def found(text: str, select=MASK_AND_SLOT) -> list[tuple[str, str, bool]]:
    """(code, match, whether the message names a standard form) of each finding."""
    return [(f.code, f.match, "按上下文应为" in f.message) for f in lint_text(text, select=select, path="t.txt")]


@pytest.mark.parametrize("text,expected", [
    # a mask the slot grammar reads as a name or content: the slot's finding says what to fill in
    ("在***的领导下开展工作。", [("PH002", "***", False)]),
    ("由＊＊同志负责联系群众。", [("PH002", "＊＊", False)]),
    ("开展＊＊＊＊专项行动。", [("PH002", "＊＊＊＊", False)]),
    ("我叫***，现任***村党支部书记。", [("PH002", "***", False), ("PH002", "***", False)]),
    # the mask inside a longer slot finding (the unit goes with the number): one finding, the slot's
    ("全年共走访＊＊户困难群众。", [("PH001", "＊＊户", False)]),
    ("参训率达到***%。", [("PH001", "***%", False)]),
    ("****年是关键一年。", [("PH004", "****", False)]),
    # the mask hides a standard formulation: AR002 names it, the slot finding goes
    ("坚决维护以***同志为核心的党中央权威。", [("AR002", "***", True)]),
    ("深入学习**新时代中国特色社会主义思想。", [("AR002", "**", True)]),
    ("及时传达党的*全会精神。", [("AR002", "*", True)]),
])
def test_a_mask_that_is_a_slot_is_reported_once(text, expected):
    assert found(text) == expected


def test_each_rule_alone_still_reports_the_mask():
    """The pair is one defect only when both rules run: alone, each reports what it sees."""
    assert found("在***的领导下开展工作。", ["AR002"]) == [("AR002", "***", False)]
    assert found("全年共走访＊＊户困难群众。", ["AR002"]) == [("AR002", "＊＊", False)]
    assert found("坚决维护以***同志为核心的党中央权威。", ["PH002"]) == [("PH002", "***", False)]


RULES = """\
- code: ZZ001
  name: masked-run
  category: artifact
  severity: warning
  kind: pattern
  pattern: 'Q{{2,}}'
  message: "“{{match}}”被遮蔽"
{extra}
- code: ZZ002
  name: counted-slot
  category: placeholder
  severity: info
  kind: pattern
  pattern: 'Q+次'
  message: "“{{match}}”缺少次数"
"""


def custom(tmp_path: Path, extra: str) -> Linter:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "custom.yaml").write_text(RULES.format(extra=extra), encoding="utf-8"),
    return Linter(collect(), Config(select=["ZZ"], rules=[str(folder)]))


def codes(linter: Linter, text: str) -> list[str]:
    return [f.code for f in linter.lint_document(Document(path="t.txt", text=text)).findings]


def test_custom_rules_declare_which_finding_stays(tmp_path):
    text = "召开会议QQ次。"
    assert codes(custom(tmp_path, ""), text) == ["ZZ001", "ZZ002"]
    # the inner finding gives way to the longer one, though that one is less severe
    assert codes(custom(tmp_path, "  yields_to: [ZZ002]"), text) == ["ZZ002"]
    # or the inner one stays and the longer one goes
    assert codes(custom(tmp_path, "  supersedes: [ZZ]"), text) == ["ZZ001"]
    # a finding with no other on its text stays
    assert codes(custom(tmp_path, "  yields_to: [ZZ002]"), "收到QQ件，召开会议QQ次。") == ["ZZ001", "ZZ002"]


def test_declared_findings_that_overlap_are_one_defect():
    """WD013 yields to WD009: its 利用效 and WD009's 效形式 name the same lone 效 (a character of 有效
    left out); only WD009's stays. Findings that merely touch stay apart."""
    from shuzhi_lint.api import lint_text

    found = [(f.code, f.match) for f in lint_text("我们加强日常监管，利用效形式推进工作。", select=["WD009", "WD013"])]
    assert found == [("WD009", "效形式")]
    alone = [(f.code, f.match) for f in lint_text("我们加强日常监管，利用效形式推进工作。", select=["WD013"])]
    assert alone and alone[0][0] == "WD013"


@pytest.mark.parametrize("extra,pieces", [
    ("  yields_to: [ZZ003]", ["ZZ003", "不是任何已加载规则"]),
    ("  yields_to: ZZ002", ["yields_to", "非空列表"]),
    ("  supersedes: [ZZ001]", ["不能包含本规则自己"]),
    ("  supersedes: {rules: [ZZ002], variants: [formulation]}", ["variants", "formulation"]),
    ("  supersedes: {rules: [ZZ002], when: [x]}", ["supersedes", "rules"]),
    ("  supersedes: [ZZ002]\n  yields_to: [ZZ]", ["互相矛盾"]),
])
def test_bad_declarations_are_load_errors(tmp_path, extra, pieces):
    with pytest.raises(RuleError) as e:
        custom(tmp_path, extra)
    message = str(e.value)
    assert "custom.yaml" in message and "ZZ001" in message
    for piece in pieces:
        assert piece in message, message


def test_two_rules_cannot_both_keep_the_defect(tmp_path):
    extra = "  supersedes: [ZZ002]"
    folder = tmp_path / "rules"
    folder.mkdir()
    text = RULES.format(extra=extra) + "  supersedes: [ZZ001]\n"
    (folder / "custom.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match="互相矛盾"):
        Linter(collect(), Config(select=["ZZ"], rules=[str(folder)]))


def test_a_slot_inside_inserted_text_goes_with_it():
    """With no declaration, the nature of the outer finding decides: a site notice is removed
    whole, and the 某某 slot inside it with it."""
    assert found("为排除安全隐患，某某文库出品，确保居民安全。", ["AR001", "PH002"]) == [("AR001", "某某文库出品", False)]
