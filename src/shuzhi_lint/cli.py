"""Command line: ``shuzhi-lint [PATHS...]`` (docs/design.md §7). Exit 0 clean, 1 findings, 2 errors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from shuzhi_lint import __version__
from shuzhi_lint.engine import TOKENIZER_LOAD
from shuzhi_lint.errors import LintError
from shuzhi_lint.finding import SEVERITY_RANK
from shuzhi_lint.formatters import RenderContext, streams
from shuzhi_lint.formatters.width import width
from shuzhi_lint.fsutil import atomic_writer
from shuzhi_lint.options import RunOptions
from shuzhi_lint.oserrors import describe
from shuzhi_lint.plugins import collect
from shuzhi_lint.safetext import encodable, visible, visible_path
from shuzhi_lint.session import Session

__all__ = ["SEVERITY_RANK", "Session", "build_parser", "main", "run", "run_options"]  # Session: importable from here as before

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as for every other usage error
        self.exit(EXIT_ERROR, f"shuzhi-lint: 错误：{message}（用 --help 查看用法）\n")


# argparse's own texts (usage, headings, errors) in Chinese: argparse looks ``_`` up in its module
# each time, so it is swapped in while the parser is built and run (see ``_chinese_argparse``)
ARGPARSE_CN = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r",
    "argument %(argument_name)s: %(message)s": "选项 %(argument_name)s：%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "one of the arguments %s is required": "必须给出 %s 之一",
}


class _chinese_argparse:
    def __enter__(self):
        self._saved = argparse._
        argparse._ = lambda text: ARGPARSE_CN.get(text, text)

    def __exit__(self, *exc):
        argparse._ = self._saved


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _patterns(value: str) -> list[str]:
    return [p.strip() for p in value.split(",") if p.strip()]


def _help_width() -> int:
    # argparse would import shutil (and with it bz2 and lzma) just to ask for the terminal width
    try:
        width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
    except (ValueError, OSError):
        width = 80
    return max(width - 2, 20)


def build_parser(formats: list[str]) -> argparse.ArgumentParser:
    # the width asked once: argparse makes a formatter for every add_argument
    width = _help_width()
    p = _Parser(
        prog="shuzhi-lint",
        formatter_class=lambda prog: argparse.HelpFormatter(prog, width=width),
        description="述职报告检查工具：结构、占位符、问题-原因-措施对应、数字、标点、用语、模板痕迹。",
    )
    p.add_argument("paths", nargs="*", metavar="路径", help="要检查的文件或目录（.txt .md .docx）；- 表示从标准输入读取")
    p.add_argument("--format", metavar="格式", default="text", help=f"输出格式：{'|'.join(formats)}（默认 text）")
    p.add_argument("-o", "--output", metavar="文件", help="把结果写入文件（原子写入）而不是标准输出")
    p.add_argument("--select", metavar="代码", type=_codes, default=None, help="只启用这些规则代码或前缀（逗号分隔），如 PH,ST001；取代配置文件的选择")
    p.add_argument("--ignore", metavar="代码", type=_codes, default=None, help="再忽略这些规则代码或前缀（在配置文件的 ignore 之外）")
    p.add_argument("--extend-select", metavar="代码", type=_codes, default=None, help="在已选规则之外再启用这些规则")
    p.add_argument("--extend-ignore", metavar="代码", type=_codes, default=None, help="同 --ignore（与 ruff 相同，保留以兼容）")
    p.add_argument("--exclude", type=_patterns, default=None, metavar="模式", help="遍历目录时排除的文件或目录（glob，逗号分隔），取代配置文件的 exclude")
    p.add_argument("--extend-exclude", type=_patterns, default=None, metavar="模式", help="在 exclude 之外再排除这些文件或目录，如 \"*.doc,*.pdf\"")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default=None, help="达到此级别的问题才使退出码为 1（默认 warning）")
    p.add_argument("--exit-zero", action="store_true", help="有问题也以 0 退出（错误仍为 2）")
    p.add_argument("--fix", action="store_true", help="自动修复可确定的问题（原子写入，保留编码和换行）")
    p.add_argument("--unsafe-fixes", action="store_true", help="同时应用需要复核的修复")
    p.add_argument("--diff", action="store_true", help="只打印修复的差异，不写文件")
    p.add_argument("--outline", action="store_true", help="打印报告的结构大纲（可配合 --format json）")
    p.add_argument("--statistics", action="store_true", help="按规则统计问题数量")
    p.add_argument("--rules", action="append", default=[], metavar="路径", help="额外的规则文件或目录（可重复）")
    p.add_argument("--config", metavar="文件", help="配置文件（.shuzhi-lint.yaml 或 pyproject.toml）")
    p.add_argument("--year", metavar="年份", type=int, help="报告年度（默认从标题或开头识别）")
    p.add_argument("--genre", metavar="体裁", help="按此体裁检查（默认从标题和开头识别）：dangjian-shuzhi、shuzhi-shulian、geren-shuzhi、duizhao-jiancha、zhenggai、gongzuo-zongjie、generic，或其中文名")
    p.add_argument("--corpus", metavar="目录", help="参考语料目录：报告中与其相同的段落会被报告（DP001/DP002）")
    p.add_argument("--build-index", metavar="目录", help="为参考语料目录建立（或更新）索引，然后退出")
    p.add_argument("--previous", metavar="文件", help="去年的报告：查找照搬去年的段落（DP003）和未交代整改的去年问题（CR007）")
    p.add_argument("--jobs", metavar="数量", type=int, default=None, help="并行进程数（默认：全部 CPU 核）")
    p.add_argument("--list-rules", action="store_true", help="列出全部规则")
    p.add_argument("--list-kinds", action="store_true", help="列出检查类型及其参数")
    p.add_argument("--explain", metavar="代码", help="说明一条规则：检查什么、为什么、示例、如何修改")
    p.add_argument("--profile", action="store_true", help="在标准错误输出每条规则的耗时")
    p.add_argument("--version", action="version", version=f"shuzhi-lint {__version__}", help="显示版本号并退出")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except LintError as e:
        _say("错误", e)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("shuzhi-lint: 已中断", file=sys.stderr)
        return 130


def _say(kind: str, message) -> None:
    """One error line on stderr. Names and text in it are escaped (``safetext.visible``): a file
    name holding a newline must not start a line of its own — on a CI runner a line beginning
    with ``::`` is a workflow command — nor a terminal escape sequence reach the terminal."""
    print(f"shuzhi-lint: {kind}：{visible(message)}", file=sys.stderr)


def run() -> None:
    """The console script: ``main`` for a short-lived process.

    Called by the entry point (``startup.run``, which has made garbage collection rare for the
    whole run). As mypy does, the interpreter's teardown is skipped at exit (~15 ms freeing what
    the OS reclaims anyway). Output is flushed first and every file is already closed, so nothing
    is lost.
    """
    code = main()
    try:
        _to_stdout("")
    except LintError as e:
        _say("错误", e)
        code = EXIT_ERROR
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


def run_options(args) -> RunOptions:
    """The typed options of a run, built once from the parsed command line."""
    return RunOptions(
        paths=tuple(args.paths),
        config=args.config,
        format=_format_of(args),
        output=args.output,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        jobs=args.jobs,
        profile=args.profile,
        previous=args.previous,
        rules=tuple(args.rules),
        genre=getattr(args, "genre", None),
        overrides=_cli_overrides(args),
        selection=_cli_selection(args),
    )


def _format_of(args) -> str:
    """The formatter's name: ``--outline`` is the outline format (JSON with ``--format json``)."""
    if getattr(args, "outline", False):
        return "outline-json" if args.format == "json" else "outline"
    return args.format


