"""Campaigns in a given state for the campaign pages and the beat tasks (``world`` fixture)."""

import datetime

from django.utils import timezone

from surveys import lifecycle
from surveys.models import Campaign

from . import factories as f
from . import factories_surveys as fs


def drive(campaign, state):
    """Take a draft through the lifecycle up to ``state`` (draft, scheduled, open or closed)."""
    if state == "draft":
        return campaign
    lifecycle.schedule(campaign)
    if state == "scheduled":
        return Campaign.objects.get(pk=campaign.pk)
    campaign = lifecycle.open_campaign(campaign)
    if state == "open":
        return campaign
    return lifecycle.close_campaign(campaign)


def committee_evaluation(world, state="open", **kwargs):
    """World's term evaluated in school A, course by course, run by school A's committee."""
    values = {
        "title_en": "Evaluation of teaching, School of Law",
        "owner_body": world.committee,
        "audience_kind": "courses",
        "audience_school": world.school_a,
        "audience_term": world.term,
        **kwargs,
    }
    return drive(fs.CampaignFactory(**values), state)


def institution_survey(state="open", **kwargs):
    """A university-wide student survey run by the QA office."""
    values = {"title_en": "Student satisfaction survey", "audience_kind": "students", **kwargs}
    return drive(fs.CampaignFactory(**values), state)


def school_b_committee(world):
    """School B's committee, with its own secretary."""
    committee = f.BodyFactory(kind="school_committee", school=world.school_b, name_en="Economics")
    f.MembershipFactory(
        body=committee,
        person=f.UserFactory(email="secretary.b@uni.example.kz"),
        role="secretary",
        voting=False,
        constituency="non_academic",
    )
    return committee


def school_b_evaluation(world, state="open"):
    """School B's committee evaluates school B's courses (world's student is not among them)."""
    student = f.student(programme=world.programme_b)
    f.EnrolmentFactory(student=student, course=world.course_b, term=world.term)
    campaign = fs.CampaignFactory(
        title_en="Evaluation of teaching, School of Economics",
        owner_body=school_b_committee(world),
        audience_kind="courses",
        audience_school=world.school_b,
        audience_term=world.term,
    )
    return drive(campaign, state)


def window(days_open, days_left, **kwargs):
    """Campaign fields for a window opened ``days_open`` days ago that closes at the end of the
    day ``days_left`` days from today (Almaty), so reminder times do not depend on the hour."""
    now = timezone.now()
    last_day = timezone.localdate() + datetime.timedelta(days=days_left)
    closes_at = timezone.make_aware(
        datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min)
    )
    return {"opens_at": now - datetime.timedelta(days=days_open), "closes_at": closes_at, **kwargs}
