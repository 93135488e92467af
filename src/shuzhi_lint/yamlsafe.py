"""The safe YAML loaders of rule, data and configuration files.

Imported only when a file has to be parsed: a file whose content is in the disk cache (every
built-in file after the first run) never is, and importing yaml costs ~9 ms of a run.
"""

from __future__ import annotations

from typing import Any

import yaml

from shuzhi_lint.linedata import LineDict, LineList

YAMLError = yaml.YAMLError


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


def _construct_seq(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    seq = LineList(loader.construct_object(child, deep=True) for child in node.value)
    seq.line = node.start_mark.line + 1
    seq.lines = [child.start_mark.line + 1 for child in node.value]
    return seq


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


class _ItemLineLoader(_LineLoader):
    """Also the line of each list item: used only to point at a bad item once an error is found
    (the normal load keeps no item lines, which would cost every run)."""


_ItemLineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def parse(text: str, lines: bool) -> Any:
    """Safe-load ``text``, with the line of every mapping key (``LineDict``) unless ``lines`` is
    False; yaml's errors (``YAMLError``) pass through to the caller."""
    loader = _LineLoader if lines else _PlainLoader
    return yaml.load(text, Loader=loader)  # noqa: S506 - both loaders are safe loaders


def with_item_lines(text: str) -> Any:
    """``text`` parsed with the line of every mapping key and list item (None if it does not parse)."""
    try:
        return yaml.load(text, Loader=_ItemLineLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return None
