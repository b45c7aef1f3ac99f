"""End to end in headless Chromium: list, filter, evidence, decisions, reload, then apply_reviews as ingest does."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_review import XSS_IMG, XSS_SCRIPT, sample_records, write_output_folder

from pipeline.review.decisions import apply_reviews
from pipeline.review.server import ReviewServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (scripts/install_browser.sh installs it)"
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"Chromium not found at {CHROMIUM} (scripts/install_browser.sh installs it)"
    return None


_missing = _browser_missing()
if _missing:
    if os.environ.get("CONVENE_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"CONVENE_REQUIRE_BROWSER=1 but {_missing}")
    pytest.skip(_missing, allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402


@pytest.fixture()
def review(tmp_path: Path):
    out_dir = write_output_folder(tmp_path / "out")
    app = ReviewServer(out_dir, reviewer="browser-tester", port=0)
    app.start_in_thread()
    yield app
    app.close()


@pytest.fixture()
def page():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        tab.dialogs = []
        tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        yield tab
        browser.close()
        assert errors == [], f"JavaScript errors: {errors}"


def rows(page):
    return page.locator("#records tbody tr")


def test_review_session_end_to_end(review, page):
    page.goto(review.url)
    expect(page.locator("#list-count")).to_have_text("Showing 2 of 2 meetings")
    expect(page.locator("#count-people")).to_have_text("(3)")

    page.select_option("#filter-kind", "virtual")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_have_attribute("data-id", "m-call")
    page.select_option("#filter-kind", "")
    page.fill("#filter-search", "water")
    expect(rows(page)).to_have_count(1)
    page.check("#filter-conflicts")
    expect(rows(page)).to_have_count(1)
    page.fill("#filter-search", "")
    page.uncheck("#filter-conflicts")
    page.fill("#filter-from", "2024-05-10")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_have_attribute("data-id", "m-call")
    page.fill("#filter-from", "")
    expect(rows(page)).to_have_count(2)

    page.click("#records tr[data-id='m-summit']")
    expect(page.locator("#record-title")).to_have_text("Regional Water Summit")
    own = page.locator("mark.ent.own")
    expect(own.first).to_contain_text("Regional Water Summit")
    expect(own.first.locator(".label")).to_have_text("summit")
    expect(page.locator("mark.ent.linked-person[data-label='chair']").first).to_contain_text("Ana Reyes")
    expect(page.locator(".article-text").get_by_text(XSS_SCRIPT, exact=False)).to_be_visible()
    expect(page.locator(".article-text").get_by_text(XSS_IMG, exact=False)).to_be_visible()
    assert page.locator("#app img").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-record.png"), full_page=True)

    page.keyboard.press("a")
    expect(page.locator("#status")).to_contain_text("accepted")

    page.keyboard.press("k")
    expect(page.locator("#record-title")).to_have_text("(unnamed virtual)")
    expect(page.locator("mark.ent.own[data-label='virtual']").nth(1)).to_contain_text(XSS_IMG)
    expect(page.locator("tr[data-field='hosts']")).to_contain_text(XSS_IMG)
    expect(page.locator("section.source h4")).to_have_text("A video call " + XSS_SCRIPT)
    assert page.locator("#app img").count() == 0 and page.locator("#app script").count() == 0
    page.click("tr[data-field='start_date'] button.correct")
    page.fill("tr[data-field='start_date'] .correct-input", "2024-05-03")
    page.click("tr[data-field='start_date'] button.save")
    expect(page.locator("tr[data-field='start_date'] .pending")).to_contain_text('corrected to "2024-05-03"')

    page.click("tr[data-field='participants'] a:text('Lena Okafor')")
    expect(page.locator("#record-title")).to_have_text("Lena Okafor")
    page.goto(review.url + "#/people")
    page.fill("#filter-search", "tomas")
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    expect(page.locator("#record-title")).to_have_text("Tomas Berg")
    page.keyboard.press("r")
    expect(page.locator("#status")).to_contain_text("rejected")

    page.reload()
    expect(page.locator("#status")).to_contain_text("rejected")
    page.goto(review.url + "#/meetings")
    page.select_option("#filter-reviewed", "yes")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("accepted")
    page.goto(review.url + "#/meeting/m-call")
    expect(page.locator("tr[data-field='start_date'] .pending")).to_contain_text("2024-05-03")
    assert page.dialogs == []

    _, meetings, people = sample_records()
    result = apply_reviews(review.folder.path, meetings, people)
    assert result.unapplied == []
    by_id = {m.id: m for m in result.meetings}
    assert by_id["m-summit"].reviewed is True
    assert str(by_id["m-call"].start_date) == "2024-05-03"
    assert [p.id for p in result.people] == ["p-ana", "p-lena"]
    assert [p.person_id for p in by_id["m-summit"].participants] == ["p-ana"]


def test_posting_without_the_page_token_is_refused_in_the_browser(review, page):
    page.goto(review.url)
    status = page.evaluate(
        """async () => (await fetch('/api/decisions', {method: 'POST', headers: {'Content-Type': 'application/json'},
             body: JSON.stringify({record_id: 'm-call', record_type: 'meeting', action: 'accept'})})).status"""
    )
    assert status == 403
    assert not (review.folder.path / "reviews.jsonl").exists()


def test_static_export_renders_read_only_and_runs_no_article_script(review, page, tmp_path):
    from pipeline.review.export import export_report

    report = export_report(review.folder.path, tmp_path / "report.html")
    page.goto(report.as_uri() + "#/meeting/m-call")
    expect(page.locator("#record-title")).to_have_text("(unnamed virtual)")
    expect(page.locator(".article-text").get_by_text(XSS_SCRIPT, exact=False)).to_be_visible()
    expect(page.locator("#mode-note")).to_have_text("read-only export")
    assert page.locator("#accept").count() == 0 and page.locator("button.correct").count() == 0
    page.keyboard.press("a")
    assert page.dialogs == []
