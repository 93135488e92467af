"""benchmarks/accuracy.py: recall against a truth file, precision from a ledger, clean skip."""

from __future__ import annotations

import hashlib

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "accuracy.py"


def run(*args):
    p = subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def test_missing_folder_is_skipped_cleanly(tmp_path):
    code, out, err = run(tmp_path / "nowhere", tmp_path / "truth.yaml")
    assert code == 0 and out == "" and "skipped" in err


def test_recall_precision_and_unjudged(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("全年召开支委会X次，发展党员12名。\n学习党的XX大精神，做为党员要带头。\n", encoding="utf-8")
    (docs / "README.md").write_text("not a report: XX次\n", encoding="utf-8")
    truth = tmp_path / "truth.yaml"
    truth.write_text(
        "a.txt:\n- {line: 1, category: placeholder, text: X次}\n- {line: 1, category: figure, text: '12名'}\n"
        "- {line: 2, category: placeholder, text: XX}\n",
        encoding="utf-8",
    )
    ledger = tmp_path / "reviewed.yaml"
    digest = hashlib.sha1("做为".encode("utf-8")).hexdigest()[:12]  # the ledger names a finding's text by its digest
    ledger.write_text(f"- {{file: a.txt, line: 2, code: WD001, digest: '{digest}', length: 2, verdict: wrong, why: test}}\n"
                      # no finding matches these any more: stale (one names a file of another folder: not this one's)
                      "- {file: a.txt, line: 1, code: WD001, digest: '000000000000', length: 2, verdict: right, why: old}\n"
                      "- {file: b.txt, line: 1, code: WD001, digest: '000000000000', length: 2, verdict: right, why: old}\n",
                      encoding="utf-8")
    code, out, _ = run(docs, truth, "--ledger", ledger, "--json")
    assert code == 0
    r = json.loads(out)[0]
    assert r["recall"]["placeholder"] == {"found": 2, "listed": 2}
    assert r["recall"]["figure"] == {"found": 0, "listed": 1}
    assert [m["text"] for m in r["missed"]] == ["12名"]
    assert r["precision"]["PH"] == {"right": 2}  # matched to listed defects
    assert r["precision"]["WD"] == {"wrong": 1}  # judged in the ledger
    assert all(f["file"] == "a.txt" for f in r["unmatched"])  # the folder's README is not linted
    assert r["stale"] == [{"file": "a.txt", "line": 1, "code": "WD001", "digest": "000000000000"}]
    code, out, _ = run(docs, truth, "--ledger", ledger, "--quiet")
    assert "ledger entries no finding matches any more (1; remove them)" in out
    code, out, _ = run(docs, truth, "--ledger", ledger, "--markdown")
    assert "| placeholder | 2/2 (100%) |" in out
