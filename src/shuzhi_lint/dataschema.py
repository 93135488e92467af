"""The expected shape of every data file (``rules/data/*.yaml`` and a rule folder's ``data/``).

Each schema is written in JSON Schema's vocabulary (``type``, ``properties``, ``required``,
``additionalProperties``, ``items``, ``enum``, ``minimum``, ``maximum``), so tests can check the
schemas and the shipped files with the ``jsonschema`` library; linting checks them with the small
walker below instead, because importing jsonschema costs about twice the linter's whole start-up.
One keyword of our own, ``x-regex``, marks a regular expression that may be written as a list, one
alternative per line: the loader joins it as alternation (``a|b|c``) after checking the file.

A file is checked the first time its content is seen; the checked, normalised data is kept in the
disk cache keyed on the file's bytes and the schema, so a later run skips the check. A file that
does not fit stops the run with one line naming the file, the line and the field (exit 2).
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from shuzhi_lint.errors import RuleError

STR: dict = {"type": "string"}
INT: dict = {"type": "integer"}
NUM: dict = {"type": "number"}
BOOL: dict = {"type": "boolean"}
#: a regular expression, or a list of its alternatives (one a line), joined by the loader
REGEX: dict = {"type": ["string", "array"], "items": STR, "x-regex": True}


def arr(items: dict) -> dict:
    return {"type": "array", "items": items}


def obj(props: dict, required: tuple = ()) -> dict:
    """A mapping with exactly these keys (those in ``required`` must be present)."""
    return {"type": "object", "properties": props, "required": list(required), "additionalProperties": False}


def mapping(values: dict) -> dict:
    """A mapping from names of the user's choosing to values of one shape."""
    return {"type": "object", "additionalProperties": values}


STRS = arr(STR)
SHARE = {"type": "number", "minimum": 0, "maximum": 1}

#: ``wordlist`` data (``list: typos``) and the misspellings of WD010
WORDLIST = obj({
    "entries": arr(obj({
        "wrong": STR, "right": STR, "note": STR, "allow": arr(REGEX), "require": REGEX,
        "before": REGEX, "after": REGEX, "applicability": {"enum": ["safe", "unsafe"]},
    }, required=("wrong", "right"))),
}, required=("entries",))

