"""--jobs: never more workers than files or CPUs; `jobs:` in the config counts; a pool that cannot
start ends the workers it started and the batch is linted serially."""

from __future__ import annotations

import errno
import multiprocessing.process
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from conftest import SEED_FILES
from shuzhi_lint.cli import Session, build_parser, run_options
from shuzhi_lint.plugins import collect


@pytest.fixture(scope="module")
def registry():
    return collect()


def _run(registry, *argv):
    options = run_options(build_parser(sorted(registry.formatters)).parse_args(list(argv)))
    return list(Session(registry, options).results())


@pytest.fixture
def pools(monkeypatch):
    sizes = []
    real = ProcessPoolExecutor.__init__

    def init(self, max_workers=None, *a, **k):
        sizes.append(max_workers)
        real(self, max_workers, *a, **k)

    monkeypatch.setattr(ProcessPoolExecutor, "__init__", init)
    return sizes


def _cpus():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def test_no_more_workers_than_files_or_cpus(registry, pools):
    results = _run(registry, "--jobs", "200", "--select", "PH", *map(str, SEED_FILES[:2]))
    assert len(results) == 2
    assert all(n <= min(2, _cpus()) for n in pools), pools


def test_jobs_in_the_config_is_honoured(registry, pools, tmp_path):
    for p in SEED_FILES[:3]:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / ".shuzhi-lint.yaml").write_text("jobs: 1\n", encoding="utf-8")
    results = _run(registry, "--select", "PH", str(tmp_path))
    assert len(results) == 3 and pools == []


@pytest.mark.skipif(_cpus() < 2, reason="needs two CPUs for a pool")
def test_pool_that_cannot_start_is_ended_and_the_batch_linted_serially(registry, monkeypatch, capfd):
    started = []
    real_start = multiprocessing.process.BaseProcess.start

    def start(self):
        if started:
            raise OSError(errno.EAGAIN, "Resource temporarily unavailable")
        real_start(self)
        started.append(self)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", start)
    results = _run(registry, "--jobs", "2", "--select", "PH", *map(str, SEED_FILES))
    monkeypatch.undo()
    assert [r.path for r in results] == list(map(str, SEED_FILES))
    assert all(r.error is None for r in results)
    assert started and not any(p.is_alive() for p in started)
    err = capfd.readouterr().err
    assert "逐个检查" in err and "临时文件" not in err


def test_anthology_bounds_correspondence_and_says_so_once(cli, tmp_path):
    """An anthology of reports in one file: correspondence matches a bounded number of items (a
    cost linear in the document), said once on stderr, and the run is not an error."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEED_FILES) + "\n"
    (tmp_path / "anthology.txt").write_text(text * 20, encoding="utf-8")
    code, out, err = cli("--select", "CR", "--format", "json", tmp_path / "anthology.txt")
    assert code in (0, 1), err
    notes = [line for line in err.splitlines() if line]
    assert len(notes) == 1 and "前 60 条" in notes[0] and "提示" in notes[0], err
