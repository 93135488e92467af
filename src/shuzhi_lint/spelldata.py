"""Data for the spelling checks (WD007-WD009, WD012): readings, phrases, words and their frequencies.

The checks must not load pypinyin (~0.5 s) or jieba's full dictionary (349k words, ~0.6 s) when a
report is linted, so what they need from both is derived once and shipped as
``rules/data/spelling.txt``:

- ``@readings``: each toneless reading with its characters (polyphones under every reading);
- ``@primary``: the same for each character's first (most common) reading only;
- ``@targets``: four-character idioms and fixed phrases a wrong or missing character is measured
  against (jieba idioms and 习用语 with frequency >= 5, any four-character word with frequency >=
  50, and the genre's own phrases in ``rules/data/official_phrases.txt``);
- ``@real``: words of the full dictionary that differ from a target in one character or are a
  target with one character left out: written that way they are real words, not errors;
- ``@redup``: reduplicated words of the full dictionary (常常, 天天, 扎扎实实), which the
  repeated-word check must leave alone; the compact dictionary keeps few of them;
- ``@words2``/``@words3``: the full dictionary's two- and three-character words (frequency >= 5),
  concatenated in sorted order: whether a character forms a word with its neighbour is a binary
  search, without loading 210k strings. The compact dictionary lacks words that decide these
  checks (党支部, 述职, 长效, 评比, 动能): it keeps 19% of the two-character words of frequency
  >= 5, 4% of the three-character ones and 5% of the idioms and phrases the checks compare with.
- ``@idioms``, ``@verbs2``, ``@adjectives2``: the targets the full dictionary tags as idioms (i; its set phrases, l, are
  often names: 有效途径),
  and its two-character words tagged as verbs (v, vd, vi) or adjectives (a, ad), sorted and
  concatenated: the 的/地/得 check tells 有条不紊的推进 (an adverbial) from 主题教育的推进 (a name)
  and a verb after 的 (奋战, 核对) by them, where the compact dictionary lacks the words;
- ``@rare2``: the full dictionary's two-character words below that frequency (行尾, 概数, 订位,
  and jieba's few misspellings among them: 布暑): not taken for words, but a character that makes
  one with a neighbour is weaker evidence of a slip (WD012 then asks for the larger gain);
- ``@freq2``/``@freq3``: each of those words' dictionary frequency as one character (half steps of
  log2, see ``freq_code``), in the same order; ``@freq4`` the same for the sorted targets;
  ``@chars``/``@freq1`` every character of the dictionary with its frequency as a word of its own;
  ``@total`` the dictionary's total count. With them the context check (WD012) scores a short stretch
  of text by its most likely segmentation, as jieba does, without the full dictionary.

Regenerate with ``python -m shuzhi_lint.spelldata`` (needs the ``data`` extra: pypinyin).
"""

from __future__ import annotations

import sys
from pathlib import Path

from shuzhi_lint.tokenizer import _import_jieba

IDIOM_MIN_FREQ = 5
PHRASE_MIN_FREQ = 50
REDUP_MIN_FREQ = 20
WORD_MIN_FREQ = 5  # jieba's misspelt entries (再接再励, 布暑) sit at 3
MISSPELLING_RATIO = 10
OWN_PHRASE_FREQ = 1000  # rules/data/official_phrases.txt: frequent in the genre


