"""The demo's campaigns (``surveys.demo``) on a small university: two published March surveys
with real counters, an open course evaluation, demo logins left to answer, and a second run that
changes nothing."""

import datetime

import pytest
from django.utils import timezone

from surveys.demo import seed_campaigns
from surveys.models import Campaign, CampaignState, Invitation, Receipt, Target

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def university(db):
    today = timezone.localdate()
    term = f.TermFactory(
        start_date=today - datetime.timedelta(days=60),
        last_teaching_day=today + datetime.timedelta(days=20),
        end_date=today + datetime.timedelta(days=40),
    )
    law = f.SchoolFactory(code="LAW", name_en="School of Law")
    committee = f.BodyFactory(kind="school_committee", school=law, name_en="Law committee")
    teacher = f.teacher(law)
    course = f.CourseFactory(code="LAW101", teachers=[teacher])
    students = []
    for year in (1, 2, 3):
        programme = f.ProgrammeFactory(school=law)
        course.programmes.add(programme)
        for _ in range(15):
            students.append(f.student(programme=programme, year_of_study=year))
    login = f.UserFactory(email="student1@demo.edu.kz")
    students.append(f.student(user=login, programme=programme))
    for student in students:
        f.EnrolmentFactory(student=student, course=course, term=term)
    return committee, term, login


def test_two_published_surveys_and_an_open_evaluation_once(university):
    committee, term, login = university
    outcome = seed_campaigns()
    assert set(outcome.values()) == {"created"}

    finished = list(Campaign.objects.filter(state=CampaignState.PUBLISHED).order_by("opens_at"))
    running = Campaign.objects.get(state=CampaignState.OPEN)
    assert [timezone.localtime(c.opens_at).date().replace(day=1) for c in finished] == [
        datetime.date(2025, 3, 1),
        datetime.date(2026, 3, 1),
    ]
    for campaign in finished:
        assert campaign.owner_body is None
        assert campaign.closes_at < timezone.now()
        targets = Target.objects.filter(campaign=campaign)
        answered = sum(target.respondents for target in targets)
        assert answered == Receipt.objects.filter(invitation__target__campaign=campaign).count()
        assert answered >= campaign.min_respondents

    assert running.accepts_answers()
    assert running.owner_body == committee
    assert running.audience_term == term
    assert running.reminder_days == [7, 2]
    assert Invitation.objects.filter(target__campaign=running, user=login, receipt__isnull=True)
    assert not Receipt.objects.filter(invitation__user=login).exists()

    rows = Receipt.objects.count()
    assert set(seed_campaigns().values()) == {"unchanged"}
    assert Receipt.objects.count() == rows
    assert Campaign.objects.count() == 3
