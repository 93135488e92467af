"""Stage 3, roles: the body's lines read in order, each starting, continuing or labelling a section.

A top-level heading's keywords give its section a role, a combined heading (存在的问题及原因分析)
gives several, and a sub-heading may switch among them; inside a section or in a report without
headings, paragraph openers (究其原因…, 下一步…) move the role forward. Roles only move forward
(achievements -> problems -> causes -> measures -> closing), which keeps a 解决问题 inside the
achievements from starting a problems section.
"""

from __future__ import annotations


from shuzhi_lint.outline_model import Heading, Section
from shuzhi_lint.structure.items import enum_markers
from shuzhi_lint.structure.page import Page
from shuzhi_lint.structure.spec import SectionSpec
from shuzhi_lint.patterncache import compile_std

_SENTENCES = compile_std(r"(?<=[。！？!?])")
_CLOSING_AFTER = ("problems", "causes", "measures", "other", "achievements")
_NEAR_END = 3  # lines: a closing paragraph is among the last ones


class RoleReader:
    """Reads the body line by line into role-tagged sections."""

    def __init__(self, page: Page, spec: SectionSpec, body: list[int], headings: list[Heading], sections: list[Section]):
        self.page, self.spec, self.sections = page, spec, sections
        keyword_levels = [h.level for h in headings if spec.heading_roles(h.text)]
        self.top_level = min(keyword_levels) if keyword_levels else None
        self.first_heading = headings[0].line if headings else None
        self.last_lines = set(body[-_NEAR_END:])
        self.cur: Section | None = None
        self.top_roles: list[str] = []  # the roles the current top-level heading names
        self.pending: str | None = None  # a role announced at the end of the previous paragraph
        self.labels: set[int] = set()  # sub-headings that only repeat their section's role

    @property
    def role(self) -> str:
        return self.cur.role if self.cur else "preamble"

    def seen(self, role: str) -> bool:
        return any(s.role == role for s in self.sections)

    def open(self, role: str, heading: str | None, level: int, line: int, explicit: bool) -> None:
        if self.cur is not None and self.cur.line == line:
            self.sections.remove(self.cur)
        self.cur = Section(role, heading, level, line, line, explicit=explicit)
        self.sections.append(self.cur)

    def read(self, n: int) -> None:
        h = self.page.heading_of.get(n)
        if h and self.top_level is not None and h.level <= self.top_level:
            self.top_heading(n, h)
            return
        if self.cur is None and (self.first_heading is None or n < self.first_heading):
            self.open("preamble", None, 0, n, False)
            if self.first_heading is not None:
                return
        if h:
            self.sub_heading(n, h)
        else:
            self.paragraph(n)

    def top_heading(self, n: int, h: Heading) -> None:
        roles = [r for _, r in self.spec.heading_roles(h.text)]
        if roles:
            self.open(roles[0], self.page.text_of[n], h.level, n, True)
        else:
            self.open("other" if self.seen("problems") else "achievements", self.page.text_of[n], h.level, n, False)
        self.top_roles = roles
        self.pending = None

    def sub_heading(self, n: int, h: Heading) -> None:
        """A sub-heading may switch the role: （一）存在问题 / （二）原因分析 under a combined heading."""
        named = self.spec.heading_roles(h.text)
        if named:
            pos, role = named[0]
            now = self.role
            if role != now and (role in self.top_roles or pos <= 2) and self.spec.rank(role) > self.spec.rank(now):
                self.open(role, self.page.text_of[n], h.level, n, True)
                self.pending = None
                return
            if role == now and pos <= 2 and len(h.text) <= 12:
                self.labels.add(n)  # （一）存在的问题 under 二、存在的问题及原因: a label, not an item
                return
        if self.role == "preamble":
            self.open("achievements", None, 0, n, False)
        self.pending = None

    def paragraph(self, n: int) -> None:
        """A plain paragraph: openers move the role forward."""
        text = self.page.text_of[n]
        switched = paragraph_role(self.spec, self.spec.simplified(text), self.role, self.cur, n in self.last_lines,
                                  self.pending, self.seen)
        self.pending = None
        if switched:
            self.open(switched, None, 0, n, False)
        elif self.role == "preamble" and self.cur is not None and self.cur.line != n and self.first_heading is None:
            self.open("achievements", None, 0, n, False)
        if self.role in ("problems", "causes") and _announces_measures(self.spec, text):
            self.pending = "measures"


