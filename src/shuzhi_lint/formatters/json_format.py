"""``--format json``: one JSON array of findings, exactly the fields of docs/contracts.md §1."""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C encoder where available

from shuzhi_lint.formatters import StreamedFormatter

_INF = float("inf")


class _Unusual(Exception):
    """A value the fast encoder leaves to ``json.dumps`` (non-finite floats, non-str keys, ...)."""


def _encode(value, newline: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` for a value nested at the indentation
    ``newline`` (a newline and the spaces before it), for the plain data findings hold.

    With ``indent``, ``json.dumps`` uses its pure-Python encoder (~0.1 ms a finding: seconds for a
    large batch); this builds the same text from the C string encoder. Anything else raises
    ``_Unusual`` and the item goes through ``json.dumps`` itself."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value or value in (_INF, -_INF):
            raise _Unusual
        return float.__repr__(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + "  "
        try:  # the C string encoder refuses a key that is not a string (json.dumps converts it)
            parts = [encode_basestring(k) + ": " + (encode_basestring(v) if type(v) is str else _leaf(v, inner)) for k, v in value.items()]
        except TypeError:
            raise _Unusual from None
        return "{" + inner + ("," + inner).join(parts) + newline + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = newline + "  "
        return "[" + inner + ("," + inner).join([_encode(item, inner) for item in value]) + newline + "]"
    raise _Unusual


def _leaf(value, newline: str) -> str:
    kind = type(value)  # the common leaves first: a finding is a dozen strings and integers
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return _encode(value, newline)


def json_array(items):
    """Chunks of ``json.dumps(list(items), ensure_ascii=False, indent=2) + "\\n"``, item by item,
    so a batch's array is written as its results arrive instead of being built whole."""
    first = True
    for item in items:
        try:
            body = _encode(item, "\n  ")
        except (_Unusual, RecursionError):
            # json escapes newlines inside strings, so every raw newline here is indentation
            body = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + body
        first = False
    yield "[]\n" if first else "\n]\n"


class JsonFormatter(StreamedFormatter):
    name = "json"
    binary = False

    def render_iter(self, results, ctx):
        return json_array(f.as_dict() for r in results for f in r.findings)
