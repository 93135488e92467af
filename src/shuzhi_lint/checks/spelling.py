"""Wording beyond a word list: 的/地/得, repeated words, wrong and missing characters.

The kinds find cheap candidates first (a regex over the text, or a dictionary lookup per
window of characters), and only then look at the words around a candidate with the shared
tokenizer, so the cost stays near that of one regex pass. Data they need from pypinyin and jieba's
full dictionary is precomputed in ``rules/data/spelling.txt`` (see ``shuzhi_lint.spelldata``).
WD012 scores a few characters around a suspect one by their most likely segmentation under the
full dictionary's word frequencies (jieba's unigram model), written and with a same-reading
character in its place.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from typing import Iterable

from shuzhi_lint import diskcache
from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.pattern import compile_pattern
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.patterncache import compile_std

# the standard library's re, not regex: ten times faster on these simple patterns
_HAN = "\u4e00-\u9fff"
_CLAUSE_END = "，。；：！？、,.;:!?\n（）()“”\"《》 \t　"


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between punctuation) around ``start..end``."""
    i = start
    while i > 0 and text[i - 1] not in _CLAUSE_END and start - i < 40:
        i -= 1
    j = end
    while j < len(text) and text[j] not in _CLAUSE_END and j - end < 40:
        j += 1
    return i, j


def _tokens(ctx: Context, start: int, end: int) -> list[tuple[int, int, str]]:
    """Words of ``text[start:end]`` with their offsets: (start, end, word)."""
    out = []
    pos = start
    for w in ctx.tokenizer.cut(ctx.text[start:end]):
        out.append((pos, pos + len(w), w))
        pos += len(w)
    return out


def _token_at(tokens, offset: int):
    for k, t in enumerate(tokens):
        if t[0] <= offset < t[1]:
            return k
    return None


# --------------------------------------------------------------------------- spelling data


_NO_PAIR = ("", "", "", "")
#: frequency codes (see spelldata.freq_code: half steps of log2) to frequencies
_FREQ_VALUES = tuple(int(2 ** (k / 2)) for k in range(64))


