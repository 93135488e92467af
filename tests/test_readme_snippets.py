"""The README's install, pre-commit, GitHub Actions and GitLab CI snippets, taken from the README
itself and run as far as they run on one machine: the repository address and commit replaced by
a local clone of this repository."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from test_user_journeys import CLEAN

README = (ROOT / "README.md").read_text(encoding="utf-8")
PLACEHOLDER_URL = "https://example.invalid/shuzhi-lint.git"
PLACEHOLDER_REV = "0" * 40
BIN = os.path.dirname(sys.executable)

needs_git = pytest.mark.skipif(not shutil.which("git"), reason="needs git")


def block(heading: str, lang: str) -> str:
    """The first ```lang block after the line ``heading``."""
    after = README[README.index(heading + "\n"):]
    m = re.search(rf"```{lang}\n(.*?)```", after, re.S)
    assert m, heading
    return m.group(1)


def run(cmd, cwd, env=None, shell=False):
    full = dict(os.environ)
    full["PATH"] = BIN + os.pathsep + full.get("PATH", "")
    full.pop("PYTHONDONTWRITEBYTECODE", None)
    full.update(env or {})
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900, env=full, shell=shell)


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A clone of this repository and the commit to pin: what the snippets' address stands for.
    Uncommitted edits and new files are committed in the clone (as ``pre-commit try-repo`` does),
    so the snippets run against the code being tested, not the last commit."""
    if not shutil.which("git"):
        pytest.skip("needs git")
    target = tmp_path_factory.mktemp("clone") / "shuzhi-lint"
    proc = run(["git", "clone", "-q", str(ROOT), str(target)], ROOT)
    assert proc.returncode == 0, proc.stderr
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT).stdout
    for rel in filter(None, listed.split("\0")):
        source, copy = ROOT / rel, target / rel
        if source.is_file() or source.is_symlink():
            copy.parent.mkdir(parents=True, exist_ok=True)
            if copy.is_symlink():
                copy.unlink()
            shutil.copy2(source, copy, follow_symlinks=False)
        elif not source.exists():
            copy.unlink(missing_ok=True)
    if run(["git", "status", "--porcelain"], target).stdout.strip():
        run(["git", "add", "-A"], target)
        proc = run(["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-q", "-m", "working tree"], target)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    sha = run(["git", "rev-parse", "HEAD"], target).stdout.strip()
    return target, sha


def localise(text: str, clone) -> str:
    path, sha = clone
    return text.replace(f"git+{PLACEHOLDER_URL}", f"git+file://{path}").replace(PLACEHOLDER_URL, str(path)).replace(
        PLACEHOLDER_REV, sha
    )


@pytest.fixture
def reports(tmp_path):
    """A repository of reports: 报告/ with one clean report and one with an unfilled number."""
    folder = tmp_path / "报告"
    folder.mkdir()
    (folder / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "draft.txt").write_text(CLEAN.replace("全年组织集中学习十二次", "全年组织集中学习x次"), encoding="utf-8")
    return tmp_path


# -- install ----------------------------------------------------------------------------------------
def test_first_command_installs_normally_and_ci_runs_the_test_command():
    first = block("在一台新机器上（Python ≥ 3.10）：", "bash")
    commands = [line for line in first.splitlines() if line and not line.startswith("#")]
    assert commands[0] == "pip install . && shuzhi-lint seeds/"  # a normal install, not -e
    # following the README leaves a normal install (an editable one is ~45% slower per report)
    assert not any(re.search(r"pip install -e\b", c) for c in commands)
    assert "pip install shuzhi-lint\n" not in README  # not on PyPI: never given as a command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()  # CI runs the README's test command as written


@pytest.mark.early
@needs_git
def test_install_from_the_repository_address(clone, tmp_path):
    m = re.search(r'pip install "(git\+[^"]+)"', block("### GitHub Actions", "yaml"))
    spec = localise(m.group(1), clone)
    assert spec.startswith("git+file://") and spec.endswith(clone[1])
    target = tmp_path / "site"
    proc = run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target", str(target), spec],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (target / "shuzhi_lint" / "cli.py").is_file()
    assert list(target.glob("shuzhi_lint/**/structure*.yaml")) or list(target.glob("**/rules/*.yaml"))


# -- pre-commit: tests/test_precommit.py runs the README's configuration --------------------------


# -- GitHub Actions ----------------------------------------------------------------------------------
def test_github_steps_upload_sarif_even_when_findings_fail_the_job(reports):
    steps = yaml.safe_load(block("### GitHub Actions", "yaml"))["steps"]
    failed, ran = False, []
    for step in steps:
        if failed and step.get("if") != "always()":
            continue  # GitHub skips a step after a failure unless it asks to run always
        if "uses" in step:
            ran.append(step["uses"].split("@")[0])
            if step["uses"].startswith("github/codeql-action/upload-sarif"):
                sarif = json.loads((reports / step["with"]["sarif_file"]).read_text(encoding="utf-8"))
                assert any(r["ruleId"] == "PH001" for r in sarif["runs"][0]["results"])
            continue
        if step["run"].startswith("pip install"):
            continue  # test_install_from_the_repository_address
        proc = run(["bash", "-e", "-c", step["run"]], reports)  # GitHub's default shell for run steps
        ran.append(step["run"].split()[2])
        failed = failed or proc.returncode != 0
    assert failed  # the annotations step fails the job on the draft's finding...
    assert ran[-3:] == ["github", "sarif", "github/codeql-action/upload-sarif"]  # ...and SARIF is uploaded anyway


# -- GitLab CI ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("with_findings", [True, False])
def test_gitlab_script_always_writes_both_reports(reports, with_findings):
    job = yaml.safe_load(block("### GitLab CI", "yaml"))["shuzhi-lint"]
    if not with_findings:
        (reports / "报告" / "draft.txt").unlink()
    status = 0
    for line in job["script"]:
        if line.startswith("pip install"):
            continue
        proc = run(["bash", "-e", "-o", "pipefail", "-c", line], reports)  # as GitLab's runner does
        if proc.returncode:
            status = proc.returncode
            break  # GitLab stops the script at the first failing line
    assert status == (1 if with_findings else 0)
    assert job["artifacts"]["when"] == "always"
    for name in job["artifacts"]["reports"].values():
        assert (reports / name).is_file(), name  # both reports are there for GitLab to collect
    junit = (reports / "junit.xml").read_text(encoding="utf-8")
    assert ('type="PH001"' in junit) == with_findings
