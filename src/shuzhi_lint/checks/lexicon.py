"""Shared language measures of the wording checks: the spelling data and what is measured with it.

Public helpers for any check that asks whether characters form words (WD008, WD009, WD012, WD013,
AR020, AR021, AR018):

- ``SpellingData`` / ``spelling_data(ctx)``: ``rules/data/spelling.txt`` parsed (readings, fixed
  phrases, the full dictionary's two- and three-character words and their frequencies; see
  ``shuzhi_lint.spelldata``), kept with the rule set's data store and in the disk cache;
- ``segment_score``: the log-probability of a short stretch of text under the full dictionary's
  unigram model (its most likely segmentation, as jieba scores); ``is_word_here``: whether a string
  is a word of the full or the tokenizer's dictionary;
- character classes: ``is_han``, ``in_gb2312``, ``common_char`` (GB2312 level 1),
  ``char_classes(ctx)`` (``rules/data/spelling_chars.yaml``), ``common_chars(ctx)`` (characters
  never taken for a slip).
"""

from __future__ import annotations

import math
from bisect import bisect_left

from shuzhi_lint import diskcache
from shuzhi_lint.checks.base import Context
from shuzhi_lint.rules import ParamError


NO_PAIR = ("", "", "", "")
_UTF16 = "utf-16-le"  # the stored strings' encoding (see SpellingData)
#: frequency codes (see spelldata.freq_code: half steps of log2) to frequencies
FREQ_VALUES = tuple(int(2 ** (k / 2)) for k in range(64))


