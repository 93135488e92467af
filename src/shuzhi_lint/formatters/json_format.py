"""``--format json``: one JSON array of findings, exactly the fields of docs/contracts.md §1."""

from __future__ import annotations

import json

from shuzhi_lint.formatters import StreamedFormatter


def json_array(items):
    """Chunks of ``json.dumps(list(items), ensure_ascii=False, indent=2) + "\\n"``, item by item,
    so a batch's array is written as its results arrive instead of being built whole."""
    first = True
    for item in items:
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
