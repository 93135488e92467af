"""Entry points of one group, read straight from ``*.dist-info``/``*.egg-info`` on ``sys.path``.

``importlib.metadata`` costs ~30 ms to import (it pulls in ``email``, ``csv``, ``zipfile``…), a
fifth of a pre-commit run's budget, to read a few small INI files. This reader follows the same
rules for what we need: the first distribution of a name on ``sys.path`` wins, and an entry
point is ``name = module[:attr.path] [extras]``. Zipped distributions are not searched.
"""

from __future__ import annotations

import importlib
import os
import sys

from shuzhi_lint.patterncache import compile_std
from shuzhi_lint.records import record

_META_SUFFIXES = (".dist-info", ".egg-info")
_SEPARATORS = compile_std(r"[-_.]+")  # a distribution name's separators, as PEP 503 normalises them


@record(frozen=True)
class EntryPoint:
    """One entry of an installed distribution's entry-point group: ``module:attr``."""

    name: str
    value: str
    group: str

    def load(self):
        module, _, attrs = self.value.partition(":")
        obj = importlib.import_module(module.strip())
        for attr in filter(None, attrs.split("[")[0].strip().split(".")):
            obj = getattr(obj, attr)
        return obj


def _normalised(dist_dir: str) -> str:
    name = dist_dir.rsplit(".", 1)[0].split("-")[0]
    return _SEPARATORS.sub("-", name).lower()


def _parse(text: str, group: str) -> list[tuple[str, str]]:
    found, current = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group and "=" in line:
            name, _, value = line.partition("=")
            found.append((name.strip(), value.strip()))
    return found


def entry_points(group: str) -> list[EntryPoint]:
    seen: set[str] = set()
    points: list[EntryPoint] = []
    for base in sys.path:
        try:
            names = sorted(os.listdir(base or "."))
        except OSError:
            continue
        for meta in names:
            if not meta.endswith(_META_SUFFIXES):
                continue
            dist = _normalised(meta)
            if dist in seen:
                continue
            seen.add(dist)
            try:
                with open(os.path.join(base or ".", meta, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            points.extend(EntryPoint(name, value, group) for name, value in _parse(text, group))
    return points
