"""Exports of a plan: the task breakdown (XLSX), the progress report (DOCX), all values (CSV)."""

from yinling.plans.exports.breakdown import breakdown_rows, breakdown_xlsx
from yinling.plans.exports.report import progress_docx
from yinling.plans.exports.values import values_csv, values_rows

__all__ = ["breakdown_rows", "breakdown_xlsx", "progress_docx", "values_csv", "values_rows"]
