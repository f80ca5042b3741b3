"""A school committee's meeting from proposal to register, through the browser only.

A member proposes an agenda item with a material; the secretary reads the material, puts the
item on the agenda and publishes it (every member is e-mailed the agenda); the chair starts the
meeting; everyone checks in; the chair words a named motion and opens the vote; three voting
members vote from their own browsers; the chair closes the vote; everyone sees the result in
words; the chair closes the meeting; the secretary records the discussion and downloads the
minutes PDF; the decision is in the register. After the fixture data nothing touches the
database except through the pages.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from weasyprint import HTML

from governance.roles import Role
from governance.tasks import agenda as agenda_tasks

from . import factories as f
from .browser import chromium, page, sign_in  # noqa: F401 - fixtures
from .test_minutes import pdf_text

pytestmark = pytest.mark.browser

COMMITTEE = "School of Law Committee"
ITEM = "Syllabi for the spring term"
MOTION = "Approve the syllabi of the spring term as presented"
MATERIAL = "Draft syllabi, spring 2027"
DISCUSSION = "A. Abenova presented the syllabi; B. Bekov asked for more seminar hours."
# Simple majority of the voting members present: 3 present, more than half → 2 needed.
RESULT = (
    "Adopted: 2 for of 3 present; more than half of 3 → 2 needed. (2 for, 1 against, 0 abstained)"
)


@pytest.fixture
def committee(transactional_db):
    """A school committee: a chair and a secretary without a vote, three voting teachers, and
    meeting No. 1 planned to start within the hour (its minutes are kept in English)."""
    school = f.SchoolFactory(code="LAW", name_kk="Құқық мектебі", name_en="School of Law")
    body = f.BodyFactory(
        kind="school_committee",
        school=school,
        name_kk="Құқық мектебінің комитеті",
        name_en=COMMITTEE,
        majority_rule="simple_present",
        abstention_rule="counted",
        quorum_numerator=1,
        quorum_denominator=2,
        non_voting_constituencies=["leadership", "non_academic"],
    )
    seated = timezone.localdate() - datetime.timedelta(days=60)

    def seat(email, name, role, voting, constituency, roles=()):
        person = f.UserFactory(
            email=email, full_name_en=name, preferred_language="en", roles=list(roles)
        )
        f.MembershipFactory(
            body=body,
            person=person,
            role=role,
            voting=voting,
            constituency=constituency,
            term_start=seated,
        )
        return person

    people = {
        "chair": seat("dean@uni.example.kz", "Dana Dean", "chair", False, "leadership"),
        "secretary": seat(
            "secretary@uni.example.kz",
            "Saule Secretary",
            "secretary",
            False,
            "non_academic",
            roles=[Role.SECRETARY],
        ),
        "members": [
            seat(f"teacher{n}@uni.example.kz", name, "member", True, "teacher")
            for n, name in enumerate(["Aigerim Abenova", "Bolat Bekov", "Cholpan Dauletova"])
        ],
    }
    f.MeetingFactory(
        body=body,
        number=1,
        status="planned",
        language="en",
        place="A-301",
        starts_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return people


def material_pdf():
    return HTML(string=f"<h1>{MATERIAL}</h1><p>LAW101, LAW102, LAW205.</p>").write_pdf()


def open_browser(chromium, live_server, person):  # noqa: F811
    """A browser context of one's own, signed in; returns (context, page)."""
    context = chromium.new_context(base_url=live_server.url, locale="en-US")
    own_page = context.new_page()
    own_page.set_default_timeout(15_000)
    sign_in(own_page, person.email)
    expect(own_page.locator("html")).to_have_attribute("lang", "en")
    return context, own_page


def go_to_meeting(own_page):
    """From any page, through the menu: My bodies → the committee → meeting No. 1."""
    own_page.get_by_role("navigation").get_by_role("link", name="My bodies").click()
    own_page.get_by_role("link", name=COMMITTEE).click()
    own_page.get_by_role("link", name="Meeting No. 1").click()
    expect(own_page.locator("h1")).to_have_text("Meeting No. 1")


def test_committee_meeting_from_proposal_to_register(
    chromium,  # noqa: F811
    page,  # noqa: F811
    live_server,
    committee,
    tmp_path,
    monkeypatch,
    mailoutbox,
):
    chair, secretary, members = committee["chair"], committee["secretary"], committee["members"]
    # The agenda is due (the meeting is within the notice period), so publishing queues its
    # e-mail; it is sent here at once, as the worker would, instead of through the broker.
    monkeypatch.setattr(agenda_tasks.send_agenda, "delay", agenda_tasks.send_agenda)
    page.set_default_timeout(15_000)
    contexts = []

    def browser_of(person):
        context, own_page = open_browser(chromium, live_server, person)
        contexts.append(context)
        return own_page

    try:
        # 1. A member proposes an item with a material.
        proposer = browser_of(members[0])
        go_to_meeting(proposer)
        proposer.get_by_role("link", name="Propose an item").click()
        proposer.get_by_label("Title:", exact=True).fill(ITEM)
        proposer.get_by_label("Description:").fill("The syllabi of LAW101, LAW102 and LAW205.")
        material = material_pdf()
        proposer.get_by_label("Material (optional):").set_input_files(
            files=[{"name": "syllabi.pdf", "mimeType": "application/pdf", "buffer": material}]
        )
        proposer.get_by_label("Title of the material:").fill(MATERIAL)
        proposer.get_by_role("button", name="Propose").click()
        expect(proposer.locator(".messages")).to_contain_text("Your proposal was sent")
        expect(proposer.locator("#proposed")).to_contain_text(ITEM)
        expect(proposer.locator("#agenda")).not_to_contain_text(ITEM)

        # 2. The secretary reads the material, puts the item on the agenda and publishes it.
        sign_in(page, secretary.email)
        go_to_meeting(page)
        proposal = page.locator("#proposed li.meetings-item", has_text=ITEM)
        expect(proposal).to_contain_text(f"Proposed by {members[0].full_name_en}")
        with page.expect_download() as download:
            proposal.get_by_role("link", name=MATERIAL).click()
        assert download.value.suggested_filename == "syllabi.pdf"
        assert download.value.path().read_bytes() == material
        proposal.get_by_role("button", name="Put on the agenda").click()
        expect(page.locator(".messages")).to_contain_text("The item is on the agenda.")
        expect(page.locator("#agenda li.meetings-item")).to_have_count(1)
        expect(page.locator("#agenda")).to_contain_text(ITEM)
        page.get_by_role("button", name="Publish the agenda").click()
        expect(page.locator(".messages")).to_contain_text("The agenda is published.")
        expect(page.locator(".meetings-facts")).to_contain_text("Agenda published")
        assert sorted(message.to[0] for message in mailoutbox) == sorted(
            person.email for person in [chair, secretary, *members]
        )
        assert f"1. {ITEM}" in mailoutbox[0].body
        assert f"- {MATERIAL}" in mailoutbox[0].body

        # 3. The chair starts the meeting; everyone checks in, the three voting members too.
        chair_page = browser_of(chair)
        go_to_meeting(chair_page)
        chair_page.get_by_role("button", name="Start the meeting").click()
        expect(chair_page.locator(".messages")).to_contain_text("The meeting is in session.")
        voters = [proposer, browser_of(members[1]), browser_of(members[2])]
        for person_page in [chair_page, page, *voters]:
            if person_page in (chair_page, page, proposer):
                person_page.reload()
            else:
                go_to_meeting(person_page)
            expect(person_page.locator("#agenda")).to_contain_text(ITEM)
            expect(person_page.locator("#agenda")).to_contain_text(MATERIAL)
            person_page.locator("#attendance").get_by_role("button", name="Check in").click()
            expect(person_page.locator("#attendance")).to_contain_text("You are checked in.")
        # The chair's attendance list follows by polling; the non-voting seats do not count.
        # A poll every 5 s: allow a few polls on a busy machine.
        expect(chair_page.locator(".meetings-quorum")).to_contain_text(
            "Present: 3 of 3 voting members. Quorum needs 2. Quorate.", timeout=30_000
        )

        # 4. The chair words a named motion and opens the vote.
        chair_page.locator("#agenda").get_by_role("link", name="Word a motion for the vote").click()
        chair_page.get_by_label("Text of the motion:").fill(MOTION)
        chair_page.get_by_label("Open (named) vote").check()
        chair_page.get_by_role("button", name="Save the motion").click()
        expect(chair_page.locator(".messages")).to_contain_text("The motion was saved.")
        expect(chair_page.locator(".voting-text")).to_have_text(MOTION)
        chair_page.get_by_role("button", name="Open the vote").click()
        expect(chair_page.locator(".voting-live")).to_contain_text(
            "0 of 3 voting members have voted"
        )

        # 5. Each member finds the motion on the meeting page and votes: 2 for, 1 against.
        for voter, choice in zip(voters, ["For", "For", "Against"], strict=True):
            voter.reload()
            voter.locator("#agenda").get_by_role("link", name=MOTION).click()
            button = voter.get_by_role("button", name=choice, exact=True)
            expect(button).to_be_visible()
            button.click()
            expect(voter.locator(".voting-recorded")).to_contain_text(
                f"Your vote is recorded. You voted: {choice}."
            )
            expect(voter.locator("button.voting-choice")).to_have_count(0)

        # 6. The chair sees the count by polling, never the totals, and closes the vote.
        expect(chair_page.locator(".voting-live")).to_contain_text(
            "3 of 3 voting members have voted"
        )
        expect(chair_page.locator(".voting-counts")).to_have_count(0)
        chair_page.get_by_role("button", name="Close the vote").click()
        expect(chair_page.locator(".voting-explanation")).to_have_text(RESULT)
        expect(chair_page.locator(".voting-decision")).to_have_text(
            "Entered in the register as decision No. 1/1."
        )

        # 7. Every member sees the result: the voters by polling, the secretary on opening it.
        for voter in voters:
            expect(voter.locator(".voting-explanation")).to_have_text(RESULT)
            expect(voter.locator(".voting-names")).to_contain_text(
                f"{members[2].full_name_en} Against"
            )
        page.reload()
        page.locator("#agenda").get_by_role("link", name=MOTION).click()
        expect(page.locator(".voting-explanation")).to_have_text(RESULT)

        # 8. The chair closes the meeting.
        chair_page.get_by_role("link", name="Meeting No. 1").click()
        chair_page.get_by_role("button", name="Close the meeting").click()
        expect(chair_page.locator(".messages")).to_contain_text("The meeting is closed.")

        # 9. The secretary records the discussion and downloads the minutes.
        page.get_by_role("link", name="Meeting No. 1").click()
        page.get_by_role("link", name="Minutes", exact=True).click()
        expect(page.locator("h1")).to_have_text("Minutes of meeting No. 1")
        page.get_by_role("link", name="Edit the discussion").click()
        page.get_by_label("Discussion for the minutes:").fill(DISCUSSION)
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".messages")).to_contain_text("The discussion was saved")
        # Chromium shows the PDF in its viewer; saving it fetches the same address again with
        # the secretary's session.
        page.get_by_role("link", name="Minutes (PDF)").click()
        expect(page).to_have_url(re.compile(r"/en/meetings/\d+/minutes\.pdf$"))
        saved = page.request.get(page.url)
        assert saved.ok
        assert saved.headers["content-type"] == "application/pdf"
        text = pdf_text(saved.body(), tmp_path)
        assert "Voting members present: 3 of 3. The quorum (2 needed) was present." in text
        assert "Dana Dean — Chair (non-voting)" in text
        assert "Nobody was absent." in text
        assert f"1. {ITEM} Heard and discussed {DISCUSSION}" in text
        assert MOTION in text
        assert "For Against Abstained Voting members present 2 1 0 3/3" in text
        assert RESULT in text
        assert f"{members[2].full_name_en} Against" in text
        assert f"Decided (decision No. 1/1) {MOTION}" in text

        # 10. The decision is in the register, with the result in words.
        page.go_back()
        page.get_by_role("navigation").get_by_role("link", name="Decisions").click()
        row = page.locator(".register-table tbody tr", has_text=MOTION)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(COMMITTEE)
        expect(row).to_contain_text(RESULT)
        row.get_by_role("link", name="1/1").click()
        expect(page).to_have_url(re.compile(r"/en/decisions/\d+/$"))
        expect(page.locator("main")).to_contain_text(MOTION)
        expect(page.locator("main")).to_contain_text(RESULT)
    finally:
        for context in contexts:
            context.close()
