"""Rule files: YAML lists of rules, validated field by field with file:line in every error.

A rule is data (docs/rule-format.md). Its ``kind`` names a check class registered through pluggy; the
kind declares its own parameters, so an unknown or misspelt field is caught here, at load time.
Data files (word lists, role keywords) live in ``rules/data/`` and are loaded with the same
line-tracking safe loader.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from shuzhi_lint import diskcache
from shuzhi_lint.errors import RuleError

CATEGORIES = {
    "structure": "ST",
    "placeholder": "PH",
    "correspondence": "CR",
    "figure": "FG",
    "punctuation": "PU",
    "wording": "WD",
    "artifact": "AR",
    "consistency": "CS",
    "duplication": "DP",
}
CATEGORY_CN = {
    "structure": "结构",
    "placeholder": "占位符",
    "correspondence": "对应关系",
    "figure": "数字",
    "punctuation": "标点",
    "wording": "用语",
    "artifact": "模板痕迹",
    "consistency": "前后一致",
    "duplication": "重复抄袭",
}
SEVERITIES = ("error", "warning", "info")
SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
SCOPES = ("title", "preamble", "rectification", "achievements", "problems", "causes", "measures", "closing", "other", "body", "headings")
COMMON_FIELDS = {
    "code": "规则代码，如 PH001",
    "name": "kebab-case 名称",
    "category": "类别",
    "severity": "error / warning / info",
    "kind": "检查类型",
    "scope": "适用的部分（角色）列表",
    "message": "中文提示信息模板",
    "explain": "--explain 显示的说明",
    "description": "一句话说明（不含 {…} 字段），用于 SARIF、--list-rules、汇总网页；默认取 explain 中“检查什么：”的第一句",
    "examples": "bad/good 示例",
    "fix": "修复模板 {replacement, applicability}",
    "enabled": "默认是否启用",
    "redirected_from": "并入本规则的旧规则代码列表：select、ignore、per-file-ignores、行内禁用和 --explain 中的旧代码按本规则处理",
}
_CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class LineDict(dict):
    """A mapping that remembers the line of each key in its YAML source."""

    line: int = 0
    key_lines: dict


MAX_YAML_BYTES = 4 * 1024 * 1024  # rule, data and config files; the built-in ones are < 300 KB


class _NoAliases:
    """Constructs each list and mapping once: one reached a second time came through an alias.

    Aliases of lists and mappings (``*a`` for ``&a [...]``, ``<<: *a``) are refused in rule, data
    and configuration files, as the .docx reader refuses DTDs: nine levels of ``&a [*a, *a, …]``
    are a few lines that expand to billions of values in whatever walks the result. An alias of
    a single text (a shared example report) cannot grow and stays allowed."""

    def construct_object(self, node, deep=False):
        if not isinstance(node, yaml.ScalarNode) and (node in self.constructed_objects or node in self.recursive_objects):
            raise yaml.constructor.ConstructorError(
                None, None, "不允许用别名（*名称）引用列表或映射（锚点在此行），请把内容直接写出", node.start_mark
            )
        return super().construct_object(node, deep)


_BASE_LOADER = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader


class _LineLoader(_NoAliases, _BASE_LOADER):  # type: ignore[misc,valid-type]
    pass


class _PlainLoader(_NoAliases, _BASE_LOADER):  # type: ignore[misc,valid-type]
    pass


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    d = LineDict()
    d.line = node.start_mark.line + 1
    d.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "unhashable key", key_node.start_mark) from None
        d[key] = loader.construct_object(value_node, deep=True)
        d.key_lines[key] = key_node.start_mark.line + 1
    return d


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def read_limited(path: Path | str, what: str = "规则文件", limit: int = MAX_YAML_BYTES) -> bytes:
    """A rule, data or config file's bytes: only a regular file (not /dev/zero, a FIFO, a
    directory) and at most ``limit`` bytes, else a one-line RuleError."""
    import os
    import stat

    source = str(path)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise RuleError(source, None, f"不是普通文件，不能作为{what}读取")
        if st.st_size > limit:
            raise RuleError(source, None, f"{what}过大（{st.st_size // 1024} KB，上限 {limit // 1024} KB）")
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as e:
        raise RuleError(source, None, f"无法读取{what}：{e.strerror or e}") from None
    if len(data) > limit:
        raise RuleError(source, None, f"{what}过大（超过 {limit // 1024} KB）")
    return data


def load_yaml(path: Path | str, text: str | None = None, lines: bool = True) -> Any:
    """Safe-load YAML (with line numbers unless ``lines=False``, which is faster for data files);
    any YAML error becomes a one-line RuleError. Files (not ``text``) go through the disk cache,
    keyed on their content: an edit that keeps the size and the modification time still counts."""
    entry = None
    if text is None:
        raw = read_limited(path)
        entry = diskcache.entry_for_content("yamllines" if lines else "yaml", raw)
        cached = diskcache.load(entry)
        if cached is not None:
            return _thaw(cached) if lines else cached
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise RuleError(str(path), None, f"无法读取规则文件：不是 UTF-8 编码（{e.reason}）") from None
    data = _parse_yaml(path, text, lines)
    if entry is not None:
        diskcache.save(entry, _freeze(data) if lines else data)
    return data


def _parse_yaml(path: Path | str, text: str | None, lines: bool) -> Any:
    source = str(path)
    try:
        if text is None:
            text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        from shuzhi_lint.oserrors import describe

        raise RuleError(source, None, f"无法读取规则文件：{describe(e)}") from None
    try:
        loader = _LineLoader if lines else _PlainLoader
        return yaml.load(text, Loader=loader)  # noqa: S506 - both loaders are safe loaders
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        if "python/" in str(e):
            problem = "不允许的 YAML 标签（只接受安全的 YAML，python 对象标签被拒绝）"
        raise RuleError(source, line, f"YAML 语法错误：{problem}") from None


# A LineDict is cached as a tuple (safe YAML never yields tuples): (line, keys, values, key lines).
# Values such as dates are not marshal-able; such a file is simply not cached.
def _freeze(value: Any) -> Any:
    if isinstance(value, LineDict):
        keys = list(value)
        return (value.line, keys, [_freeze(value[k]) for k in keys], [value.key_lines.get(k, value.line) for k in keys])
    if isinstance(value, list):
        return [_freeze(v) for v in value]
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        line, keys, values, key_lines = value
        d = LineDict(zip(keys, map(_thaw, values)))
        d.line = line
        d.key_lines = dict(zip(keys, key_lines))
        return d
    if isinstance(value, list):
        return [_thaw(v) for v in value]
    return value


class ParamError(ValueError):
    """A kind parameter with a bad value; ``param`` names it so the error can point at its line."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param


