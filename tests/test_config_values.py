"""Configuration and rule files as untrusted input: every key typed and ranged (file:line, exit 2),
aliases of lists and mappings refused (alias bombs), rule paths only regular files, the parse cache
keyed on content, and a configured `previous:` report never compared with itself."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import main_cli
from test_cli import CLEAN

BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)


def lint(tmp_path, *args):
    """shuzhi-lint run in ``tmp_path``, in this process (``conftest.main_cli``)."""
    return main_cli(*args, cwd=tmp_path)


def lint_process(tmp_path, *args, timeout=60):
    """shuzhi-lint in a process of its own, for a test whose failure is a hang: it times out."""
    proc = subprocess.run(
        [sys.executable, "-m", "shuzhi_lint", *map(str, args)], capture_output=True, cwd=tmp_path, timeout=timeout
    )
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


@pytest.fixture
def report(tmp_path):
    (tmp_path / "r.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def _one_error(err: str, where: str) -> str:
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"shuzhi-lint: 错误：{where}"), err
    return lines[0]


def test_alias_bomb_in_the_config_is_refused_quickly(report):
    (report / ".shuzhi-lint.yaml").write_text(BOMB + "\nselect: *a9\n", encoding="utf-8")
    code, _, err = lint_process(report, "r.txt")
    assert code == 2
    assert "别名" in _one_error(err, f"{report / '.shuzhi-lint.yaml'}:")


def test_alias_bomb_in_a_rule_file_is_refused_quickly(report):
    (report / "bomb.yaml").write_text(BOMB + "\nrules: *a9\n", encoding="utf-8")
    code, _, err = lint_process(report, "--rules", "bomb.yaml", "r.txt")
    assert code == 2 and "别名" in _one_error(err, "bomb.yaml:")


def test_alias_of_a_single_text_is_allowed(report):
    (report / ".shuzhi-lint.yaml").write_text("year: 2024\nper-file-ignores:\n  'a.txt': &c PU\n  'b.txt': *c\n", encoding="utf-8")
    code, _, err = lint(report, "r.txt")
    assert code == 0, err


BAD_VALUES = [
    ("max-file-size: 1.0e+29", "max-file-size"),
    ("max-file-size: 1e29", "max-file-size"),
    ("max-file-size: -1", "max-file-size"),
    ("regex-timeout: 0", "regex-timeout"),
    ("regex-timeout: -1", "regex-timeout"),
    ("regex-timeout: .nan", "regex-timeout"),
    ("regex-timeout: .inf", "regex-timeout"),
    ("regex-timeout: true", "regex-timeout"),
    ("sections: {measures: 5}", "sections"),
    ("sections: {measures: {bogus: [x]}}", "sections"),
    ("sections: {measures: {heading: [1, 2]}}", "sections"),
    ("sections: [measures]", "sections"),
    ("rules: [/dev/zero]", "rules"),
    ("rules: [missing-folder/]", "rules"),
    ("jobs: 0", "jobs"),
    ("jobs: two", "jobs"),
    ("year: 20240", "year"),
    ("max-length: -5", "max-length"),
    ("fail-on: fatal", "fail-on"),
    ("select: [PH, 3]", "select"),
    ("previous: /dev/zero", "previous"),
    ("corpus: no-such-folder/", "corpus"),
    ("per-file-ignores: {'*.txt': 5}", "per-file-ignores"),
]


@pytest.mark.parametrize("line,key", BAD_VALUES, ids=[b[0] for b in BAD_VALUES])
def test_bad_value_is_one_line_with_file_and_line(report, line, key):
    (report / ".shuzhi-lint.yaml").write_text(f"# settings\nfail-on: warning\n{line}\n", encoding="utf-8")
    code, _, err = lint(report, "r.txt")
    assert code == 2
    assert key in _one_error(err, f"{report / '.shuzhi-lint.yaml'}:3:")


def test_unknown_code_in_per_file_ignores_is_an_error(report):
    (report / ".shuzhi-lint.yaml").write_text("per-file-ignores:\n  '*.txt': [PH001, PX999]\n", encoding="utf-8")
    code, _, err = lint(report, "r.txt")
    assert code == 2 and "PX999" in _one_error(err, f"{report / '.shuzhi-lint.yaml'}:1:")


def test_bad_values_in_pyproject(report):
    (report / "pyproject.toml").write_text("[tool.shuzhi-lint]\nregex-timeout = nan\n", encoding="utf-8")
    code, _, err = lint(report, "r.txt")
    assert code == 2 and "regex-timeout" in _one_error(err, f"{report / 'pyproject.toml'}")


def test_bad_jobs_on_the_command_line(report):
    code, _, err = lint(report, "--jobs", "0", "r.txt")
    assert code == 2 and "jobs" in _one_error(err, "命令行")


def test_good_values_still_work(report):
    (report / ".shuzhi-lint.yaml").write_text(
        "max-file-size: 1048576\nregex-timeout: 1\njobs: 1\nyear: 2024\nmax-length: 5000\n"
        "sections:\n  measures:\n    heading: [明年思路]\nper-file-ignores:\n  '*.txt': [PU]\n",
        encoding="utf-8",
    )
    code, _, err = lint(report, "r.txt")
    assert code == 0, err


def test_a_config_edit_with_the_same_size_and_mtime_is_seen(report):
    cfg = report / ".shuzhi-lint.yaml"
    (report / "r.txt").write_text(CLEAN.replace("支委会12次", "支委会x次"), encoding="utf-8")
    cfg.write_text("select: [PH]\n", encoding="utf-8")
    st = os.stat(cfg)
    env_cache = {"XDG_CACHE_HOME": str(report / "cache")}
    env = {**os.environ, **env_cache}
    first = subprocess.run([sys.executable, "-m", "shuzhi_lint", "r.txt"], capture_output=True, cwd=report, env=env)
    assert first.returncode == 1, first.stderr.decode()
    cfg.write_text("select: [ST]\n", encoding="utf-8")  # same size
    os.utime(cfg, ns=(st.st_atime_ns, st.st_mtime_ns))  # same modification time
    second = subprocess.run([sys.executable, "-m", "shuzhi_lint", "r.txt"], capture_output=True, cwd=report, env=env)
    assert second.returncode == 0, second.stdout.decode()


def test_configured_previous_report_is_not_compared_with_itself(report):
    (report / "last.txt").write_text(CLEAN, encoding="utf-8")
    (report / ".shuzhi-lint.yaml").write_text("previous: last.txt\nselect: [DP003]\n", encoding="utf-8")
    code, out, err = lint(report, "--format", "json", "last.txt", "r.txt")
    import json

    found = json.loads(out)
    assert not [f for f in found if f["path"].endswith("last.txt")], found
    assert [f for f in found if f["path"].endswith("r.txt")], found  # the other copy still is compared
