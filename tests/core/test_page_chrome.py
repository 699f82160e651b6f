"""What every page carries: the language menu and the icon."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db
ClientFor = Callable[[str], Client]


def _language_options(page: str) -> list[str]:
    menu = page[page.index('name="language"') : page.index("</select>")]
    return re.findall(r"<option[^>]*>([^<]+)</option>", menu)


@pytest.mark.parametrize("accept_language", ["zh-hans", "en"])
def test_the_language_menu_names_each_language_in_that_language(
    client: Client, accept_language: str
) -> None:
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    assert _language_options(page) == ["简体中文", "English"]


def test_every_page_links_the_icon(client: Client) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/yinling/favicon\.svg"', page)


def test_favicon_ico_leads_to_the_icon(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/yinling/favicon.svg"
    assert finders.find("yinling/favicon.svg")


def test_the_account_menu_offers_the_password_change_and_logout(
    world: object, client_for: ClientFor
) -> None:
    page = client_for("leader").get("/").content.decode()
    menu = page[page.index('<details class="account') : page.index("</details>")]
    assert 'href="/accounts/password/"' in menu
    assert 'action="/accounts/logout/"' in menu
