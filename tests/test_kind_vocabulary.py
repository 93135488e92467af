"""The rule format as a vocabulary: regexes written as lists, named message variants chosen by the
kind, kinds that replaced a ``check:`` switch, and data files checked against their schemas."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from shuzhi_lint import dataschema
from shuzhi_lint.api import lint_text, linter
from shuzhi_lint.errors import LintError, RuleError
from shuzhi_lint.plugins import collect
from shuzhi_lint.rules import load_yaml, parse_rules

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "rules" / "data"


def load(tmp_path, text: str, name: str = "custom.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return parse_rules(load_yaml(path), str(path), collect().kinds)


RULE = """\
- code: ZZ001
  name: loose-words
  category: wording
  severity: warning
  kind: pattern
  pattern: {pattern}
  message: "“{{match}}”不规范"
"""


# -- regexes as lists ---------------------------------------------------------------------------

def test_a_list_pattern_is_the_old_single_line_pattern_joined(tmp_path):
    listed = load(tmp_path, RULE.format(pattern="\n    - '做为'\n    - '(?<!工)作为了(?=解)'\n    - '按装'"), "a.yaml")[0]
    joined = load(tmp_path, RULE.format(pattern="'做为|(?<!工)作为了(?=解)|按装'"), "b.yaml")[0]
    assert listed.params["pattern"] == joined.params["pattern"] == "做为|(?<!工)作为了(?=解)|按装"
    text = "做为党员，要按装好设备，作为了解情况的人。\n"
    found = [[(f.match, f.column) for f in lint_text(text, rules=[str(tmp_path / n)], select=["ZZ001"])] for n in ("a.yaml", "b.yaml")]
    assert found[0] == found[1] == [("做为", 1), ("按装", 7), ("作为了", 13)]


def test_a_long_shipped_pattern_is_a_list_in_yaml_and_one_regex_when_loaded():
    source = (ROOT / "rules" / "artifact.yaml").read_text(encoding="utf-8")
    start = source.index("- code: AR009")
    block = source[start:source.index("\n- code:", start)]
    alternatives = re.findall(r"^    - '(.*)'$", block.split("  pattern:\n", 1)[1].split("  message:", 1)[0], re.M)
    assert len(alternatives) > 10 and all(len(a) < 200 for a in alternatives)
    assert linter().rules["AR009"].params["pattern"] == "|".join(a.replace("''", "'") for a in alternatives)


@pytest.mark.parametrize("patterns,text", [
    (["ab", "abc"], "abcd abc"),  # the same start: the earlier pattern, as in ab|abc
    (["bcd", "ab", "cde"], "abcde"),  # a later pattern's match overlapped by an earlier hit is searched again
    (["(?<=。)甲乙", "乙丙"], "。甲乙丙。乙丙"),  # a lookbehind sees the text before the scan position
])
def test_separate_patterns_give_the_joined_alternations_matches(patterns, text):
    from shuzhi_lint.checks.pattern import alternation_matches, compile_pattern

    ctx = type("Ctx", (), {"settings": type("S", (), {"regex_timeout": 2.0})()})()
    joined = [m.span() for m in compile_pattern("|".join(patterns)).finditer(text)]
    separate = [m.span() for m in alternation_matches([compile_pattern(p) for p in patterns], text, ctx)]
    assert separate == joined


def test_split_shipped_patterns_find_what_the_joined_alternation_finds():
    """AR001 and the figure rules scan their alternatives one by one (much faster); the matches on
    every test report are those of the one joined regex."""
    from shuzhi_lint.checks.pattern import alternation_matches, compile_pattern

    ctx = type("Ctx", (), {"settings": type("S", (), {"regex_timeout": 2.0})()})()
    rules = linter().rules
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "reports").glob("*.txt"))]
    for code in ("AR001", "FG007", "FG012", "FG013", "FG016", "AR005"):
        sources = rules[code].params["patterns"]
        assert len(sources) > 1, code
        joined = compile_pattern("|".join(sources))
        separate = [compile_pattern(s) for s in sources]
        for text in texts:
            assert [m.span() for m in alternation_matches(separate, text, ctx)] == [m.span() for m in joined.finditer(text)], code


@pytest.mark.parametrize("entry,reason", [("'(做为'", "括号不配对"), ("''", "非空"), ("[a, b]", "非空的正则表达式字符串")])
def test_a_bad_entry_is_named_with_its_own_line(tmp_path, entry, reason):
    with pytest.raises(RuleError) as e:
        load(tmp_path, RULE.format(pattern=f"\n    - '做为'\n    - {entry}\n    - '按装'"))
    msg = str(e.value)
    assert "\n" not in msg and "custom.yaml:8: ZZ001:" in msg and "第 2 项" in msg and reason in msg, msg


def test_separate_scans_are_patterns_with_their_prefilters(tmp_path):
    rule = load(tmp_path, RULE.replace("  pattern: {pattern}\n", "  patterns: ['做为', '按装']\n  prefilters: ['做', null]\n"))[0]
    assert len(rule.check.patterns) == 2 and rule.check.pattern_prefilters[1] is None
    with pytest.raises(RuleError, match="prefilters"):
        load(tmp_path, RULE.replace("  pattern: {pattern}\n", "  patterns: ['做为', '按装']\n  prefilters: ['做']\n"))
    with pytest.raises(RuleError, match="有且只有一个"):
        load(tmp_path, RULE.replace("  pattern: {pattern}\n", "  pattern: '做为'\n  patterns: ['按装']\n"))


# -- named message variants ----------------------------------------------------------------------

ONE_CAUSE = """\
二、存在的问题
一是理论学习抓得不紧，学习笔记流于形式。二是活动阵地建设滞后，活动室长期闲置。三是发展党员把关不严，考察程序走过场。
三、原因分析
反思起来，根子在于本人的政绩观有偏差。
四、下一步措施
一是每月组织集中学习一次。二是年内完成活动室改造。三是严格执行发展党员的各个步骤。
"""

SOME_CAUSES = """\
二、存在的问题
一是理论学习不够深入，学用结合不紧。二是党建创新不够，活动形式单一。
三、原因分析
一是理论学习的自觉性不强，学习不够系统深入。二是服务群众的意识不强。
四、下一步措施
一是每月集中学习一次。二是打造一个党建品牌。
"""

COVERAGE = """\
- code: ZZ003
  name: cause-gaps
  category: correspondence
  severity: warning
  kind: cause-coverage
  message: "部分：{problems}"
  messages:
    single-cause: "一句：{cause}｜{n}"
