"""Kinds for what real copied texts carry: traditional characters, masked formulations, spun
synonyms, non-standard quotation marks.

Each kind works on paragraphs (lines) and reports a paragraph once, naming how many times the form
occurs there, so a converted or machine-rewritten paragraph gives one finding, not dozens.
"""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint import diskcache
from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.wordlist import words_pattern
from shuzhi_lint.checks.pattern import compile_pattern, iter_matches
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.patterncache import compile_std

HAN = compile_std(r"[\u3400-\u9fff]")


def _lines(ctx: Context):
    doc = ctx.doc
    for line in range(1, doc.line_count + 1):
        start, end = doc.line_span(line)
        if end > start:
            yield line, start, end


class TraditionalCharsKind(CheckKind):
    name = "traditional-chars"
    description = "简体报告中的繁体字：每段报一次（写明处数和示例）；多数段落都是繁体时只报一条全文问题"
    params = {
        "list": Param(str, "rules/data 中的繁简对照数据文件名（每项两个字：繁体、简体）", default="traditional_chars"),
        "min_per_paragraph": Param(int, "一段中至少有几处繁体字才报告（偶尔一个字可能是人名或引文）", default=2),
        "document_share": Param(float, "有繁体字的段落达到这个比例（且至少 3 段）时只报一条全文问题", default=0.6),
    }
    variants = {"document": "多数段落都是繁体时的全文问题；可用 {paragraphs}（有繁体字的段数）、{total}（全文段数）、{examples}"}

    _table: dict[str, str] | None = None
    _finder = None

    def _load(self, ctx: Context) -> dict[str, str]:
        if self._table is None:
            raw = ctx.data.get(self.p["list"])
            table = {}
            for lineno, line in enumerate(str(raw).splitlines(), 1):
                if line.startswith("#"):
                    continue
                for pair in line.split():
                    if len(pair) != 2:
                        raise ParamError("list", f"{self.p['list']} 第 {lineno} 行：“{pair}”应是两个字（繁体、简体）")
                    table[pair[0]] = pair[1]
            self._table = table
        return self._table

    def check(self, ctx: Context) -> Iterable[Hit]:
        table = self._load(ctx)
        if not table:
            return
        if self._finder is None:
            self._finder = compile_std("[" + re.escape("".join(table)) + "]")
        finder = self._finder
        text = ctx.text
        if finder.search(text) is None:
            return
        flagged, han_paragraphs = [], 0
        for _line, start, end in _lines(ctx):
            if HAN.search(text, start, end) is None:
                continue
            han_paragraphs += 1
            found = [m for m in finder.finditer(text, start, end)]
            if len(found) < self.p["min_per_paragraph"]:
                continue
            flagged.append(found)
        if not flagged:
            return
        share = len(flagged) / max(han_paragraphs, 1)
        if len(flagged) >= 3 and share >= self.p["document_share"]:
            examples = self._examples([m for found in flagged for m in found], table)
            yield Hit(None, None, variant="document", vars={
                "paragraphs": len(flagged), "total": han_paragraphs, "examples": examples})
            return
        for found in flagged:
            first, last = found[0], found[-1]
            segment = text[first.start():last.end()]
            yield Hit(first.start(), last.end(), vars={
                "count": len(found), "examples": self._examples(found, table)},
                replacement=segment.translate(str.maketrans(table)))

    @staticmethod
    def _examples(found, table, limit=4) -> str:
        seen: list[str] = []
        for m in found:
            pair = f"{m.group()}→{table[m.group()]}"
            if pair not in seen:
                seen.append(pair)
            if len(seen) == limit:
                break
        return "、".join(seen)


# --- the standard formulations, indexed once for every check that fits text to them ----------

