"""The real pre-commit, running this project as a hook in a temporary repository of reports."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import ROOT
from test_cli import CLEAN
from test_loaders import make_docx

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="needs git")


def run(cmd, cwd, env=None):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900, env=env)


@pytest.fixture(scope="module")
def reports_repo(tmp_path_factory):
    pytest.importorskip("pre_commit")
    repo = tmp_path_factory.mktemp("reports")
    run(["git", "init", "-q"], repo)
    run(["git", "config", "user.email", "t@example.invalid"], repo)
    run(["git", "config", "user.name", "t"], repo)
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (repo / "draft.txt").write_text(CLEAN.replace("支委会12次", "支委会x次"), encoding="utf-8")
    (repo / "draft.docx").write_bytes(make_docx([[line] for line in CLEAN.replace("支委会12次", "支委会x次").splitlines()]))
    (repo / "notes.py").write_text("x = 1  # not a report\n", encoding="utf-8")
    run(["git", "add", "."], repo)
    return repo


def try_repo(repo, *files):
    import sys

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "shuzhi-lint", "--files", *files], repo, env)


def test_placeholder_blocks_the_commit(reports_repo):
    proc = try_repo(reports_repo, "draft.txt", "draft.docx")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "draft.txt:6:" in out and "PH001" in out
    assert "draft.docx 第 6 段第 " in out  # Word positions in paragraphs


def test_clean_report_passes(reports_repo):
    proc = try_repo(reports_repo, "clean.txt", "notes.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr
