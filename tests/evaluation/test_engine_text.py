"""The pages word the engine's terms and outcomes in the reader's language, codes kept aside."""

from __future__ import annotations

from django.utils import translation

from yinling.evaluation import engine_text, value_added
from yinling.evaluation.services import runs
from yinling.stats.errors import (
    ALL_ERRORS,
    ConstantScoresError,
    NoPriorScoresError,
    SingleSchoolError,
)

REML = {"model": "ri", "converged": True, "variance_components": {"school": 0.25, "residual": 2.0}}


def test_the_engines_terms_have_chinese_names() -> None:
    names = {
        code: engine_text.term(code).label
        for code in ("(Intercept)", "prior", "ses", "special_needs", "school_mean_prior")
    }

    assert names == {
        "(Intercept)": "截距",
        "prior": "入口成绩",
        "ses": "家庭社会经济地位指数",
        "special_needs": "特殊教育需要",
        "school_mean_prior": "学校入口成绩均值",
    }


def test_a_category_term_is_named_after_its_variable_and_level() -> None:
    assert engine_text.term("gender[M]").label == "性别（男）"
    assert engine_text.term("gender[F]").label == "性别（女）"


def test_a_term_of_an_unknown_level_keeps_the_level_as_written() -> None:
    assert engine_text.term("gender[X]").label == "性别（X）"


def test_an_unknown_term_has_no_name_and_keeps_its_code() -> None:
    term = engine_text.term("cohort[2024]")

    assert term.label == ""
    assert term.code == "cohort[2024]"


def test_terms_have_english_names_in_english() -> None:
    with translation.override("en"):
        assert engine_text.term("(Intercept)").label == "Intercept"
        assert engine_text.term("gender[M]").label == "Gender (Male)"
        assert engine_text.term("school_mean_prior").label == "School mean entry score"


def test_the_fixed_effects_keep_their_numbers_and_gain_a_term() -> None:
    effects = engine_text.fixed_effects([{"name": "prior", "estimate": 0.8, "se": 0.02}])

    assert effects[0]["estimate"] == 0.8
    assert effects[0]["term"] == engine_text.Term("prior", "入口成绩")


def test_the_engines_names_for_its_terms_are_those_the_labels_use() -> None:
    assert value_added.TERM_INTERCEPT == "(Intercept)"
    assert value_added.TERM_PRIOR == "prior"
    assert value_added.TERM_SCHOOL_MEAN_PRIOR == "school_mean_prior"


def test_a_converged_reml_fit_states_its_variance_ratio_to_three_figures() -> None:
    assert engine_text.convergence(REML, "ri") == "已收敛（REML），学校间方差与学生间方差之比 0.125"


def test_the_convergence_sentence_is_english_in_english() -> None:
    with translation.override("en"):
        sentence = engine_text.convergence(REML, "cva")

    assert sentence == (
        "Converged (REML); ratio of between-school to between-student variance 0.125"
    )


def test_a_fit_with_no_school_variance_says_every_school_is_shrunk_to_the_average() -> None:
    summary = {**REML, "variance_components": {"school": 0.0, "residual": 2.0}}

    assert "学校间方差估计为 0" in engine_text.convergence(summary, "ri")


def test_ols_has_a_closed_form_and_no_convergence_to_report() -> None:
    summary = {"model": "ols", "converged": True, "variance_components": {}}

    assert engine_text.convergence(summary, "ri") == "最小二乘闭式解，无需迭代"


def test_a_fit_that_did_not_converge_says_so() -> None:
    assert engine_text.convergence({**REML, "converged": False}, "ri").startswith("未收敛")


def test_a_summary_without_the_flag_says_nothing() -> None:
    assert engine_text.convergence({"variance_components": {}}, "ri") == ""


def test_the_runs_own_model_is_used_when_a_summary_does_not_name_one() -> None:
    assert engine_text.convergence({"converged": True}, "ols") == "最小二乘闭式解，无需迭代"


