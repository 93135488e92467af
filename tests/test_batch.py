"""Batches: a progress bar on a terminal (none when piped or in CI), stable order with --jobs, summary."""

from __future__ import annotations

import json
import os
import shutil
import sys

from conftest import SEED_FILES


def make_batch(tmp_path, n=24):
    for i in range(n):
        shutil.copy(SEED_FILES[i % 5], tmp_path / f"r{i:02d}.txt")
    return tmp_path


def test_progress_bar_only_on_a_terminal(monkeypatch, tmp_path, cli):
    from shuzhi_lint import runner

    class Tty:
        def isatty(self):
            return True

        def write(self, s):
            self.text = getattr(self, "text", "") + s

        def flush(self):
            pass

    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    monkeypatch.delenv("CI", raising=False)
    bar = runner._progress(24)
    assert bar is not None
    bar.update(24)
    bar.refresh()
    assert "检查报告" in tty.text and "24/24" in tty.text
    bar.close()
    assert runner._progress(5) is None  # a handful of files needs no bar
    monkeypatch.setenv("CI", "true")
    assert runner._progress(24) is None
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", open(os.devnull, "w"))
    assert runner._progress(24) is None  # piped
    folder = make_batch(tmp_path)
    code, out, err = cli("--exit-zero", folder, env={"CI": ""})
    assert "检查报告" not in err


def test_jobs_give_the_same_results_in_the_same_order(tmp_path, cli):
    folder = make_batch(tmp_path)
    _, one, _ = cli("--format", "json", "--jobs", "1", folder)
    _, two, _ = cli("--format", "json", "--jobs", "2", folder)
    assert json.loads(one) == json.loads(two)
    paths = [f["path"] for f in json.loads(one)]
    assert paths == sorted(paths)


def test_closing_summary_names_the_worst_files(tmp_path, cli):
    folder = make_batch(tmp_path, 6)
    (folder / "broken.txt").write_bytes(b"")
    code, out, err = cli(folder)
    assert code == 2
    last = next(line for line in out.strip().splitlines()[-3:] if line.startswith("共检查"))
    assert last.startswith("共检查 6 个文件，1 个无法读取；问题最多的文件：")
    # r00 and r05 are copies of the same seed: the summary names them as near-duplicates
    assert "相互雷同的报告（1 组）：" in out and "r00.txt、" in out and "r05.txt（2 份）" in out
    assert "r04.txt" in last or "r03.txt" in last
