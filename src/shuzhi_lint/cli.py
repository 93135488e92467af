"""Command line: ``shuzhi-lint [PATHS...]`` (docs/design.md §7). Exit 0 clean, 1 findings, 2 errors."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from shuzhi_lint import __version__
from shuzhi_lint.config import Config, apply, find_config, load_config
from shuzhi_lint.errors import LintError
from shuzhi_lint.options import RunOptions
from shuzhi_lint.oserrors import describe

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


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


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    # argparse would import shutil (and with it bz2 and lzma) just to ask for the terminal width
    try:
        width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
    except (ValueError, OSError):
        width = 80
    return argparse.HelpFormatter(prog, width=max(width - 2, 20))


def build_parser(formats: list[str]) -> argparse.ArgumentParser:
    p = _Parser(
        prog="shuzhi-lint",
        formatter_class=_help_formatter,
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
    from shuzhi_lint.safetext import visible

    print(f"shuzhi-lint: {kind}：{visible(message)}", file=sys.stderr)


def run() -> None:
    """The console script: ``main`` for a short-lived process.

    As mypy does: garbage collection is made rare during start-up, which allocates tens of
    thousands of long-lived objects and frees almost none (~7 ms of collections per report), and
    the interpreter's teardown is skipped at exit (~15 ms freeing what the OS reclaims anyway).
    Output is flushed first and every file is already closed, so nothing is lost.
    """
    gc.set_threshold(50_000, 20, 10)
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
        format=args.format,
        output=args.output,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        outline=args.outline,
        jobs=args.jobs,
        profile=args.profile,
        previous=args.previous,
        rules=tuple(args.rules),
        genre=getattr(args, "genre", None),
        overrides=_cli_overrides(args),
        selection=_cli_selection(args),
    )


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


class Session:
    """One configuration's linter, built lazily and cached per config file."""

    def __init__(self, registry, options: RunOptions):
        self.registry = registry
        self.options = options
        self._linters: dict = {}
        self._config_for_dir: dict = {}

    def config_for(self, path: str) -> Config:
        if self.options.config:
            key = Path(self.options.config)
        else:
            # os.path, not Path(path): pathlib interns every file name, memory a batch never gets back
            start = Path(os.path.dirname(path) or ".") if path != "-" else Path.cwd()
            key = self._config_for_dir.get(start)
            if key is None:
                key = find_config(start) or Path("<default>")
                self._config_for_dir[start] = key
        return key

    def keeps_documents(self) -> bool:
        """Whether results keep whole documents: fixes, outlines and formats that show the text do.

        Formats from plugins are assumed to need them; built-in text formats only need the lines
        findings point at, so a batch of thousands of reports runs in flat memory."""
        a = self.options
        fmt = self.registry.formatters.get(a.format)
        return bool(a.fix or a.diff or a.outline or getattr(fmt, "needs_documents", True))

    def linter(self, path: str):
        from shuzhi_lint.engine import Linter

        key = self.config_for(path)
        if key not in self._linters:
            if self.options.config and not key.is_file():
                raise LintError(f"{key}: 配置文件不存在")
            cfg = load_config(None if str(key) == "<default>" else key)
            cfg = apply(cfg, dict(self.options.overrides), "命令行")
            cfg.cli_selection = self.options.selection
            cfg.rules = [*cfg.rules, *self.options.rules]
            cfg.genre_option = self.options.genre
            self._linters[key] = Linter(self.registry, cfg)
        return self._linters[key]


