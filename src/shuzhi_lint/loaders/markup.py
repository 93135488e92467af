"""Spans of a text that are syntax, not report prose: checks never see them and fixes never
touch them (``Document.masked``).

A comma in ``](https://example.org/学习,材料)`` is part of an address; turning it into ``，``
breaks the link. The same holds for image paths, reference definitions, code (spans, fenced and
indented blocks), HTML tags with their attributes, YAML front matter and bare URLs. Masking keeps
every offset, so positions of the findings around them stay exact.
"""

from __future__ import annotations

import bisect
import re
from shuzhi_lint.patterncache import compile_std

# A URL runs to white space or to Chinese punctuation that cannot be part of it; ASCII
# punctuation that ends a sentence is not taken at its end (as autolinkers do).
_URL_START = compile_std(r"(?:https?|ftp)://|www\.", re.I)
_URL_BODY = compile_std(r"[^\s<>\"'`，。；：！？、“”‘’（）《》【】「」『』\u3000]+")
_URL_TAIL = ".,;:!?)]}'\"*_~"

_FRONT_MATTER = compile_std(r"\A(?:\ufeff)?---[ \t]*\r?\n(?:.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = compile_std(r"^( {0,3})(`{3,}|~{3,})([^\n]*)$", re.M)
_CODE_SPAN = compile_std(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\r?\n).)+?)(?<!`)\1(?!`)", re.S)
_TAG = compile_std(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s(?:\"[^\"]*\"|'[^']*'|[^\"'<>])*)?/?>")
_AUTOLINK = compile_std(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+\.[A-Za-z]{2,}>")
_REF_DEF = compile_std(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$", re.M)
_REF_LABEL = compile_std(r"\]\[[^\]\n]*\]")
# ](destination "title"): balanced parentheses two deep, or <destination>; one line
_DEST_PART = r"(?:[^()\s\\]|\\.|\((?:[^()\s\\]|\\.|\((?:[^()\s\\]|\\.)*\))*\))"
_LINK_DEST = compile_std(
    r"\]\([ \t]*(?:<[^<>\n]*>|" + _DEST_PART + r"*)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)"
)
_INDENTED = compile_std(r"^(?: {4}| {0,3}\t)", re.M)
_LIST_ITEM = compile_std(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def url_spans(text: str) -> list[tuple[int, int]]:
    """Bare web addresses (``https://…``, ``www.…``), in any text format."""
    if "://" not in text and "www." not in text and "WWW." not in text:
        return []
    spans: list[tuple[int, int]] = []
    for m in _URL_START.finditer(text):
        start = m.start()
        if (spans and start < spans[-1][1]) or (start and text[start - 1].isascii() and text[start - 1].isalnum()):
            continue  # inside the previous address, or part of a longer word
        end = _URL_BODY.match(text, start).end()
        while end > start and text[end - 1] in _URL_TAIL:
            end -= 1
        spans.append((start, end))
    return spans


def markdown_spans(text: str) -> list[tuple[int, int]]:
    """Everything in a Markdown text that is syntax or code rather than prose (see the module)."""
    spans: list[tuple[int, int]] = []
    m = _FRONT_MATTER.match(text) if text.startswith(("---", "\ufeff---")) else None
    if m:
        spans.append(m.span())
    blocks = _code_blocks(text, m.end() if m else 0)
    spans += blocks

    starts = [s for s, _ in blocks]

    def outside_blocks(a: int) -> bool:
        k = bisect.bisect_right(starts, a) - 1
        return k < 0 or a >= blocks[k][1]

    # each pattern only where its first character occurs at all (most reports have none)
    for needle, pattern in (("`", _CODE_SPAN), ("<", _AUTOLINK), ("<", _TAG), ("]", _REF_DEF), ("]", _REF_LABEL), ("]", _LINK_DEST)):
        if needle in text:
            spans += [x.span() for x in pattern.finditer(text) if outside_blocks(x.start())]
    spans += url_spans(text)
    return spans


def _code_blocks(text: str, start: int) -> list[tuple[int, int]]:
    """Fenced code blocks (``` or ~~~, to the closing fence or the end) and indented code blocks
    (four spaces or a tab after a blank line, not inside a list item)."""
    if "```" not in text and "~~~" not in text and not _INDENTED.search(text, start):
        return []
    spans = []
    # lines end at "\n" only, as in the Document (splitlines would also split at \u2028, \x0c...)
    lines = [line + "\n" for line in text[start:].split("\n")]
    lines[-1] = lines[-1][:-1]
    pos = start
    fence = None  # (char, length, block start) while inside a fenced block
    blank_before = True
    in_list = False
    code_start = None
    for line in lines:
        body = line.rstrip("\r\n")
        if fence is not None:
            m = _FENCE.match(body)
            if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= fence[1] and not m.group(3).strip():
                spans.append((fence[2], pos + len(body)))
                fence = None
            pos += len(line)
            continue
        m = _FENCE.match(body)
        if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
            if code_start is not None:
                spans.append((code_start, pos))
                code_start = None
            fence = (m.group(2)[0], len(m.group(2)), pos)
            pos += len(line)
            blank_before = False
            continue
        stripped = body.strip(" \t")
        indented = body.startswith(("    ", "\t")) or body.startswith((" \t", "  \t", "   \t"))
        if not stripped:
            blank_before = True
        elif indented and (code_start is not None or (blank_before and not in_list)):
            if code_start is None:
                code_start = pos
        else:
            if code_start is not None:
                spans.append((code_start, pos))
                code_start = None
            if _LIST_ITEM.match(body):
                in_list = True
            elif not indented and blank_before:
                in_list = False
            blank_before = False
        pos += len(line)
    if fence is not None:
        spans.append((fence[2], len(text)))  # an unclosed fence runs to the end of the document
    if code_start is not None:
        spans.append((code_start, len(text)))
    return spans