@dataclass
class Param:
    """A kind parameter: its type, whether it is required, its default and a one-line doc."""

    type: type | tuple
    doc: str
    required: bool = False
    default: Any = None


@dataclass
class Rule:
    code: str
    name: str
    category: str
    severity: str
    kind: str
    message: str
    explain: str = ""
    scope: list[str] = field(default_factory=list)
    examples: dict = field(default_factory=dict)  # {"bad": [text, ...], "good": [text, ...]}
    #: what a bad example must also produce, by its index in examples["bad"]: {"span", "message", "fixed"}
    example_checks: dict = field(default_factory=dict)
    fix: dict | None = None
    enabled: bool = True
    params: dict = field(default_factory=dict)
    source: str = ""
    line: int = 0
    check: Any = None  # the kind instance bound to this rule
    #: retired codes merged into this rule (ruff's rule redirects): selecting or disabling one acts on this rule
    redirected_from: list[str] = field(default_factory=list)

    description_text: str = ""  # the YAML's ``description``; see ``description``

    def param_line(self, key: str) -> int:
        return self.params.get("__lines__", {}).get(key, self.line)

    @property
    def description(self) -> str:
        """What the rule checks, in one sentence and without the message's ``{field}`` slots: for
        texts shown without a finding (SARIF rule metadata, --list-rules, the HTML page's legend)."""
        if self.description_text:
            return self.description_text.strip()
        # lines of the YAML block joined: no space between Chinese, one space elsewhere
        text = re.sub(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’（）])\s*\n\s*(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’（）])", "", self.explain.strip())
        text = re.sub(r"\s*\n\s*", " ", text)
        if text.startswith("检查什么："):
            text = re.split(r"\s*(?:为什么|如何修改|示例)：", text)[0]
            depth, end = 0, len(text)
            for i, ch in enumerate(text):  # the first 。 outside quotes ends the sentence
                depth += ch in "“‘（" and 1 or 0
                depth -= ch in "”’）" and 1 or 0
                if ch == "。" and depth <= 0:
                    end = i + 1
                    break
            first = text[len("检查什么："):end]
            if "{" not in first:
                return first
        return re.sub(r"\{[a-z_]+\}", "…", self.message)


