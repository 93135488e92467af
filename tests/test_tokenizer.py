"""The tokenizer cuts exactly as jieba's ``cut(HMM=False)`` does, over a prefix dictionary that
jieba builds once and the disk cache keeps: a damaged or stale entry is built again, and a run
whose dictionary comes from the cache imports neither jieba nor yaml."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from conftest import ROOT, SEED_FILES
from shuzhi_lint import diskcache, tokenizer
from shuzhi_lint.tokenizer import Tokenizer

DATA = ROOT / "rules" / "data"
COMPACT = DATA / "jieba_compact.txt"
USER_LINES = (DATA / "userdict.txt").read_text(encoding="utf-8").splitlines()
ODD_TEXTS = [
    "",
    "  空格 与\t制表符\n换行\r\n，English words and 3.14 ",
    "GDP增速达到6.5%，“1+X”证书试点覆盖3所学校；X光机2台，a-b_c#d&e",
    "ＡＢＣ１２３全角字母，①②③，〇一二三，𠮷字（扩展区），\u3000全角空格",
    "第1季度完成率100%以上x次xx项",
]


def _reference() -> jieba.Tokenizer:
    """jieba's own tokenizer for the same dictionary and user words."""
    ref = jieba.Tokenizer(dictionary=str(COMPACT))
    ref.initialize()
    for line in USER_LINES:
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        ref.add_word(parts[0], freq=freq, tag=parts[2] if len(parts) > 2 else None)
    return ref


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SHUZHI_LINT_NO_CACHE", raising=False)
    return tmp_path / "shuzhi-lint"


def _entry() -> Path:
    return tokenizer._cache_file(COMPACT, USER_LINES)


def test_the_expressions_are_jiebas():
    assert (tokenizer._HAN.pattern, tokenizer._HAN.flags) == (jieba.re_han_default.pattern, jieba.re_han_default.flags)
    assert (tokenizer._SKIP.pattern, tokenizer._SKIP.flags) == (jieba.re_skip_default.pattern, jieba.re_skip_default.flags)
    assert tokenizer._ENG == {chr(c) for c in range(0x10000) if jieba.re_eng.match(chr(c))}


def test_cuts_equal_jiebas_and_the_table_is_jiebas(cache):
    ref = _reference()
    built = Tokenizer(COMPACT, USER_LINES)  # built by jieba, then saved
    loaded = Tokenizer(COMPACT, USER_LINES)  # from the cache
    assert _entry().exists()
    for tok in (built, loaded):
        assert tok._tk.FREQ == ref.FREQ and tok._tk.total == ref.total
    assert loaded.tags == built.tags and len(built.tags) > 15000
    texts = [p.read_text(encoding="utf-8") for p in [*SEED_FILES, *sorted((ROOT / "tests" / "reports").glob("*.txt"))]]
    assert len(texts) > 40
    for text in texts + ODD_TEXTS:
        expected = ref.lcut(text, HMM=False)
        assert loaded.cut(text) == expected
        assert loaded.cut(text) == expected  # again, from the remembered blocks
        assert loaded._tk.lcut(text) == expected


@pytest.mark.parametrize("damage", ["truncated", "garbage", "flipped", "shorter-frequencies", "tag-run-too-long", "other-shape"])
def test_a_damaged_entry_is_ignored_and_built_again(cache, damage):
    fresh = Tokenizer(COMPACT, USER_LINES)
    entry = _entry()
    saved = entry.read_bytes()
    words, freqs, total, runs = diskcache.load_checked(entry)
    if damage == "truncated":
        entry.write_bytes(saved[:5000])
    elif damage == "garbage":
        entry.write_bytes(b"\x00garbage")
    elif damage == "flipped":  # a frequency changed on disk, the checksum left as it was
        magic, (check, blob) = marshal.loads(saved)
        data = marshal.loads(blob)
        entry.write_bytes(marshal.dumps((magic, (check, marshal.dumps((data[0], [f + 1 for f in data[1]], *data[2:]))))))
    elif damage == "shorter-frequencies":
        diskcache.save_checked(entry, (words, freqs[:-3], total, runs))
    elif damage == "tag-run-too-long":
        diskcache.save_checked(entry, (words, freqs, total, [*runs[:-1], (runs[-1][0], len(freqs))]))
    else:  # the previous layout: words, frequencies, total, tag names, tag ids
        diskcache.save(entry, (words, freqs, total, ["n"], [0] * len(freqs)))
    again = Tokenizer(COMPACT, USER_LINES)
    assert (again._tk.FREQ, again._tk.total, again.tags) == (fresh._tk.FREQ, fresh._tk.total, fresh.tags)
    assert entry.read_bytes() == saved  # and the entry is whole again


def test_an_edited_dictionary_or_user_dictionary_is_not_served_the_old_table(cache, tmp_path):
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("研究 500 v\n部署 500 v\n", encoding="utf-8")
    assert Tokenizer(dictionary, []).cut("研究部署落实") == ["研究", "部署", "落", "实"]
    dictionary.write_text("研究 500 v\n部署 500 v\n落实 900 v\n", encoding="utf-8")
    assert Tokenizer(dictionary, []).cut("研究部署落实") == ["研究", "部署", "落实"]
    user = Tokenizer(dictionary, ["研究部署 2000 v"])
    assert user.cut("研究部署落实") == ["研究部署", "落实"] and user.tags["研究部署"] == "v"


def test_no_cache_writes_no_entry(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("SHUZHI_LINT_NO_CACHE", "1")
    tok = Tokenizer(COMPACT, USER_LINES)
    assert tok.cut("研究部署落实工作") == _reference().lcut("研究部署落实工作", HMM=False)
    assert not list(tmp_path.rglob("*.marshal"))


def test_a_run_from_the_cache_imports_neither_jieba_nor_yaml(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("SHUZHI_LINT_NO_CACHE", None)
    probe = (
        "import sys; from shuzhi_lint.cli import main; code = main(sys.argv[1:]); "
        "print(*(name for name in ('jieba', 'yaml', 'logging') if name in sys.modules), file=sys.stderr)"
    )
    runs = [subprocess.run([sys.executable, "-c", probe, str(SEED_FILES[0])], capture_output=True, env=env, timeout=120) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout
    assert "jieba" in runs[0].stderr.decode() and "yaml" in runs[0].stderr.decode()  # the first run builds the caches
    assert runs[1].stderr.decode().strip() == ""
