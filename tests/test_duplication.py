"""Copy detection with a corpus made of the seeds, edited copies, last year's report, a batch."""

from __future__ import annotations

import json
import shutil

from conftest import SEED_FILES, seed

REPORTS = __import__("pathlib").Path(__file__).parent / "reports"


def edited_copy(text: str) -> str:
    """Numbers changed, two paragraphs swapped, some punctuation changed."""
    lines = text.split("\n")
    lines[3], lines[4] = lines[4], lines[3]
    text = "\n".join(lines)
    text = text.replace("3轮次", "5轮次").replace("4个党支部", "6个党支部").replace("4篇", "9篇")
    return text.replace("，推动", "；推动").replace("。带头", "；带头")


def lint(cli, *args):
    code, out, err = cli("--format", "json", "--select", "DP", *args)
    assert "Traceback" not in err, err
    return code, json.loads(out), err


def test_edited_copy_is_traced_to_its_source(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in SEED_FILES:
        shutil.copy(p, corpus / p.name)
    report = tmp_path / "mine.txt"
    report.write_text(edited_copy(seed("000").read_text(encoding="utf-8")), encoding="utf-8")
    code, found, _ = lint(cli, "--corpus", corpus, report)
    assert code == 1
    passages = [f for f in found if f["code"] == "DP001"]
    assert len(passages) >= 5
    assert all(seed("000").name in f["message"] for f in passages)
    # the swapped paragraphs point at their own source lines
    by_line = {f["line"]: f["message"] for f in passages}
    assert "第 5 行" in by_line[4] and "第 4 行" in by_line[5]
    share = [f for f in found if f["code"] == "DP002"]
    assert len(share) == 1 and share[0]["match"] == ""
    assert (corpus / ".shuzhi-index.sqlite").is_file()


def test_unrelated_report_is_not_flagged(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in SEED_FILES:
        shutil.copy(p, corpus / p.name)
    for name in ("clean_2024_headed.txt", "clean_2023_headingless.txt"):
        code, found, _ = lint(cli, "--corpus", corpus, REPORTS / name)
        assert found == [], name


def test_index_follows_corpus_changes(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed("001"), corpus / "a.txt")
    code, out, _ = cli("--build-index", corpus)
    assert code == 0 and "1 份文档" in out
    report = tmp_path / "r.txt"
    shutil.copy(seed("003"), report)
    _, found, _ = lint(cli, "--corpus", corpus, report)
    assert found == []
    shutil.copy(seed("003"), corpus / "b.txt")  # a new corpus file is picked up without a rebuild
    _, found, _ = lint(cli, "--corpus", corpus, report)
    assert any(f["code"] == "DP001" and "b.txt" in f["message"] for f in found)
    (corpus / "b.txt").unlink()
    _, found, _ = lint(cli, "--corpus", corpus, report)
    assert found == []


def test_last_year_report_auto_detected(cli, tmp_path):
    this = seed("003").read_text(encoding="utf-8")
    last = this.replace("2023年", "2022年").replace("2022年述职反馈", "2021年述职反馈")
    (tmp_path / "张三2022年述职报告.txt").write_text(last, encoding="utf-8")
    (tmp_path / "张三2023年述职报告.txt").write_text(this, encoding="utf-8")
    code, out, err = cli("--format", "json", "--select", "DP003,CR007", tmp_path / "张三2023年述职报告.txt")
    found = json.loads(out)
    copied = [f for f in found if f["code"] == "DP003"]
    assert copied and all("张三2022年述职报告.txt" in f["message"] for f in copied)
    assert any("履职情况" in f["message"] for f in copied)
    # of last year's three problems, the rectification part speaks only of the 党建品牌 one
    unaddressed = [f["message"] for f in found if f["code"] == "CR007"]
    assert len(unaddressed) == 2
    assert any("不平均衡" in m for m in unaddressed) and any("宣传" in m for m in unaddressed)


def test_near_duplicates_in_a_batch(cli, tmp_path):
    shutil.copy(seed("000"), tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text(edited_copy(seed("000").read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copy(seed("002"), tmp_path / "c.txt")
    code, found, _ = lint(cli, tmp_path)
    dp4 = sorted((f["path"].rsplit("/", 1)[-1], f["message"]) for f in found if f["code"] == "DP004")
    assert [p for p, _ in dp4] == ["a.txt", "b.txt"]
    assert "b.txt" in dp4[0][1] and "a.txt" in dp4[1][1]
    _, text, _ = cli("--select", "DP", tmp_path)
    assert f"相互雷同的报告（1 组）：{tmp_path / 'a.txt'}、{tmp_path / 'b.txt'}（2 份）。" in text
