"""Campaign pages: who sees which campaigns, live response rates (counts only), a draft's form
with its mistakes told in words, and the steps schedule / open now / close."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from surveys.models import Campaign, CampaignState, Invitation, Question
from surveys.submission import submit
from surveys.tasks import send_campaign_links

from . import factories as f
from . import factories_campaigns as fc
from . import factories_surveys as fs

LIST = reverse("surveys:campaign_list")
CREATE = reverse("surveys:campaign_create")


def url(name, campaign, language="kk"):
    with translation.override(language):
        return reverse(f"surveys:{name}", args=[campaign.pk])


def page(client, user, address):
    client.force_login(user)
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def answer(campaign, person):
    """``person`` answers every sheet they are invited to in ``campaign``."""
    questions = {
        question.kind: question
        for question in Question.objects.filter(section__version=campaign.version_id)
    }
    for invitation in Invitation.objects.filter(target__campaign=campaign, user=person):
        submit(invitation, fs.full_answers(questions))


def cells(html):
    """The text of every table cell, tags dropped and whitespace collapsed."""
    found = re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)
    texts = (re.sub(r"<[^>]+>", " ", cell).replace("&nbsp;", " ") for cell in found)
    return [" ".join(text.split()) for text in texts]


@pytest.fixture
def evaluation(world):
    """School A's committee evaluates course A (world's teacher) with three students enrolled;
    two of them have answered."""
    students = [world.users["student"]]
    for _ in range(2):
        student = f.student(programme=world.programme_a)
        f.EnrolmentFactory(student=student, course=world.course_a, term=world.term)
        students.append(student)
    campaign = fc.committee_evaluation(world)
    for student in students[:2]:
        answer(campaign, student)
    return campaign


# --- who sees what ------------------------------------------------------------------------------


def test_the_menu_leads_the_qa_manager_and_committee_officers_to_campaigns(client, world):
    for role in ("qa_manager", "secretary", "chair"):
        assert LIST in page(client, world.users[role], reverse("home")), role
    for role in ("member", "teacher", "student", "dean", "rector"):
        assert LIST not in page(client, world.users[role], reverse("home")), role


def test_the_qa_manager_sees_every_campaign_and_a_committee_only_its_own(client, world):
    fc.committee_evaluation(world, "draft", title_en="Law draft")
    fc.institution_survey("draft", title_en="University survey")
    fc.school_b_evaluation(world, "draft")
    client.force_login(world.users["qa_manager"])
    with translation.override("en"):
        html = client.get(reverse("surveys:campaign_list")).content.decode()
    assert "Law draft" in html
    assert "University survey" in html
    assert "Evaluation of teaching, School of Economics" in html
    for role in ("secretary", "chair"):
        with translation.override("en"):
            html = page(client, world.users[role], reverse("surveys:campaign_list"))
        assert "Law draft" in html
        assert "University survey" not in html
        assert "School of Economics" not in html


# --- live response rates ------------------------------------------------------------------------


def test_the_list_shows_invited_answered_and_the_rate(client, world, evaluation):
    row = cells(page(client, world.users["secretary"], LIST))
    assert row[4:6] == ["3", "2"]
    assert row[6].endswith("67 %")


def test_the_live_fragment_follows_answers_and_stops_polling_when_closed(client, world, evaluation):
    live = url("campaign_live", evaluation)
    html = page(client, world.users["chair"], live)
    assert 'hx-trigger="every 10s"' in html
    assert "<dd>3</dd>" in html and "<dd>2</dd>" in html

    waiting = Invitation.objects.get(target__campaign=evaluation, receipt__isnull=True)
    answer(evaluation, waiting.user)
    html = page(client, world.users["chair"], live)
    assert "<dd>3</dd>" in html and "100 %" in html

    client.post(url("campaign_close", evaluation))
    html = page(client, world.users["chair"], live)
    assert "hx-get" not in html  # a closed campaign's counts no longer change


def test_the_list_fragment_polls_while_a_campaign_runs(client, world, evaluation):
    live = reverse("surveys:campaign_list_live")
    html = page(client, world.users["qa_manager"], live)
    assert f'hx-get="{live}"' in html
    assert "67 %" in html
    Campaign.objects.filter(pk=evaluation.pk).update(state=CampaignState.CLOSED)
    assert "hx-get" not in page(client, world.users["qa_manager"], live)


def test_counts_per_course_and_teacher(client, world):
    second = f.teacher(world.school_a, full_name_en="Second Teacher")
    course = f.CourseFactory(code="LAW202", programmes=[world.programme_a], teachers=[second])
    f.EnrolmentFactory(student=world.users["student"], course=course, term=world.term)
    other = f.student(programme=world.programme_a)
    f.EnrolmentFactory(student=other, course=world.course_a, term=world.term)
    campaign = fc.committee_evaluation(world, title_en="Two courses")
    answer(campaign, world.users["student"])
    client.force_login(world.users["secretary"])
    html = client.get(url("campaign_detail", campaign, "en")).content
    rows = cells(html.decode())
    by_sheet = {rows[i].split()[0]: rows[i : i + 4] for i in range(0, len(rows), 4)}
    assert by_sheet["LAW101"][1:] == ["2", "1", "50 % 50 %"]
    assert by_sheet["LAW202"][1:] == ["1", "1", "100 % 100 %"]
    assert "Second Teacher" in by_sheet["LAW202"][0]
    assert "<dd>3</dd>" in html.decode() and "<dd>2</dd>" in html.decode()


def test_counts_per_programme_and_year_in_a_student_survey(client, world):
    for year in (1, 2):
        f.student(programme=world.programme_b, year_of_study=year)
    campaign = fc.institution_survey(title_en="Satisfaction")
    answer(campaign, world.users["student"])
    client.force_login(world.users["qa_manager"])
    detail = url("campaign_detail", campaign, "en")
    with CaptureQueriesContext(connection) as few_groups:
        rows = cells(client.get(detail).content.decode())
    by_sheet = {rows[i]: rows[i + 1 : i + 4] for i in range(0, len(rows), 4)}
    year = world.users["student"].student_profile.year_of_study
    assert by_sheet[f"{world.programme_a} · year of study {year}"] == ["1", "1", "100 % 100 %"]
    assert by_sheet[f"{world.programme_b} · year of study 2"] == ["1", "0", "0 % 0 %"]
    # The page costs the same queries however many groups there are.
    for year in (3, 4):
        f.student(programme=f.ProgrammeFactory(school=world.school_b), year_of_study=year)
    more = fc.institution_survey(title_en="Satisfaction again")
    with CaptureQueriesContext(connection) as more_groups:
        client.get(url("campaign_detail", more, "en"))
    assert len(more_groups) == len(few_groups)


def test_no_page_says_who_answered(client, world, evaluation):
    answered = [invitation.user for invitation in Invitation.objects.filter(receipt__isnull=False)]
    for address in (LIST, url("campaign_detail", evaluation), url("campaign_live", evaluation)):
        html = page(client, world.users["qa_manager"], address)
        for person in answered:
            assert not re.search(rf"\b{re.escape(str(person))}\b", html)
            assert person.email not in html


# --- a draft's form -----------------------------------------------------------------------------


def _form(world, **overrides):
    version, _questions = fs.sheet_of_every_kind()
    data = {
        "version": version.pk,
        "title_kk": "Оқытуды бағалау",
        "title_ru": "Оценка преподавания",
        "title_en": "Evaluation of teaching",
        "owner_body": world.committee.pk,
        "audience_kind": "courses",
        "audience_school": world.school_a.pk,
        "audience_term": world.term.pk,
        "opens_at": "2030-12-05T00:00",
        "closes_at": "2030-12-20T00:00",
        "reminder_days": "7, 2",
        "min_respondents": "5",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_secretary_creates_a_draft_for_the_committee(client, world):
    client.force_login(world.users["secretary"])
    response = client.post(CREATE, _form(world))
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("campaign_detail", campaign)
    assert campaign.state == CampaignState.DRAFT
    assert campaign.owner_body == world.committee
    assert campaign.reminder_days == [7, 2]
    assert timezone.localtime(campaign.opens_at).date() == datetime.date(2030, 12, 5)
    assert not Invitation.objects.exists()  # nobody is invited before scheduling


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"closes_at": "2030-12-01T00:00"},
            "closes_at",
            "The survey must close after it opens.",
        ),
        (
            {"opens_at": "2020-01-01T00:00", "closes_at": "2020-02-01T00:00"},
            "closes_at",
            "The survey must close in the future.",
        ),
        (
            {"min_respondents": "1"},
            "min_respondents",
            "Results need at least 2 respondents, so that nobody can be recognised from them.",
        ),
        (
            {"min_respondents": "0"},
            "min_respondents",
            "Results need at least 2 respondents, so that nobody can be recognised from them.",
        ),
        (
            {"reminder_days": "seven"},
            "reminder_days",
            "Write whole numbers of days separated by commas, e.g. 7, 2.",
        ),
        ({"reminder_days": "2, 2"}, "reminder_days", "A day is listed twice."),
        (
            {"reminder_days": "30"},
            "reminder_days",
            "A reminder would fall before the survey opens.",
        ),
        (
            # The window opens at noon: a reminder 14 days before the last day falls at 09:00.
            {"opens_at": "2030-12-05T12:00", "reminder_days": "14"},
            "reminder_days",
            "A reminder 14 days before the close would fall outside the window (reminders go "
            "at 09:00 on their day).",
        ),
        (
            {"audience_term": ""},
            "audience_term",
            "Choose the term whose courses are evaluated.",
        ),
        (
            {"audience_kind": "external", "audience_term": "", "audience_school": ""},
            "external_emails",
            "Give at least one e-mail address.",
        ),
    ],
)
def test_mistakes_are_told_in_words(client, world, overrides, field, message):
    client.force_login(world.users["qa_manager"])
    with translation.override("en"):
        response = client.post(reverse("surveys:campaign_create"), _form(world, **overrides))
        assert response.status_code == 200
        assert message in response.context["form"].errors[field]
    assert not Campaign.objects.exists()


def test_a_committee_surveys_only_its_own_school(client, world):
    client.force_login(world.users["qa_manager"])
    response = client.post(CREATE, _form(world, audience_school=world.school_b.pk))
    with translation.override("en"):
        assert response.context["form"].errors["audience_school"] == [
            "A School Committee surveys its own school only."
        ]
    # School A's secretary is not even offered school B, nor a university-wide campaign.
    client.force_login(world.users["secretary"])
    form = client.get(CREATE).context["form"]
    assert list(form.fields["audience_school"].queryset) == [world.school_a]
    assert list(form.fields["owner_body"].queryset) == [world.committee]
    response = client.post(CREATE, _form(world, owner_body=""))
    assert "owner_body" in response.context["form"].errors
    assert not Campaign.objects.exists()


def test_only_a_draft_is_edited(client, world):
    draft = fc.committee_evaluation(world, "draft")
    client.force_login(world.users["chair"])
    response = client.post(url("campaign_edit", draft), _form(world, title_en="Renamed"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title_en == "Renamed"

    scheduled = fc.committee_evaluation(world, "scheduled", **fc.window(-1, 10))
    response = client.post(url("campaign_edit", scheduled), _form(world, title_en="Changed"))
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.title_en != "Changed"


# --- steps --------------------------------------------------------------------------------------


def test_schedule_then_open_now_then_close(client, world, django_capture_on_commit_callbacks):
    campaign = fc.committee_evaluation(world, "draft", **fc.window(-3, 20))
    client.force_login(world.users["secretary"])

    client.post(url("campaign_schedule", campaign))
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.SCHEDULED
    assert Invitation.objects.filter(target__campaign=campaign).count() == 1

    with django_capture_on_commit_callbacks() as queued:
        client.post(url("campaign_open", campaign))
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.OPEN
    assert campaign.opens_at <= timezone.now()  # the opening time moved to now
    assert len(queued) == 1  # the one-time links of e-mail invitees are sent at once

    client.post(url("campaign_close", campaign))
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.CLOSED


def test_open_now_schedules_a_draft_first(client, world):
    campaign = fc.committee_evaluation(world, "draft")
    client.force_login(world.users["chair"])
    client.post(url("campaign_open", campaign))
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.OPEN
    assert campaign.version.locked_at is not None
    assert Invitation.objects.filter(target__campaign=campaign, user=world.users["student"])


def test_a_step_that_cannot_be_taken_says_why(client, world):
    summer = f.TermFactory(
        kind="summer",
        start_date=datetime.date(2027, 6, 20),
        last_teaching_day=datetime.date(2027, 7, 30),
        end_date=datetime.date(2027, 8, 10),
    )
    campaign = fc.committee_evaluation(world, "draft", audience_term=summer)
    client.force_login(world.users["secretary"])
    response = client.post(url("campaign_schedule", campaign, "en"), follow=True)
    assert "Nobody is in the audience: there is no one to invite." in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT
    response = client.post(url("campaign_close", campaign, "en"), follow=True)
    assert "Only an open campaign can be closed." in response.content.decode()


def test_other_committees_cannot_take_steps(client, world):
    campaign = fc.school_b_evaluation(world, "open")
    for role in ("secretary", "chair", "member", "dean", "rector"):
        client.force_login(world.users[role])
        assert client.post(url("campaign_close", campaign)).status_code == 403
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.OPEN


def test_steps_are_post_only_with_csrf(world):
    from django.test import Client

    campaign = fc.committee_evaluation(world, "draft")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["secretary"])
    assert client.get(url("campaign_schedule", campaign)).status_code == 405
    assert client.post(url("campaign_schedule", campaign)).status_code == 403
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT


def test_the_detail_page_names_reminders_and_the_march_report(client, world):
    campaign = fc.institution_survey(
        "draft",
        opens_at=timezone.make_aware(datetime.datetime(2031, 3, 1)),
        closes_at=timezone.make_aware(datetime.datetime(2031, 4, 1)),
        reminder_days=[7, 2],
    )
    client.force_login(world.users["qa_manager"])
    html = client.get(url("campaign_detail", campaign, "en")).content.decode()
    assert "7 days before the close: March 24, 2031, 9 a.m." in html
    assert "2 days before the close: March 29, 2031, 9 a.m." in html
    assert "Report due" in html and "May 31, 2031" in html


def test_queued_links_task_sends_for_one_campaign(world):
    campaign = fc.institution_survey(
        "open", audience_kind="external", external_emails="alumna@example.kz"
    )
    assert send_campaign_links(campaign.pk) == 1
    assert send_campaign_links(campaign.pk) == 0
    assert send_campaign_links(999_999) == 0
