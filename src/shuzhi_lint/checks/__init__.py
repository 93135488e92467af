"""Built-in check kinds, one module per family."""

from __future__ import annotations


def all_kinds() -> list:
    from shuzhi_lint.checks.pattern import PatternKind
    from shuzhi_lint.checks.structure import HeadingNumberingKind, RequiredSectionKind

    return [PatternKind, RequiredSectionKind, HeadingNumberingKind]
