from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.evaluation.factories import AssessmentFactory
from tests.evaluation.files import csv_upload, xlsx_upload
from tests.personas import World
from yinling.core.tabular import ImportRejected
from yinling.evaluation.column_mapping import ColumnMapping
from yinling.evaluation.models import AssessmentResult, DataVersion, ImportJob
from yinling.evaluation.pseudonyms import student_key
from yinling.evaluation.services.imports import (
    import_job_cancel,
    import_job_confirm_duplicate,
    import_job_map,
    import_job_upload,
    run_import_job,
    staging_dir,
)

pytestmark = pytest.mark.django_db

LONG = ColumnMapping(
    student="学籍号", school="学校代码", subject="科目", score="成绩", gender="性别"
)


@pytest.fixture
def assessment(world: World) -> object:
    return AssessmentFactory(district=world.district, subjects=["语文", "数学"], score_max=120)


def _run(
    world: World, assessment: object, upload: object, mapping: ColumnMapping = LONG
) -> ImportJob:
    job = import_job_upload(actor=world.district_admin, assessment=assessment, upload=upload)
    job = import_job_map(actor=world.district_admin, job=job, mapping=mapping)
    return run_import_job(job.pk)


def _rows(world: World) -> list[list[object]]:
    a, b = world.school_a.code, world.school_b.code
    return [
        ["G0001", a, "语文", 101, "男"],
        ["G0001", a, "数学", 99.5, "男"],
        ["G0002", b, "语文", 88, "女"],
        ["G0002", b, "数学", 120, "女"],
    ]


def test_a_valid_file_becomes_the_assessments_current_version(
    world: World, assessment: object
) -> None:
    job = _run(world, assessment, csv_upload(_rows(world)))
    assert job.status == ImportJob.Status.SUCCEEDED
    version = assessment.current_version
    assert (version.row_count, version.student_count, version.school_count) == (4, 2, 2)
    assert version.subjects == ["语文", "数学"]
    score = AssessmentResult.objects.get(version=version, subject="数学", school=world.school_a)
    assert (score.score, score.gender) == (99.5, "M")


def test_real_student_ids_are_never_stored_only_their_keyed_hash(
    world: World, assessment: object
) -> None:
    _run(world, assessment, csv_upload(_rows(world)))
    keys = set(AssessmentResult.objects.values_list("student_key", flat=True))
    assert keys == {student_key("G0001"), student_key("G0002")}
    with connection.cursor() as cursor:
        for table in ("evaluation_assessmentresult", "evaluation_importjob", "core_auditevent"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608  (fixed table names)
            assert "G0001" not in repr(cursor.fetchall())


def test_the_uploaded_file_is_deleted_once_the_import_ends(
    world: World, assessment: object
) -> None:
    _run(world, assessment, csv_upload(_rows(world)))
    assert not list(Path(staging_dir()).iterdir())


def test_a_gb18030_csv_reads_like_utf8(world: World, assessment: object) -> None:
    job = _run(world, assessment, csv_upload(_rows(world), encoding="gb18030"))
    assert job.status == ImportJob.Status.SUCCEEDED


def test_a_wide_excel_sheet_with_one_column_per_subject_imports(
    world: World, assessment: object
) -> None:
    rows = [["G0001", world.school_a.code, 90, 91], ["G0002", world.school_b.code, 80, 81]]
    upload = xlsx_upload(rows, ["学号", "学校代码", "语文", "数学"])
    mapping = ColumnMapping(
        student="学号", school="学校代码", subject_columns={"语文": "语文", "数学": "数学"}
    )
    job = _run(world, assessment, upload, mapping)
    assert job.status == ImportJob.Status.SUCCEEDED
    assert job.version.row_count == 4


def test_every_bad_row_is_named_by_row_and_column_and_nothing_is_written(
    world: World, assessment: object
) -> None:
    a = world.school_a.code
    rows = [
        ["G0001", "NOPE", "语文", 90, "男"],
        ["G0002", a, "语文", 121, "男"],
        ["G0003", a, "物理", 80, "女"],
        ["", a, "语文", 80, "女"],
        ["G0005", a, "语文", "缺考", "女"],
        ["G0006", a, "语文", 70, "X"],
        ["G0007", a, "数学", 70, "女"],
        ["g0007", a, "数学", 71, "女"],
    ]
    job = _run(world, assessment, csv_upload(rows))
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        "第 2 行“学校代码”列：学校代码“NOPE”不是本区的学校",
        "第 3 行“成绩”列：成绩 121 超出本次测试的分数范围（0–120）",
        "第 4 行“科目”列：“物理”不是本次测试的科目（语文、数学）",
        "第 5 行“学籍号”列：缺少数据",
        "第 6 行“成绩”列：“缺考”不是数字",
        "第 7 行“性别”列：性别“X”无法识别，请填写“男”或“女”",
        "第 9 行：同一学生的“数学”成绩与第 8 行重复",
    ]
    assert job.error_count == 7
    assert not DataVersion.objects.exists()
    assert not AssessmentResult.objects.exists()


