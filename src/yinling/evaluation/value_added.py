"""The one place that talks to the value-added engine (`yinling.stats`).

Everything the product needs from the engine goes through here, so that a change in the engine's
API touches this module only: building the engine's input from stored data versions, calling
`fit_value_added`, and turning its result (or its refusal) into plain rows to store.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext_noop

import yinling.stats as engine
from yinling.evaluation.models import AssessmentResult, DataVersion
from yinling.stats.contextual import COMPOSITIONAL_TERM
from yinling.stats.design import INTERCEPT
from yinling.stats.errors import ALL_ERRORS
from yinling.stats.inputs import PRIOR

MODELS: tuple[str, ...] = tuple(engine.MODELS)
COMBINED: str = engine.COMBINED
# The engine's names for the fixed-effect terms it reports: the intercept, the entry score, the
# school mean entry score (CVA), then each covariate by name, a text one as `name[level]` per
# level after the first.
TERM_INTERCEPT: str = INTERCEPT
TERM_PRIOR: str = PRIOR
TERM_SCHOOL_MEAN_PRIOR: str = COMPOSITIONAL_TERM
# The engine's stable message for each error code; what it stores after that is the detail.
ENGINE_ERROR_MESSAGES: dict[str, str] = {error.code: error.message for error in ALL_ERRORS}
COVARIATES = ("gender", "ses", "special_needs")
DEFAULT_BAND_CUTOFFS = (1.0, 1.96)
DEFAULT_MIN_PRIOR_COVERAGE = 0.5
FETCH = 50_000
READ_SHARE = 0.8  # of a run's progress bar: reading two data versions is most of the work

Progress = Callable[[str, float], None]
"""Told a run's phase ("reading", "fitting") and the fraction of the whole fit done (0..1)."""

SCHOOL_COLUMNS = (
    "n",
    "n_listed",
    "coverage",
    "estimate",
    "estimate_sd",
    "se",
    "se_sd",
    "ci_low",
    "ci_high",
    "z",
    "band",
    "reliability",
    "raw_residual",
    "entry_exit_change",
)


