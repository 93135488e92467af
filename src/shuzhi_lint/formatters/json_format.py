"""``--format json``: one JSON array of findings, exactly the fields of DESIGN.md §3."""

from __future__ import annotations

import json


class JsonFormatter:
    name = "json"
    binary = False

    def render(self, results, ctx) -> str:
        data = [f.as_dict() for r in results for f in r.findings]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
