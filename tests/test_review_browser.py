"""`convene review` end to end in headless Chromium (Debian's, driven by Playwright).

Screenshots of the list and of a meeting page are written to tests/artifacts/ (not committed).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import time
from pathlib import Path

import pytest
from test_review import XSS_IMG, XSS_SCRIPT, write_output_folder

from pipeline.cli.main import main
from pipeline.review.server import ReviewServer
from pipeline.write import read_jsonl

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


def serve(out_dir: Path) -> ReviewServer:
    app = ReviewServer(out_dir, reviewer="browser-tester", port=0)
    app.start_in_thread()
    return app


@pytest.fixture()
def review(tmp_path: Path):
    app = serve(write_output_folder(tmp_path / "out"))
    yield app
    app.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("console", lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None)
    tab.on("dialog", lambda dialog: (problems.append("dialog: " + dialog.message), dialog.dismiss()))
    yield tab
    context.close()
    assert problems == [], f"JavaScript errors, CSP violations or dialogs: {problems}"


def rows(page):
    return page.locator("#records tbody tr[data-id]")


def logged(app: ReviewServer) -> list[dict]:
    return list(read_jsonl(app.session.path / "reviews.jsonl"))


def test_list_shows_labels_newest_first_progress_and_sorts_by_column(review, page):
    page.goto(review.url + "meetings")
    expect(rows(page)).to_have_count(2)
    expect(rows(page).first).to_have_attribute("data-id", "m-call")
    expect(rows(page).first.locator("td.label")).to_have_text("Virtual meeting: Ana Reyes – Lena Okafor, 2024-05-13")
    expect(page.locator("#progress")).to_have_text("reviewed 0 of 2")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-list.png"))

    page.click("th a.sort[data-column=date]")
    expect(page).to_have_url(review.url + "meetings?dir=asc")
    expect(rows(page).first).to_have_attribute("data-id", "m-summit")
    page.click("th a.sort[data-column=label]")
    expect(rows(page).first).to_have_attribute("data-id", "m-summit")

    page.select_option("#filter-type", "virtual")
    expect(rows(page)).to_have_count(1)
    expect(page).to_have_url(review.url + "meetings?type=virtual&sort=label")
    page.reload()
    expect(rows(page)).to_have_count(1)
    expect(page.locator("#filter-type")).to_have_value("virtual")


def test_accept_opens_the_next_unreviewed_record_and_u_undoes(review, page):
    page.goto(review.url + "meetings")
    page.keyboard.press("j")
    expect(page.locator("#record-title")).to_have_text("Virtual meeting: Ana Reyes – Lena Okafor, 2024-05-13")
    page.keyboard.press("a")
    expect(page.locator("#record-title")).to_have_text("Regional Water Summit")
    expect(page).to_have_url(review.url + "meetings/m-summit")
    expect(page.locator("#progress")).to_have_text("reviewed 1 of 2")
    expect(page.locator("tr[data-id=m-call] .badge.accepted")).to_have_text("accepted")
    assert [(d["record_id"], d["action"]) for d in logged(review)] == [("m-call", "accept")]

    page.keyboard.press("u")
    expect(page.locator("#record-title")).to_have_text("Virtual meeting: Ana Reyes – Lena Okafor, 2024-05-13")
    expect(page.locator("#progress")).to_have_text("reviewed 0 of 2")
    expect(page.locator("#status")).to_have_text("not reviewed")
    assert [(d["action"], d["value"]) for d in logged(review)] == [("accept", None), ("undo", 1)]

    page.keyboard.press("?")
    expect(page.locator("dialog#keys")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("dialog#keys")).to_be_hidden()


def test_merge_two_people_by_typing_a_name(review, page):
    page.goto(review.url + "people/p-ana")
    expect(rows(page)).to_have_count(3)
    page.fill("#merge-search", "okafor")
    page.click("#merge-results button.merge-result[data-id=p-lena]")
    expect(rows(page)).to_have_count(2)
    expect(page.locator("#records tr[data-id=p-lena]")).to_have_count(0)
    expect(page.locator("#record-title")).to_have_text("Ana Reyes")
    expect(page.locator("tr[data-field=aliases] .value-cell")).to_contain_text("Lena Okafor")
    page.goto(review.url + "people/p-lena")
    expect(page).to_have_url(review.url + "people/p-ana")
    page.goto(review.url + "meetings/m-call")
    expect(page.locator("tr[data-field=participants] .value-cell a")).to_have_text(["Ana Reyes"])


def test_split_shows_the_new_record_and_recomputes_the_kept_one(review, page):
    page.goto(review.url + "meetings/m-summit")
    expect(page.locator("tr[data-field=start_date] .value")).to_have_text("2024-05-02")
    page.click("section.source[data-article=art-a] button.split")
    expect(page.locator("section.source")).to_have_count(1)
    expect(page.locator("tr[data-field=start_date] .value")).to_have_text("2024-05-03")
    expect(rows(page)).to_have_count(3)
    expect(page.locator("#records tr[data-id='m-summit-split-art-a']")).to_have_count(1)
    page.click("a.split-link")
    expect(page.locator("#record-title")).to_have_text("Regional Water Summit")
    expect(page.locator("tr[data-field=start_date] .value")).to_have_text("2024-05-02")
    expect(page.locator(".notice")).to_contain_text("Split off")


def test_every_nested_evidence_span_is_drawn_and_a_field_highlights_its_spans(review, page):
    page.goto(review.url + "meetings/m-summit")
    expected = int(page.locator("article.record").get_attribute("data-span-count"))
    assert expected == sum(int(s.get_attribute("data-spans")) for s in page.locator("section.source").all())
    drawn = page.evaluate("new Set([...document.querySelectorAll('.excerpt mark.ev')].map(m => m.dataset.span)).size")
    assert expected >= 4 and drawn == expected
    page.click("tr[data-field=name] .evidence-chip")
    expect(page.locator("mark.ev.hl")).to_have_count(1)
    expect(page.locator("mark.ev.hl")).to_contain_text("Regional Water Summit")
    page.click("tr[data-field=participants] .evidence-chip")
    expect(page.locator("mark.ev.hl")).to_have_count(3)
    page.screenshot(path=str(ARTIFACTS / "review-meeting.png"))

    page.goto(review.url + "meetings/m-call")
    expect(page.locator(".excerpt").get_by_text(XSS_SCRIPT, exact=False)).to_be_visible()
    expect(page.locator(".excerpt mark.ev").filter(has_text=XSS_IMG)).to_have_count(1)
    assert page.locator("#app img").count() == 0 and page.locator("#app script").count() == 0
    page.click("section.source details.full summary")
    expect(page.locator("section.source .full-text mark.ev")).to_have_count(4)


def test_a_refused_correction_shows_why_and_is_not_logged(review, page):
    page.goto(review.url + "meetings/m-summit")
    page.click("tr[data-field=end_date] details.edit summary")
    page.fill("tr[data-field=end_date] input[type=date]", "2024-04-30")
    page.click("tr[data-field=end_date] button.save")
    expect(page.locator("#flash.error")).to_contain_text("end_date 2024-04-30 before start_date 2024-05-02")
    assert not (review.session.path / "reviews.jsonl").exists()


def test_forms_correct_a_kind_and_add_a_participant_by_name(review, page):
    page.goto(review.url + "meetings/m-call")
    page.click("tr[data-field=kind] details.edit summary")
    page.select_option("tr[data-field=kind] select", "call")
    page.click("tr[data-field=kind] button.save")
    expect(page.locator("tr[data-field=kind] .corrected")).to_have_text("corrected by browser-tester")
    expect(page.locator("#record-title")).to_have_text("Call: Ana Reyes – Lena Okafor, 2024-05-13")
    page.click("tr[data-field=participants] details.edit summary")
    page.fill("tr[data-field=participants] input.person-search", "berg")
    page.click("tr[data-field=participants] .results button.result >> text=Tomas Berg")
    expect(page.locator("tr[data-field=participants] .participant-row")).to_have_count(3)
    page.select_option("tr[data-field=participants] .participant-row:last-child select", "speaker")
    page.click("tr[data-field=participants] button.save")
    expect(page.locator("tr[data-field=participants] .value-cell a")).to_have_text(
        ["Ana Reyes", "Lena Okafor", "Tomas Berg"])
    assert logged(review)[-1]["value"][-1] == {"person_id": "p-tomas", "name": "Tomas Berg", "role": "speaker"}


def test_a_correction_with_a_line_separator_is_kept_and_applied_by_the_next_ingest(ingested, page):
    out = ingested()
    meeting = next(m for m in read_jsonl(out / "meetings.jsonl") if m["name"] is None or m["name"])
    app = serve(out)
    try:
        page.goto(f"{app.url}meetings/{meeting['id']}")
        page.click("tr[data-field=name] details.edit summary")
        page.fill("tr[data-field=name] input[type=text]", "Port\u2028Standards\u2029Talks")
        page.click("tr[data-field=name] button.save")
        expect(page.locator("tr[data-field=name] .corrected")).to_have_text("corrected by browser-tester")
        expect(page.locator("tr[data-field=name] .value")).to_have_text("Port\u2028Standards\u2029Talks")
    finally:
        app.close()
    inputs = out.parent / "out-in"
    assert main(["ingest", str(inputs), "--out", str(out), "--quiet"]) == 0
    after = next(m for m in read_jsonl(out / "meetings.jsonl") if m["id"] == meeting["id"])
    assert after["name"] == "Port\u2028Standards\u2029Talks"


def test_writes_without_the_page_token_are_refused_in_the_browser(review, page):
    page.goto(review.url + "meetings")
    status = page.evaluate(
        """async () => (await fetch('/api/decisions', {method: 'POST', headers: {'Content-Type': 'application/json'},
             body: JSON.stringify({record_id: 'm-call', record_type: 'meeting', action: 'accept'})})).status"""
    )
    assert status == 403
    assert not (review.session.path / "reviews.jsonl").exists()


def test_the_export_is_read_only_and_runs_no_script(review, page, tmp_path):
    from pipeline.review.export import export_report

    report = export_report(review.session.path, tmp_path / "report.html")
    page.goto(report.as_uri() + "#meeting-m-call")
    expect(page.locator("#meeting-m-call #record-title")).to_have_text(
        "Virtual meeting: Ana Reyes – Lena Okafor, 2024-05-13")
    expect(page.locator("#meeting-m-summit")).to_be_hidden()
    expect(page.locator("#meeting-m-call .excerpt").get_by_text(XSS_SCRIPT, exact=False)).to_be_visible()
    expect(page.locator("#mode-note")).to_have_text("read-only export")
    assert page.locator("#accept").count() == 0 and page.locator("form").count() == 0
    page.click("#records-people a[href='#person-p-lena']")
    expect(page.locator("#person-p-lena")).to_be_visible()


def synthetic_folder(out: Path, articles: int = 300) -> tuple[int, int]:
    """An output folder with `articles` articles, two meetings and four people each (made-up names)."""
    rng = random.Random(7)
    given = ["Ana", "Tomas", "Lena", "Ravi", "Mei", "Omar", "Ines", "Kofi", "Sara", "Jonas"]
    family = ["Reyes", "Berg", "Okafor", "Iyer", "Chen", "Haddad", "Costa", "Mensah", "Novak", "Lind"]
    out.mkdir(parents=True)
    rows: dict[str, list[dict]] = {"articles": [], "meetings": [], "people": []}
    for number in range(articles):
        names = [f"{rng.choice(given)} {rng.choice(family)} {number}" for _ in range(4)]
        text = (f"{names[0]} met {names[1]} in Lisbon on 3 May 2024.\n\n"
                f"Later {names[2]} spoke with {names[3]} by phone about trade.\n\n" + "Background. " * 200)
        article_id = f"a-{number:04d}"
        day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(700))
        rows["articles"].append({"id": article_id, "source": f"news/{number:04d}.txt", "title": f"Report {number}",
                                 "published": day.isoformat(), "text": text})
        people_ids = []
        for index, name in enumerate(names):
            start = text.index(name)
            person_id = f"p-{number:04d}-{index}"
            people_ids.append(person_id)
            rows["people"].append({"id": person_id, "name": name, "roles": [{"title": "Minister", "article_ids": [article_id]}],
                                   "meeting_ids": [f"m-{number:04d}-{index // 2}"],
                                   "sources": [{"article_id": article_id, "evidence": [
                                       {"start": start, "end": start + len(name), "text": name}]}]})
        for index, kind in enumerate(("meeting", "call")):
            sentence_end = text.index("\n\n", text.index(names[index * 2]))
            sentence_start = text.index(names[index * 2])
            rows["meetings"].append({
                "id": f"m-{number:04d}-{index}", "kind": kind, "start_date": day.isoformat(),
                "participants": [{"person_id": people_ids[index * 2 + k], "name": names[index * 2 + k]} for k in (0, 1)],
                "sources": [{"article_id": article_id, "evidence": [
                    {"start": sentence_start, "end": sentence_end, "text": text[sentence_start:sentence_end]}]}],
            })
    for name, records in rows.items():
        (out / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return len(rows["meetings"]), len(rows["people"])


def test_first_rows_of_300_articles_records_show_in_under_a_second(tmp_path, page):
    meetings, people = synthetic_folder(tmp_path / "big")
    app = serve(tmp_path / "big")
    try:
        timings = []
        for path in ("meetings", "people"):
            started = time.perf_counter()
            page.goto(app.url + path, wait_until="commit")
            rows(page).first.wait_for(state="visible")
            timings.append(time.perf_counter() - started)
            total = meetings if path == "meetings" else people
            expect(page.locator("#list-count")).to_have_text(f"{total} shown")
            expect(rows(page)).to_have_count(150)
            page.locator("#records tr.more").scroll_into_view_if_needed()
            expect(rows(page)).to_have_count(300)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "list-timing.txt").write_text(
            f"300 articles, {meetings} meetings, {people} people: first rows of meetings in {timings[0]:.3f} s, "
            f"of people in {timings[1]:.3f} s\n", encoding="utf-8")
        assert max(timings) < 1.0, timings
    finally:
        app.close()