def _fail(source: str, line: int, reason: str, code: str | None = None) -> RuleError:
    return RuleError(source, line, reason, code)


def parse_rules(data: Any, source: str, kinds: dict) -> list[Rule]:
    """Validate a parsed rule file and bind each rule to an instance of its kind."""
    if data is None:
        return []
    if isinstance(data, LineDict) and "rules" in data:
        data = data["rules"]
    if not isinstance(data, list):
        raise _fail(source, getattr(data, "line", 1), "规则文件的顶层必须是规则列表（以“- code: …”开头的各项）")
    rules = []
    for entry in data:
        if not isinstance(entry, LineDict):
            raise _fail(source, 1, "每条规则必须是一个映射（code、name、kind 等字段）")
        rules.append(parse_rule(entry, source, kinds))
    return rules


def parse_rule(entry: LineDict, source: str, kinds: dict) -> Rule:
    code = entry.get("code")
    line = entry.line
    if not isinstance(code, str) or not _CODE.match(code):
        raise _fail(source, entry.key_lines.get("code", line), f"缺少或无效的字段 \"code\"（{code!r}），应为两到四个大写字母加三位数字，如 PH001")
    kl = entry.key_lines
    for required in ("name", "category", "severity", "kind", "message"):
        if required not in entry:
            raise _fail(source, line, f"缺少必填字段 \"{required}\"", code)
    kind_name = entry["kind"]
    if kind_name not in kinds:
        hint = difflib.get_close_matches(str(kind_name), kinds, n=1)
        extra = f"，是否想写 \"{hint[0]}\"" if hint else f"；可用的类型：{', '.join(sorted(kinds))}"
        raise _fail(source, kl["kind"], f"未知的检查类型 \"{kind_name}\"{extra}", code)
    kind_cls = kinds[kind_name]
    allowed = set(COMMON_FIELDS) | set(kind_cls.params)
    for key in entry:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            extra = f"，是否想写 \"{hint[0]}\"" if hint else ""
            raise _fail(source, kl[key], f"未知字段 \"{key}\"{extra}", code)
    name, category, severity = entry["name"], entry["category"], entry["severity"]
    if not isinstance(name, str) or not _NAME.match(name):
        raise _fail(source, kl["name"], f"字段 \"name\" 应为 kebab-case（如 unfilled-placeholder），而不是 {name!r}", code)
    if category not in CATEGORIES:
        raise _fail(source, kl["category"], f"未知类别 \"{category}\"；可用：{' '.join(CATEGORIES)}", code)
    prefix_category = {v: k for k, v in CATEGORIES.items()}.get(re.match(r"[A-Z]+", code).group(0))
    if prefix_category and prefix_category != category:
        raise _fail(source, kl["code"], f"类别 {category} 的规则代码应以 {CATEGORIES[category]} 开头", code)
    if severity not in SEVERITIES:
        raise _fail(source, kl["severity"], f"字段 \"severity\" 应为 error、warning 或 info，而不是 {severity!r}", code)
    if not isinstance(entry["message"], str) or not entry["message"].strip():
        raise _fail(source, kl["message"], "字段 \"message\" 必须是非空字符串", code)
    scope = entry.get("scope", [])
    if isinstance(scope, str):
        scope = [scope]
    if not isinstance(scope, list) or any(s not in SCOPES for s in scope):
        raise _fail(source, kl.get("scope", line), f"字段 \"scope\" 只能取：{' '.join(SCOPES)}", code)
    examples, example_checks = _examples(entry, source, code)
    fix = entry.get("fix")
    if fix is not None:
        if not isinstance(fix, dict) or "replacement" not in fix or not isinstance(fix["replacement"], str):
            raise _fail(source, kl["fix"], "字段 \"fix\" 必须包含字符串 replacement", code)
        if fix.get("applicability", "safe") not in ("safe", "unsafe") or set(fix) - {"replacement", "applicability"}:
            raise _fail(source, kl["fix"], "fix.applicability 只能是 safe 或 unsafe", code)
    redirected = entry.get("redirected_from", [])
    if not isinstance(redirected, list) or not all(isinstance(c, str) and _CODE.match(c) and c != code for c in redirected):
        raise _fail(source, kl.get("redirected_from", line), "字段 \"redirected_from\" 应为旧规则代码的列表（如 [FG017]），不能包含本规则的代码", code)
    params: dict = {"__lines__": {}}
    for key, spec in kind_cls.params.items():
        if key in entry:
            value = entry[key]
            if not isinstance(value, spec.type) or (spec.type is int and isinstance(value, bool)):
                tname = spec.type.__name__ if isinstance(spec.type, type) else "/".join(t.__name__ for t in spec.type)
                raise _fail(source, kl[key], f"字段 \"{key}\" 的类型应为 {tname}", code)
            params[key] = value
            params["__lines__"][key] = kl[key]
        elif spec.required:
            raise _fail(source, line, f"类型 {kind_name} 需要字段 \"{key}\"（{spec.doc}）", code)
        else:
            params[key] = spec.default
    rule = Rule(
        code=code,
        name=name,
        category=category,
        severity=severity,
        kind=kind_name,
        message=entry["message"],
        explain=entry.get("explain", "") or "",
        description_text=str(entry.get("description", "") or ""),
        scope=scope,
        examples=examples,
        example_checks=example_checks,
        fix=fix,
        enabled=bool(entry.get("enabled", True)),
        redirected_from=list(redirected),
        params=params,
        source=source,
        line=line,
    )
    try:
        rule.check = kind_cls(rule)
    except RuleError:
        raise
    except (ValueError, TypeError, KeyError, re.error) as e:
        param = getattr(e, "param", None)
        where = params["__lines__"].get(param, line) if param else line
        raise _fail(source, where, f"参数无效：{e}", code) from None
    return rule


