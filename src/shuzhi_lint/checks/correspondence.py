"""Problem–cause–measure correspondence (CR): does every problem have a cause and a measure that
answers it, are the causes subjective, do the counts line up?

Each item (from the outline) is reduced to weighted terms: topic groups from
``rules/data/topics.yaml`` (学习/理论武装/学思想 are one topic) plus jieba words minus stop words.
An item's head (its heading or first sentence) says what it is about and weighs fully; terms found
only in its body weigh ``body_weight``. score(problem, measure) is the share of the problem's term
weight that the measure covers; each problem is assigned its best-scoring measure and cause.
The topics are what every item is about, so a problem's own words also count: written by a
measure's head and body, or its specific words (科研, not 创新, 能力) by its head
(``_shared_words``). A measure is an orphan only when no clause of it writes the matter of any
clause of a problem (``_body_link``).
"""

from __future__ import annotations

from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.patterncache import compile_std
from shuzhi_lint.records import record
from shuzhi_lint.rules import Param, ParamError
from shuzhi_lint.numerals import ordinal
from shuzhi_lint.outline_model import Item



def short(text: str, n: int = 14) -> str:
    text = text.strip()
    return text if len(text) <= n else text[:n] + "…"


@record
class Correspondence:
    """The problems, causes and measures of a report and how they answer each other."""

    problems: list[Item]
    causes: list[Item]
    measures: list[Item]
    pm: list[list[float]]  # problem x measure scores
    pc: list[list[float]]  # problem x cause scores
    threshold: float
    cause_threshold: float

    def best_measure(self, i: int) -> tuple[int | None, float]:
        row = self.pm[i]
        if not row:
            return None, 0.0
        j = max(range(len(row)), key=row.__getitem__)
        return j, row[j]

    def as_rows(self) -> list[dict]:
        rows = []
        for i in range(len(self.problems)):
            ms = sorted((j for j, s in enumerate(self.pm[i]) if s >= self.threshold), key=lambda j: -self.pm[i][j])
            cs = sorted((k for k, s in enumerate(self.pc[i]) if s >= self.cause_threshold), key=lambda k: -self.pc[i][k])
            _, best = self.best_measure(i)
            rows.append({"problem": i, "causes": cs, "measures": ms, "score": round(best, 3)})
        return rows


_HAN = compile_std(r"[\u4e00-\u9fff]")
_FIRST_CLAUSE = compile_std(r"[，,：:]")
_CLAUSES = compile_std(r"[。；;，,！？]")
_HEAD_END_SENTENCE = compile_std(r"[。；;！？]")


RECENT_TEXTS = 20000  # texts whose terms a matcher remembers
STATED_SENTENCES = 4  # sentences read after a heading that only names a problem's area


