"""A survey campaign in the browser, from the QA manager's form to published results.

Issue 4 ("Pages and tests"): a QA manager creates and opens a campaign; two students answer on
a phone-sized viewport; results stay hidden below the minimum and appear above it. The
campaign asks the second-year students of the School of Law, one in each of its two
programmes, with a minimum of 2 respondents. While it is open the QA manager sees counts only;
once it is closed, the report of the whole university (2 respondents) is shown, while each
programme (1 respondent each) is hidden below the minimum and says why. After the fixture data
nothing touches the database except through the pages.
"""

import datetime

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from governance.roles import Role
from surveys.models import Campaign, CampaignState

from . import factories as f
from . import factories_surveys as fs
from .browser import chromium, page, phone, sign_in  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

TITLE = "Student satisfaction 2027"
QUESTION = "The teaching in my programme is clear"
COMMENT_QUESTION = "What should the school change?"
HIDDEN = "Hidden: fewer than 2 people answered."


@pytest.fixture
def university(transactional_db):
    """The School of Law with two programmes and a second-year student in each, a QA manager,
    and a questionnaire with a scale and a comment question."""
    school = f.SchoolFactory(code="LAW", name_kk="Құқық мектебі", name_en="School of Law")
    programmes = [
        f.ProgrammeFactory(code=code, name_en=name, school=school)
        for code, name in (("6B04201", "Jurisprudence"), ("6B04202", "International Law"))
    ]
    students = [
        f.student(
            user=f.UserFactory(email=email, full_name_en=name, preferred_language="en"),
            programme=programme,
            year_of_study=2,
        )
        for email, name, programme in (
            ("aruzhan@uni.example.kz", "Aruzhan Abenova", programmes[0]),
            ("bolat@uni.example.kz", "Bolat Bekov", programmes[1]),
        )
    ]
    qa_manager = f.UserFactory(
        email="qa@uni.example.kz", roles=[Role.QA_MANAGER], preferred_language="en"
    )
    version = fs.VersionFactory(
        questionnaire=fs.QuestionnaireFactory(
            code="satisfaction", title_en="Student satisfaction", purpose="student_satisfaction"
        )
    )
    section = fs.SectionFactory(version=version, position=1, title_en="Your programme")
    fs.QuestionFactory(section=section, position=1, kind="likert", required=True, text_en=QUESTION)
    fs.QuestionFactory(section=section, position=2, kind="text", text_en=COMMENT_QUESTION)
    return qa_manager, students, version


def local_input(moment):
    """A moment as a datetime-local field takes it, in the portal's time zone (Almaty)."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def create_and_open_campaign(page, version):  # noqa: F811
    page.get_by_role("navigation").get_by_role("link", name="Survey campaigns").click()
    page.get_by_role("link", name="New campaign").click()
    expect(page.locator("h1")).to_have_text("New campaign")
    with translation.override("en"):
        version_label = str(version)
    page.get_by_label("Questionnaire version:").select_option(label=version_label)
    page.get_by_label("Title (Kazakh):").fill("Студенттердің қанағаттануы 2027")
    page.get_by_label("Title (English):").fill(TITLE)
    page.get_by_label("Audience:").select_option(label="Students (of a school, programme or year)")
    page.get_by_label("Only the school:").select_option(label="School of Law")
    page.get_by_label("Only the year of study:").fill("2")
    now = timezone.now()
    page.get_by_label("Opens at:").fill(local_input(now - datetime.timedelta(hours=1)))
    page.get_by_label("Closes at:").fill(local_input(now + datetime.timedelta(days=7)))
    page.get_by_label("Reminders (days before closing):").fill("2")
    page.get_by_label("Minimum respondents for results:").fill("2")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".messages")).to_contain_text("The draft is saved.")
    expect(page.locator("h1")).to_have_text(TITLE)

    page.get_by_role("button", name="Schedule").click()
    expect(page.locator(".messages")).to_contain_text("Scheduled: 2 invitations to answer.")
    page.get_by_role("button", name="Open now").click()
    expect(page.locator(".messages")).to_contain_text("The survey is open for answers.")
    expect(page.locator(".tag")).to_have_text("Open for answers")


def expect_answered(page, count):  # noqa: F811
    """The campaign's page, read again: invited 2, answered ``count`` — counts only."""
    page.reload()
    rates = page.locator("#campaign-live")
    expect(rates.locator("dt:text-is('Invited') + dd")).to_have_text("2")
    expect(rates.locator("dt:text-is('Answered') + dd")).to_have_text(str(count))