class SpellingData:
    """Readings, target phrases, real words and reduplications, in forms that load fast.

    Everything is one of a few long strings or two dicts of a few thousand strings: marshal loads
    that in a few milliseconds, where a dict keyed by every masked phrase (75k keys) took ~80 ms.
    """

    def __init__(self, raw):
        groups, pairs, real, redup, words, primary, freqs = raw
        self.primary_groups = primary  # "reading:characters" with that reading as their first
        self.groups = groups  # "reading:characters", one per toneless reading
        # two characters -> (third and fourth characters of the targets starting with them,
        # first and second characters of the targets ending with them); see substitutions()
        # the index is kept as three flat values, which load in a millisecond where a dict of
        # 13k tuples took ~30 ms: sorted two-character keys, their values concatenated, and the
        # values' offsets (4 bytes each); looked-up entries are remembered
        self._keys, self._values, self._offsets = pairs
        self._pairs: dict[str, tuple[str, str, str, str]] = {}
        self._index: dict[str, int] | None = None  # key -> its position in the sorted keys
        self.real = real  # length -> sorted real words of that length, concatenated
        self.redup = redup
        self.words = words
        self._readings: dict[str, frozenset[str]] = {}
        self.scans: dict[str, tuple[list[int], list[int]]] = {}  # text -> _scan() result, shared by WD008/WD009
        self._freqs = freqs
        self._spans: dict[int, dict[str, tuple[int, int]]] = {n: {} for n in freqs if n}  # see freq()
        self.total = freqs.get(0) or 1
        self._homophones: dict[str, str] = {}

    @staticmethod
    def _search(s: str | None, w: str) -> bool:
        return bool(s) and _find(s, w, 0, len(s) // len(w)) >= 0

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
        i = _find(words, w, *span)
        return _FREQ_VALUES[ord(codes[i]) - 0x40] if i >= 0 else 0

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
        and their frequency codes (one character each: ``_FREQ_VALUES[ord(code) - 0x40]``)."""
        entry = self._freqs.get(n)
        return (entry[0], entry[1]) if entry else ("", "")

    def homophones(self, ch: str) -> str:
        """Common characters (GB2312 level 1) with the same first reading as ``ch``: what a pinyin
        input method offers for the syllable typed."""
        h = self._homophones.get(ch)
        if h is None:
            h = "".join(c for c in self.primary(ch)[1] if c != ch and _common_char(c))
            self._homophones[ch] = h
        return h

    def is_word(self, w: str) -> bool:
        """Whether ``w`` (2 or 3 characters) is a word of the full dictionary."""
        return self._search(self.words.get(len(w)), w)

    def is_real(self, w: str) -> bool:
        """Whether ``w`` is a target or a real word one character away from one."""
        return self._search(self.real.get(len(w)), w) or (len(w) == 4 and self.is_target(w))

    def is_redup(self, w: str) -> bool:
        return self._search(self.redup.get(len(w)), w)

    def pair(self, k: str) -> tuple[str, str, str, str]:
        """The index entry of two characters (see substitutions()); empty strings when none."""
        v = self._pairs.get(k)
        if v is None:
            index = self._index
            if index is None:  # the position of each key, built on first use (a few ms, once)
                keys = self._keys
                index = self._index = {keys[i:i + 2]: i // 2 for i in range(0, len(keys), 2)}
            mid = index.get(k)
            if mid is None:
                v = _NO_PAIR
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
            pair = self.pair
            gs = [g if g is not None else pair(text[i:i + 2]) for i, g in enumerate(gs)]
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


_FORMAT = "10"  # the cached structure's version: change it with _parse


def spelling_data(ctx: Context, name: str = "spelling") -> SpellingData:
    """The parsed spelling data of this rule set (kept with its data store; the parse itself is in
    the disk cache, keyed by the file)."""

    def build() -> SpellingData:
        path = ctx.data.path(name)
        if path is None:
            raise ParamError("data", f"找不到数据文件 {name}.txt")
        cache = diskcache.entry("spelling", [path], extra=_FORMAT)
        raw = diskcache.load(cache)
        if raw is None:
            raw = _parse(path.read_text(encoding="utf-8"))
            diskcache.save(cache, raw)
        return SpellingData(raw)

    return ctx.data.derived(("spelling.data", name), build)


def _find(words: str, w: str, lo: int, hi: int) -> int:
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


def _parse(text: str):
    section = None
    groups: list[str] = []
    primary: list[str] = []
    lists: dict[str, list[str]] = {"targets": [], "real": [], "redup": [], "words2": [], "words3": [],
                                   "freq1": [], "freq2": [], "freq3": [], "freq4": [], "chars": [], "total": []}
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
    pairs = ("".join(keys), "".join(values), b"".join(o.to_bytes(4, "little") for o in offsets))

    def by_length(words):
        out: dict[int, str] = {}
        for n in sorted({len(w) for w in words}):
            out[n] = "".join(sorted({w for w in words if len(w) == n}))
        return out

    words = {2: "".join(lists["words2"]), 3: "".join(lists["words3"])}
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
    return groups, pairs, by_length(lists["real"]), by_length(lists["redup"]), words, primary, freqs


# --------------------------------------------------------------------------- 的/地/得

_COMPLEMENT_END = r"[，。；！？、,.;!?\s]|$"  # a complement ends its clause (or the words of complement_followers follow)


class DeTables:
    """The 的/地/得 vocabulary of a data file (``rules/data/de_usage.yaml``), as sets and patterns."""

    def __init__(self, name: str, data: dict):
        self.adverbials = frozenset(data["adverbials"])
        #: the lengths of the listed adverbials, longest first: the words looked up before a 的
        self.adverbial_lengths = tuple(sorted({len(w) for w in self.adverbials}, reverse=True))
        self.prepositions = frozenset(data["prepositions"])
        self.nominal_verbs = frozenset(data["nominal_verbs"])
        self.action_verbs = frozenset(data["action_verbs"])
        self.nounish = frozenset(data["nounish"])
        self.not_complement_heads = frozenset(data["not_complement_heads"])
        self.single_verbs = frozenset(data["single_verbs"])
        complement = "(?:" + data["complement_leads"] + ")?(?:" + data["complements"] + ")"
        self.complement = compile_pattern(
            r"(?P<comp>" + complement + r")(?=" + _COMPLEMENT_END + "|" + data["complement_followers"] + ")", f"{name}.complements")
        #: a verb governing "A的V" as its object (得到了及时的处理), ending right before the adverbial
        self.governed = compile_pattern(
            "(?:" + data["governors"] + ")了?(?:" + data["governor_modifiers"] + r")?[\u4e00-\u9fff]{0,4}$", f"{name}.governors")


class DeUsageKind(CheckKind):
    name = "de-usage"
    description = "“的/地/得”误用：状语（扎扎实实、认真、圆满）后接动词应用“地”；动词后接补语（不够深入、不到位、怎么样）应用“得”"
    variants = {
        "adverbial-preposition": "状语后接介词（积极的向、认真的对）时；可用 {adv}（状语）、{verb}（后面的介词）",
        "adverbial": "状语后接动词时；可用 {adv}（状语）、{verb}（动词）",
        "complement": "动词后接补语时；可用 {verb}（动词）、{comp}（补语）",
    }
    needs_tokenizer = True
    fixes = True
    data_params = {"data": "de_usage"}
    params = {"data": Param(str, "rules/data 中的“的/地/得”词表文件名（不含 .yaml）：状语、介词、补语等", default="de_usage")}

    def tables(self, ctx: Context) -> DeTables:
        name = self.p["data"]
        return ctx.data.derived(("de-usage", name), lambda: DeTables(name, ctx.data.get(name, schema="de_usage")))

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        t = self.tables(ctx)
        de = text.find("的")
        while de >= 0:
            hit = None
            if de > 0 and _is_han(text[de - 1]) and de + 1 < len(text) and _is_han(text[de + 1]):
                adv = None
                q = text[de - 4:de] if de >= 4 else ""
                if q and q[0] == q[1] and q[2] == q[3] and q[0] != q[2] and all(map(_is_han, q)):
                    adv = q
                else:
                    adv = next((text[de - k:de] for k in t.adverbial_lengths if de >= k and text[de - k:de] in t.adverbials), None)
                if adv:
                    hit = self._adverbial(ctx, t, de - len(adv), de, adv)
                if hit is None:
                    m = t.complement.match(text, de + 1)
                    if m:
                        hit = self._complement(ctx, t, de, m.group("comp"))
            if hit:
                yield hit
            de = text.find("的", de + 1)

    def _adverbial(self, ctx: Context, t: DeTables, adv_start: int, de: int, adv: str) -> Hit | None:
        text = ctx.text
        cs, ce = _clause(text, adv_start, de + 1)
        if t.governed.search(text[cs:adv_start]):
            return None
        tokens = _tokens(ctx, cs, ce)
        k = _token_at(tokens, de)
        if k is None or tokens[k][2] != "的" or k + 1 >= len(tokens):
            return None
        # the adverbial must be whole words ending right before 的 (not 不认真的, 真切实的)
        ka = _token_at(tokens, adv_start)
        if adv in t.adverbials and (ka is None or tokens[ka][0] != adv_start):
            return None  # 不认真的, 真切实的: the adverbial is part of a longer word
        verb = tokens[k + 1][2]
        tag = ctx.tokenizer.tags.get(verb, "x")
        if verb in t.prepositions and (adv in t.adverbials or len(adv) == 4):
            return Hit(de, de + 1, variant="adverbial-preposition", vars={"adv": adv, "verb": verb, "right": "地", "match": "的"},
                       replacement="地", applicability="unsafe")
        if verb in t.action_verbs:
            tag = "v"
        if not tag.startswith("v") or verb in ("是", "有", "为", "在") or verb in t.nounish:
            return None
        after = tokens[k + 2][2] if k + 2 < len(tokens) else ""
        if after == "的" or text[tokens[k + 1][1]:tokens[k + 1][1] + 1] == "的":
            return None
        nominal = verb in t.nominal_verbs or tag == "vn"
        # a quoted object right after the verb (认真的学习“两学一做”) makes it a verb, as 了 does
        quoted_object = not after and ce < len(text) and text[ce] in "“《" and tokens[k + 1][1] == ce
        if nominal and after not in ("了", "着", "过") and not quoted_object:
            return None
        if adv_start == cs and after and ctx.tokenizer.tags.get(after, "x").startswith("v"):
            return None  # 有序的推进离不开规划: "A的V" opens the clause as the subject of the verb after it
        if not nominal and not after and ce < len(text) and text[ce] in "”》":
            return None
        return Hit(de, de + 1, variant="adverbial", vars={"adv": adv, "verb": verb, "right": "地", "match": "的"},
                   replacement="地", applicability="unsafe")

    def _complement(self, ctx: Context, t: DeTables, de: int, comp: str) -> Hit | None:
        text = ctx.text
        cs, ce = _clause(text, de, de + 1 + len(comp))
        if de == cs:
            return None
        tokens = _tokens(ctx, cs, ce)
        k = _token_at(tokens, de)
        if k is None or tokens[k][2] != "的" or k == 0:
            return None
        verb = tokens[k - 1][2]
        if verb in t.not_complement_heads:
            return None
        tag = ctx.tokenizer.tags.get(verb, "x")
        if not (tag.startswith("v") or verb in t.single_verbs):
            return None
        # 我的/自己的 + verb...: the verb must not be the head of a noun phrase started earlier
        if k >= 2 and tokens[k - 2][2] in ("的", "之"):
            return None
        return Hit(de, de + 1, variant="complement", vars={"verb": verb, "comp": comp, "right": "得", "match": "的"},
                   replacement="得", applicability="unsafe")


# --------------------------------------------------------------------------- repeated words

_REPEAT = compile_std(f"(?P<u>[{_HAN}]{{2,6}})(?P=u)")
_REPEAT_CHAR = compile_std(f"(?P<c>[{_HAN}])(?P=c)")


class RepeatedWordKind(CheckKind):
    name = "repeated-word"
    description = "词语或单字连写两次（进一步进一步、加加强）；常常、天天、一条条、扎扎实实、研究研究等正常重叠不报"
    variants = {
        "repeated": "一个词连写两次时；可用 {unit}（那个词）",
        "spare-char": "一个字多写了一次、第二个字才与后文成词时；可用 {unit}（那个字）",
    }
    needs_tokenizer = True
    data_files = ("spelling_chars",)
    fixes = True
    params = {
        "data": Param(str, "rules/data 中的拼写数据文件名", default="spelling"),
        "tentative": Param(list, "重叠表示“试一试”的双音节动词（研究研究、讨论讨论）：连写两次是正常说法，不报", required=True),
        "skip_chars": Param(str, "连写两次不报的单字（“的的”“了了”等虚词叠用由别的规则报告）", required=True),
        "titles": Param(list, "职务的开头（长、员、主任）：机构名末字（科、部、站……，spelling_chars 的 bodies）后紧跟以同一字开头的职务时"
                        "（综合科科长、市场部部长）不是重复", default=[]),
    }

    def __init__(self, rule):
        super().__init__(rule)
        if not all(isinstance(w, str) and w for w in self.p["tentative"]):
            raise ParamError("tentative", "tentative 必须是词语的列表")
        self.tentative = frozenset(self.p["tentative"])
        self.skip_chars = frozenset(self.p["skip_chars"])
        self.titles = tuple(self.p["titles"])

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        data = None
        for m in _REPEAT.finditer(text):
            u = m.group("u")
            data = data or spelling_data(ctx, self.p["data"])
            if self._reduplication(ctx, data, self.tentative, u, m.start(), m.end()):
                continue
            yield Hit(m.start(), m.end(), variant="repeated", vars={"unit": u}, replacement=u, applicability="unsafe")
        for m in _REPEAT_CHAR.finditer(text):
            c = m.group("c")
            if c in self.skip_chars:
                continue
            i = m.start()
            if i > 0 and text[i - 1] == c or (i + 2 < len(text) and text[i + 2] == c):
                continue
            # an office's last character, then a title starting with it (综合科|科长, 市场部|部长)
            if self.titles and c in _chars(ctx).bodies and text.startswith(self.titles, i + 2):
                continue
            data = data or spelling_data(ctx, self.p["data"])
            if self._spare_char(ctx, data, c, i):
                yield Hit(i, i + 2, variant="spare-char", vars={"unit": c}, replacement=c, applicability="unsafe")

    @staticmethod
    def _reduplication(ctx, data: SpellingData, tentative: frozenset[str], u: str, start: int, end: int) -> bool:
        if data.is_redup(u + u) or data.is_redup(u):
            return True
        if len(u) == 2 and (u in tentative or "一" in u or u[0] == u[1] or u[1] in "着了"):
            return True  # 研究研究, 一步一步, 想一想一下, 走着走着, 常常常常
        # the unit must be words: the repeat starts and ends at word boundaries
        text = ctx.text
        cs, ce = _clause(text, start, end)
        bounds = {t[0] for t in _tokens(ctx, cs, ce)} | {ce}
        mid = start + len(u)
        tok = ctx.tokenizer
        if mid not in bounds and not tok.word_freq(u):
            return True
        return False

    @staticmethod
    def _spare_char(ctx, data: SpellingData, c: str, i: int) -> bool:
        text = ctx.text
        pair = c + c
        tok = ctx.tokenizer
        if data.is_redup(pair) or tok.word_freq(pair) or data.is_word(pair):
            return False
        # a measure word or noun reduplicated after 一/每 (一条条, 一件件)
        if i > 0 and text[i - 1] in "一每":
            return False
        # AABB (扎扎实实, 家家户户): the next two characters are doubled too
        if i + 3 < len(text) and text[i + 2] == text[i + 3]:
            return False
        if i >= 2 and text[i - 2] == text[i - 1]:
            return False
        # the first c must follow a whole word or a boundary (切实|加加强), not a lone character
        # that may make a word with it (市直|直属, 工委|委员)
        if i > 0 and _is_han(text[i - 1]):
            cs, ce = _clause(text, i, i + 2)
            tokens = _tokens(ctx, cs, ce)
            k = _token_at(tokens, i - 1)
            if k is None or (tokens[k][1] - tokens[k][0] < 2 and text[i - 1] not in _chars(ctx).function_words):
                return False
        # a verb doubled before its object (洗洗澡, 治治病) is ordinary reduplication
        if tok.tags.get(c, "").startswith("v") and i + 2 < len(text) and not tok.tags.get(text[i + 2], "n").startswith(("a", "v", "d")):
            return False
        # the first c must stand alone, the second must start a word
        left = any(tok.word_freq(text[j:i + 1]) for j in (i - 1, i - 2, i - 3) if j >= 0 and "\n" not in text[j:i + 1])
        if left:
            return False
        right = any(tok.word_freq(text[i + 1:e]) for e in (i + 3, i + 4, i + 5) if e <= len(text))
        if not right:
            return False
        # and the second c must not stand alone either way: c + c... being words on both sides is ambiguous
        return not any(tok.word_freq(text[j:i + 2]) for j in (i - 1, i - 2) if j >= 0)


# --------------------------------------------------------------------------- wrong and missing characters

_COMMON_SINGLE = 30000


class _Chars:
    """The character classes of ``rules/data/spelling_chars.yaml``, as sets."""

    def __init__(self, raw: dict):
        #: single characters that end or start no word here: a fragment next to one stands alone
        self.function_words = frozenset(raw["function_words"])
        self.numerals = frozenset(raw["numerals"])
        #: characters that stand alone as they are: particles, numerals, pronoun and measure suffixes
        self.not_slips = self.function_words | self.numerals | frozenset(raw["stand_alone"])
        #: characters that make words of their own with the word before or after (工作法, 经常性)
        self.affixes = frozenset(raw["affixes"])
        #: common surnames: the first character of a person's name before 同志 or a title
        self.surnames = frozenset(raw.get("surnames") or "")
        #: last characters of the names of bodies and offices: the character before them abbreviates one
        self.bodies = frozenset(raw["bodies"])


def _chars(ctx) -> _Chars:
    """This rule set's character classes (kept with its data store)."""
    return ctx.data.derived("spelling.chars", lambda: _Chars(ctx.data.get("spelling_chars")))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _common_chars(ctx) -> frozenset[str]:
    """Characters that are never taken for a slip: function words, numerals, and characters the
    dictionary counts as very frequent words of their own (是, 有, 个). Derived from this rule set's
    tokenizer, so kept with its data store."""

    def build() -> frozenset[str]:
        tok = ctx.tokenizer
        table = getattr(getattr(tok, "_tk", None), "FREQ", None)
        if isinstance(table, dict):  # jieba's own table: one pass over its ~18k words
            frequent = {w for w, f in table.items() if len(w) == 1 and (f or 0) >= _COMMON_SINGLE}
        else:
            frequent = {c for c in map(chr, range(0x4E00, 0x9FA6)) if tok.word_freq(c) >= _COMMON_SINGLE}
        chars = _chars(ctx)
        return frozenset((chars.function_words - {"的"}) | chars.numerals | (frequent - {"的"}))

    return ctx.data.derived("spelling.common_chars", build)


def _scan(ctx: Context, data: SpellingData):
    """Windows that may hold a wrong (4 characters) or a missing character (3), for WD008/WD009.

    Every pair of characters is looked up once (``data.pairs_of``: a list comprehension over a
    dict of the pairs seen so far, so a batch soon runs at dict speed); a window is kept only when
    its first or last two characters start or end a target and the other characters it needs are
    among that target's. Shared by both kinds through ``ctx.cache``. Returns two lists of starts.
    """
    cached = ctx.cache.get("spelling-scan")
    if cached is not None:
        return cached
    s = ctx.text
    # both kinds scan the same lines, and reports share wording: lines scanned before are remembered
    cached = data.scans.get(s)
    if cached is not None:
        ctx.cache["spelling-scan"] = cached
        return cached
    n = len(s)
    gs = data.pairs_of(s)
    common = _common_chars(ctx)  # never the wrong character or the fragment (的 aside)
    dels: set[int] = set()
    subs: set[int] = set()
    # about a quarter of the pairs start or end a target: only those are looked at
    for i in [i for i, g in enumerate(gs) if g is not _NO_PAIR]:
        f0, l1, f2, l3 = gs[i]
        # as the first pair of a window: s[i:i+3] missing a character after it or inside, or
        # s[i:i+4] with a wrong third or fourth character
        if f2 and i + 2 < n and s[i + 2] in f2 and s[i + 2] not in common:
            dels.add(i)
        if f0 and i + 3 < n and ((s[i + 2] in f0 and s[i + 3] not in common) or (s[i + 3] in f0 and s[i + 2] not in common)):
            subs.add(i)
        # as the last pair: s[i-1:i+2] missing a character before it or inside, s[i-2:i+2]
        if l3 and i >= 1 and s[i - 1] in l3 and s[i - 1] not in common:
            dels.add(i - 1)
        if l1 and i >= 2 and ((s[i - 2] in l1 and s[i - 1] not in common) or (s[i - 1] in l1 and s[i - 2] not in common)):
            subs.add(i - 2)
    subs, dels = sorted(subs), sorted(dels)  # type: ignore[assignment]
    result = (subs, dels)
    ctx.cache["spelling-scan"] = result
    if len(data.scans) >= LINE_MEMO_SIZE:
        data.scans.clear()
    data.scans[s] = result
    return result


class _Line:
    """The parts of a Context the phrase checks use, for one line of the text."""

    def __init__(self, ctx: Context, text: str):
        self.text = text
        self.cache: dict = {}
        self.data = ctx.data
        self._ctx = ctx

    @property
    def tokenizer(self):
        return self._ctx.tokenizer


LINE_MEMO_SIZE = 20000


#: where a line is cut into clauses for the clause memo (each of them in ``_CLAUSE_END``)
_CLAUSE_CUT = re.compile("[，。；：！？、]")
#: characters of context kept on each side of a clause: the looks of the line checks reach at most
#: three characters past a clause's ends (WD012's four-character lookup, ``i - 3`` to ``i + 3``;
#: WD008's ``start - 2`` to ``start + 5`` for a window of Han characters; MissingCharKind's GB2312
#: test, ``start - 2``); the longer walks (``_clause``, ``_best``'s window) stop at the cut
_CLAUSE_CONTEXT = 4
#: what setting up a run on a clause costs, in characters scanned
_PIECE_COST = 24
#: lines remembered before clauses are: a single report has too few lines to share clauses
#: (remembering them costs more there than it saves)
_WARM_LINES = 100


def _by_line(ctx: Context, key: tuple, run) -> Iterable[Hit]:
    """``run`` over each line, with the hits of lines seen before remembered.

    The phrase checks only look inside a line (a window never spans a line break), and reports
    in a batch share much of their wording, like the tokenizer's recent blocks. A line not seen
    before is taken clause by clause: a hit lies inside one clause (its characters are Han), and
    is judged from at most ``_CLAUSE_CONTEXT`` characters around it, so the hits of a clause are
    those of its text with that much context on each side, remembered by the three strings.
    """
    memo = ctx.data.derived(("spelling.lines",) + key, dict)  # per data store: hits depend on its data
    pos = 0
    for line in ctx.text.split("\n"):
        hits = memo.get(line)
        if hits is None:
            if len(line) < 3:
                hits = []
            elif len(memo) < _WARM_LINES:  # the first lines of a run: no clause seen before yet
                hits = list(run(_Line(ctx, line)))
            else:
                hits = _line_hits(ctx, key, run, line)
            if len(memo) >= LINE_MEMO_SIZE:
                memo.clear()
            memo[line] = hits
        for h in hits:
            yield Hit(pos + h.start, pos + h.end, vars=dict(h.vars), message=h.message, variant=h.variant,
                      replacement=h.replacement, applicability=h.applicability)
        pos += len(line) + 1


def _line_hits(ctx: Context, key: tuple, run, line: str) -> list[Hit]:
    """The hits of ``run`` on ``line``, clause by clause (see ``_by_line``): the clauses not seen
    before are run with their context, or, when they make most of the line (the first report of a
    run), the whole line is, and its hits are remembered clause by clause."""
    k = _CLAUSE_CONTEXT
    bounds = [0] + [m.end() for m in _CLAUSE_CUT.finditer(line)]
    if len(bounds) == 1:
        return list(run(_Line(ctx, line)))
    bounds.append(len(line))
    memo = ctx.data.derived(("spelling.clauses",) + key, dict)
    clauses = []  # (start, end, key, remembered hits or None)
    todo = 0  # characters the clauses not seen before would take, with context and a piece's set-up
    for s, e in zip(bounds, bounds[1:]):
        if s < e:
            ckey = (line[max(0, s - k):s], line[s:e], line[e:e + k])
            hits = memo.get(ckey)
            if hits is None:
                todo += e - s + 2 * k + _PIECE_COST
            clauses.append((s, e, ckey, hits))
    if len(memo) >= LINE_MEMO_SIZE:
        memo.clear()
    out: list[Hit] = []
    if todo >= len(line):
        # the whole line at once: its hits inside each clause are the clause's hits
        found = list(run(_Line(ctx, line)))
        for s, e, ckey, _hits in clauses:
            hits = [Hit(h.start - s, h.end - s, vars=h.vars, message=h.message, variant=h.variant,
                        replacement=h.replacement, applicability=h.applicability) for h in found if s <= h.start < e]
            memo[ckey] = hits
        return found
    for s, e, ckey, hits in clauses:
        if hits is None:
            a = max(0, s - k)
            hits = memo[ckey] = [Hit(h.start - s + a, h.end - s + a, vars=h.vars, message=h.message, variant=h.variant,
                                     replacement=h.replacement, applicability=h.applicability)
                                 for h in run(_Line(ctx, line[a:e + k])) if s <= h.start + a < e]
        out.extend(Hit(s + h.start, s + h.end, vars=h.vars, message=h.message, variant=h.variant,
                       replacement=h.replacement, applicability=h.applicability) for h in hits)
    return out


def _recurs(text: str, h: Hit) -> bool:
    """Whether the form ``h`` found is written twice or more in the report: then it is a term of its
    own (客服, 微课, 中心校) that no dictionary holds, not a slip."""
    return text.count(text[h.start:h.end]) >= 2


class _LineScanKind(CheckKind):
    """A check that looks only inside a line, with the spelling data: runs ``_check_line`` on each
    line (a ``_Line`` context), the hits of lines seen before remembered (see ``_by_line``)."""

    needs_tokenizer = True
    data_files = ("spelling_chars",)
    params = {"data": Param(str, "rules/data 中的拼写数据文件名", default="spelling")}

    def check(self, ctx: Context) -> Iterable[Hit]:
        key = (self.name,) + tuple((k, repr(v)) for k, v in sorted(self.p.items()))
        return _by_line(ctx, key, lambda line: self._check_line(line, spelling_data(line, self.p["data"])))

    def _check_line(self, ctx: "_Line", data: SpellingData) -> Iterable[Hit]:
        raise NotImplementedError


class NearReadingKind(_LineScanKind):
    name = "near-reading-phrase"
    description = "成语、固定短语中一个字写成了同音或近音字（再接再励→再接再厉、迫在眉捷→迫在眉睫），写法不是词而改一个字就是常用短语"
    variants = {"slip": "短语中一个字写错时；可用 {char}（写错的字）、{intended}（应写的字）、{relation}（同音/近音等两字读音的关系）、{right}（改正后的短语）"}
    fixes = True

    def _check_line(self, ctx, data: SpellingData) -> Iterable[Hit]:
        text = ctx.text
        done = -1
        for start in _scan(ctx, data)[0]:
            if start < done:
                continue
            w = text[start:start + 4]
            if not all(map(_is_han, w)) or data.is_target(w):
                continue
            by_pos: dict[int, list[str]] = {}
            for p, t in data.substitutions(w):
                by_pos.setdefault(p, []).append(t)
            for p, cands in sorted(by_pos.items()):
                hit = self._verify(ctx, data, w, p, cands, start)
                if hit:
                    done = hit.end
                    yield hit
                    break

    @staticmethod
    def _verify(ctx, data: SpellingData, w: str, p: int, cands: list[str], start: int) -> Hit | None:
        best = None
        for t in cands:
            rel = data.reading_relation(w[p], t[p])
            if rel and (best is None or (rel == "同音" and best[1] != "同音")):
                best = (t, rel)
        if best is None:
            return None
        t, rel = best
        tok = ctx.tokenizer
        text = ctx.text
        if not _in_gb2312(w[p]):
            return None  # a traditional character (統 for 统) or a rare one: not a typing slip
        # the written character must not belong to a word with its neighbours
        at = start + p
        # 的 written for the 地/得 of an idiom (因的制宜) is the 的/地/得 slip, not a word of its own
        de_slip = w[p] == "的" and t[p] in "地得"
        if not de_slip and (tok.word_freq(w[p]) >= _COMMON_SINGLE or _forms_word(ctx, data, at)):
            return None
        if data.is_real(w):
            return None
        # the phrase must not start or end inside a word of the text around it, unless the
        # character beyond it makes a word on its far side too (管党治党|政治: 党政 yields to 政治)
        def is_word(x: str) -> bool:
            return len(x) == 2 and all(map(_is_han, x)) and bool(data.is_word(x) or tok.word_freq(x))

        for a, b, beyond in ((start - 1, start + 1, text[max(start - 2, 0):start]), (start + 3, start + 5, text[start + 4:start + 6])):
            pair = text[max(a, 0):b]
            if len(pair) == 2 and (data.is_word(pair) or tok.word_freq(pair)) and not is_word(beyond):
                return None
        return Hit(start, start + 4, variant="slip", vars={"right": t, "char": w[p], "intended": t[p], "relation": rel},
                   replacement=t, applicability="unsafe")


class MissingCharKind(_LineScanKind):
    name = "missing-character"
    description = "词语中漏了一个字：两个词之间夹着一个不成词的字，补上一个字就成为常用短语（基层治能力→治理能力）"
    variants = {"missing": "漏了一个字时；可用 {fragment}（不成词的字）、{missing}（漏掉的字）、{word}（补字后的词）、{right}（补字后的短语）"}
    params = {
        **_LineScanKind.params,
        "verbs": Param(str, "公文中常单用、带宾语的动词（作重点发言、抓党建）：在词前时不当作残字", default=""),
    }

    def _check_line(self, ctx, data: SpellingData) -> Iterable[Hit]:
        text = ctx.text
        done = -1
        for start in _scan(ctx, data)[1]:
            if start < done:
                continue
            w = text[start:start + 3]
            if not all(map(_is_han, w)):
                continue
            cands = list(data.deletions(w, text[start - 1:start], text[start + 3:start + 4]))
            if not cands:
                continue
            hit = self._verify(ctx, w, cands, start, data)
            if hit and hit.vars["edge"]:
                # 基层治|能力: the fragment also opens the next window, where the character is
                # missing inside a phrase (治理能力), which is the better reading
                nxt = text[start + 2:start + 5]
                if len(nxt) == 3 and all(map(_is_han, nxt)):
                    inner = [c for c in data.deletions(nxt, w[1], text[start + 5:start + 6]) if c[1] in (1, 2)]
                    hit = (inner and self._verify(ctx, nxt, inner, start + 2, data)) or hit
            if hit:
                done = hit.end
                yield hit

    def _verify(self, ctx, w: str, cands, start: int, data: SpellingData) -> Hit | None:
        text = ctx.text
        tok = ctx.tokenizer
        tokens = None
        for t, p in cands:
            # the phrase itself is there (有效途径 contains 效途径)
            if text[max(0, start - 1):start + 3] == t or text[start:start + 4] == t:
                continue
            frag = start if p <= 1 else start + 2  # the character left of the broken word
            ch = text[frag]
            other = w[1:3] if p <= 1 else w[0:2]
            if ch in _chars(ctx).affixes or tok.word_freq(ch) >= _COMMON_SINGLE:
                continue
            # the A-not-AB question (满不满意, 清不清楚): the first half of the word stands alone
            if text[frag + 1:frag + 3] in ("不" + ch, "没" + ch):
                continue
            if not (tok.word_freq(other) or data.is_word(other)) or data.is_real(w):
                continue
            # a verb of its own before a verb or adjective is no fragment (抓落实, 促提升), nor one of
            # official prose before its object (作|重点发言)
            if p <= 1 and (ch in self.p["verbs"] or tok.tags.get(ch, "").startswith("v") and not tok.tags.get(other, "n").startswith("n")):
                continue
            if _forms_word(ctx, data, frag):
                continue
            # the character on the far side must end or start a whole word of the text (探索|效,
            # 基层|治) or be a common single character (是|客); a lone character there may form a
            # word with the fragment that no dictionary holds (靠|实, 疾|控)
            out = frag - 1 if p <= 1 else frag + 1
            if not all(map(_in_gb2312, text[max(0, start - 2):start + 5])):
                continue
            # or the fragment opens or closes a clause (“，微杜渐”, “立行立。”)
            # (not a line's edge: a word may be wrapped there, nor a bracket: 党（工）委)
            edge = 0 <= out < len(text) and text[out] in "，。；！？、："
            if not edge and not (0 <= out < len(text) and _is_han(text[out])):
                continue
            if not edge and text[out] not in _chars(ctx).function_words:
                if tokens is None:
                    cs, ce = _clause(text, start, start + 3)
                    tokens = _tokens(ctx, cs, ce)
                ko = _token_at(tokens, out)
                if ko is None or tokens[ko][1] - tokens[ko][0] < 2:
                    continue
                if tokens[ko][0] <= frag < tokens[ko][1]:
                    continue  # the fragment belongs to the word on the far side (全面从严治党|责任)
            missing = t[p]
            word = t[:2] if p <= 1 else t[2:]
            return Hit(start, start + 3, variant="missing",
                       vars={"right": t, "edge": p in (0, 3), "fragment": ch, "missing": missing, "word": word},
                       replacement=t, applicability="unsafe")
        return None




def _forms_word(ctx, data: SpellingData, i: int) -> bool:
    """Whether the character at ``i`` is part of a two- or three-character word around it."""
    text = ctx.text
    tok = ctx.tokenizer
    for a, b in ((i - 1, i + 1), (i, i + 2), (i - 2, i + 1), (i - 1, i + 2), (i, i + 3)):
        if a < 0 or b > len(text):
            continue
        w = text[a:b]
        if all("\u4e00" <= c <= "\u9fff" for c in w) and (data.is_word(w) or tok.word_freq(w)):
            return True
    return False


# --------------------------------------------------------------------------- wrong character in a word

#: a character this frequent as a word of its own (抓, 做, 治) is no slip for another word
_SINGLE_MAX = 3000
#: how frequent the corrected word must be (部署 3333, 群众 ~7000, 条例 ~1500)
_WORD_MIN = 500


def _document_tokens(ctx: Context) -> list[tuple[int, int, str]]:
    """The whole text cut into words with offsets, once per document (shared through ctx.cache)."""
    cached = ctx.cache.get("spelling-tokens")
    if cached is None:
        cached = []
        pos = 0
        for w in ctx.tokenizer.cut(ctx.text):
            cached.append((pos, pos + len(w), w))
            pos += len(w)
        ctx.cache["spelling-tokens"] = cached
    return cached


def _common_char(c: str) -> bool:
    """GB2312 level 1 (the 3,755 most common characters): what an input method offers first."""
    try:
        b = c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


class NearReadingWordKind(CheckKind):
    name = "near-reading-word"
    description = "词语中一个字写成了同音字（纫真→认真、裙众→群众）：这个字与前后都不成词，换成同音字恰好与相邻的词或字组成常用词"
    variants = {"homophone": "一个字写成同音字时；可用 {char}（写错的字）、{intended}（应写的字）、{right}（改正后的词）"}
    needs_tokenizer = True
    data_files = ("spelling_chars",)
    fixes = True
    params = {
        "data": Param(str, "rules/data 中的拼写数据文件名", default="spelling"),
        "min_freq": Param(int, "改正后的词语在词典中的最低词频", default=_WORD_MIN),
    }

    def check(self, ctx: Context) -> Iterable[Hit]:
        data = spelling_data(ctx, self.p["data"])
        tok = ctx.tokenizer
        text = ctx.text
        tokens = _document_tokens(ctx)
        not_slips = _chars(ctx).not_slips
        for k, (s, e, w) in enumerate(tokens):
            if e - s != 1 or w in not_slips or not _common_char(w):
                continue  # an input method offers the common characters first (徵, 暨 are no slips)
            if tok.word_freq(w) >= _SINGLE_MAX or not all(map(_in_gb2312, text[max(0, s - 3):s + 4])):
                continue  # a common word of its own, or traditional characters around (後勤)
            if _forms_word(ctx, data, s) or any(data.is_target(text[a:a + 4]) for a in range(max(0, s - 3), s + 1)):
                continue
            hit = self._best(ctx, data, tokens, k)
            if hit:
                yield hit

    def _best(self, ctx, data: SpellingData, tokens, k: int) -> Hit | None:
        tok = ctx.tokenizer
        text = ctx.text
        s = tokens[k][0]
        c = text[s]
        prev = tokens[k - 1] if k > 0 else None
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        best = None
        # same first reading: the reading typed for the intended character
        r, group = data.primary(c)
        if r:
            for c2 in group:
                if c2 == c or not _common_char(c2):
                    continue
                # the corrected word is the new character with a whole neighbouring word: a lone
                # character left over from the same broken word (纫|真, 裙|众), or a word of two or
                # more characters that the new one extends (规范|猾 -> 规范化)
                for word, start, end, other in (
                    (prev[2] + c2, prev[0], s + 1, prev[2]) if prev else (None, 0, 0, ""),
                    (c2 + nxt[2], s, nxt[1], nxt[2]) if nxt else (None, 0, 0, ""),
                ):
                    if not word or len(word) > 4 or not all(map(_is_han, word)):
                        continue
                    if len(other) == 1 and other in _chars(ctx).not_slips:
                        continue
                    f = tok.word_freq(word)
                    if f >= self.p["min_freq"] and (best is None or f > best[0]):
                        best = (f, word, start, end, c2)
        if best is None:
            return None
        f, word, start, end, c2 = best
        return Hit(start, end, variant="homophone", vars={"right": word, "char": c, "intended": c2},
                   replacement=word, applicability="unsafe")


# --------------------------------------------------------------------------- wrong character by its context



def _segment_score(data: SpellingData, s: str, logs: dict | None = None, prefix: list | None = None) -> float:
    """The log-probability of the most likely segmentation of ``s`` into words of one to four
    characters, by the full dictionary's frequencies (jieba's unigram model; an unknown single
    character counts once). ``logs`` remembers each piece's log-frequency (None: no word);
    ``prefix`` holds the scores already worked out for the first characters of ``s`` (see
    ``_segment_prefix``): texts that differ only after them share that part."""
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


def _segment_prefix(data: SpellingData, s: str, logs: dict) -> list:
    """The best scores of every start of ``s`` (``_segment_score``'s table), to go on from."""
    return _segment_score(data, s, logs, prefix=False)


def _is_word_here(ctx, data: SpellingData, w: str) -> bool:
    return bool(data.freq(w) or ctx.tokenizer.word_freq(w))


def _between_words(ctx, data: SpellingData, i: int, word_on_left: bool) -> bool:
    """Whether the character on the far side of ``i`` from the corrected word belongs to a word of
    its own (two or three characters, without ``i``): the suspect character then sits between two
    words, where a replaced character of a two-character word leaves its gap (烩|报工作 -> 汇报|工作);
    a character that is bound to it in a term no dictionary holds (民宿, 处警) has no such word."""
    text = ctx.text
    x = i + 1 if word_on_left else i - 1
    if x < 0 or x >= len(text) or not _is_han(text[x]):
        return False
    spans = ((x, x + 2), (x, x + 3)) if word_on_left else ((x - 1, x + 1), (x - 2, x + 1))
    n = len(text)
    return any(0 <= a and b <= n and all(map(_is_han, text[a:b])) and _is_word_here(ctx, data, text[a:b]) for a, b in spans)


def _rare_words(ctx, name: str) -> str:
    """The full dictionary's rare two-character words (the ``@rare2`` section of the spelling data,
    sorted and concatenated), read on first need and kept in the disk cache: only a suspect that
    falls short of the full gain asks for them."""

    def build() -> str:
        path = ctx.data.path(name)
        cache = diskcache.entry("spelling-rare", [path], extra=_SLIP_FORMAT + "u16")
        raw = diskcache.load(cache)
        if raw is None:
            text = path.read_text(encoding="utf-8")
            start = text.find("\n@rare2\n")
            words = ""
            if start >= 0:
                start += len("\n@rare2\n")
                end = text.find("\n@", start)
                words = "".join(text[start:end if end >= 0 else len(text)].split())
            raw = words.encode("utf-16-le")  # decodes faster than marshal's UTF-8
            diskcache.save(cache, raw)
        return raw.decode("utf-16-le")

    return ctx.data.derived(("spelling.rare", name), build)


def _in_rare_word(ctx, name: str, i: int) -> bool:
    """Whether the character at ``i`` makes a rare word of the full dictionary with a neighbour
    (行尾, 概数, 订位: real words, too rare to count as words otherwise)."""
    words = _rare_words(ctx, name)
    text = ctx.text
    return any(_find(words, text[a:a + 2], 0, len(words) // 2) >= 0 for a in (i - 1, i) if a >= 0 and a + 2 <= len(text))




_SLIP_FORMAT = "2"  # the cached index's version: change it with _build_slip_index


class _SlipIndex:
    """What WD012 looks up for a character that makes no word with its neighbours, built once per
    spelling file and ``min_freq`` and kept in the disk cache (flat strings: they load in well under
    a millisecond, where a dict of the same 27k entries takes ~10 ms).

    - ``groups``: the common characters (GB2312 level 1) by their first reading, "|" between
      readings: a character's homophones are the rest of its group;
    - ``keys``/``values``/``offsets``: sorted keys of three characters ("<" and the one or two
      characters a homophone follows, or ">" and those it precedes, padded with "\0"), and for
      each the common characters that make a frequent word there (two characters: at least
      ``min_freq``; three: three tenths of it) followed by their frequency codes, concatenated.
    """

    def __init__(self, raw):
        self.groups, self.keys, self.values, self.offsets = raw
        self._homophones: dict[str, str] = {}
        self._entries: dict[str, str] = {}  # looked-up keys

    def homophones(self, c: str) -> str:
        h = self._homophones.get(c)
        if h is None:
            g = self.groups
            p = g.find(c)
            h = "" if p < 0 else g[g.rfind("|", 0, p) + 1:p] + g[p + 1:g.find("|", p)]
            self._homophones[c] = h
        return h

    def get(self, key: str) -> str:
        v = self._entries.get(key)
        if v is None:
            v = self._entries[key] = self._lookup(key.ljust(3, "\0"))
        return v

    def _lookup(self, key: str) -> str:
        keys = self.keys
        lo, hi = 0, len(keys) // 3
        while lo < hi:
            mid = (lo + hi) // 2
            x = keys[mid * 3:mid * 3 + 3]
            if x < key:
                lo = mid + 1
            elif x > key:
                hi = mid
            else:
                off = self.offsets
                return self.values[int.from_bytes(off[mid * 4:mid * 4 + 4], "little"):int.from_bytes(off[mid * 4 + 4:mid * 4 + 8], "little")]
        return ""


def _build_slip_index(data: SpellingData, min_freq: int):
    groups = []
    for g in data.primary_groups:
        common = "".join(c for c in g.split(":", 1)[1] if _common_char(c))
        if common:
            groups.append(common)
    found: dict[str, list[tuple[str, str]]] = {}
    for n, lo in ((2, min_freq), (3, min_freq * 3 // 10)):
        words, codes = data.dictionary_words(n)
        for i in range(len(words) // n):
            code = codes[i]
            if _FREQ_VALUES[ord(code) - 0x40] < lo:
                continue
            w = words[i * n:i * n + n]
            if w[0] == w[-1] or not all(map(_is_han, w)):
                continue
            if _common_char(w[-1]):
                found.setdefault("<" + w[:-1], []).append((w[-1], code))
            if _common_char(w[0]):
                found.setdefault(">" + w[1:], []).append((w[0], code))
    keys = sorted(found)
    values = ["".join(o for o, _ in found[k]) + "".join(code for _, code in found[k]) for k in keys]
    offsets = [0]
    for v in values:
        offsets.append(offsets[-1] + len(v))
    return ("|" + "|".join(groups) + "|", "".join(k.ljust(3, "\0") for k in keys), "".join(values),
            b"".join(o.to_bytes(4, "little") for o in offsets))


def _slip_index(ctx, data: SpellingData, name: str, min_freq: int) -> _SlipIndex:
    """WD012's index of this rule set's spelling data (see ``_SlipIndex``)."""

    def build() -> _SlipIndex:
        cache = diskcache.entry("spelling-slips", [ctx.data.path(name)], extra=f"{_FORMAT}/{_SLIP_FORMAT}/{min_freq}")
        raw = diskcache.load(cache)
        if raw is None:
            groups, keys, values, offsets = _build_slip_index(data, min_freq)
            # stored as UTF-16: decoding it is faster than marshal's UTF-8 (the index is ~350k characters)
            raw = (groups.encode("utf-16-le"), keys.encode("utf-16-le"), values.encode("utf-16-le"), offsets)
            diskcache.save(cache, raw)
        groups, keys, values, offsets = raw
        return _SlipIndex((groups.decode("utf-16-le"), keys.decode("utf-16-le"), values.decode("utf-16-le"), offsets))

    return ctx.data.derived(("spelling.wd012-index", name, min_freq), build)


def _followers(ctx, data: SpellingData) -> dict[str, str]:
    """For each character seen: the second characters of the full dictionary's two-character words
    that start with it (a slice of the sorted words), filled as characters come; per data store."""
    return ctx.data.derived(("spelling.wd012-followers", id(data)), dict)


def _paired(ctx, data: SpellingData) -> dict[str, bool]:
    """Two characters -> whether they are a word (full dictionary or the tokenizer's), filled as
    pairs come; per data store."""
    return ctx.data.derived(("spelling.wd012-paired", id(data)), dict)


class ContextSlipKind(_LineScanKind):
    name = "near-reading-context"
    description = "词语中一个字写成了同音字（韧真→认真、裙众→群众）：这个字与前后都不成词，换成同音字后这一段按词典词频明显更通顺"
    variants = {
        "homophone": "只有一种改法时；可用 {char}（写错的字）、{intended}（应写的字）、{right}（改正后的词）",
        "options": "几种改法难分高下时；可用 {char}（写错的字）、{right}（几种改法，以 ”或“ 相连，放在一对引号中）",
    }
    fixes = True
    params = {
        "data": Param(str, "rules/data 中的拼写数据文件名", default="spelling"),
        "min_gain": Param(int, "改字后这一段最可能分词的对数概率至少提高多少（自然对数）", default=9),
        "min_freq": Param(int, "改正后的两字词在完整词典中的最低词频（三字词取其三成）", default=30),
        "min_gain_between_words": Param((int, float), "改动处另一侧的字属于它自己的词语（错字夹在两个词之间）时，对数概率至少提高多少", default=9),
        "min_gain_known_word": Param((int, float), "错字夹在两个词之间、且改正后的词在同一份报告的别处写对了时，对数概率至少提高多少", default=5),
        "window": Param(int, "评分时改动处两侧各取几个汉字", default=4),
        "close": Param((int, float), "得分比最好的改法低多少以内的改法一并列出（自然对数）", default=4.0),
        "person_titles": Param(list, "跟在人名后的称呼和职务（同志、书记、主任）：常见姓氏（spelling_chars 的 surnames）开头、"
                               "两三个字长、后面紧跟其中一个的，是人名，不当作错字（周伟同志、杜娟主任）", default=[]),
    }

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        titles = tuple(self.p["person_titles"])
        surnames = _chars(ctx).surnames if titles else ""
        for h in super().check(ctx):
            if _recurs(text, h):
                continue
            # a person's name: a common surname, one or two more characters, then 同志 or a title
            if titles and any(text.startswith(titles, e) and text[e - k] in surnames and e - k <= h.start and h.end <= e
                              for e in range(h.end, min(h.end + 2, len(text)) + 1) for k in (2, 3) if e - k >= 0):
                continue
            # a weaker case stands only when the report writes the corrected word elsewhere
            known = h.vars.pop("known", None)
            if known is None or known in text:
                yield h

    def _check_line(self, ctx, data: SpellingData) -> Iterable[Hit]:
        text = ctx.text
        n = len(text)
        if n < 2:
            return
        index = _slip_index(ctx, data, self.p["data"], self.p["min_freq"])
        # per data store, remembered across lines and reports: which characters may be a slip,
        # and which strings of three characters are words (full dictionary or the tokenizer's)
        eligible = ctx.data.derived(("spelling.wd012-chars", id(data)), dict)
        chars = _chars(ctx)
        not_slips, bodies = chars.not_slips, chars.bodies
        known = ctx.data.derived(("spelling.wd012-words", id(data)), dict)
        if len(known) > 200000:
            known.clear()

        def is_word(w: str) -> bool:
            k = known.get(w)
            if k is None:
                k = known[w] = _is_word_here(ctx, data, w)
            return k

        # whether each two neighbouring characters are a word: the character after the first one
        # among the second characters of the full dictionary's words starting with it, or a word
        # of the tokenizer's; then the characters that make a two-character word with neither
        # neighbour (list comprehensions over C-level lookups: no bisection per pair)
        # each two characters' answer is remembered per data store (reports share most of them)
        paired = _paired(ctx, data)
        bigrams = [text[k:k + 2] for k in range(n - 1)]
        pairs = list(map(paired.get, bigrams))
        if None in pairs:
            followers = _followers(ctx, data)
            missing = set(text).difference(followers)
            if missing:
                words2 = data.dictionary_words(2)[0]
                for ch in missing:
                    lo, hi = data.span(2, ch)
                    followers[ch] = words2[2 * lo + 1:2 * hi:2]
            tok_freq = ctx.tokenizer.word_freq
            if len(paired) > 200000:
                paired.clear()
            todo = [k for k, p in enumerate(pairs) if p is None]
            if 2 * len(todo) > len(pairs):  # mostly new (the first reports of a run): all at once
                pairs = [text[k + 1] in followers[text[k]] or tok_freq(text[k:k + 2]) > 0 for k in range(n - 1)]
                paired.update(zip(bigrams, pairs))
            else:
                for k in todo:
                    pairs[k] = paired[bigrams[k]] = text[k + 1] in followers[text[k]] or tok_freq(bigrams[k]) > 0
        pairs.append(False)
        lone = [i for i, (left, right) in enumerate(zip([False] + pairs, pairs)) if not left and not right]
        for i in lone:
            c = text[i]
            e = eligible.get(c)
            if e is None:
                e = eligible[c] = _is_han(c) and c not in not_slips and _common_char(c)
            if not e:
                continue
            # a same-reading character makes a word there (looked at first: it rules out most)
            found = self._found(ctx, index, i)
            if not found:
                continue
            # nor a word of three or four characters
            if any(is_word(text[a:a + 3]) for a in (i - 2, i - 1, i) if a >= 0 and a + 3 <= n):
                continue
            if any(data.freq(text[a:a + 4]) for a in range(max(0, i - 3), i + 1) if a + 4 <= n):
                continue  # a target phrase (the four-character frequencies are the targets')
            # a character before the name of a body (纪|工委, 团|县委) abbreviates that body's name
            if text[i + 2:i + 3] in bodies and is_word(text[i + 1:i + 3]):
                continue
            hit = self._best(ctx, data, i, found)
            if hit:
                yield hit

    @staticmethod
    def _candidates(index: "_SlipIndex", c: str, left2: str, left1: str, right1: str, right2: str):
        """(homophone, word, word start relative to the character) for each homophone of ``c``
        that makes a frequent word with a neighbour (认真 from 韧|真) or extends a neighbouring word
        (规范化 from 规范|话); the most frequent such word per homophone (on equal frequencies the
        first of: left character, right character, two left, two right)."""
        homophones = index.homophones(c)
        if not homophones:
            return ()
        best: dict[str, tuple[int, str, int]] = {}
        for before, after, offset, size in ((left1, "", -1, 1), ("", right1, 0, 1), (left2, "", -2, 2), ("", right2, 0, 2)):
            other = before + after
            if len(other) != size or not all(map(_is_han, other)):
                continue  # the neighbours that can take part: whole Han characters
            entry = index.get(("<" if before else ">") + other)
            if not entry:
                continue
            m = len(entry) // 2
            # walk the shorter of the two: most entries hold a few characters, a few (after 不,
            # before 子) hundreds
            if m <= len(homophones):
                pairs = [(j, entry[j]) for j in range(m) if entry[j] in homophones]
            else:
                os = entry[:m]
                pairs = [(j, o) for o in homophones for j in (os.find(o),) if j >= 0]
            for j, o in pairs:
                f = _FREQ_VALUES[ord(entry[m + j]) - 0x40]
                b = best.get(o)
                if b is None or f > b[0]:
                    best[o] = (f, before + o + after, offset)
        return [(o, word, offset) for o, (_f, word, offset) in best.items()]

    def _found(self, ctx, index: "_SlipIndex", i: int):
        """``_candidates`` for the character at ``i``, remembered by the two characters each side."""
        text = ctx.text
        memo = ctx.data.derived(("spelling.wd012-candidates", id(index)), dict)
        left2, right2 = text[max(0, i - 2):i], text[i + 1:i + 3]
        key = (left2, text[i], right2)
        found = memo.get(key)
        if found is None:
            if len(memo) > 100000:
                memo.clear()
            found = memo[key] = self._candidates(index, text[i], left2, left2[-1:], right2[:1], right2)
        return found

    def _best(self, ctx, data: SpellingData, i: int, found) -> Hit | None:
        text = ctx.text
        c = text[i]
        w = self.p["window"]
        a = i
        while a > 0 and i - a < w and _is_han(text[a - 1]):
            a -= 1
        b = i + 1
        while b < len(text) and b - i <= w and _is_han(text[b]):
            b += 1
        if not all(map(_in_gb2312, text[a:b])):
            return None  # traditional characters around (後勤, 為): not typed with a simplified input method
        logs = ctx.data.derived(("spelling.wd012-logs", id(data)), dict)
        if len(logs) > 200000:
            logs.clear()
        prefix = _segment_prefix(data, text[a:i], logs)  # the same for the text and every change
        base = _segment_score(data, text[a:b], logs, prefix)
        scored = []
        for o, word, offset in found:
            gain = _segment_score(data, text[a:i] + o + text[i + 1:b], logs, prefix) - base
            scored.append((gain, o, word, i + offset))
        scored.sort(reverse=True)
        if not scored:
            return None
        gain = scored[0][0]
        known = None  # the corrected word, when the report must write it elsewhere for the hit to stand
        if gain < self.p["min_gain"]:
            # weaker evidence: the suspect sits between two words and makes no rare word either
            if gain < min(self.p["min_gain_between_words"], self.p["min_gain_known_word"]):
                return None
            if not _between_words(ctx, data, i, scored[0][3] < i) or _in_rare_word(ctx, self.p["data"], i):
                return None
            if gain < self.p["min_gain_between_words"]:
                known = scored[0][2]
        # close runners-up (公里/公立 for 公力: word frequencies cannot tell them apart) are named too
        close = [x for x in scored if x[0] >= scored[0][0] - self.p["close"] and x[3] == scored[0][3] and len(x[2]) == len(scored[0][2])][:3]
        _gain, o, word, start = close[0]
        extra = {} if known is None else {"known": known}
        if len(close) == 1:
            return Hit(start, start + len(word), variant="homophone", vars={"right": word, "char": c, "intended": o, **extra},
                       replacement=word, applicability="unsafe")
        options = "”或“".join(x[2] for x in close)
        return Hit(start, start + len(word), variant="options", vars={"right": options, "char": c, "intended": o, **extra})