class Matcher:
    """Term extraction and scoring with the topic groups; built once per rule set (data store)."""

    def __init__(self, data: dict, tokenizer):
        self.tok = tokenizer
        self.groups = {g: list(members) for g, members in data["groups"].items()}
        self.stop = set(data.get("stopwords", []))
        self.threshold = float(data.get("threshold", 0.3))
        self.cause_threshold = float(data.get("cause_threshold", 0.15))
        self.body_weight = float(data.get("body_weight", 0.35))
        # words without topics (``_shared_words``): the share of a problem's own words asked of an answer, and
        # the most such words score (never a full match: 1.0 is a measure that names its problem)
        self.word_share = float(data.get("word_share", 0.5))
        self.word_score = float(data.get("word_score", 0.9))
        self.topic_weight = float(data.get("topic_weight", 2.0))
        self.objective = list(data.get("objective", []))
        self.subjective = list(data.get("subjective", []))
        self.generic_causes = list(data.get("generic_causes", []))
        self.concrete = compile_std(data.get("concrete", r"\d"))
        self.function_chars = set(data.get("function_chars", ""))
        # a measure that opens by naming its problem (针对……的问题，); without the key none is read so
        names = data.get("names_problem")
        self.names_problem = compile_std(names) if names else None
        # a heading that only names the area of a problem (履职尽责方面): the body states it
        label = data.get("label_head")
        self.label_head = compile_std(label) if label else None
        # words that name no problem's matter of their own (部分, 人员): never a specific word
        self.common_words = set(data.get("common_words", []))
        self._members = [m for members in self.groups.values() for m in members]
        self._specific: dict[str, bool] = {}
        self._recent: dict[tuple[str, float], dict[str, float]] = {}
        self._recent_topics: dict[str, dict[str, float]] = {}
        # whether no word of the tokenizer starts with "#" (its prefix table holds every word's
        # first character): then the "#" terms of a text are its topic groups alone
        table = getattr(getattr(tokenizer, "_tk", None), "FREQ", None)
        self._topics_alone = isinstance(table, dict) and "#" not in table

    def terms(self, text: str, weight: float = 1.0) -> dict[str, float]:
        """The weighted terms of ``text``; reports share template wording, so the terms of texts
        seen recently are remembered (a copy is returned: callers may change theirs)."""
        key = (text, weight)
        found = self._recent.get(key)
        if found is None:
            found = self._terms(text, weight)
            if len(self._recent) >= RECENT_TEXTS:
                self._recent.clear()
            self._recent[key] = found
        return dict(found)

    def topics(self, text: str) -> dict[str, float]:
        """The topic terms ("#" and the group) of ``terms(text)``, in the same order, without
        cutting the text into words when no word can pass for one; remembered like ``terms``."""
        if not self._topics_alone:
            return {t: w for t, w in self.terms(text).items() if t.startswith("#")}
        found = self._recent_topics.get(text)
        if found is None:
            found = self._topic_terms(text, 1.0)
            if len(self._recent_topics) >= RECENT_TEXTS:
                self._recent_topics.clear()
            self._recent_topics[text] = found
        return dict(found)

    def _topic_terms(self, text: str, weight: float) -> dict[str, float]:
        out: dict[str, float] = {}
        contains = text.__contains__
        for gid, members in self.groups.items():
            if any(map(contains, members)):
                out["#" + gid] = self.topic_weight * weight
        return out

    def _terms(self, text: str, weight: float) -> dict[str, float]:
        out = self._topic_terms(text, weight)
        run: list[str] = []
        for w in self.tok.cut(text):
            if len(w) == 1 and "\u4e00" <= w <= "\u9fff":
                run.append(w)
                continue
            self._add_run(run, out, weight)
            run = []
            if len(w) >= 2 and w not in self.stop and not w.isdigit() and _HAN.search(w):
                w = _one_order(w)
                out[w] = max(out.get(w, 0.0), weight)
        self._add_run(run, out, weight)
        return out

    def _add_run(self, run: list[str], out: dict[str, float], weight: float) -> None:
        """Single characters in a row are a word the compact dictionary does not know (滞后 -> 滞/后,
        迟缓 -> 迟/缓): kept whole, they still tell one problem from another."""
        # a run of function characters (有的, 在抓, 个村) or a long one (a sentence in traditional
        # script the dictionary does not know) is no word
        # a function character at either end belongs to the words around (对|林下, 林下|等)
        while run and run[0] in self.function_chars:
            run = run[1:]
        while run and run[-1] in self.function_chars:
            run = run[:-1]
        if 2 <= len(run) <= 3 and not any(c in self.function_chars for c in run):
            w = "".join(run)
            if w not in self.stop:
                out[w] = max(out.get(w, 0.0), weight)

    def specific(self, word: str) -> bool:
        """Whether ``word`` names a matter of its own (科研, 电梯, 业务工作): not a stop or common
        word, and no part of a topic group's wording (党员 in 党员管理, 能力, 方式 in 方式方法), which
        the genre writes about everything."""
        found = self._specific.get(word)
        if found is None:
            orders = {word, word[2:] + word[:2]} if len(word) == 4 else {word}
            found = not (
                word.startswith("#")
                or not orders.isdisjoint(self.stop)
                or self.common(word)
                or any(w in m or m in w for w in orders for m in self._members)
            )
            self._specific[word] = found
        return found

    def common(self, word: str) -> bool:
        """Whether ``word`` (in either order of its halves) is one of ``common_words``."""
        return word in self.common_words or (len(word) == 4 and word[2:] + word[:2] in self.common_words)

    def clause_terms(self, item: Item) -> list[dict[str, float]]:
        """The terms of each clause of an item, its head's included."""
        return [t for t in (self.terms(c) for c in _CLAUSES.split(item.text) if len(c) >= 4) if t]

    def head_terms(self, item: Item) -> dict[str, float]:
        return self.terms(item.head or item.text)

    def head_clause_terms(self, item: Item) -> list[dict[str, float]]:
        """The item's head, then each clause of it when it has several (学科带头人培养不够，骨干外出
        进修机会少: a measure may write the words of either)."""
        head = item.head or item.text
        clauses = [c for c in _CLAUSES.split(head) if len(c) >= 4]
        return [self.terms(head)] + ([self.terms(c) for c in clauses] if len(clauses) > 1 else [])

    def first_clause_terms(self, item: Item) -> dict[str, float]:
        """The item's first clause: 理论学习不够深入 in 理论学习不够深入，对……学用结合不紧，……"""
        head = item.head or item.text
        return self.terms(_FIRST_CLAUSE.split(head, maxsplit=1)[0])

    def body_clauses(self, item: Item) -> list[str]:
        head = item.head or item.text
        body = item.text.replace(head, "", 1) if head in item.text else item.text
        return [c for c in _CLAUSES.split(body) if len(c) >= 4]

    def stated_terms(self, item: Item) -> list[dict[str, float]]:
        """What a problem whose heading only names its area (2.履职尽责方面。老旧小区加装电梯推进
        缓慢，……, or 队伍建设方面：书记兼任校长的比例高，……) states after it: its first sentences
        and each of their clauses, to be answered like the heading. Nothing for a heading that states the
        problem itself."""
        head = (item.head or "").strip()
        if not head or self.label_head is None:
            return []
        label, colon, rest = head.partition("：") if "：" in head else head.partition(":")
        if colon and rest.strip() and self.label_head.search(label.strip()):
            # the label and the problem in one sentence: 队伍建设方面：书记兼任校长的比例高，……
            body = rest
        elif self.label_head.search(head) and head != item.text.strip():
            body = item.text.split(head, 1)[1] if head in item.text else item.text
        else:
            return []
        body = body.lstrip("。．.：:；;，, \u3000")
        sets = []
        # its sentences (一是……；二是……: each a problem of the area) and their clauses
        for sentence in _HEAD_END_SENTENCE.split(body)[:STATED_SENTENCES]:
            if len(sentence) >= 4:
                sets.append(self.terms(sentence))
                sets += [self.terms(c) for c in _CLAUSES.split(sentence) if len(c) >= 4 and c != sentence]
        return [t for t in sets if t]

    def answer_terms(self, item: Item, concrete_only: bool) -> list[dict[str, float]]:
        """Term sets that can answer a problem: the head, then body clauses (each normalised).

        For measures only concrete clauses count (a number, 每月, 不少于…): a measure answers a
        problem in its heading or in a concrete commitment, not in a passing 创新工作方式方法."""
        sets = [(_normalised(self.head_terms(item)), 1.0)]
        for clause in self.body_clauses(item):
            if concrete_only and not self.concrete.search(clause):
                continue
            sets.append((_normalised(self.terms(clause)), self.body_weight))
        return sets


