"""Corruption benchmark for the wording checks: recall per kind of slip, false alarms on clean text.

    python benchmarks/corruption.py [--seed 17] [--show N]

Takes clean sentences in the style of duty reports, written for this benchmark, and with a fixed
seed makes three corrupted copies of each. Two sets are reported side by side:

- ``tune``: ``benchmarks/data/clean_sentences.txt``, the sentences the rules were tuned on (their
  adverb and complement tables were completed against them, and missed cases were read);
- ``heldout``: ``benchmarks/data/heldout_sentences.txt``, written later and never used for tuning
  (only their totals are looked at: ``--show`` prints the tuning set's cases only);
- ``probe``: ``benchmarks/data/probe_sentences.txt``, a second held-out set of many offices' prose
  (纪委, 政法, 卫健, 教育, 国企, 高校, 统战 …) written to probe precision: only its clean-text false
  alarms were used to fix data, never its corrupted cases (``--show`` prints its false alarms only);
- ``de``: ``benchmarks/data/de_sentences.txt``, sentences with a structural 地 or 得, written after
  the 的/地/得 tables were completed (the other sets' 地/得 cases had been read while completing
  them): the held-out figure for ``de-swap`` (``--set de``; not part of ``all``, only totals);
- ``detune``: ``benchmarks/data/de_tune_sentences.txt``, sentences with a structural 地 or 得 in
  forms the other sets lack, written on 2026-12-03 to tune the 的/地/得 check further (its misses are
  read: ``--show`` prints them); ``de`` stays the held-out figure (``--set detune``; not in ``all``);
- ``fresh``: ``benchmarks/data/fresh_sentences.txt``, 320 sentences of eighteen offices the other
  sets cover thinly (街道社区, 公安交警, 法院检察, 税务海关, 应急消防, 统计审计, 村级合作社 …),
  written on 2026-12-03, after the rules' tuning, and measured only (``--set fresh``; not part of
  ``both`` or ``all``; only its totals are looked at, ``--show`` prints nothing for it);
- ``deltune``: ``benchmarks/data/del_tune_sentences.txt``, 148 sentences of many offices written on
  2026-12-03 to tune the missing-character checks (WD009, WD013) on more than the ``tune`` set: its
  missed deletions are read (``--show`` prints them); ``heldout``, ``probe`` and ``fresh`` stay the
  held-out figures (``--set deltune``; not part of ``all``).
- ``fresh2``: ``benchmarks/data/fresh2_sentences.txt``, about 150 sentences of twenty-odd offices none
  of the other sets covers (科技, 文旅, 交通, 水利, 林草, 气象, 民政, 人社, 医保, 信访, 档案, 群团 …),
  written on 2026-12-03 while the rules were tuned on the other sets, and measured only, like
  ``fresh`` (``--set fresh2``).
- ``readtune``: ``benchmarks/data/reading_tune_sentences.txt``, about 200 sentences of many offices
  (党建, 纪检, 政法, 教育, 卫健, 国企, 街道, 农业, 环保, 财税 …) written on 2026-12-03 to tune the
  wrong-character checks (WD008, WD011, WD012) further once the ``tune`` set's misses were nearly
  all read: its misses are read (``--show`` prints them; ``--set readtune``; not part of ``all``).

The corruptions:

- ``same-reading``: one character replaced by another common character (GB2312 level 1) with
  the same first toneless reading (the slip a pinyin input method makes);
- ``deletion``: one character of a word left out;
- ``de-swap``: a structural 地 (认真地学习) or 得 (落实得不到位) replaced by 的.

With ``--in-report`` each sentence is read as a paragraph added at the end of one of the clean
reports in ``tests/reports`` (taken in turn), and only findings on that paragraph count: the checks
then see a whole report's vocabulary (WD012 takes a word the report writes correctly elsewhere as
evidence), as they do in use.

A corrupted sentence counts as detected when a wording finding of at most eight characters covers
the changed place or touches it (a finding spanning the sentence would find everything). Also reported: how many clean sentences get any finding (false alarms). Not part
of the test suite.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shuzhi_lint.config import Config  # noqa: E402
from shuzhi_lint.document import Document  # noqa: E402
from shuzhi_lint.engine import Linter  # noqa: E402
from shuzhi_lint.checks.lexicon import common_char, is_han  # noqa: E402  (GB2312 level 1: what an input method offers first)
from shuzhi_lint.plugins import collect  # noqa: E402

SETS = {
    "tune": ROOT / "benchmarks" / "data" / "clean_sentences.txt",
    "heldout": ROOT / "benchmarks" / "data" / "heldout_sentences.txt",
    "probe": ROOT / "benchmarks" / "data" / "probe_sentences.txt",
    "de": ROOT / "benchmarks" / "data" / "de_sentences.txt",
    "detune": ROOT / "benchmarks" / "data" / "de_tune_sentences.txt",
    "fresh": ROOT / "benchmarks" / "data" / "fresh_sentences.txt",
    "deltune": ROOT / "benchmarks" / "data" / "del_tune_sentences.txt",
    "fresh2": ROOT / "benchmarks" / "data" / "fresh2_sentences.txt",
    "readtune": ROOT / "benchmarks" / "data" / "reading_tune_sentences.txt",
}
MAX_SPAN = 8
#: the checks that are off by default: run only when named in --extend-select
OPT_IN = {"WD011"}
CODES = ["WD001", "WD002", "WD006", "WD007", "WD008", "WD009", "WD010", "WD011", "WD012", "WD013", "AR005"]
KINDS = ["same-reading", "deletion", "de-swap"]


def load_readings() -> dict[str, set[str]]:
    """Common characters by their first toneless reading, from the shipped spelling data."""
    by_reading: dict[str, set[str]] = {}
    section = None
    for line in (ROOT / "rules" / "data" / "spelling.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("@"):
            section = line[1:]
        elif section == "primary" and line and not line.startswith("#"):
            r, chars = line.split()
            by_reading[r] = {c for c in chars if common_char(c)}
    return by_reading


def particle_positions(s: str, words: set[str]) -> list[int]:
    """Offsets of 地/得 used as particles (not inside 基地, 取得): neither neighbour pair is a word."""
    out = []
    for i, c in enumerate(s):
        if c in "地得" and 0 < i < len(s) - 1 and is_han(s[i - 1]) and is_han(s[i + 1]):
            if s[i - 1:i + 1] not in words and s[i:i + 2] not in words:
                out.append(i)
    return out


def corrupt(s: str, kind: str, rng: random.Random, readings, char_readings, words) -> tuple[str, int] | None:
    positions = [i for i, c in enumerate(s) if is_han(c) and c not in "的地得"]
    if kind == "de-swap":
        ps = particle_positions(s, words)
        if not ps:
            return None
        i = rng.choice(ps)
        return s[:i] + "的" + s[i + 1:], i
    rng.shuffle(positions)
    for i in positions:
        if kind == "deletion":
            return s[:i] + s[i + 1:], i
        options = sorted({o for r in char_readings.get(s[i], ()) for o in readings.get(r, ()) if o != s[i]})
        if options:
            return s[:i] + rng.choice(options) + s[i + 1:], i
    return None


def load(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--show", type=int, default=0, help="print this many missed cases per kind (tuning set only)")
    ap.add_argument("--set", choices=["tune", "heldout", "probe", "de", "detune", "fresh", "deltune", "readtune", "fresh2", "both", "all"],
                    default="both")
    ap.add_argument("--extend-select", default="", metavar="CODES",
                    help="also run these opt-in checks (comma-separated: WD011 two-character slips)")
    ap.add_argument("--in-report", action="store_true", help="lint each sentence as the last paragraph of a clean report")
    args = ap.parse_args()
    readings = load_readings()
    char_readings: dict[str, set[str]] = {}
    for r, chars in readings.items():
        for c in chars:
            char_readings.setdefault(c, set()).add(r)
    # two-character words (jieba's full dictionary, as shipped in the spelling data) to tell the
    # particle 地/得 from the one inside a word
    from shuzhi_lint.checks.lexicon import SpellingData, parse

    data = SpellingData(parse((ROOT / "rules" / "data" / "spelling.txt").read_text(encoding="utf-8")))
    w2 = data.dictionary_words(2)[0]  # the full dictionary's two-character words
    words = {w2[i:i + 2] for i in range(0, len(w2), 2)}
    extra = {c.strip() for c in args.extend_select.split(",") if c.strip()}
    codes = [c for c in CODES if c not in OPT_IN or c in extra]
    linter = Linter(collect(), Config(select=codes))

    hosts = [p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in sorted((ROOT / "tests" / "reports").glob("clean_*.txt"))] if args.in_report else []
    turn = [0]

    def findings(text: str):
        """Findings on the sentence, as line 1 (alone, or as the last paragraph of a host report)."""
        if not hosts:
            return linter.lint_document(Document(path="s.txt", text=text)).findings
        host = hosts[turn[0] % len(hosts)]
        turn[0] += 1
        offset = host.count("\n")
        fs = linter.lint_document(Document(path="s.txt", text=host + text + "\n")).findings
        out = []
        for f in fs:
            if f.line == offset + 1:
                f.line, f.end_line = 1, f.end_line - offset
                out.append(f)
        return out

    names = {"both": ["tune", "heldout"], "all": ["tune", "heldout", "probe"]}.get(args.set, [args.set])
    print(f"corruption benchmark: seed {args.seed}, rules {','.join(codes)}" + (", each sentence in a clean report" if hosts else ""))
    for name in names:
        sentences = load(SETS[name])
        rng = random.Random(args.seed)
        false_alarms = [s for s in sentences if findings(s)]
        rows = []
        missed: dict[str, list[str]] = {k: [] for k in KINDS}
        total_n = total_hit = 0
        for kind in KINDS:
            n = hit = 0
            for s in sentences:
                made = corrupt(s, kind, rng, readings, char_readings, words)
                if made is None:
                    continue
                text, pos = made
                n += 1
                fs = findings(text)
                # columns are 1-based, end_column exclusive; the changed place is pos (for a
                # deletion, the character after the gap)
                if any(f.line == 1 and f.end_line == 1 and f.end_column - f.column <= MAX_SPAN and f.column - 2 <= pos <= f.end_column - 1 for f in fs):
                    hit += 1
                else:
                    missed[kind].append(text)
            rows.append((kind, n, hit))
            total_n += n
            total_hit += hit
        print(f"\n[{name}] {len(sentences)} clean sentences ({SETS[name].relative_to(ROOT)})")
        print(f"{'kind':<14}{'sentences':>10}{'detected':>10}{'recall':>9}")
        for kind, n, hit in rows:
            print(f"{kind:<14}{n:>10}{hit:>10}{hit / n:>9.1%}" if n else f"{kind:<14}{0:>10}")
        print(f"{'overall':<14}{total_n:>10}{total_hit:>10}{total_hit / total_n:>9.1%}")
        print(f"false alarms on the clean sentences: {len(false_alarms)} of {len(sentences)} ({len(false_alarms) / len(sentences):.1%})")
        if name in ("heldout", "fresh", "fresh2"):
            continue
        for s in false_alarms[: args.show]:
            print("  false alarm:", s, "|", "; ".join(f"{f.code} {f.message}" for f in findings(s)))
        if name not in ("tune", "detune", "deltune", "readtune"):
            continue
        for kind in KINDS:
            for s in missed[kind][: args.show]:
                print(f"  missed {kind}:", s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