def _cli_overrides(args) -> dict:
    over = {}
    if args.exclude is not None:
        over["exclude"] = args.exclude
    if args.extend_exclude is not None:
        over["extend-exclude"] = args.extend_exclude
    if args.fail_on:
        over["fail-on"] = args.fail_on
    if args.year is not None:
        over["year"] = args.year
    if args.jobs is not None:
        over["jobs"] = args.jobs
    if args.corpus:
        over["corpus"] = args.corpus
    if args.previous:
        over["previous"] = args.previous
    return over


def _cli_selection(args) -> dict | None:
    """The command line's rule selection, a layer over the configuration file's (ruff's rules:
    --select replaces the selection, --ignore/--extend-ignore and --extend-select add to it)."""
    a = args
    if a.select is None and a.ignore is None and a.extend_select is None and a.extend_ignore is None:
        return None
    return {
        "select": a.select,
        "ignore": [*(a.ignore or []), *(a.extend_ignore or [])],
        "extend_select": a.extend_select or [],
    }


def _main(argv: list[str]) -> int:
    registry = collect()
    with _chinese_argparse():
        parser = build_parser(sorted(registry.formatters))
        args = parser.parse_args(argv)
    if args.format not in registry.formatters:
        parser.error(f"未知的输出格式 \"{args.format}\"，可用：{', '.join(sorted(registry.formatters))}")
    plugin_failed = bool(registry.errors)
    for err in registry.errors:
        _say("错误", err)

    session = Session(registry, run_options(args))
    if args.list_kinds:
        from shuzhi_lint.explain import list_kinds  # lazily, as below: not needed to lint

        _emit(list_kinds(registry), args.output)
        _written(args.output)
        return EXIT_ERROR if plugin_failed else EXIT_CLEAN
    if args.list_rules or args.explain:
        from shuzhi_lint.explain import explain, list_rules

        linter = session.linter(".")
        text = explain(linter, args.explain) if args.explain else list_rules(linter)
        _emit(text, args.output)
        _written(args.output)
        return EXIT_ERROR if plugin_failed else EXIT_CLEAN
    if args.build_index:
        return _build_index(session, args.build_index)
    if args.corpus and not Path(args.corpus).is_dir():
        raise LintError(f"{args.corpus}: 参考语料目录不存在")
    if args.previous and not Path(args.previous).is_file():
        raise LintError(f"{args.previous}: 去年的报告不存在")
    if not args.paths:
        parser.error("请给出要检查的文件或目录，例如：shuzhi-lint 述职报告.docx")
    fmt = session.formatter()
    shows_findings = getattr(fmt, "shows_findings", True)
    outcome = _Outcome()
    results = outcome.watch(_side_output(session.results()))
    if streams(fmt) and not (args.fix or args.diff):
        _emit_chunks(fmt.render_iter(results, _render_context(session, args)), args.output)
    else:
        results = list(results)
        if args.diff and shows_findings:  # only the diff (ruff's --diff); exit 1 when there is one
            outcome.worst = SEVERITY_RANK["error"] if any(r.diff is not None for r in results) else -1
        elif args.fix and "-" in args.paths and not args.output and shows_findings:
            # stdout carries the fixed text (ruff's --fix -): what remains is reported on stderr
            _to_stderr(fmt.render(results, _render_context(session, args)))
        else:
            rendered = fmt.render(results, _render_context(session, args))
            _emit(rendered, args.output, binary=getattr(fmt, "binary", False))
    if args.output:
        _written(args.output, outcome.findings if shows_findings else None)
    if args.profile:
        _print_profile(session)
    if outcome.failed or plugin_failed:
        return EXIT_ERROR
    if args.exit_zero or not shows_findings:
        return EXIT_CLEAN
    threshold = SEVERITY_RANK[session.linter(args.paths[0]).config.fail_on]
    return EXIT_FINDINGS if outcome.worst >= threshold else EXIT_CLEAN


