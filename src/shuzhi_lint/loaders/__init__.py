"""Loaders turn bytes into a Document. Each is registered through the ``shuzhi_lint_loaders`` hook."""

from __future__ import annotations

from typing import Protocol

from shuzhi_lint.document import Document
from shuzhi_lint.errors import InputError


def too_large(path: str, size: int, limit: int) -> InputError:
    suggested = max(size + 1, limit) + (1 << 20) - 1 >> 20 << 20  # the size rounded up to whole MB
    return InputError(
        path,
        f"文件过大（{size / 1048576:.1f} MB，超过上限 {limit / 1048576:.1f} MB）；如确需检查，"
        f"在 .shuzhi-lint.yaml 中写 max-file-size: {suggested}（字节）放宽上限（检查时间随篇幅线性增长）",
    )


class Loader(Protocol):
    #: file suffixes (lower case, with the dot) this loader reads
    suffixes: tuple[str, ...]
    name: str

    def load(self, path: str, data: bytes) -> Document: ...
