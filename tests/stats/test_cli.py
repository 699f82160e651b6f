"""``value_added`` on the command line: files in, files out, clear failures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from yinling.stats.cli import EXIT_DATA, EXIT_NOT_CONVERGED, EXIT_OK, EXIT_USAGE, main
from yinling.stats.simulate import simulate_scores


@pytest.fixture(scope="module")
def scores_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "scores.csv"
    simulate_scores(3_000, 60, seed=9).frame.write_csv(path)
    return path


def test_it_writes_one_row_per_school_with_the_leading_columns(
    scores_csv: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    assert main(["--input", str(scores_csv), "--model", "ri", "-o", str(out)]) == EXIT_OK
    table = pl.read_csv(out)
    assert table.height == 60
    assert table.columns[:7] == ["school_id", "n", "estimate", "se", "ci_low", "ci_high", "band"]


def test_it_fits_cva_with_covariates_and_writes_xlsx_and_json(
    scores_csv: Path, tmp_path: Path
) -> None:
    argv = ["--input", str(scores_csv), "--model", "cva", "--covariates", "gender,ses"]
    argv += ["-o", str(tmp_path / "out.xlsx"), "--models-json", str(tmp_path / "m.json")]
    assert main(argv) == EXIT_OK
    assert (tmp_path / "out.xlsx").stat().st_size > 0
    assert "school_mean_prior" in (tmp_path / "m.json").read_text(encoding="utf-8")


def test_column_names_and_thresholds_come_from_options(scores_csv: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.csv"
    pl.read_csv(scores_csv).rename(
        {"school_id": "xx", "prior": "入口", "score": "出口", "student_id": "id"}
    ).write_csv(renamed)
    out = tmp_path / "out.csv"
    argv = ["--input", str(renamed), "--model", "ols", "--school-col", "xx", "--prior-col", "入口"]
    argv += ["--score-col", "出口", "--student-col", "id", "--min-n", "100", "-o", str(out)]
    assert main(argv) == EXIT_OK
    assert "small" in pl.read_csv(out).get_column("status").to_list()


def test_the_same_numbers_as_the_python_api(scores_csv: Path, tmp_path: Path) -> None:
    from yinling.stats import fit_value_added, read_scores

    out = tmp_path / "out.csv"
    main(["--input", str(scores_csv), "--model", "ri", "-o", str(out)])
    expected = fit_value_added(read_scores(scores_csv), model="ri").schools
    np.testing.assert_allclose(
        pl.read_csv(out).get_column("estimate"), expected.get_column("estimate")
    )


def test_bad_data_prints_the_error_to_stderr_and_returns_non_zero(
    scores_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "--input",
        str(scores_csv),
        "--model",
        "ri",
        "--prior-col",
        "missing",
        "-o",
        str(tmp_path / "o.csv"),
    ]
    assert main(argv) == EXIT_DATA
    assert "VA002" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_a_bad_command_line_returns_the_usage_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--model", "nonsense"]) == EXIT_USAGE
    assert "usage" in capsys.readouterr().err


def test_an_unknown_output_type_is_refused_before_any_work(
    scores_csv: Path, tmp_path: Path
) -> None:
    assert (
        main(["--input", str(scores_csv), "--model", "ri", "-o", str(tmp_path / "o.txt")])
        == EXIT_USAGE
    )


def test_a_model_that_did_not_converge_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = np.random.default_rng(1)
    frame = simulate_scores(600, 20, seed=1).frame
    effects = rng.normal(0, 10, 20)[
        frame.get_column("school_id").str.slice(1).cast(pl.Int64).to_numpy()
    ]
    frame = frame.with_columns(
        (pl.col("prior") + effects + rng.normal(0, 0.01, frame.height)).alias("score")
    )
    source, out = tmp_path / "in.parquet", tmp_path / "out.csv"
    frame.write_parquet(source)
    assert main(["--input", str(source), "--model", "ri", "-o", str(out)]) == EXIT_NOT_CONVERGED
    assert "VA030" in capsys.readouterr().err
    assert not out.exists()


def test_it_runs_as_a_module(scores_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "yinling.stats.cli",
            "--input",
            str(scores_csv),
            "--model",
            "ols",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert out.exists()


def test_text_in_a_score_column_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = simulate_scores(400, 8, seed=3).frame.with_columns(pl.col("score").cast(pl.String))
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 4)
        .then(pl.lit("优"))
        .otherwise(pl.col("score"))
        .alias("score")
    )
    path = tmp_path / "scores.csv"
    frame.write_csv(path)
    assert main(["--input", str(path), "--model", "ols", "-o", str(tmp_path / "o.csv")]) == 0
    assert "score: 1 entry is not a number and counted as missing ('优'; line 6)" in (
        capsys.readouterr().err
    )


def test_a_clean_file_prints_no_note(
    scores_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--input", str(scores_csv), "--model", "ols", "-o", str(tmp_path / "o.csv")])
    assert "note" not in capsys.readouterr().err
