"""`yinling parse_policy` hands its arguments to the policytext engine's command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from yinling.core.demo import seed_path
from yinling.plans.management.commands.parse_policy import Command


def test_it_prints_the_breakdown_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    Command().run_from_argv(["yinling", "parse_policy", str(seed_path("004")), "--format", "json"])
    breakdown = json.loads(capsys.readouterr().out)
    assert breakdown["doc_number"] == "闵委发〔2023〕6号"
    paths = [item["path"] for item in breakdown["items"]]
    assert "五/（十二）/25" in paths


def test_it_writes_the_xlsx_breakdown(tmp_path: Path) -> None:
    out = tmp_path / "breakdown.xlsx"
    Command().run_from_argv(
        ["yinling", "parse_policy", str(seed_path("002")), "--format", "xlsx", "-o", str(out)]
    )
    sheet = load_workbook(out).active
    headers = [c for row in sheet.iter_rows(max_row=3, values_only=True) for c in row]
    assert "牵头部门" in headers and "配合部门" in headers


def test_a_missing_file_exits_with_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["yinling", "parse_policy", "/nonexistent/plan.txt"])
    assert exit_.value.code != 0
