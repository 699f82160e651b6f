"""Importing an assessment's scores: upload, map the columns, run outside the request, publish.

Nothing reaches the database before the whole file has been read and every row checked (see
`yinling.evaluation.importing`). The accepted rows are then written into a new data version
that stays invisible (`staging`) until the last row is in, and is published in one short
transaction. Writing in chunks, rather than in one long transaction, keeps SQLite's single
writer free for everyone else's requests during a two-million-row import; publishing last keeps
the import all or nothing: readers see the previous version or the complete new one.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import threading
import uuid
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from yinling.core.audit import audit_record
from yinling.core.models import School
from yinling.core.tabular import ImportRejected
from yinling.core.uploads import check_upload
from yinling.evaluation.background import job_progress, start_after_commit, write_progress
from yinling.evaluation.column_mapping import ColumnMapping, guess_mapping
from yinling.evaluation.importing import StagedScores, stage_scores
from yinling.evaluation.models import Assessment, AssessmentResult, DataVersion, ImportJob
from yinling.evaluation.score_files import SUFFIXES, ScoreFile

log = logging.getLogger(__name__)

ERR_WRONG_STATE = gettext_noop("该导入当前为“%(status)s”，不能执行此操作")
ERR_FAILED = gettext_noop("导入时出错，未写入任何数据：%(error)s")
ERR_STAGED_GONE = gettext_noop("上传的文件已不存在，请重新上传")
ERR_INTERRUPTED = gettext_noop("导入长时间没有进展，已视为中断，未写入任何数据；请重新上传")
ERR_HEADER_ONLY = gettext_noop("“%(name)s”只有表头，没有数据行：请从第 2 行起填写成绩后重新上传")
ERR_NOT_DUPLICATE = gettext_noop("该导入不是待确认的重复数据")
ERR_BUSY = gettext_noop("该测试已有一个导入正在进行，请等它结束后再导入")
WRITE_CHUNK = 20_000
INLINE_MAX_BYTES = 2 * 1024 * 1024  # smaller files are imported within the request


def staging_dir() -> Path:
    """Where uploads wait for their import: private, outside MEDIA_ROOT, never served."""
    path = Path(
        getattr(settings, "EVALUATION_STAGING_DIR", None)
        or Path(settings.VAR_DIR) / "evaluation-staging"
    )
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def max_import_bytes() -> int:
    return int(getattr(settings, "EVALUATION_IMPORT_MAX_BYTES", 300 * 1024 * 1024))


def staged_file(job: ImportJob) -> ScoreFile:
    return ScoreFile(staging_dir() / job.staged_name)


def _require(job: ImportJob, *allowed: str) -> None:
    if job.status not in allowed:
        raise ValidationError(_(ERR_WRONG_STATE) % {"status": job.get_status_display()})


def _actor_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def import_job_upload(*, actor: Any, assessment: Assessment, upload: Any) -> ImportJob:
    """Keep an uploaded score file privately and read its header for the mapping step."""
    check_upload(upload, extensions=set(SUFFIXES), max_bytes=max_import_bytes())
    suffix = Path(upload.name).suffix.lower()
    name = f"{uuid.uuid4().hex}{suffix}"
    path = staging_dir() / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    try:
        headers = ScoreFile(path).headers()
        if not ScoreFile(path).has_data_rows():
            raise ImportRejected([_(ERR_HEADER_ONLY) % {"name": Path(upload.name).name}])
    except ImportRejected:
        path.unlink(missing_ok=True)
        raise
    job = ImportJob.objects.create(
        assessment=assessment,
        file_name=Path(upload.name).name[:200],
        file_size=upload.size,
        staged_name=name,
        headers=[h for h in headers if h],
        mapping=guess_mapping(headers, assessment.subjects).to_json(),
        created_by=_actor_or_none(actor),
    )
    audit_record(
        actor=actor,
        action="import_job.upload",
        obj=job,
        after={"file_name": job.file_name, "file_size": job.file_size},
    )
    return job


@transaction.atomic
def import_job_map(*, actor: Any, job: ImportJob, mapping: ColumnMapping) -> ImportJob:
    """Confirm which column holds what; the job is then ready to run."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require(job, ImportJob.Status.UPLOADED)
    problems = mapping.problems(job.headers, job.assessment.subjects)
    if problems:
        raise ValidationError(problems)
    _refuse_if_busy(job)
    job.mapping = mapping.to_json()
    job.status = ImportJob.Status.QUEUED
    job.save(update_fields=["mapping", "status"])
    audit_record(actor=actor, action="import_job.map", obj=job, after={"mapping": job.mapping})
    return job


