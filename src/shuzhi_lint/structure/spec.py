"""The outline's words: role keywords, paragraph openers and the cues of each stage.

All of them come from ``rules/data/sections.yaml`` (through the rule set's data store, optionally
overridden by the config or a genre profile); this module only compiles them.
"""

from __future__ import annotations

import re

from shuzhi_lint.document import MASK
from shuzhi_lint.errors import LintError
from shuzhi_lint.numerals import SMALL, SMALL_DIGITS
from shuzhi_lint.patterncache import compile_std

ROLES_MEMO_SIZE = 20000  # heading texts whose roles a SectionSpec remembers
ROLES = ("title", "preamble", "rectification", "achievements", "problems", "causes", "measures", "closing", "other")


class SectionSpec:
    """Compiled role keywords and stage cues (rules/data/sections.yaml, optionally overridden by config)."""

    def __init__(self, data: dict):
        self.order = {r: i for i, r in enumerate(data.get("order", []))}
        roles = data.get("roles", {})
        self.heading_words = {r: list(v.get("heading", [])) for r, v in roles.items()}
        self.openers = {r: [compile_std(p) for p in v.get("opener", [])] for r, v in roles.items()}
        self.announce = {r: compile_std(v["announce"]) for r, v in roles.items() if v.get("announce")}
        pairs = data.get("traditional", "") or ""
        self.simplify = str.maketrans(pairs[0::2], pairs[1::2]) if len(pairs) % 2 == 0 else {}
        self.cues = Cues(data.get("cues") or {})
        # heading_roles of headings seen before: the outline asks up to three times per heading,
        # and a batch's reports share most headings (each call looks up ~70 words)
        self._roles: dict[str, tuple[tuple[int, str], ...]] = {}

    def heading_roles(self, text: str) -> list[tuple[int, str]]:
        """Roles named in a heading, as (position, role), overlaps resolved to the later-ending match."""
        found = self._roles.get(text)
        if found is None:
            found = tuple(self._heading_roles(text))
            if len(self._roles) >= ROLES_MEMO_SIZE:
                self._roles.clear()
            self._roles[text] = found
        return list(found)

    def _heading_roles(self, text: str) -> list[tuple[int, str]]:
        if self.simplify:
            text = text.translate(self.simplify)
        matches = []
        for role, words in self.heading_words.items():
            best = _first_longest(text, words)
            if best:
                matches.append((best[0], best[1], role))
        matches.sort()
        kept: list[tuple[int, int, str]] = []
        for m in matches:
            if kept and m[0] < kept[-1][1]:
                # the head noun of a Chinese compound comes last: 存在问题整改 is about 整改
                if m[1] > kept[-1][1]:
                    kept[-1] = m
                continue
            kept.append(m)
        return [(p, r) for p, _, r in kept]

    def rank(self, role: str) -> int:
        return self.order.get(role, 99)

    def simplified(self, text: str) -> str:
        return text.translate(self.simplify) if self.simplify else text


def _first_longest(text: str, words: list[str]) -> tuple[int, int] | None:
    """(start, end) of the earliest of ``words`` in ``text``, the longest at the same place."""
    best = None
    for w in words:
        pos = text.find(w)
        if pos >= 0 and (best is None or pos < best[0] or (pos == best[0] and pos + len(w) > best[1])):
            best = (pos, pos + len(w))
    return best


_NEVER = "(?!)"  # a cue left out of the data matches nothing


_AFTER_STOP = r"(?:(?<=^)|(?<=[。；;：:！!？?\s" + MASK + r"]))"  # at the start of a text or sentence
_AFTER_COMMA = r"(?:(?<=^)|(?<=[。；;：:！!？?，,\s" + MASK + r"]))"  # … or of a clause


def _alternatives(words: list[str]) -> str:
    return "|".join(map(re.escape, words)) or _NEVER


def item_marker(cues: dict) -> re.Pattern:
    """The marker an item opens with (一是, 首先, （一）, （1）, 1.) and the comma after it, from
    the ``cues:`` of sections.yaml (``item-enumeration`` and ``sequence``)."""
    numbered = cues.get("item-enumeration") or _NEVER
    sequence = _alternatives(list(cues.get("sequence") or []))
    return compile_std(rf"^(?:{SMALL}(?:{numbered})|{sequence}|[（(][{SMALL_DIGITS}\d]+[）)]|\d+[.．、])[，,]?")


CUE_KEYS = (
    "title", "opening", "enumeration", "sequence", "item-enumeration", "back-to-problems", "problems-listing",
    "cause-in-item", "forward", "problem-clause", "lead-in", "cause-in-problem", "measure-in-problem",
    "measure-turn", "problem-word", "table-other", "table-causes", "table-measures", "table-problems",
)


class Cues:
    """The stages' cue patterns (``cues:`` in sections.yaml), each a regex unless said otherwise.

    Every one must be there: a sections.yaml of a rule folder replaces the built-in file as a
    whole, and one written before the cues moved out of the code must say so, not quietly parse
    reports differently."""

    def __init__(self, data: dict):
        missing = [k for k in CUE_KEYS if k not in data]
        if missing:
            raise LintError(
                f"sections.yaml 缺少 cues 中的 {'、'.join(missing)}：这些是大纲各阶段查找的词，"
                "请从内置的 rules/data/sections.yaml 复制 cues 部分"
            )

        def cue(key: str) -> re.Pattern:
            try:
                return compile_std(data[key] or _NEVER)
            except (re.error, TypeError) as e:
                raise LintError(f"sections.yaml 中 cues.{key} 不是有效的正则表达式：{data[key]!r}（{e}）") from None

        for key in CUE_KEYS:
            if key != "sequence":
                cue(key)  # each one a valid regex
        sequence = data["sequence"] or []
        if not isinstance(sequence, list) or not all(isinstance(w, str) and w for w in sequence):
            raise LintError(f"sections.yaml 中 cues.sequence 必须是词的列表（如 [首先, 其次, 再次, 最后]），而不是 {sequence!r}")
        #: 首先 -> 1, 其次 -> 2 …
        self.sequence = {w: i + 1 for i, w in enumerate(sequence)}
        self.enumeration = compile_std(
            _AFTER_COMMA + rf"(?P<num>{SMALL})(?:{data.get('enumeration') or _NEVER})(?![\d０-９])"
        )
        self.sequence_marker = compile_std(_AFTER_STOP + rf"(?P<word>{_alternatives(sequence)})(?=[，,])")
        self.item_marker = item_marker(data)

        self.title = cue("title")
        self.opening = cue("opening")
        self.back_to_problems = cue("back-to-problems")
        self.listing = cue("problems-listing")
        self.cause_in_item = cue("cause-in-item")
        self.forward = cue("forward")
        self.problem_clause = cue("problem-clause")
        self.lead_in = cue("lead-in")
        self.cause_in_problem = cue("cause-in-problem")
        self.measure_in_problem = cue("measure-in-problem")
        self.measure_turn = cue("measure-turn")
        self.problem_word = cue("problem-word")
        self.table_other = cue("table-other")
        self.table_columns = {role: cue(f"table-{role}") for role in ("causes", "measures", "problems")}
