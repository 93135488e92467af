"""Loaders turn bytes into a Document. Each is registered through the ``shuzhi_lint_loaders`` hook."""

from __future__ import annotations

from typing import Protocol

from shuzhi_lint.document import Document


class Loader(Protocol):
    #: file suffixes (lower case, with the dot) this loader reads
    suffixes: tuple[str, ...]
    name: str

    def load(self, path: str, data: bytes) -> Document: ...
