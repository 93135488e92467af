"""The README's rule table is generated from the rule files and kept current."""

from __future__ import annotations

from pathlib import Path

from shuzhi_lint import ruletable

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_rule_table_is_current():
    text = README.read_text(encoding="utf-8")
    assert ruletable.replace_block(text, ruletable.table()) == text, (
        "README.md's rule table is stale: run  python -m shuzhi_lint.ruletable --write README.md"
    )


def test_every_rule_has_a_row():
    rules = ruletable.builtin_rules()
    block = ruletable.table(rules)
    assert f"共 {len(rules)} 条规则" in block
    for r in rules:
        assert f"| `{r.code}` | {r.name} |" in block


def test_check_and_write(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{ruletable.START}\nold\n{ruletable.END}\n\ntail\n", encoding="utf-8")
    assert ruletable.main(["--check", str(readme)]) == 1
    assert ruletable.main(["--write", str(readme)]) == 0
    assert ruletable.main(["--check", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# x\n\n") and text.endswith("\n\ntail\n") and "| `PH001` |" in text
