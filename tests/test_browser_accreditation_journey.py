"""A self-assessment section from the working group to the exported report, through the browser
only (issue 6).

A committee member on the working group, on a phone, opens "My criteria", writes the
narrative and the SWOT of criterion 1.1, attaches the rector's order (a PDF) as evidence in
place (HTMX) and marks the section done; the QA manager sees the cycle's readiness rise on
the board and downloads the self-assessment report as PDF. After the fixture data nothing
touches the database except through the pages.
"""

import pytest
from playwright.sync_api import expect

from accreditation import cycles

from .browser import chromium, page, phone, sign_in  # noqa: F401 - fixtures
from .factories_accreditation import ClauseFactory, FrameworkFactory
from .factories_accreditation_cycles import CycleFactory, MemberFactory
from .factories_documents import PDF
from .test_minutes import pdf_text

pytestmark = pytest.mark.browser


@pytest.fixture
def cycle(world):
    framework = FrameworkFactory(code="IAAR-2024")
    mission = ClauseFactory(framework=framework, code="1.1", title_en="Mission")
    ClauseFactory(framework=framework, code="1.2", title_en="Strategy")
    found = CycleFactory(framework=framework, title_en="Institutional accreditation 2027")
    MemberFactory(cycle=found, person=world.users["member"], clauses=[mission])
    cycles.move(found, "start_self_assessment")
    return found


def test_a_member_writes_a_section_and_the_qa_manager_exports_the_report(
    page,  # noqa: F811
    phone,  # noqa: F811
    world,
    cycle,
    tmp_path,
):
    sign_in(phone, world.users["member"].email)
    phone.goto("/en/accreditation/cycles/mine/")
    phone.get_by_role("link", name="1.1 Mission").click()
    phone.get_by_label("Narrative (English):").fill("Our mission is published on the website.")
    phone.get_by_label("Strengths:").fill("Every student knows the mission")
    phone.get_by_role("button", name="Save the section").click()
    expect(phone.locator(".messages")).to_contain_text("The section is saved.")

    order = tmp_path / "rector-order.pdf"
    order.write_bytes(PDF)
    evidence = phone.locator("#evidence")
    evidence.get_by_label("Kind of evidence:").select_option(label="Uploaded file")
    evidence.get_by_label("What it shows:").fill("Rector's order on the mission")
    evidence.get_by_label("File:").set_input_files(str(order))
    evidence.get_by_role("button", name="Add the evidence").click()
    expect(phone.locator("#evidence li")).to_contain_text("rector-order")
    expect(phone.locator("#evidence li")).to_contain_text("Rector's order on the mission")

    phone.get_by_label("Status:").select_option(label="Done")
    phone.get_by_role("button", name="Save the section").click()
    expect(phone.locator(".messages")).to_contain_text("The section is saved.")

    sign_in(page, world.users["qa_manager"].email)
    page.goto("/en/accreditation/cycles/")
    expect(page.locator("main")).to_contain_text("50%")
    page.get_by_role("link", name="Institutional accreditation 2027").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Self-assessment report (PDF)").click()
    report = pdf_text(download.value.path().read_bytes(), tmp_path)
    assert "1.1 Mission" in report
    assert "Our mission is published on the website." in report
    assert "Rector's order on the mission" in report