class FormulationIndex:
    """The standard formulations of one data file (rules/data/standard_formulations.yaml), with what
    the checks that fit text to them need: the character pairs of the forms (AR002 fits a mask only
    where a neighbouring pair is one), the forms by their first three characters (AR017 compares
    the text after each), and every form with a short run of characters dropped (AR018). Built once
    per rule set through ``ctx.data.derived``; the derived tables are built on first use. AR017 also
    looks forms up by their last three characters, for a character changed among the first three."""

    def __init__(self, forms: list[str], accepted: list[str]):
        self.forms = forms  # file order: on a tie the earlier form wins
        self.accepted = set(accepted)  # shortened forms that are correct prose (全心全意为民服务)
        self.pairs = {f[i:i + 2] for f in forms for i in range(len(f) - 1)} | {f[0] for f in forms}
        self._by_prefix: dict[int, dict[str, list[str]]] = {}
        self._by_suffix: dict[int, dict[str, list[str]]] = {}
        self._gaps: dict[tuple, tuple] = {}

    def by_prefix(self, min_length: int) -> dict[str, list[str]]:
        """Forms of at least ``min_length`` characters by their first three characters."""
        return self._by_end(self._by_prefix, min_length, lambda f: f[:3])

    def by_suffix(self, min_length: int) -> dict[str, list[str]]:
        """Forms of at least ``min_length`` characters by their last three characters."""
        return self._by_end(self._by_suffix, min_length, lambda f: f[-3:])

    def _by_end(self, tables: dict, min_length: int, end) -> dict[str, list[str]]:
        table = tables.get(min_length)
        if table is None:
            table = tables[min_length] = {}
            for f in self.forms:
                if len(f) >= min_length:
                    table.setdefault(end(f), []).append(f)
        return table

    def gaps(self, min_length: int, max_drop: int, known_wrong: tuple[str, ...]):
        """(regex, table): every form of ``min_length``+ characters with one run of 1..``max_drop``
        characters dropped inside it, or one character dropped at either end; table maps the
        shortened text to (form, offset of the drop, dropped text). A shortened text that is itself
        a form or part of one, an accepted variant, or a wrong form another rule lists is left out."""
        key = (min_length, max_drop, known_wrong)
        if key not in self._gaps:
            # the table compares every shortened form with every form (~20 ms): kept in the disk
            # cache, keyed on everything it is built from
            source = repr((self.forms, sorted(self.accepted), key)).encode("utf-8", "surrogatepass")
            cache = diskcache.entry_for_content("formgaps", source, extra="1")
            cached = diskcache.load(cache)
            if cached is not None:
                pattern, rows = cached
                table = {short: (form, i, dropped) for short, form, i, dropped in rows}
                self._gaps[key] = (compile_std(pattern) if pattern else None, table)
                return self._gaps[key]
            table: dict[str, tuple[str, int, str]] = {}
            for form in self.forms:
                if len(form) < min_length:
                    continue
                for i in range(len(form)):
                    for d in range(1, max_drop + 1):
                        if i + d > len(form) or (d > 1 and (i == 0 or i + d == len(form))):
                            continue  # at either end only a single character
                        dropped = form[i:i + d]
                        short = form[:i] + form[i + d:]
                        if (not HAN.search(dropped) or NUMERALS & set(dropped) or MARKS.sub("", short) == MARKS.sub("", form) or short in table
                                or short in self.accepted or any(short in f for f in self.forms if f != form)
                                or any(w in short or short in w for w in known_wrong)):
                            continue
                        table[short] = (form, i, dropped)
            pattern = words_pattern(table) if table else ""
            diskcache.save(cache, (pattern, [(short, *row) for short, row in table.items()]))
            self._gaps[key] = (compile_std(pattern) if pattern else None, table)
        return self._gaps[key]


def formulation_index(ctx: Context, name: str) -> FormulationIndex:
    def build() -> FormulationIndex:
        data = ctx.data.get(name)
        forms = data.get("formulations") if isinstance(data, dict) else data
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise ParamError("list", f"数据文件 {name} 应包含 formulations 字符串列表")
        accepted = data.get("accepted_variants", []) if isinstance(data, dict) else []
        if not isinstance(accepted, list) or not all(isinstance(f, str) for f in accepted):
            raise ParamError("list", f"数据文件 {name} 的 accepted_variants 应为字符串列表")
        return FormulationIndex(list(forms), accepted)

    return ctx.data.derived(("formulation-index", name), build)


def known_wrong_forms(ctx: Context, name: str | None) -> tuple[str, ...]:
    """The wrong forms a word-list data file lists (WD002 reports them one by one)."""
    if not name:
        return ()

    def build() -> tuple[str, ...]:
        known = ctx.data.get(name)
        entries = known.get("entries") if isinstance(known, dict) else known
        return tuple(str(e["wrong"]) for e in entries or [] if isinstance(e, dict) and "wrong" in e)

    return ctx.data.derived(("known-wrong", name), build)


