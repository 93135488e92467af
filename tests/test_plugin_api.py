"""Plugins go through pluggy's hook caller: ordering, wrappers, unique names, own code prefixes,
and a public ``shuzhi_lint.plugin`` module."""

from __future__ import annotations

import textwrap

import pytest

from shuzhi_lint.config import Config
from shuzhi_lint.document import Document
from shuzhi_lint.engine import Linter
from shuzhi_lint.errors import LintError
from shuzhi_lint.hookspecs import hookimpl
from shuzhi_lint.plugins import collect


class Fmt:
    binary = False

    def __init__(self, name):
        self.name = name

    def render(self, results, context):
        return "x"


def test_a_wrapper_can_drop_a_builtin_formatter():
    class dropjunit:
        @staticmethod
        @hookimpl(wrapper=True)
        def shuzhi_lint_formatters():
            lists = yield
            return [[f for f in fmts if f.name != "junit"] for fmts in lists]

    reg = collect(extra=[dropjunit])
    assert "junit" not in reg.formatters and "text" in reg.formatters
    assert not reg.errors


def test_an_implementation_under_another_function_name():
    class named:
        @staticmethod
        @hookimpl(specname="shuzhi_lint_formatters")
        def formats():
            return [Fmt("plain")]

    reg = collect(extra=[named])
    assert "plain" in reg.formatters and not reg.errors


def test_tryfirst_gives_priority_for_data_files(tmp_path):
    first, later = tmp_path / "first", tmp_path / "later"

    class prio:
        @staticmethod
        @hookimpl(tryfirst=True)
        def shuzhi_lint_data_dirs():
            return [first]

    class plain:
        @staticmethod
        @hookimpl
        def shuzhi_lint_data_dirs():
            return [later]

    reg = collect(extra=[prio, plain])
    # lowest priority first, like a search path: the tryfirst plugin's directory wins
    assert reg.data_dirs[-1] == first and reg.data_dirs.index(later) < reg.data_dirs.index(first)
    assert reg.data_dirs[0].name == "data"  # the built-in data come first, overridden by plugins


def test_duplicate_formatter_name_names_both_plugins():
    class alpha:
        @staticmethod
        @hookimpl
        def shuzhi_lint_formatters():
            return [Fmt("text")]

    with pytest.raises(LintError) as e:
        collect(extra=[alpha])
    msg = str(e.value)
    assert "输出格式 \"text\"" in msg and "builtin" in msg and "alpha" in msg and "\n" not in msg


def test_duplicate_loader_name_names_both_plugins():
    class Ld:
        name = "mine"
        suffixes = (".rtf",)

        def load(self, path, data):
            return Document(path=path, text=data.decode())

    class one:
        @staticmethod
        @hookimpl
        def shuzhi_lint_loaders():
            return [Ld()]

    class two:
        @staticmethod
        @hookimpl
        def shuzhi_lint_loaders():
            return [Ld()]

    assert collect(extra=[one]).loaders[".rtf"].name == "mine"
    with pytest.raises(LintError) as e:
        collect(extra=[one, two])
    assert "读取器 \"mine\"" in str(e.value) and "one" in str(e.value) and "two" in str(e.value)


def test_duplicate_kind_names_both_plugins():
    from shuzhi_lint.plugin import CheckKind

    class Pattern(CheckKind):
        name = "pattern"

    class again:
        @staticmethod
        @hookimpl
        def shuzhi_lint_check_kinds():
            return [Pattern]

    with pytest.raises(LintError) as e:
        collect(extra=[again])
    assert "检查类型 \"pattern\"" in str(e.value) and "builtin" in str(e.value) and "again" in str(e.value)


def test_a_raising_hook_is_reported_and_the_others_still_load():
    class broken:
        @staticmethod
        @hookimpl
        def shuzhi_lint_formatters():
            raise RuntimeError("boom")

    reg = collect(extra=[broken])
    assert "text" in reg.formatters
    assert len(reg.errors) == 1 and "broken" in reg.errors[0] and "boom" in reg.errors[0]


def _rule_plugin(tmp_path, code: str):
    folder = tmp_path / "plugin_rules"
    folder.mkdir()
    (folder / "rules.yaml").write_text(textwrap.dedent(f"""\
        - code: {code}
          name: plugin-rule
          category: placeholder
          severity: warning
          kind: pattern
          pattern: '待填写'
          message: "“{{match}}”没有填写"
        """), encoding="utf-8")

    class rulepack:
        @staticmethod
        @hookimpl
        def shuzhi_lint_rule_dirs():
            return [folder]

    return rulepack


def selected(reg, select):
    return [r.code for r in Linter(reg, Config(select=select)).selected]