def _side_output(results):
    """What fixing leaves on the results for stdout, written as they pass: ``--diff``'s diffs,
    ``--fix -``'s text."""
    for r in results:
        if r.diff is not None:
            _to_stdout(r.diff, flush=False)
        if r.output is not None:
            _to_stdout("")
            try:
                sys.stdout.buffer.write(r.output)
                sys.stdout.buffer.flush()
            except BrokenPipeError:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        yield r


class _Outcome:
    """What the exit code needs of a run's results, noted as they pass on to the formatter;
    unreadable files and crashed rules are reported on stderr as they pass."""

    def __init__(self) -> None:
        self.failed = False
        self.worst = -1
        self.findings = 0

    def watch(self, results):
        for r in results:
            if r.error:
                _say("错误", r.error)
            for e in r.internal_errors:
                _say("内部错误", e)
            for note in getattr(r, "notes", ()):
                _say("提示", note)
            self.failed = self.failed or bool(r.error or r.internal_errors)
            for f in r.findings:
                self.worst = max(self.worst, SEVERITY_RANK[f.severity])
            self.findings += len(r.findings)
            yield r


def _render_context(session, args):
    first = session.linter(args.paths[0])
    return RenderContext(
        rules=first.rules,
        fail_on=first.config.fail_on,
        version=__version__,
        options={"statistics": args.statistics, "output": args.output},
    )


