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
from typing import Iterable

from shuzhi_lint import diskcache
from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.lexicon import (
    COMMON_SINGLE,
    DATA_FORMAT,
    FREQ_VALUES,
    NO_PAIR,
    SpellingData,
    _first_char_span,
    char_classes,
    common_char,
    common_chars,
    find_sorted,
    gb2312,
    is_han,
    is_word_here,
    official_words,
    segment_prefix,
    segment_score,
    spelling_data,
)
from shuzhi_lint.checks.linescan import LINE_MEMO_SIZE, LineScanKind, after_sentence, recurs
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
        # the open classes (optional keys: a folder's own de_usage.yaml without them keeps the lists only)
        self.adverb_tags = tuple(data.get("adverb_tags") or ())
        self.pair_tags = tuple(data.get("pair_tags") or ())
        self.adjective_tags = tuple(data.get("adjective_tags") or ())
        self.noun_followers = frozenset(data.get("noun_followers") or ())
        #: nouns that, right after a verb that is also a noun, make the two one compound noun (学习态度,
        #: 服务意识): the noun is no object there
        self.object_heads = frozenset(data.get("object_heads") or ())
        self.adverbial_suffixes = tuple(data.get("adverbial_suffixes") or ())
        #: manner and evaluative words whatever their dictionary tag (及时 c, 到位 v, 合理 vn, 热情 n):
        #: the halves of a paired adverbial or complement (及时到位, 合理美观)
        self.evaluatives = frozenset(data.get("evaluatives") or ())
        #: verbs before "V的" + a closing pair of qualities that take "…的AB" as their object (a noun:
        #: 维护群众最关心的公平公正, 实现大家期待的平稳有序), not a complement
        governors = data.get("object_governors")
        self.object_governors = compile_pattern(governors, f"{name}.object_governors") if governors else None
        degree = data.get("degree_words")
        #: "V的 + degree word + adjective" at the end of a clause (抓的不够紧 → 抓得不够紧); the
        #: adjective is judged by its tags (``adjective_tags``), not looked up in a list
        self.graded = compile_pattern(
            "(?:" + data["complement_leads"] + ")?(?:" + degree + r")(?P<adj>[\u4e00-\u9fff]{1,4}?)了?(?="
            + _COMPLEMENT_END + "|" + data["complement_followers"] + ")", f"{name}.degree_words") if degree else None
        #: "V的" + a four-character phrase or two adjectives closing the clause (办的丰富多彩)
        self.bare = compile_pattern(
            r"(?:" + data["complement_leads"] + r")?(?P<adj>[\u4e00-\u9fff]{4})了?(?=" + _COMPLEMENT_END + ")", f"{name}.bare")


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
    params = {
        "data": Param(str, "rules/data 中的“的/地/得”词表文件名（不含 .yaml）：状语、介词、补语等", default="de_usage"),
        "spelling": Param(str, "rules/data 中的拼写数据文件名（成语、固定短语：未列出的四字状语、补语据此判断）", default="spelling"),
    }

    def tables(self, ctx: Context) -> DeTables:
        name = self.p["data"]
        return ctx.data.derived(("de-usage", name), lambda: DeTables(name, ctx.data.get(name, schema="de_usage")))

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        t = self.tables(ctx)
        de = text.find("的")
        while de >= 0:
            hit = None
            if de > 0 and is_han(text[de - 1]) and de + 1 < len(text) and is_han(text[de + 1]):
                adv = None
                q = text[de - 4:de] if de >= 4 else ""
                if q and q[0] == q[1] and q[2] == q[3] and q[0] != q[2] and all(map(is_han, q)):
                    adv = q
                else:
                    adv = next((text[de - k:de] for k in t.adverbial_lengths if de >= k and text[de - k:de] in t.adverbials), None)
                if adv:
                    hit = self._adverbial(ctx, t, de - len(adv), de, adv)
                if hit is None:
                    wider = self._open_adverbial(ctx, t, de)
                    if wider and wider != adv:
                        hit = self._adverbial(ctx, t, de - len(wider), de, wider, listed=False)
                if hit is None:
                    hit = self._aspect(ctx, t, de, adv)
                if hit is None:
                    m = t.complement.match(text, de + 1)
                    if m:
                        hit = self._complement(ctx, t, de, m.group("comp"))
                    else:
                        comp = self._open_complement(ctx, t, de)
                        if comp:
                            hit = self._complement(ctx, t, de, comp)
                if hit is None:
                    hit = self._parallel(ctx, t, de)
            if hit:
                yield hit
            de = text.find("的", de + 1)

    def _is_adjective(self, ctx: Context, t: DeTables, w: str) -> bool:
        if not t.adjective_tags:
            return False
        return (w in t.adverbials or w in t.evaluatives or ctx.tokenizer.tags.get(w, "x").startswith(t.adjective_tags)
                or spelling_data(ctx, self.p["spelling"]).tagged("adjectives2", w))

    def _paired(self, ctx: Context, t: DeTables, w: str, tags: tuple) -> bool:
        """Whether four characters are two manner words side by side (深入细致, 及时准确, 扎实有效)."""
        tag = ctx.tokenizer.tags
        data = spelling_data(ctx, self.p["spelling"])
        return bool(tags) and all(h in t.adverbials or h in t.evaluatives or tag.get(h, "x").startswith(tags)
                                  or data.tagged("adjectives2", h) for h in (w[:2], w[2:]))

    def _idiom(self, ctx: Context, w: str) -> bool:
        """Whether four characters are an idiom of the full dictionary (有条不紊, 一丝不苟) rather than a
        name of something: a noun or a nominal verb at its end (主题教育, 基层党建) makes it a name."""
        if not all(map(is_han, w)) or not spelling_data(ctx, self.p["spelling"]).tagged("idioms", w):
            return False
        return w[2:] not in self.tables(ctx).nominal_verbs

    def _open_adverbial(self, ctx: Context, t: DeTables, de: int) -> str | None:
        """An adverbial before ``de`` that no list holds, by its form: a four-character idiom, two manner
        words side by side, or a quality in 性 (创造性, 针对性)."""
        text = ctx.text
        w = text[de - 4:de] if de >= 4 else ""
        if w and all(map(is_han, w)) and (self._paired(ctx, t, w, t.pair_tags) or self._idiom(ctx, w) or _one_by_one(w)):
            return w
        w = text[de - 3:de] if de >= 3 else ""
        if len(w) == 3 and all(map(is_han, w)) and (w[0] == w[2] != w[1] or (w[0] == "一" and w[1] == w[2] != "一")):
            return w  # 面对面, 手把手, 一对一: the way something is done, face to face; 一遍遍, 一次次: again and again
        for n in (3, 2):  # an adverb (默默, 尽快, 进一步): the whole word before 的 (checked by _adverbial)
            w = text[de - n:de] if de >= n else ""
            if t.adverb_tags and all(map(is_han, w)) and ctx.tokenizer.tags.get(w, "x").startswith(t.adverb_tags):
                return w
        for suffix in t.adverbial_suffixes:
            n = len(suffix) + 2
            w = text[de - n:de] if de >= n else ""
            if w.endswith(suffix) and all(map(is_han, w)):
                return w
        return None

    def _open_complement(self, ctx: Context, t: DeTables, de: int) -> str | None:
        """A complement after ``de`` that no list holds: a degree word and an adjective (不够紧, 过于
        随意), or a four-character idiom or two adjectives closing the clause (丰富多彩, 扎实有效)."""
        text = ctx.text
        if t.graded is not None:
            m = t.graded.match(text, de + 1)
            if m and self._is_adjective(ctx, t, m.group("adj")):
                return m.group(0)
        m = t.bare.match(text, de + 1)
        if m:
            w = m.group("adj")
            if t.object_governors is not None:
                cs, _ce = _clause(text, de, de + 1)
                if t.object_governors.search(text[cs:de]):
                    return None  # 维护群众最关心的公平公正: "…的AB" is the object of a verb before it
            if self._paired(ctx, t, w, t.adjective_tags) or self._idiom(ctx, w) or _aabb(w):
                return m.group(0)
        return self._ba_complement(ctx, t, de)

    def _ba_complement(self, ctx: Context, t: DeTables, de: int) -> str | None:
        """A quality closing a 把 clause after "V的" (把政策讲的通俗易懂, 把品牌擦的更亮, 把矛盾化解的及时):
        the verb's object stands before it, after 把, so what follows 的 is no noun it modifies but the
        verb's complement: an evaluative word or adjective, one after 更/很, or an idiom."""
        text = ctx.text
        m = _BA_TAIL.match(text, de + 1)
        if m is None:
            return None
        cs, _ce = _clause(text, de, de + 1)
        if "把" not in text[cs:de - 2]:
            return None
        w = m.group(1)
        core = w[1:] if w[0] in "更很" and len(w) > 1 else w
        if not (self._is_adjective(ctx, t, core) or (len(w) == 4 and (self._idiom(ctx, w) or self._paired(ctx, t, w, t.adjective_tags)))):
            return None
        tokens = _tokens(ctx, cs, de)
        # 把 as a word of its own (not 把握, 把关), with its object between it and the verb
        if not any(w == "把" and e <= de - 3 for _s, e, w in tokens):
            return None
        return w

    def _parallel(self, ctx: Context, t: DeTables, de: int) -> Hit | None:
        """"V的A" as a short clause beside a parallel "V得A" (管的严，拆得快; 想得深，看的远; 定的细、落得实):
        the author writes the same complement twice, once with 得, so the 的 is a slip for it."""
        text = ctx.text
        if not (text[de + 2:de + 3] and text[de + 2] in _PARALLEL_MARKS and is_han(text[de + 1])):
            return None
        verb, comp = text[de - 1], text[de + 1]
        if not (verb in t.single_verbs or ctx.tokenizer.tags.get(verb, "x").startswith("v")):
            return None
        # the clause before ends with X得Y (…想得深，看的远), or the clause after does, within a few characters
        before = text[de - 6:de - 1] if de >= 6 else ""
        if not (len(before) == 5 and before[-1] in _PARALLEL_MARKS and before[-3] == "得" and is_han(before[-4]) and is_han(before[-2])):
            if _PARALLEL_NEXT.match(text, de + 3) is None:
                return None
        return Hit(de, de + 1, variant="complement", vars={"verb": verb, "comp": comp, "right": "得", "match": "的"},
                   replacement="得", applicability="unsafe")

    def _aspect(self, ctx: Context, t: DeTables, de: int, listed: str | None) -> Hit | None:
        """"A的V了…": a word of the full dictionary right after 的, then 了 and the rest of the clause
        (前瞻性的谋划了下一年度, 有声有色的开展了活动): V takes 了 and an object, so it is a verb
        whatever its tag, and the manner word A before 的 is its adverbial. A is a listed adverbial or
        one by form (AABB, an idiom or fixed phrase, two manner words, a quality in 性, an adjective)."""
        text = ctx.text
        data = spelling_data(ctx, self.p["spelling"])
        verb = None
        for n in (3, 2):
            w = text[de + 1:de + 1 + n]
            j = de + 1 + n
            if (len(w) == n and all(map(is_han, w)) and data.is_word(w) and text[j:j + 1] == "了"
                    and is_han(text[j + 1:j + 2]) and text[j + 1] not in _MODAL and not data.is_word(text[j:j + 2])
                    and w not in t.nounish):
                verb = w
                break
        if verb is None:
            return None
        adv = listed
        if adv is None:
            w4 = text[de - 4:de] if de >= 4 else ""
            if len(w4) == 4 and all(map(is_han, w4)) and (_aabb(w4) or data.is_target(w4) or self._paired(ctx, t, w4, t.pair_tags)):
                adv = w4
            else:
                adv = self._open_adverbial(ctx, t, de)
        if adv is None:
            w2 = text[de - 2:de] if de >= 2 else ""
            if len(w2) == 2 and (w2 in t.evaluatives or data.tagged("adjectives2", w2)):
                adv = w2
        if adv is None:
            return None
        adv_start = de - len(adv)
        cs, _ce = _clause(text, adv_start, de + 1)
        before = text[cs:adv_start]
        if adv_start == cs or text[adv_start - 1] in "的之" or t.governed.search(before) or any(before.endswith(p) for p in t.prepositions):
            return None  # no subject before it, or "A的V" governed by a verb or a preposition (给予了及时的…)
        if len(adv) == 2 and data.is_word(text[adv_start - 1:adv_start + 1]):
            return None  # A's first character ends a word begun before it (落|实在: 落实), so A is no word there
        return Hit(de, de + 1, variant="adverbial", vars={"adv": adv, "verb": verb, "right": "地", "match": "的"},
                   replacement="地", applicability="unsafe")

    def _adverbial(self, ctx: Context, t: DeTables, adv_start: int, de: int, adv: str, listed: bool = True) -> Hit | None:
        text = ctx.text
        cs, ce = _clause(text, adv_start, de + 1)
        if t.governed.search(text[cs:adv_start]):
            return None
        if not listed and (adv_start == cs or text[adv_start - 1] in "的之"
                           or any(text[cs:adv_start].endswith(p) for p in t.prepositions)):
            return None  # an adverbial no list holds needs a subject or adverb before it, not a noun phrase (对…的重视)
        tokens = _tokens(ctx, cs, ce)
        k = _token_at(tokens, de)
        if k is None or tokens[k][2] != "的" or k + 1 >= len(tokens):
            return None
        # the adverbial must be whole words ending right before 的 (not 不认真的, 真切实的)
        ka = _token_at(tokens, adv_start)
        if (adv in t.adverbials or (not listed and len(adv) < 4)) and (ka is None or tokens[ka][0] != adv_start):
            return None  # 不认真的, 真切实的: the adverbial is part of a longer word
        verb = tokens[k + 1][2]
        tag = ctx.tokenizer.tags.get(verb, "x")
        nxt = k + 2  # the token after the verb
        full_verb = len(verb) == 1 and spelling_data(ctx, self.p["spelling"]).tagged("verbs2", text[de + 1:de + 3])
        if full_verb:
            # a verb the compact dictionary lacks (奋战, 核对), cut into characters
            verb, tag = text[de + 1:de + 3], "v"
            nxt = next((j for j in range(k + 2, len(tokens)) if tokens[j][0] >= de + 3), len(tokens))
            if nxt < len(tokens) and tokens[nxt][0] != de + 3:
                return None  # the verb's second character begins a word of its own
        if verb in t.prepositions and (adv in t.adverbials or len(adv) == 4 or not listed):
            return Hit(de, de + 1, variant="adverbial-preposition", vars={"adv": adv, "verb": verb, "right": "地", "match": "的"},
                       replacement="地", applicability="unsafe")
        if verb in t.action_verbs:
            tag = "v"
        # a noun object (有序的参与社区事务) after a listed adverbial or one of unmistakable form
        # (手把手的教年轻人, 一对一的联系困难家庭) makes the word after 的 a verb, whatever its tag
        strong = listed or _one_by_one(adv) or _aabb(adv) or (len(adv) == 3 and (adv[0] == adv[2] or adv[0] == "一"))
        noun_object = (strong and not full_verb and (tag.startswith("v") or verb in t.nominal_verbs)
                       and self._subject_before(ctx, tokens, ka, cs, adv_start) and self._noun_object(ctx, t, tokens, nxt, verb))
        if not (tag.startswith("v") or noun_object) or verb in ("是", "有", "为", "在") or verb in t.nounish:
            return None
        after = tokens[nxt][2] if nxt < len(tokens) else ""
        if after == "的" or text[de + 1 + len(verb):de + 2 + len(verb)] == "的":
            return None
        nominal = verb in t.nominal_verbs or tag == "vn"
        if after in t.object_heads and (nominal or full_verb):
            return None  # the verb and the noun after it are one compound noun (精准的帮扶措施)
        # a quoted object right after the verb (认真的学习“两学一做”) makes it a verb, as 了 does
        quoted_object = not after and ce < len(text) and text[ce] in "“《" and de + 1 + len(verb) == ce
        if nominal and after not in ("了", "着", "过") and not quoted_object and not noun_object:
            return None
        if adv_start == cs and after and ctx.tokenizer.tags.get(after, "x").startswith("v"):
            return None  # 有序的推进离不开规划: "A的V" opens the clause as the subject of the verb after it
        if (not listed or full_verb) and not noun_object and (
                not after or len(verb) < 2 or after in t.noun_followers or tag != "v" or nominal
                or ctx.tokenizer.tags.get(after, "x").startswith("v")):
            return None  # 主题教育的开展取得成效: without a listed adverbial, "A的V" may be a noun phrase
        if not nominal and not after and ce < len(text) and text[ce] in "”》":
            return None
        return Hit(de, de + 1, variant="adverbial", vars={"adv": adv, "verb": verb, "right": "地", "match": "的"},
                   replacement="地", applicability="unsafe")

    @staticmethod
    def _subject_before(ctx: Context, tokens, ka, cs: int, adv_start: int) -> bool:
        """Whether a subject or an adverb, not a verb, stands before the adverbial in its clause
        (支部|有序的参与…, 我们将|灵活的运用…): after a verb (制定了|严格的考核办法, 印发|系统的学习资料)
        or at the clause's start (认真的学习笔记写了三本) "A的V N" is a noun phrase."""
        if adv_start == cs or ka is None or ka == 0:
            return False
        w = tokens[ka - 1][2]
        return w not in ("了", "着", "过") and not ctx.tokenizer.tags.get(w, "x").startswith("v")

    def _noun_object(self, ctx: Context, t: DeTables, tokens, k: int, verb: str) -> bool:
        """Whether ``tokens[k]`` opens a noun object of ``verb`` (参与|社区事务, 联系|困难家庭, 教|年轻人):
        a noun, or an adjective and a noun, that is neither the head of a compound with the verb
        (学习态度, 服务意识: ``object_heads``) nor a word with it, nor a noun of place or time that
        makes "A的V" a noun phrase (推进中, 开展以来)."""
        if k >= len(tokens) or not t.object_heads:
            return False
        tags = ctx.tokenizer.tags
        w = tokens[k][2]
        if tags.get(w, "x").startswith(("a", "b")) and k + 1 < len(tokens) and tokens[k + 1][1] - tokens[k + 1][0] > 1:
            head = tokens[k + 1][2]  # 困难|家庭, 老|党员: a modifier before the noun
        else:
            head = w
        tag = tags.get(head, "x")
        if not (tag.startswith("n") or tag == "r") or tag == "nr" and len(head) == 1:
            return False
        return not any(x in t.object_heads or x in t.noun_followers for x in (w, head)) and not (
            spelling_data(ctx, self.p["spelling"]).is_word(verb + w))

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
        if verb in t.not_complement_heads and not any(w in ("对", "对于") for _s, _e, w in tokens[:k - 1]):
            return None  # 存在的不足; but after 对… the verb is the predicate (对新情况掌握的不够全面)
        tag = ctx.tokenizer.tags.get(verb, "x")
        if not (tag.startswith("v") or verb in t.single_verbs or verb in t.nominal_verbs or verb in t.action_verbs
                or spelling_data(ctx, self.p["spelling"]).tagged("verbs2", verb)):
            return None
        # 我的/自己的 + verb...: the verb must not be the head of a noun phrase started earlier
        if k >= 2 and tokens[k - 2][2] in ("的", "之"):
            return None
        if len(verb) == 1 and de >= 2 and is_han(text[de - 2]) and spelling_data(ctx, self.p["spelling"]).is_word(text[de - 2:de]):
            verb = text[de - 2:de]  # named whole where the compact dictionary cut it (码放 as 码/放)
        return Hit(de, de + 1, variant="complement", vars={"verb": verb, "comp": comp, "right": "得", "match": "的"},
                   replacement="得", applicability="unsafe")


