"""A character left out of a word, found where a bound character stands alone.

WD009 (``spelling.MissingCharKind``) knows a missing character only where it breaks one of the
four-character phrases of the spelling data. This kind looks at any character of a line that
stands alone (it forms no word of two to four characters with its neighbours, in the full or the
tokenizer's dictionary) while a whole word is next to it: one more character beside it may restore
the word it was part of (村民|续 -> 村民继续, 有效|实 -> 有效落实), inside a clause or at its edge
(体|党员 opening a sentence -> 全体党员, 满意度明显提。 -> 提高, 们 opening a clause -> 我们).

The evidence is how bound the character is: by the full dictionary (jieba's word frequencies), its
frequency as a word of its own is small beside the summed frequencies of the words it is part of
(体 8192 alone, far more inside 全体, 具体, 体系 …). Deletions leave such characters behind; clean
prose writes them alone mostly in abbreviations, slogans, lists and one-character verbs, which the
rule's lists and structural tests leave alone (促发展, 纪工委, 我局, “以案说理”, 定标准、定责任, 二百余宗,
寻根之旅, 经集体研究, 婚丧事宜, 获得感, 意大利面). After 的 (and 把, 与, 对) a noun is due: a very bound
character there is looked at even beside a function character (争取更多的持。, 服务群众的力和水平).
Only bound characters are looked at (a set test), which keeps the check cheap; among the words one
more character would make (at least ``min_freq`` frequent), the completion must not make the
clause's most likely segmentation (unigram model, four characters each side) less likely, and the
likeliest few are named, one the report writes elsewhere first. Two lone characters side by side,
which are otherwise taken for a term no dictionary holds (医技), are what is left of a
three-character word where one more character makes them a frequent one (推进农|品 -> 农产品,
党支|标准化 -> 党支部): only that character is tried. A character that completes one of
the data's four-character phrases is left to WD009. Two characters that form no word, the second
an affix that ends three-character words (感, 度, 性, 制), are what is left of one that lost its first
or middle character where one more makes a frequent one (群众意度 -> 满意度, 任制 -> 责任制; ``_remnants``). With ``bound_only: false`` any lone character
is tried, against the older thresholds on the segmentation gain (``min_gain``…).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from typing import Iterable

from shuzhi_lint import diskcache
from shuzhi_lint.checks.base import Context, Hit
from shuzhi_lint.checks.lexicon import (
    FREQ_VALUES,
    SpellingData,
    char_classes,
    common_char,
    find_sorted,
    in_gb2312,
    is_han,
    is_word_here,
    official_words,
    segment_score,
)
from shuzhi_lint.checks.linescan import LineScanKind, after_sentence, recurs, spelling_data
from shuzhi_lint.checks.spelling import _rare_words
from shuzhi_lint.rules import Param

#: punctuation that may stand next to a lone character (a clause's edge); any other mark or symbol
#: there (a number, 《, “, ＋) makes the characters a name, a title or a formula, not prose
_CLAUSE_MARKS = "，。；：！？、,;:!?"
_FORMAT = "4"  # the cached index's structure: change it with _build_index
#: how far (natural log) the real gain may exceed its estimate from the word's frequency alone
_SLACK = 1.0
#: how much lower (natural log) a second candidate's gain may be to be named as well
_CLOSE = 2.0
#: how many completions are named
_NAMED = 3


def _build_index(data: SpellingData, min_freq: int, limit: int = 0) -> tuple[dict[str, str], dict[str, str]]:
    """Two-character words of the full dictionary at least ``min_freq`` frequent, by character:
    what may follow it (c -> the x of each word cx) and what may precede it (c -> the x of each xc);
    with ``limit``, only that many of each (the most frequent: all a check tries)."""
    words, codes = data.dictionary_words(2)
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    # most frequent words first: only the first few of a character are scored
    order = sorted(range(len(codes)), key=lambda k: -ord(codes[k]))
    for k in order:
        if FREQ_VALUES[ord(codes[k]) - 0x40] >= min_freq:
            # only a common character (GB2312 level 1) is offered as the missing one
            a, b = words[2 * k], words[2 * k + 1]
            if common_char(b):
                after.setdefault(a, []).append(b)
            if common_char(a):
                before.setdefault(b, []).append(a)
    cut = limit or None
    return {c: "".join(v[:cut]) for c, v in after.items()}, {c: "".join(v[:cut]) for c, v in before.items()}


def _build_bound(data: SpellingData) -> dict[str, int]:
    """How often each character is written inside a word: the summed frequencies of the full
    dictionary's two- and three-character words that contain it. A character whose frequency as a
    word of its own is small beside that (体, 员, 织, 键) is bound: written alone, it is a fragment."""
    out: dict[str, int] = {}
    get = out.get
    for n in (2, 3):
        words, codes = data.dictionary_words(n)
        for k in range(len(codes)):
            f = FREQ_VALUES[ord(codes[k]) - 0x40]
            for c in set(words[n * k:n * k + n]):
                out[c] = get(c, 0) + f
    return out


def _modifier(ctx, w: str) -> bool:
    """Whether ``w`` is a pronoun, adverb or conjunction (我们, 切实, 及时): no suffix makes a word with it."""
    tag = ctx.tokenizer.tags.get(w, "") if len(w) == 2 else ""
    return tag[:1] in ("r", "d", "c") or tag in ("ad", "vd")


def _middle_fills(data: SpellingData, a: str, b: str, at: int, min_freq: int) -> str:
    """The characters x that make ``a + b + x`` (``at`` 1) or ``a + x + b`` (``at`` 2) a word of the
    full dictionary at least ``min_freq`` frequent: its three-character words that start with ``a``
    are read (a bisection finds them)."""
    words, codes = data.dictionary_words(3)
    lo, hi = data.span(3, a)
    out = []
    for k in range(lo, hi):
        w = words[3 * k:3 * k + 3]
        if w[at] == b and FREQ_VALUES[ord(codes[k]) - 0x40] >= min_freq and common_char(w[3 - at]):
            out.append(w[3 - at])
    return "".join(out)


def _gb2312(ctx) -> str:
    """The Han characters of GB2312, sorted, kept with the data store and in the disk cache: a
    bisection where encoding a character loads the codec (~1.5 ms) in a process that needs it
    nowhere else (see ``_in_sorted``)."""

    def build():
        cache = diskcache.entry("deletion-gb2312", [], extra=_FORMAT)
        value = diskcache.load(cache)
        if value is None:
            value = "".join(c for c in map(chr, range(0x4E00, 0xA000)) if in_gb2312(c))
            diskcache.save(cache, value)
        return value

    return ctx.data.derived("deletion.gb2312", build)


def _in_sorted(chars: str, c: str) -> bool:
    k = bisect_left(chars, c)
    return k < len(chars) and chars[k] == c


def _bound_chars(ctx, data: SpellingData, name: str, max_bound: float) -> frozenset[str]:
    """The common Han characters that are bound (see ``_build_bound``): written alone at most
    ``max_bound`` times as often as inside words. Kept with the data store and in the disk cache."""

    def build():
        path = ctx.data.path(name)
        cache = diskcache.entry("deletion-bound-chars", [path], extra=f"{_FORMAT}:{max_bound}") if path else None
        value = diskcache.load(cache)
        if value is None:
            inside = _bound(ctx, data, name)
            value = "".join(sorted(c for c, f in inside.items() if is_han(c) and (data.freq(c) or 1) <= max_bound * f))
            diskcache.save(cache, value)
        return frozenset(value)

    return ctx.data.derived(("deletion.bound-chars", name, max_bound), build)


def _bound(ctx, data: SpellingData, name: str) -> dict[str, int]:
    """``_build_bound``, kept with the data store and in the disk cache (keyed by the data file)."""

    def build():
        path = ctx.data.path(name)
        cache = diskcache.entry("deletion-bound", [path], extra=_FORMAT) if path else None
        value = diskcache.load(cache)
        if value is None:
            value = _build_bound(data)
            diskcache.save(cache, value)
        return value

    return ctx.data.derived(("deletion.bound", name), build)


class _Options:
    """``_build_index``'s two tables packed as flat strings, which load in microseconds where a
    dict of thousands of keys takes a millisecond or more: the characters (sorted) and, in slots of
    ``width`` characters padded with NUL, each one's options. ``after.get(c, "")`` as for a dict."""

    def __init__(self, packed: tuple[str, str, int]):
        self.keys, self.values, self.width = packed

    @staticmethod
    def pack(table: dict[str, str], width: int) -> tuple[str, str, int]:
        keys = "".join(sorted(table))
        return keys, "".join(table[c][:width].ljust(width, "\0") for c in keys), width

    def get(self, c: str, default: str = "") -> str:
        k = bisect_left(self.keys, c)
        if k < len(self.keys) and self.keys[k] == c:
            w = self.width
            return self.values[k * w:k * w + w].rstrip("\0")
        return default


