"""The HTML review page in a real headless Chromium: loads without console errors, marks every
finding, filters hide the others, and report text can never inject markup."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
]


class Marks(HTMLParser):
    """Counts finding elements (visible = without the "off" class) and list entries."""

    def __init__(self):
        super().__init__()
        self.findings = self.visible = self.items_visible = 0
        self.scripts = 0
        self.codes: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "script":
            self.scripts += 1
        if "finding" in classes:
            self.findings += 1
            self.visible += "off" not in classes
        if tag == "li" and "data-f" in a and "off" not in classes:
            self.items_visible += 1
        if tag == "img":
            self.codes.append("IMG")


def dump_dom(path, fragment, tmp_path):
    proc = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", f"file://{path}{fragment}"],
        capture_output=True, text=True, timeout=120,
    )
    return proc.stdout, proc.stderr


@pytest.fixture
def report(cli, tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text(
        "2023年度述职报告\n一、履职情况\n召开会议x次<script>document.title='pwned'</script>，\"><img src=x onerror=alert(1)>XXX社区。\n",
        encoding="utf-8",
    )
    out = tmp_path / "汇总.html"
    code, _, err = cli("--format", "html", "-o", out, SEEDS, evil)
    assert code == 1, err
    _, js, _ = cli("--format", "json", SEEDS, evil)
    return out, json.loads(js)


def test_page_is_self_contained_and_escaped(report):
    out, findings = report
    page = out.read_text(encoding="utf-8")
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "<script>document.title" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    parser = Marks()
    parser.feed(page)
    assert parser.findings == len(findings)
    assert parser.scripts == 1 and parser.codes == []


@pytest.mark.early
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (.ci/run installs it)")
def test_in_chromium_all_marked_and_filters_hide(report, tmp_path):
    out, findings = report
    dom, log = dump_dom(out, "", tmp_path)
    assert "Uncaught" not in log and "SyntaxError" not in log, log[-2000:]
    marks = Marks()
    marks.feed(dom)
    assert marks.findings == len(findings)
    assert marks.visible == len(findings) and marks.items_visible == len(findings)
    assert re.search(r'id="shown">(\d+)<', dom).group(1) == str(len(findings))
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)

    dom, log = dump_dom(out, "#hide=placeholder,info", tmp_path)
    assert "Uncaught" not in log
    filtered = Marks()
    filtered.feed(dom)
    expected = sum(1 for f in findings if f["category"] != "placeholder" and f["severity"] != "info")
    assert filtered.findings == len(findings)
    assert filtered.visible == expected and filtered.items_visible == expected
