"""The corpus index is a cache: locked for a whole update, files that vanish are skipped, damaged,
foreign or other-version indexes are rebuilt (said once), a read-only corpus gets its index in the
user cache folder, and what still fails is one line with exit 2."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_FILES, seed
from shuzhi_lint import dup
from shuzhi_lint.dup import INDEX_NAME, CorpusIndex


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for k in range(12):
        for p in SEED_FILES:
            shutil.copy(p, folder / f"{k:02d}-{p.name}")
    return folder


def _report(tmp_path) -> Path:
    report = tmp_path / "report.txt"
    shutil.copy(seed("001"), report)
    return report


def _lint(cli, corpus, report):
    code, out, err = cli("--format", "json", "--select", "DP001", "--corpus", corpus, report)
    return code, (json.loads(out) if out.strip() else []), err


def test_two_builds_at_once(corpus):
    cmd = [sys.executable, "-m", "shuzhi_lint", "--build-index", str(corpus)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 0 and not err, err.decode()
    con = sqlite3.connect(corpus / INDEX_NAME)
    assert con.execute("SELECT COUNT(*) FROM docs").fetchone()[0] == 12 * len(SEED_FILES)


def test_files_that_vanish_during_indexing_are_skipped(corpus):
    index = CorpusIndex(corpus, lambda p: Path(p).read_text(encoding="utf-8"))
    real = index.files
    index.files = lambda: [corpus / "gone.txt", *real()]
    index.open(update=True)
    assert index.stats()[0] == 12 * len(SEED_FILES)


def test_loader_failing_because_the_file_vanished_is_skipped(corpus):
    victim = sorted(corpus.iterdir())[3]

    def loader(p):
        if p == str(victim):
            victim.unlink()
        return Path(p).read_text(encoding="utf-8")

    index = CorpusIndex(corpus, loader).open(update=True)
    assert index.stats()[0] == 12 * len(SEED_FILES) - 1


@pytest.mark.parametrize("damage", ["truncated", "foreign", "version"])
def test_damaged_or_other_version_index_is_rebuilt_and_said_once(cli, corpus, tmp_path, damage):
    report = _report(tmp_path)
    code, before, err = _lint(cli, corpus, report)
    assert code == 1 and before and not err
    index = corpus / INDEX_NAME
    if damage == "truncated":
        index.write_bytes(index.read_bytes()[:3000])
    elif damage == "foreign":
        index.write_bytes(b"not a database at all\n" * 200)
    else:
        con = sqlite3.connect(index)
        con.execute("UPDATE meta SET value='99' WHERE key='version'")
        con.commit()
        con.close()
    code, after, err = _lint(cli, corpus, report)
    assert code == 1, err
    assert after == before
    notes = [line for line in err.splitlines() if line]
    assert len(notes) == 1 and "已" in notes[0] and "重建" in notes[0], err
    code, again, err = _lint(cli, corpus, report)
    assert again == before and not err  # rebuilt once, then used


def test_read_only_corpus_keeps_its_index_in_the_user_cache(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    real_access = dup.os.access
    monkeypatch.setattr(dup.os, "access", lambda p, mode: False if Path(p) == corpus else real_access(p, mode))
    index = CorpusIndex(corpus, lambda p: Path(p).read_text(encoding="utf-8")).open(update=True)
    assert not (corpus / INDEX_NAME).exists()
    assert index.path.is_file() and str(index.path).startswith(str(tmp_path / "cache"))
    assert index.stats()[0] == 12 * len(SEED_FILES)


def test_an_index_that_cannot_be_made_is_one_line(cli, corpus, tmp_path):
    (corpus / INDEX_NAME).mkdir()  # a folder where the index file should be
    code, out, err = cli("--build-index", corpus)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    (tmp_path / "b.txt").write_bytes(seed("002").read_bytes())
    code, out, err = cli("--select", "DP001", "--corpus", corpus, _report(tmp_path), tmp_path / "b.txt")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert str(corpus) in err
