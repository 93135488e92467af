"""The shared tokenizer: jieba with a compact dictionary, loaded lazily and once per dictionary.

jieba's full dictionary (349k words) takes ~0.6 s to load, longer than the whole lint of a report.
The checks only need ordinary words and their part-of-speech tags, so ``rules/data/jieba_compact.txt``
keeps the ~18k words with frequency >= 300 (with their tags) plus the domain dictionary
``rules/data/userdict.txt``; it loads in ~20 ms. Regenerate it with
``python -m shuzhi_lint.tokenizer`` after upgrading jieba.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time
import types
from pathlib import Path

from shuzhi_lint import diskcache

_lock = threading.Lock()
# tokenizers by their inputs (dictionary path, user dictionary lines): a key that names everything
# the tokenizer depends on, so which rule set asked first cannot change what another one gets
_by_inputs: dict[tuple[str | None, str], "Tokenizer"] = {}
load_seconds = 0.0  # the one-off loads, which --profile shows apart from the rule that caused them
COMPACT_MIN_FREQ = 300
RECENT_BLOCKS = 20000


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
    jieba.setLogLevel(logging.WARNING)
    return jieba


class Tokenizer:
    def __init__(self, dictionary: Path | None, userdict_lines: list[str]):
        self._recent: dict[str, tuple[str, ...]] = {}
        jieba = _import_jieba()
        self._blocks = jieba.re_han_default.split
        self._tk = jieba.Tokenizer(dictionary=str(dictionary)) if dictionary else jieba.Tokenizer()
        cache = _cache_file(dictionary, userdict_lines)
        if cache is not None and self._load_cache(cache):
            return
        self._tk.initialize()
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
            self._tk.add_word(word, freq=freq, tag=tag)
            if tag:
                self.tags[word] = tag
        if cache is not None:
            self._save_cache(cache)

    def _load_cache(self, cache: Path) -> bool:
        """The prefix dictionary, total and tags from the disk cache.

        Words are stored as one newline-joined string: rebuilding the dicts from it takes ~3 ms,
        unmarshalling 40k separate string objects ~12 ms.
        """
        try:
            words, freqs, total, tag_names, tag_ids = diskcache.load(cache)
            keys = words.split("\n")
            freq = dict(zip(keys, freqs))
            tags = {k: tag_names[i] for k, i in zip(keys, tag_ids) if i >= 0}
        except (TypeError, ValueError, IndexError):
            return False
        self._tk.FREQ, self._tk.total, self.tags = freq, total, tags
        self._tk.initialized = True
        return True

    def _save_cache(self, cache: Path) -> None:
        keys = list(self._tk.FREQ)
        tag_names = sorted(set(self.tags.values()))
        index = {t: i for i, t in enumerate(tag_names)}
        tag_ids = [index[self.tags[k]] if k in self.tags else -1 for k in keys]
        diskcache.save(cache, ("\n".join(keys), [self._tk.FREQ[k] for k in keys], self._tk.total, tag_names, tag_ids))

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
                cut = tuple(self._tk.lcut(block, HMM=False))
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
    return diskcache.entry("jieba", [dictionary], extra="\n".join(userdict_lines))


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
