"""The programme world the access matrix walks, and the expectation tables its declarations share."""

from __future__ import annotations

from typing import Any

from tests.access import Access, expect
from tests.personas import World
from tests.programmes.factories import filled_application, open_round, scene

NOT_ALLOWED = 405
OFFICE = {"district_admin": 200, "programme_officer": 200, "other_district_admin": 404}
READERS = {**OFFICE, "leader": 200}
SCHOOL_A = {"school_admin": 200, "school_staff": 200}
IN_DISTRICT_REFUSED = {"outsider": 404}
SCHOOL_A_AND_READERS = {**READERS, **SCHOOL_A, **IN_DISTRICT_REFUSED}
SCHOOL_A_AND_OFFICE = {**OFFICE, **SCHOOL_A, **IN_DISTRICT_REFUSED}
# Every office in its own district: the lists and forms that are not about one programme.
EVERY_OFFICE = {"district_admin": 200, "programme_officer": 200, "other_district_admin": 200}


def base_scene(w: World) -> Any:
    """A programme with a round, school A's submitted application assigned to the expert, and
    school A's draft in a second round; built once per world."""
    if "scene" not in w.extra:
        s = scene(w)
        second = open_round(s.programme, name="第二批次", rubric=s.round.rubric)
        w.extra["draft"] = filled_application(second, w.school_a, w.school_staff)
        domain = s.programme.domains.first()
        from yinling.programmes import services

        w.extra["guide_item"] = services.guide_item_create(
            actor=None, domain=domain, title="指南一"
        )
        from datetime import date

        w.extra["target"] = services.target_create(
            actor=None,
            programme=s.programme,
            name="项目校约60所",
            metric="project_schools",
            value=60,
            due_on=date(2026, 12, 31),
        )
        w.extra["scene"] = s
    return w.extra["scene"]


def programme(w: World) -> dict[str, int]:
    return {"pk": base_scene(w).programme.pk}


def round_(w: World) -> dict[str, int]:
    return {"pk": base_scene(w).round.pk}


def post_only() -> dict[str, int]:
    """GET of a URL that only takes a POST: 405 for everyone."""
    return expect(NOT_ALLOWED, anonymous=NOT_ALLOWED, superuser=NOT_ALLOWED)


def allowed_as(status: int, table: dict[str, int]) -> dict[str, int]:
    """The table with every 200 (allowed) answered by `status` instead."""
    return {k: status if v == 200 else v for k, v in table.items()}


def office_page(kwargs: Any, *, post: int | None = 200) -> Access:
    """A page only the programme's office opens (403 for others, 404 outside the district)."""
    return Access(
        get=expect(**OFFICE),
        kwargs=kwargs,
        post=expect(**allowed_as(post, OFFICE)) if post is not None else None,
    )


def office_post(kwargs: Any, status: int = 302) -> Access:
    """An action the office posts; GET is not allowed."""
    return Access(
        get=post_only(), kwargs=kwargs, post=expect(superuser=status, **allowed_as(status, OFFICE))
    )


def member_post(kwargs: Any) -> Access:
    """An action school A and the office post alike (the school's own community, event or
    record); GET is not allowed, and people outside the district never learn it exists."""
    return Access(
        get=post_only(),
        kwargs=kwargs,
        post=expect(superuser=302, **allowed_as(302, SCHOOL_A_AND_OFFICE)),
    )


def reader_page(kwargs: Any) -> Access:
    return Access(get=expect(**READERS), kwargs=kwargs)
