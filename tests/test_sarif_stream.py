"""SARIF: file URIs percent-encoded; written one result at a time, so a batch of any size runs in bounded memory."""

from __future__ import annotations

import json
import tracemalloc

from shuzhi_lint.finding import FileResult, Finding
from shuzhi_lint.formatters import RenderContext, streams
from shuzhi_lint.plugins import collect


def _finding(path: str, k: int) -> Finding:
    return Finding(path=path, line=k + 1, column=1, end_line=k + 1, end_column=3, code="PH001", name="placeholder",
                   category="placeholder", severity="error", message="“x次”中的“x”是未填写的占位符", match="x次",
                   fix={"replacement": "", "applicability": "unsafe"}, start=0, end=2)


def _results(n: int, per_file: int = 5):
    for i in range(n):
        path = f"报告 {i}#.txt"
        yield FileResult(path=path, findings=[_finding(path, k) for k in range(per_file)])
    yield FileResult(path="坏.docx", error="坏.docx: 不是有效的 .docx 文件")


def _ctx():
    return RenderContext(rules={}, version="test")


def test_sarif_uris_are_percent_encoded(cli, tmp_path):
    report = tmp_path / "述职 报告#1%.txt"
    report.write_text("述职报告\n今年召开支委会x次。\n", encoding="utf-8")
    code, out, err = cli("--format", "sarif", "--select", "PH001", report.name, cwd=tmp_path)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out)["runs"][0]["results"] for loc in r["locations"]}
    assert uris == {"%E8%BF%B0%E8%81%8C%20%E6%8A%A5%E5%91%8A%231%25.txt"}
    code, out, err = cli("--format", "sarif", "--select", "PH001", report)
    uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and " " not in uri and "#" not in uri[8:]


def test_sarif_streamed_output_is_complete_and_valid():
    fmt = collect().formatters["sarif"]
    assert streams(fmt)
    doc = json.loads("".join(fmt.render_iter(_results(50), _ctx())))
    run = doc["runs"][0]
    assert len(run["results"]) == 250
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith("坏.docx")
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%E6%8A%A5%E5%91%8A%200%23.txt"


def test_sarif_for_many_files_runs_in_bounded_memory():
    # bounded: the peak stays a small fraction of the output, however long the output gets. 600
    # files (3,000 results, ~4.5 MB of SARIF) show it as well as 10,000 did, at a fifteenth of
    # the cost (tracemalloc slows every allocation): a streamed run peaks at ~0.2 MB, one that
    # holds its results or its output holds more than the output's size
    fmt = collect().formatters["sarif"]
    tracemalloc.start()
    try:
        size = 0
        for chunk in fmt.render_iter(_results(600), _ctx()):
            size += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > 4_000_000  # 3,000 results were written
    assert peak < size // 8, (peak, size)


def _remove_deep(top: str) -> None:
    """Remove a deep tree level by level: shutil.rmtree (pytest's clean-up) recurses per level too."""
    import os

    folders = [top]
    while True:
        sub = os.path.join(folders[-1], "d")
        if not os.path.isdir(sub):
            break
        folders.append(sub)
    for folder in reversed(folders):
        for name in os.listdir(folder):
            if name != "d":
                os.unlink(os.path.join(folder, name))
        os.rmdir(folder)


def test_folders_nested_1000_deep(cli):
    import os
    import tempfile

    # not in tmp_path: if this test is killed half-way, pytest's own clean-up (shutil.rmtree,
    # recursive) must not meet the tree
    deep = tempfile.mkdtemp(prefix="shuzhi-deep-")
    folder = deep
    try:
        for _ in range(1000):  # os.makedirs itself recurses once per level
            folder = os.path.join(folder, "d")
            os.mkdir(folder)
        with open(os.path.join(folder, "r.txt"), "w", encoding="utf-8") as fh:
            fh.write("述职报告\n今年召开支委会x次。\n")
        code, out, err = cli("--format", "json", "--select", "PH001", deep)
        assert "RecursionError" not in err and code == 1, err[-500:]
        assert json.loads(out)[0]["path"].endswith("/d/r.txt")
        code, out, err = cli("--build-index", deep)
        assert code == 0 and "1 份文档" in out, err[-500:]
    finally:
        _remove_deep(deep)
