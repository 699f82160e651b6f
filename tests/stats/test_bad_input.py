"""Input that cannot support a trustworthy estimate raises a clear ValueAddedError."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from yinling.stats import fit_value_added
from yinling.stats.errors import (
    ALL_ERRORS,
    CollinearDesignError,
    ConstantScoresError,
    DegenerateFitError,
    DuplicateStudentError,
    GroupsTooSmallError,
    InconsistentStudentError,
    InvalidOptionError,
    MissingColumnError,
    MissingIdentifierError,
    NoPriorScoresError,
    SingleSchoolError,
    ValueAddedError,
)


def test_it_refuses_data_where_most_students_have_no_prior(small_frame: pl.DataFrame) -> None:
    frame = small_frame.with_columns(
        pl.when(pl.int_range(pl.len()) % 5 == 0)
        .then(pl.col("prior"))
        .otherwise(None)
        .alias("prior")
    )
    with pytest.raises(NoPriorScoresError, match="VA010"):
        fit_value_added(frame, model="ri")


def test_it_refuses_a_single_school(small_frame: pl.DataFrame) -> None:
    frame = small_frame.with_columns(pl.lit("S1").alias("school_id"))
    with pytest.raises(SingleSchoolError):
        fit_value_added(frame, model="ri")


def test_it_refuses_when_only_one_school_has_usable_priors(small_frame: pl.DataFrame) -> None:
    frame = small_frame.with_columns(
        pl.when(pl.col("school_id") == "S00000")
        .then(pl.col("prior"))
        .otherwise(None)
        .alias("prior")
    )
    with pytest.raises(ValueAddedError):  # NoPriorScores first: most students lack a prior
        fit_value_added(frame, model="ri")
    with pytest.raises(SingleSchoolError):
        fit_value_added(frame, model="ri", min_prior_coverage=0.0)


def test_it_refuses_constant_current_scores(small_frame: pl.DataFrame) -> None:
    with pytest.raises(ConstantScoresError, match="score"):
        fit_value_added(small_frame.with_columns(pl.lit(80.0).alias("score")), model="ri")


def test_it_refuses_constant_prior_scores(small_frame: pl.DataFrame) -> None:
    with pytest.raises(ConstantScoresError, match="prior"):
        fit_value_added(small_frame.with_columns(pl.lit(80.0).alias("prior")), model="ols")


def test_it_refuses_when_every_school_is_too_small_to_report(small_frame: pl.DataFrame) -> None:
    frame = small_frame.with_columns(
        (pl.int_range(pl.len()) // 5).cast(pl.String).alias("school_id")
    )
    with pytest.raises(GroupsTooSmallError):
        fit_value_added(frame, model="ri")


def test_it_refuses_one_student_per_school(small_frame: pl.DataFrame) -> None:
    frame = small_frame.with_columns(pl.col("student_id").alias("school_id"))
    with pytest.raises(GroupsTooSmallError):
        fit_value_added(frame, model="ri", suppress_below=1, min_n=1)


def test_it_refuses_a_constant_covariate(small_frame: pl.DataFrame) -> None:
    with pytest.raises(CollinearDesignError, match="ses"):
        fit_value_added(
            small_frame.with_columns(pl.lit(1.0).alias("ses")), model="cva", covariates=["ses"]
        )


def test_it_refuses_collinear_covariates(small_frame: pl.DataFrame) -> None:
    frame = small_frame.with_columns((2 * pl.col("ses") + 1).alias("ses2"))
    with pytest.raises(CollinearDesignError, match="ses"):
        fit_value_added(frame, model="ols", covariates=["ses", "ses2"])


def test_it_refuses_scores_that_are_an_exact_function_of_the_prior(
    small_frame: pl.DataFrame,
) -> None:
    frame = small_frame.with_columns((pl.col("prior") * 1.5 + 3).alias("score"))
    with pytest.raises(DegenerateFitError):
        fit_value_added(frame, model="ri")


def test_it_names_a_missing_column(small_frame: pl.DataFrame) -> None:
    with pytest.raises(MissingColumnError, match="prior"):
        fit_value_added(small_frame.drop("prior"), model="ri")


def test_it_refuses_an_empty_frame(small_frame: pl.DataFrame) -> None:
    with pytest.raises(MissingColumnError):
        fit_value_added(small_frame.head(0), model="ri")


def test_it_refuses_rows_without_a_school(small_frame: pl.DataFrame) -> None:
    frame = small_frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 3)
        .then(None)
        .otherwise(pl.col("school_id"))
        .alias("school_id")
    )
    with pytest.raises(MissingIdentifierError, match="school_id"):
        fit_value_added(frame, model="ri")


def test_it_refuses_a_student_listed_twice(small_frame: pl.DataFrame) -> None:
    with pytest.raises(DuplicateStudentError):
        fit_value_added(pl.concat([small_frame, small_frame.head(1)]), model="ri")


def test_it_refuses_a_student_in_two_schools_across_subjects(small_frame: pl.DataFrame) -> None:
    maths = small_frame.with_columns(pl.lit("maths").alias("subject"))
    chinese = small_frame.with_columns(
        pl.lit("chinese").alias("subject"),
        pl.when(pl.int_range(pl.len()) == 0)
        .then(pl.lit("S00001"))
        .otherwise(pl.col("school_id"))
        .alias("school_id"),
    )
    with pytest.raises(InconsistentStudentError, match="more than one school"):
        fit_value_added(pl.concat([maths, chinese]), model="ri", subject_col="subject")


@pytest.mark.parametrize(
    "options",
    [
        {"model": "fixed"},
        {"model": "ri", "band_cutoffs": (1.96, 1.0)},
        {"model": "ri", "band_cutoffs": (0.0, 1.96)},
        {"model": "ri", "suppress_below": 40, "min_n": 30},
        {"model": "ri", "min_prior_coverage": 1.5},
        {"model": "ri", "covariates": ["prior"]},
    ],
)
def test_it_refuses_invalid_options(small_frame: pl.DataFrame, options: dict) -> None:
    with pytest.raises(InvalidOptionError):
        fit_value_added(small_frame, **options)


def test_a_subject_may_not_be_called_combined(small_frame: pl.DataFrame) -> None:
    frame = pl.concat(
        [small_frame.with_columns(pl.lit(s).alias("subject")) for s in ("maths", "combined")]
    )
    with pytest.raises(InvalidOptionError, match="combined"):
        fit_value_added(frame, model="ri", subject_col="subject")


def test_a_subject_error_names_the_subject(small_frame: pl.DataFrame) -> None:
    maths = small_frame.with_columns(pl.lit("maths").alias("subject"))
    flat = small_frame.with_columns(pl.lit("art").alias("subject"), pl.lit(5.0).alias("score"))
    with pytest.raises(ConstantScoresError, match="art"):
        fit_value_added(pl.concat([maths, flat]), model="ri", subject_col="subject")


def test_every_error_has_a_stable_code_and_a_bilingual_message() -> None:
    codes = [error.code for error in ALL_ERRORS]
    assert len(set(codes)) == len(codes)
    for error in ALL_ERRORS:
        assert error.code.startswith("VA")
        assert "（" in error.message and error.message.endswith("）")
        assert str(error("detail")) == f"[{error.code}] {error.message}: detail"


def test_non_numeric_scores_such_as_absent_count_as_missing(small_frame: pl.DataFrame) -> None:
    frame = small_frame.with_columns(
        pl.when(pl.int_range(pl.len()) < 20)
        .then(pl.lit("缺考"))
        .otherwise(pl.col("score").cast(pl.String))
        .alias("score")
    )
    result = fit_value_added(frame, model="ri")
    assert result.model.n_students == small_frame.height - 20
    assert np.isfinite(result.model.variance_components["school"])


def test_school_codes_are_trimmed_before_schools_are_grouped(small_frame: pl.DataFrame) -> None:
    padded = small_frame.with_columns(
        pl.when(pl.int_range(pl.len()) % 2 == 0)
        .then(" " + pl.col("school_id") + "\u3000")
        .otherwise(pl.col("school_id"))
        .alias("school_id")
    )
    expected = fit_value_added(small_frame, model="ri").schools
    assert fit_value_added(padded, model="ri").schools.equals(expected)


def test_student_ids_differing_only_in_white_space_are_duplicates(
    small_frame: pl.DataFrame,
) -> None:
    twin = small_frame.head(1).with_columns(pl.col("student_id") + " ")
    with pytest.raises(DuplicateStudentError):
        fit_value_added(pl.concat([small_frame, twin]), model="ri")


def test_a_blank_school_code_is_a_missing_school(small_frame: pl.DataFrame) -> None:
    frame = small_frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 3)
        .then(pl.lit("  "))
        .otherwise(pl.col("school_id"))
        .alias("school_id")
    )
    with pytest.raises(MissingIdentifierError, match="school_id"):
        fit_value_added(frame, model="ri")
