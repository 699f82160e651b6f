"""Uploading a policy document: the engine's breakdown becomes a draft; bad files are refused."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

from tests.personas import World
from tests.plans.builders import department
from yinling.core.demo import seed_path
from yinling.core.demo.places import MINHANG_DEPARTMENTS
from yinling.plans.models import Plan, Target

pytestmark = pytest.mark.django_db

NUMBERED = "关于推进学校体育工作的意见\n\n一、总体要求\n\n1. 深化学校体育改革。到2025年，学生体质健康优良率达到60%以上。（责任部门：区体育局）\n"


def upload(
    client: Client, world: World, name: str, content: bytes, district: object = None
) -> object:
    file = SimpleUploadedFile(name, content)
    target = district or world.district
    return client.post("/plans/upload/", {"district": target.pk, "file": file})


def test_an_officer_uploads_seed_004_and_gets_a_draft_with_25_tasks(
    world: World, client_for: Callable[[str], Client]
) -> None:
    for name in MINHANG_DEPARTMENTS:
        department(world.other_district, name)
    client = client_for("other_district_admin")  # the office of 闵行区
    response = upload(
        client, world, "004.txt", seed_path("004").read_bytes(), district=world.other_district
    )
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{plan.pk}/edit/"
    assert plan.doc_number == "闵委发〔2023〕6号"
    assert plan.status == Plan.State.DRAFT
    assert plan.source_filename == "004.txt"
    assert plan.source_file.read().startswith(seed_path("004").read_bytes()[:100])
    tasks = plan.items.filter(is_task=True)
    assert tasks.count() == 25
    assert not tasks.exclude(unmatched_departments=[]).exists()  # every name matched
    assert Target.objects.filter(item__plan=plan, unit="名", value=1000).count() == 2
    page = client.get(f"/plans/{plan.pk}/edit/").content.decode()
    assert "健全党对教育工作全面领导的体制机制" in page


def test_a_word_document_is_read_as_well(world: World, client_for: Callable[[str], Client]) -> None:
    department(world.district, "区体育局")
    document = Document()
    for line in NUMBERED.strip().splitlines():
        if line:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    response = upload(client_for("programme_officer"), world, "意见.docx", buffer.getvalue())
    assert response.status_code == 302
    task = Plan.objects.get().items.get(is_task=True)
    assert task.heading == "深化学校体育改革"
    assert list(task.assignments.values_list("department__name", flat=True)) == ["区体育局"]


@pytest.mark.parametrize("content", [b"", "没有任何编号的一段文字。".encode()])
def test_a_document_without_numbering_gets_no_numbered_items_found(
    content: bytes, world: World, client_for: Callable[[str], Client]
) -> None:
    response = upload(client_for("programme_officer"), world, "空.txt", content)
    assert response.status_code == 400
    assert "未找到编号条目" in response.content.decode()
    assert "no numbered items found" in response.content.decode()
    assert not Plan.objects.exists()


def test_a_gb18030_text_file_is_decoded(world: World, client_for: Callable[[str], Client]) -> None:
    response = upload(
        client_for("programme_officer"), world, "意见.txt", NUMBERED.encode("gb18030")
    )
    assert response.status_code == 302
    assert Plan.objects.get().items.filter(is_task=True).count() == 1


@pytest.mark.parametrize("name", ["意见.xls", "意见.exe", "意见"])
def test_other_file_types_are_refused(
    name: str, world: World, client_for: Callable[[str], Client]
) -> None:
    response = upload(client_for("programme_officer"), world, name, NUMBERED.encode())
    assert response.status_code == 400
    assert "不支持的文件类型" in response.content.decode()
    assert not Plan.objects.exists()


def test_a_file_over_the_limit_is_refused(
    world: World, client_for: Callable[[str], Client], settings
) -> None:  # noqa: ANN001
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    big = NUMBERED.encode() + b" " * (1024 * 1024)
    response = upload(client_for("programme_officer"), world, "意见.txt", big)
    assert response.status_code == 400
    assert "文件超过 1 MB 上限" in response.content.decode()
    assert not Plan.objects.exists()


def test_an_officer_cannot_upload_into_another_district(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = upload(
        client_for("programme_officer"),
        world,
        "意见.txt",
        NUMBERED.encode(),
        district=world.other_district,
    )
    assert response.status_code == 200  # the district is not among the form's choices
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("意见.pdf", b"%PDF-1.4 broken", "无法读取“意见.pdf”：文件已损坏"),
        ("意见.docx", b"PK\x03\x04broken", "不支持的文件类型：“意见.docx”不是"),
        ("意见.pdf", b"%PDF-1.4\n%%EOF", "无法读取“意见.pdf”"),
    ],
)
def test_an_unreadable_document_is_refused_in_chinese_naming_the_file(
    name: str, content: bytes, message: str, world: World, client_for: Callable[[str], Client]
) -> None:
    response = upload(client_for("programme_officer"), world, name, content)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "unreadable" not in page and "unsupported file type" not in page
    assert not Plan.objects.exists()


def test_an_unreadable_document_is_refused_in_english_for_an_english_reader(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("programme_officer")
    client.cookies["django_language"] = "en"
    response = upload(client, world, "意见.pdf", b"%PDF-1.4 broken")
    page = response.content.decode()
    assert "意见.pdf" in page and "无法读取" not in page and "文件已损坏" not in page


def test_a_legacy_word_file_renamed_to_docx_is_told_to_be_saved_as_docx(
    world: World, client_for: Callable[[str], Client]
) -> None:
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    response = upload(client_for("programme_officer"), world, "意见.docx", legacy)
    assert "旧版 Word 文件请另存为 .docx 后上传" in response.content.decode()