def answer_on_a_phone(phone, student, scale_point, comment):  # noqa: F811
    """From the dashboard to "My surveys", then the survey, answered and sent."""
    sign_in(phone, student.email)
    phone.get_by_role("link", name="All my surveys").click()
    expect(phone.locator("h1")).to_have_text("My open surveys")
    phone.get_by_role("link", name=TITLE).click()
    expect(phone.locator("h1")).to_have_text(TITLE)
    # Built for a phone: nothing sticks out of 360 px.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    privacy = phone.get_by_role("link", name="How your anonymity is protected")
    expect(privacy).to_have_attribute("href", "/en/surveys/anonymity/")
    phone.get_by_role("group", name=QUESTION).get_by_text(scale_point, exact=True).click()
    phone.get_by_role("textbox").fill(comment)
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.locator("h1")).to_have_text("Thank you")
    phone.get_by_role("link", name="Back to my surveys").click()
    expect(phone.locator(".survey-list").first).to_contain_text(
        "No survey is waiting for your answer."
    )


def test_students_answer_on_phones_and_results_appear_only_above_the_minimum(
    chromium,  # noqa: F811
    page,  # noqa: F811
    phone,  # noqa: F811
    live_server,
    university,
):
    qa_manager, (aruzhan, bolat), version = university

    # 1. The QA manager creates the campaign through the form, schedules it and opens it.
    sign_in(page, qa_manager.email)
    create_and_open_campaign(page, version)
    expect_answered(page, 0)

    # 2. The first student answers on a phone; the QA manager sees one answer, and no results:
    # a campaign still taking answers has none to show.
    answer_on_a_phone(phone, aruzhan, "Agree", "More moot court sessions, please.")
    expect_answered(page, 1)
    page.get_by_role("navigation").get_by_role("link", name="Survey results").click()
    expect(page.locator("main")).to_contain_text("No survey results are open to you yet.")

    # 3. The second student answers on a phone of their own.
    other_context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale="en-US",
    )
    try:
        second_phone = other_context.new_page()
        second_phone.set_default_timeout(10_000)
        answer_on_a_phone(second_phone, bolat, "Strongly agree", "Good teachers.")
    finally:
        other_context.close()
    page.get_by_role("navigation").get_by_role("link", name="Survey campaigns").click()
    page.get_by_role("link", name=TITLE).click()
    expect_answered(page, 2)

    # 4. The QA manager closes the campaign and reads the report: 2 respondents reach the
    # minimum of 2 for the whole university, 1 per programme does not.
    page.get_by_role("button", name="Close now").click()
    expect(page.locator(".messages")).to_contain_text("The survey is closed")
    page.get_by_role("navigation").get_by_role("link", name="Survey results").click()
    page.locator("section", has_text=TITLE).get_by_role("link", name="Whole university").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    facts = page.locator(".facts")
    expect(facts.locator("dt:text-is('Respondents') + dd")).to_have_text("2")
    expect(facts.locator("dt:text-is('Minimum respondents for results') + dd")).to_have_text("2")
    expect(page.locator(".results-hidden")).to_have_count(0)
    question = page.locator(".results-question", has_text=QUESTION)
    expect(question).to_contain_text("Answered by 2 of 2 (100 %)")
    expect(question).to_contain_text("Mean: 4.50")
    by_programme = page.locator(".results-breakdown", has_text="By educational programme")
    for programme in ("6B04201 Jurisprudence", "6B04202 International Law"):
        row = by_programme.locator("tr", has_text=programme)
        expect(row).to_contain_text(HIDDEN)
    # Nothing on the report names a respondent.
    for student in (aruzhan, bolat):
        expect(page.locator("main")).not_to_contain_text(student.full_name_en)

    # 5. The QA manager publishes; the comments wait for review and stay unpublished.
    expect(page.locator(".results-toolbar")).to_contain_text(
        "2 free-text answers are not reviewed yet and stay unpublished."
    )
    page.get_by_role("button", name="Publish the results").click()
    expect(page.locator(".messages")).to_contain_text("The results are published.")
    expect(question).to_contain_text("Mean: 4.50")
    expect(page.locator("main")).not_to_contain_text("moot court")

    # 6. On "My surveys" the first student finds the published campaign, and the page on how
    # their anonymity is protected (it fits the phone too).
    phone.reload()
    published = phone.locator("section", has_text="Results and what we changed")
    expect(published.get_by_role("link", name=TITLE)).to_be_visible()
    phone.get_by_role("link", name="How your anonymity is protected").click()
    expect(phone.locator("h1")).to_have_text("How your anonymity is protected")
    expect(phone.locator("main")).to_contain_text("Results are shown only when enough people")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    campaign = Campaign.objects.get(title_en=TITLE)
    assert campaign.state == CampaignState.PUBLISHED
    assert campaign.min_respondents == 2
    assert sum(campaign.targets.values_list("respondents", flat=True)) == 2
