"""Site watermarks and slogans spliced into a sentence with no separator (AR020).

A site's signature pasted into the middle of a sentence (全面从严治海川文库原创党) is a run of
characters that makes words of its own but none with the text on either side, while the text on
either side reads on when the run is taken out (治……党 joins into 治党 again). Separators make it
easy (AR013 finds 公.文思.享); without them the break in the language is the evidence:

- the edges: the likeliest segmentation of the text around each edge of the run (jieba's unigram
  model over the full dictionary's frequencies, the same score WD012 uses) puts a word boundary
  there: the run cuts no word of the sentence;
- the join: without the run, the characters on either side make a word, or a standard formulation
  (rules/data/standard_formulations.yaml), that the run had cut in two;
- the words: the run holds the words signatures are made of (rules/data/watermarks.yaml: words
  reports hardly use, such as 文库 原创, count two points, words they also use, such as 网 整理,
  one), one more when it reads as a site's name (two to four characters, then 文库, 网, 公众号…);
- recurrence: the same run cut off from its neighbours elsewhere in the document.

A run is reported when its edges are clean and its points (words, two for a join, one for a
recurrence) reach ``min_score`` (one more for a run of nothing but watermark words, which names no
site: 关注微信公众号). Words alone never suffice right after a word that governs a site
or channel (通过公众号发布, 在网站上): there the run must also cut a word in two.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain
from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.realtext import formulation_index
from shuzhi_lint.checks.lexicon import segment_score, spelling_data
from shuzhi_lint.checks.wordlist import words_pattern
from shuzhi_lint.patterncache import compile_std
from shuzhi_lint.rules import Param, ParamError

_HAN_RUN = compile_std(r"[\u4e00-\u9fff]+")
#: characters of context on each side of an edge or a join that the segmentation score looks at
_WINDOW = 4
#: how much likelier (natural log) the text must read with a word across an edge for the edge to
#: cut that word; below it the edge is a word boundary
_EDGE = 1.0
SCORE_MEMO_SIZE = 50000
LINE_MEMO_SIZE = 1000  # lines whose four-character runs are kept: each holds a list of short strings (~40 MB at 5000)


def _by_line(ctx: Context, key: tuple, find) -> list:
    """``find(line)`` for each line of the text, remembered by the line with the rule set's data
    store (reports in a batch share most of their lines): a list per line."""
    memo = ctx.data.derived(key, dict)
    out = []
    for line in ctx.text.split("\n"):
        v = memo.get(line)
        if v is None:
            if len(memo) >= LINE_MEMO_SIZE:
                memo.clear()
            v = memo[line] = find(line)
        out.append(v)
    return out


class _Vocabulary:
    """The watermark words of one data file: one regex over all of them, their points, the words
    that name a site, and the governors."""

    def __init__(self, data: dict):
        self.points = {w: int(p) for w, p in (data.get("words") or {}).items() if w}
        self.sites = frozenset(data.get("sites") or ())
        self.accounts = frozenset(data.get("accounts") or ())
        self.labels = frozenset(data.get("labels") or ())
        self.sign_offs = tuple(data.get("sign_offs") or ())
        self.governors = tuple(sorted({w for w in data.get("governors") or [] if w}, key=len, reverse=True))
        self.rx = compile_std(words_pattern(sorted(self.points))) if self.points else None
        self.governor_rx = compile_std(words_pattern(self.governors)) if self.governors else None

    def score(self, text: str, a: int, b: int, clean, common) -> tuple[int, int]:
        """Points of the words in ``text[a:b]`` (the longest at each place, not overlapping) that
        are words of the text there (``clean`` at both their ends: 网 of 网格 is no 网), one more
        when the run reads as a site's name (two to four other characters that hold no common word,
        then a site word or a word of two points: ××文库, ××范文, not 电子文库), one more when an
        account word follows watermark words only and a name of two or more characters follows
        it (公众号××, 关注公众号××); and where the first
        word starts. -1 when the run is no signature: other characters after a label (公众号发布学习
        资料 is a predicate) or after the last watermark word unless it names an account (公众号××),
        or a governor standing as a word (本文档由××网: a clause of its own)."""
        total, first, labelled, at = 0, -1, False, a
        words = []
        for m in self.rx.finditer(text, a, b):
            i, j = m.span()
            if clean(i) and clean(j):
                words.append((i, j, m.group()))
        named = False
        for k, (i, j, w) in enumerate(words):
            if labelled and i > at:
                return -1, first
            total += self.points[w]
            if first < 0:
                first = i - a
            # a name of two to four characters before the first site word (公文思享文库: the name
            # may hold watermark words, its other characters no common word)
            if not named and (w in self.sites or self.points[w] >= 2):
                named = True
                if 2 <= i - a <= 4 and not common("".join(self.gaps(text, a, i))):
                    total += 1
            if w in self.accounts and i == at and j < b and (k + 1 == len(words) or words[k + 1][0] - j >= 2):
                total += 1  # 公众号××, 关注公众号××: an account's name follows
            labelled = labelled or w in self.labels
            at = j
        if at < b and (labelled or not self.account_before(text, at)):
            return -1, first  # only an account's name follows the last watermark word
        if total and self.governor_rx is not None:
            for m in self.governor_rx.finditer(text, a, b):
                if clean(m.start()) and clean(m.end()) and m.group() not in self.points:
                    return -1, first
        return total, first

    def account_before(self, text: str, p: int) -> bool:
        """Whether an account word (公众号) ends at ``p``."""
        return any(text.endswith(w, 0, p) for w in self.accounts)

    def labels_only(self, text: str, a: int, b: int) -> bool:
        """Whether ``text[a:b]`` is nothing but labels (整理, 原创首发)."""
        return a < b and not self.gaps(text, a, b) and all(m.group() in self.labels for m in self.rx.finditer(text, a, b))

    def signs_off(self, run: str) -> bool:
        """Whether ``run`` ends as a site's signature ends: a name ending in one of ``sign_offs``, then a label
        (××网整理, ××文库原创): at a clause's end that is AR019's form."""
        return bool(self.sign_offs) and any(run.endswith(label) and run[:-len(label)].endswith(self.sign_offs) for label in self.labels)

    def gaps(self, text: str, a: int, b: int) -> list[str]:
        """The pieces of ``text[a:b]`` between its watermark words (a name, or nothing)."""
        out, at = [], a
        for m in self.rx.finditer(text, a, b):
            if m.start() > at:
                out.append(text[at:m.start()])
            at = m.end()
        if at < b:
            out.append(text[at:b])
        return out


def vocabulary(ctx: Context, name: str) -> _Vocabulary:
    """The watermark words of data file ``name``, kept with the rule set's data store."""

    def build() -> _Vocabulary:
        data = ctx.data.get(name)
        if not isinstance(data, dict):
            raise ParamError("vocabulary", f"数据文件 {name} 应包含 words 词表")
        return _Vocabulary(data)

    return ctx.data.derived(("watermark.vocabulary", name), build)