def test_a_new_import_supersedes_the_old_version_but_keeps_its_rows(
    world: World, assessment: object
) -> None:
    first = _run(world, assessment, csv_upload(_rows(world))).version
    second = _run(world, assessment, csv_upload(_rows(world)[:2])).version
    first.refresh_from_db()
    assert first.status == DataVersion.Status.SUPERSEDED
    assert assessment.current_version == second
    assert first.results.count() == 4


def test_a_file_matching_the_current_data_is_held_before_anything_is_written(
    world: World, assessment: object
) -> None:
    first = _run(world, assessment, csv_upload(_rows(world))).version
    again = _run(world, assessment, xlsx_upload(list(reversed(_rows(world)))))
    assert again.status == ImportJob.Status.DUPLICATE
    assert again.duplicate_of == first and again.version is None
    assert list(assessment.versions.all()) == [first]
    assert (Path(staging_dir()) / again.staged_name).exists()  # kept for the decision


def test_a_held_duplicate_becomes_a_new_version_only_when_confirmed(
    world: World, assessment: object
) -> None:
    first = _run(world, assessment, csv_upload(_rows(world))).version
    held = _run(world, assessment, csv_upload(_rows(world)))
    confirmed = import_job_confirm_duplicate(actor=world.district_admin, job=held)
    second = run_import_job(confirmed.pk).version
    assert second.number == first.number + 1 and second.digest == first.digest
    assert assessment.current_version == second


def test_cancelling_a_held_duplicate_writes_nothing_and_deletes_the_file(
    world: World, assessment: object
) -> None:
    first = _run(world, assessment, csv_upload(_rows(world))).version
    held = _run(world, assessment, csv_upload(_rows(world)))
    import_job_cancel(actor=world.district_admin, job=held)
    assert list(assessment.versions.all()) == [first]
    assert not list(Path(staging_dir()).iterdir())


def test_the_same_rows_in_another_order_have_the_same_fingerprint(
    world: World, assessment: object
) -> None:
    first = _run(world, assessment, csv_upload(_rows(world))).version
    held = _run(world, assessment, xlsx_upload(list(reversed(_rows(world)))))
    second = run_import_job(
        import_job_confirm_duplicate(actor=world.district_admin, job=held).pk
    ).version
    changed = _rows(world)
    changed[0][3] = 100
    third = _run(world, assessment, csv_upload(changed)).version
    assert first.digest == second.digest != third.digest


def test_a_mapping_without_scores_is_refused(world: World, assessment: object) -> None:
    job = import_job_upload(
        actor=world.district_admin, assessment=assessment, upload=csv_upload(_rows(world))
    )
    with pytest.raises(ValidationError) as error:
        import_job_map(
            actor=world.district_admin,
            job=job,
            mapping=ColumnMapping(student="学籍号", school="学校代码"),
        )
    assert "请选择“科目”和“成绩”两列" in error.value.messages[0]


def test_the_upload_guesses_the_mapping_from_usual_headers(
    world: World, assessment: object
) -> None:
    job = import_job_upload(
        actor=world.district_admin, assessment=assessment, upload=csv_upload(_rows(world))
    )
    assert ColumnMapping.from_json(job.mapping) == LONG


def test_a_file_without_a_header_is_refused_at_upload(world: World, assessment: object) -> None:
    with pytest.raises(ImportRejected):
        import_job_upload(
            actor=world.district_admin, assessment=assessment, upload=csv_upload([], headers=[""])
        )
    assert not list(Path(staging_dir()).iterdir())


@pytest.mark.parametrize("upload", [csv_upload, xlsx_upload])
def test_a_file_with_a_header_but_no_rows_is_refused_at_upload_by_name(
    world: World, assessment: object, upload: object
) -> None:
    empty = upload([[""] * 5], name="空表.csv" if upload is csv_upload else "空表.xlsx")
    with pytest.raises(ImportRejected) as refused:
        import_job_upload(actor=world.district_admin, assessment=assessment, upload=empty)
    assert f"“{empty.name}”只有表头，没有数据行" in str(refused.value.errors[0])
    assert not ImportJob.objects.exists()
    assert not list(Path(staging_dir()).iterdir())