def test_plugin_rules_are_selected_by_their_own_prefix_only(tmp_path):
    reg = collect(extra=[_rule_plugin(tmp_path, "PHX001")])
    assert "PHX001" not in selected(reg, ["PH"])  # PH means the built-in placeholder rules
    assert set(selected(reg, ["PH"])) >= {"PH001"}
    assert selected(reg, ["PHX"]) == ["PHX001"]
    assert selected(reg, ["PHX0"]) == ["PHX001"]
    assert "PHX001" in selected(reg, ["ALL"])
    lt = Linter(reg, Config(select=["PHX"]))
    assert [f.code for f in lt.lint_document(Document(path="a.txt", text="联系人：待填写。\n")).findings] == ["PHX001"]


def test_a_plugin_rule_may_not_take_a_builtin_prefix(tmp_path):
    reg = collect(extra=[_rule_plugin(tmp_path, "PH900")])
    with pytest.raises(LintError) as e:
        Linter(reg, Config())
    msg = str(e.value)
    assert "rules.yaml:1: PH900:" in msg and "rulepack" in msg and "内置前缀 PH" in msg


def test_prefix_letters_are_whole():
    from shuzhi_lint.engine import code_matches

    assert code_matches("PH001", ["PH"]) and code_matches("PH001", ["PH00"]) and code_matches("PH001", ["PH001"])
    assert not code_matches("PHX001", ["PH"]) and not code_matches("PH001", ["P"])
    assert code_matches("PHX001", ["PHX"]) and code_matches("ZZ001", ["ALL"])


def test_public_plugin_module():
    import shuzhi_lint.plugin as api
    from shuzhi_lint.checks.base import CheckKind, Context
    from shuzhi_lint.finding import Finding

    assert api.CheckKind is CheckKind and api.Context is Context and api.Finding is Finding
    for name in api.__all__:
        assert getattr(api, name) is not None, name
    reg = collect()
    assert all(isinstance(ld, api.Loader) for ld in reg.loaders.values())
    assert all(isinstance(f, api.Formatter) for f in reg.formatters.values())
    assert issubclass(reg.kinds["batch-duplicate"], api.BatchCheckKind)


def test_duplicate_formatter_from_an_installed_plugin_is_one_line_exit_2(cli, tmp_path):
    from test_plugins import install_plugin

    source = '''
from shuzhi_lint.plugin import hookimpl

class Json:
    name = "json"
    binary = False

    def render(self, results, context):
        return ""

@hookimpl
def shuzhi_lint_formatters():
    return [Json()]
'''
    env = install_plugin(tmp_path, source, rules="")
    code, out, err = cli("--select", "PH001", "-", input="召开会议x次。\n".encode(), env=env)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "输出格式 \"json\"" in err and "builtin" in err and "tiny" in err


def test_batch_kinds_are_known_by_their_base_class():
    """A rule is cross-document when its kind subclasses BatchCheckKind, not because its check
    happens to have methods of that name."""
    from shuzhi_lint.checks.base import BatchCheckKind

    linter = Linter(collect(), Config())
    batch = linter.batch_rules()
    assert batch and all(isinstance(r.check, BatchCheckKind) for r in batch)
    other = next(r for r in linter.selected if not isinstance(r.check, BatchCheckKind))
    other.check.prepare_batch = lambda text: 0
    other.check.check_batch = lambda docs: {}
    assert other not in linter.batch_rules()
    result = linter.lint_document(Document(path="a.txt", text="一、主要工作\n认真落实各项责任。\n"))
    assert other.code not in result.batch_data
    assert set(result.batch_data) == {r.code for r in batch}


def test_counters_and_docx_fields_are_declared(tmp_path):
    import dataclasses

    from test_loaders import make_docx

    from shuzhi_lint.runner import lint_path

    linter = Linter(collect(), Config())
    assert linter.chars_checked == 0
    names = {f.name for f in dataclasses.fields(Document)}
    assert {"docx_runs", "docx_prefix"} <= names
    doc = Document(path="a.txt", text="一、主要工作\n")
    assert doc.docx_runs is None and doc.docx_prefix is None
    assert lint_path(linter, "/nonexistent/a.txt").error and linter.chars_checked == 0
    path = tmp_path / "r.docx"
    path.write_bytes(make_docx([["一、主要", "工作"], ["认真落实各项责任。"]]))
    result = lint_path(linter, str(path))
    assert linter.chars_checked == len(result.document.text) > 0
    assert result.document.docx_runs == [[(0, 4, 0), (4, 6, 1)], [(0, 9, 0)]]
    assert result.document.docx_prefix == [0, 0]


