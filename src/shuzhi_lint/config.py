"""Configuration: ``.shuzhi-lint.yaml`` or ``[tool.shuzhi-lint]`` in ``pyproject.toml``.

Found from a file's directory upwards (the nearest wins); command-line options override it.
Keys are kebab-case, as in ruff. Unknown keys are errors, so a typo never silently does nothing.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shuzhi_lint.errors import ConfigError

CONFIG_NAMES = (".shuzhi-lint.yaml", ".shuzhi-lint.yml", "pyproject.toml")

KEYS = {
    "select": list,
    "ignore": list,
    "extend-select": list,
    "extend-ignore": list,
    "exclude": list,
    "extend-exclude": list,
    "per-file-ignores": dict,
    "rules": list,
    "fail-on": str,
    "year": int,
    "sections": dict,
    "max-file-size": int,
    "regex-timeout": (int, float),
    "max-length": int,
    "jobs": int,
    "corpus": str,
    "previous": str,
    "genre": str,
    "per-file-genre": dict,
}


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    # the command line's --select/--ignore/--extend-select/--extend-ignore: a second layer of rule
    # selection applied on top of the file's (see Linter._select), as in ruff
    cli_selection: dict | None = None
    exclude: list[str] = field(default_factory=list)  # glob patterns, see discover.py
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    fail_on: str = "warning"
    year: int | None = None
    sections: dict = field(default_factory=dict)
    max_file_size: int = 20 * 1024 * 1024
    regex_timeout: float = 2.0
    max_length: int | None = None
    jobs: int | None = None
    corpus: str | None = None
    previous: str | None = None
    genre: str | None = None
    per_file_genre: dict[str, str] = field(default_factory=dict)
    genre_option: str | None = None  # --genre: wins over the config and recognition
    source: str | None = None


def find_config(start: Path) -> Path | None:
    d = start.resolve()
    if d.is_file():
        d = d.parent
    for folder in (d, *d.parents):
        for name in CONFIG_NAMES:
            p = folder / name
            if p.is_file():
                if name == "pyproject.toml" and not _has_tool_section(p):
                    continue
                return p
    return None


def _has_tool_section(p: Path) -> bool:
    try:
        return "[tool.shuzhi-lint" in p.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    source = str(path)
    if path.name == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("shuzhi-lint", {})
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{source}: TOML 语法错误（{e}）") from None
        except (OSError, UnicodeDecodeError) as e:
            from shuzhi_lint.oserrors import describe

            raise ConfigError(f"{source}: 无法读取配置：{describe(e)}") from None
        lines: dict = {}
    else:
        from shuzhi_lint.rules import load_yaml

        try:
            data = load_yaml(path) or {}
        except Exception as e:
            raise ConfigError(str(e)) from None
        lines = getattr(data, "key_lines", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: 配置必须是一个映射（键: 值）")
    return apply(Config(source=source), data, source, lines)


def apply(cfg: Config, data: dict[str, Any], source: str, lines: dict | None = None) -> Config:
    lines = lines or {}
    for key, value in data.items():
        where = f"{source}:{lines[key]}" if key in lines else source
        if key not in KEYS:
            hint = difflib.get_close_matches(str(key), KEYS, n=1)
            raise ConfigError(f"{where}: 未知的配置项 \"{key}\"" + (f"，是否想写 \"{hint[0]}\"" if hint else ""))
        if not isinstance(value, KEYS[key]) or isinstance(value, bool):
            raise ConfigError(f"{where}: 配置项 \"{key}\" 的值类型不对")
        if key == "fail-on" and value not in ("error", "warning", "info"):
            raise ConfigError(f"{where}: fail-on 只能是 error、warning 或 info")
        if key in ("corpus", "previous") and source != "命令行" and not Path(value).is_absolute():
            value = str(Path(source).parent / value)
        if key == "rules":
            base = Path(source).parent
            value = [str((base / v) if not Path(v).is_absolute() else Path(v)) for v in value]
        if key in ("select", "ignore", "extend-select", "extend-ignore"):
            value = [str(v).upper() for v in value]
        if key == "per-file-genre":
            if not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{where}: per-file-genre 的每一项应是 文件模式: 体裁名")
            value = {str(k): v for k, v in value.items()}
        if key in ("exclude", "extend-exclude"):
            from shuzhi_lint.discover import resolve_patterns

            value = resolve_patterns(value, "." if source == "命令行" else str(Path(source).parent))
            if key == "extend-exclude":  # adds to the file's list (ruff); --exclude replaces it
                value = [*cfg.extend_exclude, *value]
        if key == "per-file-ignores":
            value = {k: [str(c).upper() for c in (v if isinstance(v, list) else [v])] for k, v in value.items()}
        setattr(cfg, key.replace("-", "_"), value)
    return cfg
