"""The parse_policy command line (wrapped by the Django management command)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.policytext.helpers import seed_path
from yinling.policytext.cli import main


def test_it_prints_json_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(seed_path("002"))]) == 0
    assert json.loads(capsys.readouterr().out)["doc_number"] == "宝教〔2023〕43号"


def test_it_writes_markdown_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    assert main([str(seed_path("001")), "--format", "md", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# 上海市教育委员会关于印发")


def test_it_writes_the_task_breakdown_workbook(tmp_path: Path) -> None:
    out = tmp_path / "tasks.xlsx"
    assert main([str(seed_path("004")), "--format", "xlsx", "-o", str(out)]) == 0
    assert load_workbook(out).active["A3"].value == "序号"


def test_xlsx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(seed_path("004")), "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err


def test_a_document_without_items_fails_with_the_parse_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "note.txt"
    empty.write_text("关于放假的通知\n请各单位做好安排。", encoding="utf-8")
    assert main([str(empty)]) == 1
    assert "未找到编号条目" in capsys.readouterr().err


def test_a_missing_file_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


def test_bad_arguments_return_the_usage_status() -> None:
    assert main(["--format", "csv", "x.txt"]) == 2