@cache
def engine_version() -> str:
    """The package version plus a fingerprint of the engine's source: two runs with the same
    engine version, settings and data fingerprints give the same numbers."""
    try:
        version = metadata.version("yinling")
    except metadata.PackageNotFoundError:
        version = "0"
    digest = hashlib.sha256()
    for path in sorted(Path(engine.__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"yinling.stats {version}+{digest.hexdigest()[:12]}"


@dataclass(frozen=True)
class Settings:
    model: str
    covariates: tuple[str, ...] = ()
    min_n: int = 30
    suppress_below: int = 10
    band_cutoffs: tuple[float, float] = DEFAULT_BAND_CUTOFFS
    min_prior_coverage: float = DEFAULT_MIN_PRIOR_COVERAGE

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "covariates": list(self.covariates),
            "min_n": self.min_n,
            "suppress_below": self.suppress_below,
            "band_cutoffs": list(self.band_cutoffs),
            "min_prior_coverage": self.min_prior_coverage,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        return cls(
            model=data["model"],
            covariates=tuple(data.get("covariates", ())),
            min_n=int(data.get("min_n", 30)),
            suppress_below=int(data.get("suppress_below", 10)),
            band_cutoffs=tuple(data.get("band_cutoffs", DEFAULT_BAND_CUTOFFS)),  # type: ignore[arg-type]
            min_prior_coverage=float(data.get("min_prior_coverage", DEFAULT_MIN_PRIOR_COVERAGE)),
        )


@dataclass
class Outcome:
    """What a fit produced: school rows and model summaries, or the engine's reason why not."""

    error_code: str = ""
    message: str = ""
    subjects: list[str] = field(default_factory=list)
    schools: list[dict[str, Any]] = field(default_factory=list)  # school = School pk
    models: list[dict[str, Any]] = field(default_factory=list)
    main: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.error_code


def _rows(
    version: DataVersion,
    columns: Sequence[str],
    subjects: Sequence[str],
    read: Callable[[int], None] = lambda rows: None,
) -> pl.DataFrame:
    """One version's scores as a frame, read in chunks; `read` is told each chunk's size."""
    schema = {c: _DTYPES[c] for c in columns}
    fields = ["school_id" if c == "school" else c for c in columns]
    rows = (
        AssessmentResult.objects.filter(version=version, subject__in=list(subjects))
        .values_list(*fields)
        .iterator(chunk_size=FETCH)
    )
    frames, chunk = [], []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= FETCH:
            frames.append(pl.DataFrame(chunk, schema=schema, orient="row"))
            read(len(chunk))
            chunk = []
    if chunk or not frames:
        frames.append(pl.DataFrame(chunk, schema=schema, orient="row"))
        read(len(chunk))
    return pl.concat(frames)


_DTYPES = {
    "student_key": pl.String,
    "school": pl.Int64,
    "subject": pl.String,
    "score": pl.Float64,
    "gender": pl.String,
    "ses": pl.Float64,
    "special_needs": pl.Boolean,
}


def common_subjects(entry: DataVersion, exit: DataVersion) -> list[str]:
    """Subjects scored at both ends, in the exit assessment's order."""
    return [s for s in exit.subjects if s in set(entry.subjects)]


def build_frame(
    entry: DataVersion,
    exit: DataVersion,
    covariates: Sequence[str] = (),
    progress: Callable[[float], None] | None = None,
) -> pl.DataFrame:
    """One row per exit student and subject, with the entry score of the same student and
    subject as `prior` (null when the student has none). Covariates come from the exit data.

    `progress` is told the share of both versions' rows read so far (when their row counts
    are known), after every chunk."""
    subjects = common_subjects(entry, exit)
    wanted = ["student_key", "school", "subject", "score", *covariates]
    expected = entry.row_count + exit.row_count
    done = 0

    def read(rows: int) -> None:
        nonlocal done
        done += rows
        if progress is not None and expected:
            progress(min(done / expected, 1.0))

    current = _rows(exit, wanted, subjects, read)
    prior = _rows(entry, ["student_key", "subject", "score"], subjects, read).rename(
        {"score": "prior"}
    )
    frame = current.join(prior, on=["student_key", "subject"], how="left")
    return (
        frame.with_columns(
            pl.col("school").cast(pl.String),
            pl.col("gender").replace("", None) if "gender" in covariates else pl.lit(None),
        )
        .select(
            pl.col("student_key").alias("student_id"),
            pl.col("school").alias("school_id"),
            "subject",
            "prior",
            "score",
            *covariates,
        )
        .sort(["school_id", "student_id", "subject"])
    )  # a join keeps no order: reruns must add up alike


def fit(frame: pl.DataFrame, settings: Settings, subjects: list[str]) -> Outcome:
    """Fit the model; a refusal or a failure to converge comes back as a message, not numbers."""
    if not subjects:
        return Outcome(error_code=NO_SUBJECT, message=ERR_NO_COMMON_SUBJECT)
    try:
        result = engine.fit_value_added(
            frame,
            model=settings.model,
            covariates=settings.covariates,
            min_n=settings.min_n,
            suppress_below=settings.suppress_below,
            band_cutoffs=settings.band_cutoffs,
            subject_col="subject",
            min_prior_coverage=settings.min_prior_coverage,
        )
        result.require_converged()
    except engine.ValueAddedError as error:
        return Outcome(error_code=error.code, message=_describe(error), subjects=list(subjects))
    models = [_clean(m.to_dict()) for m in result.models]
    main = _clean(result.model.to_dict()) if _has_main(result) else models[0]
    return Outcome(
        subjects=list(subjects),
        schools=[_school_row(row) for row in result.schools.iter_rows(named=True)],
        models=models,
        main=main,
    )


NO_SUBJECT = "NO_SUBJECT"
# Stored as written (in Chinese, like the engine's own messages); pages translate it by its code.
ERR_NO_COMMON_SUBJECT = gettext_noop("入口测试与出口测试没有共同的科目，无法计算增值")


def _has_main(result: Any) -> bool:
    try:
        result.model  # noqa: B018  (raises when several models and no combined one)
    except engine.ValueAddedError:
        return False
    return True


def _describe(error: Any) -> str:
    """The engine's stable message, then the specifics of this occurrence."""
    message = str(getattr(error, "message", "") or error)
    detail = str(getattr(error, "detail", "") or "")
    return f"{message}：{detail}" if detail else message


def _school_row(row: dict[str, Any]) -> dict[str, Any]:
    values = {name: _finite(row.get(name)) for name in SCHOOL_COLUMNS}
    values["school"] = int(row["school_id"])
    values["subject"] = row.get("subject") or ""
    values["status"] = row["status"]
    values["band"] = row.get("band") or ""
    values["n"] = int(row.get("n") or 0)
    values["n_listed"] = int(row.get("n_listed") or 0)
    return values


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _clean(value: Any) -> Any:
    """JSON-safe: tuples become lists, non-finite floats null."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return _finite(value)


def run_engine(
    entry: DataVersion, exit: DataVersion, settings: Settings, progress: Progress | None = None
) -> Outcome:
    """Build the input from two stored data versions and fit.

    `progress`, when given, hears of the reading (most of the time on large data) chunk by
    chunk, then once that the fit has begun: the engine fits every subject and their
    combination in one call, so the fit itself is one step."""

    def report(phase: str, fraction: float) -> None:
        if progress is not None:
            progress(phase, fraction)

    subjects = common_subjects(entry, exit)
    report("reading", 0.0)
    frame = build_frame(
        entry, exit, settings.covariates, lambda share: report("reading", READ_SHARE * share)
    )
    report("fitting", READ_SHARE)
    return fit(frame, settings, subjects)


def command_line(argv: list[str]) -> int:
    """Run the engine's command line (`yinling value_added ...`); returns its exit code."""
    from yinling.stats.cli import main

    return main(argv)


def command_line_help() -> str:
    from yinling.stats.cli import build_parser

    return build_parser().format_help()