SCHEMAS: dict[str, dict] = {
    "campaigns": obj({
        "campaigns": arr(obj({
            "name": STR, "patterns": arr(REGEX), "start": INT, "end": INT,
            "grace": {"type": "integer", "minimum": 0}, "lead": {"type": "integer", "minimum": 0},
        }, required=("name", "patterns", "start", "end"))),
        # words near a mention that make it a look back, not current work
        "retrospective": REGEX,
    }, required=("campaigns",)),
    "wordlist": WORDLIST,
    "typos": WORDLIST,
    "formulations": WORDLIST,
    "fixed_expressions": WORDLIST,
    "misspellings": WORDLIST,
    # words of official prose the full dictionary lacks (WD012, WD013)
    "official_words": obj({"words": STRS}, required=("words",)),
    "de_usage": obj({
        "adverbials": STRS, "prepositions": STRS, "nominal_verbs": STRS, "action_verbs": STRS,
        "nounish": STRS, "governors": REGEX, "governor_modifiers": REGEX, "complement_leads": REGEX,
        "complements": REGEX, "complement_followers": REGEX, "not_complement_heads": STRS,
        "single_verbs": STRS, "adverb_tags": STRS, "pair_tags": STRS, "adjective_tags": STRS,
        "noun_followers": STRS, "object_heads": STRS, "adverbial_suffixes": STRS, "degree_words": REGEX, "evaluatives": STRS, "object_governors": REGEX,
    }, required=("adverbials", "prepositions", "nominal_verbs", "action_verbs", "nounish", "governors",
                 "governor_modifiers", "complement_leads", "complements", "complement_followers",
                 "not_complement_heads", "single_verbs")),
    "genres": obj({
        "fallback": STR,
        "not-a-report": obj({"min-han": INT, "min-han-share": SHARE, "max-list-share": SHARE, "report-cues": REGEX, "announce": REGEX}),
        "title-words": REGEX,
        "genres": arr(obj({
            "id": STR, "name": STR, "aliases": STRS, "title": arr(REGEX), "opening": arr(REGEX),
            "weak-title": BOOL, "order": STRS, "sections": {"type": "object"},
            "skip": STRS, "only": STRS, "keep": STRS, "messages": mapping(STR),
            "parts": arr(obj({
                "role": STR, "part": STR, "words": STRS, "message": STR,
                "need": {"enum": ["required", "optional"]},
            })),
        }, required=("id",))),
    }, required=("genres",)),
    "sections": obj({
        "order": STRS,
        "traditional": STR,
        "roles": mapping(obj({"heading": STRS, "opener": arr(REGEX), "announce": REGEX})),
        # the outline stages' cue words (structure/spec.py): a regex, or a list of words in order
        "cues": mapping({"type": ["string", "array"], "items": STR}),
    }, required=("roles",)),
    "slots": obj({
        "slot": REGEX,
        "skip": arr(REGEX),
        "lists": mapping(STRS),
        "types": mapping(obj({"what": STR, "hint": STR}, required=("what", "hint"))),
        "contexts": arr(obj({"type": STR, "before": REGEX, "after": REGEX, "slot": REGEX, "span_after": BOOL}, required=("type",))),
    }, required=("slot", "contexts")),
    "spun_synonyms": obj({
        "entries": arr(obj({"spun": STR, "original": STR, "phrases": STRS, "weak_phrases": STRS}, required=("spun", "original", "phrases"))),
    }, required=("entries",)),
    # words of site watermarks (spliced-watermark, AR020): points for a run holding them
    "watermarks": obj({"words": mapping({"type": "integer", "minimum": 1}), "sites": STRS, "accounts": STRS, "labels": STRS, "sign_offs": STRS, "governors": STRS}, required=("words",)),
    # characters the spelling kinds (WD007-WD012) treat by what they are, each a string of them
    "spelling_chars": obj({"function_words": STR, "numerals": STR, "stand_alone": STR, "affixes": STR, "prefixes": STR, "bodies": STR, "surnames": STR},
                          required=("function_words", "numerals", "stand_alone", "affixes", "bodies")),
    "standard_formulations": obj({"formulations": STRS, "accepted_variants": STRS}, required=("formulations",)),
    "topics": obj({
        "groups": mapping(STRS),
        "stopwords": STRS,
        # words of every matter, never a problem's own (the CR matcher's specific words)
        "common_words": STRS,
        # characters that never start or end a word: a run of unknown single characters holding
        # one of them is no word (有的, 在抓)
        "function_chars": STR,
        # a measure that opens by naming its problem; group "what" holds the name
        "names_problem": REGEX,
        # a problem heading that only names the problem's area (履职尽责方面)
        "label_head": REGEX,
        "concrete": REGEX,
        "threshold": SHARE,
        "cause_threshold": SHARE,
        "body_weight": SHARE,
        "word_share": SHARE,
        "word_score": SHARE,
        "topic_weight": {"type": "number", "minimum": 0},
        "objective": STRS,
        "subjective": STRS,
        "generic_causes": STRS,
        "too_many_items": obj({"note": STR, "problems": STR, "causes": STR, "measures": STR},
                              required=("note", "problems", "causes", "measures")),
    }, required=("groups", "function_chars", "too_many_items")),
}

#: a fingerprint of each schema, part of the cache key of checked data: a changed schema checks again
STAMPS = {name: f"{zlib.crc32(repr(schema).encode('utf-8')):08x}" for name, schema in SCHEMAS.items()}

#: data files that are plain text, one entry a line, and what a line holds (checked by the tests;
#: the large generated ones are read by their own code)
TEXT_FILES = {
    "userdict": r"\S+(?: \d+)?(?: [a-z]+)?",
    "jieba_compact": r"\S+ \d+ [a-z]+",
    "traditional_chars": r"(?:\S\S)(?: \S\S)*",
    "official_phrases": r"\S+(?: \S+)*",
    "spelling": r"\S.*",
}

_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list, "object": dict}
_TYPE_CN = {"string": "字符串", "integer": "整数", "number": "数字", "boolean": "true/false", "array": "列表", "object": "映射"}


class SchemaError(ValueError):
    """Where the data does not fit (a path of keys and indexes) and why, in Chinese."""

    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path


def _where(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "文件顶层"


def _is(value: Any, type_name: str) -> bool:
    if isinstance(value, bool) and type_name in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[type_name])


