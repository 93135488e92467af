"""The shared tokenizer: jieba with a compact dictionary, loaded lazily and once per process.

jieba's full dictionary (349k words) takes ~0.6 s to load, longer than the whole lint of a report.
The checks only need ordinary words and their part-of-speech tags, so ``rules/data/jieba_compact.txt``
keeps the ~18k words with frequency >= 300 (with their tags) plus the domain dictionary
``rules/data/userdict.txt``; it loads in ~20 ms. Regenerate it with
``python -m shuzhi_lint.tokenizer`` after upgrading jieba.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
import threading
import zlib
from pathlib import Path

_lock = threading.Lock()
_instance = None
COMPACT_MIN_FREQ = 300


def _import_jieba():
    # jieba imports pkg_resources only to locate its bundled files (~75 ms); we pass our own
    # dictionary, so hide pkg_resources during the import and jieba falls back to plain paths
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if hide:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


class Tokenizer:
    def __init__(self, dictionary: Path | None, userdict_lines: list[str]):
        jieba = _import_jieba()
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
        """The prefix dictionary, total and tags from a marshal file (no code, unlike pickle)."""
        try:
            with open(cache, "rb") as fh:
                freq, total, tags = marshal.load(fh)
        except (OSError, EOFError, ValueError, TypeError):
            return False
        self._tk.FREQ, self._tk.total, self.tags = freq, total, tags
        self._tk.initialized = True
        return True

    def _save_cache(self, cache: Path) -> None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                marshal.dump((self._tk.FREQ, self._tk.total, self.tags), fh)
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only home only costs the ~30 ms of building it again


    def cut(self, text: str) -> list[str]:
        return self._tk.lcut(text, HMM=False)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Words with their dictionary part-of-speech tag ("x" when unknown)."""
        return [(w, self.tags.get(w, "x")) for w in self.cut(text)]

    def word_freq(self, word: str) -> int:
        return self._tk.FREQ.get(word, 0) or 0


def _cache_file(dictionary: Path | None, userdict_lines: list[str]) -> Path | None:
    if dictionary is None:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    try:
        st = os.stat(dictionary)
    except OSError:
        return None
    raw = f"{os.path.abspath(dictionary)}|{st.st_size}|{st.st_mtime_ns}|{sys.version_info[:2]}|".encode() + "\n".join(userdict_lines).encode()
    key = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"  # zlib: hashlib would load OpenSSL at start-up
    return Path(base) / "shuzhi-lint" / f"jieba-{key}.marshal"


def get_tokenizer(data) -> Tokenizer:
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                user = data.get("userdict") if data.path("userdict") else ""
                compact = data.path("jieba_compact")
                _instance = Tokenizer(compact, user.splitlines() if isinstance(user, str) else [])
    return _instance


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