"""


def test_the_kind_picks_the_variant_and_the_yaml_gives_the_words(tmp_path):
    path = tmp_path / "cr.yaml"
    path.write_text(COVERAGE, encoding="utf-8")
    one = [f.message for f in lint_text(ONE_CAUSE, rules=[str(path)], select=["ZZ003"])]
    assert one == ["一句：反思起来，根子在于本人的政绩观有偏差。｜3"]
    some = [f.message for f in lint_text(SOME_CAUSES, rules=[str(path)], select=["ZZ003"])]
    assert some == ["部分：“党建创新不够，活动形式单一”"]
    # the shipped rule: the same choice, its own words
    assert [f.message for f in lint_text(ONE_CAUSE, select=["CR003"])] == [
        "原因分析只有一句“反思起来，根子在于本人的政绩观有偏差。”，却要解释 3 个不同的问题："
        "请针对每个问题（至少每类问题）分别剖析原因，说明为什么会出现"
    ]


def test_a_missing_or_misspelt_variant_is_a_load_error(tmp_path):
    with pytest.raises(RuleError) as e:
        load(tmp_path, COVERAGE.replace('  messages:\n    single-cause: "一句：{cause}｜{n}"\n', ""))
    assert "custom.yaml:1: ZZ003:" in str(e.value) and "messages.single-cause" in str(e.value)
    with pytest.raises(RuleError) as e:
        load(tmp_path, COVERAGE.replace("single-cause:", "single-cuase:"))
    assert "custom.yaml:8: ZZ003:" in str(e.value) and "是否想写 \"single-cause\"" in str(e.value)
    with pytest.raises(RuleError, match="没有提示信息变体"):
        load(tmp_path, RULE.format(pattern="'做为'") + '  messages:\n    other: "x"\n')


def test_no_shipped_kind_builds_its_message_in_python():
    """Every hit of the shipped rules on the seeds and test reports uses the rule's YAML words."""
    for rule in linter().rules.values():
        for name in type(rule.check).variants:
            assert rule.messages.get(name), (rule.code, name)
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "shuzhi_lint" / "checks").glob("*.py")
                       if p.name in ("correspondence.py", "consistency.py", "duplication.py", "text.py", "slots.py",
                                                               "figures.py", "numbers.py", "artifacts.py", "realtext.py"))
    assert "message=" not in source.replace("message=None", "")