_LINKING = set("的地得了和与及并等")


def dropped_at_end(ctx: Context, text: str, p: int) -> bool:
    """A form's last character differs at ``p`` from the text's: dropped (the text reads on with
    its own words: 党中保持, 服的宗旨, 服，) rather than changed (抓落定。, 党中心保持)."""
    x, y = text[p:p + 1], text[p + 1:p + 2]
    if not HAN.match(x) or x in _LINKING:
        return True
    if not HAN.match(y):
        return False
    from shuzhi_lint.checks.lexicon import spelling_data

    return spelling_data(ctx).is_word(x + y)


# --- masked and altered standard formulations -------------------------------------------------

FITS_SIZE = 20000  # texts around a mask whose fit a rule remembers
_UNFITTED = object()


def _best_fit(left: str, right: str, forms: list[str], wildcard) -> tuple[str, int, int] | None:
    """The standard form that the text around a mask fits best: (form, chars matched left, right).

    The text reads ``left + MASK + right``; a form fits when it can be written as P + H + Q... where
    P is a suffix of ``left``, H (the hidden part) is not empty, and Q is a prefix of ``right``
    (other masks in ``right`` stand for any characters). The score is the literal characters matched.
    """
    best = None
    segments = wildcard.split(right[:40])
    for form in forms:
        a = 0
        if left:
            last = left[-1]
            for k in range(min(len(left), len(form) - 1), 0, -1):
                if form[k - 1] == last and left.endswith(form[:k]):
                    a = k
                    break
        b = _right_fit(segments, form[a + 1:])
        if a + b and (best is None or a + b > best[1] + best[2]):
            best = (form, a, b)
    return best


def _right_fit(segments: list[str], tail: str) -> int:
    """Characters of ``right`` (split at its masks into literal segments) that read on in ``tail``."""
    b, pos = 0, 0
    for j, seg in enumerate(segments):
        if j:
            pos += 1  # a mask hides at least one character
        best = at = 0
        for k in range(1, len(seg) + 1):
            i = tail.find(seg[:k], pos)
            if i < 0:
                break
            best, at = k, i
        b += best
        if best < len(seg) or not seg:
            break
        pos = at + best
    return b


def _hidden(form: str, a: int, right: str, wildcard) -> str:
    """The part of ``form`` the mask stands for, given a left fit of ``a`` characters."""
    literal = next((p for p in wildcard.split(right) if p), "")
    for k in range(min(len(literal), 6), 0, -1):
        at = form.find(literal[:k], a + 1)
        if at > a:
            return form[a:at]
    return form[a:]