def test_cancelling_an_upload_deletes_its_file(world: World, assessment: object) -> None:
    job = import_job_upload(
        actor=world.district_admin, assessment=assessment, upload=csv_upload(_rows(world))
    )
    import_job_cancel(actor=world.district_admin, job=job)
    assert not list(Path(staging_dir()).iterdir())


def test_an_import_that_died_does_not_block_the_next_one(world: World, assessment: object) -> None:
    import datetime

    from django.utils import timezone

    from yinling.evaluation.services.imports import ERR_BUSY, ERR_INTERRUPTED

    dead = import_job_upload(
        actor=world.district_admin, assessment=assessment, upload=csv_upload(_rows(world))
    )
    dead = import_job_map(actor=world.district_admin, job=dead, mapping=LONG)
    fresh = import_job_upload(
        actor=world.district_admin, assessment=assessment, upload=csv_upload(_rows(world))
    )
    with pytest.raises(ValidationError) as busy:
        import_job_map(actor=world.district_admin, job=fresh, mapping=LONG)
    assert busy.value.messages == [ERR_BUSY]
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ImportJob.objects.filter(pk=dead.pk).update(status="running", started_at=an_hour_ago)
    import_job_map(actor=world.district_admin, job=fresh, mapping=LONG)
    assert run_import_job(fresh.pk).status == ImportJob.Status.SUCCEEDED
    dead.refresh_from_db()
    assert (dead.status, dead.errors) == (ImportJob.Status.FAILED, [ERR_INTERRUPTED])


def test_a_large_file_is_imported_in_a_background_thread(
    world: World, assessment: object, monkeypatch: pytest.MonkeyPatch, transactional_db: None
) -> None:
    from yinling.evaluation.services import imports

    monkeypatch.setattr(imports, "INLINE_MAX_BYTES", 0)  # every file counts as large
    job = import_job_upload(
        actor=world.district_admin, assessment=assessment, upload=csv_upload(_rows(world))
    )
    job = import_job_map(actor=world.district_admin, job=job, mapping=LONG)

    thread = imports.import_job_launch(job)

    assert thread is not None
    thread.join()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED
    version = assessment.current_version
    assert version.status == DataVersion.Status.ACTIVE and version.row_count == 4
    assert not list(Path(staging_dir()).iterdir())


def test_a_school_may_be_given_by_its_name_or_short_name(world: World, assessment: object) -> None:
    rows = [
        ["G0001", "上海市宝山区甲校", "语文", 101, "男"],
        ["G0002", "乙校", "语文", 88, "女"],
    ]
    by_name = _run(world, assessment, csv_upload(rows))
    assert by_name.status == ImportJob.Status.SUCCEEDED, by_name.errors
    schools = dict(AssessmentResult.objects.values_list("student_key", "school_id"))
    assert schools == {
        student_key("G0001"): world.school_a.pk,
        student_key("G0002"): world.school_b.pk,
    }


def test_a_file_with_school_names_stores_the_same_data_as_one_with_codes(
    world: World, assessment: object
) -> None:
    names = {world.school_a.code: "甲校", world.school_b.code: "乙校"}
    by_code = _run(world, assessment, csv_upload(_rows(world))).version
    renamed = [[r[0], names[r[1]], *r[2:]] for r in _rows(world)]
    by_name = _run(world, assessment, csv_upload(renamed))
    assert by_name.duplicate_of == by_code  # the same data: held as a copy of the first


def test_a_name_two_schools_share_is_refused_with_the_row(world: World, assessment: object) -> None:
    from tests.factories import SchoolFactory

    SchoolFactory(district=world.district, name="上海市宝山区丁校", short_name="甲校")
    job = _run(world, assessment, csv_upload([["G0001", "甲校", "语文", 101, "男"]]))
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == ["第 2 行“学校代码”列：本区有多所学校名为“甲校”，请改填学校代码"]


def test_a_school_column_headed_only_school_is_guessed(world: World, assessment: object) -> None:
    upload = csv_upload(_rows(world), ["学籍号", "学校", "科目", "成绩", "性别"])
    job = import_job_upload(actor=world.district_admin, assessment=assessment, upload=upload)
    assert ColumnMapping.from_json(job.mapping).school == "学校"


def test_a_school_code_column_is_preferred_to_a_school_name_column(
    world: World, assessment: object
) -> None:
    headers = ["学籍号", "学校名称", "学校代码", "科目", "成绩", "性别"]
    rows = [[r[0], "甲校", *r[1:]] for r in _rows(world)]
    job = import_job_upload(
        actor=world.district_admin, assessment=assessment, upload=csv_upload(rows, headers)
    )
    assert ColumnMapping.from_json(job.mapping).school == "学校代码"
