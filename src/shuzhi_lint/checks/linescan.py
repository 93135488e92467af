"""Checks that look only inside a line, with the hits of lines (and clauses) seen before remembered.

A report in a batch shares much of its wording with the others, like the tokenizer's recent blocks:
``by_line`` runs a check line by line and clause by clause, and ``LineScanKind`` is the base of the
spelling checks that work that way (WD008, WD009, WD012, WD013).
"""

from __future__ import annotations

import re
from typing import Iterable

from shuzhi_lint.checks.base import CheckKind, Context, Hit
from shuzhi_lint.checks.lexicon import SpellingData, spelling_data
from shuzhi_lint.rules import Param


class Line:
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
#: five characters past a clause's ends (WD012's four-character lookup, ``i - 3`` to ``i + 3``;
#: WD008's ``start - 2`` to ``start + 5`` for a window of Han characters; MissingCharKind's GB2312
#: test, ``start - 2``, and its list items, ``start - 5``: the item before a 、 as short as the
#: one after it); the longer walks (``_clause``, ``_best``'s window) stop at the cut
_CLAUSE_CONTEXT = 5
#: what setting up a run on a clause costs, in characters scanned
_PIECE_COST = 24
#: lines remembered before clauses are: a single report has too few lines to share clauses
#: (remembering them costs more there than it saves)
_WARM_LINES = 100


def by_line(ctx: Context, key: tuple, run) -> Iterable[Hit]:
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
                hits = list(run(Line(ctx, line)))
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
    """The hits of ``run`` on ``line``, clause by clause (see ``by_line``): the clauses not seen
    before are run with their context, or, when they make most of the line (the first report of a
    run), the whole line is, and its hits are remembered clause by clause."""
    k = _CLAUSE_CONTEXT
    pieces = _clause_keys(ctx, line)
    if pieces is None:
        return list(run(Line(ctx, line)))
    memo = ctx.data.derived(("spelling.clauses",) + key, dict)
    clauses = []  # (start, end, key, remembered hits or None)
    todo = 0  # characters the clauses not seen before would take, with context and a piece's set-up
    get = memo.get
    for s, e, ckey in pieces:
        hits = get(ckey)
        if hits is None:
            todo += e - s + 2 * k + _PIECE_COST
        clauses.append((s, e, ckey, hits))
    if len(memo) >= LINE_MEMO_SIZE:
        memo.clear()
    out: list[Hit] = []
    if todo >= len(line):
        # the whole line at once: its hits inside each clause are the clause's hits
        found = list(run(Line(ctx, line)))
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
                                 for h in run(Line(ctx, line[a:e + k])) if s <= h.start + a < e]
        out.extend(Hit(s + h.start, s + h.end, vars=h.vars, message=h.message, variant=h.variant,
                       replacement=h.replacement, applicability=h.applicability) for h in hits)
    return out


def _clause_keys(ctx: Context, line: str) -> list[tuple[int, int, tuple]] | None:
    """The clauses of ``line`` as (start, end, memo key), None for a line with no cut: found once
    per document and line, for all the line checks (``ctx.cache``)."""
    cut = ctx.cache.get("linescan.clauses")
    if cut is None:
        cut = ctx.cache["linescan.clauses"] = {}
    pieces = cut.get(line, False)
    if pieces is not False:
        return pieces
    k = _CLAUSE_CONTEXT
    bounds = [0] + [m.end() for m in _CLAUSE_CUT.finditer(line)]
    if len(bounds) == 1:
        pieces = None
    else:
        bounds.append(len(line))
        pieces = [(s, e, (line[max(0, s - k):s], line[s:e], line[e:e + k])) for s, e in zip(bounds, bounds[1:]) if s < e]
    cut[line] = pieces
    return pieces


def recurs(text: str, h: Hit) -> bool:
    """Whether the form ``h`` found is written twice or more in the report: then it is a term of its
    own (客服, 微课, 中心校) that no dictionary holds, not a slip."""
    return text.count(text[h.start:h.end]) >= 2


class LineScanKind(CheckKind):
    """A check that looks only inside a line, with the spelling data: runs ``_check_line`` on each
    line (a ``Line`` context), the hits of lines seen before remembered (see ``by_line``)."""

    needs_tokenizer = True
    data_files = ("spelling_chars",)
    params = {"data": Param(str, "rules/data 中的拼写数据文件名", default="spelling")}

    def check(self, ctx: Context) -> Iterable[Hit]:
        key = (self.name,) + tuple((k, repr(v)) for k, v in sorted(self.p.items()))
        return by_line(ctx, key, lambda line: self._check_line(line, spelling_data(line, self.p["data"])))

    def _check_line(self, ctx: "Line", data: SpellingData) -> Iterable[Hit]:
        raise NotImplementedError


def after_sentence(text: str, nl: int) -> bool:
    """Whether the line before the line break at ``nl`` ends a sentence or a clause (its last mark
    is one of 。！？；：，, closing quotes and brackets aside); a blank line or a heading does not."""
    k = nl
    while k > 0 and text[k - 1] in " \t\r\u3000”’）)」』":
        k -= 1
    return k > 0 and text[k - 1] in "。！？；：，"
