"""Benchmark: how long shuzhi-lint takes, as ratios to a floor measured in the same run.

    python benchmarks/run.py [--runs 10] [--batch 1000] [--markdown]

Prints one table:
  - the floor: ``python -c "import yaml, pluggy"`` as a process;
  - one seed, cold process, default rules (min and median of --runs) and the ratio to the floor;
  - the same with the families that need no tokenizer (--select ST,PH,FG,PU,WD,AR), to show
    what jieba costs;
  - a batch of generated reports (seeds recombined and edited) with --jobs 1 and with all
    cores: reports/s, characters/s, peak memory (largest process); and a quarter of that
    batch on all cores, so the table shows how memory grows with the number of reports.
  - peers, where installed, on the same seed, labelled with what they check.
Not part of the test suite: wall-clock numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
NO_TOKENIZER = "ST,PH,FG,PU,WD,AR"
# the wording checks that cut the whole text (的/地/得, repeated words, wrong and missing characters)
TOKENIZING_WD = "WD006,WD007,WD008,WD009"


def timed(cmd: list[str], runs: int, env=None) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - t0)
    return times


def peak_rss_kb(cmd: list[str]) -> tuple[float, int]:
    """Wall time and the peak RSS (KiB) of the largest process in ``cmd``'s tree."""
    probe = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1])


def generate_reports(folder: Path, count: int, seed: int = 7) -> int:
    """Reports built by recombining the seeds' paragraphs and editing numbers and names."""
    rng = random.Random(seed)
    paragraphs = {p.name: [line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()] for p in SEEDS}
    names = list(paragraphs)
    total = 0
    for i in range(count):
        base = paragraphs[names[i % len(names)]]
        other = paragraphs[rng.choice(names)]
        lines = list(base)
        # swap in a few paragraphs from another report and edit figures
        for _ in range(rng.randint(1, 3)):
            j = rng.randrange(1, len(lines))
            lines[j] = rng.choice(other)
        text = "\n".join(lines) + "\n"
        text = "".join(str(rng.randint(1, 9)) if c.isdigit() and rng.random() < 0.3 else c for c in text)
        (folder / f"report_{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def peers(seed: Path) -> list[tuple[str, str, list[float]]]:
    rows = []
    try:
        import autocorrect_py  # noqa: F401

        cmd = [sys.executable, "-c", f"import autocorrect_py as a;a.format(open({str(seed)!r},encoding='utf-8').read())"]
        rows.append(("autocorrect-py (中英文空格与标点格式化)", "punctuation/spacing only", timed(cmd, 5)))
    except ImportError:
        pass
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown (for README)")
    args = ap.parse_args()
    exe = shutil.which("shuzhi-lint") or str(Path(sys.executable).with_name("shuzhi-lint"))
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as installed: with cached bytecode
    seed = SEEDS[0]
    subprocess.run([exe, str(seed)], stdout=subprocess.DEVNULL, env=env)  # warm caches, write .pyc

    floor = timed([sys.executable, "-c", "import yaml, pluggy"], args.runs, env)
    full = timed([exe, str(seed)], args.runs, env)
    light = timed([exe, "--select", NO_TOKENIZER, "--ignore", TOKENIZING_WD, str(seed)], args.runs, env)

    rows = []
    fmin = min(floor)

    def row(label, ts, note=""):
        rows.append((label, f"{min(ts) * 1000:.0f}", f"{statistics.median(ts) * 1000:.0f}", f"{min(ts) / fmin:.1f}×", note))

    row("下限：python -c \"import yaml, pluggy\"", floor)
    row(f"单份报告，默认规则（{seed.name}）", full)
    row(f"单份报告，不需分词的规则（--select {NO_TOKENIZER} --ignore {TOKENIZING_WD}）", light)
    for name, what, ts in peers(seed):
        row(name, ts, what)

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder, small = Path(tmp) / "batch", Path(tmp) / "quarter"
        folder.mkdir()
        small.mkdir()
        chars = generate_reports(folder, args.batch)
        small_count = max(2, args.batch // 4)
        small_chars = generate_reports(small, small_count, seed=11)
        batch_rows = []  # (jobs, reports, chars, wall, rss): speed from 1 to all cores, memory from N/4 to N
        for jobs, where, count, size in ((1, folder, args.batch, chars), (cores, folder, args.batch, chars), (cores, small, small_count, small_chars)):
            wall, rss = peak_rss_kb([exe, "--jobs", str(jobs), "--exit-zero", "-o", os.devnull, str(where)])
            batch_rows.append((jobs, count, size, wall, rss))
    speedup = batch_rows[0][3] / batch_rows[1][3]
    memory = batch_rows[1][4] / batch_rows[2][4]

    cpu = platform.processor() or platform.machine()
    print(f"机器：{platform.system()} {platform.machine()} {cpu}，{os.cpu_count()} 核；Python {platform.python_version()}")
    print()
    if args.markdown:
        print("| 测量 | 最短 ms | 中位 ms | 与下限之比 | 说明 |")
        print("|---|---|---|---|---|")
        for r in rows:
            print("| " + " | ".join(r) + " |")
        print()
        print("| 批量（生成报告） | 份数 | 字数 | 耗时 s | 报告/秒 | 字/秒 | 峰值内存 MB |")
        print("|---|---|---|---|---|---|---|")
        for jobs, count, size, wall, rss in batch_rows:
            print(f"| --jobs {jobs} | {count} | {size / 1e6:.2f} M | {wall:.1f} | {count / wall:.0f} | {size / wall / 1e6:.2f} M | {rss / 1024:.0f} |")
        print()
        print(f"1 → {cores} 核加速 {speedup:.2f}×；份数 ×{args.batch / small_count:.0f} 时峰值内存 ×{memory:.2f}。")
    else:
        for label, mn, med, ratio, note in rows:
            print(f"{label:<60} min {mn:>5} ms  median {med:>5} ms  {ratio:>6}  {note}")
        print()
        for jobs, count, size, wall, rss in batch_rows:
            print(
                f"batch {count} reports ({size / 1e6:.2f} M chars) --jobs {jobs}: {wall:.1f} s, "
                f"{count / wall:.0f} reports/s, {size / wall / 1e6:.2f} M chars/s, peak {rss / 1024:.0f} MB"
            )
        print(f"speed-up 1 -> {cores} jobs: {speedup:.2f}x; peak memory x{memory:.2f} for x{args.batch / small_count:.0f} the reports")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