def matcher(ctx: Context) -> Matcher:
    """The rule set's matcher: built once per data store, from that store's topics."""
    return ctx.data.derived("correspondence.matcher", lambda: Matcher(ctx.data.get("topics"), ctx.tokenizer))


def compute(ctx: Context) -> Correspondence:
    """The correspondence of one document, computed once and shared by all CR rules."""
    if "correspondence" in ctx.cache:
        return ctx.cache["correspondence"]
    problems, causes, measures = bounded_items(ctx)
    pm: list[list[float]] = []
    pc: list[list[float]] = []
    if problems and (measures or causes):
        mt = matcher(ctx)
        p_terms = [mt.head_terms(p) for p in problems]
        p_first = [mt.first_clause_terms(p) for p in problems]
        p_stated = [mt.stated_terms(p) for p in problems]
        p_words = [mt.head_clause_terms(p) for p in problems]
        m_sets = [mt.answer_terms(m, concrete_only=True) for m in measures]
        c_sets = [mt.answer_terms(c, concrete_only=False) for c in causes]
        # a problem whose head names several things is answered when its first clause is
        bw = mt.body_weight
        pm = [
            [
                max(_best(pt, sets), _best(pf, sets), _best_stated(ps, m, bw), max(_shared_words(mt, t, m, bw) for t in pw))
                for m, sets in zip(measures, m_sets)
            ]
            for pt, pf, ps, pw in zip(p_terms, p_first, p_stated, p_words)
        ]
        # a cause may explain what a problem's body describes, so its topics join the head's here
        pc_terms = [{**{t: w * 0.5 for t, w in mt.topics(p.text).items()}, **pt} for p, pt in zip(problems, p_terms)]
        # and a cause that writes the problem's own words explains it, as a measure that does answers it
        pc = [
            [
                max(_best(head, sets), _best(full, sets), _best(first, sets), _best_stated(ps, c, bw), max(_shared_words(mt, t, c, bw) for t in pw))
                for c, sets in zip(causes, c_sets)
            ]
            for head, full, first, ps, pw in zip(p_terms, pc_terms, p_first, p_stated, p_words)
        ]
        threshold, cause_threshold = mt.threshold, mt.cause_threshold
        _named_answers(mt, problems, measures, pm)
        _own_answers(problems, measures, pm)
        _own_answers(problems, causes, pc)
    else:
        pm = [[] for _ in problems]
        pc = [[] for _ in problems]
        threshold, cause_threshold = 0.3, 0.15
    result = Correspondence(problems, causes, measures, pm, pc, threshold, cause_threshold)
    ctx.cache["correspondence"] = result
    return result