# -- kinds that replaced a check: switch -------------------------------------------------------

@pytest.mark.parametrize("old,check,new", [
    ("correspondence", "orphan-measure", "orphan-measure"),
    ("correspondence", "cause-coverage", "cause-coverage"),
    ("campaign-year", "stale", "campaign-stale"),
    ("campaign-year", "anachronism", "campaign-anachronism"),
    ("corpus-copy", "share", "corpus-share"),
    ("heading-numbering", "sequence", "heading-sequence"),
    ("heading-numbering", "nesting", "heading-nesting"),
])
def test_a_rule_written_with_the_old_kind_and_check_still_loads(tmp_path, old, check, new):
    text = COVERAGE.replace("kind: cause-coverage", f"kind: {old}\n  check: {check}")
    if new != "cause-coverage":
        text = text.replace('  messages:\n    single-cause: "一句：{cause}｜{n}"\n', "")
    if new == "campaign-stale":  # a kind with message pieces asks for them by name (see below)
        text += '  messages:\n    one-year: "{start}年"\n    years: "{start}—{end}年"\n'
    if new == "heading-sequence":
        text += '  messages:\n    repeated: "r"\n    backward: "b"\n    not-from-one: "n"\n    gap: "g"\n'
    rule = load(tmp_path, text)[0]
    assert rule.kind == new and type(rule.check).name == new


def test_an_unknown_check_of_an_old_kind_lists_the_choices(tmp_path):
    with pytest.raises(RuleError) as e:
        load(tmp_path, COVERAGE.replace("kind: cause-coverage", "kind: correspondence\n  check: orphan"))
    assert "custom.yaml:6: ZZ003:" in str(e.value) and "orphan-measure" in str(e.value)


def test_each_kind_is_one_algorithm():
    """No built-in kind switches algorithms on a check: parameter any more."""
    kinds = collect().kinds
    switching = sorted(name for name, cls in kinds.items() if "check" in cls.params)
    assert switching == []


# -- data files and their schemas -------------------------------------------------------------------

