"""A precision gate for the wording checks: the clean sentences of the corruption benchmark stay silent.

The three sets in ``benchmarks/data`` are clean duty-report prose written for the benchmark (the
tuning set, the held-out set and the probe set of many offices' vocabulary: 纪委, 政法, 卫健, 教育,
国企, 高校, 统战 …). Every wording finding on them is a false alarm, with the opt-in check WD011 on
as well: read alone, each sentence has no report around it; read together, the checks see the whole
set's vocabulary as they see a report's. WD013 (missing characters in context) is opt-in because it
is not silent on them: its rate of false alarms is bounded instead (``WD013_MAX_SHARE``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi_lint.api import lint_text

ROOT = Path(__file__).resolve().parents[1]
#: sets that are measured only (benchmarks/corruption.py --set fresh): their false alarms are a figure
#: to report, not a gate to pass, or a failing gate would turn them into tuning material
MEASURED_ONLY = {"fresh_sentences.txt"}
SETS = sorted(p for p in (ROOT / "benchmarks" / "data").glob("*_sentences.txt") if p.name not in MEASURED_ONLY)
SELECT = ["WD", "WD011"]  # the opt-in check named as well
#: WD013's false alarms on a set, as a share of its sentences (measured: 6 of 408 on the tuning set,
#: whose last 220 sentences were written after its tuning; 0 on the others)
WD013_MAX_SHARE = 0.02


def sentences(path: Path) -> list[str]:
    return [s.strip() for s in path.read_text(encoding="utf-8").splitlines() if s.strip() and not s.startswith("#")]


def test_the_gate_sees_the_opt_in_checks():
    # two rules on one word are reported once (the engine's one-defect-one-finding): each on its own
    assert "WD011" in {f.code for f in lint_text("我们纫真学习，团结裙众。", select=SELECT)}
    assert {f.code for f in lint_text("我们纫真学习，团结裙众。", select=["WD012"])} == {"WD012"}


def test_the_sets_are_there():
    assert {p.name for p in SETS} >= {"clean_sentences.txt", "heldout_sentences.txt", "probe_sentences.txt"}
    assert not {p.name for p in SETS} & MEASURED_ONLY
    assert all((ROOT / "benchmarks" / "data" / name).is_file() for name in MEASURED_ONLY)
    assert len(sentences(ROOT / "benchmarks" / "data" / "probe_sentences.txt")) >= 150


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_clean_sentences_alone_stay_silent(path):
    alarms = []
    for s in sentences(path):
        alarms += [f"{s} -> {f.code} {f.message}" for f in lint_text(s, select=SELECT)]
    assert alarms == []


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_clean_sentences_together_stay_silent(path):
    text = "\n".join(sentences(path)) + "\n"
    assert [f"{f.line}: {f.code} {f.message}" for f in lint_text(text, select=SELECT)] == []


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_opt_in_missing_character_check_stays_rare_on_clean_sentences(path):
    found = sentences(path)
    alarms = [s for s in found if any(f.code == "WD013" for f in lint_text(s, select=["WD013"]))]
    assert len(alarms) <= WD013_MAX_SHARE * len(found), alarms
