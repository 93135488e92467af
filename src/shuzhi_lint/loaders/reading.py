"""Reading an input's bytes (a path or ``-`` for standard input), with the size limit checked,
before a loader turns them into a Document. Used by the runner and, for other documents a check
needs (last year's report, corpus files), by the linter."""

from __future__ import annotations

import os
import stat
import sys

from shuzhi_lint.errors import InputError
from shuzhi_lint.loaders import too_large
from shuzhi_lint.oserrors import describe


def read_input(path: str, limit: int | None) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1 if limit else -1)
        if limit and len(data) > limit:
            raise InputError(path, f"标准输入超过大小上限 {limit // 1024} KB；可在配置中用 max-file-size 调整")
        return data
    try:
        if os.path.isdir(path):
            raise InputError(path, "是目录而不是文件")
        # O_NONBLOCK: opening a FIFO must not wait for a writer; anything but a regular file is refused
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InputError(path, "不是普通文件（管道、设备或套接字），未检查")
            os.set_blocking(fd, True)
            if limit and st.st_size > limit:
                raise too_large(path, st.st_size, limit)
            data = fh.read(limit + 1 if limit else -1)  # one byte more tells a file that grew
    except PermissionError:
        raise InputError(path, "没有读取权限") from None
    except FileNotFoundError:
        raise InputError(path, "文件不存在（可能是失效的符号链接）") from None
    except IsADirectoryError:
        raise InputError(path, "是目录而不是文件") from None
    except OSError as e:
        raise InputError(path, f"无法读取：{describe(e)}") from None
    if limit and len(data) > limit:
        raise InputError(path, "文件在读取时变大，超过了大小上限")
    return data
