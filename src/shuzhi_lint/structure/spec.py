"""The outline's words: role keywords, paragraph openers and the cues of each stage.

All of them come from ``rules/data/sections.yaml`` (through the rule set's data store, optionally
overridden by the config or a genre profile); this module only compiles them.
"""

from __future__ import annotations

import re

ROLES = ("title", "preamble", "rectification", "achievements", "problems", "causes", "measures", "closing", "other")


class SectionSpec:
    """Compiled role keywords and stage cues (rules/data/sections.yaml, optionally overridden by config)."""

    def __init__(self, data: dict):
        self.order = {r: i for i, r in enumerate(data.get("order", []))}
        roles = data.get("roles", {})
        self.heading_words = {r: list(v.get("heading", [])) for r, v in roles.items()}
        self.openers = {r: [re.compile(p) for p in v.get("opener", [])] for r, v in roles.items()}
        self.announce = {r: re.compile(v["announce"]) for r, v in roles.items() if v.get("announce")}
        pairs = data.get("traditional", "") or ""
        self.simplify = str.maketrans(pairs[0::2], pairs[1::2]) if len(pairs) % 2 == 0 else {}
        self.cues = Cues(data.get("cues") or {})

    def heading_roles(self, text: str) -> list[tuple[int, str]]:
        """Roles named in a heading, as (position, role), overlaps resolved to the later-ending match."""
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


class Cues:
    """The stages' cue patterns (``cues:`` in sections.yaml), each a regex."""

    def __init__(self, data: dict):
        def cue(key: str) -> re.Pattern:
            return re.compile(data.get(key) or _NEVER)

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
