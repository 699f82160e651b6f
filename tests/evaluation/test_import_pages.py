from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.evaluation.factories import AssessmentFactory
from tests.evaluation.files import csv_upload
from tests.personas import World
from yinling.evaluation.models import ImportJob

pytestmark = pytest.mark.django_db

MAPPING = {"student": "学籍号", "school": "学校代码", "subject": "科目", "score": "成绩"}


def _upload(client: Client, assessment: object, rows: list[list[object]]) -> ImportJob:
    url = reverse("evaluation:import_upload", kwargs={"pk": assessment.pk})
    response = client.post(url, {"file": csv_upload(rows)})
    assert response.status_code == 302
    return ImportJob.objects.latest("pk")


def test_the_office_uploads_maps_and_imports_a_file(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("programme_officer")
    assessment = AssessmentFactory(district=world.district, subjects=["语文"])
    job = _upload(client, assessment, [["G1", world.school_a.code, "语文", 80, "男"]])
    mapping_url = reverse("evaluation:import_mapping", kwargs={"pk": job.pk})
    page = client.get(mapping_url)
    assert "甲校" in page.content.decode()  # the preview names the school
    response = client.post(mapping_url, MAPPING)
    assert response.status_code == 302
    status = client.get(response["Location"]).content.decode()
    assert "已导入" in status
    assert assessment.current_version.row_count == 1


def test_the_preview_follows_the_chosen_columns_and_shows_row_problems(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("district_admin")
    assessment = AssessmentFactory(district=world.district, subjects=["语文"])
    job = _upload(client, assessment, [["G1", "NOPE", "语文", 80, "男"]])
    url = reverse("evaluation:import_preview", kwargs={"pk": job.pk})
    html = client.post(url, MAPPING, HTTP_HX_REQUEST="true").content.decode()
    assert "学校代码“NOPE”不是本区的学校" in html
    assert "G1" not in html  # only the pseudonym is shown


def test_a_file_with_bad_rows_lists_them_on_the_status_page(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("district_admin")
    assessment = AssessmentFactory(district=world.district, subjects=["语文"], score_max=100)
    job = _upload(client, assessment, [["G1", world.school_a.code, "语文", 180, "男"]])
    url = reverse("evaluation:import_mapping", kwargs={"pk": job.pk})
    status = client.get(client.post(url, MAPPING)["Location"]).content.decode()
    assert "第 2 行“成绩”列：成绩 180 超出本次测试的分数范围（0–100）" in status
    assert assessment.current_version is None


def test_a_finished_job_tells_the_polling_page_to_reload(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("district_admin")
    assessment = AssessmentFactory(district=world.district, subjects=["语文"])
    job = _upload(client, assessment, [["G1", world.school_a.code, "语文", 80, "男"]])
    client.post(reverse("evaluation:import_mapping", kwargs={"pk": job.pk}), MAPPING)
    url = reverse("evaluation:import_progress", kwargs={"pk": job.pk})
    assert client.get(url, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"


def test_the_import_template_has_its_header_in_the_first_row(
    world: World, client_for: Callable[[str], Client]
) -> None:
    import io

    from openpyxl import load_workbook

    assessment = AssessmentFactory(district=world.district)
    url = reverse("evaluation:import_template", kwargs={"pk": assessment.pk})
    sheet = load_workbook(io.BytesIO(client_for("district_admin").get(url).content)).active
    assert [c.value for c in sheet[1]][:4] == ["学籍号", "学校代码", "科目", "成绩"]


def test_an_office_creates_an_assessment_from_the_form(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("district_admin")
    response = client.post(
        reverse("evaluation:assessment_create"),
        {
            "district": world.district.pk,
            "name": "2023学年九年级中考",
            "kind": "zhongkao",
            "grade": 9,
            "subjects": "语文，数学、英语",
            "school_year": 2023,
            "held_on": "2024-06-15",
            "score_min": 0,
            "score_max": 150,
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "语文、数学、英语" in detail


def test_the_preview_accepts_a_school_given_by_name(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("programme_officer")
    assessment = AssessmentFactory(district=world.district, subjects=["语文"])
    job = _upload(client, assessment, [["G1", "乙校", "语文", 80, "男"]])
    page = client.get(reverse("evaluation:import_mapping", kwargs={"pk": job.pk})).content
    html = page.decode()
    assert "乙校" in html
    assert "不是本区的学校" not in html
    assert "该列可填学校代码，也可填本区学校的全称或简称" in html


def test_a_header_only_file_is_refused_on_the_upload_page_naming_it(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("district_admin")
    assessment = AssessmentFactory(district=world.district, subjects=["语文"])
    url = reverse("evaluation:import_upload", kwargs={"pk": assessment.pk})
    response = client.post(url, {"file": csv_upload([], name="九年级成绩.csv")})
    assert response.status_code == 400
    assert "“九年级成绩.csv”只有表头，没有数据行" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_re_importing_the_current_data_asks_the_officer_before_a_new_version(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("district_admin")
    assessment = AssessmentFactory(district=world.district, subjects=["语文"])
    rows = [["G1", world.school_a.code, "语文", 80, "男"]]
    first = _upload(client, assessment, rows)
    client.post(reverse("evaluation:import_mapping", kwargs={"pk": first.pk}), MAPPING)
    again = _upload(client, assessment, rows)
    response = client.post(reverse("evaluation:import_mapping", kwargs={"pk": again.pk}), MAPPING)
    page = client.get(response["Location"]).content.decode()
    version = assessment.current_version
    assert "文件中的数据与第 1 版数据完全相同" in page
    assert f"{world.district_admin} 于 " in page
    assert assessment.versions.count() == 1
    confirm = reverse("evaluation:import_confirm_duplicate", kwargs={"pk": again.pk})
    client.post(confirm)
    assert assessment.versions.count() == 2
    assert assessment.current_version.digest == version.digest


def test_the_assessment_page_writes_import_times_as_it_writes_the_test_date(
    world: World, client_for: Callable[[str], Client]
) -> None:
    import datetime

    from django.utils import timezone

    client = client_for("district_admin")
    assessment = AssessmentFactory(district=world.district, subjects=["语文"])
    job = _upload(client, assessment, [["G1", world.school_a.code, "语文", 80, "男"]])
    client.post(reverse("evaluation:import_mapping", kwargs={"pk": job.pk}), MAPPING)
    moment = timezone.make_aware(datetime.datetime(2026, 11, 23, 1, 19))
    ImportJob.objects.filter(pk=job.pk).update(created_at=moment)
    assessment.versions.update(published_at=moment)
    url = reverse("evaluation:assessment_detail", kwargs={"pk": assessment.pk})
    page = client.get(url).content.decode()
    assert "考试日期：2023年9月15日" in page
    assert page.count("2026年11月23日 01:19") == 2
    assert "2026-11-23" not in page