class MaskedTextKind(CheckKind):
    name = "masked-text"
    description = ("被遮蔽的文字（*** 、习**、XJP……）；遮蔽处的上下文符合 rules/data 中某个规范表述时，"
                   "在 message 中写出最接近的规范表述（单个 * 或字母只在规范表述中才报）")
    data_params = {"list": "standard_formulations"}
    params = {
        "pattern": Param(str, "总是报告的遮蔽形式（正则）", required=True),
        "mask": Param(str, "只在规范表述中才报告的遮蔽形式（正则，如单个 * 或替代人名的字母）", required=True),
        "list": Param(str, "rules/data 中的规范表述数据文件名", default="standard_formulations"),
        "min_context": Param(int, "遮蔽处两侧与规范表述相符的字数至少多少", default=2),
        "letters_hide": Param(str, "字母形式的遮蔽（不是星号）只在它代替了这个名字时报告（字母常是占位符，如“党的XX大”）", default=""),
    }
    variants = {"formulation": "遮蔽处的上下文符合某个规范表述时；可用 {match}、{form}（最接近的规范表述）"}

    def __init__(self, rule):
        super().__init__(rule)

        self.always = compile_pattern(self.p["pattern"])
        self.mask = compile_pattern(self.p["mask"], "mask")
        self._fits: dict[tuple[str, str], tuple[str, int, int] | None] = {}  # (left, right) -> fit

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        forms = None
        spans: dict[tuple[int, int], bool] = {}
        for m in iter_matches(self.always, text, ctx):
            spans[m.span()] = True
        for m in iter_matches(self.mask, text, ctx):
            if not any(a < m.end() and m.start() < b for a, b in spans):
                spans[m.span()] = False
        wildcard = self.mask
        for (start, end), always in sorted(spans.items()):
            if forms is None:
                index = formulation_index(ctx, self.p["list"])
                forms, pairs = index.forms, index.pairs
            ls, le = ctx.line_bounds(start, end)
            left = text[max(ls, start - 16):start]
            right = text[end:min(le, end + 40)]
            # reports share wording: the fit of the same text around a mask is remembered
            fit = self._fits.get((left, right), _UNFITTED)
            if fit is _UNFITTED:
                near = [seg for seg in wildcard.split(right[:8]) if seg]
                if not (left[-2:] in pairs or (right and right[0] in pairs)
                        or any(seg[i:i + 2] in pairs for seg in near for i in range(len(seg) - 1))):
                    fit = None  # neither neighbour belongs to any standard form (XX镇, ××项)
                else:
                    fit = _best_fit(left, right, forms, wildcard)
                if len(self._fits) >= FITS_SIZE:
                    self._fits.clear()
                self._fits[(left, right)] = fit
            strong = fit is not None and max(fit[1], fit[2]) >= self.p["min_context"] and fit[1] + fit[2] >= self.p["min_context"] + 1
            if strong and self.p["letters_hide"] and not always and text[start].isalpha():
                hidden = _hidden(fit[0], fit[1], right, wildcard)
                strong = any(ch in hidden for ch in self.p["letters_hide"])
            if strong:
                form = fit[0]
                yield Hit(start, end, variant="formulation", vars={"form": form})
            elif always:
                yield Hit(start, end)


# --- spun synonyms (伪原创) --------------------------------------------------------------------

class SpunSynonymKind(CheckKind):
    name = "spun-synonyms"
    description = ("同义词替换改写（伪原创）：rules/data 中列出的被替换词只在原本是固定说法的位置报告"
                   "（“便民效劳”“为人民效劳”），report: document 时在出现多处后报一条全文问题")
    data_params = {"list": "spun_synonyms"}
    params = {
        "list": Param(str, "rules/data 中的数据文件名", default="spun_synonyms"),
        "report": Param(str, "occurrences（每处报告）或 document（达到 document_min 处时报一条全文问题）", default="occurrences"),
        "document_min": Param(int, "全文问题至少要有几处（且至少两种不同的替换）", default=3),
    }

    def __init__(self, rule):
        super().__init__(rule)
        if self.p["report"] not in ("occurrences", "document"):
            raise ParamError("report", "report 只能是 occurrences 或 document")
        self._compiled = None

    def _load(self, ctx: Context):
        if self._compiled is None:
            data = ctx.data.get(self.p["list"])
            entries = data.get("entries") if isinstance(data, dict) else None
            if not isinstance(entries, list):
                raise ParamError("list", f"数据文件 {self.p['list']} 应包含 entries 列表")
            phrases: dict[str, tuple[str, str, str, bool]] = {}
            for i, e in enumerate(entries, 1):
                if not isinstance(e, dict) or not {"spun", "original", "phrases"} <= set(e):
                    raise ParamError("list", f"{self.p['list']} 第 {i} 项必须有 spun、original、phrases")
                weak = e.get("weak_phrases", [])
                if not isinstance(weak, list):
                    raise ParamError("list", f"{self.p['list']} 第 {i} 项：weak_phrases 必须是列表")
                # weak phrases: the spun form is itself acceptable prose (落实状况, 革新工作方法), so it
                # counts only in a text that also carries an unmistakable spun form
                for ph, is_weak in [(x, False) for x in e["phrases"]] + [(x, True) for x in weak]:
                    if "{}" not in ph:
                        raise ParamError("list", f"{self.p['list']} 第 {i} 项：“{ph}”中没有 {{}}（被替换词的位置）")
                    phrases[ph.replace("{}", e["spun"])] = (ph.replace("{}", e["original"]), e["spun"], e["original"], is_weak)
            alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
            self._compiled = (compile_std(alternation) if phrases else None, phrases)
        return self._compiled

    def occurrences(self, ctx: Context) -> list[tuple[int, int, str, str, str]]:
        key = ("spun", self.p["list"])
        if key not in ctx.cache:
            rx, phrases = self._load(ctx)
            found = []
            if rx is not None:
                weak_only = True
                for m in rx.finditer(ctx.text):
                    right, spun, original, weak = phrases[m.group()]
                    weak_only = weak_only and weak
                    found.append((m.start(), m.end(), right, spun, original))
                if weak_only:
                    found = []
            ctx.cache[key] = found
        return ctx.cache[key]

    def check(self, ctx: Context) -> Iterable[Hit]:
        found = self.occurrences(ctx)
        if self.p["report"] == "occurrences":
            for start, end, right, spun, original in found:
                yield Hit(start, end, vars={"right": right, "spun": spun, "original": original}, replacement=right)
            return
        kinds = {(spun, original) for *_, spun, original in found}
        if len(found) >= self.p["document_min"] and len(kinds) >= 2:
            examples = "、".join(f"{s}（{o}）" for s, o in sorted(kinds)[:4])
            yield Hit(None, None, vars={"count": len(found), "examples": examples})