def _full_dictionary() -> dict[str, tuple[int, str]]:
    jieba = _import_jieba()
    words: dict[str, tuple[int, str]] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                words[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    return words


def freq_code(f: int) -> str:
    """A frequency as one printable character: half steps of log2 (1 -> "@", 1024 -> "T")."""
    import math

    return chr(0x40 + min(62, max(0, round(2 * math.log2(max(f, 1))))))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def build(out: Path, phrases_file: Path) -> dict[str, int]:
    from pypinyin import Style, pinyin  # the optional `data` extra, needed only to regenerate

    full = _full_dictionary()
    own = [w for line in phrases_file.read_text(encoding="utf-8").splitlines() if not line.startswith("#") for w in line.split()]
    targets = {w for w, (f, t) in full.items() if len(w) == 4 and all(map(_is_han, w)) and ((t in ("i", "l") and f >= IDIOM_MIN_FREQ) or f >= PHRASE_MIN_FREQ)}
    targets |= {w for w in own if len(w) == 4}
    masked: set[str] = set()
    deleted: set[str] = set()
    for t in targets:
        for p in range(4):
            masked.add(t[:p] + "?" + t[p + 1:])
            deleted.add(t[:p] + t[p + 1:])
    by_mask: dict[str, list[str]] = {}
    for t in targets:
        for p in range(4):
            by_mask.setdefault(t[:p] + "?" + t[p + 1:], []).append(t)

    def reads(c: str) -> set[str]:
        return set(pinyin(c, style=Style.NORMAL, heteronym=True)[0])

    def freq(w: str) -> int:
        return full.get(w, (OWN_PHRASE_FREQ, ""))[0]

    real = set()
    for w, (f, _t) in full.items():
        if len(w) == 4 and w not in targets and any(w[:p] + "?" + w[p + 1:] in masked for p in range(4)):
            # jieba's dictionary carries some misspellings at the lowest frequency (再接再励 3 next
            # to 再接再厉 115): a rare word one same-reading character away from a far more
            # frequent phrase is taken as that phrase's misspelling, not as a real word
            misspelt = any(
                freq(t) >= MISSPELLING_RATIO * f and reads(w[p]) & reads(t[p])
                for p in range(4)
                for t in by_mask.get(w[:p] + "?" + w[p + 1:], ())
            )
            if not misspelt:
                real.add(w)
        elif len(w) == 3 and w in deleted:
            real.add(w)
    redup = set()
    for w, (f, _t) in full.items():
        if len(w) == 2 and f < REDUP_MIN_FREQ:
            continue  # 加加, 落落: rare entries that would hide a doubled character
        n = len(w)
        if not all(map(_is_han, w)):
            continue
        if (n == 2 and w[0] == w[1]) or (n == 4 and ((w[0] == w[1] and w[2] == w[3]) or w[:2] == w[2:])) or (n == 3 and (w[1] == w[2] or w[0] == w[1])):
            redup.add(w)
    chars = sorted({c for w in full for c in w if _is_han(c)})
    readings: dict[str, list[str]] = {}
    primary: dict[str, list[str]] = {}
    for c in chars:
        first = pinyin(c, style=Style.NORMAL)[0][0]
        if first.isascii() and first.isalpha():
            primary.setdefault(first, []).append(c)
        for r in sorted(set(pinyin(c, style=Style.NORMAL, heteronym=True)[0])):
            if r.isascii() and r.isalpha():
                readings.setdefault(r, []).append(c)
    # two- and three-character words of the full dictionary, for "does this character form a word
    # with its neighbour": sorted and written without separators, searched by bisection
    words2 = sorted({w for w, (f, _t) in full.items() if len(w) == 2 and f >= WORD_MIN_FREQ and all(map(_is_han, w))} | {w for w in own if len(w) == 2})
    words3 = sorted({w for w, (f, _t) in full.items() if len(w) == 3 and f >= WORD_MIN_FREQ and all(map(_is_han, w))} | {w for w in own if len(w) == 3})
    rare2 = sorted({w for w, (f, _t) in full.items() if len(w) == 2 and f < WORD_MIN_FREQ and all(map(_is_han, w))} - set(words2))
    singles = sorted(c for c in chars if c in full)
    # what the full dictionary's part-of-speech tags say, for the words the compact dictionary lacks
    # (奋战, 核对 as verbs; 有条不紊 as an idiom, not a name such as 主题教育)
    idioms = sorted(w for w in targets if full.get(w, (0, ""))[1] == "i")
    verbs2 = sorted(w for w in words2 if full.get(w, (0, ""))[1] in ("v", "vd", "vi"))
    adjectives2 = sorted(w for w in words2 if full.get(w, (0, ""))[1] in ("a", "ad"))
    lines = ["# Generated by `python -m shuzhi_lint.spelldata` from jieba's dictionary and pypinyin; do not edit."]
    lines.append("@readings")
    lines += [f"{r} {''.join(cs)}" for r, cs in sorted(readings.items())]
    lines.append("@primary")
    lines += [f"{r} {''.join(cs)}" for r, cs in sorted(primary.items())]
    for name, words in (("targets", targets), ("real", real), ("redup", redup)):
        lines.append(f"@{name}")
        ordered = sorted(words)
        lines += [" ".join(ordered[i:i + 20]) for i in range(0, len(ordered), 20)]
    for name, words in (("words2", words2), ("words3", words3), ("rare2", rare2), ("idioms", idioms),
                        ("verbs2", verbs2), ("adjectives2", adjectives2)):
        lines.append(f"@{name}")
        lines += ["".join(words[i:i + 40]) for i in range(0, len(words), 40)]
    ordered_targets = sorted(targets)
    for name, words in (("freq2", words2), ("freq3", words3), ("freq4", ordered_targets), ("freq1", singles)):
        codes = "".join(freq_code(freq(w)) for w in words)
        lines.append(f"@{name}")
        lines += [codes[i:i + 100] for i in range(0, len(codes), 100)]
    lines.append("@chars")
    lines += ["".join(singles[i:i + 100]) for i in range(0, len(singles), 100)]
    lines.append("@total")
    lines.append(str(sum(f for f, _t in full.values())))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"readings": len(readings), "chars": len(chars), "targets": len(targets), "real": len(real), "redup": len(redup), "words2": len(words2), "words3": len(words3), "rare2": len(rare2), "idioms": len(idioms), "verbs2": len(verbs2), "adjectives2": len(adjectives2), "chars with a frequency": len(singles)}


if __name__ == "__main__":  # python -m shuzhi_lint.spelldata [OUT]
    data = Path(__file__).resolve().parents[2] / "rules" / "data"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else data / "spelling.txt"
    print(build(target, data / "official_phrases.txt"), "->", target)
