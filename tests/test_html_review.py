"""The HTML review page as a reviewer uses it: the summary table (status, 合计, counts that follow
the filters), findings in the list that take you to their highlight (mouse and keyboard), visible
one-character highlights, no numbered blank rows, whole-report findings marked 全文. Checked in the
page's markup, in headless Chromium's DOM, and in a screenshot."""

from __future__ import annotations

import re
import struct
import subprocess
import zlib

import pytest

from conftest import ROOT
from test_html_report import CHROMIUM, FLAGS, dump_dom
from test_user_journeys import CLEAN

def needs_chromium(test):
    return pytest.mark.early(pytest.mark.browser(pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (.ci/run installs it)")(test)))

FILLER = "".join(f"第{i}项工作按计划推进，全体党员参加学习并交流心得体会。\n\n" for i in range(1, 41))
DRAFT = CLEAN + "\n" + FILLER + "最后一项工作已经完成,效果良好。\n"


@pytest.fixture
def page(cli, tmp_path):
    """Two reports: a clean one (only an info finding) and one with a half-width comma, a
    one-character finding far down the text."""
    clean = tmp_path / "a_clean.txt"  # another report than the draft's (else they are near-duplicates)
    clean.write_text((ROOT / "tests" / "reports" / "clean_2024_village_prose.txt").read_text(encoding="utf-8"), encoding="utf-8")
    draft = tmp_path / "b_draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "汇总.html"
    code, _, err = cli("--format", "html", "-o", out, clean, draft)
    assert code == 1, err
    return out


def rows(html_text):
    body = re.search(r"<tbody>(.*?)</tbody><tfoot>(.*?)</tfoot>", html_text, re.S)
    cells = lambda row: re.findall(r"<td[^>]*>(.*?)</td>", row)  # noqa: E731
    return [cells(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1))], cells(body.group(2))


def test_summary_has_status_and_total(page):
    text = page.read_text(encoding="utf-8")
    assert "<th>状态</th>" in text
    body, total = rows(text)
    assert body[0][1] == "可提交" and body[1][1] == "需修改"  # info alone does not hold a report back
    assert total[0].startswith("合计") and total[1] == "需修改 1 份，可提交 1 份"


def test_report_text_and_list(page):
    text = page.read_text(encoding="utf-8")
    section = text[text.index('id="r1"'):]
    numbered = [int(n) for n in re.findall(r'<span class="ln">(\d+)</span>', section)]
    draft_lines = DRAFT.split("\n")
    assert numbered and all(draft_lines[n - 1].strip() for n in numbered)  # no blank numbered rows
    assert '<div class="blank"></div>' in section
    # the whole-report finding says 全文, not 第 1 行
    assert re.search(r'<span class="code">ST005</span> <span class="where">全文</span>', section)
    # list entries are reachable by keyboard
    items = re.findall(r"<li [^>]*>", section)
    assert items and all('tabindex="0"' in li and 'role="button"' in li for li in items)
    # the one-character highlight is marked to be drawn larger
    assert re.search(r'<mark class="finding cat-punctuation sev-error short"[^>]*>,</mark>', section)


@needs_chromium
def test_counts_follow_the_filters(page, tmp_path):
    dom, log = dump_dom(page, "", tmp_path)
    assert "Uncaught" not in log, log[-2000:]
    body, total = rows(dom)
    infos = int(body[0][4])
    assert body[0][2:4] == ["0", "0"] and infos >= 1  # the clean report's info findings
    assert total[2:] == [str(int(a) + int(b)) for a, b in zip(body[0][2:], body[1][2:])]  # 合计 adds up
    errors = int(body[1][2])
    assert errors >= 1
    dom, _ = dump_dom(page, "#hide=info,punctuation", tmp_path)
    body, total = rows(dom)
    assert body[0][4] == "0" and total[4] == "0" and infos  # info hidden: the table counts none
    assert int(total[2]) < errors  # the punctuation error is filtered out of the count


def _pick(dom, code):
    """#show= for the first finding with ``code`` in the second report."""
    section = dom[dom.index('id="r1"'):]
    n = re.search(rf'<li [^>]*data-f="(\d+)"[^>]*><span class="code">{code}</span>', section).group(1)
    return f"#show=r1-{n}"


@needs_chromium
def test_list_entry_reveals_its_highlight(page, tmp_path):
    dom, _ = dump_dom(page, "", tmp_path)
    show = _pick(dom, "PU001")
    dom, log = dump_dom(page, show, tmp_path)
    assert "Uncaught" not in log
    assert re.search(r'<mark class="[^"]*short[^"]*current[^"]*"[^>]*>,</mark>', dom)
    assert re.search(r'<li class="[^"]*current[^"]*"', dom)
    assert f'data-revealed="r1-{show.rsplit("-", 1)[1]}"' in dom


def png_pixels(path):
    """(width, height, rows of RGB(A) tuples) of a PNG, decoded with zlib alone."""
    data = path.read_bytes()
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6)
            channels = 4 if color == 6 else 3
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows_out, prev = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows_out.append(line)
        prev = line
    return width, height, channels, rows_out


ORANGE = (0xF9, 0x73, 0x16)  # the outline round the chosen finding
PURPLE = (0x93, 0x33, 0xEA)  # the outline of a one-character highlight


def count_pixels(path, rgb) -> int:
    width, height, channels, rows_ = png_pixels(path)
    n = 0
    for line in rows_:
        for x in range(0, width * channels, channels):
            n += abs(line[x] - rgb[0]) < 12 and abs(line[x + 1] - rgb[1]) < 12 and abs(line[x + 2] - rgb[2]) < 12
    return n


def screenshot(page, fragment, tmp_path, name):
    shot = tmp_path / name
    subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars",
         "--window-size=1200,1000", f"--screenshot={shot}", f"file://{page}{fragment}"],
        capture_output=True, text=True, timeout=120,
    )
    assert shot.is_file()
    return shot


@needs_chromium
def test_screenshot_shows_the_chosen_one_character_finding(cli, tmp_path):
    # one short report, so the page fits the window (headless screenshots of a scrolled page are blank)
    report = tmp_path / "r.txt"
    report.write_text(CLEAN.replace("学习十二次，", "学习十二次,"), encoding="utf-8")
    page = tmp_path / "one.html"
    cli("--format", "html", "-o", page, report)
    dom, _ = dump_dom(page, "", tmp_path)
    n = re.search(r'<li [^>]*data-f="(\d+)"[^>]*><span class="code">PU001</span>', dom).group(1)
    plain = screenshot(page, "", tmp_path, "plain.png")
    chosen = screenshot(page, f"#show=r0-{n}", tmp_path, "chosen.png")
    # the comma's highlight is outlined (purple) so one character is seen; chosen, it is outlined orange
    assert count_pixels(plain, PURPLE) > 20
    assert count_pixels(plain, ORANGE) == 0 and count_pixels(chosen, ORANGE) > 40
