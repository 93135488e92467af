"""Runs a lint over many paths: reading, linting (in parallel for batches), fixing."""

from __future__ import annotations

import os
import sys

from shuzhi_lint.errors import InputError, LintError
from shuzhi_lint.finding import FileResult
from shuzhi_lint.fsutil import expand
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


def lint_path(linter, path: str, profile: bool = False) -> FileResult:
    try:
        data = read_input(path, linter.config.max_file_size)
        doc = linter.load(path, data)
    except InputError as e:
        return FileResult(path=path, error=str(e))
    result = linter.lint_document(doc, profile=profile)
    linter.chars_checked = getattr(linter, "chars_checked", 0) + len(doc.text)
    return result


def _progress(total: int):
    """A progress bar on stderr for batches on a terminal; none when piped or in CI."""
    if total < 10 or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="份", desc="检查报告", file=sys.stderr, leave=False)


def run(session, args) -> tuple[list[FileResult], bool]:
    suffixes = set(session.registry.loaders)
    files, missing = expand(args.paths, suffixes)
    results = [FileResult(path=p, error=f"{p}: {why}") for p, why in missing]
    if not files and not missing:
        raise LintError("给出的目录中没有 .txt、.md 或 .docx 文件")
    jobs = args.jobs or (os.cpu_count() or 1)
    progress = _progress(len(files))
    try:
        if len(files) > 1 and jobs > 1 and not args.profile and "-" not in files:
            from shuzhi_lint.parallel import lint_parallel

            results += lint_parallel(session, files, jobs, progress)
        else:
            keep = session.keeps_documents()
            for path in files:
                result = lint_path(session.linter(path), path, profile=args.profile)
                if not keep:
                    result.slim()
                results.append(result)
                if progress is not None:
                    progress.update(1)
    finally:
        if progress is not None:
            progress.close()
    if len(results) > 1:
        session.linter(files[0]).lint_batch(results)
    if args.fix or args.diff:
        from shuzhi_lint.fixing import fix_results

        results = fix_results(session, results, args)
    order = {p: i for i, p in enumerate([m[0] for m in missing] + files)}
    results.sort(key=lambda r: order.get(r.path, 0))
    return results, False
