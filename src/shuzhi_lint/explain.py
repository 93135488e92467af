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
    redirects = getattr(linter, "redirects", {})
    rule = linter.rules.get(redirects.get(code, code))
    if rule is None:
        raise LintError(f"未知的规则代码 \"{code}\"（用 --list-rules 查看全部规则）")
    out = [f"{code} 已并入 {rule.code}（select、ignore 和行内禁用中的 {code} 按 {rule.code} 处理，请改用 {rule.code}）", ""] if rule.code != code else []
    out += [
        f"{rule.code} {rule.name}",
        f"类别：{CATEGORY_CN[rule.category]}（{rule.category}）  级别：{SEVERITY_CN[rule.severity]}  检查类型：{rule.kind}"
        + ("" if rule.enabled else "  （默认未启用）"),
        f"定义：{rule.source}:{rule.line}",
    ]
    if rule.redirected_from:
        out.append(f"旧代码：{'、'.join(rule.redirected_from)}（已并入本规则，仍可用于 select、ignore 和行内禁用）")
    for keep, selectors, variants, _ in rule.one_defect:
        names = "、".join(selectors)
        when = f"本规则的提示信息为 {'、'.join(sorted(variants))} 变体时，" if variants else ""
        who = "只报本规则的" if keep == "self" else f"只报 {names} 的"
        out.append(f"与 {names} 的问题在同一处（范围相同或一个在另一个之内）时算一处问题：{when}{who}")
    out += [
        "",
        rule.explain.strip() or "（该规则没有说明）",
    ]
    bad, good = rule.examples.get("bad") or [], rule.examples.get("good") or []
    if bad:
        out += ["", "会报告的写法："] + [_example("✗", x, good) for x in bad]
    if good:
        out += ["", "不会报告的写法："] + [_example("✓", x, bad) for x in good]
    if rule.fix:
        how = "自动修复（--fix）" if rule.fix.get("applicability", "safe") == "safe" else "建议修复（--fix --unsafe-fixes）"
        out += ["", f"修复：{how}"]
    return "\n".join(out) + "\n"


EXAMPLE_LIMIT = 400  # characters: a longer example is cut around where it differs from the others


def _example(mark: str, text: str, others: list[str]) -> str:
    """An example whole, its lines indented under the mark; a long one (a whole report) cut to the
    part where it differs from the most similar example of the other kind, so a bad and a good
    example never look the same."""
    text = text.strip()
    if len(text) > EXAMPLE_LIMIT:
        def common(a: str, b: str) -> int:
            n = 0
            while n < min(len(a), len(b)) and a[n] == b[n]:
                n += 1
            return n

        at = max((common(text, o.strip()) for o in others), default=0)
        start = max(0, min(at - 80, len(text) - EXAMPLE_LIMIT))
        start = text.rfind("\n", 0, start) + 1 if "\n" in text[:start] else start  # from a line start
        end = min(len(text), start + EXAMPLE_LIMIT)
        omitted = len(text) - (end - start)
        text = ("……\n" if start else "") + text[start:end] + ("\n……" if end < len(text) else "") + f"\n（示例共 {len(text)} 字，此处省略 {omitted} 字）"
    lines = text.split("\n")
    return "\n".join([f"  {mark} {lines[0]}", *(f"    {line}" for line in lines[1:])])


def list_kinds(registry) -> str:
    out = []
    for name, kind in sorted(registry.kinds.items()):
        out.append(f"{name}：{kind.description}" + ("（需要分词，首次使用时加载 jieba）" if kind.needs_tokenizer else ""))
        for key, p in kind.params.items():
            need = "必填" if p.required else f"可选，默认 {p.default!r}"
            regex = {True: "；正则，可写成每行一个分支的列表", "each": "；每项是正则，或每行一个分支的列表"}.get(getattr(p, "regex", False), "")
            out.append(f"    {key}（{need}）：{p.doc}{regex}")
        for key, doc in (getattr(kind, "variants", None) or {}).items():
            out.append(f"    messages.{key}（必填的提示信息变体）：{doc}")
        out.append("")
    out.append("所有规则共有的字段：" + "、".join(f"{k}（{v}）" for k, v in COMMON_FIELDS.items()))
    return "\n".join(out) + "\n"
