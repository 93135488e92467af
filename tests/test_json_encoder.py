"""The JSON formatter's own encoder writes exactly what ``json.dumps(..., indent=2)`` writes."""

from __future__ import annotations

import json

import pytest

from shuzhi_lint.finding import FileResult, Finding
from shuzhi_lint.formatters.json_format import JsonFormatter, json_array

CASES = [
    [],
    [{}],
    [[]],
    [{"a": [], "b": {}, "c": [1, [2, {"x": None}]], "d": 1.5, "e": -0.0, "f": 10**30, "g": (1, 2)}],
    # escapes, a lone surrogate (undecodable file name), control characters, line separators
    [{"path": "a\udcff\n\"\\/\u2028\x00\x1fb\t报告", "fix": {"replacement": "“”", "applicability": "safe"}, "t": True, "u": False}],
    # left to json.dumps: non-string keys, non-finite floats
    [{3: 4, None: 1, 1.5: 2, True: 0}],
    [{"n": float("nan"), "i": float("inf"), "j": [-float("inf")]}],
    [5, "s", None, 1e300, True, False, [[[]]], {"k": {"k": {}}}],
]


@pytest.mark.parametrize("items", CASES)
def test_same_text_as_json_dumps(items):
    assert "".join(json_array(items)) == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def test_unencodable_value_fails_as_json_does():
    with pytest.raises(TypeError):
        "".join(json_array([{"x": object()}]))


def test_findings_array():
    findings = [
        Finding(path=f"目录/报告{i}.txt", line=i, column=2, end_line=i, end_column=5, code="PH001", name="slot",
                category="placeholder", severity="warning", message="“XX”处缺少数字，请填写", match="XX",
                fix=None if i % 2 else {"replacement": "5", "applicability": "unsafe"})
        for i in range(1, 6)
    ]
    out = "".join(JsonFormatter().render_iter([FileResult(path="x", findings=findings)], None))
    assert out == json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
