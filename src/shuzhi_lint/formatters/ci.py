"""CI formats: GitHub workflow commands, JUnit XML, GitLab Code Quality, SARIF 2.1.0."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from urllib.parse import quote

from shuzhi_lint.finding import SEVERITY_RANK
from shuzhi_lint.formatters import StreamedFormatter
from shuzhi_lint.formatters.json_format import json_array
from shuzhi_lint.rules import CATEGORY_CN, SEVERITY_CN
from shuzhi_lint.safetext import visible

INFO_URI = "https://pypi.org/project/shuzhi-lint/"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = visible(text)  # no control character reaches the log; newlines are escaped twice over
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class GithubFormatter(StreamedFormatter):
    """``::error file=…,line=…,col=…,endColumn=…,title=CODE::message`` — annotations on the PR diff."""

    name = "github"
    binary = False
    LEVEL = {"error": "error", "warning": "warning", "info": "notice"}

    def render_iter(self, results, ctx):
        for r in results:
            for f in r.findings:
                props = [
                    f"file={_gh_escape(f.path, True)}",
                    f"line={f.line}",
                    f"col={f.column}",
                    f"endLine={f.end_line}",
                    f"endColumn={f.end_column}",
                    f"title={f.code}",
                ]
                yield f"::{self.LEVEL[f.severity]} {','.join(props)}::{_gh_escape(f.message)}\n"


class JunitFormatter:
    """One testsuite per run, one testcase per file. A finding at or above ``--fail-on`` is a
    ``<failure>``; one below it does not fail the file (the exit code is 0 for it too) and is
    listed in the testcase's ``<system-out>``."""

    name = "junit"
    binary = False

    def render(self, results, ctx) -> str:
        threshold = SEVERITY_RANK[ctx.fail_on]

        def failing(f) -> bool:
            return SEVERITY_RANK[f.severity] >= threshold

        def line(f) -> str:
            return f"{visible(f.path)}:{f.line}:{f.column}: {f.code} [{SEVERITY_CN[f.severity]}] {visible(f.message)}"

        total = len(results)
        failures = sum(1 for r in results for f in r.findings if failing(f))
        errors = sum(1 for r in results if r.error)
        suites = ET.Element("testsuites", name="shuzhi-lint", tests=str(total), failures=str(failures), errors=str(errors))
        suite = ET.SubElement(suites, "testsuite", name="shuzhi-lint", tests=str(total), failures=str(failures), errors=str(errors))
        for r in results:
            # XML 1.0 cannot hold most control characters at all: every name and text is escaped
            path = visible(r.path)
            case = ET.SubElement(suite, "testcase", classname="shuzhi-lint", name=path, file=path)
            if r.error:
                ET.SubElement(case, "error", message=visible(r.error), type="InputError").text = visible(r.error)
            below = []
            for f in r.findings:
                if not failing(f):
                    below.append(line(f))
                    continue
                failure = ET.SubElement(case, "failure", message=f"{f.code} {visible(f.message)}", type=f.code)
                failure.text = f"{line(f)}\n“{visible(f.match)}”"
            if below:
                ET.SubElement(case, "system-out").text = (
                    f"未达到 --fail-on {ctx.fail_on} 的问题（不算失败）：\n" + "\n".join(below) + "\n"
                )
        ET.indent(suites)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


class GitlabFormatter(StreamedFormatter):
    """GitLab Code Quality report. Fingerprints hash path, code, matched text and its occurrence
    number, not line numbers, so they stay stable across runs and when lines above move."""

    name = "gitlab"
    binary = False
    SEVERITY = {"error": "major", "warning": "minor", "info": "info"}

    def render_iter(self, results, ctx):
        return json_array(self._items(results))

    def _items(self, results):
        import hashlib  # loads OpenSSL: only when this format is used

        for r in results:
            seen: dict[tuple, int] = {}
            for f in r.findings:
                key = (f.code, f.match or f.message)
                n = seen.get(key, 0)
                seen[key] = n + 1
                # the name's own bytes (surrogateescape), so a non-UTF-8 name keeps a stable fingerprint
                digest = hashlib.sha256(f"{f.path}\0{f.code}\0{key[1]}\0{n}".encode("utf-8", "surrogateescape")).hexdigest()
                yield {
                    "description": f"{f.code} {f.message}",
                    "check_name": f"{f.code} {f.name}",
                    "fingerprint": digest,
                    "severity": self.SEVERITY[f.severity],
                    "categories": [CATEGORY_CN.get(f.category, f.category)],
                    "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
                }


