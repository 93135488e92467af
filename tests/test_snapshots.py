"""The full output on the sample reports, byte for byte: text, JSON findings and the JSON outline.

Any change in what is reported (a new rule, a changed message, a moved span) shows here as a diff
to review. After a deliberate change, regenerate and review the diff before committing:

    SHUZHI_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from shuzhi_lint.cli import main

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "snapshots"
UPDATE = os.environ.get("SHUZHI_UPDATE_SNAPSHOTS") == "1"
INPUTS = ["seeds", "tests/reports"]

CASES = {
    "seeds-and-reports.txt": ["--format", "text"],
    "seeds-and-reports.json": ["--format", "json"],
    "seeds-and-reports.outline.json": ["--outline", "--format", "json"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_snapshot(name, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)  # paths in the output are relative, as a user types them
    monkeypatch.setenv("COLUMNS", "100")
    main([*CASES[name], "--jobs", "1", *INPUTS])
    out = capsys.readouterr().out
    path = SNAPSHOTS / name
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_bytes(out.encode("utf-8"))
        return
    assert path.is_file(), f"no snapshot {path}: run SHUZHI_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py"
    expected = path.read_bytes().decode("utf-8")
    if out != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), out.splitlines(True), "snapshot", "now", n=1))
        pytest.fail(
            f"{name} differs from the snapshot (if the change is intended, run "
            f"SHUZHI_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py and review the diff):\n{diff[:6000]}",
            pytrace=False,
        )
