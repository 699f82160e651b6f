"""The browser half of test_browser_application.py, run in its own process so that its
Playwright never meets the session browser of tests/browser in the same test worker.

    python -m tests.programmes.browser_steps BASE_URL ROUND_ID EXPERT_ID
"""

from __future__ import annotations

import re
import sys

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "Yinling-demo-2026"
GOALS = "开展STEM课程建设"  # 开展 2 + STEM 1 + 课程建设 4 = 7 字
GUIDE_DOMAIN = "强化信息技术赋能作用"  # the test adds this guide item to that domain
GUIDE_ITEM = "数字化转型背景下的课堂变革"


def log_in(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")
    return page


def school_fills_and_submits(page: Page, base: str) -> None:
    page.goto(f"{base}/programmes/school/")
    page.get_by_role("button", name="开始填写申报表").click()
    page.wait_for_url(re.compile(r"/programmes/applications/\d+/edit/$"))
    page.get_by_label("项目名称").fill("基于单元整体设计的课堂教学变革")
    page.get_by_label("项目负责人").fill("赵雅琴")
    page.get_by_label("项目联络员").fill("孙浩然")
    page.get_by_label("联系电话").fill("021-56781234")
    page.get_by_label("联系电话").press("Tab")  # a change: the draft saves itself
    page.locator("#autosave-status").get_by_text(re.compile("已自动保存")).wait_for(timeout=10000)
    # Picking a guide item fills in its domain and the 项目指南 source at once.
    page.get_by_label("指南项目", exact=True).select_option(label=f"{GUIDE_DOMAIN} · {GUIDE_ITEM}")
    chosen = page.locator("#id_domain option:checked").inner_text()
    assert chosen == GUIDE_DOMAIN, chosen
    assert page.get_by_label("项目指南", exact=True).is_checked()
    goals = page.get_by_label("研究目标")
    goals.click()
    goals.press_sequentially(GOALS)
    counter = page.locator("#count-goals")
    assert counter.inner_text().startswith("已写 7 字"), counter.inner_text()
    goals.fill("字" * 320)
    assert counter.get_attribute("data-state") == "over", counter.get_attribute("data-state")
    goals.fill("以单元为单位整体设计目标、任务与评价，推动课堂从教知识走向育素养。")
    assert counter.get_attribute("data-state") == "ok"
    page.get_by_label("问题与挑战").fill("教师习惯以课时备课，单元目标与课时目标脱节。")
    page.get_by_label("研究内容").fill("研制单元设计模板，开展课堂实践与课例研究。")
    page.get_by_label("研究过程与方法").fill("行动研究，分三个阶段推进，每学期一次展示。")
    page.get_by_label("预期成果").fill("单元整体教学案例集一册。")
    page.get_by_role("button", name="提交申报").click()
    page.wait_for_url(re.compile(r"/programmes/applications/\d+/$"))
    main = page.inner_text("main")
    assert "申报表已提交" in main and "已提交" in main, main


def office_assigns(page: Page, base: str, round_id: str, expert_id: str) -> None:
    page.goto(f"{base}/programmes/rounds/{round_id}/assign/")
    row = page.locator("tr", has_text="基于单元整体设计的课堂教学变革")
    row.locator("select[name=expert]").select_option(expert_id)
    row.get_by_role("button", name="指派").click()
    page.wait_for_url(re.compile(r"/assign/$"))
    assert "已指派专家" in page.inner_text("main")


def expert_scores(page: Page, base: str) -> None:
    page.goto(f"{base}/programmes/reviews/")
    page.get_by_role("link", name="评分").click()
    page.wait_for_url(re.compile(r"/programmes/assignments/\d+/$"))
    assert "基于单元整体设计的课堂教学变革" in page.inner_text("main")
    for field in page.locator("input[name^=criterion_]").all():
        field.fill("8")
    page.get_by_label("评审意见（结果发布后学校可见）").fill("目标清晰，建议细化阶段成果。")
    page.get_by_role("button", name="提交评分").click()
    page.wait_for_url(re.compile(r"/programmes/reviews/$"))
    assert "评分已提交" in page.inner_text("main")


def main(base: str, round_id: str, expert_id: str) -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            school_fills_and_submits(log_in(browser, base, "bs_school"), base)
            office_assigns(log_in(browser, base, "bs_office"), base, round_id, expert_id)
            expert_scores(log_in(browser, base, "bs_expert"), base)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
