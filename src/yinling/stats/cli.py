"""``value_added``: school value added from a score file to a results file.

    value_added --input scores.csv --model ri -o results.csv
                [--covariates gender,ses] [--min-n 30] [--suppress-below 10]
                [--band-cutoffs 1,1.96] [--subject-col subject] [--cohort-col year]
                [--student-col ...] [--school-col ...] [--prior-col ...] [--score-col ...]
                [--models-json models.json]

Exit codes: 0 success, 1 the data cannot support an estimate, 2 bad command
line or options, 3 a model did not converge.  On any failure the message goes
to stderr and no results file is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from yinling.stats.api import MODELS, fit_value_added
from yinling.stats.bands import DEFAULT_CUTOFFS
from yinling.stats.errors import InvalidOptionError, NotConvergedError, ValueAddedError
from yinling.stats.inputs import non_numeric_entries
from yinling.stats.loading import read_scores
from yinling.stats.outputs import check_output_path, write_models_json, write_result
from yinling.stats.results import ModelSummary, ValueAddedResult

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_NOT_CONVERGED = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="value_added",
        description="School value added (增值评估) from prior and current scores.",
    )
    parser.add_argument("--input", required=True, help="scores as .csv, .xlsx or .parquet")
    parser.add_argument("--model", required=True, choices=MODELS)
    parser.add_argument("-o", "--output", required=True, help="results as .csv, .xlsx or .parquet")
    parser.add_argument("--covariates", type=_names, default=(), help="comma-separated columns")
    parser.add_argument("--min-n", type=int, default=30, help="flag schools below as 'small'")
    parser.add_argument("--suppress-below", type=int, default=10, help="no estimate below this n")
    parser.add_argument(
        "--band-cutoffs", type=_cutoffs, default=DEFAULT_CUTOFFS, help="e.g. 1,1.96"
    )
    parser.add_argument("--min-prior-coverage", type=float, default=0.5)
    parser.add_argument("--subject-col", default=None)
    parser.add_argument("--cohort-col", default=None)
    parser.add_argument("--student-col", default="student_id")
    parser.add_argument("--school-col", default="school_id")
    parser.add_argument("--prior-col", default="prior")
    parser.add_argument("--score-col", default="score")
    parser.add_argument("--models-json", default=None, help="also write the model summaries")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit code instead of exiting."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse has already printed the usage message
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        result = _run(args)
    except NotConvergedError as exc:
        print(f"value_added: {exc}", file=sys.stderr)
        return EXIT_NOT_CONVERGED
    except InvalidOptionError as exc:
        print(f"value_added: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValueAddedError as exc:
        print(f"value_added: {exc}", file=sys.stderr)
        return EXIT_DATA
    _report(result, args.output)
    return EXIT_OK


def _run(args: argparse.Namespace) -> ValueAddedResult:
    output = check_output_path(args.output)
    wanted = [args.student_col, args.school_col, args.prior_col, args.score_col, *args.covariates]
    wanted += [name for name in (args.subject_col, args.cohort_col) if name]
    frame = read_scores(
        args.input,
        text_columns=(args.student_col, args.school_col),
        columns=wanted,
        number_columns=(args.prior_col, args.score_col),
    )
    for entries in non_numeric_entries(frame, (args.prior_col, args.score_col)):
        print(f"value_added: note: {entries.describe()}", file=sys.stderr)
    result = fit_value_added(
        frame,
        model=args.model,
        covariates=args.covariates,
        min_n=args.min_n,
        suppress_below=args.suppress_below,
        band_cutoffs=args.band_cutoffs,
        subject_col=args.subject_col,
        cohort_col=args.cohort_col,
        student_col=args.student_col,
        school_col=args.school_col,
        prior_col=args.prior_col,
        score_col=args.score_col,
        min_prior_coverage=args.min_prior_coverage,
    ).require_converged()  # refuse to write estimates from a failed fit
    write_result(result, output)
    if args.models_json:
        write_models_json(result.models, args.models_json)
    return result


def _report(result: ValueAddedResult, output: str) -> None:
    for model in result.models:
        print(_describe(model))
    print(f"wrote {result.schools.height} rows to {output}")


def _describe(model: ModelSummary) -> str:
    label = "/".join(p for p in (model.cohort, model.subject) if p) or "all"
    school, residual = model.variance_components["school"], model.variance_components["residual"]
    return (
        f"{model.model} [{label}]: {model.n_schools} schools, {model.n_students} students, "
        f"school variance {school:.4g}, residual variance {residual:.4g}, ICC {model.icc:.3f}, "
        f"R² {model.r2:.3f}, converged"
    )


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _cutoffs(text: str) -> tuple[float, ...]:
    try:
        return tuple(float(part) for part in text.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected two numbers like 1,1.96: {text}") from exc


def run(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    raise SystemExit(main(list(argv) if argv is not None else None))


if __name__ == "__main__":
    run()
