"""One pipeline: the command line (streamed and listed output) and the Python API all take their
results from ``Session.results()``."""

from __future__ import annotations

import pytest

from conftest import SEED_FILES
from shuzhi_lint import api, cli
from shuzhi_lint.errors import LintError
from shuzhi_lint.options import RunOptions
from shuzhi_lint.session import Session


@pytest.fixture
def calls(monkeypatch):
    seen = []
    original = Session.results

    def counted(self, documents=None):
        seen.append("documents" if documents is not None else self.options.format)
        return original(self, documents)

    monkeypatch.setattr(Session, "results", counted)
    return seen


def test_the_api_lints_through_the_session(calls):
    findings = api.lint_text("召开会议x次。\n", select=["PH"])
    assert [f.code for f in findings] == ["PH001"]
    batch = api.lint_batch({"a.txt": "召开会议x次。\n", "b.txt": "召开会议3次。\n"}, select=["PH"])
    assert [f.code for f in batch["a.txt"]] == ["PH001"] and batch["b.txt"] == []
    assert calls == ["documents", "documents"]


@pytest.mark.parametrize("argv", [["--format", "json"], ["--format", "junit"], ["--outline"], ["--diff"]],
                         ids=["streamed", "listed", "outline", "diff"])
def test_every_cli_path_takes_its_results_from_the_session(calls, capsys, argv):
    cli.main([*argv, "--jobs", "1", str(SEED_FILES[0])])
    assert len(calls) == 1


def test_inputs_are_checked_before_the_first_result(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    empty = tmp_path / "empty"
    empty.mkdir()
    session = Session(None, RunOptions(paths=(str(empty),)))
    with pytest.raises(LintError):
        session.results()  # raised by the call, before anything is iterated or written


def test_a_given_configuration_is_used_for_every_input(tmp_path):
    from shuzhi_lint.config import Config

    (tmp_path / ".shuzhi-lint.yaml").write_text("select: [ST]\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("召开会议x次。\n", encoding="utf-8")
    from_file = list(Session(None, RunOptions(paths=(str(report),))).results())
    given = list(Session(None, RunOptions(paths=(str(report),)), config=Config(select=["PH"])).results())
    assert "PH001" not in {f.code for f in from_file[0].findings}
    assert {f.code for f in given[0].findings} == {"PH001"}
