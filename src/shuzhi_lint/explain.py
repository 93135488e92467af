"""--list-rules, --explain CODE and --list-kinds: the rule documentation, in Chinese."""

from __future__ import annotations

from shuzhi_lint.errors import LintError
from shuzhi_lint.rules import CATEGORY_CN, COMMON_FIELDS, SEVERITY_CN


def list_rules(linter) -> str:
    selected = {r.code for r in linter.selected}
    rows = []
    for code, rule in sorted(linter.rules.items()):
        mark = " " if code in selected else "-"
        fix = "修复" if rule.fix or getattr(rule.check, "fixes", False) else "    "
        rows.append(f"{mark} {code}  {rule.name:<36} {CATEGORY_CN[rule.category]:<5} {SEVERITY_CN[rule.severity]}  {fix}  {rule.description}")
    rows.append("")
    rows.append(f"共 {len(linter.rules)} 条规则，启用 {len(selected)} 条（“-”表示未启用，可用 --select 或 --extend-select 启用）。")
    rows.append("用 shuzhi-lint --explain 代码 查看一条规则的说明。")
    return "\n".join(rows) + "\n"


def explain(linter, code: str) -> str:
    code = code.upper()
    rule = linter.rules.get(code)
    if rule is None:
        raise LintError(f"未知的规则代码 \"{code}\"（用 --list-rules 查看全部规则）")
    out = [
        f"{rule.code} {rule.name}",
        f"类别：{CATEGORY_CN[rule.category]}（{rule.category}）  级别：{SEVERITY_CN[rule.severity]}  检查类型：{rule.kind}"
        + ("" if rule.enabled else "  （默认未启用）"),
        f"定义：{rule.source}:{rule.line}",
        "",
        rule.explain.strip() or "（该规则没有说明）",
    ]
    if rule.examples.get("bad"):
        out += ["", "会报告的写法："] + [f"  ✗ {x.strip()[:120]}" for x in rule.examples["bad"]]
    if rule.examples.get("good"):
        out += ["", "不会报告的写法："] + [f"  ✓ {x.strip()[:120]}" for x in rule.examples["good"]]
    if rule.fix:
        how = "自动修复（--fix）" if rule.fix.get("applicability", "safe") == "safe" else "建议修复（--fix --unsafe-fixes）"
        out += ["", f"修复：{how}"]
    return "\n".join(out) + "\n"


def list_kinds(registry) -> str:
    out = []
    for name, kind in sorted(registry.kinds.items()):
        out.append(f"{name}：{kind.description}" + ("（需要分词，首次使用时加载 jieba）" if kind.needs_tokenizer else ""))
        for key, p in kind.params.items():
            need = "必填" if p.required else f"可选，默认 {p.default!r}"
            out.append(f"    {key}（{need}）：{p.doc}")
        out.append("")
    out.append("所有规则共有的字段：" + "、".join(f"{k}（{v}）" for k, v in COMMON_FIELDS.items()))
    return "\n".join(out) + "\n"