def answer_score(ctx: Context, problem: Item, answers: list[Item]) -> float:
    """The best score of ``answers`` (measures) for one ``problem``, as ``compute`` scores a
    problem against the measures (for a kind that reads problems from another part)."""
    if not answers:
        return 0.0
    mt = matcher(ctx)
    head, first, stated = mt.head_terms(problem), mt.first_clause_terms(problem), mt.stated_terms(problem)
    scores = []
    for a in answers:
        sets = mt.answer_terms(a, concrete_only=True)
        bw = mt.body_weight
        words = max(_shared_words(mt, t, a, bw) for t in mt.head_clause_terms(problem))
        scores.append(max(_best(head, sets), _best(first, sets), _best_stated(stated, a, bw), words))
    return max(scores)


def _named_answers(mt: Matcher, problems: list[Item], answers: list[Item], scores: list[list[float]]) -> None:
    """A measure that names its problem (针对增收办法少，……) answers the problems whose text holds
    the words of that name (支部……带领职工增收的办法少): all of them, or all but one when it
    names three or more (针对辅警党员偏少 for 辅警队伍中党员比例偏低)."""
    if mt.names_problem is None:
        return
    for j, a in enumerate(answers):
        m = mt.names_problem.match((a.head or a.text).lstrip())
        if m is None:
            continue
        named = [t for t in mt.terms(m.group("what")) if not t.startswith("#")]
        if not named:
            continue
        for i, p in enumerate(problems):
            found = sum(1 for t in named if _in(t, p.text))
            if found == len(named) or (len(named) >= 3 and found >= len(named) - 1):
                scores[i][j] = max(scores[i][j], 1.0)


def _own_answers(problems: list[Item], answers: list[Item], scores: list[list[float]]) -> None:
    """A cause or measure written inside a problem's own item (layouts.py) answers that problem."""
    index = {id(p): i for i, p in enumerate(problems)}
    for j, a in enumerate(answers):
        i = index.get(id(a.answers)) if a.answers is not None else None
        if i is not None:
            scores[i][j] = 1.0


MAX_ITEMS = 60  # per role; a single report has far fewer (anthologies of many reports have more)


