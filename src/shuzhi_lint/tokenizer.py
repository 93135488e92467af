"""The shared tokenizer: jieba with a compact dictionary, loaded lazily and once per dictionary.

jieba's full dictionary (349k words) takes ~0.6 s to load, longer than the whole lint of a report.
The checks only need ordinary words and their part-of-speech tags, so ``rules/data/jieba_compact.txt``
keeps the ~18k words with frequency >= 300 (with their tags) plus the domain dictionary
``rules/data/userdict.txt``; it loads in ~20 ms. Regenerate it with
``python -m shuzhi_lint.tokenizer`` after upgrading jieba.

jieba builds the prefix dictionary (every word, its frequency, a 0 for each prefix of a word)
once per dictionary; the disk cache keeps it. Cutting is jieba's own ``cut(HMM=False)`` — a
dynamic program over that dictionary and two regular expressions of jieba's — written out here
(``PrefixDictionary``), so a run whose dictionary comes from the cache does not import jieba and
the logging module it loads (~5 ms). ``tests/test_tokenizer.py`` checks that every cut equals
jieba's and that the expressions are jieba's.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
import time
import types
from itertools import repeat
from math import log
from pathlib import Path

from shuzhi_lint import diskcache
from shuzhi_lint.patterncache import compile_std

_lock = threading.Lock()
# tokenizers by their inputs (dictionary path, user dictionary lines): a key that names everything
# the tokenizer depends on, so which rule set asked first cannot change what another one gets
_by_inputs: dict[tuple[str | None, str], "Tokenizer"] = {}
load_seconds = 0.0  # the one-off loads, which --profile shows apart from the rule that caused them
COMPACT_MIN_FREQ = 300
RECENT_BLOCKS = 20000
# the layout of the cached prefix dictionary (``Tokenizer._load_cache``)
_CACHE_FORMAT = "prefix dictionary 2"

# jieba's own expressions (jieba.re_han_default, re_skip_default, re_eng; the tests compare them):
# the runs a text is cut into (Han characters, letters, digits and + # & . _ % -), the whitespace
# between other characters, and the letters and digits a cut glues together
_HAN = compile_std("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_SKIP = compile_std("(\r\n|\\s)", re.U)
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class _DeferredModule(types.ModuleType):
    """Stands in for a module until one of its attributes is used, then imports the real one."""

    def __getattr__(self, attr):
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attr)


def _deferred_function(module: str, name: str):
    """For ``from module import name`` of a function: imports ``module`` on the first call."""

    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return call


def _import_jieba():
    """``import jieba`` without the start-up work our use of it never needs.

    jieba imports pkg_resources only to locate its bundled files (~75 ms); we pass our own
    dictionary, so pkg_resources is hidden and jieba falls back to plain paths. Its HMM model
    (jieba.finalseg, ~12 ms of tables) serves only cut(HMM=True); hashlib (~5 ms, OpenSSL) and
    tempfile name jieba's own dictionary cache, which our disk cache replaces. Those are stood in
    for during the import and load for real if something does use them.
    """
    stand_ins: dict[str, types.ModuleType | None] = {"pkg_resources": None}
    for name in ("jieba.finalseg", "tempfile"):
        stand_ins[name] = _DeferredModule(name)
    hashlib = types.ModuleType("hashlib")
    hashlib.md5 = _deferred_function("hashlib", "md5")  # type: ignore[attr-defined]
    stand_ins["hashlib"] = hashlib
    placed = [name for name in stand_ins if name not in sys.modules]
    for name in placed:
        sys.modules[name] = stand_ins[name]  # type: ignore[assignment]
    try:
        import jieba  # lazily: jieba and its dictionary cost start-up time only rules that tokenize need
    finally:
        for name in placed:
            # the deferred jieba.finalseg stays until used; the others are only for this import
            if name != "jieba.finalseg" and sys.modules.get(name) is stand_ins[name]:
                del sys.modules[name]
    import logging  # loaded by jieba already

    jieba.setLogLevel(logging.WARNING)
    return jieba


class PrefixDictionary:
    """jieba's prefix dictionary (``FREQ``: word -> frequency, 0 for a prefix that is no word;
    ``total``: the sum of the frequencies) and jieba's ``lcut(text, HMM=False)`` over it.

    The attribute names are jieba's: checks that scan the whole table read ``FREQ``. The cutting
    algorithm is jieba's (``Tokenizer.get_DAG``, ``calc`` and ``__cut_DAG_NO_HMM`` of jieba 0.42,
    MIT License, Copyright (c) 2013 Sun Junyi), written out so a run whose dictionary comes from the
    disk cache need not import jieba; ``tests/test_tokenizer.py`` checks every cut against jieba's."""

    def __init__(self, freq: dict[str, int], total: int):
        self.FREQ = freq
        self.total = total

    def lcut(self, text: str) -> list[str]:
        """jieba's ``Tokenizer.cut(text, HMM=False)``: runs of ``_HAN`` by the dictionary, other
        characters one by one, whitespace as it is."""
        words: list[str] = []
        for block in _HAN.split(text):
            if not block:
                continue
            if _HAN.match(block):
                words.extend(self.cut_run(block))
                continue
            for part in _SKIP.split(block):
                if _SKIP.match(part):
                    words.append(part)
                else:
                    words.extend(part)
        return words

    def cut_run(self, run: str) -> list[str]:
        """One run of ``_HAN`` characters, as jieba's ``__cut_DAG_NO_HMM``: the path through the
        words the dictionary knows that maximises the product of their frequencies; single
        letters and digits in a row are glued into one word."""
        freq = self.FREQ
        n = len(run)
        dag = []
        for k in range(n):
            ends = []
            i = k
            frag = run[k]
            while i < n and frag in freq:
                if freq[frag]:
                    ends.append(i)
                i += 1
                frag = run[k:i + 1]
            dag.append(ends or [k])
        route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
        logtotal = log(self.total)
        for idx in range(n - 1, -1, -1):
            route[idx] = max((log(freq.get(run[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in dag[idx])
        words: list[str] = []
        buf = ""
        x = 0
        while x < n:
            y = route[x][1] + 1
            word = run[x:y]
            if len(word) == 1 and word in _ENG:
                buf += word
            else:
                if buf:
                    words.append(buf)
                    buf = ""
                words.append(word)
            x = y
        if buf:
            words.append(buf)
        return words


class Tokenizer:
    def __init__(self, dictionary: Path | None, userdict_lines: list[str]):
        self._recent: dict[str, tuple[str, ...]] = {}
        self._blocks = _HAN.split
        cache = _cache_file(dictionary, userdict_lines)
        if cache is not None and self._load_cache(cache):
            return
        jieba = _import_jieba()  # only to build the prefix dictionary: the cache keeps it
        tk = jieba.Tokenizer(dictionary=str(dictionary)) if dictionary else jieba.Tokenizer()
        tk.initialize()
        self.tags: dict[str, str] = {}
        if dictionary:
            with open(dictionary, encoding="utf-8") as fh:
                for line in fh:
                    parts = line.split()
                    if len(parts) >= 3:
                        self.tags[parts[0]] = parts[2]
        for line in userdict_lines:
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            word = parts[0]
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[2] if len(parts) > 2 else None
            tk.add_word(word, freq=freq, tag=tag)
            if tag:
                self.tags[word] = tag
        self._tk = PrefixDictionary(tk.FREQ, tk.total)
        if cache is not None:
            self._save_cache(cache)

    def _load_cache(self, cache: Path) -> bool:
        """The prefix dictionary, total and tags from the disk cache (False when the entry is
        missing, damaged or not in the shape ``_save_cache`` writes: it is then built again).

        Words are stored as one newline-joined string, the tagged ones first, grouped by tag:
        rebuilding the dicts from it takes ~3 ms, unmarshalling 40k separate string objects ~12 ms.
        """
        stored = diskcache.load_checked(cache)  # None unless it is whole (checksum)
        try:
            words, freqs, total, tag_runs = stored
            keys = words.split("\n")
            if not isinstance(total, int) or total <= 0 or not isinstance(freqs, list) or len(freqs) != len(keys):
                return False
            freq = dict(zip(keys, freqs))
            tags: dict[str, str] = {}
            at = 0
            for tag, count in tag_runs:
                if not isinstance(tag, str) or not isinstance(count, int) or count < 0 or at + count > len(keys):
                    return False
                tags.update(zip(keys[at:at + count], repeat(tag)))
                at += count
        except (TypeError, ValueError, AttributeError):
            return False
        if len(freq) != len(keys):  # a word twice: not what was saved
            return False
        self._tk, self.tags = PrefixDictionary(freq, total), tags
        return True

    def _save_cache(self, cache: Path) -> None:
        freq, tags = self._tk.FREQ, self.tags
        by_tag: dict[str, list[str]] = {}
        for word in freq:
            if word in tags:
                by_tag.setdefault(tags[word], []).append(word)
        keys = [w for tag in sorted(by_tag) for w in by_tag[tag]]
        keys += [w for w in freq if w not in tags]
        tag_runs = [(tag, len(by_tag[tag])) for tag in sorted(by_tag)]
        diskcache.save_checked(cache, ("\n".join(keys), [freq[k] for k in keys], self._tk.total, tag_runs))

    def cut(self, text: str) -> list[str]:
        """``jieba.lcut(text, HMM=False)``, block by block with recent blocks remembered.

        jieba segments each run of Han characters (split at punctuation and spaces by its own
        ``re_han_default``) on its own, so cutting block by block gives the same words. The checks
        cut a heading, its first clause and the whole item, and reports share template wording:
        most blocks have been cut before.
        """
        words: list[str] = []
        for block in self._blocks(text):
            if not block:
                continue
            cut = self._recent.get(block)
            if cut is None:
                cut = tuple(self._tk.lcut(block))
                if len(self._recent) >= RECENT_BLOCKS:
                    self._recent.clear()
                self._recent[block] = cut
            words.extend(cut)
        return words

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Words with their dictionary part-of-speech tag ("x" when unknown)."""
        return [(w, self.tags.get(w, "x")) for w in self.cut(text)]

    def word_freq(self, word: str) -> int:
        return self._tk.FREQ.get(word, 0) or 0


def _cache_file(dictionary: Path | None, userdict_lines: list[str]) -> Path | None:
    if dictionary is None:
        return None
    return diskcache.entry("jieba", [dictionary], extra="\n".join([_CACHE_FORMAT, *userdict_lines]))


def get_tokenizer(data) -> Tokenizer:
    """The tokenizer of a rule set: its data store's ``jieba_compact`` dictionary and ``userdict``.

    Kept with the data store; stores whose dictionary and user dictionary are the same share one
    tokenizer (it is a function of those two inputs alone), so a batch with several
    configurations loads it once.
    """
    return data.derived("tokenizer", lambda: _shared(data))


def _shared(data) -> Tokenizer:
    global load_seconds
    user = data.get("userdict") if data.path("userdict") else ""
    compact = data.path("jieba_compact")
    user_lines = user.splitlines() if isinstance(user, str) else []
    key = (str(compact) if compact else None, "\n".join(user_lines))
    with _lock:
        tok = _by_inputs.get(key)
        if tok is None:
            t0 = time.perf_counter()
            tok = _by_inputs[key] = Tokenizer(compact, user_lines)
            load_seconds += time.perf_counter() - t0
    return tok


def build_compact(out: Path, min_freq: int = COMPACT_MIN_FREQ) -> int:
    """Write the compact dictionary from the installed jieba's dict.txt; returns the word count."""
    jieba = _import_jieba()
    source = Path(jieba.__file__).parent / "dict.txt"
    n = 0
    with open(source, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            parts = line.split()
            if len(parts) >= 2 and int(parts[1]) >= min_freq:
                dst.write(line if line.endswith("\n") else line + "\n")
                n += 1
    return n


if __name__ == "__main__":  # python -m shuzhi_lint.tokenizer [OUT]
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "rules" / "data" / "jieba_compact.txt"
    print(f"{build_compact(target)} words -> {target}")
