"""Standard-library patterns from the disk cache are the patterns ``re.compile`` makes, and a
damaged entry is compiled afresh instead of reaching ``_sre``."""

from __future__ import annotations

import re

import pytest

from shuzhi_lint import patterncache

PATTERNS = [
    (r"^(?P<num>[一二三四五六七八九十]{1,3})[ \t\u3000]*(?P<mark>[、.．，,:：])", 0),
    (r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\r?\n).)+?)(?<!`)\1(?!`)", re.S),
    (r"(?:https?|ftp)://|www\.", re.I),
    (r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$", re.M),
    ("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]", 0),
]
TEXT = "一、总体情况\n（一）WWW.example.com 与 `代码` 和 ``两个``\n  [参考]: http://x.cn/a\n二：结尾\x07\u2028"


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SHUZHI_LINT_NO_CACHE", raising=False)
    monkeypatch.setattr(patterncache._STD, "table", None)
    monkeypatch.setattr(patterncache._STD, "dirty", False)
    return tmp_path


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, dict(a.groupindex)) == (b.pattern, b.flags, b.groups, dict(b.groupindex))
    assert [m.span() + m.groups() for m in a.finditer(TEXT)] == [m.span() + m.groups() for m in b.finditer(TEXT)]
    assert a.sub("#", TEXT) == b.sub("#", TEXT)


def _reload() -> None:
    """Forget the table in memory, as a new process would."""
    patterncache._STD.table = None


def test_cached_patterns_are_those_of_re_compile(fresh_cache, monkeypatch):
    for pattern, flags in PATTERNS:
        _same(patterncache.compile_std(pattern, flags), re.compile(pattern, flags))
    patterncache.save()
    assert list((fresh_cache / "shuzhi-lint").glob("re-*.marshal"))
    _reload()

    def no_compile(*args):
        raise AssertionError("compiled again instead of from the cache")

    monkeypatch.setattr(patterncache._re_compiler, "compile", no_compile)
    for pattern, flags in PATTERNS:
        _same(patterncache.compile_std(pattern, flags), re.compile(pattern, flags))


def test_invalid_pattern_fails_as_re_does(fresh_cache):
    with pytest.raises(re.error):
        patterncache.compile_std("(unclosed")
    assert not patterncache._STD.table


def test_damaged_entry_is_compiled_afresh(fresh_cache):
    pattern, flags = PATTERNS[1]
    patterncache.compile_std(pattern, flags)
    key = f"{int(flags)}:{pattern}"
    stored_flags, code, *rest = patterncache._STD.table[key]
    # an entry that passed the file's checksum but holds other opcodes: _sre's own validation
    # must refuse it, and the pattern is compiled afresh
    patterncache._STD.table[key] = (stored_flags, [op + 7 if i % 3 == 0 else op for i, op in enumerate(code)], *rest)
    _same(patterncache.compile_std(pattern, flags), re.compile(pattern, flags))


def test_damaged_table_file_is_ignored(fresh_cache, monkeypatch):
    import marshal

    for pattern, flags in PATTERNS:
        patterncache.compile_std(pattern, flags)
    patterncache.save()
    (path,) = (fresh_cache / "shuzhi-lint").glob("re-*.marshal")
    magic, (check, blob) = marshal.loads(path.read_bytes())
    table = marshal.loads(blob)
    key = f"{int(PATTERNS[0][1])}:{PATTERNS[0][0]}"
    stored_flags, code, *rest = table[key]
    table[key] = (stored_flags, [op ^ 1 for op in code], *rest)  # changed on disk: the checksum no longer fits
    path.write_bytes(marshal.dumps((magic, (check, marshal.dumps(table)))))
    _reload()
    compiled = []
    real = patterncache._re_compiler.compile
    monkeypatch.setattr(patterncache._re_compiler, "compile", lambda *a: compiled.append(a[0]) or real(*a))
    for pattern, flags in PATTERNS:
        _same(patterncache.compile_std(pattern, flags), re.compile(pattern, flags))
    assert compiled == [p for p, _ in PATTERNS]  # none taken from the damaged file