_PARALLEL_MARKS = "，、；。！？"
#: a short clause ending in a one-character verb, 得 and a one-character complement (拆得快。)
_PARALLEL_NEXT = compile_std(f"[{_HAN}]{{0,3}}[{_HAN}]得[{_HAN}](?=[{_PARALLEL_MARKS}])")
#: one to four characters closing a clause after 的 (the complement of a 把 clause)
_BA_TAIL = compile_std(f"([{_HAN}]{{1,4}})(?=[{_PARALLEL_MARKS}]|$)")
_MODAL = "吗呢吧啊呀嘛哦哇"  # sentence-final particles: 这是最好的办法了吧 ends the sentence after 了


def _one_by_one(w: str) -> bool:
    """Whether four characters are "一X一Y", one at a time (一家一户, 一件一件, 一条一条)."""
    return len(w) == 4 and w[0] == w[2] == "一" and is_han(w[1]) and is_han(w[3])


def _aabb(w: str) -> bool:
    """Whether four characters are a reduplicated AABB form (清清楚楚, 整整齐齐)."""
    return len(w) == 4 and w[0] == w[1] and w[2] == w[3] and w[0] != w[2] and all(map(is_han, w))


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
            # a unit's name, then a title made of it (执法支队|支队长, 三大队|大队长)
            if self._unit_title(ctx, u[-1], m.end()):
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
            if self._unit_title(ctx, c, i + 2):
                continue
            data = data or spelling_data(ctx, self.p["data"])
            if self._spare_char(ctx, data, c, i):
                yield Hit(i, i + 2, variant="spare-char", vars={"unit": c}, replacement=c, applicability="unsafe")

    def _unit_title(self, ctx, last: str, at: int) -> bool:
        """Whether a repeat ending in ``last``, the last character of a body's name (科, 队), is
        followed at ``at`` by the rest of a title (长, 员, 主任): 综合科科长, 执法支队支队长."""
        return bool(self.titles) and last in char_classes(ctx).bodies and ctx.text.startswith(self.titles, at)

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
        if i > 0 and is_han(text[i - 1]):
            cs, ce = _clause(text, i, i + 2)
            tokens = _tokens(ctx, cs, ce)
            k = _token_at(tokens, i - 1)
            if k is None or (tokens[k][1] - tokens[k][0] < 2 and text[i - 1] not in char_classes(ctx).function_words):
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
    common = common_chars(ctx)  # never the fragment (的 aside)
    # nor the wrong character, but for a function word written for a same-reading character of a
    # phrase (战都堡垒 -> 战斗堡垒: WD008 asks for the same reading and a whole word beside it)
    wrong = ctx.data.derived("spelling.wrong-chars", lambda: common - char_classes(ctx).function_words)
    dels: set[int] = set()
    subs: set[int] = set()
    # about a quarter of the pairs start or end a target: only those are looked at
    for i in [i for i, g in enumerate(gs) if g is not NO_PAIR]:
        f0, l1, f2, l3 = gs[i]
        # as the first pair of a window: s[i:i+3] missing a character after it or inside, or
        # s[i:i+4] with a wrong third or fourth character
        if f2 and i + 2 < n and s[i + 2] in f2 and s[i + 2] not in common:
            dels.add(i)
        if f0 and i + 3 < n and ((s[i + 2] in f0 and s[i + 3] not in wrong) or (s[i + 3] in f0 and s[i + 2] not in wrong)):
            subs.add(i)
        # as the last pair: s[i-1:i+2] missing a character before it or inside, s[i-2:i+2]
        # (a common character may be what is left of a phrase's start: 一|反三 of 举一反三; _verify
        # takes it only where the three characters hold no word)
        if l3 and i >= 1 and s[i - 1] in l3:
            dels.add(i - 1)
        if l1 and i >= 2 and ((s[i - 2] in l1 and s[i - 1] not in wrong) or (s[i - 1] in l1 and s[i - 2] not in wrong)):
            subs.add(i - 2)
    subs, dels = sorted(subs), sorted(dels)  # type: ignore[assignment]
    result = (subs, dels)
    ctx.cache["spelling-scan"] = result
    if len(data.scans) >= LINE_MEMO_SIZE:
        data.scans.clear()
    data.scans[s] = result
    return result


