"""Rule files: YAML lists of rules, validated field by field with file:line in every error.

A rule is data (docs/rule-format.md). Its ``kind`` names a check class registered through pluggy; the
kind declares its own parameters, so an unknown or misspelt field is caught here, at load time.
Data files (word lists, role keywords) live in ``rules/data/`` and are loaded with the same
line-tracking safe loader.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import field
from pathlib import Path
from typing import Any

from shuzhi_lint import diskcache
from shuzhi_lint.errors import RuleError
from shuzhi_lint.linedata import LineDict, LineList  # noqa: F401 (LineList: importable from here as before)
from shuzhi_lint.oserrors import describe
from shuzhi_lint.patterncache import compile_std
from shuzhi_lint.records import record

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
    "messages": "提示信息的命名变体 {变体名: 模板}：检查类型按情形选用其一（--list-kinds 列出各类型的变体）",
    "explain": "--explain 显示的说明",
    "description": "一句话说明（不含 {…} 字段），用于 SARIF、--list-rules、汇总网页；默认取 explain 中“检查什么：”的第一句",
    "examples": "bad/good 示例",
    "fix": "修复模板 {replacement, applicability}",
    "enabled": "默认是否启用",
    "redirected_from": "并入本规则的旧规则代码列表：select、ignore、per-file-ignores、行内禁用和 --explain 中的旧代码按本规则处理",
    "supersedes": "同一处问题（范围相同或一个在另一个之内）只报一次：列出的规则（代码或前缀）在这里的问题由本规则报告；"
                  "或 {rules: [...], variants: [...]}，只对本规则这些提示信息变体的问题成立",
    "yields_to": "同一处问题（范围相同或一个在另一个之内）只报一次：列出的规则（代码或前缀）在这里报告时，本规则不报；"
                 "或 {rules: [...], variants: [...]}，只对本规则这些提示信息变体的问题成立",
}
#: the one-defect keys: which finding of the pair stays
ONE_DEFECT = {"supersedes": "self", "yields_to": "other"}
_CODE = compile_std(r"^[A-Z]{2,4}\d{3}$")
_SELECTOR = compile_std(r"^[A-Z]{2,4}\d{0,3}$")
_NAME = compile_std(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_PREFIX = compile_std(r"[A-Z]+")


MAX_YAML_BYTES = 4 * 1024 * 1024  # rule, data and config files; the built-in ones are < 300 KB


def with_item_lines(text: str) -> Any:
    """``text`` parsed with the line of every mapping key and list item (None if it does not parse)."""
    from shuzhi_lint import yamlsafe  # lazily: only a file that misses the disk cache is parsed

    return yamlsafe.with_item_lines(text)


def item_line(source: str, rule_line: int, key: str, index: int) -> int | None:
    """The line of item ``index`` of list ``key`` in the rule that starts at ``rule_line``."""
    try:
        data = with_item_lines(Path(source).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if isinstance(data, dict) and "rules" in data:
        data = data["rules"]
    for entry in data if isinstance(data, list) else []:
        if isinstance(entry, LineDict) and entry.line == rule_line:
            items = entry.get(key)
            lines = getattr(items, "lines", None)
            return lines[index] if lines and 0 <= index < len(lines) else None
    return None


def read_limited(path: Path | str, what: str = "规则文件", limit: int = MAX_YAML_BYTES) -> bytes:
    """A rule, data or config file's bytes: only a regular file (not /dev/zero, a FIFO, a
    directory) and at most ``limit`` bytes, else a one-line RuleError."""
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
        raise RuleError(source, None, f"无法读取规则文件：{describe(e)}") from None
    from shuzhi_lint import yamlsafe  # lazily: importing yaml costs ~9 ms, and cached files need no parse

    try:
        return yamlsafe.parse(text, lines)
    except yamlsafe.YAMLError as e:
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
    """The parse ``_freeze`` stored. Most values are texts: only lists and frozen mappings are
    walked into (a call per text cost ~1 ms a run)."""
    if type(value) is tuple:
        line, keys, values, key_lines = value
        d = LineDict(zip(keys, [_thaw(v) if type(v) in _FROZEN else v for v in values]))
        d.line = line
        d.key_lines = dict(zip(keys, key_lines))
        return d
    if type(value) is list:
        return [_thaw(v) if type(v) in _FROZEN else v for v in value]
    return value


_FROZEN = (tuple, list)  # what marshal gives back for a frozen mapping or a list


class _Vars(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render_message(template: str, values: dict) -> str:
    """A rule's message template with ``values`` filled in; unknown ``{names}`` stay as written."""
    return template.format_map(_Vars(values))


