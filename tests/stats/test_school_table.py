"""The per-school table: counts, suppression, bands, companions, and no ranks."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from yinling.stats import BAND_LABELS, fit_value_added
from yinling.stats.simulate import simulate_scores

LEADING = ["school_id", "n", "estimate", "se", "ci_low", "ci_high", "band"]
ESTIMATES = ["estimate", "se", "ci_low", "ci_high", "band", "z", "reliability", "raw_residual"]


@pytest.fixture(scope="module")
def mixed_sizes() -> pl.DataFrame:
    """30 schools of 60, plus S_small (20 students) and S_tiny (6 students)."""
    frame = simulate_scores(1_800, 30, seed=7, min_size=60).frame
    extra = simulate_scores(120, 2, seed=8, min_size=60).frame
    extra = pl.concat(
        [
            extra.filter(pl.col("school_id") == "S00000")
            .head(6)
            .with_columns(school_id=pl.lit("S_tiny")),
            extra.filter(pl.col("school_id") == "S00001")
            .head(20)
            .with_columns(school_id=pl.lit("S_small")),
        ]
    ).with_columns(("X" + pl.col("student_id")).alias("student_id"))
    return pl.concat([frame, extra])


@pytest.fixture(scope="module")
def ri_table(mixed_sizes: pl.DataFrame) -> pl.DataFrame:
    return fit_value_added(mixed_sizes, model="ri").schools


def _row(table: pl.DataFrame, school: str) -> dict:
    return table.filter(pl.col("school_id") == school).row(0, named=True)


def test_it_starts_with_the_columns_the_product_relies_on(ri_table: pl.DataFrame) -> None:
    assert ri_table.columns[:7] == LEADING


def test_it_has_no_rank_column_anywhere(ri_table: pl.DataFrame) -> None:
    assert not [c for c in ri_table.columns if "rank" in c.lower() or "position" in c.lower()]


def test_rows_are_ordered_by_school_code_not_by_estimate(ri_table: pl.DataFrame) -> None:
    codes = ri_table.get_column("school_id").to_list()
    assert codes == sorted(codes)


def test_it_suppresses_schools_under_ten_students(ri_table: pl.DataFrame) -> None:
    tiny = _row(ri_table, "S_tiny")
    assert tiny["status"] == "suppressed"
    assert tiny["n"] == 6
    assert all(tiny[c] is None for c in [*ESTIMATES, "band_label", "entry_exit_change"])


def test_it_flags_schools_under_min_n_as_small_but_estimates_them(ri_table: pl.DataFrame) -> None:
    small = _row(ri_table, "S_small")
    assert small["status"] == "small"
    assert small["estimate"] is not None


def test_min_n_and_suppression_thresholds_are_configurable(mixed_sizes: pl.DataFrame) -> None:
    table = fit_value_added(mixed_sizes, model="ri", min_n=10, suppress_below=5).schools
    assert _row(table, "S_small")["status"] == "ok"
    assert _row(table, "S_tiny")["status"] == "small"


def test_suppressed_students_still_inform_the_model(mixed_sizes: pl.DataFrame) -> None:
    result = fit_value_added(mixed_sizes, model="ri")
    assert result.model.n_students == mixed_sizes.height


def test_interval_is_estimate_plus_minus_1_96_se(ri_table: pl.DataFrame) -> None:
    ok = ri_table.filter(pl.col("status") != "suppressed")
    half = (ok.get_column("ci_high") - ok.get_column("ci_low")) / 2
    np.testing.assert_allclose(half, 1.959964 * ok.get_column("se"), rtol=1e-6)


def test_z_is_estimate_over_se(ri_table: pl.DataFrame) -> None:
    ok = ri_table.filter(pl.col("status") != "suppressed")
    np.testing.assert_allclose(ok.get_column("z"), ok.get_column("estimate") / ok.get_column("se"))


def test_band_labels_are_the_chinese_names_of_the_band_codes(ri_table: pl.DataFrame) -> None:
    ok = ri_table.filter(pl.col("status") != "suppressed")
    for band, label in ok.select("band", "band_label").iter_rows():
        assert BAND_LABELS[band] == label


def test_significant_bands_are_exactly_the_intervals_excluding_zero(ri_table: pl.DataFrame) -> None:
    ok = ri_table.filter(pl.col("status") != "suppressed")
    significant = ok.get_column("band").is_in(["sig_above", "sig_below"]).to_list()
    excludes = ((ok.get_column("ci_low") > 0) | (ok.get_column("ci_high") < 0)).to_list()
    assert significant == excludes


def test_ri_estimate_is_the_raw_residual_shrunk_by_the_reliability(ri_table: pl.DataFrame) -> None:
    ok = ri_table.filter(pl.col("status") != "suppressed")
    shrunk = ok.get_column("reliability") * ok.get_column("raw_residual")
    np.testing.assert_allclose(ok.get_column("estimate"), shrunk)


def test_reliability_is_school_variance_over_that_plus_sampling_variance(
    mixed_sizes: pl.DataFrame,
) -> None:
    result = fit_value_added(mixed_sizes, model="ri")
    tau2 = result.model.variance_components["school"]
    sigma2 = result.model.variance_components["residual"]
    ok = result.schools.filter(pl.col("status") != "suppressed")
    expected = tau2 / (tau2 + sigma2 / ok.get_column("n").to_numpy())
    np.testing.assert_allclose(ok.get_column("reliability"), expected)


def test_estimate_in_sd_units_divides_by_the_score_sd(mixed_sizes: pl.DataFrame) -> None:
    result = fit_value_added(mixed_sizes, model="ri")
    ok = result.schools.filter(pl.col("status") != "suppressed")
    sd = mixed_sizes.get_column("score").std()
    assert result.model.score_sd == pytest.approx(sd)
    np.testing.assert_allclose(ok.get_column("estimate_sd"), ok.get_column("estimate") / sd)


def test_entry_exit_change_is_the_school_mean_of_z_current_minus_z_prior(
    mixed_sizes: pl.DataFrame, ri_table: pl.DataFrame
) -> None:
    def z(column: str) -> pl.Expr:
        return (pl.col(column) - pl.col(column).mean()) / pl.col(column).std()

    expected = (
        mixed_sizes.with_columns((z("score") - z("prior")).alias("change"))
        .group_by("school_id")
        .agg(pl.col("change").mean())
    )
    joined = ri_table.join(expected, on="school_id").filter(pl.col("status") != "suppressed")
    np.testing.assert_allclose(joined.get_column("entry_exit_change"), joined.get_column("change"))


def test_coverage_is_the_share_of_listed_students_with_a_prior(mixed_sizes: pl.DataFrame) -> None:
    first_ten = (pl.col("school_id") == "S00000") & (pl.int_range(pl.len()).over("school_id") < 15)
    frame = mixed_sizes.with_columns(
        pl.when(first_ten).then(None).otherwise(pl.col("prior")).alias("prior")
    )
    row = _row(fit_value_added(frame, model="ri").schools, "S00000")
    assert row["n_listed"] == 60
    assert row["n"] == 45
    assert row["coverage"] == pytest.approx(0.75)


def test_a_school_without_any_prior_is_listed_with_n_zero_and_suppressed(
    mixed_sizes: pl.DataFrame,
) -> None:
    frame = mixed_sizes.with_columns(
        pl.when(pl.col("school_id") == "S00001")
        .then(None)
        .otherwise(pl.col("prior"))
        .alias("prior")
    )
    row = _row(fit_value_added(frame, model="ri").schools, "S00001")
    assert (row["n"], row["coverage"], row["status"], row["estimate"]) == (
        0,
        0.0,
        "suppressed",
        None,
    )


def test_ols_has_no_conditional_se_column_values(mixed_sizes: pl.DataFrame) -> None:
    table = fit_value_added(mixed_sizes, model="ols").schools
    assert table.get_column("se_conditional").null_count() == table.height


def test_each_row_names_its_model(ri_table: pl.DataFrame) -> None:
    assert ri_table.get_column("model").unique().to_list() == ["ri"]


def test_ols_reliability_uses_the_anova_school_variance(mixed_sizes: pl.DataFrame) -> None:
    result = fit_value_added(mixed_sizes, model="ols")
    tau2 = result.model.variance_components["school"]
    within = result.model.variance_components["residual"]
    ok = result.schools.filter(pl.col("status") != "suppressed")
    n = ok.get_column("n").to_numpy()
    np.testing.assert_allclose(ok.get_column("reliability"), tau2 / (tau2 + within / n))
    np.testing.assert_allclose(ok.get_column("se"), np.sqrt(within / n))