class NearReadingKind(LineScanKind):
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
            if not all(map(is_han, w)) or data.is_target(w):
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
        if w[p] not in gb2312(ctx).chars:
            return None  # a traditional character (統 for 统) or a rare one: not a typing slip
        # the written character must not belong to a word with its neighbours
        at = start + p
        # 的 written for the 地/得 of an idiom (因的制宜) is the 的/地/得 slip, not a word of its own
        de_slip = w[p] == "的" and t[p] in "地得"
        if not de_slip and (tok.word_freq(w[p]) >= COMMON_SINGLE or _forms_word(ctx, data, at)):
            # a function word (战都堡垒 -> 战斗): the same reading, and the other half of the phrase a
            # whole word (堡垒), where a function word standing alone would have nothing to attach to
            if not (rel == "同音" and w[p] in char_classes(ctx).function_words and not _forms_word(ctx, data, at)
                    and data.is_word(w[2:] if p < 2 else w[:2])):
                return None
        if data.is_real(w):
            return None
        # the phrase must not start or end inside a word of the text around it, unless the
        # character beyond it makes a word on its far side too (管党治党|政治: 党政 yields to 政治)
        def is_word(x: str) -> bool:
            return len(x) == 2 and all(map(is_han, x)) and bool(data.is_word(x) or tok.word_freq(x))

        for a, b, beyond in ((start - 1, start + 1, text[max(start - 2, 0):start]), (start + 3, start + 5, text[start + 4:start + 6])):
            pair = text[max(a, 0):b]
            if len(pair) == 2 and (data.is_word(pair) or tok.word_freq(pair)) and not is_word(beyond):
                return None
        return Hit(start, start + 4, variant="slip", vars={"right": t, "char": w[p], "intended": t[p], "relation": rel},
                   replacement=t, applicability="unsafe")


class MissingCharKind(LineScanKind):
    name = "missing-character"
    description = "词语中漏了一个字：两个词之间夹着一个不成词的字，补上一个字就成为常用短语（基层治能力→治理能力）"
    variants = {
        "missing": "漏了一个字时；可用 {fragment}（不成词的字）、{missing}（漏掉的字）、{word}（补字后的词）、{right}（补字后的短语）",
        "joint": "短语的两个词共用中间一个字、只写了一次时（工作风）；可用 {first}、{second}（共用一字的两个词）、{missing}（少写的字）、{right}（补字后的短语）",
    }
    params = {
        **LineScanKind.params,
        "verbs": Param(str, "公文中常单用、带宾语的动词（作重点发言、抓党建）：在词前时不当作残字", default=""),
        "bodies": Param(str, "机构名称的末字（局、委、办）：残字后紧跟它时，它是名称的末字（自然资局→自然资源局）", default=""),
        "min_word_freq": Param(int, "残字与邻字组成的两字词在完整词典中低于此词频（且不在分词词典、公文词表中）时不算成词（持续展的“续展”、中华族的“华族”）", default=1),
        "words": Param(str, "rules/data 中公文常用而词典未收或少收的词表文件名（调处、维保）：残字与邻字组成其中的词时不算残字", default="official_words"),
    }
    data_params = {"words": "official_words"}

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        for h in super().check(ctx):
            # a fragment at a line's start is a clause's start only when the line before ends a
            # sentence: a line that ends in a character was wrapped inside a word (党\n员干部)
            if h.start == 0 or text[h.start - 1] != "\n" or after_sentence(text, h.start - 1):
                yield h

    def _check_line(self, ctx, data: SpellingData) -> Iterable[Hit]:
        text = ctx.text
        done = -1
        for start in _scan(ctx, data)[1]:
            if start < done:
                continue
            w = text[start:start + 3]
            if not all(map(is_han, w)):
                continue
            cands = list(data.deletions(w, text[start - 1:start], text[start + 3:start + 4]))
            if not cands:
                continue
            hit = self._verify(ctx, w, cands, start, data)
            if hit and hit.vars["edge"]:
                # 基层治|能力: the fragment also opens the next window, where the character is
                # missing inside a phrase (治理能力), which is the better reading
                nxt = text[start + 2:start + 5]
                if len(nxt) == 3 and all(map(is_han, nxt)):
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
            # the phrase itself is there (有效途径 contains 效途径), or another phrase of the full
            # dictionary with the character beside it (各具特色 beside 独具特色)
            if text[max(0, start - 1):start + 3] == t or text[start:start + 4] == t:
                continue
            if (p == 0 and start and is_han(text[start - 1]) and data.freq(text[start - 1:start + 3])) or (
                    p == 3 and is_han(text[start + 3:start + 4]) and data.freq(text[start:start + 4])):
                continue
            frag = start if p <= 1 else start + 2  # the character left of the broken word
            ch = text[frag]
            other = w[1:3] if p <= 1 else w[0:2]
            # an affix makes a word with the word before it (护林|员), which a clause's first
            # character has not (员|干部 at a clause's start is what is left of 党员干部)
            opens = p == 0 and (frag == 0 or text[frag - 1] in "，。；！？：")
            # (nor has a pronoun, adverb or conjunction before it: 及时|处|负面信息 lost the 理 of
            # 及时处理, 我们|力发展 the 大 of 大力发展)
            # (nor a noun or verb that makes no word with it: 党员|部 of 党员干部 is no body, where 组织部
            # is; after a place word it coins a slogan: 网上办, 掌上办; a prefix makes a word with the
            # word after it: 网络|全覆盖)
            if ch in char_classes(ctx).affixes and not opens and not _modifier_before(ctx, frag) and (
                    p <= 1 or ch in char_classes(ctx).prefixes or tok.tags.get(text[frag - 2:frag], "")[:1] not in ("n", "v")
                    or data.is_word(text[frag - 2:frag + 1]) or tok.word_freq(text[frag - 2:frag + 1])):
                continue
            # a common character (一, 上) is a fragment only where the three characters hold no word
            # at all (坚持|一反三 of 举一反三): written alone it is mostly a word of its own; nor where
            # the missing one is a function word and one before them stands in for it (从上至下 for 由上至下)
            # (the same holds for a phrase that lost a character inside: 百之百 of 百分之百, 问于民 of
            # 问需于民, where neither pair of the three characters nor the pairs they make with their
            # neighbours is a word)
            if (tok.word_freq(ch) >= COMMON_SINGLE or ch in common_chars(ctx)) and (p == 3 or (p == 0 and t[0] in common_chars(ctx) and text[start - 1:start] in common_chars(ctx)) or any(
                    tok.word_freq(x) or data.is_word(x) for x in (w[0:2], w[1:3], text[start - 1:start + 1], "" if p == 0 else text[start + 2:start + 4]))):
                continue
            # the A-not-AB question (满不满意, 清不清楚): the first half of the word stands alone;
            # nor is the second half of a reduplication (扎扎实实|推进) a fragment
            if text[frag + 1:frag + 3] in ("不" + ch, "没" + ch) or ch in (text[frag - 1:frag], text[frag + 1:frag + 2]):
                continue
            # the rest of the phrase is a whole word (基层|治|能力), or the three characters hold no
            # word at all (舟共济, 持之恒, 微杜渐): what is left of an idiom, no word of its own
            if data.is_real(w) or not (tok.word_freq(other) or data.is_word(other) or not any(
                    tok.word_freq(x) or data.is_word(x) for x in (w[0:2], w[1:3]))):
                continue
            # a one-character verb of official prose is no fragment before a verb or adjective (抓落实,
            # 促提升) or its object (作|重点发言); any other character the tagger calls a verb may be
            # one (安|生产 of 安全生产, 转|升级 of 转型升级, 养|服务 of 养老服务)
            if p <= 1 and ch in self.p["verbs"]:
                continue
            # the two words of a phrase that share a character at their joint (工作|作风 of 工作作风)
            # written with it once: the three characters are both words, but neither extends
            # outwards (工作风险, 工作风貌 are other words)
            joint = p in (1, 2) and t[1] == t[2] and _joint_slip(ctx, data, start)
            # (a rare two-character word of the full dictionary it makes with a neighbour is a
            # coincidence: 持续|展 of 持续开展 makes 续展, 中华|族 of 中华民族 makes 华族)
            if not joint and _forms_word(ctx, data, frag, self.p["min_word_freq"], official_words(ctx, self.p["words"])):
                continue
            # the character on the far side must end or start a whole word of the text (探索|效,
            # 基层|治) or be a common single character (是|客); a lone character there may form a
            # word with the fragment that no dictionary holds (靠|实, 疾|控)
            out = frag - 1 if p <= 1 else frag + 1
            if not gb2312(ctx).chars.issuperset(text[max(0, start - 2):start + 5]):
                continue
            # or the fragment opens or closes a clause (“，微杜渐”, “立行立。”)
            # (not a line's edge: a word may be wrapped there, nor a bracket: 党（工）委)
            # (or a quotation or title opens right after a phrase that lost its last character: the
            # verb's object, 组织开|“春风行动” of 组织开展)
            edge = (0 <= out < len(text) and (text[out] in "，。；！？、：" or (p == 3 and text[out] in "“《"))) or (opens and frag == 0)
            if not edge and not (0 <= out < len(text) and is_han(text[out])):
                continue
            if not edge and text[out] not in char_classes(ctx).function_words:
                if tokens is None:
                    cs, ce = _clause(text, start, start + 3)
                    tokens = _tokens(ctx, cs, ce)
                ko = _token_at(tokens, out)
                # (a body's last character after the broken word is the end of its name: 自然资|局
                # of 自然资源局)
                if (ko is None or tokens[ko][1] - tokens[ko][0] < 2) and not (p >= 2 and text[out] in self.p["bodies"]):
                    continue
                if ko is not None and tokens[ko][0] <= frag < tokens[ko][1]:
                    continue
            # a whole item of a list of short phrases (强基础、补短板、促融合) is a slogan of its own
            # (also after a verb or adverb: 通过补短板、强弱项, where the next item is as short)
            # (the last item before a full stop only where the item before it is as short: 知敬畏、
            # 守底线。 is a list of three-character items, 恪尽职守、担作为。 lost the 当 of 担当)
            around = text[start - 1:start], text[start + 3:start + 4]
            if "、" in around and around[0] in "、“‘，（" and around[1] in "、”’，）。；" and (
                    around[1] not in "。；" or (all(map(is_han, text[start - 4:start - 1])) and not is_han(text[start - 5:start - 4]))):
                continue
            if around[1] == "、" and p <= 1 and all(map(is_han, text[start + 4:start + 7])) and text[start + 7:start + 8] in "、，。；":
                continue
            missing = t[p]
            word = t[:2] if p <= 1 else t[2:]
            if joint:  # no character stands alone: two words share the one written once
                return Hit(start, start + 3, variant="joint",
                           vars={"right": t, "edge": False, "first": w[:2], "second": w[1:], "missing": missing},
                           replacement=t, applicability="unsafe")
            return Hit(start, start + 3, variant="missing",
                       vars={"right": t, "edge": p in (0, 3), "fragment": ch, "missing": missing, "word": word},
                       replacement=t, applicability="unsafe")
        return None


