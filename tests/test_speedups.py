"""The speed-ups change nothing but speed: the compiled-pattern cache, the disk cache, block-wise
tokenizing, jieba's deferred imports, slim batch results and the fast-exit console script."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from conftest import SEED_FILES
from shuzhi_lint import api, diskcache, patterncache
from shuzhi_lint.checks.base import Context
from shuzhi_lint.document import Document
from shuzhi_lint.rules import load_yaml, rule_files

RULES = [r for path in rule_files(Path(__file__).resolve().parents[1] / "rules") for r in load_yaml(path, lines=False)]
PATTERNS = sorted({p for r in RULES if isinstance(r, dict) for p in [r.get("pattern"), *(r.get("allow") or [])] if isinstance(p, str)})
TEXTS = [p.read_text(encoding="utf-8") for p in SEED_FILES] + [
    "开展主题党日活动x次，投资项目开工率达到1%，XXX余万元，做为书记。",
    "“1+X”证书、X光机各1台，合格率100%。\n（一）学习不够深入\n一是理论学习不系统。",
]


def _matches(pattern, text):
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.fixture
def fresh_pattern_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SHUZHI_LINT_NO_CACHE", raising=False)
    monkeypatch.setattr(patterncache._REGEX, "table", None)
    monkeypatch.setattr(patterncache._REGEX, "dirty", False)
    return tmp_path


def test_every_builtin_pattern_from_the_cache_matches_like_a_fresh_compile(fresh_pattern_cache, monkeypatch):
    assert len(PATTERNS) > 30
    fresh = [regex.compile(p, regex.V0) for p in PATTERNS]
    for p in PATTERNS:
        patterncache.compile(p, regex.V0)
    patterncache.save()
    assert list(fresh_pattern_cache.glob("shuzhi-lint/regex-*.marshal"))

    # a new process: the table comes from disk, and regex's own compiler must not be needed
    monkeypatch.setattr(patterncache._REGEX, "table", None)

    def no_compile(*args, **kwargs):
        raise AssertionError("compiled again instead of coming from the cache")

    monkeypatch.setattr(regex, "compile", no_compile)
    for p, ref in zip(PATTERNS, fresh):
        cached = patterncache.compile(p, regex.V0)
        assert (cached.pattern, cached.flags, cached.groups, cached.groupindex) == (ref.pattern, ref.flags, ref.groups, ref.groupindex)
        for text in TEXTS:
            assert _matches(cached, text) == _matches(ref, text), p


def test_a_damaged_cache_entry_falls_back_to_compiling(fresh_pattern_cache):
    pattern = r"(?P<n>\d+)余万元"
    patterncache._REGEX.loaded()[f"{int(regex.V0)}:{pattern}"] = (0, ["not", "opcodes"], {}, {}, {}, [], 0, None, 0, 0)
    compiled = patterncache.compile(pattern, regex.V0)
    assert compiled.search("投入资金120余万元").group("n") == "120"


def test_an_invalid_pattern_fails_as_before_and_is_not_cached(fresh_pattern_cache):
    with pytest.raises(regex.error):
        patterncache.compile("做为(", regex.V0)
    assert not any("做为(" in key for key in patterncache._REGEX.loaded())


def test_a_corrupt_cache_file_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SHUZHI_LINT_NO_CACHE", raising=False)
    source = tmp_path / "rule.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    entry = diskcache.entry("yaml", [source])
    diskcache.save(entry, {"a": 1})
    assert diskcache.load(entry) == {"a": 1}
    entry.write_bytes(b"\x00garbage")
    assert diskcache.load(entry) is None
    # an edited source is another entry: the old value is never served for new content
    source.write_text("a: 22\n", encoding="utf-8")
    assert diskcache.entry("yaml", [source]) != entry


def test_no_cache_turns_the_disk_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("SHUZHI_LINT_NO_CACHE", "1")
    assert diskcache.entry("yaml", [tmp_path]) is None


@pytest.fixture(scope="module")
def tokenizer():
    lt = api.linter()
    doc = Document(path="<t>", text="")
    return Context(doc, api.outline_of(""), lt.data, {}).tokenizer


@pytest.mark.parametrize(
    "text",
    [
        "一是理论学习不够深入，对党的创新理论学用结合不紧。",
        "GDP增速达到6.5%，“1+X”证书试点覆盖3所学校；X光机2台",
        "  空格 与\t制表符\n换行，English words and 3.14 ",
        "党建引领乡村振兴党建引领乡村振兴",  # the same block twice
        "",
    ],
)
def test_block_wise_cut_equals_jiebas_own(tokenizer, text):
    import jieba

    own = jieba.Tokenizer()  # jieba's cut over the same prefix dictionary
    own.FREQ, own.total, own.initialized = tokenizer._tk.FREQ, tokenizer._tk.total, True
    tokenizer._recent.clear()
    first = tokenizer.cut(text)
    assert first == own.lcut(text, HMM=False)
    assert tokenizer.cut(text) == first  # and again from the remembered blocks


def test_jiebas_deferred_imports_load_for_real_when_used(tokenizer):
    import jieba

    assert "hashlib" not in sys.modules or hasattr(sys.modules["hashlib"], "sha256")
    # the HMM path needs the deferred jieba.finalseg; it must load and work
    assert "".join(jieba.lcut("小明硕士毕业于中国科学院计算所", HMM=True)) == "小明硕士毕业于中国科学院计算所"
    import hashlib
    import tempfile

    assert hashlib.md5(b"x").hexdigest() == "9dd4e461268c8034f5c8564e155c67a6"
    assert os.path.isdir(tempfile.gettempdir())


def test_slim_results_render_exactly_like_whole_documents(tmp_path):
    from shuzhi_lint.cli import build_parser, run_options
    from shuzhi_lint.formatters import RenderContext
    from shuzhi_lint.plugins import collect
    from shuzhi_lint.session import Session

    registry = collect()
    copy = tmp_path / "copy.txt"  # a copied report, for the cross-document rule
    copy.write_text(SEED_FILES[0].read_text(encoding="utf-8"), encoding="utf-8")
    outputs = []
    for keep in (True, False):
        args = build_parser(sorted(registry.formatters)).parse_args(["--jobs", "1", *map(str, SEED_FILES), str(copy)])
        session = Session(registry, run_options(args))
        session.keeps_documents = lambda keep=keep: keep
        results = list(session.results())
        assert all((r.outline is None) != keep for r in results)
        lt = session.linter(str(SEED_FILES[0]))
        ctx = RenderContext(rules=lt.rules, fail_on="warning", version="x", options={"statistics": False, "output": None})
        outputs.append(registry.formatters["text"].render(results, ctx))
    assert outputs[0] == outputs[1]
    assert "DP004" in outputs[0]  # the cross-document rule still reports on slimmed results


def test_console_script_flushes_everything_before_its_fast_exit(tmp_path):
    # many files, output to a pipe: nothing may be lost to the skipped interpreter teardown
    for i in range(12):
        (tmp_path / f"r{i:02d}.txt").write_text(SEED_FILES[i % len(SEED_FILES)].read_text(encoding="utf-8"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "shuzhi_lint", "--jobs", "2", "--format", "json", str(tmp_path)], capture_output=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    findings = json.load(io.BytesIO(proc.stdout))
    assert {os.path.basename(f["path"]) for f in findings} == {f"r{i:02d}.txt" for i in range(12)}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_one_error_line_and_exit_2():
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "shuzhi_lint", str(SEED_FILES[0])], stdout=full, stderr=subprocess.PIPE, timeout=300)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert err.strip().count("\n") == 0 and "无法写出检查结果" in err and "Traceback" not in err


def test_patterns_compiled_while_linting_reach_the_disk_cache(fresh_pattern_cache):
    # word-list guards compile on their first candidate, after the rule set has loaded
    from shuzhi_lint.engine import Linter

    lt = Linter(api.linter().registry, api.linter().config)
    lt.lint_document(Document(path="<t>", text="我是第1责任单位的书记，做为第1责任人。\n"))
    assert not patterncache._REGEX.dirty
    saved = diskcache.load_checked(patterncache._entry())
    assert any(key.endswith("^(?!人)") for key in saved)


def test_clause_fingerprints_are_those_of_the_clauses():
    import re
    import unicodedata

    from shuzhi_lint import dup
    from shuzhi_lint.loaders.encoding import _control_ratio

    def slow_normalise(text):  # the definition: spaces dropped, lower case, every number one 0
        return re.sub(r"[0-9０-９]+(?:\.[0-9]+)?", "0", re.sub(r"[\s\u3000]+", "", text).lower())

    samples = TEXTS + ["ＡＢ 12.5万元，Ⅻ期\u3000第３批；İstanbul x\t1.2.3。"]
    for text in samples:
        for m in dup._CLAUSE.finditer(text):
            assert dup.normalise(m.group()) == slow_normalise(m.group())
        assert dup.fingerprints(text) == {c.fp for c in dup.clauses(text)}
    every_char = "".join(map(chr, range(0x3000)))
    controls = sum(unicodedata.category(c) == "Cc" and c not in "\r\n\t\f\v" for c in every_char)
    assert _control_ratio(every_char) == controls / len(every_char)


def test_packed_batch_index_groups_reports_exactly_like_a_dict():
    import random
    from array import array

    from shuzhi_lint.checks.duplication import _runs_of_equal_fingerprints

    rng = random.Random(9)
    pool = [rng.randrange(2**32) for _ in range(200)] + [0, 2**32 - 1]  # the extremes of the key packing
    prints = [array("I", sorted(set(rng.sample(pool, rng.randint(1, 60))))) for _ in range(40)]
    expected: dict[int, list[int]] = {}
    for i, fps in enumerate(prints):
        for fp in fps:
            expected.setdefault(fp, []).append(i)
    got = dict(_runs_of_equal_fingerprints(prints))
    assert got == expected


def test_findings_pickle_with_every_field():
    # a --jobs worker sends its findings pickled, and a batch spools them: every field must survive,
    # also those equality ignores (offsets, the related report)
    import copy
    import pickle

    from shuzhi_lint.finding import Finding

    f = Finding("a/报告.txt", 3, 5, 3, 9, "WD001", "typo", "wording", "warning", "“做为”应为“作为”", "做为",
                {"replacement": "作为", "applicability": "safe"}, 120, 122, "a/其他.txt")
    for again in (pickle.loads(pickle.dumps(f, pickle.HIGHEST_PROTOCOL)), copy.deepcopy(f)):
        assert [getattr(again, k) for k in Finding.__slots__] == [getattr(f, k) for k in Finding.__slots__]


def test_garbage_collection_is_made_rare_before_the_imports_only_by_the_entry_point():
    code = (
        "import sys, gc\n"
        "default = gc.get_threshold()\n"
        "import shuzhi_lint.startup\n"
        "print('shuzhi_lint.cli' in sys.modules, gc.get_threshold() == default)\n"
        "import shuzhi_lint.cli\n"
        "print(gc.get_threshold() == default)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    # the entry point's module imports nothing of the package, and importing the package for its
    # API leaves the process's thresholds alone
    assert out.stdout.split() == ["False", "True", "True"]
