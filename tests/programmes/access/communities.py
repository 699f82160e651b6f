"""Who may open the pages of a programme's project schools, their growth records, the
communities and their events, the pairings and the programme's dashboard."""

from __future__ import annotations

from typing import Any

from tests.access import Access, expect
from tests.personas import World
from tests.programmes.access.scene import (
    EVERY_OFFICE,
    IN_DISTRICT_REFUSED,
    SCHOOL_A,
    SCHOOL_A_AND_OFFICE,
    SCHOOL_A_AND_READERS,
    base_scene,
    member_post,
    office_page,
    office_post,
    programme,
    reader_page,
)


def _community_scene(w: World) -> dict[str, Any]:
    """School A is a project school, in a community with an event and an attachment."""
    if "community" not in w.extra:
        from datetime import date

        from yinling.programmes import services

        s = base_scene(w)
        w.extra["membership"] = services.programme_school_admit(
            actor=None, programme=s.programme, school=w.school_a
        )
        community = services.community_create(
            actor=None, programme=s.programme, name="育人方式共同体", lead_school=w.school_a
        )
        w.extra["community"] = community
        w.extra["event"] = services.event_create(
            actor=None,
            programme=s.programme,
            community=community,
            kind="exhibition",
            level="district",
            title="交流展示",
            held_on=date(2025, 11, 20),
            place="区教育学院",
            participants=[w.school_a],
        )
    return w.extra


def membership(w: World) -> dict[str, int]:
    return {"pk": _community_scene(w)["membership"].pk}


def city_membership(w: World) -> dict[str, int]:
    """School A (Baoshan) as a project school of a city-level programme, which every reader in
    every district may read."""
    if "city_membership" not in w.extra:
        from datetime import date

        from yinling.programmes import services

        city = services.programme_create(
            actor=None,
            name="上海市新优质学校高质量发展引领计划",
            kind="leading_plan",
            level="city",
            district=None,
            period_start=date(2024, 1, 1),
            period_end=date(2026, 12, 31),
        )
        w.extra["city_membership"] = services.programme_school_admit(
            actor=None, programme=city, school=w.school_a
        )
    return {"pk": w.extra["city_membership"].pk}


def community(w: World) -> dict[str, int]:
    return {"pk": _community_scene(w)["community"].pk}


def event(w: World) -> dict[str, int]:
    return {"pk": _community_scene(w)["event"].pk}


def fresh_attachment(w: World) -> dict[str, int]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yinling.programmes import services

    attachment = services.attachment_add(
        actor=None,
        event=_community_scene(w)["event"],
        upload=SimpleUploadedFile("access-matrix.pdf", b"%PDF-1.4"),
        kind="material",
    )
    return {"pk": attachment.pk}


def fresh_evidence(w: World) -> dict[str, int]:
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from yinling.programmes import services

    evidence = services.evidence_add(
        actor=None,
        membership=_community_scene(w)["membership"],
        title="区级课题结题",
        happened_on=date(2025, 6, 30),
        upload=SimpleUploadedFile("access-matrix.pdf", b"%PDF-1.4"),
    )
    return {"pk": evidence.pk}


def fresh_pairing(w: World) -> dict[str, int]:
    from tests.factories import SchoolFactory
    from yinling.programmes import services

    pairing = services.pairing_create(
        actor=None, school=SchoolFactory(district=w.district), partner=w.school_b, kind="paired"
    )
    return {"pk": pairing.pk}


ACCESS = {
    "programmes:programme_school_list": reader_page(programme),
    "programmes:programme_school_transition": office_post(membership),
    # A growth record is read within the school's district, even in a city programme that
    # other districts read (their office gets 404); in a city programme only the school
    # (and a superuser) adds to it. The district programme's record is checked below
    # through its evidence.
    "programmes:growth_record": Access(
        get=expect(**SCHOOL_A_AND_READERS),
        kwargs=city_membership,
        post=expect(**SCHOOL_A, **IN_DISTRICT_REFUSED, other_district_admin=404),
    ),
    "programmes:evidence_download": Access(
        get=expect(**SCHOOL_A_AND_READERS), kwargs=fresh_evidence
    ),
    "programmes:evidence_remove": member_post(fresh_evidence),
    "programmes:community_list": reader_page(programme),
    "programmes:community_create": office_page(programme),
    "programmes:community_suggest": office_post(programme),
    "programmes:community_detail": Access(get=expect(**SCHOOL_A_AND_READERS), kwargs=community),
    "programmes:community_edit": office_page(community),
    # Member schools record their community's events, as the office does.
    "programmes:event_create": Access(
        get=expect(**SCHOOL_A_AND_OFFICE), kwargs=community, post=expect(**SCHOOL_A_AND_OFFICE)
    ),
    "programmes:event_detail": Access(get=expect(**SCHOOL_A_AND_READERS), kwargs=event),
    "programmes:event_edit": Access(
        get=expect(**SCHOOL_A_AND_OFFICE), kwargs=event, post=expect(**SCHOOL_A_AND_OFFICE)
    ),
    "programmes:attachment_upload": member_post(event),
    "programmes:attachment_download": Access(
        get=expect(**SCHOOL_A_AND_READERS), kwargs=fresh_attachment
    ),
    "programmes:attachment_remove": member_post(fresh_attachment),
    "programmes:exhibition_check": reader_page(programme),
    "programmes:dashboard": reader_page(programme),
    "programmes:pairing_list": Access(get=expect(**EVERY_OFFICE), post=expect(**EVERY_OFFICE)),
    "programmes:pairing_end": office_post(fresh_pairing),
}
