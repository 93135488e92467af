"""What the issues' "done when" lists require on the five seeds, and what must stay silent."""

from __future__ import annotations

import json
import re

import pytest

from conftest import SEEDS, seed


@pytest.fixture(scope="module")
def findings():
    from conftest import main_cli

    code, out, err = main_cli("--format", "json", SEEDS)
    assert code == 1, err
    by_file: dict[str, list] = {}
    for f in json.loads(out):
        by_file.setdefault(f["path"].rsplit("/", 1)[-1][:3], []).append(f)
    return by_file


def has(fs, code, match=None, line=None):
    return any(f["code"] == code and (match is None or match in f["match"] or match in f["message"]) and (line is None or f["line"] == line) for f in fs)


def slots_reported(fs):
    """Placeholders reported, counting a grouped finding ("本段共有 N 处") as its N slots."""
    total = 0
    for f in fs:
        if f["code"].startswith("PH"):
            m = re.search(r"本段共有 (\d+) 处", f["message"])
            total += int(m.group(1)) if m else 1
    return total


def test_placeholders_of_every_seed(findings):
    assert slots_reported(findings["002"]) >= 20
    assert slots_reported(findings["003"]) >= 25
    assert slots_reported(findings["004"]) >= 35
    assert has(findings["003"], "PH003", "围绕展开")
    assert has(findings["002"], "PH002", "××××")
    assert has(findings["004"], "PH002", "XXX", line=2)
    assert not any(f["code"].startswith("PH") for f in findings.get("000", []) + findings.get("001", []))


def test_structure(findings):
    assert has(findings["002"], "ST003")  # the 2017 report has no cause analysis
    for name in ("000", "001", "003", "004"):
        assert not any(f["code"] in ("ST001", "ST002", "ST003", "ST004") for f in findings[name]), name


def test_figures_of_seed_000(findings):
    fs = findings["000"]
    assert has(fs, "FG001", "1余万")
    assert has(fs, "FG002", "1次")
    assert has(fs, "FG002", "1%")
    assert has(fs, "FG004", "开工率达到1%")
    assert has(fs, "FG005", "其余6项指标")
    # correct figures stay silent: 整改率达到了100%, 3轮次, 10余件
    all_fg = [f for name in findings for f in findings[name] if f["code"].startswith("FG")]
    assert not any("100%" in f["match"] or "余次" in f["match"] or "余件" in f["match"] for f in all_fg)
    assert not any(f["code"].startswith("FG") for name in ("001", "003", "004") for f in findings[name])


def test_correspondence(findings):
    unanswered = [f["message"] for f in findings["002"] if f["code"] == "CR001"]
    assert any("素质能力" in m for m in unanswered)
    assert any("工作方式" in m and "创新" in m for m in unanswered)
    assert has(findings["003"], "CR004", "客观原因")
    assert has(findings["004"], "CR003", "只有一句")
    assert not any(f["code"] == "CR001" for f in findings["001"] + findings["004"])


def test_punctuation_wording_artifacts_consistency(findings):
    assert [f["line"] for f in findings["004"] if f["code"] == "PU001"] == [5, 6]
    assert has(findings["002"], "WD001", "做为")
    assert has(findings["000"], "WD001", "欠帐")
    assert [f["line"] for f in findings["003"] if f["code"] == "WD001"] == [11, 12]
    assert has(findings["001"], "WD003", "存在的问题不足")
    assert has(findings["003"], "AR001", "##paidbegin##", line=7)
    assert has(findings["003"], "AR001", "##paidend##", line=18)
    assert has(findings["004"], "CS001", "五里牌街道")
    assert has(findings["002"], "AR004", "不忘初心")
    assert has(findings["000"], "PU004") and has(findings["004"], "PU004")


def test_seed_outline_correspondence_table(cli):
    code, out, _ = cli("--outline", "--format", "json", seed("000"))
    o = json.loads(out)[0]
    rows = o["correspondence"]
    assert [r["problem"] for r in rows] == [0, 1, 2]
    assert rows[0]["measures"][0] == 0  # 责任落实还有差距 -> 以上率下，在责任落实上当好表率
    assert rows[1]["measures"][0] == 1  # 党建特色不够鲜明 -> 创新机制，在示范引领上求实突破
    for r in rows:
        assert set(r) == {"problem", "causes", "measures", "score"}
        assert 0.0 <= r["score"] <= 1.0
