"""Reports written for these tests, not tuned on the seeds: clean ones must stay silent, the
defective one must give exactly its planted defects (errors and warnings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

REPORTS = Path(__file__).parent / "reports"


def lint(cli, path):
    code, out, err = cli("--format", "json", path)
    assert "Traceback" not in err
    return code, json.loads(out)


def test_clean_reports_have_no_errors_or_warnings(cli):
    # one run over all of them (also checked against each other: no two may be near-duplicates)
    paths = sorted(REPORTS.glob("clean_*.txt"))
    code, out, err = cli("--format", "json", *paths)
    assert "Traceback" not in err and err == ""
    loud = [(f["path"], f["line"], f["code"], f["message"]) for f in json.loads(out) if f["severity"] != "info"]
    assert loud == []
    assert code == 0


@pytest.mark.parametrize("path", sorted(REPORTS.glob("defects_*.*[!l]")), ids=lambda p: p.name)
def test_defective_report_gives_exactly_its_planted_defects(cli, path):
    expected_file = path.with_name(path.name + ".expected.yaml")
    expected = sorted(tuple(x) for x in yaml.safe_load(expected_file.read_text(encoding="utf-8")))
    code, fs = lint(cli, path)
    assert code == 1
    got = sorted((f["line"], f["code"]) for f in fs if f["severity"] != "info" or f["code"] == "CR005")
    assert got == expected
