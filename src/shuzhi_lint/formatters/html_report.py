"""``--format html -o 汇总.html``: a self-contained review page for one or many reports.

A sortable summary table (per report: counts by severity and category), then each report's text
with every finding marked (a highlight on its span; a flag where spans overlap or the finding is
about the whole document), the messages beside the text, filters by category and severity, and
the problem–cause–measure table. Everything taken from a report or a rule is HTML-escaped; the
page loads nothing from the network.
"""

from __future__ import annotations

import html
from collections import Counter

from shuzhi_lint.labels import ROLE_CN
from shuzhi_lint.rules import CATEGORIES, CATEGORY_CN, SEVERITY_CN
from shuzhi_lint.safetext import visible

COLORS = {
    "structure": "#c7d2fe",
    "placeholder": "#fecaca",
    "correspondence": "#fde68a",
    "figure": "#fed7aa",
    "punctuation": "#bbf7d0",
    "wording": "#ddd6fe",
    "artifact": "#fbcfe8",
    "consistency": "#a5f3fc",
    "duplication": "#e5e7eb",
}

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#111;background:#fafafa}
header{padding:12px 20px;background:#1f2937;color:#fff}header h1{font-size:20px;margin:0}
main{padding:12px 20px}table{border-collapse:collapse;margin:8px 0;background:#fff}
th,td{border:1px solid #ddd;padding:4px 8px;font-size:13px;text-align:center}th{cursor:pointer;background:#f3f4f6}
td.path{text-align:left}#filters{position:sticky;top:0;background:#fff;padding:8px;border-bottom:1px solid #ddd;z-index:2;font-size:13px}
#filters label{margin-right:10px;white-space:nowrap}section.report{background:#fff;margin:16px 0;padding:12px;border:1px solid #ddd}
.cols{display:flex;gap:16px}.text{flex:3;line-height:1.9;font-size:15px}.msgs{flex:2;font-size:13px;max-height:80vh;overflow:auto}
.line{display:flex}.ln{color:#999;width:3em;flex:none;text-align:right;padding-right:8px;user-select:none}
.finding{border-radius:2px;cursor:help}.finding.sev-error{outline:1px solid #dc2626}.finding.badge{font-size:11px;padding:0 2px;vertical-align:super}
.finding.off{background:transparent!important;outline:none}.finding.badge.off{display:none}
.msgs li{margin:4px 0;list-style:none;padding:4px;border-left:4px solid #999;background:#f9fafb}.msgs li.off{display:none}
.msgs .code{font-family:monospace;font-weight:bold}.sev-error .code{color:#dc2626}.sev-warning .code{color:#d97706}.sev-info .code{color:#2563eb}
.error-line{color:#b91c1c}
.msgs{position:sticky;top:48px;align-self:flex-start}
.msgs li{cursor:pointer}.msgs li:hover{background:#eef2ff}.msgs li:focus{outline:2px solid #2563eb;outline-offset:1px}
.msgs .where{color:#555}
mark.finding{color:inherit;padding:0 1px}
mark.finding.short{padding:0 3px;outline:2px solid #9333ea;outline-offset:0}
.blank{height:.6em}
.current{outline:3px solid #f97316!important;outline-offset:1px}
.flash{animation:flash 2.4s ease-out 1}
@keyframes flash{0%,60%{background:#fdba74}100%{}}
#summary td.st-fix{color:#b91c1c;font-weight:bold}#summary td.st-ok{color:#15803d;font-weight:bold}
#summary tfoot td{font-weight:bold;background:#f3f4f6}
"""

JS = r"""
(function(){
  function apply(){
    var off={};
    document.querySelectorAll('#filters input').forEach(function(cb){ if(!cb.checked){ off[cb.value]=true; } });
    document.querySelectorAll('.finding, .msgs li').forEach(function(el){
      var hide = off['cat-'+el.dataset.cat] || off['sev-'+el.dataset.sev];
      el.classList.toggle('off', !!hide);
    });
    var shown=document.querySelectorAll('.msgs li:not(.off)').length;
    document.getElementById('shown').textContent=shown;
    // the summary table counts what the filters show; the 合计 row adds the rows up
    var totals={};
    document.querySelectorAll('#summary tbody tr[data-r]').forEach(function(tr){
      var counts={};
      document.querySelectorAll('#r'+tr.dataset.r+' .msgs li:not(.off)').forEach(function(li){
        counts['sev-'+li.dataset.sev]=(counts['sev-'+li.dataset.sev]||0)+1;
        counts['cat-'+li.dataset.cat]=(counts['cat-'+li.dataset.cat]||0)+1;
      });
      tr.querySelectorAll('td[data-k]').forEach(function(td){
        var n=counts[td.dataset.k]||0; td.textContent=n; td.dataset.v=n; totals[td.dataset.k]=(totals[td.dataset.k]||0)+n;
      });
    });
    document.querySelectorAll('#summary tfoot td[data-k]').forEach(function(td){ td.textContent=totals[td.dataset.k]||0; });
  }
  // a finding in the list: scroll its highlight into view and flash it (and the entry)
  function reveal(li){
    var section=li.closest('section.report');
    var mark=section && section.querySelector('.text .finding[data-f="'+li.dataset.f+'"]');
    document.querySelectorAll('.current').forEach(function(el){ el.classList.remove('current'); });
    [li, mark].forEach(function(el){
      if(!el){ return; }
      // outlined until another finding is chosen; the flash draws the eye to it
      el.classList.add('current');
      el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash');
      setTimeout(function(){ el.classList.remove('flash'); }, 2400);
    });
    if(mark){ mark.scrollIntoView({block:'center'}); }
    document.body.dataset.revealed=(section?section.id:'')+'-'+li.dataset.f;
  }
  document.querySelectorAll('.msgs li').forEach(function(li){
    li.addEventListener('click', function(){ reveal(li); });
    li.addEventListener('keydown', function(ev){
      if(ev.key==='Enter'||ev.key===' '){ ev.preventDefault(); reveal(li); }
    });
  });
  // and the other way: a highlight in the text shows its entry in the list
  document.querySelectorAll('.text .finding').forEach(function(mark){
    mark.addEventListener('click', function(){
      var li=mark.closest('section.report').querySelector('.msgs li[data-f="'+mark.dataset.f+'"]');
      if(li){ li.scrollIntoView({block:'nearest'}); li.focus(); reveal(li); }
    });
  });
  document.querySelectorAll('#filters input').forEach(function(cb){ cb.addEventListener('change', apply); });
  // #hide=placeholder,info : filters given in the address, for links and for tests
  var m=location.hash.match(/hide=([^&]+)/);
  if(m){ decodeURIComponent(m[1]).split(',').forEach(function(v){
    document.querySelectorAll('#filters input').forEach(function(cb){ if(cb.value==='cat-'+v||cb.value==='sev-'+v){ cb.checked=false; } });
  }); }
  document.querySelectorAll('table.sortable th').forEach(function(th, col){
    th.addEventListener('click', function(){
      var tbody=th.closest('table').tBodies[0]; var rows=Array.prototype.slice.call(tbody.rows);
      var asc = th.dataset.asc !== '1'; th.dataset.asc = asc ? '1' : '0';
      rows.sort(function(a,b){
        var x=a.cells[col].dataset.v||a.cells[col].textContent, y=b.cells[col].dataset.v||b.cells[col].textContent;
        var nx=parseFloat(x), ny=parseFloat(y);
        var c = (!isNaN(nx)&&!isNaN(ny)) ? nx-ny : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function(r){ tbody.appendChild(r); });
    });
  });
  apply();
  // #show=r0-3 : reveal a finding when the page opens (links to one finding, and tests)
  var s=location.hash.match(/show=r(\d+)-(\d+)/);
  if(s){ var li=document.querySelector('#r'+s[1]+' .msgs li[data-f="'+s[2]+'"]'); if(li){ reveal(li); } }
})();
"""


def e(text) -> str:
    # control characters (terminal escapes, a newline in a file name) shown as \x1b, \n
    return html.escape(visible(text), quote=True)


class HtmlFormatter:
    name = "html"
    binary = False
    needs_outline_annotations = True

    def render(self, results, ctx) -> str:
        findings = [f for r in results for f in r.findings]
        cats = [c for c in CATEGORIES if any(f.category == c for f in findings)] or list(CATEGORIES)
        parts = [
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
            f"<title>述职报告检查汇总（{len(results)} 份）</title><style>{CSS}</style>",
            "".join(f".cat-{c}{{background:{COLORS[c]}}}" for c in CATEGORIES).join(("<style>", "</style>")),
            "</head><body>",
            f"<header><h1>述职报告检查汇总</h1><div>共 {len(results)} 份报告，{len(findings)} 个问题；shuzhi-lint {e(ctx.version)}</div></header>",
            "<div id=\"filters\">类别：",
        ]
        for c in cats:
            n = sum(1 for f in findings if f.category == c)
            parts.append(f"<label class=\"cat-{c}\"><input type=\"checkbox\" value=\"cat-{c}\" checked> {e(CATEGORY_CN[c])}（{n}）</label>")
        parts.append(" 级别：")
        for s in ("error", "warning", "info"):
            n = sum(1 for f in findings if f.severity == s)
            parts.append(f"<label><input type=\"checkbox\" value=\"sev-{s}\" checked> {SEVERITY_CN[s]}（{n}）</label>")
        parts.append(" 显示 <b id=\"shown\">0</b> 条</div><main>")
        parts.append(self._summary(results, cats))
        for i, r in enumerate(results):
            parts.append(self._report(i, r))
        parts.append(f"</main><script>{JS}</script></body></html>")
        return "\n".join(parts) + "\n"

    def _summary(self, results, cats) -> str:
        keys = [f"sev-{s}" for s in ("error", "warning", "info")] + [f"cat-{c}" for c in cats]
        head = "<th>报告</th><th>状态</th><th>错误</th><th>警告</th><th>提示</th>" + "".join(f"<th>{e(CATEGORY_CN[c])}</th>" for c in cats)
        rows = []
        need = ok = unreadable = 0
        for i, r in enumerate(results):
            sev = Counter(f.severity for f in r.findings)
            cat = Counter(f.category for f in r.findings)
            cells = f"<td class=\"path\" data-v=\"{e(r.path)}\"><a href=\"#r{i}\">{e(r.path)}</a></td>"
            if r.error:
                unreadable += 1
                cells += f"<td class=\"st-fix\" data-v=\"0\">无法检查</td><td colspan=\"{3 + len(cats)}\" class=\"error-line\">{e(r.error)}</td>"
            else:
                # 需修改 while errors or warnings remain; info findings alone do not hold a report back
                blocked = bool(sev["error"] or sev["warning"])
                need += blocked
                ok += not blocked
                cells += f"<td class=\"{'st-fix' if blocked else 'st-ok'}\" data-v=\"{1 if blocked else 2}\">{'需修改' if blocked else '可提交'}</td>"
                cells += "".join(f"<td data-k=\"sev-{s}\">{sev[s]}</td>" for s in ("error", "warning", "info"))
                cells += "".join(f"<td data-k=\"cat-{c}\">{cat[c]}</td>" for c in cats)
            rows.append(f"<tr data-r=\"{i}\">{cells}</tr>")
        status = f"需修改 {need} 份，可提交 {ok} 份" + (f"，无法检查 {unreadable} 份" if unreadable else "")
        total = (
            f"<tr><td class=\"path\">合计（{len(results)} 份）</td><td>{status}</td>"
            + "".join(f"<td data-k=\"{k}\">0</td>" for k in keys)
            + "</tr>"
        )
        return (
            "<h2>汇总（点击表头排序；数字随上方的筛选变化）</h2><table class=\"sortable\" id=\"summary\">"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody><tfoot>{total}</tfoot></table>"
        )

    def _report(self, i, r) -> str:
        out = [f"<section class=\"report\" id=\"r{i}\"><h2>{e(r.path)}</h2>"]
        if r.error:
            out.append(f"<p class=\"error-line\">{e(r.error)}</p></section>")
            return "".join(out)
        doc = r.document
        per_line: dict[int, list] = {}
        doc_level = []
        for n, f in enumerate(r.findings):
            if f.match and f.line == f.end_line:
                per_line.setdefault(f.line, []).append((n, f))
            else:
                doc_level.append((n, f))
        text_html = []
        if doc_level:
            badges = "".join(self._badge(n, f) for n, f in doc_level)
            text_html.append(f"<div class=\"line\"><span class=\"ln\"></span><span>{badges}（全文）</span></div>")
        if doc is not None:
            for line in range(1, doc.line_count + 1):
                raw = doc.line_text(line, checked=False)
                if not raw.strip() and line not in per_line:
                    text_html.append("<div class=\"blank\"></div>")  # a gap, not a numbered row
                    continue
                text_html.append(f"<div class=\"line\"><span class=\"ln\">{line}</span><span>{self._line(raw, per_line.get(line, []))}</span></div>")
        msgs = "".join(
            f"<li class=\"sev-{f.severity}\" data-cat=\"{f.category}\" data-sev=\"{f.severity}\" data-f=\"{n}\" tabindex=\"0\" role=\"button\""
            f" title=\"点击或按回车：在正文中显示\"><span class=\"code\">{e(f.code)}</span> <span class=\"where\">{self._where(f)}</span>：{e(f.message)}"
            + (f"<br>建议：{'改为“' + e(f.fix['replacement']) + '”' if f.fix['replacement'] else '删除'}" if f.fix else "")
            + "</li>"
            for n, f in enumerate(r.findings)
        )
        out.append(f"<div class=\"cols\"><div class=\"text\">{''.join(text_html)}</div><ul class=\"msgs\">{msgs}</ul></div>")
        out.append(self._correspondence(r))
        out.append("</section>")
        return "".join(out)

    @staticmethod
    def _where(f) -> str:
        """全文 for a finding about the whole report (no span), else its line or lines."""
        if not f.match:
            return "全文" if (f.line, f.column) == (1, 1) else f"第 {f.line} 行"
        return f"第 {f.line} 行" if f.end_line == f.line else f"第 {f.line}–{f.end_line} 行"

    @staticmethod
    def _attrs(n, f) -> str:
        return (
            f"class=\"finding cat-{f.category} sev-{f.severity}{{extra}}\" data-cat=\"{f.category}\" data-sev=\"{f.severity}\" "
            f"data-f=\"{n}\" title=\"{e(f.code + ' ' + f.message)}\""
        )

    def _badge(self, n, f) -> str:
        return f"<span {self._attrs(n, f).replace('{extra}', ' badge')}>⚑{e(f.code)}</span>"

    def _line(self, raw: str, items) -> str:
        items = sorted(items, key=lambda x: (x[1].column, -x[1].end_column))
        out = []
        pos = 0
        for n, f in items:
            a, b = f.column - 1, f.end_column - 1
            if a < pos:  # overlaps an earlier span: a flag where it starts
                continue
            out.append(e(raw[pos:a]))
            short = " short" if b - a <= 1 else ""  # one character (a comma): padded and outlined to be seen
            out.append(f"<mark {self._attrs(n, f).replace('{extra}', short)}>{e(raw[a:b])}</mark>")
            pos = b
        out.append(e(raw[pos:]))
        html_line = "".join(out)
        # flags for overlapping spans go after the line, so every finding has one marked element
        skipped = []
        pos = 0
        for n, f in items:
            a, b = f.column - 1, f.end_column - 1
            if a < pos:
                skipped.append(self._badge(n, f))
            else:
                pos = b
        return html_line + "".join(skipped)

    def _correspondence(self, r) -> str:
        o = r.outline
        if o is None or not o.correspondence:
            return ""
        problems, causes, measures = o.items("problems"), o.items("causes"), o.items("measures")

        def label(items, idx):
            return "；".join(f"{k + 1}. {e((items[k].head or items[k].text)[:30])}" for k in idx if k < len(items)) or "（无）"

        rows = "".join(
            f"<tr><td class=\"path\">{row['problem'] + 1}. {e((problems[row['problem']].head or problems[row['problem']].text)[:40])}</td>"
            f"<td class=\"path\">{label(causes, row['causes'])}</td><td class=\"path\">{label(measures, row['measures'])}</td>"
            f"<td>{row['score']:.2f}</td></tr>"
            for row in o.correspondence
            if row["problem"] < len(problems)
        )
        return (
            f"<h3>问题—原因—措施对应（{e(ROLE_CN['problems'])} {len(problems)} 条，{e(ROLE_CN['measures'])} {len(measures)} 条）</h3>"
            f"<table class=\"corr\"><thead><tr><th>问题</th><th>对应原因</th><th>对应措施</th><th>相似度</th></tr></thead><tbody>{rows}</tbody></table>"
        )