def _modifier_before(ctx, i: int) -> bool:
    """Whether the two characters before ``i`` are a pronoun, an adverb or a conjunction (我们, 及时,
    切实): no affix makes a word with them (护林|员 has a noun before it)."""
    tag = ctx.tokenizer.tags.get(ctx.text[i - 2:i], "") if i >= 2 else ""
    return tag[:1] in ("r", "d", "c") or tag in ("ad", "vd")


def _joint_slip(ctx, data: SpellingData, start: int) -> bool:
    """Whether the three characters at ``start`` are two words sharing their middle character (工作风:
    工作, 作风) and neither word runs on past them: the first character makes no word with the one
    before, the last none with the one after (工作风险, 工作风貌 are words of their own)."""
    text = ctx.text
    tok = ctx.tokenizer

    def word(x: str) -> bool:
        return len(x) == 2 and all(map(is_han, x)) and bool(data.is_word(x) or tok.word_freq(x))

    return word(text[start:start + 2]) and word(text[start + 1:start + 3]) and not (
        word(text[start - 1:start + 1] if start else "") or word(text[start + 2:start + 4]))


def _forms_word(ctx, data: SpellingData, i: int, min_freq: int = 0, known: frozenset[str] = frozenset()) -> bool:
    """Whether the character at ``i`` is part of a two- or three-character word around it (with
    ``min_freq``, a two-character word counts in the tokenizer's dictionary, among the ``known``
    words of official prose, or at least that frequent in the full dictionary)."""
    text = ctx.text
    tok = ctx.tokenizer
    for a, b in ((i - 1, i + 1), (i, i + 2), (i - 2, i + 1), (i - 1, i + 2), (i, i + 3)):
        if a < 0 or b > len(text):
            continue
        w = text[a:b]
        if all("\u4e00" <= c <= "\u9fff" for c in w) and (tok.word_freq(w) or w in known or (
                data.freq(w) >= min_freq if min_freq and b - a == 2 else data.is_word(w))):
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
        "words": Param(str, "rules/data 中公文常用而完整词典没有的词表文件名（处警、欠薪）：与它们组成这样的词的字不报", default=""),
        "result_chars": Param(str, "动词后表示结果的字（办实、抓细）：写出的两个字是动词加这样的字、或名词、动词、副词加形容词（路险）时不报", default=""),
        "given_chars": Param(str, "常用作名字的字：写出的两个字是“常见姓氏＋这样的字”时不报", default=""),
        "person_titles": Param(list, "跟在人名后的称呼和职务（同志、书记）：这个字是常见姓氏、后面四个字以内有其中一个时不报（支队长郑国平同志）", default=[]),
    }

    def check(self, ctx: Context) -> Iterable[Hit]:
        for h in self._hits(ctx):
            if recurs(ctx.text, h):
                continue  # written twice or more: a term of its own
            yield h

    def _guarded(self, ctx, s: int, hit: Hit) -> bool:
        """Whether a finding at the lone character ``s`` is let go: beside a word of official prose,
        in a quoted slogan or a listed item of three or four characters, a subject or verb and its predicate (路险), or a person's name
        (a surname and a given name's character, or a surname with a title close after it)."""
        text = ctx.text
        if self.p["words"]:
            domain = official_words(ctx, self.p["words"])
            if text[max(0, s - 1):s + 1] in domain or text[s:s + 2] in domain:
                return True
        # a quoted slogan or an item of a list, of three or four characters (“以抄代学”, 、锻长板、)
        a = s
        while a > 0 and is_han(text[a - 1]):
            a -= 1
        b = s + 1
        while b < len(text) and is_han(text[b]):
            b += 1
        if 3 <= b - a <= 4 and (text[a - 1:a] in ("“", "‘", "「", "、") or text[b:b + 1] in ("”", "’", "」", "、")):
            return True
        written = text[hit.start:hit.end]
        if len(written) == 2 and _predicate_pair(ctx, written, self.p["result_chars"]):
            return True
        surnames = char_classes(ctx).surnames
        given = self.p["given_chars"]
        if given and len(written) == 2 and written[0] in surnames and written[1] in given:
            return True
        titles = tuple(self.p["person_titles"])
        return bool(titles) and text[s] in surnames and any(text.startswith(titles, e) for e in range(s + 1, min(s + 5, len(text))))

    def _hits(self, ctx: Context) -> Iterable[Hit]:
        data = spelling_data(ctx, self.p["data"])
        tok = ctx.tokenizer
        text = ctx.text
        tokens = _document_tokens(ctx)
        not_slips = char_classes(ctx).not_slips
        for k, (s, e, w) in enumerate(tokens):
            if e - s != 1 or w in not_slips or w not in gb2312(ctx).level1:
                continue  # an input method offers the common characters first (徵, 暨 are no slips)
            if tok.word_freq(w) >= _SINGLE_MAX or not gb2312(ctx).chars.issuperset(text[max(0, s - 3):s + 4]):
                continue  # a common word of its own, or traditional characters around (後勤)
            if _forms_word(ctx, data, s) or any(data.is_target(text[a:a + 4]) for a in range(max(0, s - 3), s + 1)):
                continue
            # a frame with the character twice (接访下访, 酒驾醉驾, 聊东聊西), or the one before it twice
            # (共议共融, 更细更实), is a construction of its own
            if (w in text[s + 2:s + 4] or w in text[max(0, s - 3):max(0, s - 1)]
                    or (s >= 1 and text[s - 1] in text[s + 1:s + 2] + text[max(0, s - 3):s - 2])):
                continue
            hit = self._best(ctx, data, tokens, k)
            if hit and not self._guarded(ctx, s, hit):
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
                if c2 == c or c2 not in gb2312(ctx).level1:
                    continue
                # the corrected word is the new character with a whole neighbouring word: a lone
                # character left over from the same broken word (纫|真, 裙|众), or a word of two or
                # more characters that the new one extends (规范|猾 -> 规范化)
                for word, start, end, other in (
                    (prev[2] + c2, prev[0], s + 1, prev[2]) if prev else (None, 0, 0, ""),
                    (c2 + nxt[2], s, nxt[1], nxt[2]) if nxt else (None, 0, 0, ""),
                ):
                    if not word or len(word) > 4 or not all(map(is_han, word)):
                        continue
                    if len(other) == 1 and other in char_classes(ctx).not_slips:
                        continue
                    f = tok.word_freq(word)
                    # a name or a place (东京 for a run of place initials, 东景) is no word a report means
                    if f >= self.p["min_freq"] and (best is None or f > best[0]) and not tok.tags.get(word, "").startswith(("nr", "ns")):
                        best = (f, word, start, end, c2)
        if best is None:
            return None
        f, word, start, end, c2 = best
        return Hit(start, end, variant="homophone", vars={"right": word, "char": c, "intended": c2},
                   replacement=word, applicability="unsafe")


# --------------------------------------------------------------------------- wrong character by its context


def _between_words(ctx, data: SpellingData, i: int, word_on_left: bool, domain: frozenset = frozenset()) -> bool:
    """Whether the character on the far side of ``i`` from the corrected word belongs to a word of
    its own (two or three characters, without ``i``): the suspect character then sits between two
    words, where a replaced character of a two-character word leaves its gap (烩|报工作 -> 汇报|工作);
    a character that is bound to it in a term no dictionary holds (民宿, 处警) has no such word. The
    words of ``domain`` (official prose the dictionary lacks: 欠薪, 台账) count as words."""
    text = ctx.text
    x = i + 1 if word_on_left else i - 1
    if x < 0 or x >= len(text) or not is_han(text[x]):
        return False
    spans = ((x, x + 2), (x, x + 3)) if word_on_left else ((x - 1, x + 1), (x - 2, x + 1))
    n = len(text)
    return any(0 <= a and b <= n and all(map(is_han, text[a:b])) and (is_word_here(ctx, data, text[a:b]) or text[a:b] in domain)
               for a, b in spans)


def _beside_boundary(ctx, data: SpellingData, i: int, word_on_left: bool) -> bool:
    """Whether the far side of ``i`` from the corrected word is a clause's edge (punctuation, the
    line's start or end) or a function word standing alone (的, 对, 并): as between two words, nothing
    there can take the suspect character into a term of its own (，眩讲能力 -> 宣讲, 的唬声 -> 呼声)."""
    text = ctx.text
    x = i + 1 if word_on_left else i - 1
    if x < 0 or x >= len(text) or text[x] in _CLAUSE_END:
        return True
    if text[x] not in char_classes(ctx).function_words:
        return False
    beyond = text[x:x + 2] if word_on_left else text[x - 1:x + 1]
    return len(beyond) < 2 or not all(map(is_han, beyond)) or not is_word_here(ctx, data, beyond)


def _predicate_pair(ctx, written: str, results: str = "") -> bool:
    """Whether two written characters are a noun, verb or adverb and an adjective after it (路|险,
    织|密, 不|紧), or a verb and one of the result characters ``results`` (办|实: 实 is tagged a
    noun): a subject and its predicate (山高路险), a verb and its result (织密, 建强, 办实) or a
    negated adjective (结合不紧), phrases the dictionary lacks but prose writes on purpose."""
    if len(written) != 2:
        return False
    tags = ctx.tokenizer.tags
    first = tags.get(written[0], "")[:1]
    if written[1] in results and first == "v":
        return True
    return tags.get(written[1], "").startswith("a") and first in ("n", "v", "d")