def file_uri(path: str) -> str:
    """A SARIF artifactLocation.uri: a URI reference, so spaces, #, %, ? and non-ASCII characters
    are percent-encoded (UTF-8; bytes of undecodable file names as they are on disk)."""
    posix = path.replace("\\", "/") if os.sep == "\\" else path
    encoded = quote(posix, safe="/-._~!$&'()*+,;=:@", errors="surrogateescape")
    if posix.startswith("/"):
        return "file://" + encoded
    if ":" in encoded.split("/", 1)[0]:  # a relative path whose first segment has a colon is not a URI reference
        encoded = "./" + encoded
    return encoded


class SarifFormatter(StreamedFormatter):
    """SARIF 2.1.0 with the rules' help text; columns are Unicode code points (a Chinese character
    is one column), declared with ``columnKind``. Written one result at a time (results before
    the invocation, whose notifications are known at the end), so a batch of any size runs in
    flat memory."""

    name = "sarif"
    binary = False
    LEVEL = {"error": "error", "warning": "warning", "info": "note"}
    _RESULTS = "\x00results\x00"
    _INVOCATIONS = "\x00invocations\x00"

    def render_iter(self, results, ctx):
        rules = sorted(ctx.rules.values(), key=lambda r: r.code)
        index = {r.code: i for i, r in enumerate(rules)}
        driver_rules = [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": f"{r.code} {r.name}（{CATEGORY_CN[r.category]}）"},
                "fullDescription": {"text": r.description},
                "help": {"text": r.explain.strip() or r.description},
                "defaultConfiguration": {"level": self.LEVEL[r.severity], "enabled": r.enabled},
                "properties": {"category": r.category},
            }
            for r in rules
        ]
        doc = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": "shuzhi-lint", "version": ctx.version, "informationUri": INFO_URI, "rules": driver_rules}},
                    "columnKind": "unicodeCodePoints",
                    "results": self._RESULTS,
                    "invocations": self._INVOCATIONS,
                }
            ],
        }
        skeleton = json.dumps(doc, ensure_ascii=False, indent=2)
        head, _, rest = skeleton.partition(json.dumps(self._RESULTS))
        middle, _, tail = rest.partition(json.dumps(self._INVOCATIONS))
        yield head + "["
        notifications = []
        first = True
        for res in results:
            notifications += [{"level": "error", "message": {"text": msg}} for msg in ([res.error] if res.error else []) + res.internal_errors]
            for f in res.findings:
                text = json.dumps(self._item(f, index), ensure_ascii=False, indent=2).replace("\n", "\n        ")
                yield ("\n        " if first else ",\n        ") + text
                first = False
        yield ("\n      ]" if not first else "]") + middle
        invocations = [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}]
        yield json.dumps(invocations, ensure_ascii=False, indent=2).replace("\n", "\n      ") + tail + "\n"

    def _item(self, f, index) -> dict:
        uri = file_uri(f.path)
        region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
        if f.match:
            region["snippet"] = {"text": f.match}
        item = {
            "ruleId": f.code,
            "level": self.LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        }
        if f.code in index:
            item["ruleIndex"] = index[f.code]
        if f.fix:
            item["fixes"] = [
                {
                    "description": {"text": "删除" if not f.fix["replacement"] else f"改为“{f.fix['replacement']}”"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": uri},
                            "replacements": [{"deletedRegion": dict(region), "insertedContent": {"text": f.fix["replacement"]}}],
                        }
                    ],
                }
            ]
        return item