@transaction.atomic
def import_job_confirm_duplicate(*, actor: Any, job: ImportJob) -> ImportJob:
    """The officer confirms that a file matching the current data is to become a new version
    all the same; the job is queued again and will not be held a second time."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJob.Status.DUPLICATE:
        raise ValidationError(_(ERR_NOT_DUPLICATE))
    _refuse_if_busy(job)
    job.duplicate_confirmed = True
    job.status = ImportJob.Status.QUEUED
    job.started_at = None
    job.save(update_fields=["duplicate_confirmed", "status", "started_at"])
    audit_record(
        actor=actor,
        action="import_job.confirm_duplicate",
        obj=job,
        after={"duplicate_of": job.duplicate_of_id},
    )
    return job


def _refuse_if_busy(job: ImportJob) -> None:
    """One import per assessment at a time; one that stopped making progress is failed."""
    busy = ImportJob.objects.filter(
        assessment=job.assessment, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    ).exclude(pk=job.pk)
    for other in busy:
        if not import_job_progress(other)["stale"]:
            raise ValidationError(_(ERR_BUSY))
        _job_fail(other, [_(ERR_INTERRUPTED)], error_count=1)
        _delete_staged(other)


@transaction.atomic
def import_job_cancel(*, actor: Any, job: ImportJob) -> ImportJob:
    """Give up an upload that has not started; its file is deleted."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require(job, ImportJob.Status.UPLOADED, ImportJob.Status.DUPLICATE)
    job.status = ImportJob.Status.CANCELLED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    _delete_staged(job)
    audit_record(actor=actor, action="import_job.cancel", obj=job)
    return job


def import_job_launch(job: ImportJob) -> threading.Thread | None:
    """Run a queued job: small files at once (None), large ones in a background thread,
    started when the transaction commits and returned for callers that wait (tests)."""
    inline = getattr(settings, "EVALUATION_IMPORTS_INLINE", False)
    if inline or job.file_size <= INLINE_MAX_BYTES:
        run_import_job(job.pk)
        return None
    return start_after_commit(partial(run_import_job, job.pk), name=f"import-job-{job.pk}")


def run_import_job(job_id: int) -> ImportJob:
    """Read, check and write one queued job; every outcome is recorded on the job. Data
    identical to the current version are held for the officer's decision, unwritten."""
    job = _job_start(job_id)
    version = None
    held = False
    try:
        staged = stage_scores(
            staged_file(job),
            mapping=ColumnMapping.from_json(job.mapping),
            schools=district_schools(job.assessment),
            school_aliases=district_school_aliases(job.assessment),
            subjects=list(job.assessment.subjects),
            score_range=(job.assessment.score_min, job.assessment.score_max),
            progress=lambda fraction: _progress(job, "reading", fraction * 0.5),
        )
        same = _same_as_current(job, staged)
        if same is not None:
            held = True
            return _job_hold(job, same, staged)
        _progress(job, "writing", 0.6)
        version = _version_stage(job, staged)
        _version_fill(job, version, staged)
        return _version_publish(job, version, staged)
    except ImportRejected as rejected:
        return _job_fail(job, [str(e) for e in rejected.errors], error_count=_count(rejected))
    except Exception as error:
        log.exception("import job %s failed", job_id)
        if version is not None:
            _version_discard(version)
        return _job_fail(job, [_(ERR_FAILED) % {"error": error}], error_count=1)
    finally:
        if held:
            _progress_path(job).unlink(missing_ok=True)
        else:
            _delete_staged(job)


