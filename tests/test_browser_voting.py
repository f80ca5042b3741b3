"""A vote in the browser: the chair opens it, three members vote from their own devices without
reloading (the page polls), the chair closes it and everyone sees the result."""

import re

import pytest
from playwright.sync_api import expect

from governance.models import Decision, Motion

from . import factories as f
from .browser import chromium, page, sign_in  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

RESULT = (
    "Adopted: 3 for of 4 present; more than half of 4 → 3 needed. (3 for, 1 against, 0 abstained)"
)


@pytest.fixture
def vote_at_meeting(transactional_db):
    """A committee with a chair and three voting members, all checked in, and a draft motion."""
    _body, meeting, people = f.body_with_members(4, name_en="Voting Committee")
    item = f.AgendaItemFactory(meeting=meeting, position=3, title="Syllabi", proposed_by=people[0])
    motion = f.MotionFactory(item=item, text="Approve the syllabi for the spring term")
    return motion, people


def member_context(chromium, live_server, **options):  # noqa: F811
    context = chromium.new_context(base_url=live_server.url, locale="en-US", **options)
    member_page = context.new_page()
    member_page.set_default_timeout(15_000)
    return context, member_page


def test_members_vote_from_their_phones_while_the_chair_runs_the_vote(
    chromium,  # noqa: F811
    page,  # noqa: F811
    live_server,
    vote_at_meeting,
):
    motion, (chair, *members) = vote_at_meeting
    path = f"/en/motions/{motion.pk}/"
    page.set_default_timeout(15_000)
    sign_in(page, chair.email)
    page.goto(path)
    expect(page.locator("h1")).to_contain_text("Syllabi")

    contexts, pages = [], []
    for i, member in enumerate(members):
        # The first member is on a 360-px phone.
        options = {"viewport": {"width": 360, "height": 740}, "is_mobile": True} if i == 0 else {}
        context, member_page = member_context(chromium, live_server, **options)
        contexts.append(context)
        sign_in(member_page, member.email)
        member_page.goto(path)
        expect(member_page.locator(".voting-live")).to_contain_text("not yet put this motion")
        expect(member_page.locator("button.voting-choice")).to_have_count(0)
        # A marker that a reload would wipe out.
        member_page.evaluate("window.stillTheSamePage = true")
        pages.append(member_page)

    try:
        page.click("button.voting-open")
        expect(page.locator(".voting-live")).to_contain_text("0 of 4 voting members have voted")

        # The buttons appear on every member's page by polling, without a reload.
        for member_page, choice in zip(pages, ["For", "For", "Against"], strict=True):
            button = member_page.get_by_role("button", name=choice, exact=True)
            expect(button).to_be_visible()
            button.click()
            expect(member_page.locator(".voting-recorded")).to_contain_text(
                "Your vote is recorded."
            )
            expect(member_page.locator("button.voting-choice")).to_have_count(0)

        phone = pages[0]
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360

        # The chair's counter moves by polling; the running totals are never shown.
        expect(page.locator(".voting-live")).to_contain_text("3 of 4 voting members have voted")
        expect(page.locator(".voting-counts")).to_have_count(0)
        page.get_by_role("button", name="For", exact=True).click()
        expect(page.locator(".voting-live")).to_contain_text("4 of 4 voting members have voted")

        page.get_by_role("button", name="Close the vote").click()
        expect(page.locator(".voting-explanation")).to_have_text(RESULT)
        expect(page.locator(".voting-controls")).to_have_count(0)

        for member_page in pages:
            expect(member_page.locator(".voting-explanation")).to_have_text(RESULT)
            expect(member_page.locator(".voting-names")).to_contain_text(
                f"{members[2].full_name_en} Against"
            )
            assert member_page.evaluate("window.stillTheSamePage") is True
            assert re.search(rf"{path}$", member_page.url)
    finally:
        for context in contexts:
            context.close()

    motion.refresh_from_db()
    assert (motion.status, motion.outcome, motion.votes_for, motion.votes_against) == (
        "closed",
        "adopted",
        3,
        1,
    )
    assert Decision.objects.get(motion=motion).number == f"{motion.item.meeting.number}/3"
    assert Motion.objects.get(pk=motion.pk).receipts.count() == 4
