"""Survey figures for the dashboards and the annual report (issue 7): open campaigns with
response rates, satisfaction trends by school and year, the results of a year — never a
figure for a group under the campaign's minimum."""

import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from surveys import overview
from surveys.models import Campaign, Invitation

from . import factories as f
from . import factories_results as fr
from . import factories_surveys as fs

LIKERT = ["5", "4", "4", "3", "5", "2"]  # mean 23 / 6


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def years(world):
    """Last academic year (no survey) and this one (the surveys of the tests open now)."""
    today = timezone.localdate()
    start = datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    last = f.AcademicYearFactory(
        name="Last year", start_date=start.replace(year=start.year - 1), end_date=start
    )
    this = f.AcademicYearFactory(
        name="This year",
        start_date=start + datetime.timedelta(days=1),
        end_date=start.replace(year=start.year + 1),
    )
    return last, this


def published(programme, likert, purpose="course_evaluation", invited=None):
    """A published survey of ``programme``'s year-2 students; one answer per ``likert``."""
    version, questions = fs.sheet_of_every_kind()
    version.questionnaire.purpose = purpose
    version.questionnaire.save()
    people = fr.students(programme, invited or len(likert))
    campaign = fs.open_campaign(version=version, audience_programme=programme)
    fr.answer_all(campaign, people[: len(likert)], questions, likert=likert)
    return fr.finish(campaign)


def test_a_school_trend_is_the_mean_rating_and_a_small_school_is_hidden_with_the_reason(
    world, years
):
    published(world.programme_a, LIKERT)
    published(world.programme_b, ["1", "1"])  # two answers, the minimum is five
    published(world.programme_a, ["1"] * 6, purpose="alumni")  # not a satisfaction survey
    law, economics = overview.satisfaction_trends([world.school_a, world.school_b], years)

    assert law.label == "School of Law"
    assert [point.label for point in law.points] == ["Last year", "This year"]
    assert law.points[0].mean is None and law.points[0].respondents == 0
    assert law.points[0].hidden_reason == ""
    assert law.points[1].mean == pytest.approx(23 / 6)
    assert law.points[1].respondents == 6

    hidden = economics.points[1]
    assert hidden.mean is None and hidden.respondents == 0
    assert hidden.hidden_reason == "Hidden: fewer than 5 people answered."


def test_the_university_trend_counts_every_shown_school(world, years):
    published(world.programme_a, LIKERT)
    published(world.programme_b, ["1", "1", "1", "1", "1"])
    (university,) = overview.satisfaction_trends([None], years)
    assert university.label == "Whole university"
    point = university.points[1]
    assert point.respondents == 11
    assert point.mean == pytest.approx((23 + 5) / 11)


def test_the_trend_chart_is_a_labelled_svg_line(world, years):
    published(world.programme_a, LIKERT)
    trends = overview.satisfaction_trends([world.school_a], years)
    (chart,) = overview.trend_chart(trends)
    assert trends[0].chart is chart
    assert chart.title == "School of Law"
    assert [label for _x, label in chart.ticks] == ["Last year", "This year"]
    assert [point.value for point in chart.points] == [pytest.approx(23 / 6)]
    svg = render_to_string("surveys/results/_line.html", {"chart": chart})
    assert svg.startswith("<svg") and "School of Law" in svg and "This year" in svg


def test_trends_take_the_same_number_of_queries_for_more_campaigns_and_schools(world, years):
    published(world.programme_a, LIKERT)
    with CaptureQueriesContext(connection) as few:
        overview.satisfaction_trends([world.school_a, world.school_b], years)
    published(world.programme_b, LIKERT)
    programme_c = f.ProgrammeFactory(school=f.SchoolFactory())
    published(programme_c, LIKERT)
    with CaptureQueriesContext(connection) as more:
        overview.satisfaction_trends([world.school_a, world.school_b, programme_c.school], years)
    assert len(more) == len(few)


def test_open_campaigns_show_response_rates_and_a_school_sees_its_own_part(world):
    people_a = fr.students(world.programme_a, 4)
    people_b = fr.students(world.programme_b, 2)
    version, questions = fs.sheet_of_every_kind()
    campaign = fs.open_campaign(version=version)  # every student of the university
    fr.answer_all(campaign, people_a[:1] + people_b, questions)
    only_b = fs.open_campaign(audience_programme=world.programme_b)
    closed = fr.finish(fs.open_campaign(audience_programme=world.programme_a), publish=False)

    everywhere = {row.pk: row for row in overview.open_campaigns()}
    assert set(everywhere) == {campaign.pk, only_b.pk}
    invited_all = Invitation.objects.filter(target__campaign=campaign).count()
    assert (everywhere[campaign.pk].answered, everywhere[campaign.pk].invited) == (3, invited_all)

    law = {row.pk: row for row in overview.open_campaigns(school=world.school_a)}
    assert set(law) == {campaign.pk}
    invited_law = Invitation.objects.filter(
        target__campaign=campaign, target__school=world.school_a
    ).count()
    row = law[campaign.pk]
    assert (row.answered, row.invited) == (1, invited_law)
    assert row.rate == round(100 / invited_law)
    assert closed.pk not in law


def test_campaign_rows_add_rates(world):
    people = fr.students(world.programme_a, 4, year=4)
    version, questions = fs.sheet_of_every_kind()
    campaign = fs.open_campaign(
        version=version, audience_programme=world.programme_a, audience_year=4
    )
    fr.answer_all(campaign, people[:1], questions)
    (row,) = overview.campaign_rows(Campaign.objects.filter(pk=campaign.pk))
    assert (row.answered, row.invited, row.rate) == (1, 4, 25)


def test_year_results_give_means_for_a_shown_school_and_hide_a_small_one(world, years):
    published(world.programme_a, LIKERT)
    published(world.programme_b, ["2", "2"])
    last, this = years
    assert overview.year_results(last) == []

    (law,) = overview.year_results(this, school=world.school_a)
    assert law.shown and law.cell.respondents == 6
    clear_goals = next(q for q in law.questions if q.text == "Clear goals")
    assert clear_goals.mean == pytest.approx(23 / 6)
    assert law.mean == pytest.approx(23 / 6)

    (economics,) = overview.year_results(this, school=world.school_b)
    assert not economics.shown and economics.mean is None and economics.questions == []
    assert economics.cell.hidden_reason == "Hidden: fewer than 5 people answered."

    university = overview.year_results(this)
    assert len(university) == 2
