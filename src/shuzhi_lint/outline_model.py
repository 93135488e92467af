"""The outline's data: headings, items, role-tagged sections and the outline itself.

Built by ``structure.build_outline`` and its stages (``structure/``); read by the checks and
the outline formatter. A module of its own so that the stages can share these types without
importing the parser that calls them.
"""

from __future__ import annotations

from dataclasses import field

from shuzhi_lint.records import record

@record
class Heading:
    """A numbered heading of the outline."""

    line: int
    level: int
    number: int
    marker: str  # the number with its marks, e.g. "（一）", "1."
    mark: str  # the punctuation after the number ("、", ".", "，" ...)
    text: str  # heading text after the marker, up to the first full stop
    start: int  # offset of the marker
    marker_end: int
    parent: "Heading | None" = None


@record
class Item:
    """An item of a section: an enumerated point, or a sentence split out of a paragraph."""

    line: int
    end_line: int
    text: str
    start: int
    end: int
    head: str = ""  # the item's heading or first sentence: what it is about
    enumerated: bool = True  # False for sentences/clauses split out of a plain paragraph
    answers: "Item | None" = None  # a cause or measure written inside this problem item (layouts.py)

    def as_dict(self) -> dict:
        return {"line": self.line, "end_line": self.end_line, "text": self.text}


@record
class Section:
    """A part of the report with its role (problems, causes, measures ...) and its items."""

    role: str
    heading: str | None
    level: int
    line: int
    end_line: int
    items: list[Item] = field(default_factory=list)
    explicit: bool = False  # role named by a heading keyword rather than inferred
    per_problem: bool = False  # problems each followed by their own cause/measure paragraph (layouts.py)

    def as_dict(self) -> dict:
        return {
            "role": self.role,
            "heading": self.heading,
            "level": self.level,
            "line": self.line,
            "end_line": self.end_line,
            "items": [i.as_dict() for i in self.items],
        }


@record
class Outline:
    """A report's structure: title, year, sections and headings."""

    path: str
    title: str | None
    title_line: int | None
    year: int | None
    sections: list[Section]
    headings: list[Heading]
    correspondence: list[dict] | None = None
    year_source: str | None = None  # option, title or preamble
    genre: str | None = None  # the genre profile's id (rules/data/genres.yaml)
    genre_name: str | None = None
    genre_source: str | None = None  # option, config, title, opening, fallback, not-a-report

    def by_role(self, role: str) -> list[Section]:
        return [s for s in self.sections if s.role == role]

    def has(self, role: str) -> bool:
        return any(s.role == role for s in self.sections)

    def role_of_line(self, line: int) -> str | None:
        for s in self.sections:
            if s.line <= line <= s.end_line:
                return s.role
        return None

    def items(self, role: str) -> list[Item]:
        return [i for s in self.by_role(role) for i in s.items]

    def as_dict(self) -> dict:
        d = {
            "path": self.path,
            "title": self.title,
            "year": self.year,
            "sections": [s.as_dict() for s in self.sections],
        }
        if self.genre is not None:
            d["genre"] = self.genre
        if self.correspondence is not None:
            d["correspondence"] = self.correspondence
        return d
