"""The rector asks for the annual QA report, watches its progress bar and downloads the PDF,
through the browser only (issue 7).

A real Celery worker runs in the test process; the page polls the job every second until
the download link appears. The PDF's SHA-256 must be the one the page shows.
"""

import hashlib

import pytest
from celery.contrib.testing.worker import start_worker
from playwright.sync_api import expect

from qa_portal.celery import app

from .browser import chromium, page, sign_in  # noqa: F401 - fixtures
from .test_minutes import pdf_text

pytestmark = pytest.mark.browser


@pytest.fixture
def worker(live_server):
    with start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10
    ):
        yield


def test_the_rector_generates_and_downloads_the_annual_report(
    page,  # noqa: F811
    world,
    worker,
    tmp_path,
):
    sign_in(page, world.users["rector"].email)
    page.goto("/en/")
    page.get_by_role("link", name="Reports", exact=True).click()
    annual = page.locator("section", has=page.get_by_role("heading", name="Annual QA report"))
    annual.get_by_label("Academic year:").select_option(label="2026-2027")
    annual.get_by_label("School:").select_option(label="School of Law")
    annual.get_by_label("Language:").select_option("en")
    annual.get_by_role("button", name="Generate the report").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Annual QA report 2026-2027")
    expect(page.locator("#report-live progress")).to_be_visible()
    download_link = page.get_by_role("link", name="Download the PDF")
    expect(download_link).to_be_visible(timeout=60_000)
    expect(page.locator("#report-live[hx-get]")).to_have_count(0)  # polling has stopped
    shown_hash = page.locator("#report-sha256").inner_text().strip()
    with page.expect_download() as download:
        download_link.click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == shown_hash
    assert "School of Law" in pdf_text(pdf, tmp_path)
