"""Plan supervision in the access matrix: what each persona gets on every plans URL.

Readers of the district (admin, programme officer, leader) read everything in it; the office
writes; the department reporter (区体育局) sees and reports only its own task (一/1); another
district's admin gets 404 for anything of this district; school roles, experts and outsiders
have no part in plan supervision (403).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.access import Access, Kwargs, expect
from tests.personas import World
from tests.plans.builders import SmallPlan, evidence, notice, report, small_plan
from yinling.plans.models import Plan, ProgressReport

OFFICE = {"district_admin": 200, "programme_officer": 200, "other_district_admin": 200}
READERS = {**OFFICE, "leader": 200}
SECTION = {**READERS, "department_reporter": 200}  # the plans section itself
DISTRICT_READERS = {
    "district_admin": 200,
    "programme_officer": 200,
    "leader": 200,
    "other_district_admin": 404,
}
WITH_DEPARTMENT = {**DISTRICT_READERS, "department_reporter": 200}
# Only the responsible department reports; readers see the task (403), other districts do not.
REPORTER_ONLY = {
    "department_reporter": 200,
    "district_admin": 403,
    "programme_officer": 403,
    "leader": 403,
    "other_district_admin": 404,
}


def _cached(world: World) -> dict[str, Any]:
    """One published plan with a report, its evidence and a notice; one incomplete draft."""
    cache = world.extra.get("plans")
    if cache is None:
        published = small_plan(world)
        submitted = report(
            published.fitness,
            published.sport_department,
            "2024-Q1",
            52,
            status=ProgressReport.State.SUBMITTED,
        )
        draft = small_plan(world, status=Plan.State.DRAFT, title="草稿规划")
        draft.sport.assignments.all().delete()  # a task without a lead: publishing is refused
        cache = {
            "published": published,
            "report": submitted,
            "evidence": evidence(submitted),
            "notice": notice(
                published.sport,
                [published.sport_department],
                timezone.localdate() + timedelta(days=7),
            ),
            "draft": draft,
        }
        world.extra["plans"] = cache
    return cache


def published(world: World) -> SmallPlan:
    return _cached(world)["published"]


def draft(world: World) -> SmallPlan:
    return _cached(world)["draft"]


def fresh_draft(world: World) -> SmallPlan:
    return small_plan(world, status=Plan.State.DRAFT, title="待删除的草稿")


# A draft is the office's own work: leaders may read it (403 to change it), the department and
# other districts never see it (404).
DRAFT_EDIT = {
    "district_admin": 200,
    "programme_officer": 200,
    "leader": 403,
    "department_reporter": 404,
    "other_district_admin": 404,
}
DRAFT_POST = {k: (302 if v == 200 else v) for k, v in DRAFT_EDIT.items()}
NOT_GET = expect(405, anonymous=405, superuser=405)


def draft_form(kwargs: Kwargs) -> Access:
    """A page of the draft editor: a form shown on GET and shown again for an empty POST."""
    return Access(get=expect(**DRAFT_EDIT), post=expect(**DRAFT_EDIT), kwargs=kwargs)


def draft_action(kwargs: Kwargs) -> Access:
    """A change to a draft, posted from the editor, which then redirects back to it."""
    return Access(get=NOT_GET, post=expect(superuser=302, **DRAFT_POST), kwargs=kwargs)


ACCESS = {
    "plans:plan_list": Access(get=expect(**SECTION)),
    "plans:plan_create": Access(get=expect(**OFFICE), post=expect(**OFFICE)),
    "plans:plan_upload": Access(get=expect(**OFFICE), post=expect(**OFFICE)),
    "plans:plan_import": Access(get=expect(**OFFICE), post=expect(**OFFICE)),
    "plans:plan_import_template": Access(get=expect(**OFFICE)),
    "plans:plan_detail": Access(
        get=expect(**WITH_DEPARTMENT), kwargs=lambda w: {"pk": published(w).plan.pk}
    ),
    "plans:plan_discard": draft_action(lambda w: {"pk": fresh_draft(w).plan.pk}),
    "plans:plan_export_xlsx": Access(
        get=expect(department_reporter=403, **DISTRICT_READERS),
        kwargs=lambda w: {"pk": published(w).plan.pk},
    ),
    "plans:plan_export_docx": Access(
        get=expect(department_reporter=403, **DISTRICT_READERS),
        kwargs=lambda w: {"pk": published(w).plan.pk},
    ),
    "plans:plan_export_csv": Access(
        get=expect(department_reporter=403, **DISTRICT_READERS),
        kwargs=lambda w: {"pk": published(w).plan.pk},
    ),
    "plans:plan_edit": draft_form(lambda w: {"pk": draft(w).plan.pk}),
    "plans:item_add": draft_form(lambda w: {"pk": draft(w).plan.pk}),
    "plans:plan_publish": draft_form(lambda w: {"pk": draft(w).plan.pk}),
    "plans:item_edit": draft_form(lambda w: {"pk": draft(w).sport.pk}),
    "plans:item_structure": draft_action(lambda w: {"pk": draft(w).sport.pk}),
    "plans:item_split": draft_form(lambda w: {"pk": draft(w).sport.pk}),
    "plans:item_departments": draft_form(lambda w: {"pk": draft(w).sport.pk}),
    "plans:item_department_resolve": draft_action(lambda w: {"pk": draft(w).sport.pk}),
    "plans:target_add": draft_form(lambda w: {"pk": draft(w).sport.pk}),
    "plans:target_edit": draft_form(lambda w: {"pk": draft(w).fitness.pk}),
    "plans:target_delete": draft_action(lambda w: {"pk": draft(w).places.pk}),
    "plans:task_detail": Access(
        get=expect(**WITH_DEPARTMENT), kwargs=lambda w: {"pk": published(w).sport.pk}
    ),
    "plans:report_submit": Access(
        get=expect(**REPORTER_ONLY),
        post=expect(**REPORTER_ONLY),
        kwargs=lambda w: {"pk": published(w).fitness.pk},
    ),
    "plans:report_list": Access(get=expect(**SECTION)),
    "plans:report_review": Access(
        get=NOT_GET,
        post=expect(
            superuser=302,
            district_admin=302,
            programme_officer=302,
            leader=403,
            department_reporter=403,
            other_district_admin=404,
        ),
        kwargs=lambda w: {"pk": _cached(w)["report"].pk},
    ),
    "plans:evidence_download": Access(
        get=expect(**WITH_DEPARTMENT), kwargs=lambda w: {"pk": _cached(w)["evidence"].pk}
    ),
    "plans:notice_issue": Access(
        get=expect(department_reporter=403, **DISTRICT_READERS),
        post=expect(department_reporter=403, **DISTRICT_READERS),
        kwargs=lambda w: {"pk": published(w).sport.pk},
    ),
    "plans:notice_list": Access(get=expect(**SECTION)),
    "plans:notice_detail": Access(
        get=expect(**WITH_DEPARTMENT),
        post=expect(
            district_admin=403,
            programme_officer=403,
            leader=403,
            superuser=403,
            department_reporter=200,
            other_district_admin=404,
        ),
        kwargs=lambda w: {"pk": _cached(w)["notice"].pk},
    ),
    "plans:notice_close": Access(
        get=NOT_GET,
        post=expect(
            superuser=302,
            district_admin=302,
            programme_officer=302,
            leader=302,
            department_reporter=403,
            other_district_admin=404,
        ),
        kwargs=lambda w: {"pk": _cached(w)["notice"].pk},
    ),
    "plans:scorecard_list": Access(get=expect(**SECTION)),
    "plans:scorecard_detail": Access(
        get=expect(**WITH_DEPARTMENT), kwargs=lambda w: {"pk": w.department.pk}
    ),
    "api:plans_list": Access(get=expect(anonymous=401, **SECTION)),
    "api:plans_detail": Access(
        get=expect(404, anonymous=401, **WITH_DEPARTMENT),
        kwargs=lambda w: {"plan_id": published(w).plan.pk},
    ),
    "api:plans_target_reports": Access(
        get=expect(404, anonymous=401, **WITH_DEPARTMENT),
        kwargs=lambda w: {"target_id": published(w).fitness.pk},
    ),
}