def bounded_items(ctx: Context) -> tuple[list[Item], list[Item], list[Item]]:
    """The problems, causes and measures matched: every problem is scored against every measure
    and cause, so the cost grows with the product of their numbers, i.e. with the square of the
    document. Past ``MAX_ITEMS`` of a role (an anthology of reports in one file) only the first
    ``MAX_ITEMS`` are matched, which keeps the cost linear in the document, and the result
    says so once."""
    outline = ctx.outline
    roles = {role: outline.items(role) for role in ("problems", "causes", "measures")}
    over = {role: len(items) for role, items in roles.items() if len(items) > MAX_ITEMS}
    if over:
        words = ctx.data.get("topics")["too_many_items"]  # the note's words (rules/data/topics.yaml)
        counts = "、".join(words[role].format(n=n) for role, n in over.items())
        ctx.note(f"{ctx.doc.path}: " + words["note"].format(counts=counts, limit=MAX_ITEMS))
    return roles["problems"][:MAX_ITEMS], roles["causes"][:MAX_ITEMS], roles["measures"][:MAX_ITEMS]


def _best(problem: dict[str, float], sets) -> float:
    return max((weight * _cover(problem, terms) for terms, weight in sets), default=0.0)


def _best_stated(stated: list[dict[str, float]], answer: Item, body_weight: float) -> float:
    """How well an answer covers what a problem's body states (``Matcher.stated_terms``): the
    share of a statement's words that the answer writes, in its head (fully) or its body (at
    ``body_weight``), when they share two words or more (three, one in the head, count double). The words are
    looked for in the answer's text, not its word list: the compact dictionary cuts a long run
    of rare words (逾期应收账款逐笔) into characters it then leaves out. Words only: a topic
    both share (患者 in 收受患者红包 and in 优化就诊流程) is too little for a sentence that
    names its matter."""
    if not stated:
        return 0.0
    head = answer.head or answer.text
    body = answer.text
    best = 0.0
    for terms in stated:
        words = [t for t in terms if not t.startswith("#")]
        found = [1.0 if _in(t, head) else body_weight for t in words if _in(t, body) or _in(t, head)]
        # one word in common (联系, 管理) is a coincidence, not an answer; three or more in a
        # long statement, one of them in the answer's head (加大; 逾期, 回收 in its body), are
        # its matter
        if len(found) >= 2:
            cover = sum(found) / len(words)
            best = max(best, min(1.0, cover * 2) if len(found) >= 3 and 1.0 in found else cover)
    return best


def _shared_words(mt: Matcher, terms: dict[str, float], answer: Item, body_weight: float) -> float:
    """How well an answer writes a problem's own words, beside the topics both share: the topics
    (创新, 能力) are what every item is about, the words the matter of this one.

    - two words of the problem or more, one of them in the answer's head (党员管理不够严格 and
      强化管理，…… whose body reads 党员): the share of the problem's words, those in the body at
      ``body_weight``;
    - its specific words (``Matcher.specific``: 科研 in 科研创新能力还不强, not 创新, 能力), one
      of them in the answer's head or two in its body: their share.

    Either counts above ``Matcher.word_share``, up to ``Matcher.word_score`` (topics.yaml).

    The words are looked for in the answer's text (the compact dictionary may cut them otherwise)."""
    words = [t for t in terms if not t.startswith("#")]
    if not words:
        return 0.0
    head = answer.head or answer.text
    in_head = [w for w in words if _in(w, head)]
    in_body = [w for w in words if w not in in_head and _in(w, answer.text)]
    best = 0.0
    if in_head and len(in_head) + len(in_body) >= 2:
        best = (len(in_head) + body_weight * len(in_body)) / len(words)
    spec = [w for w in words if mt.specific(w)]
    if spec:
        spec_head = sum(1 for w in spec if w in in_head)
        spec_body = sum(1 for w in spec if w in in_body)
        if spec_head or spec_body >= 2:
            best = max(best, (spec_head + body_weight * spec_body) / len(spec))
    # less than half of them is a coincidence of the genre's words (思想 and 干部 in a long problem)
    return min(best, mt.word_score) if best > mt.word_share else 0.0


