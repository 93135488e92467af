"""Genre profiles (体裁): which kind of document a text is, and what that kind is expected to contain.

Profiles are data (``rules/data/genres.yaml``). A profile names the parts its genre needs, the
wordings of their headings, the order of parts, the rules that apply and its own messages. The
genre comes from ``--genre``, the config (``per-file-genre``, ``genre``), or is recognised from
the title and the opening; a text that does not read as a report gets the profile ``none``.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import field
from pathlib import Path

from shuzhi_lint.errors import LintError
from shuzhi_lint.numerals import SMALL
from shuzhi_lint.patterncache import compile_std
from shuzhi_lint.records import record
from shuzhi_lint.structure.spec import ROLES

NONE = "none"
#: what is not Han, and white space, in runs: the text with them taken out is counted (no list of
#: one-character strings)
_NOT_HAN = compile_std(r"[^\u4e00-\u9fff]+")
_SPACES = compile_std(r"\s+")
_LIST_LINE = compile_std(r"^\s*(?:[-*+•·]\s|\d+\.\s|#{1,6}\s|>|```|\||https?://|\[[^\]]*\]\()")
_HEADING = compile_std(rf"^\s*(?:{SMALL}{{1,3}}[、.．]|[（(]{SMALL}{{1,3}}[）)]|\d{{1,2}}[.．、])")


@record
class Part:
    """A part a genre expects: an outline role or the words that name it."""

    role: str | None  # an outline role, or None for a part named by words
    name: str
    words: list[str] = field(default_factory=list)
    message: str | None = None
    optional: bool = False  # may be there (its wordings are known), is not required


@record
class Genre:
    """A genre profile (rules/data/genres.yaml): how it is recognised, its parts and its rules."""

    id: str
    name: str
    aliases: list[str]
    title: list[re.Pattern]
    opening: list[re.Pattern]
    parts: list[Part]
    order: list[str] | None
    sections: dict
    skip: list[str]
    only: list[str] | None
    keep: list[str]
    messages: dict[str, str]
    weak_title: bool = False
    _applies: dict = field(default_factory=dict, repr=False)

    def roles(self) -> set[str]:
        """The outline roles this genre requires."""
        return {p.role for p in self.parts if p.role and not p.optional}

    def part_for(self, role: str) -> Part | None:
        return next((p for p in self.parts if p.role == role), None)

    def applies(self, code: str) -> bool:
        hit = self._applies.get(code)
        if hit is None:
            hit = self._applies[code] = self._decide(code)
        return hit

    def _decide(self, code: str) -> bool:
        if any(code.startswith(s) for s in self.keep):
            return True
        if self.only is not None and not any(code.startswith(s) for s in self.only):
            return False
        return not any(code.startswith(s) for s in self.skip)


class Genres:
    """All profiles, and recognition of a document's genre."""

    def __init__(self, data: dict, source: str = "genres.yaml"):
        self.by_id: dict[str, Genre] = {}
        self.ordered: list[Genre] = []
        for entry in data.get("genres", []):
            g = _genre(entry, source)
            self.by_id[g.id] = g
            self.ordered.append(g)
        self.fallback = data.get("fallback", "generic")
        nr = data.get("not-a-report", {}) or {}
        self.min_han = int(nr.get("min-han", 200))
        self.min_han_share = float(nr.get("min-han-share", 0.5))
        self.max_list_share = float(nr.get("max-list-share", 0.5))
        self.report_cues = compile_std(nr.get("report-cues", "报告"))
        #: 现将……报告如下: a short text that announces itself (none when not given)
        self.announce = compile_std(nr["announce"]) if nr.get("announce") else None
        #: the words of a title line among the short lines at the top (any line when not given)
        self.title_words = compile_std(data["title-words"]) if data.get("title-words") else None
        for gid in (self.fallback, NONE):
            if gid not in self.by_id:
                raise LintError(f"{source}: 体裁配置缺少 \"{gid}\"")

    def resolve(self, name: str, where: str = "") -> Genre:
        """A profile by id, Chinese name or alias; a clear error naming the choices otherwise."""
        key = str(name).strip()
        for g in self.ordered:
            if key == g.id or key == g.name or key in g.aliases:
                return g
        choices = "、".join(f"{g.id}（{g.name}）" for g in self.ordered)
        raise LintError(f"{where}未知的体裁 \"{key}\"，可选：{choices}")

    def detect(self, lines: list[str], spec=None) -> tuple[Genre, str]:
        """(profile, how it was chosen: title / opening / fallback / not-a-report) for the text's lines;
        ``spec`` (the outline's role keywords) tells headings that name a report's parts."""
        body = [ln.strip(" \t\r\u3000\ufeff\xa0\ue000") for ln in lines]
        body = [ln for ln in body if ln]
        if not self._is_report(body, spec):
            return self.by_id[NONE], "not-a-report"
        title, opening = _title_and_opening(body, self.title_words)
        for g in self.ordered:
            if title and any(p.search(title) for p in g.title):
                if g.weak_title and opening:
                    # a title that only says 述职报告: the opening may say what kind (抓基层党建工作…)
                    better = next((o for o in self.ordered if not o.weak_title and any(p.search(opening) for p in o.opening)), None)
                    if better is not None:
                        return better, "opening"
                return g, "title"
        for g in self.ordered:
            if opening and any(p.search(opening) for p in g.opening):
                return g, "opening"
        return self.by_id[self.fallback], "fallback"

    def _is_report(self, lines: list[str], spec=None) -> bool:
        if not lines:
            return False
        text = "".join(lines)
        han = len(_NOT_HAN.sub("", text))
        visible = len(_SPACES.sub("", text))
        head = "".join(lines[:6])
        cued = bool(self.report_cues.search(head))
        listy = sum(1 for ln in lines if _LIST_LINE.match(ln))
        if visible and han / visible < self.min_han_share and not (cued and han >= 2 * self.min_han):
            return False
        if listy > self.max_list_share * len(lines):
            return False
        if han < self.min_han:
            # a short text is a report only when it has a report's parts: two headings that name
            # them (存在的问题, 下一步措施…), or a title saying what it is and two numbered headings
            headings = [ln for ln in lines if _HEADING.match(ln)]
            named = 0
            if spec is not None:
                named = sum(1 for ln in headings if spec.heading_roles(ln[:24]))
                named += sum(1 for ln in lines if any(p.search(ln) for ps in spec.openers.values() for p in ps))
            announced = cued and self.announce is not None and self.announce.search(head) is not None  # 现将……报告如下
            return (
                named >= 2
                or (named and len(headings) >= 2)
                or (cued and (len(headings) >= 2 or announced) and han >= self.min_han // 4)
            )
        return True


def _title_and_opening(lines: list[str], title_words=None) -> tuple[str, str]:
    """The title (short lines at the top naming the document: those with ``title_words``) and the
    opening sentences after it."""
    title_lines: list[str] = []
    i = 0
    while i < min(len(lines), 5):
        ln = lines[i]
        if _HEADING.match(ln) or len(ln) > 60 or ln[-1] in "。：:；;！!，,":
            break
        title_lines.append(ln)
        i += 1
    title = " ".join(t for t in title_lines if title_words is None or title_words.search(t))
    rest = [ln for ln in lines[i:] if not _HEADING.match(ln)][:2]
    opening = "".join(rest)[:240]
    return title, opening


def _genre(entry: dict, source: str) -> Genre:
    gid = entry.get("id")
    if not gid:
        raise LintError(f"{source}: 每个体裁都要有 id")

    def compile_all(key: str) -> list[re.Pattern]:
        out = []
        for p in entry.get(key, []) or []:
            try:
                out.append(compile_std(p))
            except re.error as e:
                raise LintError(f"{source}: 体裁 {gid} 的 {key} 正则无效：{p}（{e}）") from None
        return out

    parts = []
    for p in entry.get("parts", []) or []:
        if "role" in p and p["role"] not in ROLES:
            raise LintError(f"{source}: 体裁 {gid} 的部分角色 \"{p['role']}\" 未知，可选：{' '.join(ROLES)}")
        if "role" not in p and not p.get("words"):
            raise LintError(f"{source}: 体裁 {gid} 的部分要写 role 或 words")
        need = p.get("need", "required")
        if need not in ("required", "optional"):
            raise LintError(f"{source}: 体裁 {gid} 的部分 need 只能是 required 或 optional")
        if "role" in p:
            parts.append(Part(p["role"], p["role"], [], p.get("message"), need == "optional"))
        else:
            parts.append(Part(None, p.get("part", ""), list(p.get("words", [])), p.get("message"), need == "optional"))
    only = entry.get("only")
    return Genre(
        id=gid,
        name=entry.get("name", gid),
        aliases=[str(a) for a in entry.get("aliases", []) or []],
        title=compile_all("title"),
        opening=compile_all("opening"),
        parts=parts,
        order=list(entry["order"]) if entry.get("order") else None,
        sections=dict(entry.get("sections", {}) or {}),
        skip=[str(s).upper() for s in entry.get("skip", []) or []],
        only=[str(s).upper() for s in only] if only is not None else None,
        keep=[str(s).upper() for s in entry.get("keep", []) or []],
        messages=dict(entry.get("messages", {}) or {}),
        weak_title=bool(entry.get("weak-title", False)),
    )


def configured_genre(config, path: str) -> str | None:
    """The genre the config sets for ``path``: ``per-file-genre`` patterns first, then ``genre``."""
    per_file = getattr(config, "per_file_genre", None) or {}
    if per_file:
        posix = Path(path).as_posix()
        name = Path(path).name
        for pattern, genre in per_file.items():
            if fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(name, pattern):
                return genre
    return getattr(config, "genre", None)