class _SpliceKind(CheckKind):
    """What the two splice kinds share: the run's length, the data they read and its check."""

    needs_tokenizer = True
    params = {
        "formulations": Param(str, "rules/data 中的规范表述数据文件名：去掉这串字后接成的规范表述也算接成词语", default="standard_formulations"),
        "data": Param(str, "rules/data 中的拼写数据文件名（完整词典的词频）", default="spelling"),
        "min_length": Param(int, "插入的一串字最少几个字", default=4),
        "max_length": Param(int, "插入的一串字最多几个字", default=12),
        "min_join": Param(float, "去掉这串字后，前后的字接成词语使这一段的分词对数概率至少提高多少（自然对数）", default=4.0),
    }
    data_params = {"vocabulary": "watermarks", "formulations": "standard_formulations"}

    def __init__(self, rule):
        super().__init__(rule)
        if not 2 <= self.p["min_length"] <= self.p["max_length"]:
            raise ParamError("min_length", "min_length 至少为 2，且不大于 max_length")


class SplicedWatermarkKind(_SpliceKind):
    name = "spliced-watermark"
    description = ("没有分隔符、直接插在句子（甚至词语）中间的网站水印或署名（全面从严治海川文库原创党）：这串字自成词语，却与前后都不成词，"
                   "去掉它前后就接成通顺的句子；按 rules/data 的水印词表、前后能否接成词语或规范表述、全文是否重复出现计分")
    variants = {
        "again": "同一水印在文中又出现一处（可在分句末尾）；可用 {run}（这串字）、{first}（首次发现它的行号）",
    }
    params = {
        "vocabulary": Param(str, "rules/data 中的水印词表文件名（words、sites、accounts、labels、governors）", default="watermarks"),
        **_SpliceKind.params,
        "min_score": Param(int, "报告所需的分数：词表中每个词的分数，名称加网站类词 1 分，前后接成词语 2 分，全文重复出现 1 分", default=4),
        "name_freq": Param(int, "网站名称中不会有的常用词的最低词频（电子文库、审核公众号中的“电子”“审核”）", default=500),
    }

    def __init__(self, rule):
        super().__init__(rule)
        if self.p["min_score"] < 1:
            raise ParamError("min_score", "min_score 必须是正整数")

    def check(self, ctx: Context) -> Iterable[Hit]:
        vocab = vocabulary(ctx, self.p["vocabulary"])
        if vocab.rx is None:
            return
        text = ctx.text
        anchors = [m.span() for m in vocab.rx.finditer(text)]
        if not anchors:
            return
        m = _Measures(ctx, self.p["data"], self.p["name_freq"], self.p["min_join"])
        judged: dict = {}  # (start, end) of a run -> its ranking key, or None
        done = -1
        found: list[tuple[int, int]] = []
        for s, e in anchors:
            if s < done:
                continue
            run = _HAN_RUN.match(text, _run_start(text, s))
            if run is None or run.end() < e:
                continue
            r0, r1 = run.span()
            best = self._best(ctx, vocab, text, r0, r1, s, e, m, judged)
            if best is not None:
                done = best[1]
                found.append(best)
        # the same signature elsewhere in the document is the same watermark, wherever it landed
        # (a clause's end as well); one a site signs off with (××网整理，) is AR019's there
        runs = {text[a:b] for a, b in found}
        for run in runs:
            for i in _occurrences(text, run):
                j = i + len(run)
                if (i, j) in found or any(a < j and i < b for a, b in found):
                    continue
                if vocab.signs_off(run) and not _HAN_RUN.match(text, j):
                    continue
                found.append((i, j))
        first = {}
        for a, b in sorted(found):
            run = text[a:b]
            if run in first:
                yield Hit(a, b, vars={"run": run, "first": first[run]}, replacement="", variant="again")
            else:
                first[run] = ctx.doc.position(a)[0]
                yield Hit(a, b, vars={"run": run}, replacement="")

    def _best(self, ctx, vocab: _Vocabulary, text: str, r0: int, r1: int, s: int, e: int, m: "_Measures", judged: dict):
        """The best run around the watermark word at ``s..e`` in the Han run ``r0..r1``: (start, end)."""
        clean = m.clean
        lo, hi = self.p["min_length"], self.p["max_length"]
        best = None
        for a in range(max(r0 + 1, e - hi), s + 1):
            if not clean(a):
                continue
            for b in range(max(e, a + lo), min(r1 - 1, a + hi) + 1):
                if not clean(b):
                    continue
                key = judged.get((a, b), False)
                if key is False:
                    key = judged[(a, b)] = self._judge(ctx, vocab, text, r0, r1, a, b, m)
                if key is None:
                    continue
                if best is None or key > best[0]:
                    best = (key, a, b)
        return None if best is None else best[1:]

    def _judge(self, ctx, vocab: _Vocabulary, text: str, r0: int, r1: int, a: int, b: int, m: "_Measures"):
        """The ranking key of the run ``text[a:b]`` (clean edges), or None when it is not reported."""
        clean, common = m.clean, m.common
        if vocab.labels_only(text, b, r1):
            return None  # the signature goes on to the clause's end (……网整理，): AR019's form
        run = text[a:b]
        points, first = vocab.score(text, a, b, clean, common)
        if points <= 0:
            return None
        joined = m.joins(a, b) or self._joins_formulation(ctx, text, a, b)
        if not joined and text.endswith(vocab.governors, 0, a):
            return None
        gaps = vocab.gaps(text, a, b)
        # a run made of watermark words alone (微信公众号) is repeated by authors too
        recurs = sum(map(len, gaps)) >= 2 and self._recurs(text, run, a, clean)
        score = points + (2 if joined else 0) + (1 if recurs else 0)
        # a run of nothing but watermark words names no site (关注微信公众号): one point more
        if score < self.p["min_score"] + (0 if gaps else 1):
            return None
        # between equal scores: a join (the place is certain), then fewer common words outside
        # the watermark words (掌握本站原创 reaches into the sentence), then a longer account name
        # after 公众号 (its end is where the name ends), then the shorter run
        tail = len(gaps[-1]) if gaps and run.endswith(gaps[-1]) and vocab.account_before(text, b - len(gaps[-1])) else 0
        return (score, joined, -sum(1 for g in gaps if common(g)), tail, -len(run))

    def _joins_formulation(self, ctx, text: str, a: int, b: int) -> bool:
        return joins_formulation(text, a, b, formulation_index(ctx, self.p["formulations"]))

    @staticmethod
    def _recurs(text: str, run: str, at: int, clean) -> bool:
        """Whether ``run`` occurs elsewhere in the text, cut from its neighbours there too and with
        other characters on both sides (a watermark lands anywhere; a phrase an author repeats
        tends to keep its company: 改写范文时 twice)."""
        n = len(run)
        around = text[at - 1:at], text[at + n:at + n + 1]
        i = text.find(run)
        while i >= 0:
            if (i != at and clean(i) and clean(i + n)
                    and text[i - 1:i] != around[0] and text[i + n:i + n + 1] != around[1]):
                return True
            i = text.find(run, i + 1)
        return False


