"""Each role's home page (issue 7): the panels and their figures, school scope for a dean,
"what changed after your feedback" for a student, and a query count that does not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accreditation.models import AccreditationKind
from governance.models.decisions import ActionSource, ActionStatus
from governance.roles import Role
from surveys.models import Campaign

from . import factories as f
from . import factories_campaigns as fc
from . import factories_dashboard as d
from .factories_accreditation import IndicatorFactory, IndicatorTargetFactory, IndicatorValueFactory
from .factories_accreditation_register import AccreditationFactory
from .factories_documents import AckCampaignFactory, AcknowledgementFactory
from .factories_results import course_evaluation_answered
from .urlmatrix import ROLES, WITHOUT_ACCOUNT

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def titles(response):
    return [str(panel.title) for panel in response.context["panels"]]


def panel(response, title):
    return next(p for p in response.context["panels"] if str(p.title) == title)


def past(days):
    return TODAY() - datetime.timedelta(days=days)


def soon(days):
    return TODAY() + datetime.timedelta(days=days)


def overdue_actions(world):
    """School A: 2 overdue of 3 open; school B: 1 overdue of 1; the university: 0 of 1."""
    owner = world.users["teacher"]
    d.action(owner, world.school_a, due=past(2))
    d.action(owner, world.school_a, due=past(5), status=ActionStatus.OVERDUE)
    d.action(owner, world.school_a, due=soon(9), status=ActionStatus.IN_PROGRESS)
    d.action(owner, world.school_a, due=past(9), status=ActionStatus.VERIFIED)
    d.action(owner, world.school_b, due=past(1), title="Economics rubric")
    d.action(owner, None, due=soon(30), title="University rubric")


def unit_rows(response, title="Improvement actions by unit"):
    return [(row.label, row.overdue, row.open) for row in panel(response, title).context["rows"]]


# --- QA manager ---------------------------------------------------------------------------


def test_qa_manager_sees_every_mechanism_with_its_figures(client, world):
    survey = fc.institution_survey(title_en="Library survey")
    overdue_actions(world)
    world.motion.status = "open"
    world.motion.save()
    campaign = AckCampaignFactory()
    for done in (True, False, False, False):
        AcknowledgementFactory(campaign=campaign, acknowledged_at=timezone.now() if done else None)
    cycle = d.cycle([world.programme_a], ready=1, not_ready=1, title_en="Law accreditation")
    AccreditationFactory(programme=world.programme_b, decision_date=past(365 * 4), years=5)
    indicator = IndicatorFactory(code="GRAD", name_en="Graduation rate")
    IndicatorTargetFactory(indicator=indicator, year=2025, value=80)
    IndicatorValueFactory(indicator=indicator, year=2024, value=70)
    IndicatorValueFactory(indicator=indicator, year=2025, value=85)

    response = home(client, world.users["qa_manager"])
    assert titles(response)[1:8] == [
        "Open survey campaigns",
        "Meetings and votes",
        "Documents due for review",
        "Acknowledgement campaigns",
        "Accreditation",
        "Improvement actions by unit",
        "Indicators against targets",
    ]
    campaigns = panel(response, "Open survey campaigns").context["campaigns"]
    assert [(c.pk, c.invited, c.answered) for c in campaigns] == [
        (survey.pk, survey.targets.first().invitations.count(), 0)
    ]
    meetings = panel(response, "Meetings and votes").context
    assert meetings["meetings"] == [world.meeting] and meetings["votes"] == [world.motion]
    acks = panel(response, "Acknowledgement campaigns").context["campaigns"]
    assert [(c.acknowledged, c.asked, c.percent) for c in acks] == [(1, 4, 25)]
    accreditation = panel(response, "Accreditation").context
    assert [(c.pk, c.readiness.percent) for c in accreditation["cycles"]] == [(cycle.pk, 50)]
    assert [a.programme for a in accreditation["expiring"]] == [world.programme_b]
    assert unit_rows(response) == [
        ("School of Law", 2, 3),
        ("School of Economics", 1, 1),
        ("University", 0, 1),
    ]
    [shown] = panel(response, "Indicators against targets").context["indicators"]
    assert (shown.latest.year, shown.latest.status) == (2025, "on_track")
    page = response.content.decode()
    assert "Library survey" in page and "Law accreditation" in page and "GRAD" in page
    assert "1 of 4 acknowledged" in page
    assert page.count("<svg") >= 1
    assert reverse("reports:new", args=["annual"]) in page


# --- Rector -------------------------------------------------------------------------------


def test_rector_sees_the_institution_summary(client, world):
    course_evaluation_answered(world)
    overdue_actions(world)
    d.decision(world.council, "12", date=TODAY())
    d.decision(world.council, "3", date=datetime.date(2026, 1, 15))  # the year before
    d.decision(world.committee, "L-1", date=TODAY())
    AccreditationFactory(programme=world.programme_a, decision_date=past(400), years=5)

    response = home(client, world.users["rector"])
    assert {
        "Satisfaction by school",
        "Decisions of the council this year",
        "Accreditation of programmes",
        "Improvement actions by unit",
    } <= set(titles(response))
    trends = panel(response, "Satisfaction by school").context["trends"]
    assert [trend.label for trend in trends] == [
        "Whole university",
        "School of Economics",
        "School of Law",
    ]
    assert all(trend.points[-1].mean is not None for trend in trends)
    decisions = panel(response, "Decisions of the council this year").context["decisions"]
    assert [decision.number for decision in decisions] == ["12"]
    programmes = panel(response, "Accreditation of programmes").context
    assert (programmes["total"], programmes["in_force"]) == (2, 1)
    assert {flag: n for flag, _label, n in programmes["summary"]}["none"] == 1
    assert unit_rows(response)[0] == ("School of Law", 2, 3)
    page = response.content.decode()
    assert page.count('class="results-chart"') == 3
    assert f'href="{reverse("reports:new", args=["annual"])}"' in page
    assert "Annual QA report" in page


def test_rector_reads_that_no_results_were_published_instead_of_an_empty_chart(client, world):
    response = home(client, world.users["rector"])
    trends = panel(response, "Satisfaction by school").context["trends"]
    assert trends and not any(trend.has_mean for trend in trends)
    page = response.content.decode()
    assert page.count("No published results in these years.") == len(trends)
    assert 'class="results-chart"' not in page


# --- Dean ---------------------------------------------------------------------------------


def test_dean_sees_their_school_and_nothing_of_another(client, world):
    world.users["dean"].add_role(Role.DEAN)
    course_evaluation_answered(world)
    overdue_actions(world)
    d.decision(world.committee, "L-7", date=TODAY(), text="Law syllabi approved")
    economics = f.BodyFactory(school=world.school_b)
    d.decision(economics, "E-7", date=TODAY(), text="Economics syllabi approved")
    d.decision(world.council, "C-7", date=TODAY(), text="Council policy approved")
    AccreditationFactory(programme=world.programme_b, decision_date=past(400), years=5)
    d.cycle([world.programme_b], ready=1, title_en="Economics accreditation")

    response = home(client, world.users["dean"])
    trends = panel(response, "Satisfaction in School of Law").context["trends"]
    assert [trend.school for trend in trends] == [world.school_a]
    decisions = panel(response, "Decisions of the school's bodies this year").context
    assert [decision.number for decision in decisions["decisions"]] == ["L-7"]
    programmes = panel(response, "Accreditation of programmes").context
    assert (programmes["total"], programmes["in_force"]) == (1, 0)
    assert unit_rows(response) == [("School of Law", 2, 3)]
    page = response.content.decode()
    for other in ("Economics syllabi", "Council policy", "Economics rubric", "School of Economics"):
        assert other not in page
    assert "Economics accreditation" not in page


# --- Teacher ------------------------------------------------------------------------------


def test_teacher_sees_own_course_results_and_actions(client, world):
    campaign, _questions = course_evaluation_answered(world)
    teacher = world.users["teacher"]
    d.action(teacher, world.school_a, due=past(3), title="Add worked examples")
    d.action(teacher, world.school_a, due=past(3), status=ActionStatus.DONE, title="Finished")
    d.action(world.users["chair"], world.school_a, title="Someone else's")

    response = home(client, teacher)
    [(target, scope)] = panel(response, "My course results").context["results"]
    assert target.course == world.course_a
    url = reverse("surveys:results_report", args=[campaign.pk, scope.slug])
    assert client.get(url).status_code == 200
    actions = panel(response, "My improvement actions").context["actions"]
    assert [action.title for action in actions] == ["Add worked examples"]
    page = response.content.decode()
    assert url in page and "Overdue" in page


# --- Student ------------------------------------------------------------------------------


def survey_actions(world):
    """Actions raised from the school A course evaluation (one for school A, one for school B,
    one for the university) and from a school B only campaign."""
    law, _questions = course_evaluation_answered(world)
    owner = world.users["qa_manager"]
    for school, title in (
        (world.school_a, "More office hours in Law"),
        (world.school_b, "More office hours in Economics"),
        (None, "A new library opening time"),
    ):
        d.action(owner, school, source=ActionSource.SURVEY, source_object=law, title=title)
    economics = fc.school_b_evaluation(world)
    d.action(
        owner,
        world.school_b,
        source=ActionSource.SURVEY,
        source_object=economics,
        title="Economics only",
    )
    d.action(owner, world.school_a, title="Not from a survey")
    return law


def test_student_sees_what_changed_after_feedback_of_their_school_only(client, world):
    survey_actions(world)
    response = home(client, world.users["student"])
    actions = panel(response, "What changed after your feedback").context["actions"]
    assert sorted(action.title for action in actions) == [
        "A new library opening time",
        "More office hours in Law",
    ]
    page = response.content.decode()
    assert "Economics" not in page and "Not from a survey" not in page


def test_what_changed_does_not_depend_on_having_answered(client, world):
    """Seed 000 §4.1.7: nothing shown may tell whether the student answered."""
    survey_actions(world)
    answered = world.users["student"]
    silent = f.student(programme=world.programme_a)

    def shown(user):
        response = home(client, user)
        return [
            a.pk for a in panel(response, "What changed after your feedback").context["actions"]
        ]

    assert shown(answered) == shown(silent) != []


# --- Secretary ----------------------------------------------------------------------------


def test_secretary_sees_agendas_to_publish_and_minutes_to_approve(client, world):
    planned = f.MeetingFactory(body=world.committee, status="planned")
    closed = f.MeetingFactory(
        body=world.committee, status="closed", starts_at=timezone.now() - datetime.timedelta(days=9)
    )
    response = home(client, world.users["secretary"])
    context = panel(response, "Meetings to prepare").context
    assert context["agendas"] == [planned] and context["minutes"] == [closed]
    assert "coming" not in response.content.decode().lower()


# --- Query counts -------------------------------------------------------------------------


def add_data(world, n):
    """``n`` more of every kind of thing the dashboards show, in both schools."""
    owner = world.users["teacher"]
    for index in range(n):
        for school in (world.school_a, world.school_b, None):
            d.action(owner, school, due=past(index + 1))
            d.action(world.users["chair"], school, due=soon(index + 1))
        d.decision(world.council, f"C{index}-{Campaign.objects.count()}", date=TODAY())
        d.decision(world.committee, f"L{index}-{Campaign.objects.count()}", date=TODAY())
        d.cycle([world.programme_a, world.programme_b], ready=2, not_ready=1)
        campaign = AckCampaignFactory()
        AcknowledgementFactory(campaign=campaign)
        AcknowledgementFactory(campaign=campaign, person=owner)
        programme = f.ProgrammeFactory(school=world.school_a)
        AccreditationFactory(programme=programme, decision_date=past(1500), years=5)
        indicator = IndicatorFactory()
        IndicatorTargetFactory(indicator=indicator, year=2025, value=50)
        IndicatorValueFactory(indicator=indicator, year=2025, value=40)
        f.MeetingFactory(body=world.committee, status="planned")
        fc.institution_survey()
    AccreditationFactory(
        kind=AccreditationKind.INSTITUTIONAL, programme=None, decision_date=past(1500), years=5
    )


def query_counts(client, world):
    counts = {}
    for role in (r for r in ROLES if r not in WITHOUT_ACCOUNT):
        client.force_login(world.users[role])
        client.get(reverse("home"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        counts[role] = len(queries)
    return counts


def test_home_query_count_does_not_grow_with_data(client, world):
    world.users["dean"].add_role(Role.DEAN)
    law = survey_actions(world)
    add_data(world, 1)
    before = query_counts(client, world)
    add_data(world, 3)
    d.action(
        world.users["qa_manager"], world.school_a, source=ActionSource.SURVEY, source_object=law
    )
    after = query_counts(client, world)
    assert after == before
    assert max(after.values()) <= 25, after
