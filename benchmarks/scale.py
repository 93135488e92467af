"""Benchmark: how the cost of linting one document grows with its size.

    python benchmarks/scale.py [--sizes 0.5,1,2,4,8] [--docx]

Builds one document per size by putting the seeds one after another (an anthology of reports in
one file, the way large inputs arise), lints each in a fresh process with the size limit raised
and prints: size, characters, wall time, CPU time (user + system: steadier than wall time on a
shared machine), CPU seconds per MB, peak memory and the three slowest rules
(from --profile). A linear cost shows as a flat CPU s/MB column. Not part of the test suite:
wall-clock numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def anthology(size: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    parts, total, k = [], 0, 0
    while total < size:
        # each copy with its own figures, as different reports have
        text = re.sub(r"\d+", lambda m, k=k: str(int(m.group()) + k % 7), texts[k % len(texts)])
        parts.append(text)
        total += len(text.encode("utf-8")) + 1
        k += 1
    return "\n".join(parts)


def as_docx(text: str) -> bytes:
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(line)}</w:t></w:r></w:p>" for line in text.splitlines())
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body + "</w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


PROBE = (
    "import resource,subprocess,sys,time;t=time.perf_counter();"
    "p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE,text=True);"
    "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
    "print(time.perf_counter()-t, u.ru_utime+u.ru_stime, u.ru_maxrss, p.returncode);"
    "sys.stdout.write(p.stderr)"
)


def measure(path: Path) -> tuple[float, float, int, int, list[str], list[str]]:
    cmd = [sys.executable, "-m", "shuzhi_lint", "--profile", "--exit-zero", "-o", "/dev/null", str(path)]
    out = subprocess.run([sys.executable, "-c", PROBE, *cmd], capture_output=True, text=True, cwd=path.parent).stdout
    head, _, err = out.partition("\n")
    seconds, cpu, rss, code = head.split()
    rules = [line.strip() for line in err.splitlines() if re.match(r"\s+[A-Z]{2}\d{3} ", line)][:3]
    notes = [line for line in err.splitlines() if line.startswith("shuzhi-lint: ")]
    return float(seconds), float(cpu), int(rss), int(code), rules, notes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="0.5,1,2,4,8", help="document sizes in MB")
    ap.add_argument("--docx", action="store_true", help="also as .docx")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    print("| size | kind | chars | wall s | CPU s | CPU s/MB | peak MB | exit | slowest rules |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="shuzhi-scale-") as tmp:
        folder = Path(tmp)
        (folder / ".shuzhi-lint.yaml").write_text(f"max-file-size: {int(max(sizes) * 4 * 1024 * 1024)}\n", encoding="utf-8")
        for mb in sizes:
            text = anthology(int(mb * 1_000_000))
            kinds = [("txt", text.encode("utf-8"))] + ([("docx", as_docx(text))] if args.docx else [])
            for kind, data in kinds:
                path = folder / f"anthology-{mb}.{kind}"
                path.write_bytes(data)
                seconds, cpu, rss, code, rules, notes = measure(path)
                slow = "; ".join(re.sub(r"\s+", " ", r) for r in rules)
                print(f"| {mb:g} MB | {kind} | {len(text)} | {seconds:.1f} | {cpu:.1f} | {cpu / mb:.2f} | {rss / 1024:.0f} | {code} | {slow} |", flush=True)
                for note in notes:
                    if "提示" in note or "错误" in note:
                        print(f"|   | | | | | | | | {note[:160]} |")
                path.unlink()


if __name__ == "__main__":
    main()
