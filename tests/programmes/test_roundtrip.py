"""The round's spreadsheet: export with stable IDs, edit, import back; errors per row, atomic."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.personas import World
from tests.programmes.factories import make_expert, profile_for, scene
from yinling.core.tabular import ImportRejected
from yinling.programmes import services
from yinling.programmes.exports.roundtrip import round_workbook
from yinling.programmes.models import Decision, ReviewAssignment

pytestmark = pytest.mark.django_db


def _edit(
    content: bytes, edits: dict[str, list[tuple[int, str, object]]], append: dict | None = None
) -> io.BytesIO:
    workbook = load_workbook(io.BytesIO(content))
    for sheet_name, changes in edits.items():
        sheet = workbook[sheet_name]
        headers = [c.value for c in sheet[1]]
        for row, header, value in changes:
            sheet.cell(row=row, column=headers.index(header) + 1, value=value)
    for sheet_name, rows in (append or {}).items():
        sheet = workbook[sheet_name]
        headers = [c.value for c in sheet[1]]
        for values in rows:
            sheet.append([values.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "round.xlsx"
    return buffer


def test_the_workbook_carries_stable_ids_on_three_sheets(world: World) -> None:
    s = scene(world)
    workbook = load_workbook(io.BytesIO(round_workbook(s.round)))
    assert workbook.sheetnames == ["申报", "评审分配", "评审结论"]
    assert workbook["申报"]["A2"].value == s.application.display_id
    assignment = s.application.assignments.get()
    assert workbook["评审分配"]["A2"].value == f"PS-{assignment.pk:05d}"


def test_an_unchanged_workbook_imports_as_unchanged(world: World) -> None:
    s = scene(world)
    result = services.round_import(
        actor=world.programme_officer, round_=s.round, stream=_edit(round_workbook(s.round), {})
    )
    assert (result.reclassified, result.assigned, result.decided) == (0, 0, 0)
    assert result.unchanged >= 2


def test_importing_reclassifies_assigns_withdraws_and_decides(world: World) -> None:
    s = scene(world)
    second = make_expert(world.district, username="second_expert")
    stream = _edit(
        round_workbook(s.round),
        {
            "申报": [(2, "所属领域", "强化信息技术赋能作用")],
            "评审分配": [(2, "撤回", "是")],
            "评审结论": [(2, "结论", "同意立项"), (2, "理由", "目标清晰，可行")],
        },
        append={"评审分配": [{"申报编号": s.application.display_id, "专家账号": "second_expert"}]},
    )
    result = services.round_import(actor=world.programme_officer, round_=s.round, stream=stream)
    s.application.refresh_from_db()
    assert s.application.domain.name == "强化信息技术赋能作用"
    assert list(ReviewAssignment.objects.values_list("expert", flat=True)) == [second.pk]
    decision = Decision.objects.get()
    assert (decision.outcome, decision.reason, decision.released_at) == (
        "approve",
        "目标清晰，可行",
        None,
    )
    assert (result.reclassified, result.assigned, result.withdrawn, result.decided) == (1, 1, 1, 1)


def test_a_bad_row_rejects_the_whole_file_naming_sheet_row_and_column(world: World) -> None:
    s = scene(world)
    stream = _edit(
        round_workbook(s.round),
        {
            "申报": [(2, "所属领域", "强化信息技术赋能作用")],  # valid, must not be written
            "评审结论": [(2, "结论", "通过")],
        },
        append={"评审分配": [{"申报编号": "SB-99999", "专家账号": "nobody"}]},
    )
    with pytest.raises(ImportRejected) as rejected:
        services.round_import(actor=world.programme_officer, round_=s.round, stream=stream)
    messages = [str(e) for e in rejected.value.errors]
    assert "“评审分配”表第 3 行“申报编号”列：本批次没有编号为“SB-99999”的申报" in messages
    assert "“评审分配”表第 3 行“专家账号”列：没有账号为“nobody”的专家" in messages
    assert any(m.startswith("“评审结论”表第 2 行“结论”列：结论只能是") for m in messages)
    s.application.refresh_from_db()
    assert s.application.domain.name == "推进学校育人方式变革"


def test_a_conflicted_assignment_in_the_file_is_a_row_error(world: World) -> None:
    s = scene(world, assign=False)
    profile_for(world, affiliation_school=world.school_a)
    stream = _edit(
        round_workbook(s.round),
        {},
        append={
            "评审分配": [{"申报编号": s.application.display_id, "专家账号": world.expert.username}]
        },
    )
    with pytest.raises(ImportRejected) as rejected:
        services.round_import(actor=world.programme_officer, round_=s.round, stream=stream)
    assert "存在利害关系（本校）" in str(rejected.value.errors[0])
    assert not ReviewAssignment.objects.exists()


def test_the_import_page_lists_the_errors(world: World, client_for) -> None:  # noqa: ANN001
    s = scene(world)
    stream = _edit(round_workbook(s.round), {"申报": [(2, "所属领域", "不存在的领域")]})
    response = client_for("programme_officer").post(
        f"/programmes/rounds/{s.round.pk}/import/", {"file": stream}
    )
    assert response.status_code == 400
    assert "本项目没有“不存在的领域”领域" in response.content.decode()


def test_a_file_that_is_not_the_rounds_workbook_is_refused(world: World) -> None:
    s = scene(world)
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["随便", "什么"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(ImportRejected, match="缺少“申报”工作表"):
        services.round_import(actor=world.programme_officer, round_=s.round, stream=buffer)
