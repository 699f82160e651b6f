"""Who may open the pages of a programme's setup, its applications, their review and results,
the exports and the API."""

from __future__ import annotations

from tests.access import Access, expect
from tests.personas import World
from tests.programmes.access.scene import (
    EVERY_OFFICE,
    READERS,
    SCHOOL_A,
    base_scene,
    office_page,
    office_post,
    post_only,
    programme,
    reader_page,
    round_,
)

# School A's submitted application, assigned to the expert: the school, the office, the leader
# and the assigned expert read it; school B and the department are refused (403), people
# outside the district never learn it exists (404).
APPLICATION_READERS = {**READERS, **SCHOOL_A, "expert": 200, "outsider": 404}
EXPERT_ONLY = {"expert": 200}
# The API: readers in the programme's district (the other district's office gets 404).
API_READERS = {k: 200 for k in READERS if k != "other_district_admin"}


def application(w: World) -> dict[str, int]:
    return {"pk": base_scene(w).application.pk}


def draft(w: World) -> dict[str, int]:
    base_scene(w)
    return {"pk": w.extra["draft"].pk}


def domain(w: World) -> dict[str, int]:
    return {"pk": base_scene(w).programme.domains.first().pk}


def guide_item(w: World) -> dict[str, int]:
    base_scene(w)
    return {"pk": w.extra["guide_item"].pk}


def target(w: World) -> dict[str, int]:
    base_scene(w)
    return {"pk": w.extra["target"].pk}


def _fresh(w: World, key: str) -> int:
    w.extra[key] = w.extra.get(key, 0) + 1
    return w.extra[key]


def expert_role(w: World) -> dict[str, int]:
    base_scene(w)
    return {"pk": w.expert.memberships.get().pk}


def fresh_tie(w: World) -> dict[str, int]:
    from tests.factories import SchoolFactory
    from yinling.programmes import services

    base_scene(w)
    tie = services.expert_tie_add(
        actor=None,
        profile=w.expert.expert_profile,
        school=SchoolFactory(district=w.district),
        kind="other",
    )
    return {"pk": tie.pk}


def rubric(w: World) -> dict[str, int]:
    return {"pk": base_scene(w).round.rubric.pk}


def fresh_criterion(w: World) -> dict[str, int]:
    from yinling.programmes import services

    criterion = services.criterion_add(
        actor=None, rubric=base_scene(w).round.rubric, name=f"临时{_fresh(w, 'c')}", weight=1
    )
    return {"pk": criterion.pk}


def fresh_assignment(w: World) -> dict[str, int]:
    from tests.programmes.factories import make_expert
    from yinling.programmes import services

    s = base_scene(w)
    expert = make_expert(w.district, username=f"fresh_expert{_fresh(w, 'e')}")
    return {
        "pk": services.assignment_create(actor=None, application=s.application, expert=expert).pk
    }


def assignment(w: World) -> dict[str, int]:
    return {"pk": base_scene(w).application.assignments.get(expert=w.expert).pk}


def fresh_decision(w: World) -> dict[str, int]:
    from tests.factories import SchoolFactory
    from tests.programmes.factories import submitted_application
    from yinling.programmes import services

    s = base_scene(w)
    school = SchoolFactory(district=w.district)
    from tests.factories import user_with_role
    from yinling.core.models import Role

    admin = user_with_role(Role.SCHOOL_ADMIN, school)
    application = submitted_application(s.round, school, admin)
    decision = services.decision_record(
        actor=None, application=application, outcome="approve", reason="同意"
    )
    return {"pk": decision.pk}