def _main(argv: list[str]) -> int:
    from shuzhi_lint.plugins import collect

    registry = collect()
    with _chinese_argparse():
        parser = build_parser(sorted(registry.formatters))
        args = parser.parse_args(argv)
    if args.format not in registry.formatters:
        parser.error(f"未知的输出格式 \"{args.format}\"，可用：{', '.join(sorted(registry.formatters))}")
    plugin_failed = bool(registry.errors)
    for err in registry.errors:
        _say("错误", err)

    options = run_options(args)
    session = Session(registry, options)
    if args.list_kinds:
        from shuzhi_lint.explain import list_kinds

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
    _prepare_corpus(session.linter(args.paths[0]))

    from shuzhi_lint.formatters import streams

    fmt = registry.formatters[args.format]
    outcome = _Outcome()
    if streams(fmt) and not (args.outline or args.fix or args.diff):
        from shuzhi_lint.runner import stream

        results = stream(session, options)
        ctx = _render_context(session, args)
        _emit_chunks(fmt.render_iter(outcome.watch(results), ctx), args.output)
    else:
        from shuzhi_lint.runner import run

        results = list(outcome.watch(run(session, options)))
        linted = [r for r in results if r.error is None]
        if args.outline:
            from shuzhi_lint.formatters.outline import render_outline

            for r in linted:
                session.linter(r.path).attach_correspondence(r)
            _emit(render_outline(linted, args.format == "json"), args.output)
        else:
            if getattr(fmt, "needs_correspondence", False):
                for r in linted:
                    session.linter(r.path).attach_correspondence(r)
            if args.diff:  # only the diff (ruff's --diff); exit 1 when there is one
                outcome.worst = SEVERITY_RANK["error"] if any(getattr(r, "diffed", False) for r in results) else -1
            elif args.fix and "-" in args.paths and not args.output:
                # stdout carries the fixed text (ruff's --fix -): what remains is reported on stderr
                _to_stderr(fmt.render(results, _render_context(session, args)))
            else:
                rendered = fmt.render(results, _render_context(session, args))
                _emit(rendered, args.output, binary=getattr(fmt, "binary", False))
    if args.output:
        _written(args.output, None if args.outline else outcome.findings)
    if args.profile:
        _print_profile(session)
    if outcome.failed or plugin_failed:
        return EXIT_ERROR
    if args.exit_zero or args.outline:
        return EXIT_CLEAN
    threshold = SEVERITY_RANK[session.linter(args.paths[0]).config.fail_on]
    return EXIT_FINDINGS if outcome.worst >= threshold else EXIT_CLEAN


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
    from shuzhi_lint.formatters import RenderContext

    first = session.linter(args.paths[0])
    return RenderContext(
        rules=first.rules,
        fail_on=first.config.fail_on,
        version=__version__,
        options={"statistics": args.statistics, "output": args.output},
    )


def _prepare_corpus(linter) -> None:
    """Bring the corpus index up to date once, before any file is linted: a failure is one line
    (exit 2) instead of an error per report, and workers find it current."""
    folder = linter.config.corpus
    if not folder or not any(getattr(r.check, "reads_corpus", False) for r in linter.selected):
        return
    from shuzhi_lint.dup import CorpusIndex

    index = CorpusIndex(Path(folder), linter.load_text).open(update=True)
    index.db.close()


def _build_index(session, folder: str) -> int:
    import time

    from shuzhi_lint.dup import CorpusIndex
    from shuzhi_lint.safetext import visible

    if not Path(folder).is_dir():
        raise LintError(f"{folder}: 不是目录")
    linter = session.linter(folder + "/.")
    t0 = time.perf_counter()
    index = CorpusIndex(Path(folder), linter.load_text).open(update=True)  # locked for the whole update
    added, removed = index.last_update
    try:
        docs, rows = index.stats()
        size = index.path.stat().st_size
    except Exception as e:  # noqa: BLE001 - sqlite3.Error or OSError: one line, exit 2
        raise LintError(f"{folder}: 无法读取参考语料索引 {index.path}：{e}") from None
    print(
        f"索引 {visible(index.path)}：{docs} 份文档，{rows} 个句段指纹，{size / 1e6:.1f} MB；"
        f"本次新增或更新 {added} 份、删除 {removed} 份，用时 {time.perf_counter() - t0:.1f} 秒。"
    )
    return EXIT_CLEAN


def _print_profile(session) -> None:
    """Time per rule and per check kind, absolute and per 10,000 characters, slowest first; the
    tokenizer's one-off load (once per process, not per character) on a line of its own."""
    from shuzhi_lint.engine import TOKENIZER_LOAD
    from shuzhi_lint.formatters.width import width

    totals: dict[str, float] = {}
    kind_of: dict[str, str] = {TOKENIZER_LOAD: TOKENIZER_LOAD}
    chars = 0
    for linter in session._linters.values():
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
        from shuzhi_lint.safetext import visible_path

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
    from shuzhi_lint.fsutil import atomic_writer

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
        from shuzhi_lint.safetext import encodable

        return encodable(text).encode("utf-8", "replace")


def _to_stdout(text: str, flush: bool = True) -> None:
    """Write (and flush); a closed pipe (| head) is fine, any other failure is one LintError.
    Whatever the locale, a name that is not UTF-8 is shown with U+FFFD, never a crash."""
    from shuzhi_lint.safetext import encodable

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
