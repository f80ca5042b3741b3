"""A controlled document's new edition, from upload to every teacher's acknowledgement, through
the browser only (issue 5).

The QA manager uploads edition 2 of the School of Law committee's assessment policy, sends it
for review, approves it with the committee's decision and publishes it (edition 1 becomes
superseded), then launches an acknowledgement to the school's staff; a teacher opens the
document from the dashboard on a phone, in Kazakh, and confirms; the campaign page counts the
acknowledgement. After the fixture data nothing touches the database except through the
pages.
"""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from documents.models import Acknowledgement, EditionStatus
from governance.models import Decision

from .browser import chromium, page, phone, sign_in  # noqa: F401 - fixtures
from .factories_documents import PDF, DocumentFactory, EditionFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def policy(world):
    document = DocumentFactory(
        owner_body=world.committee,
        approving_body=world.committee,
        code="ҚЕ 3-3-3-2023",
        title_kk="Бағалау саясаты",
        title_en="Assessment policy",
    )
    EditionFactory(document=document, number=1, status=EditionStatus.PUBLISHED)
    Decision.objects.create(
        body=world.committee,
        meeting=world.meeting,
        number="SC-7",
        date=datetime.date(2026, 11, 2),
        text="Approve the assessment policy, edition 2",
    )
    return document


def test_a_new_edition_is_published_and_acknowledged_by_a_teacher(
    page,  # noqa: F811
    phone,  # noqa: F811
    world,
    policy,
    tmp_path,
):
    sign_in(page, world.users["qa_manager"].email)
    page.goto(f"/en/documents/{policy.pk}/")
    page.get_by_role("link", name="New edition").click()
    page.get_by_label("Edition:", exact=True).fill("2")
    upload = tmp_path / "assessment-policy-2.pdf"
    upload.write_bytes(PDF)
    page.get_by_label("File:", exact=True).set_input_files(str(upload))
    page.get_by_label("Basis for the change:").select_option(label="Periodic review")
    page.get_by_label("Summary of changes:").fill("Appeals now answered within five days.")
    page.get_by_label("Effective date:").fill("2026-12-01")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".messages")).to_contain_text("The draft edition is saved.")

    edition = page.locator(".register-edition", has_text="Edition 2")
    edition.get_by_role("button", name="Send for review").click()
    expect(page.locator(".messages")).to_contain_text("The edition is sent for review.")
    edition.get_by_label("Approving decision:").select_option(index=1)
    edition.get_by_role("button", name="Approve").click()
    expect(page.locator(".messages")).to_contain_text("The edition is approved.")
    edition.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("The edition is published.")
    expect(page.locator(".register-edition", has_text="Edition 1")).to_contain_text("Superseded")
    expect(edition).to_contain_text("Published")

    edition.get_by_role("link", name="Launch acknowledgement").click()
    page.get_by_label("Addressed to:").select_option(label="Staff of a school")
    page.get_by_label("School:", exact=True).select_option(value=str(world.school_a.pk))
    page.get_by_role("button", name="Launch acknowledgement").click()
    expect(page.locator(".messages")).to_contain_text("The acknowledgement campaign is launched.")
    campaign_url = page.url
    teacher = world.users["teacher"]
    expect(page.locator("main")).to_contain_text(teacher.full_name_en)

    sign_in(phone, teacher.email)
    # The teacher reads the portal in Kazakh, their language; the dashboard's "Documents to
    # acknowledge" panel leads to the page.
    with translation.override("kk"):
        confirm = gettext("I have read and understood")
        recorded = gettext("Thank you: your acknowledgement is recorded.")
    phone.get_by_role("link", name="ҚЕ 3-3-3-2023 — Бағалау саясаты").click()
    expect(phone.locator("main")).to_contain_text("Бағалау саясаты")
    phone.get_by_role("button", name=confirm).click()
    expect(phone.locator(".messages")).to_contain_text(recorded)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    page.goto(campaign_url)
    expect(page.locator("main")).to_contain_text("1 of")
    mine = Acknowledgement.objects.get(person=teacher)
    assert mine.acknowledged_at is not None
    assert mine.campaign.edition.number == 2
