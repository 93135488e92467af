"""Third-party plugins found through the ``shuzhi_lint`` entry-point group, as a user installs them."""

from __future__ import annotations

import json
import textwrap

from conftest import seed

PLUGIN = '''
from pathlib import Path
from shuzhi_lint.plugin import CheckKind, Hit, Param, hookimpl


class LongParagraph(CheckKind):
    name = "long-paragraph"
    description = "段落过长"
    params = {"max_chars": Param(int, "最长字数", required=True)}

    def check(self, ctx):
        for n in range(1, ctx.doc.line_count + 1):
            start, end = ctx.doc.line_span(n)
            if end - start > self.p["max_chars"]:
                yield Hit(start, start + 1, vars={"n": end - start})


class Crashing(CheckKind):
    name = "crashing"
    description = "always raises"

    def check(self, ctx):
        raise RuntimeError("boom")


@hookimpl
def shuzhi_lint_check_kinds():
    return [LongParagraph, Crashing]


@hookimpl
def shuzhi_lint_rule_dirs():
    return [Path(__file__).parent / "tiny_rules"]
'''

RULES = """\
- code: TP001
  name: long-paragraph
  category: structure
  severity: warning
  kind: long-paragraph
  max_chars: 500
  message: "这一段有 {n} 字，过长"
  examples:
    bad: ["{long}"]
    good: ["短段落。"]
- code: TP002
  name: crashing-rule
  category: structure
  severity: warning
  kind: crashing
  enabled: false
  message: "never"
"""


def install_plugin(tmp_path, module_source=PLUGIN, rules=RULES):
    site = tmp_path / "site"
    pkg = site / "tinyplugin"
    (pkg / "tiny_rules").mkdir(parents=True)
    (pkg / "__init__.py").write_text(textwrap.dedent(module_source), encoding="utf-8")
    (pkg / "tiny_rules" / "tiny.yaml").write_text(rules.replace("{long}", "长" * 600), encoding="utf-8")
    dist = site / "tinyplugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: tinyplugin\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[shuzhi_lint]\ntiny = tinyplugin\n", encoding="utf-8")
    return {"PYTHONPATH": str(site)}


def test_plugin_adds_a_kind_and_a_rule(cli, tmp_path):
    env = install_plugin(tmp_path)
    code, out, err = cli("--select", "TP001", "--format", "json", seed("003"), env=env)
    assert code == 1, err
    found = json.loads(out)
    assert found and all(f["code"] == "TP001" for f in found)
    assert {f["line"] for f in found} == {7, 8}
    code, out, _ = cli("--list-kinds", env=env)
    assert "long-paragraph" in out and "max_chars" in out


def test_crashing_check_is_reported_and_others_still_run(cli, tmp_path):
    env = install_plugin(tmp_path)
    code, out, err = cli("--select", "TP002,PH001", "--format", "json", seed("003"), env=env)
    assert code == 2
    assert "TP002" in err and "RuntimeError" in err and "boom" in err and "Traceback" not in err
    assert any(f["code"] == "PH001" for f in json.loads(out))


def test_plugin_failing_at_import_is_reported(cli, tmp_path):
    env = install_plugin(tmp_path, "raise ImportError('missing dependency')\n")
    code, out, err = cli("--select", "PH001", "--format", "json", seed("003"), env=env)
    assert code == 2
    assert "tiny" in err and "missing dependency" in err
    assert any(f["code"] == "PH001" for f in json.loads(out))


def test_profile_shows_a_slow_plugin_rule_first_with_its_kind(cli, tmp_path):
    # TP002's kind ("crashing") made slow instead: 1 s a report, far above any built-in rule even
    # on a machine busy enough to make CR001 take 0.3 s (a sleep costs no CPU)
    slow = PLUGIN.replace(
        "    def check(self, ctx):\n        raise RuntimeError(\"boom\")",
        "    def check(self, ctx):\n        import time\n        time.sleep(1.0)\n        return ()",
    )
    env = install_plugin(tmp_path, slow)
    code, _, err = cli("--profile", "--select", "TP002,CR001,PH001", seed("003"), env=env)
    assert code in (0, 1), err
    rules_part, kinds_part = err.split("按检查类型:")
    rows = [r.strip() for r in rules_part.splitlines()[1:] if r.strip()]
    assert rows[0].startswith("TP002 (crashing)") and "ms/万字" in rows[0]
    assert any(r.startswith("CR001 (unanswered-problem)") for r in rows)
    # the tokenizer's one-off load is its own line, not charged to the rule that needed it first
    assert any(r.startswith("分词器加载") and "万字" not in r for r in rows)
    assert kinds_part.split()[0] == "crashing"