def _in_slogan(text: str, i: int, items: bool = False) -> bool:
    """Whether the character at ``i`` is in a run of exactly four Chinese characters between
    punctuation or quotes (“以抄代学”, 、知责担当、): a slogan's coinage, no slip to judge by its edge
    (a run of two or three is an item of a list: 、调解、, 同部署、). With ``items``, also a run of
    three beside a list's comma (锻长板、补短板): the lists of duty reports coin such items."""
    a = i
    while a > 0 and is_han(text[a - 1]):
        a -= 1
    b = i + 1
    while b < len(text) and is_han(text[b]):
        b += 1
    if b - a == 4:
        return True
    return items and b - a == 3 and (text[a - 1:a] == "、" or text[b:b + 1] == "、")


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


def _word_forming(ctx, data: SpellingData, name: str) -> tuple[str, str]:
    """How readily each character forms words: the characters of the full dictionary's
    two-character words, and for each (same order) the total frequency of the words it is part of,
    as a frequency code (``FREQ_VALUES[ord(code) - 0x40]``, to within a factor of 1.4 below).
    Worked out on first need (one pass over the words) and kept in the disk cache as two flat
    strings (they load in well under a millisecond): only a suspect that falls short of the full
    gain asks for it."""

    def build() -> tuple[str, str]:
        cache = diskcache.entry("spelling-forming", [ctx.data.path(name)], extra=f"{DATA_FORMAT}/{_SLIP_FORMAT}/codes")
        raw = diskcache.load(cache)
        if raw is None:
            words, codes = data.dictionary_words(2)
            totals: dict[str, int] = {}
            for k in range(len(words) // 2):
                f = FREQ_VALUES[ord(codes[k]) - 0x40]
                a, b = words[2 * k], words[2 * k + 1]
                totals[a] = totals.get(a, 0) + f
                if b != a:
                    totals[b] = totals.get(b, 0) + f
            chars = "".join(totals)
            raw = (chars, "".join(chr(0x40 + min(63, int(2 * math.log2(totals[ch])))) for ch in chars))
            diskcache.save(cache, raw)
        return raw

    return ctx.data.derived(("spelling.forming", name), build)


def _forms_few_words(ctx, data: SpellingData, name: str, c: str, below: int) -> bool:
    """Whether the two-character words ``c`` is part of add up to a frequency under ``below``."""
    chars, codes = _word_forming(ctx, data, name)
    k = chars.find(c)
    return k < 0 or FREQ_VALUES[ord(codes[k]) - 0x40] < below


def _in_rare_word(ctx, name: str, i: int, data: SpellingData | None = None, claimed: int = 0) -> bool:
    """Whether the character at ``i`` makes a rare word of the full dictionary with a neighbour
    (行尾, 概数, 订位: real words, too rare to count as words otherwise).

    With ``claimed``, a rare word whose other character makes a word of at least that frequency
    with its own other neighbour does not count: that character belongs to the frequent word
    (开展|线场 -> 展线, 优化|钠税 -> 化钠, 时渐|得到 -> 渐得 are no readings)."""
    words = _rare_words(ctx, name)
    text = ctx.text
    n = len(text)
    for a in (i - 1, i):
        if a < 0 or a + 2 > n or find_sorted(words, text[a:a + 2], 0, len(words) // 2) < 0:
            continue
        if claimed and data is not None:
            far = text[a - 1:a + 1] if a < i else text[a + 1:a + 3]
            if len(far) == 2 and all(map(is_han, far)) and data.freq(far) >= claimed:
                continue
        return True
    return False


_SLIP_FORMAT = "3"  # the cached index's version: change it with _build_slip_index


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
        self.groups, self.keys, self.values, self.offsets, *blocks = raw
        #: for the keys starting "<" and those starting ">": their second characters (sorted) and
        #: where each one's keys start (4 bytes each, one more for the end), so that a lookup is a
        #: bisection in C and one find in a block of a few keys (see ``_lookup``)
        self._blocks = ((blocks[0], blocks[1]), (blocks[2], blocks[3]))
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
        if key[0] not in "<>":
            return ""
        lo, hi = _first_char_span(self._blocks[key[0] == ">"], key[1])
        # "<" and ">" stand only at the start of a key (the rest are Han characters or "\0"), so
        # a find in the block lands on a key's start
        j = self.keys.find(key, 3 * lo, 3 * hi)
        if j < 0:
            return ""
        mid = j // 3
        off = self.offsets
        return self.values[int.from_bytes(off[mid * 4:mid * 4 + 4], "little"):int.from_bytes(off[mid * 4 + 4:mid * 4 + 8], "little")]


def _second_char_ranges(keys: str, lo: int, hi: int) -> tuple[str, bytes]:
    """For the sorted keys of three characters ``lo`` to ``hi`` (the same first character): their
    second characters and where each one's keys start, as ``lexicon._first_char_ranges``."""
    firsts: list[str] = []
    starts: list[int] = []
    for k in range(lo, hi):
        c = keys[3 * k + 1]
        if not firsts or firsts[-1] != c:
            firsts.append(c)
            starts.append(k)
    starts.append(hi)
    return "".join(firsts), b"".join(i.to_bytes(4, "little") for i in starts)


def _build_slip_index(data: SpellingData, min_freq: int):
    groups = []
    for g in data.primary_groups:
        common = "".join(c for c in g.split(":", 1)[1] if common_char(c))
        if common:
            groups.append(common)
    found: dict[str, list[tuple[str, str]]] = {}
    for n, lo in ((2, min_freq), (3, min_freq * 3 // 10)):
        words, codes = data.dictionary_words(n)
        for i in range(len(words) // n):
            code = codes[i]
            if FREQ_VALUES[ord(code) - 0x40] < lo:
                continue
            w = words[i * n:i * n + n]
            if w[0] == w[-1] or not all(map(is_han, w)):
                continue
            if common_char(w[-1]):
                found.setdefault("<" + w[:-1], []).append((w[-1], code))
            if common_char(w[0]):
                found.setdefault(">" + w[1:], []).append((w[0], code))
    keys = sorted(found)
    values = ["".join(o for o, _ in found[k]) + "".join(code for _, code in found[k]) for k in keys]
    offsets = [0]
    for v in values:
        offsets.append(offsets[-1] + len(v))
    joined = "".join(k.ljust(3, "\0") for k in keys)
    split = sum(1 for k in keys if k[0] == "<")  # "<" sorts before ">"
    return ("|" + "|".join(groups) + "|", joined, "".join(values), b"".join(o.to_bytes(4, "little") for o in offsets),
            *_second_char_ranges(joined, 0, split), *_second_char_ranges(joined, split, len(keys)))


def _unpack_slip_index(raw) -> _SlipIndex:
    groups, keys, values, offsets, lt, lt_starts, gt, gt_starts = raw
    u = "utf-16-le"
    if not all(isinstance(x, bytes) for x in raw):
        raise TypeError("not a stored slip index")
    return _SlipIndex((groups.decode(u), keys.decode(u), values.decode(u), offsets, lt.decode(u), lt_starts, gt.decode(u), gt_starts))


def _slip_index(ctx, data: SpellingData, name: str, min_freq: int) -> _SlipIndex:
    """WD012's index of this rule set's spelling data (see ``_SlipIndex``)."""

    def build() -> _SlipIndex:
        cache = diskcache.entry("spelling-slips", [ctx.data.path(name)], extra=f"{DATA_FORMAT}/{_SLIP_FORMAT}/{min_freq}")
        raw = diskcache.load(cache)
        if raw is not None:
            try:
                return _unpack_slip_index(raw)
            except (TypeError, ValueError, AttributeError):
                pass  # not in the shape stored below (a damaged entry): built again
        groups, keys, values, offsets, lt, lt_starts, gt, gt_starts = _build_slip_index(data, min_freq)
        # stored as UTF-16: decoding it is faster than marshal's UTF-8 (the index is ~350k characters)
        raw = tuple(x.encode("utf-16-le") for x in (groups, keys, values)) + (offsets, lt.encode("utf-16-le"), lt_starts,
                                                                             gt.encode("utf-16-le"), gt_starts)
        diskcache.save(cache, raw)
        return _unpack_slip_index(raw)

    return ctx.data.derived(("spelling.wd012-index", name, min_freq), build)


def _rare_twins(ctx, data: SpellingData, name: str, index: "_SlipIndex", rare_max: int, twin_min: int) -> dict:
    """The full dictionary's rare two-character words (``rare_max`` or less, here and in the
    tokenizer's dictionary) one same-reading character away from a frequent one (``twin_min`` or
    more): rare word -> ((position of the changed character, the frequent word's character there,
    the frequent word), ...) (开战 -> 开展, 重典 -> 重点). Worked out once from the frequent words (a few
    thousand) and kept in the disk cache: WD012 then looks each word up once."""

    def build() -> dict:
        cache = diskcache.entry("spelling-twins", [ctx.data.path(name)], extra=f"{DATA_FORMAT}/{_SLIP_FORMAT}/{rare_max}/{twin_min}")
        raw = diskcache.load(cache)
        if isinstance(raw, dict):
            return raw
        words, codes = data.dictionary_words(2)
        tok_freq = ctx.tokenizer.word_freq
        out: dict[str, list] = {}
        for k in range(len(words) // 2):
            if FREQ_VALUES[ord(codes[k]) - 0x40] < twin_min:
                continue
            w = words[2 * k:2 * k + 2]
            if not (is_han(w[0]) and is_han(w[1])):
                continue
            for p in (0, 1):
                for o in index.homophones(w[p]):
                    v = w[:p] + o + w[p + 1:]
                    f = data.freq(v)
                    if f and f <= rare_max and tok_freq(v) <= rare_max:
                        out.setdefault(v, []).append((p, w[p], w))
        raw = {v: tuple(x) for v, x in out.items()}
        diskcache.save(cache, raw)
        return raw

    return ctx.data.derived(("spelling.wd012-twins", name, rare_max, twin_min), build)


def _followers(ctx, data: SpellingData) -> dict[str, str]:
    """For each character seen: the second characters of the full dictionary's two-character words
    that start with it (a slice of the sorted words), filled as characters come; per data store."""
    return ctx.data.derived(("spelling.wd012-followers", id(data)), dict)


def _paired(ctx, data: SpellingData) -> dict[str, bool]:
    """Two characters -> whether they are a word (full dictionary or the tokenizer's), filled as
    pairs come; per data store."""
    return ctx.data.derived(("spelling.wd012-paired", id(data)), dict)


class ContextSlipKind(LineScanKind):
    name = "near-reading-context"
    description = "词语中一个字写成了同音字（韧真→认真、裙众→群众）：这个字与前后都不成词，换成同音字后这一段按词典词频明显更通顺"
    variants = {
        "homophone": "只有一种改法时；可用 {char}（写错的字）、{intended}（应写的字）、{right}（改正后的词）",
        "real_word": "写出的是罕用词、同音字在同一位置组成常用词时；可用 {char}、{intended}、{right}",
        "options": "几种改法难分高下时；可用 {char}（写错的字）、{right}（几种改法，以 ”或“ 相连，放在一对引号中）",
    }
    fixes = True
    data_params = {"words": "official_words"}
    params = {
        "data": Param(str, "rules/data 中的拼写数据文件名", default="spelling"),
        "min_gain": Param(int, "改字后这一段最可能分词的对数概率至少提高多少（自然对数）", default=9),
        "min_freq": Param(int, "改正后的两字词在完整词典中的最低词频（三字词取其三成）", default=30),
        "min_gain_between_words": Param((int, float), "改动处另一侧的字属于它自己的词语（错字夹在两个词之间）时，对数概率至少提高多少", default=9),
        "min_gain_three_characters": Param((int, float), "错字夹在两个词之间、且改正后是三字词（规范话→规范化、弄产品→农产品）时，对数概率至少提高多少",
                                           default=9),
        "min_gain_beside_boundary": Param((int, float), "改动处另一侧是标点、行首行尾或单用的虚词（的、对、并）、且这个字不在四字以内的短句（口号）中时，对数概率至少提高多少",
                                          default=9),
        "min_gain_function_word": Param((int, float), "构词少的字夹在两个完整的词之间、换成同音虚词（我们姜聚焦→将）时，对数概率至少提高多少", default=9),
        "weak_former_freq": Param(int, "构词少的字：完整词典中含这个字的两字词词频之和低于此数（烩、钙、肪）", default=0),
        "weak_former_relief": Param((int, float), "写出的字构词少时，夹在两个词之间、紧邻标点或虚词这两条的对数概率门槛各降低多少", default=0),
        "min_gain_known_word": Param((int, float), "错字夹在两个词之间、且改正后的词在同一份报告的别处写对了时，对数概率至少提高多少", default=5),
        "window": Param(int, "评分时改动处两侧各取几个汉字", default=4),
        "measure_words": Param(str, "量词（个、项、名、次）：与前后都不成词的字紧跟在数字或 measure_after 的字后、换成同音的量词时，门槛改用 min_gain_measure",
                               default=""),
        "numeral_units": Param(str, "只跟在数字或 approximations 的字后的单位（元）：与前后都不成词的字紧跟在这样的字后、换成同音的这个单位时，同 measure_words",
                               default=""),
        "approximations": Param(str, "数字后表示概数的字（余、多）：measure_after 中可以跟 numeral_units 的字", default=""),
        "measure_after": Param(str, "数字以外、后面跟量词的字（各、每）", default=""),
        "place_units": Param(str, "数位（十、百、千、万）：与前后都不成词的字紧跟在数字后、换成同音的数位、后面数还没完"
                             "（数字、量词或 number_after 的字）时，门槛改用 min_gain_measure", default=""),
        "number_after": Param(str, "数后面常跟的字（以、余、多）", default=""),
        "min_gain_measure": Param((int, float), "数字或“各、每”后换成量词、后面是词或标点时，对数概率至少提高多少", default=9),
        "twin_min_freq": Param(int, "写出的字只与一侧的字组成罕用词（开战、重典）时：同音字与同一个邻字组成的词在完整词典中的最低词频（开展、重点）；0 不查这种错字",
                               default=0),
        "twin_rare_freq": Param(int, "写出的字与邻字组成的词，词频不超过此数才算罕用词", default=64),
        "min_gain_real_word": Param((int, float), "写出的是罕用词、改正后是同一位置的常用词时，对数概率至少提高多少", default=9),
        "rare_word_claimed": Param(int, "写出的字与邻字组成完整词典中的罕用词、而那个邻字与它另一侧的字组成词频至少此数的词（开展|线场 中的“展线”、"
                                   "优化|钠税 中的“化钠”）时，这个罕用词不算；0 不用", default=0),
        "function_partners": Param(str, "代词和否定词（我、他、不、以）：与前后都不成词的字换成同音字后与其中一个组成词（我门→我们、不购→不够、嫁以→加以）时，"
                                   "门槛改用 min_gain_function_partner", default=""),
        "min_gain_function_partner": Param((int, float), "改正后的两字词由错字和单用的代词、否定词组成、错字另一侧是词或标点时，对数概率至少提高多少", default=9),
        "after_verb": Param(str, "动词后的虚词（了）：与前后都不成词的字紧跟在一个动词后、换成它时，门槛改用 min_gain_function_slot", default=""),
        "after_pronoun": Param(str, "代词后的助动词（将）：与前后都不成词的字紧跟在一个代词后、换成它时，门槛改用 min_gain_function_slot", default=""),
        "after_noun": Param(str, "名词后的方位词（上、中）：与前后都不成词的字紧跟在一个名词后、换成它时，门槛改用 min_gain_function_slot", default=""),
        "prefixes": Param(str, "单用的前缀（非、同、超）：改动处另一侧是这样的字、在改正后的词前面时，算作紧邻标点（门槛 min_gain_beside_boundary）", default=""),
        "suffixes": Param(str, "单用的后缀（件、性、化）：改动处另一侧是这样的字、在改正后的词后面时，同 prefixes", default=""),
        "verb_particles": Param(str, "动态助词（了、着）：改正后的两字词是动词、后面紧跟单用的这样的字时，门槛改用 min_gain_verb_particle", default=""),
        "min_gain_verb_particle": Param((int, float), "改正后是动词、后面是单用的“了、着”时，对数概率至少提高多少", default=9),
        "between_alike": Param(str, "连词（和、与、及）：与前后都不成词的字夹在两个词性相同或末字相同的词之间（系统性河预见性）、换成它时，"
                               "门槛改用 min_gain_function_slot", default=""),
        "min_gain_function_slot": Param((int, float), "虚词合乎前一个词的词性（动词后的“了”、名词后的“上、中”）、两侧是词或标点时，对数概率至少提高多少", default=9),
        "frequent_word": Param(int, "很常用的词（分词词典词频至少此数：落实、供应）：错字夹在两个词之间、改正后是这样的词时，门槛改用 min_gain_frequent_word；0 不用",
                               default=0),
        "min_gain_frequent_word": Param((int, float), "改正后是很常用的词、错字夹在两个词之间时，对数概率至少提高多少", default=9),
        "number_measures": Param(str, "量词和时间单位（个、年）：错字换成数字后与后面的数字或这些字组成数（点尸个→十个、每板年→半年）时，"
                                 "门槛改用 min_gain_number", default=""),
        "min_gain_number": Param((int, float), "改正后是两个字的数（数字加数字或量词）时，对数概率至少提高多少", default=9),
        "result_chars": Param(str, "动词后表示结果的字（办实、抓细、扎牢）：动词加这样的字、或名词、动词、副词加形容词（路险、织密、不紧）的两个字"
                              "是有意的写法，紧邻标点时不当作错字", default=""),
        "given_chars": Param(str, "常用作名字的字（伟、芳、明、娟）：两个字的发现，写出的是“常见姓氏＋这样的字”（郑明、周伟）"
                             "或姓氏后两个这样的字（莫明燕）时，当作人名，不报", default=""),
        "words": Param(str, "rules/data 中公文常用而完整词典没有或词频过低的词表文件名（问责、短板、考勤、欠薪）：它们的字不算孤立的字，"
                       "同音字换成它们时也当作改法，评分时按 domain_freq 计", default="official_words"),
        "domain_words": Param(list, "在 words 词表之外再补充的这类词", default=[]),
        "domain_freq": Param(int, "domain_words 评分时的词频", default=300),
        "function_chars": Param(str, "单独成词的常用虚词、代词（了、将、对、和）：与前后都不成词的字和其中一个同音时，也试着换成它（完成肋任务→完成了任务）",
                                default=""),
        "close": Param((int, float), "得分比最好的改法低多少以内的改法一并列出（自然对数）", default=4.0),
        "person_titles": Param(list, "跟在人名后的称呼和职务（同志、书记、主任）：常见姓氏（spelling_chars 的 surnames）开头、"
                               "两三个字长、后面紧跟其中一个的，是人名，不当作错字（周伟同志、杜娟主任）", default=[]),
    }

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        titles = tuple(self.p["person_titles"])
        surnames = char_classes(ctx).surnames if titles else ""
        for h in super().check(ctx):
            if recurs(text, h):
                continue
            # a person's name: a common surname, one or two more characters, then 同志 or a title
            if titles and any(text.startswith(titles, e) and text[e - k] in surnames and e - k <= h.start and h.end <= e
                              for e in range(h.end, min(h.end + 2, len(text)) + 1) for k in (2, 3) if e - k >= 0):
                continue
            if self._name_like(ctx, h):
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
        chars = char_classes(ctx)
        not_slips, bodies = chars.not_slips, chars.bodies
        known = ctx.data.derived(("spelling.wd012-words", id(data)), dict)
        if len(known) > 200000:
            known.clear()

        domain = self._domain(ctx)

        def is_word(w: str) -> bool:
            k = known.get(w)
            if k is None:
                k = known[w] = is_word_here(ctx, data, w) or w in domain
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
        if domain:  # a character of a word of official prose that the dictionary lacks (问责, 短板) is no lone one
            lone = [i for i in lone if text[max(0, i - 1):i + 1] not in domain and text[i:i + 2] not in domain]
        for i in lone:
            c = text[i]
            e = eligible.get(c)
            if e is None:
                e = eligible[c] = is_han(c) and c not in not_slips and c in gb2312(ctx).level1
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
            # a frame with the character twice (聊东聊西, 师德师风, 有序有效; 把实事办实), or with the
            # character before it twice (更细更实), is a construction of its own
            if c in text[i + 2:i + 4] or c in text[max(0, i - 3):max(0, i - 1)] or (i >= 3 and text[i - 1] == text[i - 3]):
                continue
            # a character before the name of a body (纪|工委, 团|县委) abbreviates that body's name,
            # unless a same-reading character makes a word with the one before it (国祁|党委 -> 国企;
            # not a function word: 以纪|工委 is no 以及)
            if text[i + 2:i + 3] in bodies and is_word(text[i + 1:i + 3]):
                found = [x for x in found if x[2] < 0 and text[i - 1] not in chars.function_words]
                if not found:
                    continue
            hit = self._best(ctx, data, i, found)
            if hit:
                yield hit
        if self.p["twin_min_freq"]:
            yield from self._real_word_slips(ctx, data, index, pairs, is_word, domain)

    def _real_word_slips(self, ctx, data: SpellingData, index: "_SlipIndex", pairs: list, is_word, domain) -> Iterable[Hit]:
        """A slip that makes a real but rare word (开战 for 开展, 重典 for 重点): the character makes a
        word with one neighbour only, a word the full dictionary holds ``twin_rare_freq`` times or
        less, while a same-reading character makes a word of at least ``twin_min_freq`` with the same
        neighbour (its twin); the character's other side is a whole word or a clause's edge, and the
        change gains at least ``min_gain_real_word``."""
        text = ctx.text
        n = len(text)
        rare = _rare_twins(ctx, data, self.p["data"], index, self.p["twin_rare_freq"], self.p["twin_min_freq"])
        level1 = gb2312(ctx).level1
        not_slips = char_classes(ctx).not_slips
        for i in [i for i, (left, right) in enumerate(zip([False] + pairs, pairs)) if left != right]:
            on_left = i > 0 and pairs[i - 1]
            w = text[i - 1:i + 1] if on_left else text[i:i + 2]
            found = rare.get(w)
            if found is None or w in domain or text[i] not in level1 or text[i] in not_slips:
                continue
            # the twins that change this character (not the neighbour)
            at = 1 if on_left else 0
            twins = [(o, twin, -1 if on_left else 0) for p, o, twin in found if p == at]
            if not twins:
                continue
            c = text[i]
            # not inside a word of three or four characters, nor a frame with the character twice
            if any(is_word(text[a:a + 3]) for a in (i - 2, i - 1, i) if a >= 0 and a + 3 <= n):
                continue
            if any(data.freq(text[a:a + 4]) for a in range(max(0, i - 3), i + 1) if a + 4 <= n):
                continue
            if c in text[i + 2:i + 4] or c in text[max(0, i - 3):max(0, i - 1)] or (i >= 3 and text[i - 1] == text[i - 3]):
                continue
            # the far side: a whole word of its own or a clause's edge
            if not (_between_words(ctx, data, i, on_left, domain) or _beside_boundary(ctx, data, i, on_left)):
                continue
            scored = self._scored(ctx, data, i, twins)
            if not scored or scored[0][0] < self.p["min_gain_real_word"]:
                continue
            gain, o, word, start = scored[0]
            yield Hit(start, start + 2, variant="real_word", vars={"right": word, "char": c, "intended": o},
                      replacement=word, applicability="unsafe")

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
            if len(other) != size or not all(map(is_han, other)):
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
                f = FREQ_VALUES[ord(entry[m + j]) - 0x40]
                b = best.get(o)
                if b is None or f > b[0]:
                    best[o] = (f, before + o + after, offset)
        return [(o, word, offset) for o, (_f, word, offset) in best.items()]

    def _found(self, ctx, index: "_SlipIndex", i: int):
        """``_candidates`` for the character at ``i``, remembered by the two characters each side;
        and the listed function characters of the same reading (了 for 肋, 将 for 姜), standing alone."""
        text = ctx.text
        function_chars = self.p["function_chars"]
        memo = ctx.data.derived(("spelling.wd012-candidates", id(index), function_chars), dict)
        left2, right2 = text[max(0, i - 2):i], text[i + 1:i + 3]
        key = (left2, text[i], right2)
        found = memo.get(key)
        if found is None:
            if len(memo) > 100000:
                memo.clear()
            found = self._candidates(index, text[i], left2, left2[-1:], right2[:1], right2)
            ends = self._domain_ends(ctx)
            if ends:
                # words of official prose the dictionary lacks or holds too rarely (考勤, 欠薪): by the
                # one or two characters before the suspect or after it
                more = [x for key in ("<" + left2[-1:], ">" + right2[:1], "<" + left2, ">" + right2) if len(key) > 1
                        for x in ends.get(key, ())]
                if more:
                    homophones = index.homophones(text[i])
                    have = {x[0] for x in found}
                    for o, w, off in more:
                        if o in homophones and o not in have:
                            have.add(o)
                            found = list(found) + [(o, w, off)]
            measures = self.p["measure_words"] + self.p["place_units"] + self.p["numeral_units"]
            prev = left2[-1:]
            # after a numeral or 各/每: a measure word of the same reading (九割 -> 九个, 每鸣 -> 每名),
            # whether or not the dictionary holds the pair
            extra = [o for o in index.homophones(text[i]) if o in measures] if measures and prev else ()
            if extra and (prev in self.p["measure_after"] or prev in self.p["approximations"] or prev in char_classes(ctx).numerals):
                have = {x[0] for x in found if x[2] == -1}
                extra = [(o, prev + o, -1) for o in extra if o not in have]
                if extra:
                    found = list(found) + extra
            if function_chars:
                # as a single character, the function word gains about the log of how much more
                # frequent it is than the written one: not worth scoring when that is far too little
                data = spelling_data(ctx, self.p["data"])
                floor = min(self.p["min_gain_function_word"], self.p["min_gain_between_words"] - self.p["weak_former_relief"],
                            self.p["min_gain_function_slot"], self.p["min_gain"]) - 1
                written = math.log(data.freq(text[i]) or 1)
                extra = [(o, o, 0) for o in index.homophones(text[i])
                         if o in function_chars and math.log(data.freq(o) or 1) - written >= floor]
                if extra:
                    found = list(found) + extra
            memo[key] = found
        return found

    def _domain(self, ctx) -> frozenset:
        """The words of official prose the dictionary lacks: the ``words`` data file and ``domain_words``."""
        return official_words(ctx, self.p["words"], self.p["domain_words"])

    def _name_like(self, ctx, h: Hit) -> bool:
        """Whether the written characters of a two-character finding read as a person's name without
        a title: a common surname and a common given-name character (郑明, 周伟, 杜娟), or two given-name
        characters after a surname (莫|明燕, 戴|建萍). Names are written everywhere in duty reports
        (lists of people, 由……主持); a slip that happens to take this shape is let go."""
        given = self.p["given_chars"]
        if not given or h.end - h.start != 2:
            return False
        text = ctx.text
        a, b = text[h.start], text[h.start + 1]
        surnames = char_classes(ctx).surnames
        if b not in given:
            return False
        return a in surnames or (a in given and h.start > 0 and text[h.start - 1] in surnames)

    def _domain_ends(self, ctx) -> dict:
        """The words of ``_domain`` by what precedes their last character ("<" and the rest: 考|勤 under
        "<考") and what follows their first (">" and the rest: 考|勤 under ">勤"): (character, word,
        the word's start relative to the character) for each (per rule set, built once)."""

        def build() -> dict:
            ends: dict[str, list] = {}
            for w in sorted(self._domain(ctx)):
                ends.setdefault("<" + w[:-1], []).append((w[-1], w, 1 - len(w)))
                ends.setdefault(">" + w[1:], []).append((w[0], w, 0))
            return ends

        return ctx.data.derived(("spelling.wd012-domain-ends", self.p["words"], tuple(self.p["domain_words"])), build)

    def _number(self, ctx, i: int, scored):
        """The best-scoring change that makes a number of two characters (十个, 一年, 半年) with at
        least ``min_gain_number``: a numeral before a numeral or a measure word of ``number_measures``;
        None when there is none. Only a numeral that starts the number: after a numeral, a
        character is mostly what is counted (二十起, 一镇三乡, 四议两公开)."""
        measures = self.p["number_measures"]
        if not measures:
            return None
        text = ctx.text
        numerals = char_classes(ctx).numerals
        for x in scored:
            gain, o, word, start = x
            if gain < self.p["min_gain_number"]:
                break
            if len(word) != 2:
                continue
            other = word[1] if start == i else word[0]
            if start != i or o not in numerals or not (other in numerals or other in measures):
                continue
            if start > 0 and text[start - 1] in numerals:
                continue  # 二十|起 -> 十七: the written character follows a number
            return x
        return None

    _CLAUSE_STOPS = tuple("，。；：、！？,.;:!?\n")

    def _measure(self, ctx, data: SpellingData, i: int, scored):
        """The best-scoring change to a measure word of ``measure_words`` right after a numeral or a
        word of ``measure_after`` (九割 -> 九个, 各想 -> 各项, 每鸣 -> 每名) with at least
        ``min_gain_measure``, a whole word or a clause's end after it (what is counted, or the end
        of the count), and no numeral close by on either side; or to a unit of ``place_units`` right
        after a numeral, the number going on after it (九柿以上 -> 九十, 三柿五 -> 三十): None when
        there is none."""
        measures, units = self.p["measure_words"], self.p["place_units"]
        if not measures and not units and not self.p["numeral_units"]:
            return None
        text = ctx.text
        numerals = char_classes(ctx).numerals
        for x in scored:
            gain, o, word, start = x
            if gain < self.p["min_gain_measure"]:
                break
            if start != i - 1 or len(word) != 2:
                continue
            after = text[i + 1:i + 2]
            if o in units and word[0] in numerals:
                if after and (after in numerals or after in measures or after in self.p["number_measures"] or after in self.p["number_after"]):
                    return x
                continue
            if o in self.p["numeral_units"] and (word[0] in numerals or word[0] in self.p["approximations"]):
                pass  # 元 counts after a numeral or 余/多 (三千余元), not after 各/每 (每园 is no 每元)
            elif o not in measures or (word[0] not in numerals and word[0] not in self.p["measure_after"] and word[0] not in self.p["approximations"]):
                continue
            # a numeral a character or two before the count, or after the suspect, makes a frame of
            # numbers and single characters (一镇三乡, 两学一做, 三会一课): an abbreviation, no count
            a = start
            while a > 0 and text[a - 1] in numerals:
                a -= 1
            if any(ch in numerals for ch in text[max(0, a - 2):a] + text[i + 1:i + 3]):
                return None
            # what is counted (a whole word) or the end of a clause (not a quote: “两学一做”)
            if _between_words(ctx, data, i, True, self._domain(ctx)) or after in ("", *self._CLAUSE_STOPS):
                return x
        return None

    def _frequent_word(self, ctx, best) -> bool:
        """Whether the corrected word is one of the most frequent words of the tokenizer's dictionary
        (落实, 供应, 行为: ``frequent_word`` or more) and no time word or name (如今, 金平), with a
        gain of ``min_gain_frequent_word``: prose writes such a word far more often than any coinage
        the written character could start (施策, 城投)."""
        gain, _o, word, _start = best
        if not self.p["frequent_word"] or gain < self.p["min_gain_frequent_word"]:
            return False
        tok = ctx.tokenizer
        return tok.word_freq(word) >= self.p["frequent_word"] and not tok.tags.get(word, "").startswith(("t", "nr", "ns", "nz"))

    def _lone_partner(self, ctx, data: SpellingData, i: int, word_on_left: bool) -> bool:
        """Whether the character on the far side of ``i`` (right when ``word_on_left``) is one of the
        function partners (我, 但) standing alone: no word with its own other neighbour."""
        text = ctx.text
        x = i + 1 if word_on_left else i - 1
        if x < 0 or x >= len(text) or text[x] not in self.p["function_partners"]:
            return False
        y = x + 1 if word_on_left else x - 1
        return not (0 <= y < len(text) and is_han(text[y]) and is_word_here(ctx, data, text[min(x, y):max(x, y) + 1]))

    def _function_slot(self, ctx, i: int, o: str) -> bool:
        """Whether the function character ``o`` fits the word before ``i`` by its part of speech: an
        aspect particle after a verb (建立|乐 -> 建立了), an auxiliary after a pronoun (我们|奖 -> 我们将),
        a place word after a noun (文件|商 -> 文件上, 工作|肿 -> 工作中), unless the written character is
        an adjective (任务|重: a predicate); or a conjunction of ``between_alike`` between two words of
        one part of speech, or two words with the same last character (系统性|河|预见性 -> 和)."""
        after_verb, after_noun, after_pronoun, alike = self.p["after_verb"], self.p["after_noun"], self.p["after_pronoun"], self.p["between_alike"]
        if o not in after_verb and o not in after_noun and o not in after_pronoun and o not in alike:
            return False
        tokens = _tokens(ctx, *_clause(ctx.text, i, i + 1))
        k = _token_at(tokens, i - 1)
        tags = ctx.tokenizer.tags
        if o in alike:
            text = ctx.text
            # two words with the same last character (系统性|河|预见性, 规范化|与|制度化)
            if i >= 2 and any(text[i - 1] == text[e - 1] for e in (i + 3, i + 4) if e <= len(text) and all(map(is_han, text[i + 1:e]))):
                return True
            # or two words of two or more characters, tagged alike (nouns, verbs or adjectives)
            j = _token_at(tokens, i + 1)
            if j is None or tokens[j][0] != i + 1 or tokens[j][1] - tokens[j][0] < 2:
                return False
            if k is None or tokens[k][1] != i or tokens[k][1] - tokens[k][0] < 2:
                return False
            before, after = tags.get(tokens[k][2], ""), tags.get(tokens[j][2], "")
            return before[:1] in ("n", "v", "a") and before[:1] == after[:1]
        if k is None or tokens[k][1] != i or tokens[k][1] - tokens[k][0] < 2:
            return False
        tag = tags.get(tokens[k][2], "")
        if o in after_verb and tag.startswith("v") and tag != "vn":
            return True
        if o in after_pronoun and tag.startswith("r"):
            return True
        return o in after_noun and tag.startswith("n") or tag == "vn" and not tags.get(ctx.text[i], "").startswith("a")

    def _beside_affix(self, ctx, data: SpellingData, i: int, word_on_left: bool) -> bool:
        """Whether the far side of ``i`` from the corrected word is an affix standing alone that
        attaches to that word: a prefix of ``prefixes`` before it (剥离非|注业 -> 非主业, 同|某划 -> 同谋划)
        or a suffix of ``suffixes`` after it (信芳|件 -> 信访件); like a clause's edge, nothing there takes
        the suspect into a term of its own."""
        text = ctx.text
        x = i + 1 if word_on_left else i - 1
        if x < 0 or x >= len(text) or text[x] not in (self.p["suffixes"] if word_on_left else self.p["prefixes"]):
            return False
        beyond = text[x:x + 2] if word_on_left else text[max(0, x - 1):x + 1]
        return len(beyond) < 2 or not all(map(is_han, beyond)) or not (is_word_here(ctx, data, beyond) or beyond in self._domain(ctx))

    def _verb_particle(self, ctx, data: SpellingData, i: int, best, word_on_left: bool) -> bool:
        """Whether the corrected word of two characters ends in the suspect and is a verb (组建, 完成:
        tagged v, not vn) with one of the aspect particles ``verb_particles`` (了, 着) right after it,
        standing alone (no word with the character after it: 了解 is one), at least
        ``min_gain_verb_particle`` gained: a particle only a verb takes says the word before it is one."""
        gain, _o, word, start = best
        particles = self.p["verb_particles"]
        if not particles or not word_on_left or len(word) != 2 or gain < self.p["min_gain_verb_particle"]:
            return False
        text = ctx.text
        if text[i + 1:i + 2] not in particles or i + 1 >= len(text):
            return False
        beyond = text[i + 1:i + 3]
        if len(beyond) == 2 and is_han(beyond[1]) and is_word_here(ctx, data, beyond):
            return False
        tag = ctx.tokenizer.tags.get(word, "")
        return tag.startswith("v") and tag != "vn"

    def _function_partner(self, ctx, data: SpellingData, i: int, best, word_on_left: bool) -> bool:
        """Whether the corrected word of two characters joins the suspect to a pronoun or a negation
        standing alone beside it (我|门 -> 我们, 不|购 -> 不够, 嫁|以 -> 加以), with a word or a clause's
        edge on the suspect's other side: closed-class words, which no coinage imitates, so a
        smaller gain will do (the written character is frequent on its own: 门, 购)."""
        gain, _o, word, start = best
        partners = self.p["function_partners"]
        if not partners or len(word) != 2 or gain < self.p["min_gain_function_partner"]:
            return False
        text = ctx.text
        partner = start if word_on_left else start + 1
        if text[partner] not in partners:
            return False
        # the partner stands alone: no word with its own other neighbour (我门 in 自我门户 is none)
        x = partner - 1 if word_on_left else partner + 1
        if 0 <= x < len(text) and is_han(text[x]) and is_word_here(ctx, data, text[min(x, partner):max(x, partner) + 1]):
            return False
        if _predicate_pair(ctx, text[start:start + 2], self.p["result_chars"]):
            return False
        return _between_words(ctx, data, i, word_on_left, self._domain(ctx)) or _beside_boundary(ctx, data, i, word_on_left)

    def _scored(self, ctx, data: SpellingData, i: int, found) -> list | None:
        """(gain, character, corrected word, its start) for each change of ``found``, best first: how
        much the most likely segmentation of the characters around ``i`` gains by it (natural log);
        None among traditional characters."""
        text = ctx.text
        w = self.p["window"]
        a = i
        while a > 0 and i - a < w and is_han(text[a - 1]):
            a -= 1
        b = i + 1
        while b < len(text) and b - i <= w and is_han(text[b]):
            b += 1
        if not gb2312(ctx).chars.issuperset(text[a:b]):
            return None  # traditional characters around (後勤, 為): not typed with a simplified input method
        logs = ctx.data.derived(("spelling.wd012-logs", id(data)), dict)
        if len(logs) > 200000:
            logs.clear()
        if "" not in logs:
            # the words of official prose the dictionary lacks score as words of domain_freq
            # (unless the dictionary holds them more often); "" marks the table as filled
            lf = math.log(self.p["domain_freq"])
            for w in self._domain(ctx):
                logs[w] = max(lf, math.log(data.freq(w))) if data.freq(w) else lf
            logs[""] = None
        prefix = segment_prefix(data, text[a:i], logs)  # the same for the text and every change
        base = segment_score(data, text[a:b], logs, prefix)
        scored = []
        for o, word, offset in found:
            gain = segment_score(data, text[a:i] + o + text[i + 1:b], logs, prefix) - base
            scored.append((gain, o, word, i + offset))
        scored.sort(reverse=True)
        return scored

    def _best(self, ctx, data: SpellingData, i: int, found) -> Hit | None:
        text = ctx.text
        c = text[i]
        scored = self._scored(ctx, data, i, found)
        if not scored:
            return None
        # a numeral before a numeral or a measure word (点尸个 -> 十个, 每板年 -> 半年): a number's
        # place, where a function word that scores higher (是) is no reading
        number = self._number(ctx, i, scored)
        if number is None:
            number = self._measure(ctx, data, i, scored)
        if number is not None:
            scored = [number]
        gain = scored[0][0]
        known = None  # the corrected word, when the report must write it elsewhere for the hit to stand
        if number is not None:
            pass
        elif gain < self.p["min_gain"]:
            # weaker evidence: the suspect sits between two words and makes no rare word either
            if gain < min(self.p["min_gain_between_words"], self.p["min_gain_known_word"], self.p["min_gain_beside_boundary"],
                          self.p["min_gain_three_characters"], self.p["min_gain_function_word"], self.p["min_gain_function_slot"],
                          self.p["min_gain_function_partner"], self.p["min_gain_frequent_word"]):
                return None
            word_on_left = scored[0][3] < i
            if _in_rare_word(ctx, self.p["data"], i, data, self.p["rare_word_claimed"]):
                return None
            # a character that takes part in few words (烩, 钙, 肪) is seldom part of a term no
            # dictionary holds, unlike one that forms many (施策, 依规, 知责): less gain will do
            relief = 0.0
            if self.p["weak_former_relief"] and _forms_few_words(ctx, data, self.p["data"], c, self.p["weak_former_freq"]):
                relief = self.p["weak_former_relief"]
            if len(scored[0][2]) == 1:
                # a function word for the character (完成肋换届 -> 了): words or a clause's edge on
                # both sides, and the full between-words gain (the report writes 了 anyway)
                # (a pronoun or 但 standing alone counts as a whole word: 我|兑|基层 -> 对)
                words_around = [_between_words(ctx, data, i, side, self._domain(ctx)) or self._lone_partner(ctx, data, i, side) for side in (True, False)]
                # a character that forms few words, between two whole words (我们|姜|聚焦): a function
                # word's place, where its own low frequency says most
                if self._function_slot(ctx, i, scored[0][1]) and gain >= self.p["min_gain_function_slot"] and all(
                        w or _beside_boundary(ctx, data, i, side) for w, side in zip(words_around, (True, False))):
                    pass  # 了 after a verb, 上/中 after a noun (建立|乐 -> 了, 文件|商 -> 上)
                elif not (relief and all(words_around) and gain >= self.p["min_gain_function_word"]):
                    if gain < self.p["min_gain_between_words"] - relief or not all(
                            w or _beside_boundary(ctx, data, i, side) for w, side in zip(words_around, (True, False))):
                        return None
            elif self._function_partner(ctx, data, i, scored[0], word_on_left):
                pass  # a pronoun or 不 and the suspect (我|门 -> 我们, 不|购 -> 不够): a function word's place
            elif _between_words(ctx, data, i, word_on_left, self._domain(ctx)):
                # a three-character word (规范|话 -> 规范化, 弄|产品 -> 农产品) is the stronger evidence
                between = self.p["min_gain_three_characters"] if len(scored[0][2]) == 3 else self.p["min_gain_between_words"] - relief
                if gain < between and not (self._frequent_word(ctx, scored[0]) and not _in_slogan(text, i)):
                    if gain < self.p["min_gain_known_word"]:
                        return None
                    known = scored[0][2]
            elif self._verb_particle(ctx, data, i, scored[0], word_on_left):
                pass  # a verb and its aspect particle standing alone (组见|了 -> 组建了)
            elif gain < self.p["min_gain_beside_boundary"] - relief or not (
                    _beside_boundary(ctx, data, i, word_on_left) or self._beside_affix(ctx, data, i, word_on_left)) or _in_slogan(text, i, items=True):
                return None
            elif _predicate_pair(ctx, text[scored[0][3]:scored[0][3] + len(scored[0][2])], self.p["result_chars"]):
                return None
        # close runners-up (公里/公立 for 公力: word frequencies cannot tell them apart) are named too
        close = [x for x in scored if x[0] >= scored[0][0] - self.p["close"] and x[3] == scored[0][3] and len(x[2]) == len(scored[0][2])][:3]
        _gain, o, word, start = close[0]
        extra = {} if known is None else {"known": known}
        if len(close) == 1:
            return Hit(start, start + len(word), variant="homophone", vars={"right": word, "char": c, "intended": o, **extra},
                       replacement=word, applicability="unsafe")
        options = "”或“".join(x[2] for x in close)
        return Hit(start, start + len(word), variant="options", vars={"right": options, "char": c, "intended": o, **extra})
