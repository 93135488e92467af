"""Configuration: ``.shuzhi-lint.yaml`` or ``[tool.shuzhi-lint]`` in ``pyproject.toml``.

Found from a file's directory upwards (the nearest wins); command-line options override it.
Keys are kebab-case, as in ruff. Unknown keys are errors, so a typo never silently does nothing.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any

from shuzhi_lint.errors import ConfigError
from shuzhi_lint.oserrors import describe
from shuzhi_lint.records import record
from shuzhi_lint.rules import load_yaml
from shuzhi_lint.discover import resolve_patterns

CONFIG_NAMES = (".shuzhi-lint.yaml", ".shuzhi-lint.yml", "pyproject.toml")

@record
class Config:
    """One configuration: a file's settings (or the defaults) with the command line's over them."""

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
    lines: dict = field(default_factory=dict)  # key -> "file:line" where it was set (later messages)


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
        import tomllib  # only for a pyproject.toml configuration

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("shuzhi-lint", {})
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{source}: TOML 语法错误（{e}）") from None
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"{source}: 无法读取配置：{describe(e)}") from None
        lines: dict = {}
    else:
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
    base = Path(source).parent if source != CLI else None
    for key, value in data.items():
        where = f"{source}:{lines[key]}" if key in lines else source
        spec = KEYS.get(key) if isinstance(key, str) else None
        if spec is None:
            import difflib  # only for the hint of an error

            hint = difflib.get_close_matches(str(key), KEYS, n=1)
            raise ConfigError(f"{where}: 未知的配置项 \"{key}\"" + (f"，是否想写 \"{hint[0]}\"" if hint else ""))
        try:
            value = spec(value, base)
        except _Bad as e:
            raise ConfigError(f"{where}: 配置项 {key} {e}") from None
        if key == "extend-exclude":  # adds to the file's list (ruff); --exclude replaces it
            value = [*cfg.extend_exclude, *value]
        setattr(cfg, key.replace("-", "_"), value)
        cfg.lines[key] = where
    return cfg


# -- the keys: each a checker (value, folder of the config file or None) -> normalised value -----
# A new key is one line in KEYS; a checker raises _Bad with what is wrong, in Chinese.

CLI = "命令行"
MAX_FILE_SIZE_LIMIT = 1024 * 1024 * 1024


class _Bad(ValueError):
    pass


def _type_name(value: Any) -> str:
    return {bool: "布尔值", int: "整数", float: "小数", str: "字符串", list: "列表", dict: "映射"}.get(type(value), type(value).__name__)


def _integer(lo: int, hi: int, unit: str = ""):
    def check(value, base):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Bad(f"必须是整数（{lo}–{hi}{unit}），而不是{_type_name(value)} {value!r}")
        if not lo <= value <= hi:
            raise _Bad(f"必须在 {lo}–{hi}{unit} 之间，而不是 {value}")
        return value

    return check


def _seconds(lo: float, hi: float):
    def check(value, base):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Bad(f"必须是秒数（大于 {lo:g}，至多 {hi:g}），而不是{_type_name(value)} {value!r}")
        if not (lo < value <= hi):  # also false for .nan; .inf is above hi
            raise _Bad(f"必须大于 {lo:g} 秒、至多 {hi:g} 秒，而不是 {value}")
        return float(value)

    return check


def _choice(*allowed: str):
    def check(value, base):
        if value not in allowed:
            raise _Bad(f"只能是 {'、'.join(allowed)}，而不是 {value!r}")
        return value

    return check


def _strings(value, what: str = "字符串") -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad(f"必须是{what}的列表")
    return value


def _codes(value, base) -> list[str]:
    return [v.strip().upper() for v in _strings(value, "规则代码或前缀（如 PH、ST001）")]


def _per_file_ignores(value, base) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise _Bad("必须是映射：文件模式: [规则代码…]")
    out = {}
    for pattern, codes in value.items():
        if not isinstance(pattern, str) or not pattern:
            raise _Bad(f"的键必须是文件模式（字符串），而不是 {pattern!r}")
        try:
            out[pattern] = _codes(codes, base)
        except _Bad:
            raise _Bad(f"中 \"{pattern}\" 的值必须是规则代码或前缀的列表") from None
    return out


def _path(value, base) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("必须是路径（字符串）")
    return str(base / value) if base is not None and not Path(value).is_absolute() else value


def _folder(value, base) -> str:
    path = _path(value, base)
    if not Path(path).is_dir():
        raise _Bad(f"：目录不存在：{path}")
    return path


def _regular_file(value, base) -> str:
    path = _path(value, base)
    if not Path(path).is_file():  # follows links; a FIFO or a device is not a file
        raise _Bad(f"：不是存在的普通文件：{path}")
    return path


def _rule_paths(value, base) -> list[str]:
    out = []
    for v in _strings(value, "规则文件或目录的路径"):
        path = _path(v, base)
        p = Path(path)
        if not (p.is_dir() or p.is_file()):
            raise _Bad(f"：{path} 不是存在的规则文件或目录（只读取普通文件）")
        out.append(path)
    return out


SECTION_KEYS = ("heading", "opener", "announce")


def _sections(value, base) -> dict:
    if not isinstance(value, dict):
        raise _Bad("必须是映射：部分: {heading: [...], opener: [...]}")
    allowed = [*SECTION_KEYS, *(f"replace-{k}" for k in SECTION_KEYS)]
    for role, lists in value.items():
        if not isinstance(role, str):
            raise _Bad(f"的部分名必须是字符串，而不是 {role!r}")
        if not isinstance(lists, dict):
            raise _Bad(f"中 {role} 的值必须是映射（{', '.join(allowed)}: [关键词…]），而不是{_type_name(lists)}")
        for key, words in lists.items():
            if key not in allowed:
                import difflib  # only for the hint of an error

                hint = difflib.get_close_matches(str(key), allowed, n=1)
                raise _Bad(f"中 {role} 的未知键 \"{key}\"（可用：{'、'.join(allowed)}）" + (f"，是否想写 \"{hint[0]}\"" if hint else ""))
            try:
                _strings(words)
            except _Bad:
                raise _Bad(f"中 {role}.{key} 必须是字符串（关键词或正则）的列表") from None
    return value


def _excludes(value, base) -> list[str]:
    return resolve_patterns(_strings(value, "文件或目录的 glob 模式"), "." if base is None else str(base))


def _genre(value, base) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("必须是体裁名（字符串，如 dangjian-shuzhi、工作总结）")
    return value


def _per_file_genre(value, base) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise _Bad("必须是映射：文件模式: 体裁名")
    return dict(value)


KEYS: dict[str, Any] = {
    "select": _codes,
    "ignore": _codes,
    "extend-select": _codes,
    "extend-ignore": _codes,
    "exclude": _excludes,
    "extend-exclude": _excludes,
    "genre": _genre,
    "per-file-genre": _per_file_genre,
    "per-file-ignores": _per_file_ignores,
    "rules": _rule_paths,
    "fail-on": _choice("error", "warning", "info"),
    "year": _integer(1949, 2100),
    "sections": _sections,
    "max-file-size": _integer(1, MAX_FILE_SIZE_LIMIT, " 字节"),
    "regex-timeout": _seconds(0, 600),
    "max-length": _integer(1, 10_000_000, " 字"),
    "jobs": _integer(1, 1024),
    "corpus": _folder,
    "previous": _regular_file,
}
