"""Benchmark of the duplication index on a generated corpus (issue: 10,000 reports, ~25 M chars).

    python benchmarks/corpus.py [--reports 10000] [--queries 100]

Builds a corpus of varied generated reports (2% carry edited seed paragraphs), then
measures: index build time and peak memory (``shuzhi-lint --build-index`` as a process), index
size, an incremental update after one file changes, and the per-report query time (index lookup
and passage matching, in one process, averaged over --queries reports).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import SEEDS, generate_reports  # noqa: E402


def generate_corpus(folder: Path, count: int, seed: int = 11) -> int:
    """A corpus of varied reports: sentences assembled from a vocabulary of genre words, with
    seed paragraphs (edited) copied into 2% of them, as templates are copied in real collections."""
    import random

    rng = random.Random(seed)
    words = [line.split()[0] for line in (Path(__file__).resolve().parents[1] / "rules" / "data" / "jieba_compact.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    paragraphs = [line for p in SEEDS for line in p.read_text(encoding="utf-8").splitlines() if len(line) > 60]
    total = 0
    for i in range(count):
        paras = []
        for _ in range(rng.randint(17, 27)):
            sentences = []
            for _ in range(rng.randint(2, 5)):
                clauses = ["".join(rng.choice(words) for _ in range(rng.randint(3, 7))) for _ in range(rng.randint(2, 4))]
                sentences.append("，".join(clauses) + "。")
            paras.append("".join(sentences))
        if rng.random() < 0.02:
            paras[rng.randrange(len(paras))] = rng.choice(paragraphs)
        text = "\n".join(paras) + "\n"
        (folder / f"report_{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=10000)
    ap.add_argument("--queries", type=int, default=100)
    args = ap.parse_args()
    exe = shutil.which("shuzhi-lint") or str(Path(sys.executable).with_name("shuzhi-lint"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        t0 = time.perf_counter()
        chars = generate_corpus(corpus, args.reports)
        gen = time.perf_counter() - t0
        t0 = time.perf_counter()
        subprocess.run([exe, "--build-index", str(corpus)], check=True, stdout=subprocess.DEVNULL)
        build = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = (corpus / ".shuzhi-index.sqlite").stat().st_size / 1e6
        (corpus / "report_00000.txt").write_text("新的一份报告。" * 50, encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run([exe, "--build-index", str(corpus)], check=True, stdout=subprocess.DEVNULL)
        update = time.perf_counter() - t0

        queries = Path(tmp) / "queries"
        queries.mkdir()
        generate_reports(queries, args.queries, seed=99)
        from shuzhi_lint.api import linter
        from shuzhi_lint.checks.duplication import corpus_index
        from shuzhi_lint.dup import clauses, match_passages

        lt = linter(select=["DP"], corpus=str(corpus))
        index = corpus_index(str(corpus), lt.load_text)
        texts = [p.read_text(encoding="utf-8") for p in sorted(queries.glob("*.txt"))]
        t0 = time.perf_counter()
        found = 0
        for text in texts:
            report = clauses(text)
            occ, _docs = index.lookup([c.fp for c in report])
            found += len(match_passages(report, occ, 50))
        query = (time.perf_counter() - t0) / len(texts)
    print(f"语料：{args.reports} 份生成报告，{chars / 1e6:.1f} M 字（生成用时 {gen:.0f} 秒）")
    print(f"建索引：{build:.1f} 秒，峰值内存 {peak:.0f} MB，索引文件 {size:.0f} MB")
    print(f"改动一个文件后增量更新：{update:.1f} 秒")
    print(f"每份报告查询：{query * 1000:.1f} 毫秒（{args.queries} 份平均，共找到 {found} 段相同文字）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
