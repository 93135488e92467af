"""``kind: wordlist`` — a list of wrong forms and their correct forms (typos, 规范表述, fixed expressions).

Entries come inline (``entries:``) or from a data file in ``rules/data`` (``list: typos``). Each
entry may carry context guards: ``allow`` regexes that, when they cover the hit, mark a correct use
(截止日期 is fine, 截止2023年底 is not), and ``require`` a regex that must match around the hit.
All entries are compiled into one alternation, so a 300-entry list is a single pass over the text.
"""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint import diskcache
from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import compile_pattern, iter_matches
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.patterncache import compile_std

# the pattern ``words_pattern`` builds; a change to ``_trie_pattern`` must change this
_TRIE_FORMAT = "trie 1"
ENTRY_KEYS = {"wrong", "right", "allow", "require", "note", "applicability", "before", "after"}


class WordlistKind(CheckKind):
    name = "wordlist"
    fixes = True
    description = "错词表：entries（或 list 指定 rules/data 中的数据文件）中每项 wrong→right，可带 allow/require/before/after 上下文条件"
    data_params = {"list": "wordlist"}
    params = {
        "list": Param(str, "rules/data 中的数据文件名（不含 .yaml），文件内容为 entries 列表", default=None),
        "entries": Param(list, "条目列表：{wrong, right, note?, allow?[], require?, before?, after?, applicability?}", default=None),
    }

    def __init__(self, rule):
        super().__init__(rule)
        if not self.p["list"] and not self.p["entries"]:
            raise ParamError("entries", "wordlist 需要 entries 或 list")
        self._compiled = None
        if self.p["entries"]:
            self._compiled = self._compile(self.p["entries"], "entries")

    def _compile(self, entries, where: str):
        """Index entries by their wrong form; context guards compile lazily, on their first hit
        (a regex alternation of 300 words costs more to compile than the whole scan)."""
        table: dict[str, list[dict]] = {}
        for i, e in enumerate(entries):
            if not isinstance(e, dict) or "wrong" not in e or "right" not in e:
                raise ParamError(where, f"{where} 第 {i + 1} 项必须有 wrong 和 right")
            unknown = set(e) - ENTRY_KEYS
            if unknown:
                raise ParamError(where, f"{where} 第 {i + 1} 项（{e['wrong']}）有未知字段 {', '.join(sorted(unknown))}")
            wrong = str(e["wrong"])
            if not wrong:
                raise ParamError(where, f"{where} 第 {i + 1} 项的 wrong 为空")
            table.setdefault(wrong, []).append({**e, "right": str(e["right"]), "where": f"{where}[{wrong}]"})
        return table, compile_std(words_pattern(table))

    def _compile_list(self, ctx: Context):
        data = ctx.data.get(self.p["list"], schema="wordlist")
        entries = data.get("entries") if isinstance(data, dict) else data
        if not isinstance(entries, list):
            raise ParamError("list", f"数据文件 {self.p['list']} 应包含 entries 列表")
        return self._compile(entries, self.p["list"])

    def check(self, ctx: Context) -> Iterable[Hit]:
        # a list from a data file is compiled once per rule set, with that rule set's data store
        compiled = self._compiled or ctx.data.derived(("wordlist", self.p["list"]), lambda: self._compile_list(ctx))
        table, words = compiled
        text = ctx.text
        pos = 0
        while True:
            m = words.search(text, pos)  # the longest entry at the leftmost position
            if m is None:
                return
            matched = m.group()
            start, end = m.span()
            pos = start + 1
            for entry in table[matched]:
                if self._guarded(ctx, _compiled_entry(entry), start, end):
                    continue
                hit = Hit(start, end, vars={"right": entry["right"], "note": entry.get("note", "")})
                hit.replacement = entry["right"]
                hit.applicability = entry.get("applicability")
                yield hit
                pos = end
                break

    @staticmethod
    def _guarded(ctx: Context, entry: dict, start: int, end: int) -> bool:
        text = ctx.text
        ls, le = ctx.line_bounds(start, end)
        if entry["before"] is not None and not entry["before"].search(text[max(ls, start - 20):start]):
            return True
        if entry["after"] is not None and not entry["after"].search(text[end:min(le, end + 20)]):
            return True
        if entry["require"] is not None and not entry["require"].search(text[max(ls, start - 30):min(le, end + 30)]):
            return True
        for a in entry["allow"]:
            for m in iter_matches(a, text, ctx, max(ls, start - 30), min(le, end + 30)):
                if m.start() <= start and m.end() >= end:
                    return True
        return False


def words_pattern(words) -> str:
    """One regex over ``words``, nested by shared prefixes (a trie), so that the longest word
    starting at the leftmost candidate is found in a single C scan.

    Building it takes ~2 ms a run for the built-in lists, so the pattern is kept in the disk
    cache, keyed on the set of words and stored with a checksum (a damaged entry is built
    again)."""
    words = sorted(set(words))  # the pattern does not depend on their order (a set's differs between processes)
    entry = diskcache.entry_for_content("trie", repr(words).encode("utf-8", "surrogatepass"), _TRIE_FORMAT)
    cached = diskcache.load_checked(entry)
    if isinstance(cached, str):
        return cached
    trie: dict = {}
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = True
    pattern = _trie_pattern(trie)
    diskcache.save_checked(entry, pattern)
    return pattern


def _trie_pattern(node: dict) -> str:
    """A regex for the words of a trie node's subtree, preferring longer words (greedy ``?``)."""
    alts = [re.escape(c) + _trie_pattern(child) for c, child in sorted(node.items()) if c]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return body + "?" if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + body + ")?"
    return body


def _compiled_entry(entry: dict) -> dict:
    if "_compiled" not in entry:
        where = entry["where"]
        entry["_compiled"] = {
            "allow": [compile_pattern(a, f"{where}.allow") for a in entry.get("allow", [])],
            "require": compile_pattern(entry["require"], f"{where}.require") if entry.get("require") else None,
            "before": compile_pattern(entry["before"] + r"$", f"{where}.before") if entry.get("before") else None,
            "after": compile_pattern(r"^" + entry["after"], f"{where}.after") if entry.get("after") else None,
        }
    return entry["_compiled"]