def _body_link(mt: Matcher, problem: list[dict[str, float]], answer: Item, clauses: list[dict[str, float]]) -> bool:
    """Whether an answer writes the matter of a clause of a problem (its head or its body), in a
    clause of its own, concrete or not (``clauses``): two words in common (素质, 能力), or a topic
    and a specific word (#integration and 业务工作 in 业务工作结合不紧密 and 用党建工作统揽业务工作);
    or in its head and its body: a word of the clause in its head (服务), another in its body
    (党组织). The genre's common words (``common_words``: 党员, 领导) are not counted. Too little to
    say that the problem is answered, enough to say that the answer is not beside every problem."""
    head = answer.head or answer.text
    for pt in problem:
        words = [t for t in pt if not t.startswith("#") and not mt.common(t)]
        if not words:
            continue
        in_head = [w for w in words if _in(w, head)]
        if in_head and any(_in(w, answer.text) for w in pt if not w.startswith("#") and w not in in_head):
            return True
        for at in clauses:
            if pt.keys().isdisjoint(at):
                continue
            shared = [t for t in words if t in at]
            if len(shared) >= 2 or (len(shared) == 1 and mt.specific(shared[0]) and any(t.startswith("#") and t in at for t in pt)):
                return True
    return False


def _one_order(word: str) -> str:
    """One order for a four-character word of two two-character words (能力素质 = 素质能力)."""
    if len(word) == 4:
        return min(word, word[2:] + word[:2])
    return word


