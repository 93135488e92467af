"""The shared tokenizer: jieba, loaded lazily and once per process, with the domain dictionary.

Importing this module does not load jieba; the first call to ``get_tokenizer`` does, so rule
families that do not tokenize never pay for it (see benchmarks/).
"""

from __future__ import annotations

import logging
import threading

_lock = threading.Lock()
_instance = None


class Tokenizer:
    def __init__(self, userdict_lines: list[str]):
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba
        self._posseg = jieba.posseg
        for line in userdict_lines:
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            word = parts[0]
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and not parts[1].isdigit() else None)
            jieba.add_word(word, freq=freq, tag=tag)
        self.freq = jieba.dt.FREQ

    def cut(self, text: str) -> list[str]:
        return self._jieba.lcut(text, HMM=False)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self._posseg.lcut(text, HMM=True)]

    def word_freq(self, word: str) -> int:
        return self.freq.get(word, 0) or 0


def get_tokenizer(data) -> Tokenizer:
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                text = data.get("userdict") if data.path("userdict") else ""
                _instance = Tokenizer(text.splitlines() if isinstance(text, str) else [])
    return _instance
