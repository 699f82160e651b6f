"""Import errors name the row and the column in the reader's language."""

from __future__ import annotations

from django.utils import translation

from yinling.core.tabular import RowError


def test_a_row_error_names_row_and_column_in_chinese() -> None:
    assert str(RowError(3, "成绩", "缺少数据")) == "第 3 行“成绩”列：缺少数据"


def test_a_row_error_without_a_column_names_the_row() -> None:
    assert str(RowError(5, "", "整行为空")) == "第 5 行：整行为空"


def test_a_row_error_reads_as_english_in_english() -> None:
    with translation.override("en"):
        assert str(RowError(3, "score", "missing")) == "Row 3, column “score”: missing"


def test_a_row_error_names_the_sheet_first_when_the_workbook_has_several() -> None:
    error = RowError(4, "专家账号", "没有这个专家", sheet="评审分配")
    assert str(error) == "“评审分配”表第 4 行“专家账号”列：没有这个专家"


def test_a_row_error_names_the_sheet_in_english_too() -> None:
    with translation.override("en"):
        assert str(RowError(4, "expert", "unknown", sheet="Assignments")) == (
            "Sheet “Assignments”, row 4, column “expert”: unknown"
        )
