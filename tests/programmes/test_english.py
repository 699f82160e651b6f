"""The programme pages speak English when the browser asks for it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import yinling.programmes
from tests.catalogues import english_catalogue, entries, msgids_of
from tests.personas import World
from tests.programmes.factories import (
    application_in,
    make_programme,
    open_round,
    submitted_application,
)

pytestmark = pytest.mark.django_db

CATALOGUE = english_catalogue("programmes")


def test_the_english_catalogue_translates_every_message() -> None:
    untranslated = [
        msgid for msgid, strings, fuzzy in entries(CATALOGUE) if fuzzy or not all(strings)
    ]

    assert untranslated == []


def test_the_withdraw_page_speaks_english_when_asked(
    world: World, client_for: Callable[[str], Client]
) -> None:
    round_ = open_round(make_programme(world.district))
    application = application_in(world, round_, "submitted")
    url = reverse("programmes:application_withdraw", args=[application.pk])

    page = client_for("school_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Once withdrawn:" in page
    assert "Reason for withdrawal" in page
    msgids = msgids_of(CATALOGUE, "programmes/application_withdraw.html")
    assert len(msgids) > 5
    assert [m for m in msgids if m in page] == []


def test_the_programme_page_speaks_english_when_asked(
    world: World, client_for: Callable[[str], Client]
) -> None:
    programme = make_programme(world.district)
    url = reverse("programmes:programme_detail", args=[programme.pk])

    page = client_for("programme_officer").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<h2>Programme settings</h2>" in page
    assert "<h2>Application rounds</h2>" in page
    assert "New Quality Schools leading plan" in page
    assert "项目设置" not in page


def test_the_programme_page_stays_chinese_by_default(
    world: World, client_for: Callable[[str], Client]
) -> None:
    programme = make_programme(world.district)
    url = reverse("programmes:programme_detail", args=[programme.pk])

    page = client_for("programme_officer").get(url).content.decode()

    assert "<h2>项目设置</h2>" in page


def test_the_application_page_lists_its_versions_under_a_plural_heading_in_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    """版本 is "Version" elsewhere (a version number); here it heads the list of all versions."""
    round_ = open_round(make_programme(world.district))
    application = application_in(world, round_, "submitted")
    url = reverse("programmes:application_detail", args=[application.pk])

    page = client_for("school_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<h2>Versions</h2>" in page


def test_a_round_form_calls_its_last_day_the_closing_date_in_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    """截止日期 is a plan period's "End date"; for a round it is the day applications close."""
    programme = make_programme(world.district)
    url = reverse("programmes:round_create", args=[programme.pk])

    page = client_for("programme_officer").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Closes on" in page
    assert "End date" not in page


TEMPLATES = Path(yinling.programmes.__file__).parent / "templates"
TRANSLATED = re.compile(
    r"{% *blocktranslate.*?{% *endblocktranslate *%}"
    r"|{% *translate +(\"[^\"]*\"|'[^']*')[^%]*%}"
    r"|_\(\"[^\"]*\"\)",
    re.S,
)


def test_no_template_glues_chinese_punctuation_to_translated_text() -> None:
    """A label's "：" and the "（" "）" around a word belong inside the message, so that English
    gets ": " and " ( )"."""
    glued = [
        f"{path.relative_to(TEMPLATES)}: {line.strip()[:80]}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for line in TRANSLATED.sub("", path.read_text(encoding="utf-8")).splitlines()
        if re.search("[：（）；、。]", line)
    ]

    assert glued == []


def _guide_application(world: World):  # noqa: ANN202
    from yinling.programmes import services

    programme = make_programme(world.district)
    item = services.guide_item_create(
        actor=None, domain=programme.domains.first(), title="基于课程标准的单元教学"
    )
    return submitted_application(
        open_round(programme), world.school_a, world.school_admin, source="guide", guide_item=item
    )


def test_the_application_page_puts_an_english_colon_after_the_source(
    world: World, client_for: Callable[[str], Client]
) -> None:
    application = _guide_application(world)
    url = reverse("programmes:application_detail", args=[application.pk])

    page = client_for("school_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Project guide: 基于课程标准的单元教学" in page
    assert "：" not in page.split("<main", 1)[1].replace(application.project_name, "")


def test_the_application_date_reads_in_english_when_asked(
    world: World, client_for: Callable[[str], Client]
) -> None:
    application = _guide_application(world)
    application.applied_on = date(2024, 1, 3)
    application.save(update_fields=["applied_on"])
    url = reverse("programmes:application_detail", args=[application.pk])

    english = client_for("school_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client_for("school_admin").get(url).content.decode()

    assert "Jan. 3, 2024" in english and "2024年1月3日" not in english
    assert "2024年1月3日" in chinese


def test_an_events_level_and_kind_read_as_words_in_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    from yinling.programmes import services

    programme = make_programme(world.district)
    community = services.community_create(
        actor=None, programme=programme, name="课程教学共同体", lead_school=world.school_a
    )
    event = services.event_create(
        actor=None,
        programme=programme,
        community=community,
        kind="exhibition",
        level="district",
        title="展示",
        held_on=date(2024, 5, 10),
        place="区教育学院",
    )
    client = client_for("programme_officer")

    for url in (
        reverse("programmes:community_detail", args=[community.pk]),
        reverse("programmes:event_detail", args=[event.pk]),
    ):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Exhibition (District)" in page
        assert "DistrictExhibition" not in page
