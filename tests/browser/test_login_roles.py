"""A real browser logs in as each demo role and sees that role's home page."""

from __future__ import annotations

from pathlib import Path

import pytest

from yinling.core.demo import load_core
from yinling.core.demo.people import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"

# username -> what that role's home page shows
ROLES = {
    "admin": "系统管理员：可查看和管理全部数据",
    "bs_admin": "基础数据",
    "bs_office": "项目组",
    "mh_school": "我的学校",
    "bs_teacher": "学校教师",
    "bs_expert": "专家",
    "mh_dept": "部门填报人",
    "mh_leader": "领导/督导",
}


def _log_in(page: object, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")  # type: ignore[attr-defined]
    page.fill("input[name=username]", username)  # type: ignore[attr-defined]
    page.fill("input[name=password]", DEMO_PASSWORD)  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/")  # type: ignore[attr-defined]


@pytest.mark.parametrize("username", sorted(ROLES))
def test_each_demo_role_logs_in_and_sees_its_home_page(username: str, live_server, page) -> None:  # noqa: ANN001
    load_core(lambda line: None)
    _log_in(page, live_server.url, username)
    body = page.inner_text("main")
    assert "您好" in body
    assert ROLES[username] in body
    assert page.get_attribute("html", "lang") == "zh-CN"


def test_a_wrong_password_shows_the_neutral_message_in_the_browser(live_server, page) -> None:  # noqa: ANN001
    load_core(lambda line: None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "bs_admin")
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    assert "用户名或密码不正确" in page.inner_text("main")


def test_the_home_page_fits_a_phone_and_opens_its_menu(live_server, browser) -> None:  # noqa: ANN001
    load_core(lambda line: None)
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
    )
    page = context.new_page()
    _log_in(page, live_server.url, "bs_admin")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert not page.is_visible("nav.mainnav")
    page.click("label.nav-toggle-label")
    assert page.is_visible("nav.mainnav")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "home-phone.png"), full_page=True)
    context.close()


def test_english_is_available_from_the_language_menu(live_server, page) -> None:  # noqa: ANN001
    load_core(lambda line: None)
    _log_in(page, live_server.url, "bs_admin")
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.get_attribute("html", "lang") == "en"


def _body_font(page: object) -> str:
    return page.evaluate("getComputedStyle(document.body).fontFamily")  # type: ignore[attr-defined]


def test_english_pages_put_a_latin_font_first_and_chinese_pages_a_chinese_one(
    live_server,
    page,  # noqa: ANN001
) -> None:
    load_core(lambda line: None)
    _log_in(page, live_server.url, "bs_admin")
    assert _body_font(page).startswith('"PingFang SC"')
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert _body_font(page).startswith("system-ui")
