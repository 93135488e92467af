"""A pattern rule's prefilter that is one set of characters is scanned by the standard library's
engine; it must hold every character that can start the rule's match (AR006's is checked for
every code point), so the rule reports exactly what it reported without it."""

from __future__ import annotations

from pathlib import Path

import regex

from shuzhi_lint.api import lint_text
from shuzhi_lint.checks.pattern import _CHAR_SET, _Prefilter
from shuzhi_lint.rules import load_yaml, rule_files

RULES = {r["code"]: r for path in rule_files(Path(__file__).resolve().parents[1] / "rules")
         for r in load_yaml(path, lines=False) if isinstance(r, dict) and "code" in r}


def _first_set(pattern: str) -> str:
    """The leading [...] of a pattern (no nested sets)."""
    assert pattern.startswith("[")
    return pattern[:pattern.index("]") + 1]


def test_ar006_prefilter_holds_every_character_its_match_can_start_with():
    rule = RULES["AR006"]
    first = regex.compile(_first_set(rule["pattern"]), regex.V0)
    prefilter = regex.compile(rule["prefilter"], regex.V0)
    missed = [hex(c) for c in range(0x110000)
              if not (0xD800 <= c <= 0xDFFF) and first.match(chr(c)) and not prefilter.match(chr(c))]
    assert missed == []


def test_ar006_still_reports_what_the_prefilter_lets_through():
    # a Cyrillic letter between Han characters, a zero-width space, a soft hyphen
    for text in ("建立健全制度\u0420落实责任。", "加强\u200b学习。", "推进\u00ad工作。"):
        assert [f.code for f in lint_text(text, select=["AR006"])] == ["AR006"], text
    assert lint_text("加强学习，推进工作。", select=["AR006"]) == []


def test_only_a_plain_set_of_characters_goes_to_the_standard_engine():
    assert _CHAR_SET.fullmatch(r"[^\x00-\xac\u4e00-\u9fff]")
    assert _CHAR_SET.fullmatch("[a-z，。]")
    # properties, nested sets and set operations are the regex module's own
    for source in (r"[\p{Han}]", "[[a-z]--[aeiou]]", "[a-z&&[^b]]", "[a-z]+", "[ab]|c"):
        assert not _CHAR_SET.fullmatch(source), source
        assert _Prefilter(source).words is None, source


def test_char_set_prefilter_answers_as_the_regex_module_does():
    source = r"[^\x00-\xac\xae-\u02ff\u3000-\u302d\u4e00-\u9fff]"
    p = _Prefilter(source)
    assert p.words is not None

    class Ctx:
        def __init__(self, text):
            self.text = text

    for text in ("纯中文，标点。", "有\u00ad软连字符", "한글", "abc"):
        assert p.found(Ctx(text)) == (regex.search(source, text) is not None), text
