"""Operating-system errors in Chinese: ``e.strerror`` is English ("No space left on device")."""

from __future__ import annotations

import errno

CN = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "操作不被允许",
    errno.EISDIR: "是目录而不是文件",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的",
    errno.EEXIST: "文件已存在",
    errno.EIO: "输入输出错误（磁盘或设备故障）",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EMFILE: "打开的文件太多",
    errno.ENFILE: "系统打开的文件太多",
    errno.EBUSY: "文件或设备正忙",
    errno.EINVAL: "参数无效",
    errno.ELOOP: "符号链接层数太多（可能是循环链接）",
    errno.EPIPE: "管道已关闭",
    errno.EXDEV: "不能跨文件系统移动",
    errno.ETXTBSY: "文件正被执行",
    errno.EFBIG: "文件太大",
    errno.EAGAIN: "资源暂时不可用",
}
if hasattr(errno, "EDQUOT"):
    CN[errno.EDQUOT] = "超出磁盘配额"


def describe(e: BaseException) -> str:
    """The reason in Chinese; an errno without a translation keeps the system's text, marked as such."""
    if isinstance(e, UnicodeDecodeError):
        return f"不是 UTF-8 编码的文本（第 {e.start + 1} 个字节无法解码）"
    if isinstance(e, OSError):
        if e.errno in CN:
            return CN[e.errno]
        if e.strerror:
            return f"系统错误 {e.errno}：{e.strerror}"
    return f"{type(e).__name__}：{e}"
