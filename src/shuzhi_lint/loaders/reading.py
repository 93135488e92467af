"""Reading an input's bytes (a path or ``-`` for standard input), with the size limit checked,
before a loader turns them into a Document. Used by the runner and, for other documents a check
needs (last year's report, corpus files), by the linter."""

from __future__ import annotations

import os
import sys

from shuzhi_lint.errors import InputError
from shuzhi_lint.loaders import too_large


def read_input(path: str, limit: int | None) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        if os.path.isdir(path):
            raise InputError(path, "是目录而不是文件")
        size = os.path.getsize(path)
        if limit and size > limit:
            raise too_large(path, size, limit)
        with open(path, "rb") as fh:
            data = fh.read(limit + 1 if limit else -1)  # one byte more tells a file that grew
    except PermissionError:
        raise InputError(path, "没有读取权限") from None
    except FileNotFoundError:
        raise InputError(path, "文件不存在（可能是失效的符号链接）") from None
    except IsADirectoryError:
        raise InputError(path, "是目录而不是文件") from None
    except OSError as e:
        raise InputError(path, f"无法读取：{e.strerror or e}") from None
    if limit and len(data) > limit:
        raise InputError(path, "文件在读取时变大，超过了大小上限")
    return data