class SpellingData:
    """Readings, target phrases, real words and reduplications, in forms that load fast.

    Everything is one of a few long strings or two dicts of a few thousand strings: marshal loads
    that in a few milliseconds, where a dict keyed by every masked phrase (75k keys) took ~80 ms.
    """

    def __init__(self, raw):
        groups, pairs, real, redup, primary, freqs, tagged = raw
        # the strings are stored as UTF-16 bytes (see parse): bytes unmarshal at copying speed and
        # UTF-16 decodes several times faster than marshal's UTF-8; the sections only the rarer
        # paths ask for are decoded on their first use
        self._packed = {"groups": groups, "primary": primary}
        self._tagged = dict(tagged)  # TAGGED name -> its words, sorted and concatenated (decoded on first use)
        # two characters -> (third and fourth characters of the targets starting with them,
        # first and second characters of the targets ending with them); see substitutions()
        # the index is kept as three flat values, which load in a millisecond where a dict of
        # 13k tuples took ~30 ms: sorted two-character keys, their values concatenated, and the
        # values' offsets (4 bytes each), with the keys' first characters and where each one's
        # keys start (see _first_char_ranges); looked-up entries are remembered
        keys, values, self._offsets, firsts, starts = pairs
        self._keys, self._values = keys.decode(_UTF16), values.decode(_UTF16)
        self._key_firsts = (firsts.decode(_UTF16), starts)
        self._pairs: dict[str, tuple[str, str, str, str]] = {}
        # first character -> (position of its first key, the second characters of its keys, in
        # order): a key is found with one str.find in a block of a few characters, where a dict of
        # all 13k keys took ~3 ms to build in every new process
        self._blocks: dict[str, tuple[int, str]] = {}
        self.real = dict(real)  # length -> sorted real words of that length, concatenated (decoded on first use)
        self.redup = dict(redup)
        self._readings: dict[str, frozenset[str]] = {}
        self.scans: dict[str, tuple[list[int], list[int]]] = {}  # text -> _scan() result, shared by WD008/WD009
        self._freqs = {n: (freqs[n][0].decode(_UTF16), freqs[n][1].decode(_UTF16), (freqs[n][2][0].decode(_UTF16), freqs[n][2][1]))
                       for n in freqs if n}
        #: the full dictionary's two- and three-character words, sorted and concatenated
        self.words = {n: self._freqs[n][0] for n in (2, 3) if n in self._freqs}
        self._spans: dict[int, dict[str, tuple[int, int]]] = {n: {} for n in self._freqs}  # see freq()
        self.total = freqs.get(0) or 1
        self._homophones: dict[str, str] = {}
        #: a word, or (section, word) -> whether it is there: the wording checks ask about the same short
        #: words again and again (a binary search in a long string each time); cleared when large
        self._answers: dict[tuple, bool] = {}

    def _lines(self, name: str) -> list[str]:
        v = self._packed[name]
        if isinstance(v, bytes):
            v = self._packed[name] = v.decode(_UTF16).split("\n") if v else []
        return v

    @property
    def groups(self) -> list[str]:
        """"reading:characters", one per toneless reading."""
        return self._lines("groups")

    @property
    def primary_groups(self) -> list[str]:
        """"reading:characters" with that reading as their first."""
        return self._lines("primary")

    @staticmethod
    def _decoded(store: dict, key) -> str | None:
        v = store.get(key)
        if isinstance(v, bytes):
            v = store[key] = v.decode(_UTF16)
        return v

    @staticmethod
    def _search(s: str | None, w: str) -> bool:
        return bool(s) and find_sorted(s, w, 0, len(s) // len(w)) >= 0

    def freq(self, w: str) -> int:
        """The full dictionary's frequency of ``w`` (1 to 4 characters; 4: targets only), to within
        a factor of 1.2; 0 when it is no word there."""
        entry = self._freqs.get(len(w))
        if not entry:
            return 0
        words, codes, index = entry
        spans = self._spans[len(w)]
        span = spans.get(w[0])
        if span is None:  # the words starting with this character, found once (inline: the hot path)
            span = spans[w[0]] = _first_char_span(index, w[0])
        i = find_sorted(words, w, *span)
        return FREQ_VALUES[ord(codes[i]) - 0x40] if i >= 0 else 0

    def span(self, n: int, ch: str) -> tuple[int, int]:
        """The indexes of the words of ``n`` characters that start with ``ch`` (see ``dictionary_words``);
        (0, 0) for none. Found once per character."""
        spans = self._spans.get(n)
        if spans is None:
            return 0, 0
        span = spans.get(ch)
        if span is None:
            span = spans[ch] = _first_char_span(self._freqs[n][2], ch)
        return span

    def dictionary_words(self, n: int) -> tuple[str, str]:
        """The full dictionary's words of ``n`` characters, sorted and written one after another,
        and their frequency codes (one character each: ``FREQ_VALUES[ord(code) - 0x40]``)."""
        entry = self._freqs.get(n)
        return (entry[0], entry[1]) if entry else ("", "")

    def homophones(self, ch: str) -> str:
        """Common characters (GB2312 level 1) with the same first reading as ``ch``: what a pinyin
        input method offers for the syllable typed."""
        h = self._homophones.get(ch)
        if h is None:
            h = "".join(c for c in self.primary(ch)[1] if c != ch and common_char(c))
            self._homophones[ch] = h
        return h

    def tagged(self, name: str, w: str) -> bool:
        """Whether the full dictionary tags ``w`` as one of ``TAGGED``: ``idioms`` (four characters),
        ``verbs2``, ``adjectives2`` (two characters)."""
        key = (name, w)
        hit = self._answers.get(key)
        if hit is None:
            hit = self._answer(key, self._search(self._decoded(self._tagged, name), w))
        return hit

    def is_word(self, w: str) -> bool:
        """Whether ``w`` (2 or 3 characters) is a word of the full dictionary."""
        hit = self._answers.get(w)
        if hit is None:
            hit = self._answer(w, self._search(self.words.get(len(w)), w))
        return hit

    def _answer(self, key, value: bool) -> bool:
        if len(self._answers) > 200_000:
            self._answers.clear()
        self._answers[key] = value
        return value

    def is_real(self, w: str) -> bool:
        """Whether ``w`` is a target or a real word one character away from one."""
        return self._search(self._decoded(self.real, len(w)), w) or (len(w) == 4 and self.is_target(w))

    def is_redup(self, w: str) -> bool:
        return self._search(self._decoded(self.redup, len(w)), w)

    def pair(self, k: str) -> tuple[str, str, str, str]:
        """The index entry of two characters (see substitutions()); empty strings when none."""
        v = self._pairs.get(k)
        if v is None:
            mid = -1
            if len(k) == 2:
                block = self._blocks.get(k[0])
                if block is None:
                    lo, hi = _first_char_span(self._key_firsts, k[0])
                    block = self._blocks[k[0]] = (lo, self._keys[2 * lo + 1:2 * hi:2])
                j = block[1].find(k[1])
                if j >= 0:
                    mid = block[0] + j
            if mid < 0:
                v = NO_PAIR
            else:
                off = self._offsets
                a = int.from_bytes(off[mid * 4:mid * 4 + 4], "little")
                b = int.from_bytes(off[mid * 4 + 4:mid * 4 + 8], "little")
                v = tuple(self._values[a:b].split("\x01"))
            self._pairs[k] = v  # type: ignore[assignment]
        return v  # type: ignore[return-value]

    def pairs_of(self, text: str) -> list[tuple[str, str, str, str]]:
        """``pair()`` of every two neighbouring characters of ``text``."""
        get = self._pairs.get
        gs = [get(text[i:i + 2]) for i in range(len(text) - 1)]
        if None in gs:
            # most pairs start or end no target: those are told by their first character's block
            # here, without a call to pair() (a new report brings a thousand or more such pairs)
            pair, remember, block_of = self.pair, self._pairs, self._blocks.get
            for i, g in enumerate(gs):
                if g is None:
                    k = text[i:i + 2]
                    block = block_of(k[0])
                    if block is not None and k[1] not in block[1]:
                        gs[i] = remember[k] = NO_PAIR
                    else:
                        gs[i] = pair(k)
        return gs  # type: ignore[return-value]

    def is_target(self, w: str) -> bool:
        v = self.pair(w[:2])[0]
        if not v:
            return False
        m = len(v) // 2
        return any(v[j] == w[2] and v[m + j] == w[3] for j in range(m))

    def substitutions(self, w: str):
        """Targets that differ from the four characters ``w`` in one place: (position, target).

        ``pairs[ab][0]`` holds the third characters of the targets starting with ``ab``, then their
        fourth characters (same order); ``pairs[cd][1]`` the first, then the second characters of
        the targets ending with ``cd``.
        """
        v = self.pair(w[:2])[0]
        if v:
            m = len(v) // 2
            c3, c4 = v[:m], v[m:]
            if w[2] in c3 or w[3] in c4:
                for j in range(m):
                    if c3[j] == w[2] and c4[j] != w[3]:
                        yield 3, w[:3] + c4[j]
                    elif c4[j] == w[3] and c3[j] != w[2]:
                        yield 2, w[:2] + c3[j] + w[3]
        v = self.pair(w[2:])[1]
        if v:
            m = len(v) // 2
            c1, c2 = v[:m], v[m:]
            if w[0] in c1 or w[1] in c2:
                for j in range(m):
                    if c1[j] == w[0] and c2[j] != w[1]:
                        yield 1, w[0] + c2[j] + w[2:]
                    elif c2[j] == w[1] and c1[j] != w[0]:
                        yield 0, c1[j] + w[1:]

    def deletions(self, w: str, before: str = "", after: str = ""):
        """Targets that are the three characters ``w`` with one more: (target, position).

        ``before``/``after`` are the characters around ``w`` in the text: a target they complete
        (效途径 inside 有效途径) is there, not missing.
        """
        v = self.pair(w[:2])[2]
        if v and w[2] in v:
            m = len(v) // 2
            c3, c4 = v[:m], v[m:]
            for j in range(m):
                if c4[j] == w[2]:
                    yield w[:2] + c3[j] + w[2], 2
                elif c3[j] == w[2] and c4[j] != after:
                    yield w + c4[j], 3
        v = self.pair(w[1:])[3]
        if v and w[0] in v:
            m = len(v) // 2
            c1, c2 = v[:m], v[m:]
            for j in range(m):
                if c2[j] == w[0] and c1[j] != before:
                    yield c1[j] + w, 0
                elif c1[j] == w[0]:
                    yield w[0] + c2[j] + w[1:], 1

    def readings(self, ch: str) -> frozenset[str]:
        r = self._readings.get(ch)
        if r is None:
            r = frozenset(g.split(":", 1)[0] for g in self.groups if ch in g)
            self._readings[ch] = r
        return r

    def primary(self, ch: str) -> tuple[str, str]:
        """A character's first reading and the characters whose first reading it is."""
        for g in self.primary_groups:
            if ch in g:
                r, chars = g.split(":", 1)
                if ch in chars:
                    return r, chars
        return "", ""

    def reading_relation(self, a: str, b: str) -> str | None:
        """"同音" when two characters share a toneless reading, "近音" for a near one, else None."""
        sa, sb = self.readings(a), self.readings(b)
        if not sa or not sb:
            return None
        if sa & sb:
            return "同音"
        if {_fuzzy(r) for r in sa} & {_fuzzy(r) for r in sb}:
            return "近音"
        return None


def _fuzzy(r: str) -> str:
    """A reading with the distinctions speakers often lose merged: zh/z ch/c sh/s, n/l, -ng/-n."""
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if r.startswith(a):
            r = b + r[2:]
            break
    if r.startswith("l"):
        r = "n" + r[1:]
    if r.endswith("ng"):
        r = r[:-1]
    return r


#: the sections of the full dictionary's words by part of speech (see ``spelldata``)
TAGGED = ("idioms", "verbs2", "adjectives2")
DATA_FORMAT = "13"  # the cached structure's version: change it with parse


def official_words(ctx: Context, name: str, inline=()) -> frozenset[str]:
    """The words of official prose the full dictionary lacks (``rules/data/<name>.yaml``: 问责, 短板,
    台账), with a rule's own ``inline`` ones: the wording checks take them as whole words. Kept with
    the data store."""
    inline = tuple(inline)

    def build() -> frozenset[str]:
        words = ctx.data.get(name, schema="official_words")["words"] if name and ctx.data.path(name) else []
        return frozenset(words) | frozenset(inline)

    return ctx.data.derived(("lexicon.official-words", name, inline), build)


def spelling_data(ctx: Context, name: str = "spelling") -> SpellingData:
    """The parsed spelling data of this rule set (kept with its data store; the parse itself is in
    the disk cache, keyed by the file)."""

    def build() -> SpellingData:
        path = ctx.data.path(name)
        if path is None:
            raise ParamError("data", f"找不到数据文件 {name}.txt")
        cache = diskcache.entry("spelling", [path], extra=DATA_FORMAT)
        raw = diskcache.load(cache)
        if raw is not None:
            try:
                return SpellingData(raw)
            except (TypeError, ValueError, AttributeError):
                pass  # not in the shape parse() returns (a damaged entry): parsed again
        raw = parse(path.read_text(encoding="utf-8"))
        diskcache.save(cache, raw)
        return SpellingData(raw)

    return ctx.data.derived(("spelling.data", name), build)


def find_sorted(words: str, w: str, lo: int, hi: int) -> int:
    """The index of ``w`` among the sorted words of its length written one after another in
    ``words``, searched between word indexes ``lo`` and ``hi``; -1 when it is not there."""
    n = len(w)
    while lo < hi:
        mid = (lo + hi) // 2
        x = words[mid * n:mid * n + n]
        if x < w:
            lo = mid + 1
        elif x > w:
            hi = mid
        else:
            return mid
    return -1


def _first_char_ranges(words: str, n: int) -> tuple[str, bytes]:
    """For sorted words of length ``n`` written one after another: the characters they start with
    (sorted) and where each one's words start (4 bytes each, one more for the end), so that a
    lookup bisects a dozen words, not tens of thousands. Two flat values load in well under a
    millisecond, where a dict of a tuple per character took ~6 ms to unmarshal."""
    firsts: list[str] = []
    starts: list[int] = []
    count = len(words) // n
    start = 0
    while start < count:
        c = words[start * n]
        lo, hi = start, count
        while lo < hi:  # the first word past this character's block
            mid = (lo + hi) // 2
            if words[mid * n] <= c:
                lo = mid + 1
            else:
                hi = mid
        firsts.append(c)
        starts.append(start)
        start = lo
    starts.append(count)
    return "".join(firsts), b"".join(i.to_bytes(4, "little") for i in starts)


def _first_char_span(index: tuple[str, bytes], c: str) -> tuple[int, int]:
    """The word indexes starting with ``c`` in ``_first_char_ranges``' index; (0, 0) for none."""
    firsts, starts = index
    k = bisect_left(firsts, c)
    if k >= len(firsts) or firsts[k] != c:
        return 0, 0
    return int.from_bytes(starts[4 * k:4 * k + 4], "little"), int.from_bytes(starts[4 * k + 4:4 * k + 8], "little")


def parse(text: str):
    section = None
    groups: list[str] = []
    primary: list[str] = []
    lists: dict[str, list[str]] = {"targets": [], "real": [], "redup": [], "words2": [], "words3": [],
                                   "freq1": [], "freq2": [], "freq3": [], "freq4": [], "chars": [], "total": [],
                                   "idioms": [], "verbs2": [], "adjectives2": []}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            section = line[1:].strip()
            continue
        if section == "readings":
            r, chars = line.split()
            groups.append(f"{r}:{chars}")
        elif section == "primary":
            r, chars = line.split()
            primary.append(f"{r}:{chars}")
        elif section in lists:
            lists[section].extend(line.split())
    by_first: dict[str, list[str]] = {}
    by_last: dict[str, list[str]] = {}
    for t in sorted(set(lists["targets"])):
        by_first.setdefault(t[:2], []).append(t)
        by_last.setdefault(t[2:], []).append(t)
    w3 = "".join(lists["words3"])
    known3 = {w3[i:i + 3] for i in range(0, len(w3), 3)} | {w for w in lists["real"] if len(w) == 3}

    def unless(ch: str, shortened: str) -> str:
        # a target with a character left out that is a word itself (进一步 from 更进一步) is no
        # candidate for a missing character: "\0" never matches the text
        return "\0" if shortened in known3 else ch

    keys: list[str] = []
    values: list[str] = []
    for k in sorted(set(by_first) | set(by_last)):
        ts, te = by_first.get(k, []), by_last.get(k, [])
        keys.append(k)
        values.append("\x01".join((
            "".join(t[2] for t in ts) + "".join(t[3] for t in ts),
            "".join(t[0] for t in te) + "".join(t[1] for t in te),
            "".join(unless(t[2], t[:3]) for t in ts) + "".join(unless(t[3], t[:2] + t[3]) for t in ts),
            "".join(unless(t[0], t[0] + t[2:]) for t in te) + "".join(unless(t[1], t[1:]) for t in te),
        )))
    offsets = [0]
    for v in values:
        offsets.append(offsets[-1] + len(v))
    joined = "".join(keys)
    pairs = (joined, "".join(values), b"".join(o.to_bytes(4, "little") for o in offsets), *_first_char_ranges(joined, 2))

    def by_length(words):
        out: dict[int, str] = {}
        for n in sorted({len(w) for w in words}):
            out[n] = "".join(sorted({w for w in words if len(w) == n}))
        return out

    words = {2: "".join(lists["words2"]), 3: "".join(lists["words3"])}  # the frequencies' words of 2 and 3
    # frequencies (see spelldata.freq_code), each string parallel to the sorted words of a length
    freqs = {
        1: ("".join(lists["chars"]), "".join(lists["freq1"])),
        2: (words[2], "".join(lists["freq2"])),
        3: (words[3], "".join(lists["freq3"])),
        4: ("".join(sorted(set(lists["targets"]))), "".join(lists["freq4"])),
    }
    for n, (text, codes) in list(freqs.items()):
        freqs[n] = (text, codes, _first_char_ranges(text, n))
    freqs[0] = int(lists["total"][0]) if lists["total"] else 0
    tagged = {name: "".join(lists[name]) for name in TAGGED}

    def u(x: str) -> bytes:
        return x.encode(_UTF16)

    packed_freqs: dict = {n: (u(freqs[n][0]), u(freqs[n][1]), (u(freqs[n][2][0]), freqs[n][2][1])) for n in freqs if n}
    packed_freqs[0] = freqs[0]
    return (u("\n".join(groups)), (u(pairs[0]), u(pairs[1]), pairs[2], u(pairs[3]), pairs[4]),
            {n: u(x) for n, x in by_length(lists["real"]).items()}, {n: u(x) for n, x in by_length(lists["redup"]).items()},
            u("\n".join(primary)), packed_freqs, {n: u(x) for n, x in tagged.items()})


COMMON_SINGLE = 30000


class CharClasses:
    """The character classes of ``rules/data/spelling_chars.yaml``, as sets."""

    def __init__(self, raw: dict):
        #: single characters that end or start no word here: a fragment next to one stands alone
        self.function_words = frozenset(raw["function_words"])
        self.numerals = frozenset(raw["numerals"])
        #: characters that stand alone as they are: particles, numerals, pronoun and measure suffixes
        self.not_slips = self.function_words | self.numerals | frozenset(raw["stand_alone"])
        #: characters that make words of their own with the word before or after (工作法, 经常性)
        self.affixes = frozenset(raw["affixes"])
        #: characters that begin a new word with the word after them (主阵地, 全覆盖): no fragment there
        self.prefixes = frozenset(raw.get("prefixes") or "")
        #: common surnames: the first character of a person's name before 同志 or a title
        self.surnames = frozenset(raw.get("surnames") or "")
        #: last characters of the names of bodies and offices: the character before them abbreviates one
        self.bodies = frozenset(raw["bodies"])


def char_classes(ctx) -> CharClasses:
    """This rule set's character classes (kept with its data store)."""
    return ctx.data.derived("spelling.chars", lambda: CharClasses(ctx.data.get("spelling_chars")))


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


_GB2312_FORMAT = "1"  # the cached character sets' version: change it with gb2312


class GB2312:
    """The characters GB2312 encodes (``in_gb2312``) and its level 1 (``common_char``) as sets:
    a lookup where encoding a character loads the codec (~1 ms) in a process."""

    def __init__(self, chars: str, level1: str):
        self.chars = frozenset(chars)
        self.level1 = frozenset(level1)


def gb2312(ctx) -> GB2312:
    """``GB2312`` (kept with the data store and in the disk cache)."""

    def build() -> GB2312:
        cache = diskcache.entry("gb2312", [], extra=_GB2312_FORMAT)
        stored = diskcache.load_checked(cache)
        if not (isinstance(stored, tuple) and len(stored) == 2 and all(isinstance(x, str) for x in stored)):
            # ASCII and the 94 x 94 double-byte cells: every character the codec encodes
            chars = [chr(c) for c in range(128)]
            for b1 in range(0xA1, 0xFF):
                for b2 in range(0xA1, 0xFF):
                    try:
                        chars.append(bytes((b1, b2)).decode("gb2312"))
                    except UnicodeDecodeError:
                        pass
            stored = ("".join(chars), "".join(c for c in chars if common_char(c)))
            diskcache.save_checked(cache, stored)
        return GB2312(*stored)

    return ctx.data.derived("lexicon.gb2312", build)


def common_chars(ctx) -> frozenset[str]:
    """Characters that are never taken for a slip: function words, numerals, and characters the
    dictionary counts as very frequent words of their own (是, 有, 个). Derived from this rule set's
    tokenizer, so kept with its data store."""

    def build() -> frozenset[str]:
        tok = ctx.tokenizer
        table = getattr(getattr(tok, "_tk", None), "FREQ", None)
        if isinstance(table, dict):  # jieba's own table: one pass over all its words, so kept on disk
            cache = _frequent_chars_entry(ctx)
            stored = diskcache.load_checked(cache)
            if isinstance(stored, str):
                frequent = set(stored)
            else:
                frequent = {w for w, f in table.items() if len(w) == 1 and (f or 0) >= COMMON_SINGLE}
                diskcache.save_checked(cache, "".join(sorted(frequent)))
        else:
            frequent = {c for c in map(chr, range(0x4E00, 0x9FA6)) if tok.word_freq(c) >= COMMON_SINGLE}
        chars = char_classes(ctx)
        return frozenset((chars.function_words - {"的"}) | chars.numerals | (frequent - {"的"}))

    return ctx.data.derived("spelling.common_chars", build)


_FREQUENT_FORMAT = "1"  # the cached frequent characters' version: change it with common_chars


def _frequent_chars_entry(ctx):
    """The disk cache entry of the tokenizer dictionary's frequent single characters: keyed by what
    the tokenizer is built from (its dictionary file and the rule set's user dictionary), as the
    tokenizer's own entry is."""
    compact = ctx.data.path("jieba_compact")
    if compact is None:
        return None
    user = ctx.data.get("userdict") if ctx.data.path("userdict") else ""
    lines = user.splitlines() if isinstance(user, str) else []
    return diskcache.entry("spelling-frequent", [compact], extra="\n".join([_FREQUENT_FORMAT, str(COMMON_SINGLE), *lines]))


def common_char(c: str) -> bool:
    """GB2312 level 1 (the 3,755 most common characters): what an input method offers first."""
    try:
        b = c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def segment_score(data: SpellingData, s: str, logs: dict | None = None, prefix: list | None = None) -> float:
    """The log-probability of the most likely segmentation of ``s`` into words of one to four
    characters, by the full dictionary's frequencies (jieba's unigram model; an unknown single
    character counts once). ``logs`` remembers each piece's log-frequency (None: no word);
    ``prefix`` holds the scores already worked out for the first characters of ``s`` (see
    ``segment_prefix``): texts that differ only after them share that part."""
    log_total = math.log(data.total)
    freq = data.freq
    if logs is None:
        logs = {}
    n = len(s)
    done = len(prefix) - 1 if prefix else 0
    best = (prefix or [0.0]) + [-1e18] * (n - done)
    for e in range(done + 1, n + 1):
        for k in range(1, min(4, e) + 1):
            w = s[e - k:e]
            lf = logs.get(w, False)
            if lf is False:
                f = freq(w)
                lf = logs[w] = math.log(f if f else 1) if f or k == 1 else None
            if lf is None:
                continue
            v = best[e - k] + lf - log_total
            if v > best[e]:
                best[e] = v
    return best if prefix is False else best[n]


def segment_prefix(data: SpellingData, s: str, logs: dict) -> list:
    """The best scores of every start of ``s`` (``segment_score``'s table), to go on from."""
    return segment_score(data, s, logs, prefix=False)


def is_word_here(ctx, data: SpellingData, w: str) -> bool:
    return bool(data.freq(w) or ctx.tokenizer.word_freq(w))
