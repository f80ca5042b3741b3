"""When surveys are held (seed 000 §4.1.7–§4.1.10): March surveys with the report due in May,
course evaluation opening two weeks before the term's last teaching day — and the campaign form
suggesting those windows."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys import calendar, outreach
from surveys.models import Campaign

from . import factories as f
from . import factories_campaigns as fc

CREATE = reverse("surveys:campaign_create")


def local(*parts):
    return timezone.make_aware(datetime.datetime(*parts))


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (datetime.date(2026, 11, 23), 2027),
        (datetime.date(2027, 1, 10), 2027),
        (datetime.date(2027, 3, 31), 2027),  # March is not over: this March still
        (datetime.date(2027, 4, 1), 2028),
    ],
)
def test_institution_surveys_are_held_in_march_with_the_report_due_in_may(today, year):
    window = calendar.institution_survey_window(today)
    assert window.opens_at == local(year, 3, 1)
    assert window.closes_at == local(year, 4, 1)
    assert window.last_day == datetime.date(year, 3, 31)
    assert window.report_due == datetime.date(year, 5, 31)
    assert timezone.localtime(window.opens_at).tzinfo.key == "Asia/Almaty"


def test_course_evaluation_opens_two_weeks_before_the_last_teaching_day(db):
    term = f.TermFactory(last_teaching_day=datetime.date(2026, 12, 19))
    window = calendar.course_evaluation_window(term)
    assert window.opens_at == local(2026, 12, 5)
    assert window.last_day == datetime.date(2026, 12, 19)
    assert window.closes_at == local(2026, 12, 20)
    assert window.term == term
    assert window.report_due is None


def test_the_term_to_evaluate_is_the_first_whose_teaching_has_not_ended(db):
    autumn = f.TermFactory()  # last teaching day 19 December 2026
    spring = f.TermFactory(
        kind="spring",
        start_date=datetime.date(2027, 1, 25),
        last_teaching_day=datetime.date(2027, 5, 8),
        end_date=datetime.date(2027, 6, 12),
    )
    assert calendar.term_to_evaluate(datetime.date(2026, 10, 1)) == autumn
    assert calendar.term_to_evaluate(datetime.date(2026, 12, 19)) == autumn
    assert calendar.term_to_evaluate(datetime.date(2026, 12, 20)) == spring
    assert calendar.term_to_evaluate(datetime.date(2027, 5, 9)) is None


def test_the_report_date_belongs_to_the_qa_offices_march_surveys_only(world):
    march = {"opens_at": local(2031, 3, 1), "closes_at": local(2031, 4, 1)}
    assert calendar.report_due_for(fc.institution_survey("draft", **march)) == datetime.date(
        2031, 5, 31
    )
    staff = fc.institution_survey("draft", audience_kind="staff", **march)
    assert calendar.report_due_for(staff) == datetime.date(2031, 5, 31)
    october = {"opens_at": local(2031, 10, 1), "closes_at": local(2031, 11, 1)}
    assert calendar.report_due_for(fc.institution_survey("draft", **october)) is None
    assert calendar.report_due_for(fc.committee_evaluation(world, "draft", **march)) is None
    alumni = fc.institution_survey(
        "draft", audience_kind="external", external_emails="a@example.kz", **march
    )
    assert calendar.report_due_for(alumni) is None


def test_reminders_go_at_nine_on_their_day():
    campaign = Campaign(opens_at=local(2026, 12, 5), closes_at=local(2026, 12, 20))
    assert outreach.reminder_moment(campaign, 0) == local(2026, 12, 19, 9)
    assert outreach.reminder_moment(campaign, 7) == local(2026, 12, 12, 9)
    campaign.reminder_days = [7, 2]
    assert outreach.due_reminder_day(campaign, local(2026, 12, 12, 8, 59)) is None
    assert outreach.due_reminder_day(campaign, local(2026, 12, 12, 9)) == 7
    assert outreach.due_reminder_day(campaign, local(2026, 12, 18)) == 2
    # A reminder that would come before the window opens is never due, and the form says so.
    campaign.reminder_days = [14]
    campaign.opens_at = local(2026, 12, 5, 12)
    assert outreach.due_reminder_day(campaign, local(2026, 12, 19)) is None
    assert len(outreach.reminder_problems(campaign)) == 1


# --- the form suggests the windows --------------------------------------------------------------


def _initial(client, user, query=""):
    """The create form as the person gets it on 23 November 2026 (world's autumn term ends its
    teaching on 19 December 2026)."""
    client.force_login(user)
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2026, 11, 23)):
        response = client.get(CREATE + query)
    assert response.status_code == 200
    return response.context["form"], response.content.decode()


def test_a_committee_is_offered_the_course_evaluation_of_the_coming_term(client, world):
    form, html = _initial(client, world.users["secretary"])
    assert form.initial["opens_at"] == local(2026, 12, 5)
    assert form.initial["closes_at"] == local(2026, 12, 20)
    assert form.initial["audience_kind"] == "courses"
    assert form.initial["audience_term"] == world.term
    assert form.initial["owner_body"] == world.committee
    assert form.initial["audience_school"] == world.school_a.pk
    assert form.initial["reminder_days"] == "7, 2"
    assert (
        form.initial["title_en"] == "Evaluation of courses and teachers, Autumn semester 2026-2027"
    )
    assert form.initial["title_kk"].endswith("Күзгі семестр 2026-2027")
    assert 'value="2026-12-05T00:00"' in html
    assert "?window=march" in html


def test_the_qa_office_is_offered_march_and_may_choose_the_term(client, world):
    form, html = _initial(client, world.users["qa_manager"])
    assert form.initial["opens_at"] == local(2027, 3, 1)
    assert form.initial["closes_at"] == local(2027, 4, 1)
    assert form.initial["audience_kind"] == "students"
    assert "owner_body" not in form.initial
    assert 'value="2027-03-01T00:00"' in html
    form, _html = _initial(client, world.users["qa_manager"], "?window=term")
    assert form.initial["opens_at"] == local(2026, 12, 5)
    assert form.initial["audience_term"] == world.term
