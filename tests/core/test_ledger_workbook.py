"""Ledger workbooks (台账): one sheet or several, each in the house style."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from yinling.core.tabular import LedgerSheet, ledger_workbook, ledger_workbook_sheets, read_xlsx


def _load(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))


def _two_sheets() -> bytes:
    return ledger_workbook_sheets(
        [
            LedgerSheet(name="申报", headers=["编号", "所属领域"], rows=[["SB-00001", "德育"]]),
            LedgerSheet(name="评审", headers=["编号", "结论"], rows=[["PS-00001", "同意"]]),
        ]
    )


def test_sheets_are_written_in_the_given_order_under_their_names() -> None:
    assert _load(_two_sheets()).sheetnames == ["申报", "评审"]


def test_a_sheet_without_a_title_has_its_header_on_the_first_row_frozen_below_it() -> None:
    sheet = _load(_two_sheets())["评审"]
    assert [cell.value for cell in sheet[1]] == ["编号", "结论"]
    assert [cell.value for cell in sheet[2]] == ["PS-00001", "同意"]
    assert sheet.freeze_panes == "A2"


def test_a_sheet_without_a_title_reads_back_as_an_import_would() -> None:
    imported = read_xlsx(io.BytesIO(_two_sheets()), sheet_name="评审")
    assert imported.headers == ["编号", "结论"]
    assert imported.rows == [(2, {"编号": "PS-00001", "结论": "同意"})]


def test_a_sheet_with_a_title_puts_it_above_the_header_and_freezes_below_the_header() -> None:
    content = ledger_workbook_sheets(
        [LedgerSheet(name="汇总", title="申报汇总", headers=["编号"], rows=[["SB-00001"]])]
    )
    sheet = _load(content)["汇总"]
    assert [sheet["A1"].value, sheet["A2"].value, sheet["A3"].value] == [
        "申报汇总",
        "编号",
        "SB-00001",
    ]
    assert sheet["A1"].font.bold and sheet["A1"].font.size == 16
    assert sheet.freeze_panes == "A3"


def test_editable_columns_have_a_yellow_header_and_the_others_the_house_blue() -> None:
    content = ledger_workbook_sheets(
        [LedgerSheet(name="申报", headers=["编号", "所属领域"], rows=[], editable={"所属领域"})]
    )
    sheet = _load(content)["申报"]
    assert sheet["A1"].fill.fgColor.rgb.endswith("DDE6F0")
    assert sheet["B1"].fill.fgColor.rgb.endswith("FFF4D6")


def test_every_cell_is_in_the_official_font_with_a_border() -> None:
    sheet = _load(_two_sheets())["申报"]
    for cell in (sheet["A1"], sheet["B2"]):
        assert cell.font.name == "仿宋"
        assert cell.border.left.style == "thin"
    assert sheet["A1"].font.bold and not sheet["B2"].font.bold


def test_column_widths_are_the_given_ones_or_eighteen() -> None:
    content = ledger_workbook_sheets(
        [
            LedgerSheet(name="宽", headers=["甲", "乙"], rows=[], widths=[10, 40]),
            LedgerSheet(name="默认", headers=["甲"], rows=[]),
        ]
    )
    workbook = _load(content)
    assert [workbook["宽"].column_dimensions[c].width for c in "AB"] == [10, 40]
    assert workbook["默认"].column_dimensions["A"].width == 18


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised_on_every_sheet() -> None:
    content = ledger_workbook_sheets(
        [
            LedgerSheet(name="一", headers=["值"], rows=[["=1+1"]]),
            LedgerSheet(name="二", headers=["值"], rows=[["@SUM(A1)"]], title="=HYPERLINK()"),
        ]
    )
    workbook = _load(content)
    assert workbook["一"]["A2"].value == "'=1+1"
    assert workbook["二"]["A1"].value == "'=HYPERLINK()"
    assert workbook["二"]["A3"].value == "'@SUM(A1)"


def test_a_sheet_name_is_cut_to_excels_limit_of_31_characters() -> None:
    content = ledger_workbook_sheets([LedgerSheet(name="表" * 40, headers=["值"], rows=[])])
    assert _load(content).sheetnames == ["表" * 31]


def test_rows_may_be_a_generator() -> None:
    content = ledger_workbook_sheets(
        [LedgerSheet(name="表", headers=["值"], rows=([n] for n in range(3)))]
    )
    assert [row[0].value for row in _load(content)["表"].iter_rows(min_row=2)] == [0, 1, 2]


def test_the_one_sheet_ledger_is_a_titled_ledger_sheet() -> None:
    one = _load(
        ledger_workbook(
            title="台账", headers=["甲", "乙"], rows=[[1, "x"]], widths=[9, 30], sheet_title="表"
        )
    )["表"]
    assert [[cell.value for cell in row] for row in one.iter_rows()] == [
        ["台账", None],
        ["甲", "乙"],
        [1, "x"],
    ]
    assert one.freeze_panes == "A3"
    assert [one.column_dimensions[c].width for c in "AB"] == [9, 30]


def test_a_printed_sheet_fits_landscape_a4_across_and_repeats_its_header() -> None:
    content = ledger_workbook(title="任务分解表", headers=["序号", "任务"], rows=[[1, "甲"]])
    sheet = _load(content).active
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
        "landscape",
        9,  # A4
        1,
        0,
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$2:$2"  # the header, below the title row


def test_a_printed_sheet_numbers_its_pages_in_the_footer() -> None:
    sheet = _load(_two_sheets())["申报"]
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