def alternatives_balanced(text: str) -> bool:
    """Whether the groups of one alternative close within it (escapes and character classes
    skipped): ``(a`` and ``b)`` written as two entries would join into one group by accident."""
    depth, i, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if i < n and text[i] == "^":
                i += 1
            if i < n and text[i] == "]":
                i += 1
            while i < n and text[i] != "]":
                i += 2 if text[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0


def join_alternatives(value: Any, where: str, lines: list[int] | None = None) -> str:
    """A regex written as a list, one alternative per item, joined as alternation (``a|b|c``);
    a string is returned as it is. ``where`` names the field in errors; a ParamError carries the
    line of the bad item (``lines``) when the source gave one."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list) or not value:
        raise ParamError(where, f"{where} 应为正则表达式，或每行一个分支的正则表达式列表")
    lines = lines if lines is not None else getattr(value, "lines", None)
    for i, alt in enumerate(value):
        if not isinstance(alt, str) or not alt:
            err = ParamError(where, f"{where} 第 {i + 1} 项应为非空的正则表达式字符串，而不是 {alt!r}")
        elif not alternatives_balanced(alt):
            err = ParamError(where, f"{where} 第 {i + 1} 项 {alt!r} 的括号不配对：列表的每一项必须是一个完整的分支")
        else:
            continue
        err.line = lines[i] if lines and i < len(lines) else None
        err.index = i
        raise err
    return "|".join(value)


class ParamError(ValueError):
    """A kind parameter with a bad value; ``param`` names it so the error can point at its line."""

    def __init__(self, param: str, message: str, line: int | None = None):
        super().__init__(message)
        self.param = param
        self.line = line
        self.index: int | None = None  # the bad item of a list, when the list is the fault


@record
class Param:
    """A kind parameter: its type, whether it is required, its default and a one-line doc."""

    type: type | tuple
    doc: str
    required: bool = False
    default: Any = None
    #: a regular expression: the rule may write it as a list, one alternative per line, which the
    #: loader joins as alternation ("a|b|c") before the kind sees it. "each" marks a list of
    #: regexes (each of them a string or such a list).
    regex: bool | str = False


@record
class Rule:
    """A validated rule bound to an instance of its kind (``check``)."""

    code: str
    name: str
    category: str
    severity: str
    kind: str
    message: str
    #: named variants of the message ({name: template}); a hit picks one by ``Hit.variant``
    messages: dict = field(default_factory=dict)
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
    #: ``supersedes`` / ``yields_to``: (which finding stays, "self" or "other"; rule selectors; the
    #: message variants it holds for, None for all; the YAML line), in the order written
    one_defect: list[tuple[str, tuple[str, ...], frozenset | None, int]] = field(default_factory=list)

    description_text: str = ""  # the YAML's ``description``; see ``description``

    def stays_with(self, variant: str | None, other: str) -> str | None:
        """Which finding stays when one of this rule's (message variant ``variant``) and one of
        rule ``other`` on the same text are one defect: "self", "other", or None (not declared).
        An entry written for some variants decides over one written for all."""
        found = None
        for keep, selectors, variants, _ in self.one_defect:
            if (variants is None or variant in variants) and any(_overlap(s, other) for s in selectors):
                if variants is not None:
                    return keep
                found = keep
        return found

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
    if kind_name not in kinds and "check" in entry:
        kind_name = _replacement_kind(entry, kinds, source, code)
    if kind_name not in kinds:
        import difflib  # only for the hint of an error

        hint = difflib.get_close_matches(str(kind_name), kinds, n=1)
        extra = f"，是否想写 \"{hint[0]}\"" if hint else f"；可用的类型：{', '.join(sorted(kinds))}"
        raise _fail(source, kl["kind"], f"未知的检查类型 \"{kind_name}\"{extra}", code)
    kind_cls = kinds[kind_name]
    allowed = set(COMMON_FIELDS) | set(kind_cls.params)
    if kind_name != entry["kind"]:
        allowed.add("check")  # consumed by the mapping to the kind that replaced the old one
    for key in entry:
        if key not in allowed:
            import difflib  # only for the hint of an error

            hint = difflib.get_close_matches(str(key), allowed, n=1)
            extra = f"，是否想写 \"{hint[0]}\"" if hint else ""
            raise _fail(source, kl[key], f"未知字段 \"{key}\"{extra}", code)
    name, category, severity = entry["name"], entry["category"], entry["severity"]
    if not isinstance(name, str) or not _NAME.match(name):
        raise _fail(source, kl["name"], f"字段 \"name\" 应为 kebab-case（如 unfilled-placeholder），而不是 {name!r}", code)
    if category not in CATEGORIES:
        raise _fail(source, kl["category"], f"未知类别 \"{category}\"；可用：{' '.join(CATEGORIES)}", code)
    prefix_category = {v: k for k, v in CATEGORIES.items()}.get(_PREFIX.match(code).group(0))
    if prefix_category and prefix_category != category:
        raise _fail(source, kl["code"], f"类别 {category} 的规则代码应以 {CATEGORIES[category]} 开头", code)
    if severity not in SEVERITIES:
        raise _fail(source, kl["severity"], f"字段 \"severity\" 应为 error、warning 或 info，而不是 {severity!r}", code)
    if not isinstance(entry["message"], str) or not entry["message"].strip():
        raise _fail(source, kl["message"], "字段 \"message\" 必须是非空字符串", code)
    messages = _messages(entry, kind_cls, source, code)
    scope = entry.get("scope", [])
    if isinstance(scope, str):
        scope = [scope]
    if not isinstance(scope, list) or any(s not in SCOPES for s in scope):
        raise _fail(source, kl.get("scope", line), f"字段 \"scope\" 只能取：{' '.join(SCOPES)}", code)
    examples, example_checks = _examples(entry, source, code)
    fix = entry.get("fix")
    if fix is not None:
        if not isinstance(fix, dict) or not _replacement_ok(fix.get("replacement")):
            raise _fail(source, kl["fix"], "字段 \"fix\" 必须包含 replacement：一个字符串，或“命名分组: 字符串”的映射", code)
        if fix.get("applicability", "safe") not in ("safe", "unsafe") or set(fix) - {"replacement", "applicability"}:
            raise _fail(source, kl["fix"], "fix.applicability 只能是 safe 或 unsafe", code)
    redirected = entry.get("redirected_from", [])
    if not isinstance(redirected, list) or not all(isinstance(c, str) and _CODE.match(c) and c != code for c in redirected):
        raise _fail(source, kl.get("redirected_from", line), "字段 \"redirected_from\" 应为旧规则代码的列表（如 [FG017]），不能包含本规则的代码", code)
    one_defect = _one_defect(entry, messages, source, code)
    params: dict = {"__lines__": {}}
    for key, spec in kind_cls.params.items():
        if key in entry:
            value = entry[key]
            try:
                if spec.regex == "each" and isinstance(value, list):
                    value = [join_alternatives(v, key) if isinstance(v, list) else v for v in value]
                elif spec.regex and isinstance(value, list):
                    value = join_alternatives(value, key)
            except ParamError as e:
                at = e.line
                if at is None and spec.regex is True and getattr(e, "index", None) is not None:
                    at = item_line(source, line, key, e.index)
                raise _fail(source, at or kl[key], str(e), code) from None
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
        messages=messages,
        explain=entry.get("explain", "") or "",
        description_text=str(entry.get("description", "") or ""),
        scope=scope,
        examples=examples,
        example_checks=example_checks,
        fix=fix,
        enabled=bool(entry.get("enabled", True)),
        redirected_from=list(redirected),
        one_defect=one_defect,
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
        where = getattr(e, "line", None) or (params["__lines__"].get(param, line) if param else line)
        raise _fail(source, where, f"参数无效：{e}", code) from None
    return rule


def _replacement_kind(entry: LineDict, kinds: dict, source: str, code: str) -> str:
    """The kind that replaced a former kind which switched algorithms on ``check:`` (``kind:
    correspondence`` + ``check: orphan-measure`` is now ``kind: orphan-measure``): rules written
    the old way keep working. Each new kind names what it replaces in ``replaces``."""
    old, check = entry["kind"], entry["check"]
    options = {getattr(cls, "replaces", None): name for name, cls in kinds.items() if getattr(cls, "replaces", None)}
    if (old, check) in options:
        return options[(old, check)]
    known = [c for (k, c) in options if k == old]
    if known:
        raise _fail(source, entry.key_lines.get("check", entry.line), f"check 只能是 {' / '.join(known)}（或直接写 kind: {known[0]} 这样的检查类型）", code)
    return old


def _messages(entry: LineDict, kind_cls: Any, source: str, code: str) -> dict:
    """The rule's named message variants: every variant its kind may pick must be written (so no
    user-facing text is built in Python), and no other name (a misspelt variant would never show)."""
    wanted = getattr(kind_cls, "variants", None) or {}
    if not wanted and "messages" not in entry:
        return {}
    where = entry.key_lines.get("messages", entry.line)
    messages = entry.get("messages", {}) or {}
    if not isinstance(messages, dict) or not all(isinstance(v, str) and v.strip() for v in messages.values()):
        raise _fail(source, where, "字段 \"messages\" 必须是映射 {变体名: 非空的提示信息模板}", code)
    lines = getattr(messages, "key_lines", {})
    for name in messages:
        if name not in wanted:
            import difflib  # only for the hint of an error

            hint = difflib.get_close_matches(str(name), wanted, n=1)
            extra = f"，是否想写 \"{hint[0]}\"" if hint else (f"；可用：{'、'.join(wanted)}" if wanted else f"；类型 {entry['kind']} 没有提示信息变体")
            raise _fail(source, lines.get(name, where), f"未知的提示信息变体 \"{name}\"{extra}", code)
    for name, doc in wanted.items():
        if name not in messages:
            raise _fail(source, where, f"类型 {entry['kind']} 需要提示信息变体 messages.{name}（{doc}）", code)
    return dict(messages)


def _one_defect(entry: LineDict, messages: dict, source: str, code: str) -> list:
    """``supersedes`` and ``yields_to``: a list of rule codes or prefixes, or a mapping ``{rules:
    [...], variants: [...]}`` that holds only for findings with those message variants. Two entries
    that both hold for a variant and a rule contradict each other, unless one is the narrower
    (written for variants, the other for all): the narrower decides."""
    out = []
    for key, keep in ONE_DEFECT.items():
        if key not in entry:
            continue
        at = entry.key_lines.get(key, entry.line)
        value = entry[key]
        variants = None
        if isinstance(value, dict):
            if set(value) - {"rules", "variants"} or "rules" not in value:
                raise _fail(source, at, f"字段 \"{key}\" 写成映射时只能有 rules（必填）和 variants", code)
            variants = value.get("variants")
            if not isinstance(variants, list) or not variants or not all(isinstance(v, str) for v in variants):
                raise _fail(source, at, f"{key}.variants 应为本规则提示信息变体名的非空列表", code)
            unknown = [v for v in variants if v not in messages]
            if unknown:
                known = "、".join(messages) or "（本规则没有 messages）"
                raise _fail(source, at, f"{key}.variants 中的 {'、'.join(unknown)} 不是本规则的提示信息变体（可用：{known}）", code)
            variants = frozenset(variants)
            value = value["rules"]
        if (not isinstance(value, list) or not value
                or not all(isinstance(c, str) and _SELECTOR.match(c) for c in value)):
            raise _fail(source, at, f"字段 \"{key}\" 应为规则代码或前缀的非空列表（如 [PH001, PH002] 或 [PH]），"
                        "或 {rules: [...], variants: [...]}", code)
        if code in value:  # a prefix may take in the rule itself: it names the others
            raise _fail(source, at, f"字段 \"{key}\" 不能包含本规则自己（{code}）", code)
        out.append((keep, tuple(value), variants, at))
    for i, (keep, rules, variants, at) in enumerate(out):
        for keep2, rules2, variants2, _ in out[:i]:
            same_scope = (variants is None) == (variants2 is None) and (variants is None or variants & variants2)
            if keep != keep2 and same_scope and any(_overlap(a, b) for a in rules for b in rules2):
                raise _fail(source, at, "supersedes 与 yields_to 对同一规则、同一提示信息变体互相矛盾（用 variants 写明各自适用的情形）", code)
    return out


def _overlap(a: str, b: str) -> bool:
    """Whether two rule selectors can name the same rule (PH and PH002 can; PH and PHX cannot)."""
    short, long = sorted((a, b), key=len)
    letters = len(short.rstrip("0123456789"))
    return long.startswith(short) and (len(long) == len(short) or long[letters:letters + 1].isdigit())


EXAMPLE_CHECKS = {
    "span": "该规则的问题所在的文字（match），按出现顺序；一个字符串或字符串列表",
    "message": "提示信息中应出现的文字",
    "fixed": "应用该规则的全部修复（含需复核的）之后的全文",
}


def _replacement_ok(replacement) -> bool:
    """A template, or a non-empty mapping of named groups to templates (the first group that matched chooses)."""
    if isinstance(replacement, dict):
        return bool(replacement) and all(isinstance(k, str) and isinstance(v, str) for k, v in replacement.items())
    return isinstance(replacement, str)


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
    if path.is_dir():  # iterdir, not glob("*.y*ml"): the glob compiles a regular expression each run
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
    return [path]
