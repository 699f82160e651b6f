"""Per-subject fits, the combined (student composite) fit, and cohorts."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from yinling.stats import COMBINED, fit_value_added
from yinling.stats.simulate import simulate_scores


@pytest.fixture(scope="module")
def two_subjects() -> pl.DataFrame:
    base = simulate_scores(2_000, 40, seed=3).frame
    rng = np.random.default_rng(3)
    chinese = base.with_columns(
        pl.lit("chinese").alias("subject"),
        (pl.col("prior") * 1.2 + 5 + pl.Series(rng.normal(0, 6, base.height))).alias("prior"),
        (pl.col("score") * 0.8 + pl.Series(rng.normal(0, 6, base.height))).alias("score"),
    )
    return pl.concat([base.with_columns(pl.lit("maths").alias("subject")), chinese])


@pytest.fixture(scope="module")
def result(two_subjects: pl.DataFrame):
    return fit_value_added(two_subjects, model="ri", subject_col="subject")


def _composite(frame: pl.DataFrame) -> pl.DataFrame:
    def z(column: str) -> pl.Expr:
        return ((pl.col(column) - pl.col(column).mean()) / pl.col(column).std()).over("subject")

    return (
        frame.with_columns(z("prior"), z("score"))
        .group_by("student_id")
        .agg(pl.col("school_id").first(), pl.col("prior").mean(), pl.col("score").mean())
    )


def test_it_fits_each_subject_and_the_combined_composite(result) -> None:
    assert [m.subject for m in result.models] == ["chinese", "maths", COMBINED]
    assert result.schools.group_by("subject").len().sort("subject").get_column("len").to_list() == [
        40,
        40,
        40,
    ]


def test_the_model_property_is_the_combined_model(result) -> None:
    assert result.model.subject == COMBINED


def test_each_subject_matches_a_fit_on_that_subject_alone(two_subjects, result) -> None:
    alone = fit_value_added(
        two_subjects.filter(pl.col("subject") == "maths").drop("subject"), model="ri"
    )
    maths = result.schools.filter(pl.col("subject") == "maths")
    np.testing.assert_allclose(maths.get_column("estimate"), alone.schools.get_column("estimate"))


def test_combined_is_the_model_on_each_students_mean_standardised_scores(
    two_subjects, result
) -> None:
    expected = fit_value_added(_composite(two_subjects), model="ri").schools
    combined = result.schools.filter(pl.col("subject") == COMBINED)
    np.testing.assert_allclose(
        combined.get_column("estimate"), expected.get_column("estimate"), rtol=1e-9
    )
    np.testing.assert_allclose(combined.get_column("se"), expected.get_column("se"), rtol=1e-9)


def test_combined_estimates_are_already_in_sd_units(result) -> None:
    combined = result.schools.filter(pl.col("subject") == COMBINED)
    assert result.model.score_sd == 1.0
    np.testing.assert_allclose(combined.get_column("estimate_sd"), combined.get_column("estimate"))


def test_combined_counts_students_not_student_subject_rows(result) -> None:
    assert result.model.n_students == 2_000


def test_cohorts_are_analysed_separately(two_subjects: pl.DataFrame) -> None:
    frame = pl.concat(
        [
            two_subjects.with_columns(pl.lit("2024").alias("year")),
            two_subjects.with_columns(
                pl.lit("2025").alias("year"), ("N" + pl.col("student_id")).alias("student_id")
            ),
        ]
    )
    result = fit_value_added(frame, model="ols", subject_col="subject", cohort_col="year")
    assert [(m.cohort, m.subject) for m in result.models] == [
        ("2024", "chinese"),
        ("2024", "maths"),
        ("2024", COMBINED),
        ("2025", "chinese"),
        ("2025", "maths"),
        ("2025", COMBINED),
    ]
    assert result.schools.height == 6 * 40
    first, second = (
        result.schools.filter(pl.col("cohort") == year).get_column("estimate")
        for year in ("2024", "2025")
    )
    np.testing.assert_allclose(first, second)


def test_a_single_model_result_needs_models_to_list_several(two_subjects: pl.DataFrame) -> None:
    frame = pl.concat(
        [two_subjects.with_columns(pl.lit(year).alias("year")) for year in ("2024", "2025")]
    ).with_columns((pl.col("year") + pl.col("student_id")).alias("student_id"))
    result = fit_value_added(frame, model="ols", subject_col="subject", cohort_col="year")
    with pytest.raises(Exception, match="models"):
        _ = result.model