def test_every_engine_error_has_a_reason_the_pages_can_translate() -> None:
    assert {error.code for error in ALL_ERRORS} <= set(engine_text.ERROR_REASONS)


def test_a_failure_separates_the_reason_from_the_engines_detail() -> None:
    stored = f"{NoPriorScoresError.message}：only 12% of students have a prior score"

    with translation.override("en"):
        failure = engine_text.failure("VA010", stored)

    assert failure.reason == "Most students have no entry score"
    assert failure.detail == "only 12% of students have a prior score"
    assert failure.code == "VA010"


def test_the_products_own_failure_is_translated_too() -> None:
    with translation.override("en"):
        failure = engine_text.failure(value_added.NO_SUBJECT, value_added.ERR_NO_COMMON_SUBJECT)

    assert failure.reason.startswith("The entry and exit assessments have no subject in common")
    assert failure.detail == ""


def test_a_run_that_crashed_gives_its_reason_in_english_with_the_error_beside_it() -> None:
    stored = f"{runs.ERR_UNEXPECTED}：disk on fire"

    with translation.override("en"):
        failure = engine_text.failure(runs.RUN_UNEXPECTED, stored)

    assert failure.reason == "The calculation failed and no estimates were saved"
    assert (failure.code, failure.detail) == ("RUN01", "disk on fire")


def test_a_run_that_crashed_gives_its_reason_in_chinese_by_default() -> None:
    failure = engine_text.failure(runs.RUN_UNEXPECTED, f"{runs.ERR_UNEXPECTED}：disk on fire")

    assert failure.reason == "计算时出错，没有保存任何估计值"
    assert failure.detail == "disk on fire"


def test_an_interrupted_run_gives_its_reason_in_english() -> None:
    with translation.override("en"):
        failure = engine_text.failure(runs.RUN_INTERRUPTED, runs.ERR_INTERRUPTED)

    assert failure.reason.startswith("The calculation made no progress for a long time")
    assert (failure.code, failure.detail) == ("RUN02", "")


def test_an_interrupted_run_gives_its_reason_in_chinese_by_default() -> None:
    failure = engine_text.failure(runs.RUN_INTERRUPTED, runs.ERR_INTERRUPTED)

    assert failure.reason == runs.ERR_INTERRUPTED


def test_a_failure_without_a_known_code_is_shown_as_stored() -> None:
    failure = engine_text.failure("", "计算长时间没有进展，已视为中断")

    assert failure.reason == "计算长时间没有进展，已视为中断"
    assert failure.detail == ""


def test_a_failure_in_one_subject_names_the_subject() -> None:
    stored = f"{SingleSchoolError.message}：数学: only school ['4']"

    failure = engine_text.failure("VA011", stored)

    assert failure.reason == "数学：至少需要两所学校才能比较"
    assert failure.detail == "only school ['4']"


def test_a_failure_of_the_combined_model_says_combined() -> None:
    stored = f"{SingleSchoolError.message}：combined: only school ['4']"

    with translation.override("en"):
        failure = engine_text.failure("VA011", stored)

    assert failure.reason == "Combined: At least two schools are needed for a comparison"


def test_constant_scores_say_whether_the_entry_or_the_exit_is_constant() -> None:
    entry = engine_text.failure(
        "VA012", f"{ConstantScoresError.message}：数学: every student has the same prior"
    )
    exit = engine_text.failure(
        "VA012", f"{ConstantScoresError.message}：数学: every student has the same score"
    )

    assert entry.reason == "数学：所有学生的入口成绩都相同，无法估计"
    assert exit.reason == "数学：所有学生的出口成绩都相同，无法估计"


def test_a_crash_detail_with_a_colon_is_not_taken_for_a_subject() -> None:
    failure = engine_text.failure(runs.RUN_UNEXPECTED, f"{runs.ERR_UNEXPECTED}：OSError: disk full")

    assert failure.reason == "计算时出错，没有保存任何估计值"
    assert failure.detail == "OSError: disk full"
