"""Genre profiles (rules/data/genres.yaml), files that are not reports, and layouts that put causes
and measures inside the problems part — on reports written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shuzhi_lint.api import lint_text, outline_of

REPORTS = Path(__file__).parent / "reports"

# file name part -> the genre it must be recognised as
EXPECTED_GENRE = {
    "shulian": "shuzhi-shulian",
    "geren": "geren-shuzhi",
    "duizhao": "duizhao-jiancha",
    "zhenggai": "zhenggai",
    "zongjie": "gongzuo-zongjie",
    "dangjian": "dangjian-shuzhi",
}
GENRE_FILES = sorted(p for p in REPORTS.glob("*_genre_*.txt"))


def outline_json(cli, *args):
    code, out, err = cli("--outline", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def test_every_genre_has_three_reports_written_for_it():
    for part in ("duizhao", "zhenggai", "zongjie"):
        assert len([p for p in GENRE_FILES if f"_{part}_" in p.name]) >= 3, part
    assert len([p for p in GENRE_FILES if "_shulian_" in p.name or "_geren_" in p.name]) >= 3


def test_each_report_is_recognised_as_its_genre(cli):
    outlines = outline_json(cli, *GENRE_FILES)
    for o in outlines:
        part = Path(o["path"]).name.split("_")[2]
        assert o["genre"] == EXPECTED_GENRE[part], o["path"]


def test_seeds_are_checked_as_party_building_duty_reports(cli):
    from conftest import SEEDS

    assert {o["genre"] for o in outline_json(cli, SEEDS)} == {"dangjian-shuzhi"}


def test_outline_names_the_genre_and_keeps_its_fields(cli):
    o = outline_json(cli, REPORTS / "clean_genre_zhenggai_village.txt")[0]
    assert set(o) >= {"path", "title", "year", "sections", "genre"}
    for s in o["sections"]:
        assert set(s) == {"role", "heading", "level", "line", "end_line", "items"}
    code, out, _ = cli("--outline", REPORTS / "clean_genre_zhenggai_village.txt")
    assert "体裁：整改落实情况报告（zhenggai，由标题识别）" in out


@pytest.mark.parametrize("name", ["notreport_README.md", "notreport_note.txt"])
def test_a_file_that_is_not_a_report_gets_one_info_finding(cli, name):
    code, out, err = cli("--format", "json", REPORTS / name)
    findings = json.loads(out)
    assert code == 0, err
    assert [(f["code"], f["severity"]) for f in findings] == [("ST012", "info")]
    assert "未按报告检查" in findings[0]["message"]
    assert outline_json(cli, REPORTS / name)[0]["genre"] == "none"


def test_a_summary_needs_no_cause_analysis_but_a_duty_report_does(cli):
    path = REPORTS / "clean_genre_zongjie_school.txt"
    code, out, _ = cli("--format", "json", "--select", "ST", path)
    assert code == 0 and not [f for f in json.loads(out) if f["severity"] != "info"]
    # the same text checked as a 党建述职报告 (--genre, by id or Chinese name) lacks its causes
    for name in ("dangjian-shuzhi", "抓基层党建工作述职报告", "党建述职"):
        code, out, _ = cli("--format", "json", "--select", "ST", "--genre", name, path)
        assert "ST003" in {f["code"] for f in json.loads(out)}, name


def test_genre_specific_messages(cli):
    code, out, _ = cli("--format", "json", REPORTS / "defects_genre_duizhao_school.txt")
    messages = {f["code"]: f["message"] for f in json.loads(out)}
    assert messages["CR001"].startswith("查摆的问题")
    assert "对照检查材料" in messages["CR004"]
    code, out, _ = cli("--format", "json", REPORTS / "defects_genre_geren_village.txt")
    assert any(f["code"] == "ST004" and "个人述职报告" in f["message"] for f in json.loads(out))


def test_unknown_genre_is_a_one_line_usage_error(cli):
    code, out, err = cli("--genre", "会议纪要", REPORTS / "clean_genre_zongjie_school.txt")
    assert code == 2 and "未知的体裁" in err and "dangjian-shuzhi" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_config_genre_and_per_file_genre(cli, tmp_path):
    text = (REPORTS / "clean_genre_zongjie_school.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    (tmp_path / ".shuzhi-lint.yaml").write_text(
        "genre: 党建述职\nper-file-genre:\n  \"b.txt\": gongzuo-zongjie\n", encoding="utf-8"
    )
    genres = {Path(o["path"]).name: o["genre"] for o in outline_json(cli, tmp_path / "a.txt", tmp_path / "b.txt")}
    assert genres == {"a.txt": "dangjian-shuzhi", "b.txt": "gongzuo-zongjie"}
    # --genre wins over the config
    o = outline_json(cli, "--genre", "generic", tmp_path / "b.txt")[0]
    assert o["genre"] == "generic"
    (tmp_path / ".shuzhi-lint.yaml").write_text("genre: 会议纪要\n", encoding="utf-8")
    code, _, err = cli(tmp_path / "a.txt")
    assert code == 2 and "未知的体裁" in err


def test_heading_numbers_restart_in_each_article():
    text = (
        "社区党委书记述职报告两篇\n篇一\n一、履职情况\n全年召开支委会12次。\n二、存在的问题\n一是学习不够深入。\n"
        "篇二\n一、主要工作\n全年走访群众200户。\n二、存在的不足\n一是服务不够精准。\n"
    )
    assert not [f for f in lint_text(text, select=["ST010", "ST011"])]
    skipped = text.replace("二、存在的不足", "三、存在的不足")
    assert [f.code for f in lint_text(skipped, select=["ST010"])] == ["ST010"]


# ---- layouts -----------------------------------------------------------------------------------

INLINE = (
    "2024年度村党支部书记抓基层党建工作述职报告\n"
    "一、履职情况\n全年主持召开支委会12次，组织党员集中学习10次，带领党员为群众办实事21件。\n"
    "二、存在的问题及原因\n"
    "一是集体经济增收渠道窄，村集体收入主要靠土地租金，之所以如此，是因为本人谋划产业的眼界不宽。\n"
    "二是党员队伍老化，60岁以上党员占七成，原因在于对年轻人才的培养重视不够。\n"
    "三、下一步措施\n一是发展特色种植，年内建成合作社1个。二是每年培养青年入党积极分子2名。\n"
)


def test_causes_inside_each_problem_count_as_the_causes():
    o = outline_of(INLINE)
    problems, causes = o.items("problems"), o.items("causes")
    assert [p.text for p in problems] == ["一是集体经济增收渠道窄，村集体收入主要靠土地租金", "二是党员队伍老化，60岁以上党员占七成"]
    assert [c.answers for c in causes] == problems
    codes = {f.code for f in lint_text(INLINE) if f.code.startswith(("ST", "CR"))}
    assert not codes - {"ST005"}


def test_cause_paragraph_under_each_problem_heading():
    text = (
        "2024年度学校党委书记抓基层党建工作述职报告\n一、履职情况\n全年研究党建工作9次，组织集中学习12次。\n"
        "二、存在的问题及原因分析\n（一）党建与教学融合不够紧密。部分支部活动与教学结合不够。\n原因分析：本人对党建引领教学思考不深。\n"
        "（二）青年教师党员培养不够。近三年新发展青年教师党员较少。\n原因分析：对青年教师政治引领重视不够。\n"
        "三、下一步措施\n（一）推动党建与教学融合，每个支部每学期打造一个党建带教研项目。\n（二）每年确定3名青年教师作为入党积极分子培养。\n"
    )
    o = outline_of(text)
    assert len(o.items("problems")) == 2 and len(o.items("causes")) == 2
    assert [c.answers for c in o.items("causes")] == o.items("problems")
    assert not {f.code for f in lint_text(text) if f.code.startswith(("ST", "CR"))} - {"ST005"}


def test_measures_right_under_each_problem():
    text = (
        "2024年度国企党委书记抓基层党建工作述职报告\n一、履职情况\n全年研究党建工作8次，所属12个支部全部完成标准化建设。\n"
        "二、存在的问题、原因及整改措施\n"
        "（一）项目一线党建覆盖不够。原因是对流动性强的项目部党建研究不深。整改措施：在3个在建项目成立临时党支部。\n"
        "（二）党务干部专职化程度不高。根源在于对党务岗位配备重视不够。整改措施：年内为每个二级单位配齐1名专职党务干部。\n"
    )
    o = outline_of(text)
    assert len(o.items("measures")) == 2
    assert [m.answers for m in o.items("measures")] == o.items("problems")
    assert not {f.code for f in lint_text(text) if f.severity != "info"}


def test_problem_list_table_in_docx(cli, tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for t in ["2024年度县卫生健康局党组书记抓基层党建工作述职报告", "一、履职情况", "全年主持召开党组会专题研究党建工作9次。", "二、问题清单"]:
        d.add_paragraph(t)
    rows = [
        ("序号", "存在问题", "原因分析", "整改措施", "完成时限"),
        ("1", "支部书记履职能力参差不齐。", "对支部书记培训抓得不够经常。", "每半年举办一期支部书记培训班。", "2025年12月"),
        ("2", "党建与医疗业务融合不紧。", "统筹谋划不够。", "每个支部打造一个服务患者的党建项目。", "2025年10月"),
    ]
    table = d.add_table(rows=3, cols=5)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    d.save(tmp_path / "r.docx")
    o = outline_json(cli, tmp_path / "r.docx")[0]
    items = {s["role"]: [i["text"] for i in s["items"]] for s in o["sections"] if s["items"]}
    assert items["problems"] == ["支部书记履职能力参差不齐。", "党建与医疗业务融合不紧。"]
    assert items["causes"] == ["对支部书记培训抓得不够经常。", "统筹谋划不够。"]
    assert items["measures"] == ["每半年举办一期支部书记培训班。", "每个支部打造一个服务患者的党建项目。"]
    assert [r["measures"][:1] for r in o["correspondence"]] == [[0], [1]]
    code, out, _ = cli("--format", "json", tmp_path / "r.docx")
    assert not [f for f in json.loads(out) if f["severity"] != "info"]


def test_one_paragraph_with_work_problems_causes_and_plans():
    text = (
        "2024年度县农业农村局局长述职报告\n"
        "现将本人一年来的工作报告如下。\n"
        "一年来，全县粮食总产稳定在42万吨，新建高标准农田3.5万亩。这些成绩的取得，离不开各部门的大力支持。"
        "冷静分析，我们的工作还存在不少差距，诸如农产品加工链条短，品牌影响力不强，农村人居环境整治还有短板等。"
        "究其原因，主要是本人抓产业发展的办法不多，对重点工作督促不够。"
        "为此，新的一年我将着力延长农产品加工链条，年内培育县级以上农业品牌3个，每季度督导一次人居环境整治。\n"
    )
    o = outline_of(text)
    assert [s.role for s in o.sections if s.role not in ("title", "preamble")] == ["achievements", "problems", "causes", "measures"]
    assert len(o.items("problems")) == 1 and o.items("problems")[0].text.startswith("冷静分析")
    assert not {f.code for f in lint_text(text) if f.code.startswith("ST") and f.severity != "info"}


def test_a_genre_profile_with_an_unknown_role_is_a_one_line_error(cli, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "genres.yaml").write_text(
        "fallback: generic\ngenres:\n  - id: generic\n    parts: []\n  - id: none\n    parts: [{role: problem}]\n", encoding="utf-8"
    )
    (tmp_path / "extra.yaml").write_text("[]\n", encoding="utf-8")
    code, out, err = cli("--rules", tmp_path, REPORTS / "notreport_note.txt")
    assert code == 2 and "genres.yaml" in err and "problem" in err and "Traceback" not in err
