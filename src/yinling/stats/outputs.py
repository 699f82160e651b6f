"""Write a ValueAddedResult: CSV (UTF-8 with BOM, so Excel shows Chinese),
XLSX (sheets ``schools`` and ``models``, via openpyxl) or Parquet; model
summaries as JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path

import polars as pl

from yinling.stats.errors import InvalidOptionError
from yinling.stats.results import ModelSummary, ValueAddedResult

OUTPUT_SUFFIXES = (".csv", ".xlsx", ".parquet")


def check_output_path(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InvalidOptionError(f"output must end in one of {OUTPUT_SUFFIXES}: {path.name}")
    return path


def write_result(result: ValueAddedResult, path: str | Path) -> Path:
    """Write the school table (and, for XLSX, the model summaries)."""
    path = check_output_path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        result.schools.write_csv(path, include_bom=True)
    elif suffix == ".parquet":
        result.schools.write_parquet(path)
    else:
        _write_xlsx(result, path)
    return path


def write_models_json(models: tuple[ModelSummary, ...], path: str | Path) -> Path:
    path = Path(path)
    payload = [_finite(model.to_dict()) for model in models]
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def model_rows(models: tuple[ModelSummary, ...]) -> pl.DataFrame:
    """Long table: one row per model and fixed effect / variance component / statistic."""
    rows: list[dict[str, object]] = []
    for model in models:
        base = {"model": model.model, "subject": model.subject, "cohort": model.cohort}
        for effect in model.fixed_effects:
            rows.append({**base, "item": effect.name, "value": effect.estimate, "se": effect.se})
        for name, value in model.variance_components.items():
            rows.append({**base, "item": f"variance[{name}]", "value": value, "se": None})
        for name in ("icc", "r2", "r2_conditional", "n_students", "n_schools", "log_likelihood"):
            rows.append({**base, "item": name, "value": getattr(model, name), "se": None})
        rows.append({**base, "item": "converged", "value": float(model.converged), "se": None})
    return pl.DataFrame(rows, schema_overrides={"value": pl.Float64, "se": pl.Float64})


def _write_xlsx(result: ValueAddedResult, path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, frame in (("schools", result.schools), ("models", model_rows(result.models))):
        sheet = workbook.create_sheet(title)
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append([_cell(sheet, value) for value in row])
    workbook.save(path)


def _cell(sheet: object, value: object) -> object:
    """Non-finite floats become empty cells; text is never read as a formula."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _finite(value: object) -> object:
    """JSON has no NaN: replace non-finite floats by null, recursively."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value
