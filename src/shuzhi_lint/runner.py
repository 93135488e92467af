"""The input end of a session's pipeline (``session.Session.results``): the paths expanded and
checked, each linted (serially, or in parallel for batches), cross-document rules applied, in
memory or with the results spooled to a temporary file so that a batch of any size runs in flat
memory."""

from __future__ import annotations

import os
import stat
import sys

from shuzhi_lint.discover import is_excluded, root_of, unsupported_files
from shuzhi_lint.errors import InputError, LintError
from shuzhi_lint.finding import FileResult
from shuzhi_lint.fsutil import expand
from shuzhi_lint.loaders.reading import read_input
from shuzhi_lint.options import RunOptions
from shuzhi_lint.oserrors import describe


def lint_path(linter, path: str, profile: bool = False) -> FileResult:
    try:
        data = read_input(path, linter.config.max_file_size)
        doc = linter.load(path, data)
    except InputError as e:
        return FileResult(path=path, error=str(e))
    result = linter.lint_document(doc, profile=profile)
    linter.chars_checked += len(doc.text)
    return result


def _progress(total: int):
    """A progress bar on stderr for batches on a terminal; none when piped or in CI."""
    if total < 10 or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from tqdm import tqdm  # lazily: only a batch on a terminal shows a bar

    return tqdm(total=total, unit="份", desc="检查报告", file=sys.stderr, leave=False)


def inputs(session, options: RunOptions) -> tuple[list[str], list[tuple[str, str]]]:
    files, missing = expand(list(options.paths), set(session.registry.loaders))
    files, unsupported = _discovered(session, options.paths, files)
    if not files and not missing and not unsupported:
        raise LintError("给出的目录中没有 .txt、.md 或 .docx 文件")
    _refuse_output_over_input(options.output, [*files, options.previous])
    # every configuration's linter first: a bad rule or config stops the run with its one-line
    # message before any output is written or any worker starts
    for path in files:
        session.linter(path)
    return files, [*missing, *unsupported]


def _discovered(session, paths, files):
    """``files`` without those the configuration excludes, and (path, reason, True) for the
    documents in the folders that cannot be read (.doc, .pdf...), unless excluded (discover.py)."""
    folders = [p for p in paths if p != "-" and os.path.isdir(p)]
    if not folders:
        return files, []

    def excluded(path):
        cfg = session.linter(path).config
        return is_excluded(path, root_of(path, folders), [*cfg.exclude, *cfg.extend_exclude])

    kept = [f for f in files if not excluded(f)]
    skipped = [(p, why, True) for p, why in unsupported_files(folders, set(session.registry.loaders)) if not excluded(p)]
    return kept, skipped


def _refuse_output_over_input(output: str | None, inputs) -> None:
    """``-o`` must never name a file being read: the report would be replaced by its own findings
    (``-o self.txt self.txt``, ``--format docx -o 报告.docx 报告.docx``, ``-o inbox/a.txt inbox``),
    through a symlink or a hard link too. Checked before anything is linted or written."""
    if not output:
        return
    try:
        out = os.stat(output)
    except OSError:
        return  # a new file cannot be an input
    if not stat.S_ISREG(out.st_mode):
        return  # /dev/null, a pipe: written to, never replaced
    for path in inputs:
        if not path or path == "-":
            continue
        try:
            st = os.stat(path)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino):
            raise LintError(f"{output}: 输出文件就是输入文件 {path}，写入会覆盖报告；请用 -o 指定另一个文件")


def lint_all(session, options: RunOptions, files, missing):
    """Every input's result in input order (paths that don't exist and unreadable formats first),
    as linting produces them."""
    for path, why, *unsupported in missing:
        yield FileResult(path=path, error=f"{path}: {why}", unsupported=bool(unsupported))
    # options.jobs is in the config too (command-line overrides), so `jobs:` in a config file counts
    jobs = worker_count(session.linter(files[0]).config.jobs if files else options.jobs, len(files))
    progress = _progress(len(files))
    try:
        if jobs > 1 and not options.profile and "-" not in files:
            # lazily: concurrent.futures and multiprocessing cost start-up time a single report never needs
            from shuzhi_lint.parallel import lint_parallel

            results = lint_parallel(session, files, jobs, lint_in_worker, fallback=lambda rest: _lint_serial(session, rest, False))
        else:
            results = _lint_serial(session, files, options.profile)
        for result in results:
            if progress is not None:
                progress.update(1)
            yield result
    finally:
        if progress is not None:
            progress.close()


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask, e.g. under taskset or a container's cpuset)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(requested: int | None, files: int) -> int:
    """Worker processes for ``files`` inputs: as many as asked (default: every available CPU),
    never more than there are files or CPUs available (more would only compete for them)."""
    cpus = available_cpus()
    wanted = requested if requested and requested > 0 else cpus
    return max(1, min(wanted, cpus, files))


def _lint_serial(session, files, profile: bool):
    for path in files:
        yield trim(session, lint_path(session.linter(path), path, profile=profile))


def lint_in_worker(session, path: str) -> FileResult:
    """One input's result in a ``--jobs`` worker process, made light to send back."""
    try:
        result = trim(session, lint_path(session.linter(path), path))  # trimmed here: a light pipe
        if getattr(result.document, "source_bytes", None) is not None and not (session.options.fix or session.options.diff):
            result.document.source_bytes = None  # only --fix needs the original bytes (no need to send them)
        return result
    except LintError as e:
        return FileResult(path=path, error=str(e))


def trim(session, result: FileResult) -> FileResult:
    """Keep of the document only the lines findings point at, unless fixes, outlines or the
    output format need all of it (``Session.keeps_documents``)."""
    if not session.keeps_documents():
        result.slim()
    return result


def with_batch_rules(linter, results, in_memory: bool):
    """``results`` with the cross-document rules' findings (DP004) added: these need every
    document, so no result leaves before the last one is linted. ``in_memory``: the results are
    kept as they are (the run keeps whole documents anyway); else they wait on disk."""
    if in_memory:
        results = list(results)
        linter.lint_batch(results)
        return results
    return _after_batch_rules(linter, results)


def _after_batch_rules(linter, results):
    """Meanwhile the results wait, pickled, in a temporary file; only what those rules read of each document
    stays in memory (DP004: its clause fingerprints, 4 bytes a clause, ~1 KB a report)."""
    # lazily: batches only (tempfile imports shutil, random and more; pickle is not needed otherwise)
    import pickle
    import tempfile

    try:
        with tempfile.TemporaryFile(prefix="shuzhi-lint-") as spool:
            batch_data, count = [], 0
            for r in results:
                if r.document is not None:
                    batch_data.append((r.path, r.batch_data))
                r.batch_data = {}
                pickle.Pickler(spool, pickle.HIGHEST_PROTOCOL).dump(r)
                count += 1
            hits = linter.batch_hits(batch_data)
            del batch_data
            spool.seek(0)
            for _ in range(count):
                r = pickle.load(spool)
                rule_hits = hits.pop(r.path, None)
                if rule_hits and r.document is not None:
                    linter.add_batch_findings(r, rule_hits)
                yield r
    except OSError as e:
        raise LintError(f"无法使用临时文件暂存检查结果：{describe(e)}") from None