def _announces_measures(spec: SectionSpec, text: str) -> bool:
    """A paragraph of several sentences whose last one announces the measures after it."""
    ann = spec.announce.get("measures")
    last = [s for s in _SENTENCES.split(text) if s.strip()]
    return bool(ann and len(last) > 1 and ann.search(last[-1]) and not enum_markers(spec, last[-1]))


def _candidates(spec: SectionSpec, text: str, role_now: str, explicit: bool, near_end: bool) -> list[str] | str:
    """The roles a paragraph's opener may start, or the one role it starts by itself."""
    candidates = ["closing"] if near_end and role_now in _CLOSING_AFTER else []
    # under a heading that names its role, openers may only split causes or measures off a
    # problems/causes section; without one, any later role may begin
    if not explicit:
        candidates += ["rectification", "problems", "causes", "measures"]
    elif role_now in ("problems", "causes"):
        candidates += ["causes", "measures"]
    elif role_now in ("achievements", "other") and spec.cues.back_to_problems.match(text):
        return "causes"  # 产生上述问题的原因：… after problems the heading of which is missing
    return candidates


def paragraph_role(spec: SectionSpec, text: str, role_now: str, cur: Section | None, near_end: bool,
                   pending: str | None, seen) -> str | None:
    """The role a paragraph starts, if any (a role announced by the paragraph before comes first)."""
    rank_now = spec.rank(role_now)
    if pending and spec.rank(pending) > rank_now:
        return pending
    candidates = _candidates(spec, text, role_now, cur is not None and cur.explicit, near_end)
    if isinstance(candidates, str):
        return candidates
    for role in spec.order:
        if role not in candidates or spec.rank(role) <= rank_now:
            continue
        if role == "rectification" and seen("achievements"):
            continue
        if _opens(spec, role, role_now, text):
            return role
    return None


def _opens(spec: SectionSpec, role: str, role_now: str, text: str) -> bool:
    """Whether the paragraph opens a section of ``role``: by an opener, or for the problems by an
    announcement followed by an enumeration (存在以下问题：一是……)."""
    if any(p.search(text) for p in spec.openers.get(role, [])):
        # 二是……，原因在于……: a problem item that gives its own cause (layouts.py)
        return not (role == "causes" and role_now == "problems" and _cause_inside_item(spec, text))
    ann = spec.announce.get(role)
    if role == "problems" and ann:
        m = ann.search(text)
        return bool(m and (enum_markers(spec, text[m.end():]) or spec.cues.listing.search(m.group(0))))
    return False


def _cause_inside_item(spec: SectionSpec, text: str) -> bool:
    """An enumerated item that states a problem first and its cause after it."""
    m = spec.cues.item_marker.match(text)
    if not m:
        return False
    cue = spec.cues.cause_in_item.search(text)
    return cue is not None and cue.start() - m.end() >= 4


def read_roles(page: Page, spec: SectionSpec, body: list[int], headings: list[Heading], sections: list[Section]) -> set[int]:
    """Append the body's sections to ``sections``; their line ranges close at the next section.
    Returns the sub-headings that are labels of their section (not items)."""
    reader = RoleReader(page, spec, body, headings, sections)
    for n in body:
        reader.read(n)
    close_ranges(page, sections)
    return reader.labels


def close_ranges(page: Page, sections: list[Section]) -> None:
    """Each section ends at the last non-empty line before the next one."""
    for i, s in enumerate(sections):
        last = sections[i + 1].line - 1 if i + 1 < len(sections) else page.lines[-1]
        own = page.between(s.line, last)
        s.end_line = own[-1] if own else s.line