def _index(ctx, data: SpellingData, name: str, min_freq: int, limit: int) -> tuple[_Options, _Options]:
    """``_build_index`` (the first ``limit`` options of each character), kept with the data store
    and in the disk cache (keyed by the data file)."""

    def build():
        path = ctx.data.path(name)
        cache = diskcache.entry("deletion-index", [path], extra=f"{_FORMAT}:{min_freq}:{limit}") if path else None
        value = diskcache.load(cache)
        if value is None:
            after, before = _build_index(data, min_freq, limit)
            width = limit or max(map(len, [*after.values(), *before.values()]))
            value = (_Options.pack(after, width), _Options.pack(before, width))
            diskcache.save(cache, value)
        return _Options(value[0]), _Options(value[1])

    return ctx.data.derived(("deletion.index", name, min_freq, limit), build)


class MissingCharContextKind(LineScanKind):
    name = "missing-character-context"
    description = (
        "词语中漏了一个字：一个多在词里出现的“黏着字”与前后都不成词，旁边是完整的词，补上一个字就成常用词"
        "（村民续发展→村民继续、有效实→有效落实、体党员→全体党员）"
    )
    variants = {
        "missing": "漏了一个字时；可用 {fragment}（不成词的字）、{right}（补字后的写法，几种补法难分高下时以 ”或“ 相连，放在一对引号中）",
        "approximate": "概数“余”紧跟一位数字（二余个）时；可用 {fragment}（数字与“余”）、{right}（补上数位的写法，以 ”或“ 相连）",
    }
    data_params = {"words": "official_words"}
    params = {
        "data": Param(str, "rules/data 中的拼写数据文件名", default="spelling"),
        "min_gain": Param((int, float), "残字在完整的词之后（村民|续）时，补字后这一段最可能分词的对数概率至少提高多少（自然对数）", default=2.6),
        "min_gain_before": Param((int, float), "残字在完整的词之前（坚|勤俭节约）时的同一下限：单字动词、简称（促|发展、公|企业）多在词前，要求更高", default=4.0),
        "edges": Param(bool, "也查分句首尾的缺口（们扎实推进→我们、渠道单。→单一）：残字紧挨分句标点或行首行尾", default=True),
        "min_gain_edge": Param((int, float), "缺口在分句首尾时的同一下限", default=4.0),
        "max_bound": Param((int, float), "残字单独成词的词频与它在词内的词频之比不超过此值时，算作“黏着字”（体、员、织）", default=0.1),
        "min_gain_bound": Param((int, float), "残字是黏着字时，补字后分词概率的对数至少提高多少", default=0.0),
        "min_item": Param(int, "紧挨“、”的分句至少这么多个汉字时才查其首尾（更短的是并列短语：定标准、明重点）", default=9),
        "min_clause": Param(int, "分句首尾的残字只在至少这么多个汉字的分句中查（短分句多是并列的短语：定标准、明重点）", default=5),
        "degree": Param(list, "程度副词等（不够、很、更）：其后的单字多是形容词（抓得不够严），不当作残字", default=[]),
        "markers": Param(str, "紧跟在单字后、表明它单用的字（学得、担在先、辅导学等）", default=""),
        "bodies": Param(str, "机构名称的末字（工委、政法委）：其前的单字多是简称的一部分，它单用时多指本单位（我办）", default=""),
        "bound_only": Param(bool, "只查黏着字（见 max_bound）：其余的字单用多是有意为之，且只看黏着字能让检查很快", default=True),
        "never_first": Param(str, "从不开头的字（们）：出现在分句开头时，说明头一个词漏了首字", default=""),
        "counters": Param(str, "数词及“余、多、几”等：其后的单字是量词（二百余宗），不当作残字", default=""),
        "measures": Param(str, "量词（支、张、份）：数词、量词之后的单字是名词（三支笔），不当作残字", default=""),
        "places": Param(list, "地名后常接的词（街道、社区）：其前的单字多是地名的一部分（五里牌街道）", default=[]),
        "min_freq": Param(int, "补字后的两字词在完整词典中的最低词频", default=100),
        "min_freq_three": Param(int, "两个相邻的残字补一个字成为三字词（党支|标准化→党支部、推进农|品→农产品）时，这个三字词在完整词典中的最低词频", default=100),
        "min_gain_three": Param((int, float), "两字不成词、后一字是常见词尾（全感、示户）时，补一字成为三字词（安全感、示范户）后这一段最可能分词的对数概率至少提高多少", default=0.0),
        "min_freq_remnant": Param(int, "两字不成词、后一字是常见词尾（全感、示户）时，补一字成的三字词（安全感、示范户）在完整词典中的最低词频", default=50),
        "remnant_ends": Param(str, "suffixes 之外也常作三字词末字的字（人、观、会）：两字不成词、后一字是它们时也查", default=""),
        "remnant_heads": Param(str, "虚词表（standalone）中也可能是三字词残余首字的字（要性←重要性）", default=""),
        "approximate": Param(str, "只跟在整数位后的概数字（余）：紧跟一个数字时（二余个）漏了“十、百”", default=""),
        "digits": Param(str, "一位数的数字（一至九、两）", default="一二三四五六七八九两"),
        "counted": Param(str, "概数后的量词、单位（个、人、场、万、亿）：只有其前的“数字+余”才查", default=""),
        "units": Param(str, "数位（十、百、千）：概数字前漏掉的字，按常见程度排列", default="十百千"),
        "candidates": Param(int, "每个残字最多试补几个字（按补成的词的词频从高到低）", default=8),
        "window": Param(int, "评分时缺口两侧各取几个汉字", default=4),
        "standalone": Param(str, "从不当作残字的单字（虚词、代词、数字等）", default=""),
        "suffixes": Param(str, "常接在词后构成新词的字（常态化、护林员、知晓度）：紧接在词后时不当作残字", default=""),
        "linkers": Param(str, "其后的单字是名词的文言虚词、介词（寻根之旅、职工之家、为农服务）：紧跟其后的单字不当作残字", default=""),
        "noun_marks": Param(str, "其后应是名词的字（的）：紧跟其后、与前后都不成词的黏着字（争取更多的持。、群众的力和水平）多是名词漏了头一个字，不当作单字动词或简称", default=""),
        "max_bound_noun": Param((int, float), "noun_marks 之后（争取更多的持。）或以虚词结尾的词之后（我们|化）查的黏着字须更“黏”：单独成词的词频与词内词频之比不超过此值（持，不含 心：为民的心）", default=0.1),
        "max_bound_adjective": Param((int, float), "词后的单字形容词是谓语（进展慢、办事慢问题），不当作残字，但单用的词频与词内词频之比不超过此值的除外", default=0.3),
        "max_bound_verb": Param((int, float), "单字动词带宾语（争项目）不报，但单用的词频与词内词频之比不超过此值的动词字除外（育、习、增：多是双字动词漏了一个字，培育、学习、增加）", default=0.05),
        "prepositions": Param(str, "公文中常单用作介词或“逐一”义的字（经集体研究、逐小区排查）：在词前时不当作残字", default=""),
        "prefixes": Param(str, "spelling_chars.yaml 的前缀字（prefixes：主阵地、全覆盖）之外，紧接在词前时也不当作残字的字", default=""),
        "words": Param(str, "rules/data 中公文常用而词典未收的词表文件名（对标、专班、台账）：当作完整的词", default="official_words"),
        "domain_words": Param(list, "在 words 词表之外再补充的这类词（与 WD012 的同名参数相同）", default=[]),
        "complements": Param(list, "趋向补语等常接在单字动词后的词（活起来、走下去）：缺口后是它们时不报", default=[]),
        "own_units": Param(str, "单位、地方的末字（村、院、科、组）：紧跟在代词后（我们村、他们院）是自己的单位，不当作残字", default=""),
        "after_pronoun": Param(bool, "代词（我们、他们）之后的黏着字都查（我们焦短板→聚焦），不只是 max_bound_noun 以内的", default=False),
        "verbs": Param(str, "公文中常单用作动词的字（促发展、强党建、记笔记）：在词前时不当作残字", default=""),
    }

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        for h in super().check(ctx):
            # a line that does not end a sentence was wrapped inside a word: the next line's
            # first character is no clause's start
            if h.start > 0 and text[h.start - 1] == "\n" and not after_sentence(text, h.start - 1):
                continue
            if self._recurs(ctx, h):
                continue
            own = self._own_word(ctx, h)
            if own:
                named = h.vars["right"].split("”或“")
                h.vars["right"] = "”或“".join(list(dict.fromkeys([own, *named]))[:_NAMED])
            yield h

    def _recurs(self, ctx: Context, h: Hit) -> bool:
        """``recurs``, but a place where the character is inside a word (体党员 inside 全体党员
        written elsewhere) is not the same form: only the form written alone again is a term."""
        if not recurs(ctx.text, h):
            return False
        text = ctx.text
        at = h.vars.get("at")
        if at is None:
            return True
        data = spelling_data(ctx, self.p["data"])
        form = text[h.start:h.end]
        count = 0
        k = text.find(form)
        while k >= 0:
            j = k + at
            if not any(len(w) == 2 and all(map(is_han, w)) and is_word_here(ctx, data, w) for w in (text[j - 1:j + 1] if j else "", text[j:j + 2])):
                count += 1
            k = text.find(form, k + 1)
        return count >= 2

    def _own_word(self, ctx: Context, h: Hit) -> str:
        """The completion with the word the report itself writes most often elsewhere (体党员 where
        全体 is written in other paragraphs): the likeliest, named first; "" when there is none."""
        text = ctx.text
        at = h.vars.get("at")
        if at is None:
            return ""
        j = h.start + at
        c = text[j]
        data = spelling_data(ctx, self.p["data"])
        counts: dict[tuple[str, str], int] = {}
        k = text.find(c)
        while k >= 0:
            if k != j:
                for side, w, x in (("b", text[k - 1:k + 1], text[k - 1:k]), ("a", text[k:k + 2], text[k + 1:k + 2])):
                    if side in h.vars["sides"] and len(w) == 2 and is_han(x) and x != c:
                        counts[(side, x)] = counts.get((side, x), 0) + 1
            k = text.find(c, k + 1)
        best = None
        for (side, x), m in sorted(counts.items(), key=lambda kv: -kv[1]):
            w = x + c if side == "b" else c + x
            if m >= 2 and data.freq(w) >= self.p["min_freq"]:
                best = (side, x)
                break
        if best is None:
            return ""
        side, x = best
        i = j if side == "b" else j + 1
        return text[h.start:i] + x + text[i:h.end]

    def _check_line(self, ctx, data: SpellingData) -> Iterable[Hit]:
        if len(ctx.text) < 3:
            return
        hits = sorted([*self._openers(ctx, data), *self._gaps(ctx, data), *self._remnants(ctx, data), *self._approximations(ctx, data)], key=lambda h: h.start)
        end = -1
        for h in hits:
            if h.start >= end:
                end = h.end
                yield h

    def _openers(self, ctx, data: SpellingData) -> Iterable[Hit]:
        """A clause that opens with a character no clause opens with (们|扎实推进): the first word
        lost its first character. Named with the most frequent words it ends."""
        text = ctx.text
        for c in self.p["never_first"]:
            j = text.find(c)
            while j >= 0:
                if (j == 0 or text[j - 1] in _CLAUSE_MARKS) and is_han(text[j + 1:j + 2]):
                    _after, before = _index(ctx, data, self.p["data"], self.p["min_freq"], self.p["candidates"])
                    options = sorted(before.get(c, "")[:8], key=lambda x: -data.freq(x + c))[:2]
                    if options:
                        end = j + 1
                        for size in (4, 3, 2):
                            if is_han(text[j + size:j + size + 1]) and bool(ctx.tokenizer.word_freq(text[j + 1:j + 1 + size]) or data.freq(text[j + 1:j + 1 + size])):
                                end = j + 1 + size
                                break
                        right = "”或“".join(x + text[j:end] for x in options)
                        yield Hit(j, end, variant="missing", vars={"fragment": c, "right": right})
                j = text.find(c, j + 1)

    def _approximations(self, ctx, data: SpellingData) -> Iterable[Hit]:
        """A digit right before the 余 of an approximate number (二余个, 四余场): 余 follows a round
        number only, so the 十 or 百 after the digit was lost (二十余个 or 二百余个)."""
        text = ctx.text
        marks = self.p["approximate"]
        if not marks or not any(m in text for m in marks):
            return
        digits, units, counted = self.p["digits"], self.p["units"], self.p["counted"]
        tok_freq = ctx.tokenizer.word_freq
        for m in marks:
            j = text.find(m, 1)
            while j > 0:
                d = text[j - 1]
                # a digit alone (not 十二, 统一: a numeral or word before it), 余 in no word after it (统一余额)
                # (a digit alone: not 十二, not 统一; a measure word or unit after 余: not 统一余额)
                if d in digits and text[j + 1:j + 2] in counted and not (j > 1 and (text[j - 2] in digits or text[j - 2] in units or tok_freq(text[j - 2:j]) or data.freq(text[j - 2:j]))):
                    right = "”或“".join(d + u + m for u in units[:2])
                    yield Hit(j - 1, j + 1, variant="approximate", vars={"fragment": d + m, "right": right})
                j = text.find(m, j + 1)

    def _remnants(self, ctx, data: SpellingData) -> Iterable[Hit]:
        """Two characters that form no word, the second an affix that ends three-character words
        (全感 of 安全感, 示户 of 示范户, 要性 of 重要性), with no word of two to four characters
        around either of them: a three-character word lost its first or middle character when one
        more character there makes a frequent word of the full dictionary and the clause likelier."""
        text = ctx.text
        n = len(text)
        ends, standalone = self.p["suffixes"] + self.p["remnant_ends"], self.p["standalone"]
        # (an affix character right after a Han character that is no function word: a set test)
        heads = self.p["remnant_heads"]
        key = ("deletion.remnant-ends", ends, standalone, heads)
        # (after a Han character that is no function word: the regex engine tells)
        pattern = ctx.data.derived(key, lambda: re.compile("(?<=[\u4e00-\u9fff])(?<![" + re.escape("".join(c for c in standalone if c not in heads)) + "])[" + re.escape(ends) + "]"))
        at = [m.start() for m in pattern.finditer(text, 1)]
        if not at:
            return
        tok_freq = ctx.tokenizer.word_freq
        table = getattr(getattr(ctx.tokenizer, "_tk", None), "FREQ", None)
        tok_get = table.get if isinstance(table, dict) else tok_freq
        # (most of them end a word of the tokenizer's dictionary (干部, 党性): its dict answers first)
        at = [j for j in at if not tok_get(text[j - 1:j + 1]) and not tok_get(text[j:j + 2]) and not tok_get(text[j - 2:j])]
        if not at:
            return
        extra = official_words(ctx, self.p["words"], self.p["domain_words"])

        # (the same memo of which strings are words as _gaps')
        known = ctx.data.derived(("spelling.wd012-words", id(data)), dict)
        get = known.get

        def word(w: str) -> bool:
            if len(w) < 2:
                return False
            k = get(w)
            if k is None:
                k = known[w] = bool(tok_freq(w) or data.freq(w))
            return k or w in extra

        min_freq = self.p["min_freq_remnant"]
        places = frozenset(self.p["places"])
        logp = ctx.data.derived(("deletion.logp", id(data)), dict)
        w = self.p["window"]
        for j in at:
            a, b = text[j - 1], text[j]
            # neither character is in a word of two to four characters (居民|事会: 民事 is one)
            if any(word(text[s:e]) for s in range(max(0, j - 4), j + 1) for e in range(max(s + 2, j), min(n, s + 4) + 1) if s < j + 1 and e > j - 1):
                continue
            # a character written again two places away is a parallel form (省局市局)
            if b in text[j + 1:j + 3] or (j > 1 and b == text[j - 2]) or a == b:
                continue
            # three lone characters in a row are an abbreviation (文旅局, 住建委): the character
            # before must end a word, be a function word or a clause mark
            if j > 1 and is_han(text[j - 2]) and text[j - 2] not in standalone and not (word(text[j - 3:j - 1]) or word(text[j - 4:j - 1])):
                continue
            # a place's name (星城|地区)
            if any(text[j + 1:j + 1 + k] in places for k in (2, 3)):
                continue
            # a pair the full dictionary holds as a rare word (公力) is a word misspelt, if anything
            rare = _rare_words(ctx, self.p["data"])
            if find_sorted(rare, a + b, 0, len(rare) // 2) >= 0:
                continue
            fills = []
            if j < 2 or text[j - 2] in _CLAUSE_MARKS or is_han(text[j - 2]):
                # the first character lost (全感 -> 安全感): one of the words a + b's first is the end of
                _after, before = _index(ctx, data, self.p["data"], self.p["min_freq"], self.p["candidates"])
                fills += [(j - 1, x) for x in before.get(a, "") if data.freq(x + a + b) >= min_freq]
            # the middle character lost (示户 -> 示范户)
            fills += [(j, x) for x in _middle_fills(data, a, b, 2, min_freq)]
            if not fills:
                continue
            lo = j - 1
            while lo > 0 and j - 1 - lo < w and is_han(text[lo - 1]):
                lo -= 1
            hi = j + 1
            while hi < n and hi - j - 1 < w and is_han(text[hi]):
                hi += 1
            base = segment_score(data, text[lo:hi], logp)
            scored = sorted(((segment_score(data, text[lo:i] + x + text[i:hi], logp) - base, i, x) for i, x in fills), reverse=True)
            if scored[0][0] < self.p["min_gain_three"]:
                continue
            close = [(i, x) for g, i, x in scored if g >= scored[0][0] - _CLOSE][:_NAMED]
            right = "”或“".join(text[j - 1:i] + x + text[i:j + 1] for i, x in close)
            yield Hit(j - 1, j + 1, variant="missing", vars={"fragment": a + b, "right": right})

    def _gaps(self, ctx, data: SpellingData) -> Iterable[Hit]:
        text = ctx.text
        n = len(text)
        classes = char_classes(ctx)
        # per data store, remembered across lines and reports: which strings are words of the full
        # dictionary or the tokenizer's (the same test and memo as WD012's, which runs on the same lines)
        known = ctx.data.derived(("spelling.wd012-words", id(data)), dict)
        if len(known) > 200000:
            known.clear()
        extra = official_words(ctx, self.p["words"], self.p["domain_words"])
        get = known.get

        tok_freq = ctx.tokenizer.word_freq

        def is_word(w: str) -> bool:
            k = get(w)
            if k is None:  # is_word_here, the tokenizer's dictionary (a dict) first
                k = known[w] = bool(tok_freq(w) or data.freq(w))
            return k or w in extra

        word = is_word
        standalone = self.p["standalone"]
        verbs = self.p["verbs"]

        # only a Han character that is not a function word or numeral may be a fragment, and (by
        # default) only a bound one: the characters worth a look are found by a set test alone
        if self.p["bound_only"]:
            bound = _bound_chars(ctx, data, self.p["data"], self.p["max_bound"])
            free = [i for i, c in enumerate(text) if c in bound]

        else:
            free = [i for i, c in enumerate(text) if is_han(c) and c not in standalone]
        if not free:
            return
        counters, markers, measures = self.p["counters"], self.p["markers"], self.p["measures"]
        linkers, prepositions, noun_marks = self.p["linkers"], self.p["prepositions"], self.p["noun_marks"]

        def verb_bound() -> frozenset[str]:
            """The verbs too bound to be written alone before their object (see ``max_bound_verb``)."""
            return _bound_chars(ctx, data, self.p["data"], self.p["max_bound_verb"])

        def adjective_bound() -> frozenset[str]:
            """The characters bound enough to be a fragment where the tagger calls them adjectives."""
            return _bound_chars(ctx, data, self.p["data"], self.p["max_bound_adjective"])

        def very_bound() -> frozenset[str]:
            """The characters bound enough to be a noun's remnant after 的 (see ``max_bound_noun``)."""
            return _bound_chars(ctx, data, self.p["data"], self.p["max_bound_noun"])
        degree, places = frozenset(self.p["degree"]), frozenset(self.p["places"])

        quoted = "“" in text

        def plausible(j: int) -> bool:
            """The tests of the text around a character that ask no dictionary: whether it may be
            a fragment at all (done first: they rule out most characters cheaply)."""
            c = text[j]
            if c in standalone:
                return False
            # a one-character adjective after a word, unless hardly ever written alone, is its
            # predicate (进展慢, 办事慢问题), written alone on purpose
            if ctx.tokenizer.tags.get(c, "") == "a" and j > 1 and c not in adjective_bound() and is_word(text[j - 2:j]):
                return False
            # a character written twice (一件件, 一项项) is a reduplication
            if text[j - 1:j] == c or text[j + 1:j + 2] == c:
                return False
            if j == n - 1:
                return False  # a line that ends in a character is a heading or was wrapped (服务广|大)
            if not (is_han(text[j - 1:j]) and is_han(text[j + 1:j + 2])):
                # the lone character opens or closes a clause: its one neighbour must begin or
                # end a word (not 现|将, 究|其), and the clause is no item of a list (定标准、
                # 定责任; 明重点，破难点; “提能力、优服务”): one character before or after a
                # word is how such items are written
                inner = j - 1 if is_han(text[j - 1:j]) else j + 1
                # (after 的 a noun is due: 争取更多的持。 lost the first character of 支持)
                # (a function character that ends or opens a word is a word's edge: 重要|依。, 检查|频。)
                if not (0 <= inner < n and is_han(text[inner]) and (text[inner] not in standalone or (inner == j - 1 and text[inner] in noun_marks) or (
                        is_word(text[inner - 1:inner + 1] if inner == j - 1 else text[inner:inner + 2])))):
                    return False
                # (but only a character rarely written alone (持, not 心: 为民的心), and unless a clause
                # beside it ends the same way: 守住党员的心，管住党员的行 is a couplet)
                if text[inner] in noun_marks and c not in very_bound():
                    return False
                if text[inner] in noun_marks and sum(1 for k in range(max(1, j - 16), min(n - 1, j + 16)) if text[k - 1] == text[inner] and is_han(text[k]) and text[k + 1] in _CLAUSE_MARKS) > 1:
                    return False
                a = b = j
                while a > 0 and is_han(text[a - 1]):
                    a -= 1
                while b < n and is_han(text[b]):
                    b += 1
                # (a long clause beside a 、 is no item of a list: 以更高的标准、更严的要求做好各项工。)
                if b - a < self.p["min_clause"] or ("、" in text[a - 1:a] + text[b:b + 1] and b - a < self.p["min_item"]):
                    return False
            # the character written again two places away is a parallel form (学纪知纪, 追责问责,
            # 公推公选, 对标等标)
            if c in (text[j - 2:j - 1] if j > 1 else "", text[j + 2:j + 3], text[j - 3:j - 2] if j > 2 else "", text[j + 3:j + 4]):
                return False
            # a one-character verb with its complement (理论学得不够深入) or before 在, 于 (担在先),
            # an item before 等 (辅导学等形式), an adjective after a degree word (抓得不够严)
            # (a noun or measure word (位, 源) is none of these: 不够位 lost the 到 of 到位)
            # (but a verb hardly ever written alone is what is left of a two-character one before
            # its complement: 经济展得 lost the 发 of 发展, 工作研得 the 调 of 调研)
            if ((j + 1 < n and text[j + 1] in markers and c not in verb_bound()) or any(text[max(0, j - k):j] in degree for k in (1, 2, 3))) and (
                    c in verbs or ctx.tokenizer.tags.get(c, "v")[:1] in "va"):
                return False
            # a noun after a classical 之 (寻根之旅, 职工之家)
            if j and text[j - 1] in linkers:
                return False
            # a measure word after a number (二百余宗, 十余项, 这条), a noun after a number and a measure
            # word (三支笔, 这份工), a name before 同志 (书记麻某某同志)
            # or a place (五里牌|街道)
            if (j > 0 and text[j - 1] in counters) or (j > 1 and text[j - 2] in counters and text[j - 1] in measures) or "同志" in text[j + 1:j + 6] or any(text[j + 1:j + 1 + k] in places for k in (1, 2, 3)):
                return False
            # in a short item of a list (阵地新、服务优、作风实的): one character after a word is
            # how such items are written
            if "、" in text[max(0, j - 3):j] + text[j + 1:j + 4]:
                return False
            # inside a quotation: a slogan's own abbreviations (“以案说理”, “双促双增”)
            return not (quoted and text.rfind("“", 0, j) > text.rfind("”", 0, j) and text.find("”", j + 1) >= 0)

        # whether each two neighbouring characters are a word, worked out when asked (around those
        # characters only); only a character in neither pair of its own may stand alone. The
        # tokenizer's dictionary (a dict) answers most pairs that are words: both pairs of a
        # character are tried there before the full dictionary's slower lookup
        p2: list = [None] * n
        p2[n - 1] = False
        table = getattr(getattr(ctx.tokenizer, "_tk", None), "FREQ", None)
        tok_get = table.get if isinstance(table, dict) else ctx.tokenizer.word_freq

        def pair(k: int) -> bool:
            if k < 0:
                return False
            v = p2[k]
            if v is None:
                v = p2[k] = is_word(text[k:k + 2])
            return v

        # (the tokenizer's dictionary first, only the pairs of those characters, in a list
        # comprehension over a dict: most of them are in a word there)
        free = [j for j in free if not tok_get(text[j:j + 2]) and not (j and tok_get(text[j - 1:j + 1]))]
        # (then the full dictionary's pairs, remembered across lines, before the tests of the text)
        free = [j for j in free if not (pair(j - 1) or pair(j)) and plausible(j)]
        if not free:
            return
        candidates = set(free)
        memo: dict[int, bool] = {}

        def alone_at(j: int) -> bool:
            """Whether the character at ``j`` is in no word of two to four characters."""
            v = memo.get(j)
            if v is None:
                v = not (pair(j - 1) or pair(j))
                if v:
                    v = not any(word(text[a:a + size]) for size in (3, 4) for a in range(max(0, j - size + 1), min(j, n - size) + 1))
                memo[j] = v
            return v

        def spanned(i: int) -> bool:
            """Whether a word of two to four characters runs across the gap before ``i``."""
            return pair(i - 1) or any(word(text[a:b]) for a in range(max(0, i - 3), i) for b in range(i + 1, min(n, a + 4) + 1) if b - a >= 3)

        only: dict[int, set] = {}  # a lone character -> the (gap, fill) it may take (fill None: any)

        def triple(j: int, i: int, outer: int) -> str:
            """The fills of gap ``i`` that make the characters at ``outer`` and ``j`` a frequent
            three-character word of the full dictionary with it: ``outer``, ``j``, the fill (党支|部)
            or ``j``, the fill, ``outer`` (农|品 -> 农产品); "" when there is none."""
            c, o = text[j], text[outer]
            if outer == j - 1 and i == j + 1:
                return _middle_fills(data, o, c, 1, self.p["min_freq_three"])
            if outer == j + 1 and i == j + 1:
                return _middle_fills(data, c, o, 2, self.p["min_freq_three"])
            return ""

        edges = self.p["edges"]
        gaps = sorted({g for j in free for g in (j, j + 1) if (0 <= g <= n if edges else 0 < g < n)})
        by_char: dict[int, list[int]] = {}  # a lone character -> the gaps next to it that may have lost one
        done = -1
        for i in gaps:
            left, right = text[i - 1:i], text[i:i + 1]
            # a gap at a clause's edge (its start or end, next to a clause mark or the line's edge):
            # the lone character there is the only side (们|扎实推进 -> 我们, 渠道单。 -> 单一)
            start_edge = edges and (i == 0 or left in _CLAUSE_MARKS) and is_han(right)
            end_edge = edges and right in _CLAUSE_MARKS and is_han(left)
            if not (start_edge or end_edge) and (pair(i - 1) or not (is_han(left) and is_han(right))):
                continue
            sides = []
            for j, other in ((i - 1, i), (i, i - 1)):
                if j not in candidates or (start_edge and j != i) or (end_edge and j != i - 1):
                    continue
                c = text[j]
                if not alone_at(j):
                    continue
                # the other side of the gap is a whole word (宗|意识): what the gap broke is the lone
                # character's word; two lone characters side by side are rather a term no dictionary
                # holds (医技, 质效)
                # (after 的 the gap before the character may have lost a noun's first character:
                # 群众的|力和水平 -> 能力)
                # (only a character rarely written alone: 持, not 心 in 把心贴近群众)
                noun_due = bool(j) and text[j - 1] in noun_marks and c in very_bound()
                # (a function character that ends a word of its own is that word's edge, before a
                # character rarely written alone: 我们|化放管服 lost the 深 of 深化)
                # (after a pronoun subject (我们, 他们) any bound character that is no noun is tried: 我们|善督查
                # lost the 完 of 完善; a noun there (我们|蹄疾步稳) opens a set phrase)
                function = text[other] in standalone and not (other == j - 1 and is_word(text[other - 1:other + 1]) and (
                    c in very_bound() or (self.p["after_pronoun"] and not ctx.tokenizer.tags.get(c, "n").startswith("n")
                                          and ctx.tokenizer.tags.get(text[other - 1:other + 1], "").startswith("r"))))
                if not (start_edge or end_edge) and (function or alone_at(other)) and not (noun_due and other == j - 1):
                    # (two lone characters on both sides of the gap are what is left of a
                    # three-character word that lost its middle: 农|品 of 农产品, the only fill tried)
                    fills = "" if function or j != i - 1 else triple(j, i, other)
                    if not fills:
                        continue
                    for x in fills:
                        only.setdefault(j, set()).add((i, x))
                    middle = True
                else:
                    middle = False
                # nor is the lone character's other neighbour one more lone character (医技|科室,
                # 工作|专班): two of them side by side are a term of their own
                outer = j - 1 if j == i - 1 else j + 1
                outer_word = False
                # a verb before its object (争|项目, 联|企业; not one that is hardly ever written alone:
                # 新|育家庭农场 lost the 培 of 培育), a character before the name of a body
                # (纪|工委, 教体|局): written alone on purpose
                tags = ctx.tokenizer.tags
                after_word = next((text[j + 1:j + 1 + k] for k in (4, 3, 2) if is_han(text[j + k:j + 1 + k]) and is_word(text[j + 1:j + 1 + k])), "")
                # (a rare word the tagger lacks is mostly a name: 通|肥城)
                if c in self.p["bodies"] or (j + 1 < n and text[j + 1] in self.p["bodies"]) or after_word and not noun_due and (after_word[-1] in self.p["bodies"] or tags.get(c, "").startswith("v") and c not in verb_bound() and (
                        tags.get(after_word) or ("n" if data.freq(after_word) < 100 else "")).startswith("n")):
                    continue
                if 0 <= outer < n and not is_han(text[outer]) and text[outer] not in _CLAUSE_MARKS:
                    continue  # a number, a placeholder or a symbol next to it (3期, X期, 查＋): no prose
                if 0 <= outer < n and is_han(text[outer]) and text[outer] not in standalone:
                    if alone_at(outer):
                        # (unless the two lone characters and one more make a three-character word
                        # of the dictionary, the only fill then tried: 党支|标准化 lost the 部 of 党支部,
                        # 管|局 the 理 of 管理局)
                        fills = triple(j, i, outer)
                        if not fills:
                            continue
                        for x in fills:
                            only.setdefault(j, set()).add((i, x))
                    else:
                        if not middle:
                            only.setdefault(j, set()).add((i, None))
                        outer_word = True
                elif not middle:
                    only.setdefault(j, set()).add((i, None))
                # an affix right after or before a whole word makes a word of its own with it
                # (常态|化, 护林|员, 时代|下, 主|阵地), on whichever side the gap is
                # (at a clause's edge the one word is on the inner side: 校|党支部 opening a clause
                # has no word before it to be a suffix of)
                word_before = (j == i and not start_edge) or outer_word or end_edge
                word_after = (j == i - 1 and not end_edge) or outer_word or start_edge
                # (after 的 no suffix attaches: 群众的|力和水平 lost the 能 of 能力)
                # (nor after a pronoun, adverb or conjunction: 我们|化放管服 lost the 深 of 深化)
                if (word_before and c in self.p["suffixes"] and not (j and text[j - 1] in noun_marks) and not _modifier(ctx, text[max(0, j - 2):j])) or (
                        word_after and (c in classes.prefixes or c in self.p["prefixes"] or c in prepositions)):
                    continue
                # a suffix right after a word that ends in a function character (获得|感, 取得|性):
                # that character is no lone neighbour of its own
                # (not a pronoun's: 我们|化放管服 lost the 深 of 深化)
                if c in self.p["suffixes"] and j > 1 and (is_word(text[j - 2:j]) or (j > 2 and is_word(text[j - 3:j]))) and not ctx.tokenizer.tags.get(text[j - 2:j], "").startswith("r"):
                    continue
                # a unit after a pronoun is the writer's own (我们|村, 他们|院, 我们|科, 我们|组): a body or
                # place named by its last character, as 我局, 我办
                if c in self.p["own_units"] and j > 1 and tags.get(text[j - 2:j], "").startswith("r"):
                    continue
                # a single character after a place or person's name (意大利|面, 马来西亚|餐): its dish,
                # product or kind, written as one word with the name
                if j > 1 and any(tags.get(text[j - k:j], "")[:2] in ("ns", "nr") for k in (4, 3, 2) if j >= k):
                    continue
                # the first of two characters that share the word after them (婚|丧事: 婚事 as common as
                # 丧事): a coordinate pair written short
                if is_han(text[j + 2:j + 3]) and 2 * data.freq(c + text[j + 2]) >= data.freq(text[j + 1:j + 3]) > 0:
                    continue
                # a one-character verb before its object (促|发展, 记|笔记, 联|企业) is written alone on purpose
                if c in verbs and not noun_due:
                    continue
                sides.append(j)
            if not sides or spanned(i):
                continue
            if any(text.startswith(w, i) for w in self.p["complements"]):
                continue
            for j in sides:
                by_char.setdefault(j, []).append(i)
        if not by_char:
            return
        after, before = _index(ctx, data, self.p["data"], self.p["min_freq"], self.p["candidates"])
        for j, at in sorted(by_char.items()):
            if j < done:
                continue
            # a four-character phrase of the data that misses a character right next to it (持之|恒,
            # 满意度|显提高) is WD009's to report (the engine keeps WD009's finding where both report):
            # here only that character may fill the gap, the phrase's and the frequencies' evidence
            # agreeing (常态|记在心 is no 书记 when the phrase says 铭记在心); one of three such
            # characters (持|之恒: 持之以恒) misses no character next to it, so nothing is filled
            phrase = {(a + pos, t[pos]) for a in range(max(0, j - 2), min(j, n - 3) + 1)
                      for t, pos in data.deletions(text[a:a + 3], text[a - 1:a], text[a + 3:a + 4])
                      if a + pos in (j, j + 1) or (a == j and pos == 2)}
            fills = only.get(j)
            if phrase or fills is None or all((i, None) in fills for i in at):
                hit = self._best(ctx, data, j, at, after, before, is_word, phrase or None)
            else:
                hit = self._best(ctx, data, j, at, after, before, is_word, fills, named=True)
            if hit:
                done = hit.end
                yield hit

    def _boundness(self, ctx, data: SpellingData, c: str) -> float:
        """The character's frequency as a word of its own over its frequency inside words."""
        inside = _bound(ctx, data, self.p["data"]).get(c, 0)
        return (data.freq(c) or 1) / inside if inside else 1e9

    def _best(self, ctx, data: SpellingData, j: int, gaps: list[int], after, before, is_word, only=None, named=False) -> Hit | None:
        """The most likely character missing next to the lone character at ``j``, before it (gap
        ``j``) or after it (gap ``j + 1``); None when none gains enough. With ``only``, a set of
        (gap, character), no other fill is tried (a character None: any); with ``named`` too, the
        characters it names are tried even where they are not among the most frequent options
        (the fills of a three-character word, ``triple``), and cover the word's other character."""
        text = ctx.text
        n = len(text)
        w = self.p["window"]
        c = text[j]
        logp = ctx.data.derived(("deletion.logp", id(data)), dict)
        gb2312 = _gb2312(ctx)
        if len(logp) > 200000:
            logp.clear()
        scored = []
        for i in gaps:
            a = i
            while a > 0 and i - a < w and is_han(text[a - 1]):
                a -= 1
            b = i
            while b < n and b - i < w and is_han(text[b]):
                b += 1
            if not all(_in_sorted(gb2312, ch) or not is_han(ch) for ch in text[max(0, a - 1):b + 1]):
                return None  # traditional or rare characters around: not typed with a simplified input method
            # the A-not-A question (满不满意): the first half of a word stands alone before 不/没 and it
            if text[i:i + 1] in ("不", "没") or text[i - 2:i - 1] in ("不", "没"):
                return None
            left = j == i - 1  # the lone character is left of the gap, before a whole word
            edge = not (is_han(text[i - 1:i]) and is_han(text[i:i + 1]))
            need = self.p["min_gain_edge" if edge else "min_gain_before" if left else "min_gain"]
            options = after.get(c, "") if left else before.get(c, "")
            # the gain is about the log of how much more frequent the word is than the character
            # alone; the options come most frequent first, so the first too rare one ends the search
            lone = math.log(data.freq(c) or 1)
            # a bound character (written alone far less often than inside words) needs less gain
            bound = self.p["bound_only"] or self._boundness(ctx, data, c) <= self.p["max_bound"]
            if bound:
                need = min(need, self.p["min_gain_bound"])
            base = None
            # (a gap that only some fills may close, the three-character words' (党支|部), tries those)
            extra = [] if not named or (i, None) in only else [x for g, x in sorted(only, key=str) if g == i and x and x not in options[:self.p["candidates"]]]
            rare = False
            for x in [*options[:self.p["candidates"]], *extra]:
                if x not in extra:
                    rare = rare or math.log(data.freq(c + x if left else x + c) or 1) - lone < need - _SLACK - _CLOSE
                    if rare:
                        continue
                if only is not None and (i, x) not in only and (i, None) not in only:
                    continue
                filled = text[a:i] + x + text[i:b]
                if base is None:
                    base = segment_score(data, text[a:b], logp)
                gain = segment_score(data, filled, logp) - base
                scored.append((gain, gain >= need, i, x))
        scored.sort(reverse=True)
        if not scored or not scored[0][1]:
            return None
        # close runners-up (世纪/纪律 for 纪: word frequencies cannot tell them apart) are named too
        close = [(i, x) for g, _ok, i, x in scored if g >= scored[0][0] - _CLOSE][:3]
        # the finding covers the lone character and the whole word on the far side of each gap
        start, end = j, j + 1
        for i, _x in close:
            if i == j + 1:
                for size in (4, 3, 2):
                    if i + size <= n and is_word(text[i:i + size]):
                        end = max(end, i + size)
                        break
            else:
                for size in (4, 3, 2):
                    if i - size >= 0 and is_word(text[i - size:i]):
                        start = min(start, i - size)
                        break
        # at a clause's edge the lone character has a whole word on its inner side only: named with it
        # (体党员 -> 全体党员)
        if not is_han(text[j + 1:j + 2]) or not is_han(text[j - 1:j]):
            for size in (4, 3, 2):
                if start == j and is_han(text[j + 1:j + 2]) and is_word(text[j + 1:j + 1 + size]) and j + 1 + size <= n:
                    end = max(end, j + 1 + size)
                    break
                if end == j + 1 and is_han(text[j - 1:j]) and j - size >= 0 and is_word(text[j - size:j]):
                    start = min(start, j - size)
                    break
        # a three-character word's fill (党支|部, 农|品) covers the word's other character as well
        for i, x in close:
            if named and (i, x) in only and i == j + 1:
                if j and data.freq(text[j - 1:j + 1] + x):
                    start = min(start, j - 1)
                if data.freq(c + x + text[i:i + 1]):
                    end = max(end, i + 1)
        right = "”或“".join(text[start:i] + x + text[i:end] for i, x in close)
        # where the character is (check() looks for the report's own words with it) and which of
        # its sides may have lost one
        sides = "".join(sorted({"b" if i == j else "a" for i in gaps}))
        return Hit(start, end, variant="missing", vars={"fragment": c, "right": right, "at": j - start, "sides": sides})
