"""The real pre-commit, running this project as a hook in a temporary repository of reports, with
the README's .pre-commit-config.yaml as written (its address and commit replaced by a clone of
this repository, uncommitted edits included)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import PIP_CACHE_DIR, ROOT
from test_cli import CLEAN
from test_loaders import make_docx
from test_readme_snippets import BIN, block, clone, localise  # noqa: F401 - clone is a fixture

pytestmark = [pytest.mark.early, pytest.mark.skipif(not shutil.which("git"), reason="needs git")]


def run(cmd, cwd):
    env = dict(os.environ)
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # the hook environment is a throw-away: pip need not byte-compile every installed module
    # (jieba's model tables are megabytes of Python) nor look for a newer pip
    env.update(PIP_NO_COMPILE="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_CACHE_DIR=PIP_CACHE_DIR)
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900, env=env)


@pytest.fixture(scope="module")
def reports_repo(tmp_path_factory, clone):  # noqa: F811
    pytest.importorskip("pre_commit")
    repo = tmp_path_factory.mktemp("reports")
    run(["git", "init", "-q"], repo)
    run(["git", "config", "user.email", "t@example.invalid"], repo)
    run(["git", "config", "user.name", "t"], repo)
    (repo / ".pre-commit-config.yaml").write_text(localise(block("### pre-commit", "yaml"), clone), encoding="utf-8")
    # a clean report of its own: linted in one batch with the drafts, a copy of CLEAN would be a near-duplicate (DP004)
    (repo / "clean.txt").write_text((ROOT / "tests" / "reports" / "clean_2024_hospital.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "draft.txt").write_text(CLEAN.replace("支委会12次", "支委会x次"), encoding="utf-8")
    (repo / "draft.docx").write_bytes(make_docx([[line] for line in CLEAN.replace("支委会12次", "支委会x次").splitlines()]))
    (repo / "notes.py").write_text("x = 1  # not a report\n", encoding="utf-8")
    run(["git", "add", "."], repo)
    return repo


def pre_commit(repo, *files):
    return run([sys.executable, "-m", "pre_commit", "run", "--files", *files], repo)


def test_placeholder_blocks_the_commit_and_clean_files_pass(reports_repo):
    # building the hook's environment (pip install of the project) is the slowest step of the
    # suite: it is built once, by the first run, and the reports with and without defects go in
    # together
    proc = pre_commit(reports_repo, "draft.txt", "draft.docx", "clean.txt", "notes.py")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "draft.txt:6:" in out and "PH001" in out
    assert "draft.docx 第 6 段第 " in out  # Word positions in paragraphs
    assert "clean.txt" not in out  # linted (it is staged and named) and clean
    assert "notes.py" not in out  # not a report: the hook's `files` pattern leaves it out
    proc = pre_commit(reports_repo, "clean.txt", "notes.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr
