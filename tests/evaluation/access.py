"""Who gets what from every evaluation URL. Value added is never public: anonymous visitors are
sent to log in, and nobody outside the district's office, its leaders and the school itself gets
anything."""

from __future__ import annotations

from tests.access import Access, expect
from tests.evaluation.factories import AssessmentFactory, ValueAddedRunFactory
from tests.personas import World
from yinling.evaluation.models import GreenIndicatorSet, ImportJob
from yinling.evaluation.services import green_set_install

# Readers: the office and leaders of the object's district; the other district's admin passes
# the page gate but finds no object (404).
READERS = {"district_admin": 200, "programme_officer": 200, "leader": 200}
READ_OBJECT = {**READERS, "other_district_admin": 404}
OFFICE = {"district_admin": 200, "programme_officer": 200}
OFFICE_OBJECT = {**OFFICE, "other_district_admin": 404}
LIST = {**READERS, "other_district_admin": 200}
OFFICE_LIST = {**OFFICE, "other_district_admin": 200}


def _assessment(w: World) -> dict[str, int]:
    return {"pk": AssessmentFactory(district=w.district).pk}


def _job(w: World) -> dict[str, int]:
    """An upload waiting for its mapping (its staged file need not exist for these pages)."""
    job = ImportJob.objects.create(
        assessment=AssessmentFactory(district=w.district),
        file_name="scores.csv",
        staged_name="missing.csv",
        headers=["学籍号", "学校代码", "科目", "成绩"],
        mapping={"student": "学籍号", "school": "学校代码", "subject": "科目", "score": "成绩"},
    )
    return {"pk": job.pk}


def _run(w: World) -> dict[str, int]:
    return {"pk": ValueAddedRunFactory(district=w.district).pk}


def _running_run(w: World) -> dict[str, int]:
    return {"pk": ValueAddedRunFactory(district=w.district, status="running").pk}


def _installed(w: World, version: str) -> GreenIndicatorSet:
    existing = GreenIndicatorSet.objects.filter(district=w.district, version=version).first()
    return existing or green_set_install(actor=None, district=w.district, version=version)


def _green_set(w: World) -> dict[str, int]:
    return {"pk": _installed(w, "1.0").pk}


def _indicator(w: World) -> dict[str, int]:
    return {"pk": _installed(w, "2024").indicators.first().pk}


NOT_GET = expect(405, anonymous=405, superuser=405)
REDIRECT_FOR_OFFICE = expect(
    anonymous=302,
    superuser=302,
    district_admin=302,
    programme_officer=302,
    other_district_admin=404,
)

ACCESS: dict[str, Access] = {
    "evaluation:assessment_list": Access(get=expect(**LIST)),
    "evaluation:assessment_create": Access(get=expect(**OFFICE_LIST), post=expect(**OFFICE_LIST)),
    "evaluation:assessment_detail": Access(get=expect(**READ_OBJECT), kwargs=_assessment),
    "evaluation:assessment_edit": Access(
        get=expect(**OFFICE_OBJECT), kwargs=_assessment, post=expect(**OFFICE_OBJECT)
    ),
    "evaluation:import_upload": Access(
        get=expect(**OFFICE_OBJECT), kwargs=_assessment, post=expect(**OFFICE_OBJECT)
    ),
    "evaluation:import_template": Access(get=expect(**OFFICE_OBJECT), kwargs=_assessment),
    "evaluation:import_mapping": Access(
        get=expect(**OFFICE_OBJECT), kwargs=_job, post=expect(**OFFICE_OBJECT)
    ),
    "evaluation:import_preview": Access(
        get=NOT_GET,
        kwargs=_job,
        post=expect(**OFFICE_OBJECT),
    ),
    "evaluation:import_status": Access(get=expect(**OFFICE_OBJECT), kwargs=_job),
    "evaluation:import_progress": Access(get=expect(**OFFICE_OBJECT), kwargs=_job),
    "evaluation:import_cancel": Access(
        get=NOT_GET,
        kwargs=_job,
        post=REDIRECT_FOR_OFFICE,
    ),
    "evaluation:import_confirm_duplicate": Access(
        get=NOT_GET,
        kwargs=_job,
        post=REDIRECT_FOR_OFFICE,
    ),
    "evaluation:run_list": Access(get=expect(**LIST)),
    "evaluation:run_create": Access(get=expect(**OFFICE_LIST), post=expect(**OFFICE_LIST)),
    "evaluation:run_detail": Access(get=expect(**READ_OBJECT), kwargs=_run),
    "evaluation:run_progress": Access(get=expect(**READ_OBJECT), kwargs=_running_run),
    "evaluation:run_export": Access(get=expect(**READ_OBJECT), kwargs=_run),
    "evaluation:run_publish": Access(get=NOT_GET, kwargs=_run, post=REDIRECT_FOR_OFFICE),
    "evaluation:run_withdraw": Access(get=NOT_GET, kwargs=_run, post=REDIRECT_FOR_OFFICE),
    "evaluation:run_reproduce": Access(get=NOT_GET, kwargs=_run, post=REDIRECT_FOR_OFFICE),
    "evaluation:profile_list": Access(get=expect(**LIST)),
    "evaluation:my_profile": Access(
        get=expect(school_admin=302, school_staff=302, school_b_admin=302)
    ),
    "evaluation:school_profile": Access(
        get=expect(**READ_OBJECT, school_admin=200, school_staff=200, school_b_admin=404),
        kwargs=lambda w: {"pk": w.school_a.pk},
    ),
    "evaluation:green_overview": Access(get=expect(**LIST)),
    "evaluation:green_set_install": Access(
        get=NOT_GET,
        post=expect(
            anonymous=302,
            superuser=302,
            district_admin=302,
            programme_officer=302,
            other_district_admin=302,
        ),
    ),
    "evaluation:green_set_detail": Access(get=expect(**READ_OBJECT), kwargs=_green_set),
    "evaluation:green_entry": Access(
        get=expect(**OFFICE_OBJECT), kwargs=_green_set, post=expect(**OFFICE_OBJECT)
    ),
    "evaluation:green_import": Access(
        get=expect(**OFFICE_OBJECT), kwargs=_green_set, post=expect(**OFFICE_OBJECT)
    ),
    "evaluation:green_import_template": Access(get=expect(**OFFICE_OBJECT), kwargs=_green_set),
    "evaluation:green_ses": Access(
        get=expect(**OFFICE_OBJECT), kwargs=_green_set, post=expect(**OFFICE_OBJECT)
    ),
    "evaluation:green_indicator_edit": Access(
        get=expect(**OFFICE_OBJECT), kwargs=_indicator, post=expect(**OFFICE_OBJECT)
    ),
    # The API answers 401 to anonymous callers instead of redirecting them to log in.
    "api:evaluation_runs": Access(get=expect(anonymous=401, **LIST)),
    "api:evaluation_run_schools": Access(
        get=expect(anonymous=401, **READ_OBJECT),
        kwargs=lambda w: {"run_id": _run(w)["pk"]},
    ),
    "api:evaluation_school_profile": Access(
        get=expect(
            anonymous=401, **READ_OBJECT, school_admin=200, school_staff=200, school_b_admin=404
        ),
        kwargs=lambda w: {"school_id": w.school_a.pk},
    ),
}
