"""The action plan and survey campaign reports (issue 7), made in the background like the
annual report: their figures equal the database's, a school's plan shows nothing of another
school, and each is refused to whom the rule (the annual report's; the results page's)
refuses it."""

import datetime
import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from governance.models import ImprovementAction
from governance.models.decisions import ActionSource, ActionStatus
from governance.overview import overdue_filter
from qa_portal.models import Report, ReportStatus
from qa_portal.reports import action_plan, campaign, jobs, registry, tasks
from surveys.models import Invitation, Receipt

from . import factories_dashboard as fd
from . import factories_results as fr
from . import factories_surveys as fs
from .test_minutes import pdf_text
from .test_reports_annual import this_year

OTHER = "Quokkaborough"  # in every action of school B
LIKERT = ["5", "4", "4", "3", "5", "2"]  # mean 23 / 6 = 3.83


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.generate_report, "delay", lambda *args: calls.append(args))
    return calls


def figure(text, label):
    """The number printed after ``label: `` in the summary."""
    found = re.search(re.escape(label) + r": (\d+)", text)
    assert found, label
    return int(found.group(1))


def stored_text(report, tmp_path):
    """Run the worker's job for ``report`` and read the PDF it stored."""
    assert jobs.run(report.pk, report.attempts)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.progress == 100
    return pdf_text(default_storage.open(report.file.name).read(), tmp_path)


# --- Action plan ----------------------------------------------------------------------------


@pytest.fixture
def actions(world):
    today = timezone.localdate()
    past, soon = today - datetime.timedelta(days=20), today + datetime.timedelta(days=30)
    qa, law = world.users["qa_manager"], world.school_a
    fd.action(qa, law, due=past, title="Late rubric", source=ActionSource.INSPECTION)
    fd.action(qa, law, due=past, status=ActionStatus.OVERDUE, title="Marked late")
    fd.action(qa, law, due=soon, status=ActionStatus.IN_PROGRESS, title="Running syllabus")
    fd.action(qa, law, due=past, status=ActionStatus.DONE, title="Finished library")
    fd.action(qa, law, due=soon, title="Planned mentoring", source=ActionSource.RECOMMENDATION)
    fd.action(qa, None, due=soon, status=ActionStatus.VERIFIED, title="University portal")
    fd.action(qa, world.school_b, due=past, title=f"{OTHER} late action")
    fd.action(qa, world.school_b, due=soon, status=ActionStatus.DONE, title=f"{OTHER} done")
    return today


def plan_params(school=None, year=None, open_only=False):
    return {
        "school": school.pk if school else None,
        "academic_year": year.pk if year else None,
        "open_only": open_only,
        "language": "en",
    }


def build_plan(params, tmp_path, calls=None):
    calls = [] if calls is None else calls
    pdf = action_plan.build(params, lambda percent, stage: calls.append((percent, stage)))
    return pdf_text(pdf, tmp_path)


def expected(actions, today):
    """Total, overdue, in progress (not late) and done, counted in the database."""
    late = actions.filter(overdue_filter(today))
    return {
        "Improvement actions": actions.count(),
        "Overdue": late.count(),
        "In progress": actions.filter(status=ActionStatus.IN_PROGRESS).exclude(pk__in=late).count(),
        "Done": actions.filter(status=ActionStatus.DONE).exclude(pk__in=late).count(),
        "Verified": actions.filter(status=ActionStatus.VERIFIED).count(),
    }


def test_the_university_plan_prints_the_database_counts_overdue_first(world, actions, tmp_path):
    calls = []
    text = build_plan(plan_params(), tmp_path, calls)
    counts = expected(ImprovementAction.objects.all(), actions)
    assert counts == {
        "Improvement actions": 8,
        "Overdue": 3,
        "In progress": 1,
        "Done": 2,
        "Verified": 1,
    }
    for label, count in counts.items():
        assert figure(text, label) == count, label
    assert "Action plan report" in text and "Whole university" in text
    assert "TEST UNIVERSITY" in text
    # Overdue first: the late ones (marked or not) before the planned and done ones.
    assert "Overdue (3)" in text and "Planned (1)" in text and "Done (2)" in text
    order = ["Late rubric", "Marked late", "Planned mentoring", "Running syllabus", "Finished"]
    assert [text.index(title) for title in order] == sorted(text.index(t) for t in order)
    assert "Inspection" in text and "recommendation" in text  # the source (cells wrap)
    assert "University portal" in text and OTHER in text
    percents = [percent for percent, _stage in calls]
    assert percents == sorted(percents) and percents[-1] == 100


def test_a_school_plan_shows_nothing_of_another_school(world, actions, tmp_path):
    text = build_plan(plan_params(world.school_a), tmp_path)
    counts = expected(ImprovementAction.objects.filter(school=world.school_a), actions)
    for label, count in counts.items():
        assert figure(text, label) == count, label
    assert figure(text, "Improvement actions") == 5
    assert "School of Law" in text and "Late rubric" in text
    assert OTHER not in text and "University portal" not in text
    assert "School of Economics" not in text


def test_open_only_and_one_academic_year_narrow_the_plan(world, actions, tmp_path):
    text = build_plan(plan_params(world.school_a, open_only=True), tmp_path)
    assert figure(text, "Improvement actions") == 4
    assert "Finished library" not in text and "Open actions only" in text
    year = this_year(world)
    old = fd.action(world.users["qa_manager"], world.school_a, due=year.start_date.replace(2001))
    ImprovementAction.objects.filter(pk=old.pk).update(
        created_at=timezone.now().replace(year=2001), title="Long ago"
    )
    text = build_plan(plan_params(world.school_a, year=year), tmp_path)
    assert figure(text, "Improvement actions") == 5 and "Long ago" not in text
    assert action_plan.title(plan_params(world.school_a, year=year)) == (
        "Action plan report Year under review — School of Law"
    )


