"""A precision gate for the wording checks: the clean sentences of the corruption benchmark stay silent.

The sets in ``benchmarks/data`` are clean duty-report prose written for the benchmark (the tuning
set, the held-out set, the probe set of many offices' vocabulary: 纪委, 政法, 卫健, 教育, 国企, 高校,
统战 …, the 地/得 sets and the missing-character tuning set of many offices). Every wording finding on them is a false alarm, with the opt-in check WD011
on as well: read alone, each sentence has no report around it; read together, the checks see the whole
set's vocabulary as they see a report's. WD013 (missing characters in context, on by default) is held
to what the data supports: one false alarm on the tuning set (进村居活动: 村居, two parallel nouns
written short, which no dictionary holds), none on the others (``WD013_ALLOWED``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi_lint.api import lint_text

ROOT = Path(__file__).resolve().parents[1]
#: sets that are measured only (benchmarks/corruption.py --set fresh): their false alarms are a figure
#: to report, not a gate to pass, or a failing gate would turn them into tuning material
MEASURED_ONLY = {"fresh_sentences.txt", "fresh2_sentences.txt"}
SETS = sorted(p for p in (ROOT / "benchmarks" / "data").glob("*_sentences.txt") if p.name not in MEASURED_ONLY)
SELECT = ["WD", "WD011"]  # the opt-in check named as well
#: WD013's false alarms allowed on a set (by file stem; none where not named)
WD013_ALLOWED = {"clean_sentences": 1}


def sentences(path: Path) -> list[str]:
    return [s.strip() for s in path.read_text(encoding="utf-8").splitlines() if s.strip() and not s.startswith("#")]


def test_the_gate_sees_the_opt_in_checks():
    # two rules on one word are reported once (the engine's one-defect-one-finding): each on its own
    assert "WD011" in {f.code for f in lint_text("我们纫真学习，团结裙众。", select=SELECT)}
    assert {f.code for f in lint_text("我们纫真学习，团结裙众。", select=["WD012"])} == {"WD012"}


def test_the_sets_are_there():
    assert {p.name for p in SETS} >= {"clean_sentences.txt", "heldout_sentences.txt", "probe_sentences.txt", "del_tune_sentences.txt"}
    assert not {p.name for p in SETS} & MEASURED_ONLY
    assert all((ROOT / "benchmarks" / "data" / name).is_file() for name in MEASURED_ONLY)
    assert len(sentences(ROOT / "benchmarks" / "data" / "probe_sentences.txt")) >= 150


def split(findings) -> tuple[list, list]:
    """The findings of WD013 and of the other checks."""
    return [f for f in findings if f.code == "WD013"], [f for f in findings if f.code != "WD013"]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_clean_sentences_alone_stay_silent(path):
    alarms, missing = [], []
    for s in sentences(path):
        wd013, other = split(lint_text(s, select=SELECT))
        alarms += [f"{s} -> {f.code} {f.message}" for f in other]
        missing += [f"{s} -> {f.match}" for f in wd013]
    assert alarms == []
    assert len(missing) <= WD013_ALLOWED.get(path.stem, 0), missing


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_clean_sentences_together_stay_silent(path):
    text = "\n".join(sentences(path)) + "\n"
    wd013, other = split(lint_text(text, select=SELECT))
    assert [f"{f.line}: {f.code} {f.message}" for f in other] == []
    assert len(wd013) <= WD013_ALLOWED.get(path.stem, 0), [f"{f.line}: {f.match}" for f in wd013]


def test_missing_character_check_is_on_by_default():
    # WD013 runs without being named, and it is held to the budget above
    assert [f.match for f in lint_text("经过整改，群众满意度明显提。") if f.code == "WD013"] == ["明显提"]
