"""The browser half of test_browser.py, run in its own process so that its Playwright never meets
the session browser of tests/browser in the same test worker.

    python -m tests.plans.browser_steps BASE_URL SEED_FILE
"""

from __future__ import annotations

import re
import sys

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PASSWORD = "Yinling-demo-2026"
EVALUATION_TASK = "五/（十二）/25"  # 深化教育评价改革（责任部门：区教育局、区教育督导室）


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def upload_correct_publish(page: Page, base: str, seed: str) -> None:
    page.goto(f"{base}/plans/upload/")
    page.set_input_files("input[type=file]", seed)
    page.get_by_role("button", name="上传并解析").click()
    page.wait_for_url(re.compile(r"/plans/\d+/edit/$"))
    assert "25 项任务" in page.inner_text("main")

    task = page.locator(f"article[data-path='{EVALUATION_TASK}']")
    assert task.locator("[data-role=lead]").inner_text() == "区教育局、区教育督导室"
    task.locator("[data-action=departments]").click()  # HTMX swaps the form in place
    form = page.locator("article.editing")
    form.get_by_label("牵头部门").fill("区教育督导室")
    form.get_by_label("配合部门").fill("区教育局")
    form.get_by_role("button", name="保存").click()
    task = page.locator(f"article[data-path='{EVALUATION_TASK}']")
    assert task.locator("[data-role=lead]").inner_text() == "区教育督导室"
    assert task.locator("[data-role=cooperating]").inner_text() == "区教育局"

    page.get_by_role("link", name=re.compile("发布前检查")).click()
    assert "基线值" in page.inner_text("main")
    for field in page.locator("input[name^=baseline_]").all():
        field.fill("50")
    page.get_by_role("button", name="保存基线值").click()
    page.get_by_role("button", name="发布规划").click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    assert "规划已发布" in page.inner_text("main")


def main(base: str, seed: str) -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(locale="zh-CN").new_page()
        try:
            log_in(page, base, "mh_office")
            upload_correct_publish(page, base, seed)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