def check(value: Any, schema: dict, path: tuple = ()) -> Any:
    """``value`` checked against ``schema``, with ``x-regex`` lists joined; SchemaError otherwise."""
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(_is(value, t) for t in names):
            wanted = "或".join(_TYPE_CN[t] for t in names)
            raise SchemaError(path, f"{_where(path)} 应为{wanted}，而不是 {_short(value)}")
    if "enum" in schema and value not in schema["enum"]:
        raise SchemaError(path, f"{_where(path)} 只能是 {' / '.join(map(str, schema['enum']))}，而不是 {_short(value)}")
    if "minimum" in schema and value < schema["minimum"] or "maximum" in schema and value > schema["maximum"]:
        raise SchemaError(path, f"{_where(path)} 应在 {schema.get('minimum', '')}–{schema.get('maximum', '')} 之间，而不是 {value!r}")
    if isinstance(value, list):
        items = schema.get("items")
        if items is not None:
            value = [check(v, items, (*path, i)) for i, v in enumerate(value)]
        if schema.get("x-regex"):
            return _joined(value, path)
        return value
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        out = {}
        for key, v in value.items():
            if key in props:
                out[key] = check(v, props[key], (*path, key))
            elif extra is False:
                import difflib

                hint = difflib.get_close_matches(str(key), props, n=1)
                known = f"，是否想写 \"{hint[0]}\"" if hint else f"（可用的字段：{'、'.join(props)}）"
                raise SchemaError((*path, key), f"{_where(path)}有未知字段 \"{key}\"{known}")
            elif isinstance(extra, dict):
                if not isinstance(key, str):
                    raise SchemaError((*path, key), f"{_where(path)}的键应为字符串，而不是 {key!r}")
                out[key] = check(v, extra, (*path, key))
            else:
                out[key] = v
        for key in schema.get("required", ()):  # after unknown keys: a misspelt key is the likelier fault
            if key not in value:
                raise SchemaError(path, f"{_where(path)}缺少字段 \"{key}\"")
        return out
    return value


def _joined(alternatives: list, path: tuple) -> str:
    from shuzhi_lint.rules import alternatives_balanced

    if not alternatives:
        raise SchemaError(path, f"{_where(path)} 是空列表：应为正则表达式，或每行一个分支的列表")
    for i, alt in enumerate(alternatives):
        if not alt or not alternatives_balanced(alt):
            raise SchemaError((*path, i), f"{_where((*path, i))} {alt!r} 不是完整的分支（空或括号不配对）")
    return "|".join(alternatives)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 30 else text[:29] + "…"


def load(path: Path, schema_name: str) -> Any:
    """The data file at ``path``, checked against ``SCHEMAS[schema_name]`` (once per content)."""
    from shuzhi_lint import diskcache
    from shuzhi_lint.rules import _parse_yaml, read_limited

    schema = SCHEMAS[schema_name]
    raw = read_limited(path, "数据文件")
    stamp = f"{schema_name}:{STAMPS[schema_name]}"
    entry = diskcache.entry_for_content("data", raw, stamp)
    cached = diskcache.load(entry)
    if cached is not None:
        return cached
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RuleError(str(path), None, f"无法读取数据文件：不是 UTF-8 编码（{e.reason}）") from None
    data = _parse_yaml(path, text, lines=False)
    try:
        data = check(data, schema)
    except SchemaError as e:
        line = _line_of(path, text, e.path)
        raise RuleError(str(path), line, f"数据文件 {schema_name} 的格式不对：{e}") from None
    diskcache.save(entry, data)
    return data


def _line_of(path: Path, text: str, where: tuple) -> int | None:
    """The line of the deepest part of ``where`` the YAML source shows (parsed again with lines)."""
    from shuzhi_lint.rules import with_item_lines

    node = with_item_lines(text)
    line = getattr(node, "line", None)
    for key in where:
        if isinstance(node, dict) and key in node:
            line = node.key_lines.get(key, line) if hasattr(node, "key_lines") else line
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            line = node.lines[key] if hasattr(node, "lines") else line
            node = node[key]
        else:
            break
    return line


def describe(schema: dict) -> str:
    """A schema in the short notation of docs/rule-format.md: ``{key, key?: [regex], …}``; a key
    without a type holds text, ``?`` marks an optional key (a test keeps the docs equal to this)."""
    if schema.get("x-regex"):
        return "regex"
    if "enum" in schema:
        return "|".join(map(str, schema["enum"]))
    kind = schema.get("type")
    if isinstance(kind, list):  # e.g. a cue: a regex or a list of words
        return " or ".join(describe({**schema, "type": k}) for k in kind)
    if kind == "array":
        return f"[{describe(schema['items'])}]"
    if kind == "object":
        props = schema.get("properties")
        if props is None:
            extra = schema.get("additionalProperties")
            return "{name: " + describe(extra) + "}" if isinstance(extra, dict) else "{…}"
        required = set(schema.get("required", ()))
        parts = []
        for key, sub in props.items():
            mark = "" if key in required else "?"
            parts.append(f"{key}{mark}" if sub is STR else f"{key}{mark}: {describe(sub)}")
        return "{" + ", ".join(parts) + "}"
    return {"string": "text", "integer": "integer", "number": "number", "boolean": "true/false"}.get(kind, "…")