def test_every_shipped_data_file_has_a_schema_that_is_json_schema_and_fits():
    jsonschema = pytest.importorskip("jsonschema")
    names = {p.stem for p in DATA.glob("*.yaml")}
    assert names <= set(dataschema.SCHEMAS), names - set(dataschema.SCHEMAS)
    for name in names:
        schema = dataschema.SCHEMAS[name]
        jsonschema.Draft202012Validator.check_schema(schema)
        data = load_yaml(DATA / f"{name}.yaml", lines=False)
        jsonschema.validate(data, schema)  # the library agrees with our walker
        assert dataschema.check(data, schema) == _joined(data, schema)
    for name, line in dataschema.TEXT_FILES.items():
        for n, text in enumerate((DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines(), 1):
            if text.strip() and not text.startswith(("#", "@")):
                assert re.fullmatch(line, text), f"{name}.txt:{n}: {text!r}"


def _joined(value, schema):
    if schema.get("x-regex"):
        return value if isinstance(value, str) else "|".join(value)
    if isinstance(value, list):
        return [_joined(v, schema.get("items", {})) for v in value]
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        return {k: _joined(v, props.get(k) or (extra if isinstance(extra, dict) else {})) for k, v in value.items()}
    return value


def test_the_documented_data_shapes_are_the_schemas():
    """docs/rule-format.md shows each data file's shape as the schema describes it: a documented
    key the code does not read (the old ``current`` for ``retrospective``) cannot come back."""
    doc = (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8")
    for name in {p.stem for p in DATA.glob("*.yaml")}:
        assert f"`{dataschema.describe(dataschema.SCHEMAS[name])}`" in doc, name


def _folder(tmp_path, name: str, edit) -> Path:
    folder = tmp_path / "myrules"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / f"{name}.yaml").write_text(edit((DATA / f"{name}.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


@pytest.mark.parametrize("name,edit,needle,words", [
    ("topics", lambda t: t.replace("\nthreshold: 0.3", "\nthreshold: high"), "threshold: high", ["threshold", "数字", "'high'"]),
    ("campaigns", lambda t: t.replace("\nretrospective:", "\ncurrent:"), "current:", ["\"current\"", "retrospective"]),
    ("typos", lambda t: t.replace("  - wrong: 做为", "  - wrnog: 做为", 1), "wrnog", ["entries[1]", "\"wrnog\"", "wrong"]),
    ("slots", lambda t: t.replace("  - {type: none, before: ", "  - {kind: none, before: ", 1), "{kind: none", ["contexts[", "\"kind\""]),
])
def test_a_data_file_that_does_not_fit_is_one_line_naming_file_and_line(cli, tmp_path, name, edit, needle, words):
    """Before: a bad value failed every rule reading it, once per rule and report, as an internal
    error; an unknown key (the documented ``current``) was silently ignored."""
    folder = _folder(tmp_path, name, edit)
    report = tmp_path / "a.txt"
    report.write_text("2024年度述职报告\n一、主要工作\n全年召开支委会12次。\n", encoding="utf-8")
    code, out, err = cli("--rules", folder, report)
    path = folder / "data" / f"{name}.yaml"
    assert code == 2 and out == "", err
    assert err.count("\n") == 1 and f"{path}:{_line_of(path, needle)}: " in err, err
    for w in words:
        assert w in err, (w, err)


def test_checked_data_is_cached_by_content(tmp_path, monkeypatch):
    path = tmp_path / "topics.yaml"
    words = "too_many_items: {note: '{counts}', problems: '{n}', causes: '{n}', measures: '{n}'}\n"
    path.write_text("groups: {a: [甲, 乙]}\nfunction_chars: 的了\nconcrete:\n  - '\\d'\n  - '每月'\n" + words, encoding="utf-8")
    first = dataschema.load(path, "topics")
    assert first["concrete"] == "\\d|每月"

    def fail(*a, **k):
        raise AssertionError("checked again")

    monkeypatch.setattr(dataschema, "check", fail)
    assert dataschema.load(path, "topics") == first  # same bytes: not checked again
    path.write_text("groups: {a: [甲]}\nfunction_chars: 的\n" + words, encoding="utf-8")
    with pytest.raises(AssertionError, match="checked again"):
        dataschema.load(path, "topics")


def test_a_wordlist_named_by_a_rule_is_checked_when_the_linter_loads(tmp_path):
    folder = tmp_path / "mine"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "my_words.yaml").write_text("entries:\n  - {wrong: 做为, rihgt: 作为}\n", encoding="utf-8")
    (folder / "rules.yaml").write_text(textwrap.dedent("""\
        - code: ZZ009
          name: my-words
          category: wording
          severity: warning
          kind: wordlist
          list: my_words
          message: "应为“{right}”"
    """), encoding="utf-8")
    with pytest.raises(LintError) as e:
        linter(rules=[str(folder)])
    assert f"{folder / 'data' / 'my_words.yaml'}:2:" in str(e.value) and "rihgt" in str(e.value)


def test_a_genre_message_for_an_unknown_variant_is_a_load_error(cli, tmp_path):
    folder = _folder(tmp_path, "genres", lambda t: t.replace("CR004.mostly-objective:", "CR004.mostly-objectve:"))
    report = tmp_path / "a.txt"
    report.write_text("2024年度述职报告\n一、主要工作\n全年召开支委会12次。\n", encoding="utf-8")
    code, out, err = cli("--rules", folder, report)
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert "genres.yaml" in err and "CR004.mostly-objectve" in err and "变体" in err
