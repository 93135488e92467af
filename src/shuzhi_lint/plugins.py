"""The plugin manager: built-in and third-party plugins from the ``shuzhi_lint`` entry-point group."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

import pluggy

from shuzhi_lint import hookspecs
from shuzhi_lint.entrypoints import entry_points
from shuzhi_lint.errors import LintError, RuleError
from shuzhi_lint.records import record
from shuzhi_lint.rules import CATEGORIES

#: code prefixes of the built-in rule pack (one per category)
BUILTIN_PREFIXES = frozenset(CATEGORIES.values())


@record
class Registry:
    """What all plugins contributed, keyed by name."""

    kinds: dict = field(default_factory=dict)
    loaders: dict = field(default_factory=dict)  # suffix -> loader
    formatters: dict = field(default_factory=dict)
    rule_dirs: list[Path] = field(default_factory=list)
    data_dirs: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # plugins that failed to load
    #: rule directories contributed by plugins other than the built-in one, with the plugin's name:
    #: their rules may not use the built-in code prefixes (see ``check_plugin_code``)
    plugin_rule_dirs: dict[Path, str] = field(default_factory=dict)


BUILTIN = "builtin"


def plugin_manager(extra: list = ()) -> tuple[pluggy.PluginManager, list[str]]:
    pm = pluggy.PluginManager("shuzhi_lint")
    pm.add_hookspecs(hookspecs)
    errors = []
    for ep in sorted(entry_points("shuzhi_lint"), key=lambda e: (e.name != BUILTIN, e.name)):
        if pm.has_plugin(ep.name):
            continue
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as e:  # a broken third-party plugin must not stop the others
            errors.append(f"插件 {ep.name}（{ep.value}）加载失败：{type(e).__name__}: {e}")
    for plugin in extra:
        pm.register(plugin)
    if not pm.has_plugin(BUILTIN):
        raise LintError("找不到内置插件 shuzhi_lint.builtin：shuzhi-lint 未正确安装，请用 pip install . 安装")
    return pm, errors


def call(pm: pluggy.PluginManager, name: str, errors: list[str]) -> list:
    """Every item the plugins return for hook ``name``, through pluggy's hook caller (so
    ``tryfirst``/``trylast``, wrappers and registration order apply), lowest priority first:
    like a search path, a later item overrides an earlier one of the same suffix or data file.

    A plugin whose hook raises is reported in ``errors`` and the hook is called again without it,
    so one broken plugin does not take the built-ins down."""
    removed: list = []
    while True:
        caller = pm.subset_hook_caller(name, removed) if removed else getattr(pm.hook, name)
        try:
            results = caller()
        except Exception as e:
            plugin = _culprit(pm, name, e)
            where = f"插件 {pm.get_name(plugin)}" if plugin is not None else "插件"
            errors.append(f"{where} 的 {name} 出错：{type(e).__name__}: {e}")
            if plugin is None or plugin in removed:
                return []
            removed.append(plugin)
            continue
        # pluggy calls the highest priority first; reversed, the built-ins come first
        return [item for result in reversed(results) for item in (result or [])]


def _culprit(pm: pluggy.PluginManager, name: str, error: BaseException):
    """The plugin whose implementation of ``name`` raised ``error`` (the innermost in its traceback)."""
    impls = {impl.function.__code__: impl.plugin for impl in getattr(pm.hook, name).get_hookimpls()}
    found = None
    tb = error.__traceback__
    while tb is not None:
        found = impls.get(tb.tb_frame.f_code, found)
        tb = tb.tb_next
    return found


def contributions(pm: pluggy.PluginManager, name: str) -> dict[str, list]:
    """Each plugin's own items for hook ``name`` (a hook caller holding only that plugin), to say
    which plugins registered a name."""
    out: dict[str, list] = {}
    plugins = pm.get_plugins()
    for impl in getattr(pm.hook, name).get_hookimpls():
        if impl.wrapper or impl.hookwrapper:
            continue
        others = [p for p in plugins if p is not impl.plugin]
        try:
            items = call_only(pm, name, others)
        except Exception:  # already reported by ``call``
            continue
        out.setdefault(impl.plugin_name, []).extend(items)
    return out


def call_only(pm: pluggy.PluginManager, name: str, without: list) -> list:
    return [item for result in reversed(pm.subset_hook_caller(name, without)()) for item in (result or [])]


def _unique(pm, hook: str, items: list, key, what: str) -> dict:
    """``{key(item): item}``; a key two items share is an error naming both plugins."""
    out: dict = {}
    for item in items:
        k = key(item)
        if k in out:
            owners = [plugin for plugin, own in contributions(pm, hook).items() if any(key(i) == k for i in own)]
            names = " 和 ".join(owners) if owners else "同一插件"
            raise LintError(f"{what} \"{k}\" 被重复注册（{names}）：每个名称只能由一个插件提供，请卸载或改名其中之一")
        out[k] = item
    return out


def collect(extra: list = ()) -> Registry:
    pm, errors = plugin_manager(extra)
    reg = Registry(errors=errors)
    reg.kinds = _unique(pm, "shuzhi_lint_check_kinds", call(pm, "shuzhi_lint_check_kinds", reg.errors), lambda k: k.name, "检查类型")
    _check_batch_bases(pm, reg.kinds)
    loaders = call(pm, "shuzhi_lint_loaders", reg.errors)
    _unique(pm, "shuzhi_lint_loaders", loaders, lambda ld: ld.name, "读取器")
    for loader in loaders:  # a later (higher priority) loader takes over a suffix: see hookspecs
        for suffix in loader.suffixes:
            reg.loaders[suffix.lower()] = loader
    reg.formatters = _unique(pm, "shuzhi_lint_formatters", call(pm, "shuzhi_lint_formatters", reg.errors), lambda f: f.name, "输出格式")
    reg.rule_dirs = [Path(d) for d in call(pm, "shuzhi_lint_rule_dirs", reg.errors)]
    reg.data_dirs = [Path(d) for d in call(pm, "shuzhi_lint_data_dirs", reg.errors)]
    if any(p is not pm.get_plugin(BUILTIN) for p in _implementers(pm, "shuzhi_lint_rule_dirs")):
        builtin_dirs = {Path(d) for d in call_only(pm, "shuzhi_lint_rule_dirs", [p for p in pm.get_plugins() if p is not pm.get_plugin(BUILTIN)])}
        for plugin, dirs in contributions(pm, "shuzhi_lint_rule_dirs").items():
            if plugin != BUILTIN:
                reg.plugin_rule_dirs.update((Path(d), plugin) for d in dirs if Path(d) not in builtin_dirs)
    return reg


BATCH_METHODS = ("prepare_batch", "check_batch")


def _check_batch_bases(pm: pluggy.PluginManager, kinds: dict) -> None:
    """A kind with the batch methods that does not subclass BatchCheckKind would be run as an
    ordinary kind, its ``check_batch`` never called: an error naming the plugin and the fix."""
    from shuzhi_lint.checks.base import BatchCheckKind

    for name, kind in kinds.items():
        has = [m for m in BATCH_METHODS if callable(getattr(kind, m, None))]
        if has and not (isinstance(kind, type) and issubclass(kind, BatchCheckKind)):
            owners = [plugin for plugin, own in contributions(pm, "shuzhi_lint_check_kinds").items() if kind in own]
            raise LintError(
                f"插件 {' 和 '.join(owners) or '?'} 的检查类型 \"{name}\" 有 {'、'.join(has)}，却没有继承 "
                "shuzhi_lint.plugin.BatchCheckKind：跨文档的检查类型必须继承它，否则只会被当作普通类型运行，"
                f"{'、'.join(has)} 永远不会被调用"
            )


def _implementers(pm: pluggy.PluginManager, name: str) -> list:
    return [impl.plugin for impl in getattr(pm.hook, name).get_hookimpls()]


def check_plugin_code(code: str, plugin: str, source: str, line: int) -> None:
    """A plugin's rules use its own code prefix: ``--select PH`` means the built-in PH rules only."""
    letters = code.rstrip("0123456789")
    if letters in BUILTIN_PREFIXES:
        raise RuleError(
            source, line,
            f"插件 {plugin} 的规则使用了内置前缀 {letters}：插件规则请用自己的前缀（如 {letters}X001 或 TP001），"
            f"这样 --select {letters} 只选内置规则，--select 插件前缀 只选该插件的规则",
            code,
        )
