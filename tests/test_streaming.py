"""Streamed output: a batch is written result by result, in flat memory, and reads exactly as if
every result had been kept and rendered at once."""

from __future__ import annotations

import gc
import os
import threading
import weakref

import pytest

from conftest import SEED_FILES
from shuzhi_lint.cli import Session, _render_context, build_parser, run_options
from shuzhi_lint.fsutil import atomic_writer
from shuzhi_lint.plugins import collect
from test_plugins import install_plugin

STREAMED_FORMATS = ["text", "concise", "json", "github", "gitlab"]


@pytest.fixture(scope="module")
def registry():
    return collect()


@pytest.fixture
def batch(tmp_path):
    """The seeds, a copy of one (for the cross-document rule), an empty file and a missing path."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for p in SEED_FILES:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "zz-copy.txt").write_bytes(SEED_FILES[1].read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    return [str(folder), str(tmp_path / "missing.txt")]


def run(session):
    """Every result of ``Session.results``, kept with whole documents (cross-document rules in memory)."""
    session.keeps_documents = lambda: True
    try:
        return list(session.results())
    finally:
        del session.keeps_documents


def stream(session):
    """The same results as they come, for a formatter's ``render_iter``."""
    return session.results()


def _session(registry, *argv):
    args = build_parser(sorted(registry.formatters)).parse_args(list(argv))
    return Session(registry, run_options(args)), args


@pytest.mark.parametrize("fmt", STREAMED_FORMATS)
@pytest.mark.parametrize("statistics", [False, True])
def test_streamed_output_is_byte_identical_to_rendering_all_results(registry, batch, fmt, statistics):
    extra = ["--statistics"] if statistics else []
    session, args = _session(registry, "--format", fmt, "--jobs", "1", *extra, *batch)
    formatter = registry.formatters[fmt]
    kept = run(session)
    whole = formatter.render(kept, _render_context(session, args))
    streamed = "".join(formatter.render_iter(stream(session), _render_context(session, args)))
    assert streamed == whole
    assert "DP004" in whole  # the cross-document findings were merged into the stream
    if fmt in ("text", "concise"):
        assert "2 个无法读取" in whole  # the closing summary counts the empty and the missing file


@pytest.mark.parametrize("ignore", [[], ["--ignore", "DP004"]], ids=["spooled-for-DP004", "direct"])
def test_streamed_results_are_not_kept_once_written(registry, tmp_path, ignore):
    for i in range(8):
        (tmp_path / f"r{i}.txt").write_bytes(SEED_FILES[i % len(SEED_FILES)].read_bytes())
    session, args = _session(registry, "--jobs", "1", *ignore, str(tmp_path))
    refs = []

    def watched(results):
        for r in results:
            refs.append(weakref.ref(r))
            yield r
            del r
            gc.collect()
            # the runner and the formatter have let go of every result written so far
            assert [ref() for ref in refs[:-1]] == [None] * (len(refs) - 1)

    out = "".join(registry.formatters["text"].render_iter(watched(stream(session)), _render_context(session, args)))
    assert len(refs) == 8
    assert ("DP004" in out) == (not ignore)  # r0 and r5 are copies of the same seed


def test_output_file_is_untouched_when_the_run_fails_midway(cli, tmp_path):
    # a plugin's cross-document rule breaks the batch-kind contract after every file was linted
    plugin = '''
    from pathlib import Path
    from shuzhi_lint import hookimpl
    from shuzhi_lint.plugin import BatchCheckKind, Hit

    class SpanBatch(BatchCheckKind):
        name = "span-batch"
        description = "returns span hits from check_batch"

        def check(self, ctx):
            return ()

        def prepare_batch(self, text):
            return len(text)

        def check_batch(self, docs):
            return {path: [Hit(0, 1)] for path, _ in docs}

    @hookimpl
    def shuzhi_lint_check_kinds():
        return [SpanBatch]

    @hookimpl
    def shuzhi_lint_rule_dirs():
        return [Path(__file__).parent / "tiny_rules"]
    '''
    rules = '''\
- code: TP009
  name: span-batch
  category: duplication
  severity: warning
  kind: span-batch
  message: "never"
'''
    env = install_plugin(tmp_path, plugin, rules)
    out = tmp_path / "out" / "结果.txt"
    out.parent.mkdir()
    out.write_text("上一次的结果\n", encoding="utf-8")
    code, stdout, err = cli("--jobs", "1", "-o", out, *SEED_FILES[:2], env=env)
    assert code == 2, err
    assert "TP009" in err and "跨文档规则只能报告整篇文档的问题" in err and "Traceback" not in err
    assert err.strip().count("\n") == 0
    assert out.read_text(encoding="utf-8") == "上一次的结果\n"
    assert os.listdir(out.parent) == ["结果.txt"]  # no temporary file left behind
    assert stdout == ""


def test_atomic_writer_keeps_the_old_file_until_the_end(tmp_path):
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as fh:
            fh.write(b"[\n  half")
            raise RuntimeError("the run failed after the first chunk")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.json"]
    with atomic_writer(target) as fh:
        fh.write(b"new")
    assert target.read_bytes() == b"new"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_to_a_named_pipe_writes_into_it(cli, tmp_path):
    # like -o /dev/null: a device or a pipe is written to, never replaced by a regular file
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = cli("--format", "json", "-o", fifo, SEED_FILES[0])
    reader.join(timeout=60)
    assert code == 1, err
    assert fifo.is_fifo()
    assert received and received[0].startswith(b"[\n  {") and received[0].endswith(b"]\n")


def test_a_run_needs_only_typed_options(registry, batch):
    """The session and the runner take ``RunOptions``; the command line builds them once."""
    import pickle

    from shuzhi_lint.options import RunOptions

    session, args = _session(registry, "--jobs", "1", "--select", "PH,DP", "--year", "2025", *batch)
    options = session.options
    assert isinstance(options, RunOptions) and options.paths == tuple(batch)
    assert options.selection == {"select": ["PH", "DP"], "ignore": [], "extend_select": []}
    assert options.overrides == {"year": 2025, "jobs": 1}
    assert pickle.loads(pickle.dumps(options)) == options  # sent to spawned workers
    by_hand = Session(registry, RunOptions(paths=tuple(batch), jobs=1, overrides={"year": 2025, "jobs": 1},
                                           selection={"select": ["PH", "DP"], "ignore": [], "extend_select": []}))
    kept = run(by_hand)
    assert [(r.path, [f.as_dict() for f in r.findings], r.error) for r in kept] == [
        (r.path, [f.as_dict() for f in r.findings], r.error) for r in run(session)]
    assert any(r.findings for r in kept)
