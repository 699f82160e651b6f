"""Reading CSV / XLSX / Parquet score files and writing result files."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from openpyxl import Workbook, load_workbook

from yinling.stats import fit_value_added, read_scores
from yinling.stats.errors import InputFileError, InvalidOptionError
from yinling.stats.outputs import write_models_json, write_result

ROWS = [
    ("P1", "0012", 71.5, 80.0, "F"),
    ("P2", "0012", 64.0, "缺考", "M"),
    ("P3", "0100", 58.0, 66.5, "F"),
]


def _frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "student_id": [r[0] for r in ROWS],
            "school_id": [r[1] for r in ROWS],
            "prior": [r[2] for r in ROWS],
            "score": [str(r[3]) for r in ROWS],
            "gender": [r[4] for r in ROWS],
        }
    )


def test_csv_keeps_leading_zeros_in_school_codes(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    _frame().write_csv(path)
    assert read_scores(path).get_column("school_id").to_list() == ["0012", "0012", "0100"]


def test_csv_in_gb18030_from_chinese_excel_is_read(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    text = "学号,学校,入口,出口\nP1,0012,71.5,缺考\n"
    path.write_bytes(text.encode("gb18030"))
    frame = read_scores(
        path, rename={"学号": "student_id", "学校": "school_id", "入口": "prior", "出口": "score"}
    )
    assert frame.row(0) == ("P1", "0012", 71.5, "缺考")


def test_column_mapping_renames_to_the_canonical_names(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    _frame().rename({"school_id": "学校代码"}).write_csv(path)
    frame = read_scores(path, rename={"学校代码": "school_id"})
    assert frame.get_column("school_id").to_list() == ["0012", "0012", "0100"]


def test_xlsx_is_read_with_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "scores.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["student_id", "school_id", "prior", "score", "gender"])
    for row in ROWS:
        sheet.append(list(row))
    workbook.save(path)
    frame = read_scores(path)
    assert frame.get_column("school_id").to_list() == ["0012", "0012", "0100"]
    assert frame.get_column("prior").dtype == pl.Float64
    assert frame.get_column("score").to_list() == ["80", "缺考", "66.5"]  # mixed: text


def test_parquet_is_read(tmp_path: Path) -> None:
    path = tmp_path / "scores.parquet"
    _frame().write_parquet(path)
    assert read_scores(path).equals(_frame())


def test_an_unsupported_file_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scores.xls"
    path.write_bytes(b"not really")
    with pytest.raises(InputFileError, match=".xls"):
        read_scores(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="does not exist"):
        read_scores(tmp_path / "nope.csv")


def test_a_corrupt_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scores.xlsx"
    path.write_bytes(b"PK not a zip")
    with pytest.raises(InputFileError):
        read_scores(path)


@pytest.fixture(scope="module")
def result(small_frame: pl.DataFrame):
    return fit_value_added(small_frame, model="ri")


def test_csv_results_carry_a_bom_so_excel_shows_chinese(tmp_path: Path, result) -> None:
    path = write_result(result, tmp_path / "out.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfschool_id,n,estimate,se,ci_low,ci_high,band")
    assert pl.read_csv(path).height == result.schools.height


def test_xlsx_results_have_a_schools_and_a_models_sheet(tmp_path: Path, result) -> None:
    path = write_result(result, tmp_path / "out.xlsx")
    workbook = load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["schools", "models"]
    header = next(workbook["schools"].iter_rows(values_only=True))
    assert list(header[:7]) == ["school_id", "n", "estimate", "se", "ci_low", "ci_high", "band"]


def test_xlsx_never_turns_a_school_code_into_a_formula(
    tmp_path: Path, small_frame: pl.DataFrame
) -> None:
    frame = small_frame.with_columns(
        pl.when(pl.col("school_id") == "S00000")
        .then(pl.lit("=1+1"))
        .otherwise(pl.col("school_id"))
        .alias("school_id")
    )
    path = write_result(fit_value_added(frame, model="ri"), tmp_path / "out.xlsx")
    codes = [
        row[0] for row in load_workbook(path)["schools"].iter_rows(min_row=2, values_only=True)
    ]
    assert "=1+1" in codes


def test_parquet_results_round_trip(tmp_path: Path, result) -> None:
    path = write_result(result, tmp_path / "out.parquet")
    assert pl.read_parquet(path).equals(result.schools)


def test_an_unknown_output_type_is_refused(tmp_path: Path, result) -> None:
    with pytest.raises(InvalidOptionError):
        write_result(result, tmp_path / "out.txt")


def test_model_summaries_are_written_as_json(tmp_path: Path, result) -> None:
    import json

    path = write_models_json(result.models, tmp_path / "models.json")
    [model] = json.loads(path.read_text(encoding="utf-8"))
    assert model["model"] == "ri"
    assert [effect["name"] for effect in model["fixed_effects"]] == ["(Intercept)", "prior"]
    assert set(model["variance_components"]) == {"school", "residual"}


def test_number_columns_are_read_as_floats_and_text_in_them_falls_back(tmp_path: Path) -> None:
    numeric = tmp_path / "numeric.csv"
    numeric.write_text("student_id,school_id,prior,score\nP1,0012,71,80\nP2,0012,64.5,\n")
    frame = read_scores(numeric, number_columns=("prior", "score"))
    assert frame.schema["prior"] == pl.Float64 and frame.schema["score"] == pl.Float64
    assert frame.get_column("score").to_list() == [80.0, None]
    absent = tmp_path / "absent.csv"
    absent.write_text("student_id,school_id,prior,score\nP1,0012,71,80\nP2,0012,64.5,缺考\n")
    frame = read_scores(absent, number_columns=("prior", "score"))
    assert frame.get_column("score").to_list() == ["80", "缺考"]


def test_padded_numbers_in_text_count_as_numbers(small_frame: pl.DataFrame) -> None:
    padded = small_frame.with_columns(
        pl.when(pl.int_range(pl.len()) < 20)
        .then(pl.lit("缺考"))
        .otherwise(" " + pl.col("score").cast(pl.String) + " ")
        .alias("score")
    )
    assert fit_value_added(padded, model="ri").model.n_students == small_frame.height - 20