class _Measures:
    """The language measures of one document, by the full dictionary's word frequencies (jieba's
    unigram model, as WD012 scores): segmentation scores (remembered with the rule set's data
    store, as reports share their wording), word boundaries, joins across a cut, common words."""

    def __init__(self, ctx: Context, data_name: str, name_freq: int, min_join: float):
        self.text = ctx.text
        self.data = spelling_data(ctx, data_name)
        self.tok = ctx.tokenizer
        self.limit = name_freq
        self.min_join = min_join
        self.memo = ctx.data.derived(("watermark.scores", data_name), dict)
        if len(self.memo) > SCORE_MEMO_SIZE:
            self.memo.clear()
        self.edges: dict[int, bool] = {}
        self.cleans = ctx.data.derived(("watermark.cleans", data_name), dict)
        if len(self.cleans) > SCORE_MEMO_SIZE:
            self.cleans.clear()
        # whether short strings are words, remembered across reports like the scores
        self.known = ctx.data.derived(("watermark.words", data_name), dict)
        if len(self.known) > SCORE_MEMO_SIZE:
            self.known.clear()

    def seg(self, s: str) -> float:
        v = self.memo.get(s)
        if v is None:
            v = self.memo[s] = segment_score(self.data, s)
        return v

    def cohesion(self, left: str, right: str) -> float:
        """How much likelier ``left + right`` reads than its two halves apart (0: a word boundary)."""
        if not left or not right:
            return 0.0
        return self.seg(left + right) - self.seg(left) - self.seg(right)

    def clean(self, p: int) -> bool:
        """Whether offset ``p`` is a word boundary: the Han characters before and after it (up to
        ``_WINDOW`` each) read no likelier together than apart."""
        c = self.edges.get(p)
        if c is None:
            # a function of the ``_WINDOW`` characters each side: remembered across reports
            text = self.text
            key = (text[max(0, p - _WINDOW):p], text[p:p + _WINDOW])
            c = self.cleans.get(key)
            if c is None:
                c = self.cleans[key] = self.cohesion(_han_before(text, p), _han_after(text, p)) < _EDGE
            self.edges[p] = c
        return c

    def frequent(self, w: str) -> bool:
        return self.data.freq(w) >= self.limit or self.tok.word_freq(w) >= self.limit

    def common(self, name: str) -> bool:
        """Whether a would-be site name holds a common word (电子, 党建) or a verb (审核, 改写)."""
        tags = self.tok.tags
        return any(self.frequent(w) or tags.get(w, "").startswith("v")
                   for n in (2, 3) for w in (name[k:k + n] for k in range(len(name) - n + 1)))

    def may_join(self, a: int, b: int) -> bool:
        """Whether a word of two to four characters could stand across the cut once ``text[a:b]``
        is taken out (what ``joins`` then weighs)."""
        text = self.text
        left, right = text[max(0, a - 3):a], text[b:b + 3]
        known, is_word = self.known, self.is_word
        for k, j in ((1, 1), (2, 1), (1, 2), (3, 1), (2, 2), (1, 3)):
            w = left[-k:] + right[:j]
            if len(w) == k + j:
                v = known.get(w)
                if v is None:
                    v = is_word(w)
                if v:
                    return True
        return False

    def is_word(self, w: str) -> bool:
        """Whether ``w`` (Han characters only) is a word of the full dictionary or the tokenizer's."""
        v = self.known[w] = _HAN_RUN.fullmatch(w) is not None and bool(self.data.freq(w) or self.tok.word_freq(w))
        return v

    def joins(self, a: int, b: int) -> bool:
        """Whether the characters on either side of ``text[a:b]`` make a word once it is taken out:
        a word across the cut (治|党) that the likeliest reading of the text around the cut, four
        characters a side, also takes (推动|工作 is read as two words, not as 推|动工|作). Four
        characters across the cut count when they are not two common words side by side (党员|管理)."""
        text, seg, cohesion, min_join = self.text, self.seg, self.cohesion, self.min_join
        left, right = _han_before(text, a), _han_after(text, b)
        if not left or not right or cohesion(left, right) < min_join:
            return False
        whole = seg(left + right)
        for k, m in ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2)):
            if k > len(left) or m > len(right) or cohesion(left[-k:], right[:m]) < min_join:
                continue
            if k == m == 2 and self.frequent(left[-k:]) and self.frequent(right[:m]):
                continue
            # the reading with this word across the cut is the likeliest one
            if seg(left[:-k]) + seg(left[-k:] + right[:m]) + seg(right[m:]) >= whole - 0.01:
                return True
        return False


