"""Parse and validate a score file into compact columns, before anything touches the database.

Each batch of rows is checked column by column (`yinling.evaluation.row_checks`) under the
user's column mapping (`yinling.evaluation.column_mapping`); duplicates of a student and subject
are found across the whole file here. Every problem is reported with its spreadsheet row and
column. The accepted rows are held as numpy columns (about 60 bytes a score), so two million
scores fit in a few hundred megabytes.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from yinling.core.tabular import ImportRejected, RowError
from yinling.evaluation.column_mapping import FIELD_LABELS, ColumnMapping
from yinling.evaluation.pseudonyms import normalise_student_id
from yinling.evaluation.row_checks import GENDER_CODES, MAX_REPORTED, BatchChecker
from yinling.evaluation.score_files import ROW, ScoreFile

# ColumnMapping is part of this module's interface (stage_scores, preview_rows); benchmarks/
# import it from here.
__all__ = [
    "ColumnMapping",
    "PreviewRow",
    "RowsRejected",
    "StagedScores",
    "fingerprint",
    "preview_rows",
    "stage_scores",
]

ERR_DUPLICATE = gettext_noop("同一学生的“%(subject)s”成绩与第 %(row)d 行重复")
ERR_NO_ROWS = gettext_noop("文件中没有有效的数据行")
ERR_MORE = gettext_noop("另有 %(count)d 个错误未列出")


class RowsRejected(ImportRejected):
    """Rows failed their checks; `errors` lists the first of them, `total` counts them all."""

    def __init__(self, errors: list[RowError | str], total: int) -> None:
        super().__init__(errors)
        self.total = total


@dataclass
class StagedScores:
    """The accepted rows as numpy columns, ready to write, plus their fingerprint."""

    school_pks: list[int]  # by school index
    school_codes: list[str]
    subjects: list[str]  # by subject index
    key: np.ndarray  # S32: the raw HMAC digest of the student ID
    school: np.ndarray  # int32 index into school_pks
    subject: np.ndarray  # uint8 index into subjects
    score: np.ndarray  # float64
    gender: np.ndarray  # int8: 0 unknown, 1 F, 2 M
    ses: np.ndarray  # float64, NaN unknown
    special: np.ndarray  # int8: -1 unknown, 0 no, 1 yes
    row: np.ndarray  # uint32 spreadsheet row
    digest: str = ""

    def __len__(self) -> int:
        return int(self.key.size)

    @property
    def student_count(self) -> int:
        return int(np.unique(self.key).size) if len(self) else 0

    @property
    def subjects_present(self) -> list[str]:
        return [self.subjects[i] for i in sorted(set(np.unique(self.subject).tolist()))]

    @property
    def school_count(self) -> int:
        return int(np.unique(self.school).size) if len(self) else 0

    def batches(self, size: int) -> Iterable[list[tuple[Any, ...]]]:
        """Rows as (school pk, student key hex, subject, score, gender, ses, special needs),
        in the order of the table's unique index (subject, student key): appending to a B-tree
        in order is several times faster than inserting at random places."""
        words = self.key.view(">u8").reshape(-1, 4)
        order = np.lexsort((words[:, 3], words[:, 2], words[:, 1], words[:, 0], self.subject))
        subject_names = [self.subjects[i] for i in range(len(self.subjects))]
        for start in range(0, len(self), size):
            part = order[start : start + size]
            yield [
                (
                    self.school_pks[school],
                    key.hex(),
                    subject_names[subject],
                    score,
                    GENDER_CODES[gender],
                    None if math.isnan(ses) else ses,
                    None if special < 0 else bool(special),
                )
                for key, school, subject, score, gender, ses, special in zip(
                    self.key[part].tolist(),
                    self.school[part].tolist(),
                    self.subject[part].tolist(),
                    self.score[part].tolist(),
                    self.gender[part].tolist(),
                    self.ses[part].tolist(),
                    self.special[part].tolist(),
                    strict=True,
                )
            ]


class _Columns:
    """Accepted rows, one numpy array per column and batch; concatenated once at the end."""

    NAMES = ("key", "school", "subject", "score", "gender", "ses", "special", "row")

    def __init__(self) -> None:
        self.chunks: dict[str, list[np.ndarray]] = {n: [] for n in self.NAMES}

    def add(self, **arrays: np.ndarray) -> None:
        for name in self.NAMES:
            self.chunks[name].append(arrays[name])

    def arrays(self) -> dict[str, np.ndarray]:
        empty = {"key": "S32", "school": np.int32, "subject": np.uint8, "score": np.float64}
        empty.update({"gender": np.int8, "ses": np.float64, "special": np.int8, "row": np.uint32})
        return {
            n: np.concatenate(self.chunks.pop(n)) if self.chunks[n] else np.array([], empty[n])
            for n in self.NAMES
        }


def stage_scores(
    score_file: ScoreFile,
    *,
    mapping: ColumnMapping,
    schools: Mapping[str, tuple[int, int]],
    subjects: list[str],
    score_range: tuple[float, float],
    progress: Callable[[float], None] | None = None,
    school_aliases: Mapping[str, str | None] | None = None,
) -> StagedScores:
    """Read, pseudonymise and check every row; raise RowsRejected listing the problems.

    `schools` maps each school code of the district to (index, pk); `school_aliases` lets the
    school column hold a school's name instead (see `BatchChecker`).
    """
    problems = mapping.problems(score_file.headers(), subjects)
    if problems:
        raise ImportRejected(problems)
    checker = BatchChecker(
        mapping,
        {code: i for code, (i, _pk) in schools.items()},
        subjects,
        score_range,
        school_aliases,
    )
    columns, errors, error_count = _Columns(), [], 0
    for batch in score_file.batches(progress=progress):
        arrays, found = checker.check(batch)
        columns.add(**arrays)
        error_count += found.count
        if len(errors) < MAX_REPORTED:
            errors.extend(found.errors)
            errors.sort(key=lambda item: (item[0], item[1]))
            del errors[MAX_REPORTED:]
    arrays = columns.arrays()
    if not arrays["key"].size and not error_count:
        raise ImportRejected([_(ERR_NO_ROWS)])
    duplicates = _duplicates(arrays, subjects)
    error_count += len(duplicates)
    reported = sorted(
        [*(e for _row, _order, e in errors), *duplicates[:MAX_REPORTED]], key=lambda e: e.row
    )[:MAX_REPORTED]
    if error_count:
        if error_count > len(reported):
            reported.append(_(ERR_MORE) % {"count": error_count - len(reported)})
        raise RowsRejected(reported, error_count)
    pks_by_index = dict(schools.values())
    codes_by_index = {i: code for code, (i, _pk) in schools.items()}
    staged = StagedScores(
        school_pks=[pks_by_index[i] for i in range(len(pks_by_index))],
        school_codes=[codes_by_index[i] for i in range(len(codes_by_index))],
        subjects=list(subjects),
        **arrays,
    )
    staged.digest = fingerprint(staged)
    return staged


def _sort_order(arrays: Mapping[str, np.ndarray]) -> np.ndarray:
    """Rows ordered by (student key, subject): the file's own order does not matter."""
    words = arrays["key"].view(">u8").reshape(-1, 4)
    return np.lexsort((arrays["subject"], words[:, 3], words[:, 2], words[:, 1], words[:, 0]))


