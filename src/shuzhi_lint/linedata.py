"""Parsed YAML that remembers where it came from: mappings and lists with their source lines.

Kept apart from the loaders (``yamlsafe``) so that code reading parsed or cached rule files does
not import yaml.
"""

from __future__ import annotations


class LineDict(dict):
    """A mapping that remembers the line of each key in its YAML source."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A list that remembers the line of each item in its YAML source."""

    line: int = 0
    lines: list
