"""Loaders turn bytes into a Document. Each is registered through the ``shuzhi_lint_loaders`` hook."""

from __future__ import annotations

from typing import Protocol

from shuzhi_lint.document import Document
from shuzhi_lint.errors import InputError


def too_large(path: str, size: int, limit: int) -> InputError:
    return InputError(path, f"文件过大（{size // 1024} KB，超过上限 {limit // 1024} KB）；可在配置中用 max-file-size 调整")


class Loader(Protocol):
    #: file suffixes (lower case, with the dot) this loader reads
    suffixes: tuple[str, ...]
    name: str

    def load(self, path: str, data: bytes) -> Document: ...