def _duplicates(arrays: Mapping[str, np.ndarray], subjects: list[str]) -> list[RowError]:
    if arrays["key"].size < 2:
        return []
    order = _sort_order(arrays)
    key, subject, row = arrays["key"][order], arrays["subject"][order], arrays["row"][order]
    same = (key[1:] == key[:-1]) & (subject[1:] == subject[:-1])
    errors = []
    for position in np.flatnonzero(same)[: MAX_REPORTED * 2].tolist():
        first, later = sorted((int(row[position]), int(row[position + 1])))
        name = subjects[int(subject[position])]
        errors.append(RowError(later, "", _(ERR_DUPLICATE) % {"subject": name, "row": first}))
    return errors


def fingerprint(staged: StagedScores) -> str:
    """SHA-256 of the rows in a canonical order, independent of the file's row order, the order
    of the assessment's subject list and the database's school ids."""
    arrays = {n: getattr(staged, n) for n in ("key", "school", "subject")}
    order = _sort_order(arrays)
    subject_rank = np.argsort(np.argsort(staged.subjects)).astype(np.uint8)
    school_rank = np.argsort(np.argsort(staged.school_codes)).astype(np.int32)
    digest = hashlib.sha256()
    header = {
        "format": 1,
        "subjects": sorted(staged.subjects),
        "schools": sorted(staged.school_codes),
    }
    digest.update(json.dumps(header, ensure_ascii=False, sort_keys=True).encode())
    digest.update(staged.key[order].tobytes())
    digest.update(subject_rank[staged.subject[order]].tobytes())
    digest.update(school_rank[staged.school[order]].tobytes())
    for name in ("score", "gender", "ses", "special"):
        digest.update(np.ascontiguousarray(getattr(staged, name)[order]).tobytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class PreviewRow:
    """One spreadsheet row as it would be stored, with its problems."""

    row: int
    student: str  # the start of the pseudonym, never the real ID
    school: str
    scores: str
    covariates: str
    errors: list[str]


def preview_rows(
    score_file: ScoreFile,
    *,
    mapping: ColumnMapping,
    schools: Mapping[str, tuple[int, int]],
    school_names: Mapping[str, str],
    subjects: list[str],
    score_range: tuple[float, float],
    limit: int = 10,
    school_aliases: Mapping[str, str | None] | None = None,
) -> list[PreviewRow]:
    """The first rows under a mapping, checked exactly as the import will check them."""
    batches = score_file.batches(size=limit)
    try:
        frame = next(batches, None)
    finally:
        batches.close()
    if frame is None:
        return []
    frame = frame.head(limit)
    checker = BatchChecker(
        mapping,
        {code: i for code, (i, _pk) in schools.items()},
        subjects,
        score_range,
        school_aliases,
    )
    _arrays, problems = checker.check(frame)
    by_row: dict[int, list[str]] = {}
    for row, _order, error in sorted(problems.errors, key=lambda item: item[:2]):
        by_row.setdefault(row, []).append(
            _("“%(column)s”列：%(message)s") % {"column": error.column, "message": error.message}
            if error.column
            else error.message
        )
    return [
        _preview_row(values, mapping, checker, school_names, by_row)
        for values in frame.iter_rows(named=True)
    ]


def _preview_row(
    values: Mapping[str, Any],
    mapping: ColumnMapping,
    checker: BatchChecker,
    school_names: Mapping[str, str],
    errors: Mapping[int, list[str]],
) -> PreviewRow:
    raw_id = values.get(mapping.student)
    key = ""
    if raw_id is not None:
        key = checker.hasher.digest(normalise_student_id(raw_id)).hex()[:12] + "…"
    code = values.get(mapping.school)
    school = school_names.get(str(code), str(code or "")) if code is not None else ""
    if mapping.subject:
        scores = f"{values.get(mapping.subject) or ''} {values.get(mapping.score) or ''}".strip()
    else:
        scores = pgettext("list separator", "、").join(
            f"{subject} {values.get(column) or ''}"
            for subject, column in mapping.subject_columns.items()
        )
    covariates = pgettext("list separator", "、").join(
        f"{_(FIELD_LABELS[name])} {values.get(getattr(mapping, name))}"
        for name in ("gender", "ses", "special_needs")
        if getattr(mapping, name) and values.get(getattr(mapping, name)) is not None
    )
    return PreviewRow(values[ROW], key, school, scores, covariates, errors.get(values[ROW], []))