def _han_before(text: str, p: int) -> str:
    i = p
    while i > 0 and p - i < _WINDOW and "\u4e00" <= text[i - 1] <= "\u9fff":
        i -= 1
    return text[i:p]


def _han_after(text: str, p: int) -> str:
    j = p
    while j < len(text) and j - p < _WINDOW and "\u4e00" <= text[j] <= "\u9fff":
        j += 1
    return text[p:j]


def _run_start(text: str, i: int) -> int:
    while i > 0 and "\u4e00" <= text[i - 1] <= "\u9fff":
        i -= 1
    return i


class RecurringSpliceKind(_SpliceKind):
    name = "recurring-splice"
    description = ("同一串字（不论写的是什么）在全文多处插在句子或词语中间：每处都与前后不成词，其中几处把一个词拆成两半，"
                   "去掉后前后重新接成词语（水印反复出现，作者重复的短语不会拆开词语）")
    params = {
        "vocabulary": Param(str, "rules/data 中的水印词表文件名：含其中词语的一串字留给 spliced-watermark 判断（它也计重复出现），这里不报", default="watermarks"),
        **_SpliceKind.params,
        "min_count": Param(int, "同一串字至少出现几处", default=3),
        "min_joins": Param(int, "其中至少几处去掉后前后接成被拆开的词语", default=1),
    }

    def __init__(self, rule):
        super().__init__(rule)
        if not 1 <= self.p["min_joins"] <= self.p["min_count"] or self.p["min_count"] < 2:
            raise ParamError("min_count", "min_count 至少为 2，min_joins 在 1 和 min_count 之间")
        # every run of ``min_length`` Han characters, overlapping, found in one C scan
        self.grams = compile_std(f"(?=([\u4e00-\u9fff]{{{self.p['min_length']}}}))")

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        lo, hi, need = self.p["min_length"], self.p["max_length"], self.p["min_count"]
        # no run of Han characters spans a line: the runs of each line, remembered by the line
        # (the strings come back with their hashes computed, which makes the count cheap)
        grams = chain.from_iterable(_by_line(ctx, ("watermark.grams", lo), self.grams.findall))
        repeated = [g for g, c in Counter(grams).items() if c >= need]
        if not repeated:
            return
        m = _Measures(ctx, self.p["data"], 0, self.p["min_join"])
        index = formulation_index(ctx, self.p["formulations"])
        # every standard formulation in one string: a run inside one is found by one C search
        forms = ctx.data.derived(("watermark.forms", self.p["formulations"]), lambda: "\n".join(index.forms))
        words = vocabulary(ctx, self.p["vocabulary"]).rx
        done: set[str] = set()
        covered: set[int] = set()  # starts of grams inside runs already looked at
        for g in repeated:
            if text.find(g) in covered:
                continue
            starts = _occurrences(text, g)
            run, starts = _widest_shared(text, starts, lo, hi)
            if run is None or run in done or len(starts) < need:
                continue
            done.add(run)
            covered.update(p + k for p in starts for k in range(len(run) - lo + 1))
            n = len(run)
            if not all(p > 0 and _HAN_RUN.match(text, p - 1) and _HAN_RUN.match(text, p + n) for p in starts):
                continue  # each one inside a sentence
            if words is not None and words.search(run):
                continue  # a run with watermark words is spliced-watermark's (one finding a defect)
            if m.data.freq(run) or m.tok.word_freq(run) or run in forms:
                continue  # a word of its own or in a standard formulation, repeated by the author
            # a cheap look first: where could taking the run out join a word (its characters on
            # either side a word of two or three, or side by side in a standard formulation)?
            maybe = [p for p in starts if m.may_join(p, p + n) or text[p - 1] + text[p + n] in index.pairs]
            if len(maybe) < self.p["min_joins"]:
                continue
            if not all(m.clean(p) and m.clean(p + n) for p in starts):
                continue  # each one cut from its neighbours
            joins = sum(1 for p in maybe if m.joins(p, p + n) or joins_formulation(text, p, p + n, index))
            if joins < self.p["min_joins"]:
                continue
            for p in starts:
                yield Hit(p, p + n, vars={"run": run, "count": len(starts)}, replacement="")