# --- quotation marks -------------------------------------------------------------------------

OPEN, CLOSE = "“", "”"
ODD = {"〝": OPEN, "〞": CLOSE, "＂": None}
QUOTES = compile_std("[“”〝〞＂]")
CJK_SIDE = compile_std("[\u3400-\u4dbf\u4e00-\u9fff，。；：、！？（）]")
CJK = compile_std("[\u3400-\u4dbf\u4e00-\u9fff]")


def _ascii_quotes(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Half-width straight quotes used as Chinese quotation marks ("党员示范岗"): taken two by two,
    a pair counts when it holds Chinese words and touches Chinese text outside; markup and inch
    marks (font-size:16px", 55") do not."""
    at = [i for i in range(start, end) if text[i] == '"']
    out = []
    for a, b in zip(at[::2], at[1::2]):
        inner = text[a + 1:b]
        outside = (a > start and CJK_SIDE.match(text[a - 1])) or (b + 1 < end and CJK_SIDE.match(text[b + 1]))
        if 1 <= len(inner) <= 40 and CJK.search(inner) and outside and not any(c in inner for c in "<>=;{}"):
            out += [(a, "ascii"), (b, "ascii")]
    return out


def quote_problems(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Non-standard or mismatched double quotation marks in one paragraph: [(offset, problem)].

    problem is ``odd`` (〝 〞 ＂ instead of “ ”), ``reversed`` (”…“ as a pair), ``open-open``
    (“…“ where the second should close) or ``close-close`` (”…” where the first should open).
    """
    marks = [(m.start(), m.group()) for m in QUOTES.finditer(text, start, end)]
    ascii_marks = _ascii_quotes(text, start, end) if '"' in text[start:end] else []
    if not marks:
        return ascii_marks
    problems = ascii_marks + [(i, "odd") for i, c in marks if c in ODD]
    seq = [(i, ODD.get(c) or c) for i, c in marks if ODD.get(c, c) is not None]
    opens = sum(1 for _, c in seq if c == OPEN)
    closes = len(seq) - opens
    if opens == closes and seq and seq[0][1] == CLOSE:
        # every pair written the wrong way round: ”…“ ”…“
        if all(c == (CLOSE if k % 2 == 0 else OPEN) for k, (_, c) in enumerate(seq)):
            return problems + [(seq[0][0], "reversed")]
    if len(seq) == 2 and seq[1][0] - seq[0][0] <= 30 and (closes == 0 or opens == 0):
        # one quotation in the paragraph, both marks the same way round (“档案查阅服务“): the
        # second was meant to close it (or the first to open it), not two halves lost
        return problems + ([(seq[1][0], "open-open")] if closes == 0 else [(seq[0][0], "close-close")])
    if closes == 0 or opens == 0 or (opens - closes) % 2:
        # closing (or opening) quotes stripped all through the paragraph: missing halves, which
        # PU008 reports; a wrong-way mark needs the other kind to be present and the counts to fit
        return problems
    depth_open = None
    skip = -1
    for k, (i, c) in enumerate(seq):
        if k == skip:
            continue
        if c == CLOSE and depth_open is None and k + 1 < len(seq) and seq[k + 1][1] == OPEN and seq[k + 1][0] - i <= 30:
            # one pair written the wrong way round among correct ones: ”…“ beside “…”
            problems.append((i, "reversed"))
            skip = k + 1
            continue
        if c == OPEN:
            if depth_open is not None and opens > closes and i - depth_open <= 30:
                problems.append((i, "open-open"))
                opens -= 1
                closes += 1
                depth_open = None
                continue
            depth_open = i
        else:
            if depth_open is None and closes > opens and k + 1 < len(seq) and seq[k + 1][1] == CLOSE and seq[k + 1][0] - i <= 30:
                problems.append((i, "close-close"))
                closes -= 1
                opens += 1
                depth_open = i
                continue
            depth_open = None
    return sorted(problems)


def quote_problem_lines(ctx: Context) -> dict[int, list[tuple[int, str]]]:
    """Problems per line, computed once per document (PU012 reports them; PU008 leaves those lines' quotes alone)."""
    if "quote_problems" not in ctx.cache:
        out = {}
        for line, start, end in _lines(ctx):
            found = quote_problems(ctx.text, start, end)
            if found:
                out[line] = sorted(found)
        ctx.cache["quote_problems"] = out
    return ctx.cache["quote_problems"]


PROBLEM_TEXT = {
    "odd": "用了“〝〞”或全角直引号“＂”，中文应使用弯引号“”（前引号“，后引号”）",
    "ascii": "用了半角直引号“\"”，中文应使用弯引号“”（前引号“，后引号”）",
    "reversed": "前后引号写反了（”……“），应为“……”",
    "open-open": "两个前引号“……“，后一个应为后引号”",
    "close-close": "两个后引号”……”，前一个应为前引号“",
}


class QuoteMarksKind(CheckKind):
    name = "quote-marks"
    description = "引号写法：〝〞/＂ 或半角直引号 \" 代替“”，前后引号写反（”…“），前引号当后引号用（“…“）；每段报一次"
    params = {}

    def check(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.text
        for _line, found in quote_problem_lines(ctx).items():
            kinds = []
            for _, p in found:
                if p not in kinds:
                    kinds.append(p)
            first = found[0][0]
            odd = [i for i, p in found if p == "odd"]
            hit = Hit(first, first + 1, vars={
                "count": len(found),
                "problem": "；".join(PROBLEM_TEXT[k] for k in kinds),
            })
            if kinds == ["odd"] and len(odd) == 1:
                hit.replacement = ODD[text[first]] or None
            yield hit


# --- altered standard formulations ----------------------------------------------------------

NUMERALS = set("一二三四五六七八九十百零两〇0123456789")


def _alteration(form: str, window: str, max_drop: int) -> str | None:
    """How ``window`` differs from ``form``: one character changed (not a numeral: 三中/四中 全会 are
    different plenums) or one run of up to ``max_drop`` characters dropped; None otherwise."""
    if len(window) == len(form):
        diff = [k for k in range(len(form)) if form[k] != window[k]]
        if len(diff) == 1 and form[diff[0]] not in NUMERALS and window[diff[0]] not in NUMERALS and HAN.match(window[diff[0]]):
            return "changed"
        return None
    drop = len(form) - len(window)
    if 1 <= drop <= max_drop:
        for j in range(2, len(window)):  # the dropped run is inside: the window still ends as the form does
            if form[:j] == window[:j] and form[j + drop:] == window[j:]:
                return "dropped"
    return None


MARKS = compile_std("[“”‘’「」、，]")


class AlteredFormulationKind(CheckKind):
    name = "altered-formulation"
    description = ("规范表述被改动：与 rules/data 中某个规范表述开头（或结尾）相同、改了一个字（数字除外）或漏了一段（不超过 max_drop 个字）的写法；"
                   "在 message 中写出规范表述")
    data_params = {"list": "standard_formulations", "known_wrong": "wordlist"}
    params = {
        "list": Param(str, "rules/data 中的规范表述数据文件名", default="standard_formulations"),
        "known_wrong": Param(str, "rules/data 中已由其他规则逐条报告的错误写法（wordlist 数据，取其 wrong），这里不再报", default=None),
        "min_length": Param(int, "只比对至少这么长的规范表述（短的改一个字就成了别的词）", default=8),
        "max_drop": Param(int, "漏掉的一段最多几个字（改字只认一个字）", default=4),
    }

    def check(self, ctx: Context) -> Iterable[Hit]:
        by_prefix = formulation_index(ctx, self.p["list"]).by_prefix(self.p["min_length"])
        wrong = known_wrong_forms(ctx, self.p["known_wrong"])
        text = ctx.text
        max_drop = self.p["max_drop"]
        taken_until = -1
        candidates = []
        for prefix, forms in by_prefix.items():
            at = text.find(prefix)
            while at >= 0:
                candidates.append((at, forms))
                at = text.find(prefix, at + 1)
        # a character changed among the first three (习进平新时代……): found from the form's end; the
        # first character itself is left alone (what precedes a form is not part of it)
        for suffix, forms in formulation_index(ctx, self.p["list"]).by_suffix(self.p["min_length"]).items():
            end = text.find(suffix)
            while end >= 0:
                end += len(suffix)
                for form in forms:
                    at = end - len(form)
                    window = text[at:end] if at >= 0 else ""
                    if window and window[1:3] != form[1:3] and window[0] == form[0] and window[3:] == form[3:]:
                        candidates.append((at, [form]))
                end = text.find(suffix, end)
        for at, forms in sorted(candidates, key=lambda c: c[0]):
            if at < taken_until:
                continue
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            if any(text.startswith(f, at) for f in forms):
                continue
            found = None
            for form in forms:
                for size in range(len(form), len(form) - max_drop - 1, -1):
                    if at + size > line_end:
                        continue
                    window = text[at:at + size]
                    how = _alteration(form, window, max_drop)
                    if how:
                        found = (form, window, how)
                        break
                if found:
                    break
            if found is None:
                continue
            form, window, how = found
            if MARKS.sub("", window) == MARKS.sub("", form) or any(w in window or window in w for w in wrong):
                continue
            if how == "changed" and window[-1] != form[-1] and dropped_at_end(ctx, text, at + len(window) - 1):
                continue  # the last character dropped, not changed (党中保持): AR018's
            taken_until = at + len(window)
            yield Hit(at, at + len(window), vars={"form": form, "how": "改了一个字" if how == "changed" else "漏了字"},
                      replacement=form)


class FormulationGapKind(CheckKind):
    name = "formulation-gap"
    description = ("规范表述漏字：rules/data 中某个规范表述中间漏了一段（不超过 max_drop 个字），或开头、末尾漏了一个字"
                   "（“全心全意为人民务”“全心全意为人民服的宗旨”）；在 message 中写出规范表述和漏掉的字")
    params = {
        "list": Param(str, "rules/data 中的规范表述数据文件名", default="standard_formulations"),
        "known_wrong": Param(str, "rules/data 中已由其他规则逐条报告的错误写法（wordlist 数据，取其 wrong），这里不再报", default=None),
        "min_length": Param(int, "只比对至少这么长的规范表述", default=8),
        "max_drop": Param(int, "中间漏掉的一段最多几个字（开头、末尾只认一个字）", default=4),
    }

    def __init__(self, rule):
        super().__init__(rule)
        if self.p["min_length"] < 4 or self.p["max_drop"] < 1:
            raise ParamError("min_length", "min_length 至少为 4，max_drop 至少为 1")

    def check(self, ctx: Context) -> Iterable[Hit]:
        index = formulation_index(ctx, self.p["list"])
        rx, table = index.gaps(self.p["min_length"], self.p["max_drop"], known_wrong_forms(ctx, self.p["known_wrong"]))
        if rx is None:
            return
        text = ctx.text
        pos = 0
        while True:
            m = rx.search(text, pos)
            if m is None:
                return
            start, end = m.span()
            form, at, dropped = table[m.group()]
            near = text[max(0, start - len(form)):end + len(form)]
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            at_end = at + len(dropped) == len(form)
            if (form in near  # the whole form is there (a shortened text inside it, or overlapping it)
                    or (at == 0 and HAN.match(before))  # a missing first character only at a clause start
                    # a last character missing, or changed (抓落定。 is AR017's changed character)
                    or (at_end and (after == dropped or not dropped_at_end(ctx, text, end)))):
                pos = start + 1
                continue
            pos = end
            yield Hit(start, end, vars={"form": form, "missing": dropped}, replacement=form)