def _build_index(session, folder: str) -> int:
    index = session.build_index(folder)
    print(
        f"索引 {visible(index.path)}：{index.documents} 份文档，{index.fingerprints} 个句段指纹，{index.size / 1e6:.1f} MB；"
        f"本次新增或更新 {index.added} 份、删除 {index.removed} 份，用时 {index.seconds:.1f} 秒。"
    )
    return EXIT_CLEAN


def _print_profile(session) -> None:
    """Time per rule and per check kind, absolute and per 10,000 characters, slowest first; the
    tokenizer's one-off load (once per process, not per character) on a line of its own."""
    totals: dict[str, float] = {}
    kind_of: dict[str, str] = {TOKENIZER_LOAD: TOKENIZER_LOAD}
    chars = 0
    for linter in session.linters():
        for code, t in linter.profile.items():
            totals[code] = totals.get(code, 0.0) + t
            if code in linter.rules:
                kind_of[code] = linter.rules[code].kind
        chars += linter.chars_checked
    by_kind: dict[str, float] = {}
    for code, t in totals.items():
        by_kind[kind_of[code]] = by_kind.get(kind_of[code], 0.0) + t

    def line(key: str, label: str, t: float) -> str:
        text = f"  {label}{' ' * max(1, 36 - width(label))}{t * 1000:9.2f} ms"
        if key != TOKENIZER_LOAD and chars:
            text += f"   {t * 1000 * 10000 / chars:8.2f} ms/万字"
        return text

    load_label = "分词器加载（每个进程一次）"
    print(f"规则耗时（共 {chars} 字；毫秒，每万字毫秒）:", file=sys.stderr)
    for code, t in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(line(code, load_label if code == TOKENIZER_LOAD else f"{code} ({kind_of[code]})", t), file=sys.stderr)
    print("按检查类型:", file=sys.stderr)
    for kind, t in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(line(kind, load_label if kind == TOKENIZER_LOAD else kind, t), file=sys.stderr)


def _written(output: str | None, findings: int | None = None) -> None:
    """``-o FILE`` done: say so on stderr (the file holds what stdout would have)."""
    if output:
        print(f"已写入 {visible_path(str(output))}" + (f"（{findings} 个问题）" if findings is not None else ""), file=sys.stderr)


def _emit(text, output: str | None, binary: bool = False) -> None:
    if not output and (binary or isinstance(text, bytes)):
        raise LintError("此输出格式是二进制文件，请用 -o 指定输出文件")
    _emit_chunks((text,), output)


def _emit_chunks(chunks, output: str | None) -> None:
    """Write output as it is produced: to stdout, or atomically to ``output`` (the file appears
    whole when the last chunk is written, and is left untouched if anything fails before)."""
    if not output:
        for chunk in chunks:
            _to_stdout(chunk, flush=False)
        _to_stdout("")
        return

    try:
        with atomic_writer(Path(output)) as fh:
            for chunk in chunks:
                fh.write(chunk if isinstance(chunk, bytes) else _utf8(chunk))
    except OSError as e:
        raise LintError(f"{output}: 无法写入输出文件：{describe(e)}") from None


def _to_stderr(text) -> None:
    if isinstance(text, bytes):
        raise LintError("此输出格式是二进制文件，请用 -o 指定输出文件")
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except OSError:
        pass


def _utf8(text: str) -> bytes:
    """UTF-8 of ``text``; bytes of file names that are not UTF-8 are written as U+FFFD."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return encodable(text).encode("utf-8", "replace")


def _to_stdout(text: str, flush: bool = True) -> None:
    """Write (and flush); a closed pipe (| head) is fine, any other failure is one LintError.
    Whatever the locale, a name that is not UTF-8 is shown with U+FFFD, never a crash."""
    try:
        try:
            sys.stdout.write(encodable(text))
        except UnicodeEncodeError:  # a locale whose encoding cannot show every character
            encoding = sys.stdout.encoding or "utf-8"
            sys.stdout.write(encodable(text).encode(encoding, "replace").decode(encoding))
        if flush:
            sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as e:  # a full disk or a closed terminal: say so once, exit 2
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the rest of the buffer goes nowhere
        raise LintError(f"无法写出检查结果：{describe(e)}") from None
