"""The plugin manager: built-in and third-party plugins from the ``shuzhi_lint`` entry-point group."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pluggy

from shuzhi_lint import hookspecs
from shuzhi_lint.entrypoints import entry_points
from shuzhi_lint.errors import LintError


@dataclass
class Registry:
    """What all plugins contributed, keyed by name."""

    kinds: dict = field(default_factory=dict)
    loaders: dict = field(default_factory=dict)  # suffix -> loader
    formatters: dict = field(default_factory=dict)
    rule_dirs: list[Path] = field(default_factory=list)
    data_dirs: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # plugins that failed to load


def plugin_manager(extra: list = ()) -> tuple[pluggy.PluginManager, list[str]]:
    pm = pluggy.PluginManager("shuzhi_lint")
    pm.add_hookspecs(hookspecs)
    errors = []
    for ep in sorted(entry_points("shuzhi_lint"), key=lambda e: (e.name != "builtin", e.name)):
        if pm.has_plugin(ep.name):
            continue
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as e:  # a broken third-party plugin must not stop the others
            errors.append(f"插件 {ep.name}（{ep.value}）加载失败：{type(e).__name__}: {e}")
    for plugin in extra:
        pm.register(plugin)
    if not pm.has_plugin("builtin"):
        raise LintError("找不到内置插件 shuzhi_lint.builtin：shuzhi-lint 未正确安装，请用 pip install . 安装")
    return pm, errors


def collect(extra: list = ()) -> Registry:
    pm, errors = plugin_manager(extra)
    reg = Registry(errors=errors)
    hook = pm.hook

    def gather(name):
        out = []
        for impl in getattr(hook, name).get_hookimpls():
            try:
                out.append((impl.plugin_name, getattr(impl.plugin, name)() or []))
            except Exception as e:
                reg.errors.append(f"插件 {impl.plugin_name} 的 {name} 出错：{type(e).__name__}: {e}")
        return out

    for plugin, kinds in gather("shuzhi_lint_check_kinds"):
        for kind in kinds:
            if kind.name in reg.kinds:
                raise LintError(f"检查类型 \"{kind.name}\" 被重复注册（插件 {plugin}）")
            reg.kinds[kind.name] = kind
    for _plugin, loaders in gather("shuzhi_lint_loaders"):
        for loader in loaders:
            for suffix in loader.suffixes:
                reg.loaders[suffix.lower()] = loader
    for _plugin, formatters in gather("shuzhi_lint_formatters"):
        for fmt in formatters:
            reg.formatters[fmt.name] = fmt
    for _plugin, dirs in gather("shuzhi_lint_rule_dirs"):
        reg.rule_dirs.extend(Path(d) for d in dirs)
    for _plugin, dirs in gather("shuzhi_lint_data_dirs"):
        reg.data_dirs.extend(Path(d) for d in dirs)
    return reg