def test_the_context_is_typed_and_an_old_style_kind_still_works(tmp_path):
    """Kinds read typed settings and other reports through the Context; a kind written against
    the earlier ``ctx.settings`` dict (as CONTRIBUTING.md showed) keeps working."""
    from shuzhi_lint.plugin import CheckKind, Hit, ReportReader, Settings

    seen = {}

    class OldStyle(CheckKind):
        name = "old-style-test"
        description = "测试"

        def check(self, ctx):
            cfg = ctx.settings["config"]
            seen["old"] = (cfg.max_length, ctx.settings.get("regex_timeout"), callable(ctx.settings["load_text"]),
                           callable(ctx.settings["outline_of"]), ctx.settings.get("nothing", "default"))
            seen["new"] = (ctx.settings.max_length, ctx.settings.regex_timeout, ctx.settings.year)
            seen["reader"] = isinstance(ctx.reports, ReportReader)
            seen["other"] = ctx.reports.load_text(str(other))
            yield Hit(None, None)

    class plugin:
        @staticmethod
        @hookimpl
        def shuzhi_lint_check_kinds():
            return [OldStyle]

    other = tmp_path / "other.txt"
    other.write_text("另一份报告。\n", encoding="utf-8")
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "r.yaml").write_text(
        "- code: OLD001\n  name: old\n  category: structure\n  severity: info\n  kind: old-style-test\n"
        "  message: 测试\n  explain: 测试\n", encoding="utf-8")
    lt = Linter(collect(extra=[plugin]), Config(select=["OLD001"], rules=[str(folder)], max_length=1234, regex_timeout=3.5, year=2024))
    assert isinstance(lt.settings, Settings)
    with pytest.raises(dataclasses_error()):
        lt.settings.max_length = 1  # frozen: one per rule set, never changed by a kind
    result = lt.lint_document(Document(path="a.txt", text="一、主要工作\n认真落实。\n"))
    assert not result.internal_errors, result.internal_errors
    assert [f.code for f in result.findings] == ["OLD001"]
    assert seen["old"] == (1234, 3.5, True, True, "default")
    assert seen["new"] == (1234, 3.5, 2024)
    assert seen["reader"] and seen["other"] == "另一份报告。\n"


def dataclasses_error():
    import dataclasses

    return dataclasses.FrozenInstanceError


def test_kinds_annotate_outlines_through_a_generic_hook():
    """The engine asks every registered kind to annotate an outline (``annotate_outline``): the
    correspondence table comes from its kind; a plugin kind can add its own."""
    from shuzhi_lint.plugin import CheckKind

    class Annotating(CheckKind):
        name = "annotating-test"
        description = "测试"

        @classmethod
        def annotate_outline(cls, ctx):
            ctx.outline.test_note = f"{len(ctx.outline.sections)} sections"

    class plugin:
        @staticmethod
        @hookimpl
        def shuzhi_lint_check_kinds():
            return [Annotating]

    lt = Linter(collect(extra=[plugin]), Config(select=["PH"]))
    text = "一、存在的问题\n1.学习不够深入。\n二、整改措施\n1.加强理论学习。\n"
    result = lt.lint_document(Document(path="a.txt", text=text))
    assert result.outline.correspondence is None
    lt.annotate_outline(result)
    assert result.outline.test_note == f"{len(result.outline.sections)} sections"
    assert result.outline.correspondence and result.outline.correspondence[0]["measures"] == [0]


def test_batch_methods_without_the_batch_base_are_an_error_naming_the_plugin():
    """Before: such a kind was silently run as an ordinary kind and its check_batch never ran."""
    from shuzhi_lint.plugin import BatchCheckKind, CheckKind

    class Pairs(CheckKind):
        name = "near-pairs"

        def prepare_batch(self, text):
            return len(text)

        def check_batch(self, docs):
            return {}

    class pairsplugin:
        @staticmethod
        @hookimpl
        def shuzhi_lint_check_kinds():
            return [Pairs]

    with pytest.raises(LintError) as e:
        collect(extra=[pairsplugin])
    msg = str(e.value)
    assert "\n" not in msg and "pairsplugin" in msg and "near-pairs" in msg and "BatchCheckKind" in msg

    class GoodPairs(BatchCheckKind):
        name = "near-pairs"

        def prepare_batch(self, text):
            return len(text)

        def check_batch(self, docs):
            return {}

    class goodplugin:
        @staticmethod
        @hookimpl
        def shuzhi_lint_check_kinds():
            return [GoodPairs]

    assert collect(extra=[goodplugin]).kinds["near-pairs"] is GoodPairs