ACCESS = {
    "programmes:programme_list": Access(get=expect(**EVERY_OFFICE, leader=200)),
    "programmes:programme_create": Access(get=expect(**EVERY_OFFICE), post=expect(**EVERY_OFFICE)),
    "programmes:programme_detail": reader_page(programme),
    "programmes:programme_edit": office_page(programme),
    "programmes:domain_add": office_post(programme),
    "programmes:domain_edit": office_page(domain),
    "programmes:guide_item_add": office_post(domain),
    "programmes:guide_item_edit": office_page(guide_item),
    "programmes:target_add": office_page(programme),
    "programmes:target_edit": office_page(target),
    "programmes:round_create": office_page(programme),
    "programmes:round_detail": reader_page(round_),
    "programmes:round_edit": office_page(round_),
    "programmes:school_home": Access(get=expect(**SCHOOL_A, school_b_admin=200)),
    "programmes:application_start": Access(
        get=post_only(),
        kwargs=lambda w: {"pk": base_scene(w).round.pk, "school": w.school_a.pk},
        post=expect(superuser=302, school_admin=302, school_staff=302),
    ),
    "programmes:application_detail": Access(get=expect(**APPLICATION_READERS), kwargs=application),
    "programmes:application_compare": Access(get=expect(**APPLICATION_READERS), kwargs=application),
    "programmes:application_docx": Access(get=expect(**APPLICATION_READERS), kwargs=application),
    # School A's draft: only school A edits it.
    "programmes:application_edit": Access(
        get=expect(**SCHOOL_A), kwargs=draft, post=expect(**SCHOOL_A)
    ),
    "programmes:application_autosave": Access(
        get=post_only(), kwargs=draft, post=expect(**SCHOOL_A)
    ),
    "programmes:application_return": office_post(application),
    # School A's draft: only school A's admin withdraws it (an empty POST withdraws nothing).
    "programmes:application_withdraw": Access(
        get=expect(school_admin=200), kwargs=draft, post=expect(school_admin=200)
    ),
    "programmes:round_export_zip": office_page(round_, post=None),
    "programmes:round_export_xlsx": office_page(round_, post=None),
    "programmes:round_import": office_page(round_),
    "programmes:expert_list": Access(get=expect(**EVERY_OFFICE)),
    "programmes:expert_edit": office_page(expert_role),
    "programmes:expert_tie_add": office_post(expert_role),
    "programmes:expert_tie_remove": office_post(fresh_tie),
    "programmes:rubric_list": office_page(programme),
    "programmes:criterion_add": office_post(rubric),
    "programmes:criterion_remove": office_post(fresh_criterion),
    "programmes:round_assign": office_page(round_, post=None),
    "programmes:assignment_auto": office_post(round_),
    "programmes:assignment_add": office_post(application),
    "programmes:assignment_remove": office_post(fresh_assignment),
    "programmes:review_home": Access(get=expect(**EXPERT_ONLY)),
    # Only the assigned expert scores; the office reads scores on the results page.
    "programmes:assignment_score": Access(
        get=expect(**EXPERT_ONLY), kwargs=assignment, post=expect(**EXPERT_ONLY)
    ),
    # Leaders read the results too, with experts unnamed and only released decisions.
    "programmes:round_results": reader_page(round_),
    "programmes:round_release": office_post(round_),
    "programmes:decision_record": office_post(application),
    "programmes:decision_release": office_post(fresh_decision),
    # The API answers 401 to anonymous callers and hides what a caller may not read (404).
    "api:programmes_list": Access(get=expect(anonymous=401, **EVERY_OFFICE, leader=200)),
    "api:programmes_dashboard": Access(
        get=expect(404, anonymous=401, **API_READERS),
        kwargs=lambda w: {"programme_id": base_scene(w).programme.pk},
    ),
    "api:programmes_round_applications": Access(
        get=expect(404, anonymous=401, **API_READERS),
        kwargs=lambda w: {"round_id": base_scene(w).round.pk},
    ),
    "api:programmes_application": Access(
        get=expect(404, anonymous=401, **API_READERS, **SCHOOL_A, expert=200),
        kwargs=lambda w: {"application_id": base_scene(w).application.pk},
    ),
    "api:programmes_reviews": Access(get=expect(anonymous=401, expert=200)),
}
