"""Watermark benchmark for AR020 (site slogans spliced into sentences with no separator).

    python benchmarks/watermark.py [--seed 23] [--show N] [--reports 200] [--timing]

Recall: with a fixed seed, an invented site slogan (written for this benchmark; no real site's
name) is inserted at a random place between two Chinese characters of each clean sentence —
inside a word or between words, as it falls — once per sentence (``single``), and in documents of
six sentences where one slogan is inserted into three of them (``recurring``). Two sets, side by
side, each with its own sentences *and* its own slogans:

- ``tune``: ``benchmarks/data/clean_sentences.txt`` with ``TUNE_SLOGANS`` (the rule was tuned on these);
- ``heldout``: ``benchmarks/data/heldout_sentences.txt`` with ``HELDOUT_SLOGANS`` (only the totals
  were looked at).

A planted slogan is found when an AR020 finding overlaps it; ``exact`` when the finding's span is
the slogan. Also reported: recall of the watermark rules together (AR001, AR013, AR019, AR020),
split by where the slogan fell (inside a word of the sentence, by the tokenizer, or between words).

False alarms (any AR020 finding on text with no slogan): the clean sentences one by one and as one
document, the seeds, the clean reports of ``tests/reports``, generated reports (``benchmarks/run.py``'s generator) and,
when it exists, ``../shared/realworld`` (judge any finding there in ``benchmarks/reviewed.yaml``).

``--timing``: CPU time (``time.process_time``) of linting the generated reports with every rule
and with AR020 ignored, alternating, in one process. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from shuzhi_lint.config import Config  # noqa: E402
from shuzhi_lint.document import Document  # noqa: E402
from shuzhi_lint.engine import Linter  # noqa: E402
from shuzhi_lint.plugins import collect  # noqa: E402
from shuzhi_lint.tokenizer import get_tokenizer  # noqa: E402

SETS = {"tune": ROOT / "benchmarks" / "data" / "clean_sentences.txt", "heldout": ROOT / "benchmarks" / "data" / "heldout_sentences.txt"}
#: invented slogans in the forms real ones take: ××文库, ××网原创, ××范文网整理, a person's 公众号…
TUNE_SLOGANS = [
    "海川文库原创", "青禾范文网整理", "笔耕公文网出品", "云帆写作网首发", "墨香文秘网独家",
    "思远文库", "公众号老周写材料", "星火范文网", "文海资料网分享", "本站原创首发",
]
HELDOUT_SLOGANS = [
    "晨光文库出品", "微信公众号墨林笔记", "明德文档网提供", "北辰公文写作网", "远山范文原创",
    "知行文秘站整理", "悦读文库", "关注公众号笔杆子小李",
]
SLOGANS = {"tune": TUNE_SLOGANS, "heldout": HELDOUT_SLOGANS}
#: invented watermarks with no site word at all: only AR021 (recurrence and cut words) can tell
PLAIN = {"tune": ["青山笔谈", "松风听雨", "墨池拾贝", "南窗夜话"], "heldout": ["北岭闲笔", "竹溪问道", "一苇书简"]}
CODE = "AR020"
CODES = ["AR020", "AR021"]
FAMILY = ["AR001", "AR013", "AR019", "AR020", "AR021"]
DOC_SIZE = 6
RECUR = 3


def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def load(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def places(s: str) -> list[int]:
    return [i for i in range(1, len(s)) if is_han(s[i - 1]) and is_han(s[i])]


def word_starts(tok, s: str) -> set[int]:
    out, pos = set(), 0
    for w in tok.cut(s):
        out.add(pos)
        pos += len(w)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--show", type=int, default=0, help="print this many missed cases and false alarms (tuning set only)")
    ap.add_argument("--reports", type=int, default=200, help="generated reports for false alarms and timing")
    ap.add_argument("--timing", action="store_true", help="compare CPU time with and without AR020 and AR021")
    args = ap.parse_args()
    linter = Linter(collect(), Config(select=FAMILY))
    tok = get_tokenizer(linter.data)

    def findings(text: str, path: str = "s.txt"):
        return linter.lint_document(Document(path=path, text=text)).findings

    def offsets(text: str, fs):
        """(code, start, end) of each finding, as offsets into ``text``."""
        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        return [(f.code, starts[f.line - 1] + f.column - 1, starts[f.end_line - 1] + f.end_column - 1) for f in fs if f.line]

    print(f"watermark benchmark: seed {args.seed}, rule {CODE} (family {','.join(FAMILY)})")
    for name in ("tune", "heldout"):
        sentences = load(SETS[name])
        slogans = SLOGANS[name]
        rng = random.Random(args.seed)
        # single: one slogan a sentence
        tally = {"inside": [0, 0, 0, 0], "between": [0, 0, 0, 0]}  # planted, AR020 found, exact, family found
        missed = []
        for k, s in enumerate(sentences):
            ps = places(s)
            if not ps:
                continue
            slogan = slogans[k % len(slogans)]
            i = rng.choice(ps)
            text = s[:i] + slogan + s[i:]
            where = "between" if i in word_starts(tok, s) else "inside"
            spans = offsets(text, findings(text))
            row = tally[where]
            row[0] += 1
            ours = [(a, b) for c, a, b in spans if c == CODE and a < i + len(slogan) and b > i]
            row[1] += bool(ours)
            row[2] += (i, i + len(slogan)) in ours
            row[3] += any(a < i + len(slogan) and b > i for c, a, b in spans)
            if not ours:
                missed.append(text)
        # recurring: documents of DOC_SIZE sentences, one slogan put into RECUR of them
        recurring = {}
        for label, pool in (("recurring", slogans), ("recurring, no site word", PLAIN[name])):
            docs = n_planted = 0
            found = {c: 0 for c in CODES + ["either"]}
            for d in range(0, len(sentences) - DOC_SIZE + 1, DOC_SIZE):
                lines = sentences[d:d + DOC_SIZE]
                slogan = pool[(d // DOC_SIZE) % len(pool)]
                chosen = rng.sample([j for j, s in enumerate(lines) if places(s)], RECUR)
                planted = {}
                for j in chosen:
                    i = rng.choice(places(lines[j]))
                    lines[j] = lines[j][:i] + slogan + lines[j][i:]
                    planted[j] = i
                text = "\n".join(lines)
                spans = offsets(text, findings(text))
                starts = [0]
                for line in lines:
                    starts.append(starts[-1] + len(line) + 1)
                docs += 1
                for j, i in planted.items():
                    at = starts[j] + i
                    n_planted += 1
                    got = {c for c, a, b in spans if c in CODES and a < at + len(slogan) and b > at}
                    for c in got:
                        found[c] += 1
                    found["either"] += bool(got)
            recurring[label] = (docs, n_planted, found)
        print(f"\n[{name}] {len(sentences)} sentences ({SETS[name].relative_to(ROOT)}), {len(slogans)} slogans")
        print(f"{'single':<10}{'planted':>8}{'AR020':>8}{'recall':>8}{'exact':>8}{'family':>8}")
        tot = [0, 0, 0, 0]
        for where, row in tally.items():
            tot = [x + y for x, y in zip(tot, row)]
            print(f"{where:<10}{row[0]:>8}{row[1]:>8}{row[1] / max(row[0], 1):>8.1%}{row[2]:>8}{row[3]:>8}")
        print(f"{'all':<10}{tot[0]:>8}{tot[1]:>8}{tot[1] / max(tot[0], 1):>8.1%}{tot[2]:>8}{tot[3]:>8}")
        for label, (docs, n_planted, found) in recurring.items():
            print(f"{label}: {docs} documents, {n_planted} planted; found by " + ", ".join(
                f"{c} {k} ({k / max(n_planted, 1):.1%})" for c, k in found.items()))
        if name == "tune":
            for t in missed[: args.show]:
                print("  missed:", t)
    # false alarms
    print("\nfalse alarms (AR020, AR021 findings on text with no slogan):")
    only = Linter(collect(), Config(select=CODES))

    def alarms(text: str, path: str = "s.txt"):
        return [f for f in only.lint_document(Document(path=path, text=text)).findings]

    for name in ("tune", "heldout"):
        sentences = load(SETS[name])
        single = [s for s in sentences if alarms(s)]
        whole = alarms("\n".join(sentences))
        print(f"  {name} sentences: {len(single)} of {len(sentences)} one by one; {len(whole)} as one document")
        if name == "tune":
            for s in single[: args.show]:
                print("    false alarm:", s)
    from run import generate_reports  # benchmarks/run.py

    groups = {
        "seeds": sorted((ROOT / "seeds").glob("*.txt")),
        # the clean ones: a defects_* report may carry a planted watermark
        "tests/reports (clean)": sorted((ROOT / "tests" / "reports").glob("clean_*.txt")),
    }
    real = ROOT.parent / "shared" / "realworld"
    if not real.is_dir():
        real = Path("../shared/realworld").resolve()
    if real.is_dir():
        groups["realworld"] = sorted(real.glob("*.txt"))
    tmp = tempfile.TemporaryDirectory()
    generate_reports(Path(tmp.name), args.reports)
    generated = sorted(Path(tmp.name).glob("*.txt"))
    groups[f"generated ({args.reports})"] = generated
    for label, paths in groups.items():
        hits = []
        total = 0
        for p in paths:
            text = p.read_text(encoding="utf-8")
            total += len(text)
            hits += [(p.name, f.line, f.code, f.match) for f in alarms(text, str(p))]
        print(f"  {label}: {len(hits)} findings in {len(paths)} files ({total} characters)")
        for h in hits[:10]:
            print("    ", h[0], h[1], h[2], h[3] if label != "realworld" else "(see the ledger)")
    if args.timing:
        with_rule = Linter(collect(), Config())
        without = Linter(collect(), Config(ignore=CODES))
        texts = [p.read_text(encoding="utf-8") for p in generated]
        for lt in (with_rule, without):  # warm up: data, tokenizer, memo of repeated lines
            for t in texts[:20]:
                lt.lint_document(Document(path="r.txt", text=t))
        spent = {"with": 0.0, "without": 0.0}
        for _ in range(3):
            for label, lt in (("with", with_rule), ("without", without)):
                t0 = time.process_time()
                for t in texts:
                    lt.lint_document(Document(path="r.txt", text=t))
                spent[label] += time.process_time() - t0
        n = 3 * len(texts)
        w, wo = spent["with"] / n * 1000, spent["without"] / n * 1000
        print(f"\nCPU per report (3 rounds of {len(texts)}, alternating): with AR020/AR021 {w:.2f} ms, without {wo:.2f} ms, "
              f"difference {w - wo:+.2f} ms ({w / wo:.3f}x)")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