def _same_as_current(job: ImportJob, staged: StagedScores) -> DataVersion | None:
    """The current version when it holds exactly these data and nobody confirmed a copy."""
    if job.duplicate_confirmed:
        return None
    current = job.assessment.current_version
    return current if current is not None and current.digest == staged.digest else None


@transaction.atomic
def _job_hold(job: ImportJob, same: DataVersion, staged: StagedScores) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    job.status = ImportJob.Status.DUPLICATE
    job.duplicate_of = same
    job.rows_read = len(staged)
    job.save(update_fields=["status", "duplicate_of", "rows_read"])
    audit_record(
        actor=job.created_by,
        action="import_job.hold_duplicate",
        obj=job,
        after={"duplicate_of": same.pk, "digest": same.digest},
    )
    return job


def _count(rejected: ImportRejected) -> int:
    return int(getattr(rejected, "total", len(rejected.errors)))


def job_mapping(job: ImportJob) -> ColumnMapping:
    return ColumnMapping.from_json(job.mapping)


def district_school_names(assessment: Assessment) -> dict[str, str]:
    schools = School.objects.filter(district_id=assessment.district_id)
    return {
        code: str(short or name)
        for code, short, name in schools.values_list("code", "short_name", "name")
    }


def district_school_aliases(assessment: Assessment) -> dict[str, str | None]:
    """The district's school names (full and short) with the code each stands for, so that a
    score file may name schools rather than give their codes; None for a name several schools
    share, which the import refuses rather than guess."""
    aliases: dict[str, str | None] = {}
    schools = School.objects.filter(district_id=assessment.district_id)
    for code, name, short in schools.values_list("code", "name", "short_name"):
        for alias in {name.strip(), (short or "").strip()} - {""}:
            aliases[alias] = code if aliases.get(alias, code) == code else None
    return aliases


def district_schools(assessment: Assessment) -> dict[str, tuple[int, int]]:
    codes = School.objects.filter(district_id=assessment.district_id).order_by("code")
    return {code: (index, pk) for index, (code, pk) in enumerate(codes.values_list("code", "pk"))}


@transaction.atomic
def _job_start(job_id: int) -> ImportJob:
    job = ImportJob.objects.select_for_update().select_related("assessment").get(pk=job_id)
    _require(job, ImportJob.Status.QUEUED)
    job.status = ImportJob.Status.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])
    audit_record(actor=job.created_by, action="import_job.start", obj=job)
    return job


@transaction.atomic
def _version_stage(job: ImportJob, staged: StagedScores) -> DataVersion:
    # Only one job per assessment runs at a time, so any staging version here was left behind
    # by an import that died: its rows go.
    for stale in job.assessment.versions.filter(status=DataVersion.Status.STAGING):
        _version_discard(stale)
    last = job.assessment.versions.aggregate(last=Max("number"))["last"] or 0
    return DataVersion.objects.create(
        assessment=job.assessment,
        number=last + 1,
        status=DataVersion.Status.STAGING,
        digest=staged.digest,
        row_count=len(staged),
        student_count=staged.student_count,
        school_count=staged.school_count,
        subjects=staged.subjects_present,
        source_name=job.file_name,
        created_by=job.created_by,
    )


def _version_fill(job: ImportJob, version: DataVersion, staged: StagedScores) -> None:
    """Insert the rows chunk by chunk with executemany: the ORM's bulk_create spends most of
    its time building SQL for each object, ten times slower at this size."""
    meta = AssessmentResult._meta
    quote = connection.ops.quote_name
    columns = [
        meta.get_field(name).column
        for name in (
            "version",
            "school",
            "student_key",
            "subject",
            "score",
            "gender",
            "ses",
            "special_needs",
        )
    ]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  (names from the model)
        quote(meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    done = 0
    for batch in staged.batches(WRITE_CHUNK):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, [(version.pk, *row) for row in batch])
        done += len(batch)
        _progress(job, "writing", 0.6 + 0.4 * done / max(len(staged), 1))


