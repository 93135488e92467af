"""The README's rule table, generated from the built-in rule pack (``rules/*.yaml``).

    python -m shuzhi_lint.ruletable --write README.md    # rewrite the table between the markers
    python -m shuzhi_lint.ruletable --check README.md    # exit 1 when the table is stale
    python -m shuzhi_lint.ruletable                      # print the table

The table sits in the README between ``<!-- rule-table:start -->`` and ``<!-- rule-table:end -->``;
everything else in the file is left as it is. ``tests/test_ruletable.py`` fails when the README's
table differs from the rules, so a new or changed rule comes with its row.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from shuzhi_lint.builtin import rules_dir
from shuzhi_lint.checks import all_kinds
from shuzhi_lint.rules import CATEGORY_CN, SEVERITY_CN, load_yaml, parse_rules, rule_files

START = "<!-- rule-table:start -->"
END = "<!-- rule-table:end -->"
_SUMMARY_MAX = 70


def builtin_rules() -> list:
    """The shipped rules (not those of installed plugins or user folders), sorted by code."""
    kinds = {k.name: k for k in all_kinds()}
    rules = [r for path in rule_files(rules_dir()) for r in parse_rules(load_yaml(path), str(path), kinds)]
    return sorted(rules, key=lambda r: r.code)


def summary(rule) -> str:
    """What the rule checks: the first sentence of its ``explain`` (after "检查什么："), shortened."""
    text = re.split(r"\n\s*\n|\n\s*(?:为什么|如何修改|不会误报)[：:]", rule.explain.strip(), maxsplit=1)[0]
    text = re.sub(r"^检查什么[：:]\s*", "", re.sub(r"\s*\n\s*", "", text))
    end = _sentence_end(text)
    text = text[: end + 1] if end >= 0 else text
    if len(text) > _SUMMARY_MAX:
        cut = max(text.rfind(p, 0, _SUMMARY_MAX) for p in "；，、（")
        text = text[: cut if cut > 20 else _SUMMARY_MAX].rstrip("，；、（ ") + "……"
    return text.replace("|", "\\|")


def _sentence_end(text: str) -> int:
    """The offset of the first 。 outside quotation marks and brackets, or -1."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "“‘（《":
            depth += 1
        elif ch in "”’）》":
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            return i
    return -1


def table(rules=None) -> str:
    """The block between the markers: the rule count and one row per rule."""
    rules = builtin_rules() if rules is None else rules
    enabled = sum(1 for r in rules if r.enabled)
    fixable = sum(1 for r in rules if r.fix or getattr(r.check, "fixes", False))
    lines = [
        START,
        f"共 {len(rules)} 条规则（默认启用 {enabled} 条，{fixable} 条可自动修复）。本表由 "
        "`python -m shuzhi_lint.ruletable --write README.md` 从 `rules/*.yaml` 生成，请勿手改。",
        "",
        "| 代码 | 名称 | 类别 | 级别 | 修复 | 检查什么 |",
        "|---|---|---|---|---|---|",
    ]
    for r in rules:
        fix = "✓" if r.fix or getattr(r.check, "fixes", False) else ""
        severity = SEVERITY_CN[r.severity] + ("" if r.enabled else "（默认不启用）")
        lines.append(f"| `{r.code}` | {r.name} | {CATEGORY_CN[r.category]} | {severity} | {fix} | {summary(r)} |")
    lines.append(END)
    return "\n".join(lines)


def replace_block(text: str, block: str, where: str = "README.md") -> str:
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{where}: 找不到规则表的标记 {START} … {END}")
    return text[:start] + block + text[end + len(END):]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(table())
        return 0
    if len(args) != 2 or args[0] not in ("--write", "--check"):
        print("用法：python -m shuzhi_lint.ruletable [--write README.md | --check README.md]", file=sys.stderr)
        return 2
    path = Path(args[1])
    text = path.read_text(encoding="utf-8")
    new = replace_block(text, table(), str(path))
    if args[0] == "--check":
        if new != text:
            print(f"{path}: 规则表已过时，请运行 python -m shuzhi_lint.ruletable --write {path}", file=sys.stderr)
            return 1
        return 0
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"{path}: 规则表已更新")
    return 0


if __name__ == "__main__":
    sys.exit(main())