EXAMPLE_CHECKS = {
    "span": "该规则的问题所在的文字（match），按出现顺序；一个字符串或字符串列表",
    "message": "提示信息中应出现的文字",
    "fixed": "应用该规则的全部修复（含需复核的）之后的全文",
}


def _examples(entry: LineDict, source: str, code: str) -> tuple[dict, dict]:
    """``examples`` as lists of texts, and the pinned results of bad examples written as mappings
    (``- text: …`` with ``span:``, ``message:`` and/or ``fixed:``)."""
    where = entry.key_lines.get("examples", entry.line)
    examples = entry.get("examples", {}) or {}
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise _fail(source, where, "字段 \"examples\" 只能有 bad 和 good 两个列表", code)
    texts: dict[str, list[str]] = {}
    checks: dict[int, dict] = {}
    for k, v in examples.items():
        if not isinstance(v, list):
            raise _fail(source, where, f"examples.{k} 必须是列表", code)
        texts[k] = []
        for i, x in enumerate(v):
            if isinstance(x, str):
                texts[k].append(x)
                continue
            at = getattr(x, "line", where)
            if k != "bad" or not isinstance(x, dict) or not isinstance(x.get("text"), str):
                raise _fail(source, at, f"examples.{k} 的每一项必须是字符串" + ("，或带 text 的映射（可加 span、message、fixed）" if k == "bad" else ""), code)
            unknown = set(x) - {"text", *EXAMPLE_CHECKS}
            if unknown:
                raise _fail(source, at, f"examples.bad 第 {i + 1} 项有未知字段 {', '.join(sorted(map(str, unknown)))}（可用：text、{'、'.join(EXAMPLE_CHECKS)}）", code)
            span = x.get("span")
            if span is not None and not (isinstance(span, str) or (isinstance(span, list) and all(isinstance(s, str) for s in span))):
                raise _fail(source, at, f"examples.bad 第 {i + 1} 项的 span 必须是字符串或字符串列表", code)
            for key in ("message", "fixed"):
                if key in x and not isinstance(x[key], str):
                    raise _fail(source, at, f"examples.bad 第 {i + 1} 项的 {key} 必须是字符串", code)
            texts[k].append(x["text"])
            checks[i] = {key: ([span] if key == "span" and isinstance(span, str) else x[key]) for key in EXAMPLE_CHECKS if key in x}
    return texts, checks


def rule_files(path: Path) -> list[Path]:
    """Rule files in a directory (not its data/ folder), or the file itself."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    return [path]