@transaction.atomic
def _version_publish(job: ImportJob, version: DataVersion, staged: StagedScores) -> ImportJob:
    now = timezone.now()
    previous = job.assessment.versions.filter(status=DataVersion.Status.ACTIVE)
    for old in previous.select_for_update():
        old.status = DataVersion.Status.SUPERSEDED
        old.save(update_fields=["status"])
    version.status = DataVersion.Status.ACTIVE
    version.published_at = now
    version.save(update_fields=["status", "published_at"])
    job.status = ImportJob.Status.SUCCEEDED
    job.version = version
    job.rows_read = len(staged)
    job.finished_at = now
    job.save(update_fields=["status", "version", "rows_read", "finished_at"])
    audit_record(
        actor=job.created_by,
        action="data_version.publish",
        obj=version,
        after={
            "rows": version.row_count,
            "students": version.student_count,
            "schools": version.school_count,
            "digest": version.digest,
            "file_name": job.file_name,
        },
    )
    return job


@transaction.atomic
def _job_fail(job: ImportJob, errors: list[str], *, error_count: int) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    job.status = ImportJob.Status.FAILED
    job.errors = errors
    job.error_count = error_count
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "errors", "error_count", "finished_at"])
    audit_record(
        actor=job.created_by,
        action="import_job.fail",
        obj=job,
        after={"error_count": error_count, "first_errors": errors[:5]},
    )
    return job


@transaction.atomic
def _version_discard(version: DataVersion) -> None:
    """A staging version whose import broke off: its rows go, the number stays used."""
    AssessmentResult.objects.filter(version=version).delete()
    version.status = DataVersion.Status.DISCARDED
    version.save(update_fields=["status"])


def _progress_path(job: ImportJob) -> Path:
    # Named after the staged upload's random name, not the job's number: two databases
    # (a demo and a test run, or parallel test workers) may share one staging directory.
    return staging_dir() / f"{Path(job.staged_name).stem or f'job-{job.pk}'}.progress"


def _progress(job: ImportJob, phase: str, fraction: float) -> None:
    """Progress lives in a small file, not the database: the import's writes would hide it."""
    write_progress(_progress_path(job), phase, fraction)


def import_job_progress(job: ImportJob) -> dict[str, Any]:
    """{"phase": ..., "fraction": 0..1, "stale": bool} for the progress bar. Before its file
    says anything, a job is silent since it started or, still queued, since its upload."""
    if job.status == ImportJob.Status.SUCCEEDED:
        return {"phase": "done", "fraction": 1.0, "stale": False}
    silent_since = job.started_at
    if silent_since is None and job.status == ImportJob.Status.QUEUED:
        silent_since = job.created_at
    return job_progress(_progress_path(job), silent_since=silent_since, active=job.is_active)


def _delete_staged(job: ImportJob) -> None:
    if job.staged_name:
        (staging_dir() / job.staged_name).unlink(missing_ok=True)
    _progress_path(job).unlink(missing_ok=True)


def copy_to_staging(source: Path, suffix: str) -> str:
    """For the demo and benchmarks: place a file where an upload would be kept."""
    name = f"{uuid.uuid4().hex}{suffix}"
    shutil.copyfile(source, staging_dir() / name)
    return name


TEMPLATE_HEADERS = [
    "学籍号",
    "学校代码",
    "科目",
    "成绩",
    "性别",
    "家庭社会经济地位指数",
    "特殊教育需要",
]


def score_template(assessment: Assessment) -> bytes:
    """An XLSX to fill in, header in row 1 as the import expects: one row per student and
    subject, with one example row to overwrite."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("成绩"))
    sheet.freeze_panes = "A2"
    header = []
    for title in TEMPLATE_HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    sheet.append(
        ["G310112201001011234", "（学校代码）", assessment.subjects[0], 0, "女", 0.12, "否"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