def test_a_dean_asks_for_their_own_schools_plan_only(world, client, sent):
    dean = world.users["dean"]
    assert action_plan.can_request(dean, plan_params(world.school_a))
    assert not action_plan.can_request(dean, plan_params(world.school_b))
    assert not action_plan.can_request(dean, plan_params())
    client.force_login(dean)
    url = reverse("reports:new", args=["action_plan"])
    for school in (world.school_b.pk, ""):
        response = client.post(url, {"school": school, "language": "en"})
        assert response.status_code == 200 and not Report.objects.exists()
    response = client.post(url, {"school": world.school_a.pk, "language": "kk"})
    report = Report.objects.get()
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert report.kind == "action_plan" and report.school == world.school_a
    assert report.parameters == {**plan_params(world.school_a), "language": "kk"}


def test_the_rector_gets_the_plan_through_the_worker(world, actions, client, sent, tmp_path):
    client.force_login(world.users["rector"])
    client.post(reverse("reports:new", args=["action_plan"]), {"open_only": "on", "language": "en"})
    report = Report.objects.get()
    assert report.school is None and report.title == "Action plan report — Whole university"
    assert figure(stored_text(report, tmp_path), "Improvement actions") == 5


# --- Survey campaign ------------------------------------------------------------------------


@pytest.fixture
def survey(world):
    """Seven students of programme A asked, six answer; the results are published."""
    version, questions = fs.sheet_of_every_kind()
    people = fr.students(world.programme_a, 7, year=3)
    made = fs.open_campaign(
        version=version, audience_programme=world.programme_a, audience_year=3, title_en="Exit"
    )
    fr.answer_all(made, people[:6], questions, likert=LIKERT)
    return fr.finish(made)


def campaign_params(made, scope="all"):
    return {"campaign": made.pk, "scope": scope, "language": "en"}


def test_the_campaign_report_prints_the_campaigns_responses(world, survey, client, sent, tmp_path):
    client.force_login(world.users["qa_manager"])
    client.post(reverse("reports:new", args=["campaign"]), {"results": f"{survey.pk}/all"})
    assert not Report.objects.exists()  # the language is asked for
    client.post(
        reverse("reports:new", args=["campaign"]),
        {"results": f"{survey.pk}/all", "language": "en"},
    )
    report = Report.objects.get()
    assert report.kind == "campaign" and report.parameters == campaign_params(survey)
    assert report.title == "Survey campaign report: Exit — Whole university"
    assert report.school == world.school_a  # the whole campaign is the school's
    text = stored_text(report, tmp_path)
    invited = Invitation.objects.filter(target__campaign=survey).count()
    answered = Receipt.objects.filter(invitation__target__campaign=survey).count()
    assert (invited, answered) == (7, 6)
    facts = "Invited Respondents Response rate Minimum respondents for results"
    assert f"{facts} {invited} {answered} 86 % 5" in text
    assert f"Answered by {answered} of {answered}" in text and "Mean: 3.83" in text


def test_a_dean_asks_for_their_schools_results_only(world, survey, client, sent):
    dean = world.users["dean"]
    form = campaign.CampaignReportForm(dean)
    assert [value for value, _label in form.fields["results"].choices] == [
        f"{survey.pk}/school-LAW"
    ]
    assert campaign.can_request(dean, campaign_params(survey, "school-LAW"))
    assert not campaign.can_request(dean, campaign_params(survey))
    assert not campaign.can_request(dean, campaign_params(survey, "school-ECON"))
    assert campaign.school_of(campaign_params(survey, "school-LAW")) == world.school_a
    client.force_login(dean)
    url = reverse("reports:new", args=["campaign"])
    client.post(url, {"results": f"{survey.pk}/all", "language": "en"})
    assert not Report.objects.exists()
    client.post(url, {"results": f"{survey.pk}/school-LAW", "language": "en"})
    assert Report.objects.get().school == world.school_a


def test_results_not_yet_published_are_refused(world, client, sent):
    """The results page lets the QA manager read a closed campaign to review it; its report,
    read by the rector and the dean too, waits for the publication."""
    version, questions = fs.sheet_of_every_kind()
    people = fr.students(world.programme_b, 5)
    made = fs.open_campaign(version=version, audience_programme=world.programme_b)
    fr.answer_all(made, people, questions)
    made = fr.finish(made, publish=False)
    for role in ("rector", "qa_manager"):
        user = world.users[role]
        assert not campaign.can_request(user, campaign_params(made)), role
        assert campaign.CampaignReportForm(user).fields["results"].choices == [], role
        client.force_login(user)
        response = client.post(
            reverse("reports:new", args=["campaign"]),
            {"results": f"{made.pk}/all", "language": "en"},
        )
        assert response.status_code == 200 and not Report.objects.exists(), role
    assert campaign.school_of(campaign_params(made)) == world.school_b


def test_a_person_who_does_not_read_the_results_is_refused(world, survey, client):
    teacher = world.users["teacher"]
    assert not campaign.can_request(teacher, campaign_params(survey))
    assert not campaign.can_request(teacher, campaign_params(survey, "school-LAW"))
    client.force_login(teacher)
    response = client.get(reverse("reports:new", args=["campaign"]))
    assert response.status_code == 403


def test_the_built_in_kinds_are_offered_to_the_leadership(world):
    codes = [kind.code for kind in registry.offered_to(world.users["rector"])]
    assert codes[:3] == ["annual", "action_plan", "campaign"]