def _occurrences(text: str, run: str) -> list[int]:
    """Starts of ``run`` in ``text`` that do not overlap."""
    out, i = [], text.find(run)
    while i >= 0:
        out.append(i)
        i = text.find(run, i + len(run))
    return out


def _widest_shared(text: str, starts: list[int], lo: int, hi: int):
    """The run at ``starts`` widened on both sides while every occurrence has the same character
    there (a Han character): (run, starts), or (None, starts) when it grows past ``hi``."""
    a, b = 0, lo
    # the characters each side, one set a step ("" past the text's ends, which is no Han character)
    while len(cs := {text[p + a - 1:p + a] if p + a > 0 else "" for p in starts}) == 1 and "\u4e00" <= cs.pop() <= "\u9fff":
        a -= 1
        if b - a > hi:
            return None, starts
    while len(cs := {text[p + b:p + b + 1] for p in starts}) == 1 and "\u4e00" <= cs.pop() <= "\u9fff":
        b += 1
        if b - a > hi:
            return None, starts
    return text[starts[0] + a:starts[0] + b], [p + a for p in starts]


def joins_formulation(text: str, a: int, b: int, index) -> bool:
    """Whether the text without ``text[a:b]`` holds one of the standard formulations of ``index``
    across the cut."""
    if text[a - 1:a] + text[b:b + 1] not in index.pairs:
        return False  # no form has these two characters side by side
    left = text[max(0, a - 20):a]
    joined = left + text[b:b + 20]
    cut = len(left)
    for f in index.forms:
        i = joined.find(f, max(0, cut - len(f) + 1))
        if 0 <= i < cut < i + len(f):
            return True
    return False