def _in(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word``, in either order of its halves (``_one_order``)."""
    return word in text or (len(word) == 4 and word[2:] + word[:2] in text)


def _normalised(terms: dict[str, float]) -> dict[str, float]:
    top = max(terms.values(), default=1.0)
    return {t: w / top for t, w in terms.items()}


def _cover(problem: dict[str, float], answer: dict[str, float]) -> float:
    if problem.keys().isdisjoint(answer):  # most pairs: nothing in common (same result, no sums)
        return 0.0
    total = sum(problem.values())
    if not total:
        return 0.0
    return sum(w * answer.get(t, 0.0) for t, w in problem.items()) / total


class _CorrespondenceKind(CheckKind):
    """What the problem–cause–measure kinds share: one ``compute(ctx)`` per document."""

    needs_tokenizer = True
    data_files = ("topics",)
    #: the ``check:`` value of the former ``kind: correspondence`` that this kind replaces
    replaces: tuple[str, str] | None = None

    def check(self, ctx: Context) -> Iterable[Hit]:  # pragma: no cover - interface
        raise NotImplementedError


_MIN_PROBLEMS = "至少有几个问题才检查"


class UnansweredProblemKind(_CorrespondenceKind):
    """A problem that no measure answers."""

    name = "unanswered-problem"
    description = "问题—措施对应：没有任何一条措施回应的问题（每个问题一条）"
    replaces = ("correspondence", "unanswered-problem")
    params = {}

    @classmethod
    def annotate_outline(cls, ctx: Context) -> None:
        """The problem–cause–measure table on the outline (``--outline``, the html page)."""
        ctx.outline.correspondence = compute(ctx).as_rows()

    def check(self, ctx: Context) -> Iterable[Hit]:
        c = compute(ctx)
        if not c.measures or not c.problems:
            return
        for i, p in enumerate(c.problems):
            j, score = c.best_measure(i)
            if score < c.threshold:
                listing = "、".join(f"“{short(m.head or m.text, 12)}”" for m in c.measures)
                yield Hit(p.start, _end_of_head(ctx, p), vars={"problem": short(p.head or p.text, 20), "measures": listing, "n": len(c.measures)})


class MeasureCountKind(_CorrespondenceKind):
    name = "measure-count"
    description = "问题—措施对应：措施条数少于问题条数"
    replaces = ("correspondence", "measure-count")
    params = {"min_problems": Param(int, _MIN_PROBLEMS, default=2)}

    def check(self, ctx: Context) -> Iterable[Hit]:
        c = compute(ctx)
        if len(c.problems) >= self.p["min_problems"] and c.measures and len(c.measures) < len(c.problems):
            sec = ctx.outline.by_role("measures")[0]
            yield Hit(*ctx.line_anchor(sec.line), vars={"problems": len(c.problems), "measures": len(c.measures)})


class CauseCoverageKind(_CorrespondenceKind):
    """Problems the cause analysis leaves out: the rule's ``message`` names them ({problems}); the
    variant ``single-cause`` is used when one cause sentence is made to explain many problems."""

    name = "cause-coverage"
    description = "问题—原因对应：原因分析没有覆盖所列问题，或只有一句原因却要解释多个问题"
    replaces = ("correspondence", "cause-coverage")
    params = {
        "min_problems": Param(int, _MIN_PROBLEMS, default=2),
        "unrelated_below": Param((int, float), "问题与全部原因的相似度低于此值才算没有分析原因", default=0.08),
    }
    variants = {"single-cause": "只有一句原因分析却要解释至少 3 个问题时；可用 {cause}（那句原因的开头）、{n}（问题数）"}

    def check(self, ctx: Context) -> Iterable[Hit]:
        c = compute(ctx)
        if not c.causes or len(c.problems) < self.p["min_problems"]:
            return
        anchor = ctx.line_anchor(ctx.outline.by_role("causes")[0].line)
        covered = sum(1 for i in range(len(c.problems)) if max(c.pc[i], default=0.0) >= c.cause_threshold)
        if len(c.causes) == 1 and len(c.problems) >= 3 and covered * 2 < len(c.problems):
            yield Hit(*anchor, variant="single-cause", vars={"cause": short(c.causes[0].text, 24), "n": len(c.problems)})
            return
        if generic_causes(ctx, c):
            return  # 思想认识、责任意识、能力本领、工作作风…: causes of all the problems at once
        # a problem counts as left out only when the causes share next to nothing with it
        missing = [p for i, p in enumerate(c.problems) if max(c.pc[i], default=0.0) < self.p["unrelated_below"]]
        if missing and len(missing) < len(c.problems) or (missing and len(c.problems) >= 2 and len(missing) == len(c.problems) and len(c.causes) >= 2):
            names = "、".join(f"“{short(p.head or p.text, 14)}”" for p in missing)
            yield Hit(*anchor, vars={"problems": names, "n": len(missing)})


def generic_causes(ctx: Context, c: Correspondence) -> bool:
    """Causes given as the usual subjective failings, each of them: they explain all the
    problems together (the common way to write a cause analysis), not one problem each."""
    if len(c.causes) < 2 or any(cause.answers is not None for cause in c.causes):
        return False
    mt = matcher(ctx)
    words = mt.generic_causes or mt.subjective
    generic = sum(
        1
        for cause in c.causes
        if any(w in (cause.head or cause.text) for w in words)
        and not any(w in (cause.head or cause.text) for w in mt.objective)
    )
    return generic >= 2 and generic * 2 >= len(c.causes)


class GeneralCausesKind(_CorrespondenceKind):
    """Generic causes that name no topic of any problem: at most a hint."""

    name = "general-causes"
    description = "问题—原因对应：原因分析只有一般的主观原因，没有一条说到所列的具体问题"
    replaces = ("correspondence", "general-causes")
    params = {"min_problems": Param(int, _MIN_PROBLEMS, default=2)}

    def check(self, ctx: Context) -> Iterable[Hit]:
        c = compute(ctx)
        if len(c.problems) < self.p["min_problems"] or not generic_causes(ctx, c):
            return
        if any(max(c.pc[i], default=0.0) >= c.cause_threshold for i in range(len(c.problems))):
            return
        yield Hit(*ctx.line_anchor(ctx.outline.by_role("causes")[0].line), vars={"n": len(c.problems), "causes": len(c.causes)})


class ObjectiveCauseKind(_CorrespondenceKind):
    """The cause analysis starts from, or dwells on, objective causes. The rule's ``message`` is
    for a first cause that is objective; the variant ``mostly-objective`` for more objective than
    subjective wording overall."""

    name = "objective-cause"
    description = "原因分析从客观原因讲起，或客观原因多于主观原因（用词按 topics.yaml 的 objective / subjective）"
    replaces = ("correspondence", "objective-cause")
    params = {}
    variants = {"mostly-objective": "客观原因的用词多于主观原因时；可用 {objective}、{subjective}（两类用词的处数）和 {evidence}"}

    def check(self, ctx: Context) -> Iterable[Hit]:
        causes = ctx.outline.items("causes")
        if not causes:
            return
        mt = matcher(ctx)
        first = causes[0]
        lead = first.head or first.text
        objective_first = next((w for w in mt.objective if w in lead), None)
        all_text = "".join(c.text for c in causes)
        n_obj = sum(all_text.count(w) for w in mt.objective)
        n_subj = sum(all_text.count(w) for w in mt.subjective)
        if objective_first or (n_obj > n_subj and n_obj >= 2):
            evidence = objective_first or next(w for w in mt.objective if w in all_text)
            pos = ctx.text.find(evidence, first.start if objective_first else causes[0].start)
            if pos < 0:
                pos = first.start
            variant = None if objective_first else "mostly-objective"
            yield Hit(pos, pos + len(evidence), variant=variant, vars={"evidence": evidence, "objective": n_obj, "subjective": n_subj})


class OrphanMeasureKind(_CorrespondenceKind):
    name = "orphan-measure"
    description = "问题—措施对应：不回应任何问题（或原因）的措施"
    replaces = ("correspondence", "orphan-measure")
    params = {}

    def check(self, ctx: Context) -> Iterable[Hit]:
        c = compute(ctx)
        if not c.problems or not c.measures:
            return
        cause_terms = None
        problem_clauses = None
        for j, m in enumerate(c.measures):
            best = max((c.pm[i][j] for i in range(len(c.problems))), default=0.0)
            if best < c.threshold:
                # it may write the matter of a problem in other words, or of a problem's body
                mt = matcher(ctx)
                if problem_clauses is None:
                    problem_clauses = [mt.clause_terms(p) for p in c.problems]
                answer = mt.clause_terms(m)
                if any(_body_link(mt, pcl, m, answer) for pcl in problem_clauses):
                    continue
            if best < c.threshold and c.causes:
                # a measure may answer a cause (思想认识不到位 -> 提高政治站位) rather than a problem
                mt = matcher(ctx)
                if cause_terms is None:
                    cause_terms = [mt.head_terms(k) for k in c.causes]
                sets = mt.answer_terms(m, concrete_only=True)
                best = max(best, max((_best(ct, sets) for ct in cause_terms), default=0.0))
            if best < c.threshold:
                yield Hit(m.start, _end_of_head(ctx, m), vars={"measure": short(m.head or m.text, 20)})


class AnnouncedCountKind(_CorrespondenceKind):
    """“主要有以下三个方面” followed by a different number of items."""

    name = "announced-count"
    description = "引导语说有几条（主要有以下三个方面），下面实际列出的条数不同"
    replaces = ("correspondence", "announced-count")
    needs_tokenizer = False
    params = {
        "announce": Param(str, "引导语的正则，须有命名分组 num（一到两位的汉字数字或阿拉伯数字）", required=True, regex=True),
    }

    def __init__(self, rule):
        super().__init__(rule)
        from shuzhi_lint.checks.pattern import compile_pattern

        self.announce = compile_pattern(self.p["announce"], "announce")
        if "num" not in self.announce.groupindex:
            raise ParamError("announce", "announce 必须有命名分组 (?P<num>…)")

    def check(self, ctx: Context) -> Iterable[Hit]:
        announce = self.announce
        for sec in ctx.outline.sections:
            if sec.role not in ("problems", "causes", "measures") or not sec.items:
                continue
            if not all(i.enumerated for i in sec.items):
                continue
            start = ctx.doc.line_span(sec.line)[0]
            first_item = sec.items[0].start
            m = announce.search(ctx.text, start, max(start, first_item))
            if not m:
                continue
            announced = ordinal(m.group("num"))
            if announced and announced != len(sec.items):
                yield Hit(m.start(), m.end(), vars={"announced": announced, "listed": len(sec.items)})


_HEAD_END = compile_std(r"[。；;！？\n]")


def _end_of_head(ctx: Context, item: Item) -> int:
    text = ctx.text
    stop = _HEAD_END.search(text, item.start, item.end)
    end = stop.start() if stop else item.end
    return max(end, item.start + 1)
