"""The header in a real browser: compact on a desktop, a working menu on a phone."""

from __future__ import annotations

import pytest

from yinling.core.demo import load_core
from yinling.core.demo.people import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: object, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")  # type: ignore[attr-defined]
    page.fill("input[name=username]", username)  # type: ignore[attr-defined]
    page.fill("input[name=password]", DEMO_PASSWORD)  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/")  # type: ignore[attr-defined]


def test_on_a_desktop_the_office_menu_account_and_language_share_one_line(
    live_server: object, browser: object
) -> None:
    load_core(lambda line: None)
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1366, "height": 900}, locale="zh-CN"
    )
    page = context.new_page()
    _log_in(page, live_server.url, "bs_office")  # type: ignore[attr-defined]
    tops = page.evaluate(
        """() => [...document.querySelectorAll(
                '.mainnav a, .navgroup-label, .account summary, select[name=language]')]
            .filter(e => e.getClientRects().length > 0)
            .map(e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; })"""
    )
    assert max(tops) - min(tops) < 10, tops
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.mainnav > ul > li > a, .navgroup-label')]
            .map(e => { const r = e.getBoundingClientRect(); return [r.top, r.height]; })"""
    )
    assert len({tuple(box) for box in boxes}) == 1, boxes  # links and drop-downs line up
    context.close()


def test_on_a_phone_the_header_fits_and_its_menus_open(
    live_server: object, browser: object
) -> None:
    load_core(lambda line: None)
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    _log_in(page, live_server.url, "mh_leader")  # type: ignore[attr-defined]
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")  # the longer labels
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert not page.is_visible("nav.mainnav")
    page.click("label.nav-toggle-label")
    assert page.is_visible("nav.mainnav >> text=Schools")
    page.click("details.account summary")
    assert page.is_visible("details.account >> text=Change password")
    page.keyboard.press("Escape")
    assert not page.is_visible("details.account >> text=Change password")
    context.close()
