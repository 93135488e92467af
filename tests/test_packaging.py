"""``pip install .`` (not editable) must ship the rule pack inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile


def test_wheel_contains_rules_and_entry_points(tmp_path):
    from conftest import ROOT

    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("shuzhi_lint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "shuzhi_lint/rules/placeholder.yaml" in names
    assert "shuzhi_lint/rules/data/sections.yaml" in names
    assert "shuzhi_lint/hookspecs.py" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry).decode()
    assert "shuzhi-lint = shuzhi_lint.startup:run" in text
    assert "[shuzhi_lint]" in text and "builtin = shuzhi_lint.builtin" in text
