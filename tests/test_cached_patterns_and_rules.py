"""What the disk cache serves equals what it replaces: word-list patterns (``words_pattern``),
keyed on the set of words (a damaged entry is built again, ``SHUZHI_LINT_NO_CACHE`` builds every
time), and rule files with the source line of every mapping and key."""

from __future__ import annotations

import marshal
import re

import pytest

from shuzhi_lint import diskcache
from shuzhi_lint.checks import wordlist
from shuzhi_lint.checks.wordlist import words_pattern

WORDS = ["做为", "作为一名", "截止", "截止日期", "一", "一把手", "a.b", "(括号)"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SHUZHI_LINT_NO_CACHE", raising=False)
    return tmp_path / "shuzhi-lint"


def _entries(cache):
    return sorted(cache.glob("trie-*.marshal"))


def _no_build(monkeypatch):
    def refuse(node):
        raise AssertionError("built again instead of coming from the cache")

    monkeypatch.setattr(wordlist, "_trie_pattern", refuse)


def test_the_pattern_comes_from_the_cache_and_matches_as_built(cache, monkeypatch):
    built = words_pattern(WORDS)
    assert len(_entries(cache)) == 1
    rx = re.compile(built)
    assert [m.group() for m in rx.finditer("作为一名截止日期一把手a.b(括号)做为")] == ["作为一名", "截止日期", "一把手", "a.b", "(括号)", "做为"]
    _no_build(monkeypatch)
    assert words_pattern(WORDS) == built
    assert words_pattern(tuple(WORDS)) == built  # any iterable of the same words
    assert words_pattern(reversed(WORDS)) == built  # in any order (a set's differs between processes)


def test_other_words_are_another_entry(cache):
    first = words_pattern(WORDS)
    other = words_pattern([*WORDS, "作为一名党员"])
    assert other != first and "党员" in other
    assert len(_entries(cache)) == 2


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not-a-text"])
def test_a_damaged_entry_is_built_again(cache, monkeypatch, damage):
    built = words_pattern(WORDS)
    (entry,) = _entries(cache)
    saved = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(saved[: len(saved) // 2])
    elif damage == "flipped":  # the pattern changed on disk, the checksum left as it was
        magic, (check, blob) = marshal.loads(saved)
        entry.write_bytes(marshal.dumps((magic, (check, marshal.dumps(built.replace("截", "戴"))))))
    else:
        diskcache.save_checked(entry, ["a list", "not a pattern"])
    assert words_pattern(WORDS) == built
    assert entry.read_bytes() == saved


def test_no_cache_builds_every_time(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("SHUZHI_LINT_NO_CACHE", "1")
    assert re.compile(words_pattern(WORDS)).search("截止日期").group() == "截止日期"
    assert not list(tmp_path.rglob("*.marshal"))
    _no_build(monkeypatch)
    with pytest.raises(AssertionError, match="built again"):
        words_pattern(WORDS)


def _with_lines(value):
    """``value`` with the source lines of every mapping (and of its keys) spelt out."""
    if isinstance(value, dict):
        return ("map", getattr(value, "line", None), getattr(value, "key_lines", None), {k: _with_lines(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_with_lines(v) for v in value]
    return value


def test_rule_files_from_the_cache_equal_their_parse_with_every_line(cache, monkeypatch):
    from conftest import ROOT
    from shuzhi_lint.rules import load_yaml, rule_files

    files = rule_files(ROOT / "rules")
    assert len(files) > 5
    for path in files:
        parsed = load_yaml(path)  # parsed, and stored
        assert list(cache.glob("yamllines-*.marshal"))
        monkeypatch.setenv("SHUZHI_LINT_NO_CACHE", "1")
        assert _with_lines(load_yaml(path)) == _with_lines(parsed)
        monkeypatch.delenv("SHUZHI_LINT_NO_CACHE")
        cached = load_yaml(path)  # from the cache
        assert _with_lines(cached) == _with_lines(parsed)
        assert all(type(r) is type(p) for r, p in zip(cached["rules"] if isinstance(cached, dict) else cached, parsed["rules"] if isinstance(parsed, dict) else parsed))
