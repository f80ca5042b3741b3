"""The figures shared by the dashboards and the annual report (issue 7): accreditation,
governance and documents overviews, each for the university and for one school."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accreditation import overview as accreditation
from accreditation.models import AccreditationKind, Cycle
from accreditation.models.cycles import CycleStatus
from documents import overview as documents
from documents.models import EditionStatus, TargetKind
from governance import overview as governance
from governance.models.decisions import ActionStatus

from . import factories as f
from . import factories_dashboard as d
from .factories_accreditation_register import AccreditationFactory
from .factories_documents import (
    AckCampaignFactory,
    AcknowledgementFactory,
    DocumentFactory,
    EditionFactory,
)

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- Accreditation ------------------------------------------------------------------------


def test_programme_status_flags_and_school_scope(world):
    AccreditationFactory(
        programme=world.programme_a, decision_date=datetime.date(2022, 6, 1), years=5
    )
    rows = accreditation.programme_status(today=TODAY)
    by_code = {row.programme.code: row for row in rows}
    assert by_code["6B04201"].flags == ["expiring"]
    assert by_code["6B04201"].current.valid_until == datetime.date(2027, 5, 31)
    assert by_code["6B04101"].flags == ["none", "overdue"]
    summary = {flag: count for flag, _label, count in accreditation.status_summary(rows)}
    assert summary == {"none": 1, "expired": 0, "expiring": 1, "overdue": 1}
    school_rows = accreditation.programme_status(world.school_b, today=TODAY)
    assert [row.programme.code for row in school_rows] == ["6B04101"]


def test_open_cycles_readiness_and_school_scope(world):
    law = d.cycle([world.programme_a], ready=3, not_ready=1)
    economics = d.cycle([world.programme_b], ready=0, not_ready=2)
    institutional = d.cycle(ready=1)
    closed = d.cycle([world.programme_a], ready=1)
    Cycle.objects.filter(pk=closed.pk).update(status=CycleStatus.CLOSED)
    rows = accreditation.open_cycles()
    assert [c.pk for c in rows] == [law.pk, economics.pk, institutional.pk]
    assert [c.readiness.percent for c in rows] == [75, 0, 100]
    assert [c.pk for c in accreditation.open_cycles(world.school_a)] == [law.pk]


def test_open_cycles_query_count_does_not_grow(world):
    d.cycle([world.programme_a], ready=1)
    with CaptureQueriesContext(connection) as before:
        accreditation.open_cycles()
    for _n in range(3):
        d.cycle([world.programme_a, world.programme_b], ready=2, not_ready=2)
    with CaptureQueriesContext(connection) as after:
        accreditation.open_cycles()
    assert len(after) == len(before) == 2


def test_expiring_within_the_horizon_by_school(world):
    soon = AccreditationFactory(
        programme=world.programme_a, decision_date=datetime.date(2022, 6, 1), years=5
    )
    later = AccreditationFactory(
        programme=world.programme_b, decision_date=datetime.date(2025, 1, 10), years=5
    )
    university = AccreditationFactory(
        kind=AccreditationKind.INSTITUTIONAL,
        programme=None,
        decision_date=datetime.date(2023, 1, 1),
        years=5,
    )
    assert accreditation.expiring(today=TODAY) == [soon, university]
    assert accreditation.expiring(today=TODAY, months=60) == [soon, university, later]
    assert accreditation.expiring(world.school_b, today=TODAY, months=60) == [later]


# --- Governance ---------------------------------------------------------------------------


def test_overdue_actions_by_unit(world):
    owner = world.users["teacher"]
    past, future = TODAY - datetime.timedelta(days=3), TODAY + datetime.timedelta(days=30)
    d.action(owner, world.school_a, due=past)  # late, not yet marked overdue
    d.action(owner, world.school_a, due=past, status=ActionStatus.OVERDUE)
    d.action(owner, world.school_a, due=future, status=ActionStatus.IN_PROGRESS)
    d.action(owner, world.school_a, due=past, status=ActionStatus.DONE)  # finished
    d.action(owner, world.school_b, due=future)
    d.action(owner, None, due=past, status=ActionStatus.IN_PROGRESS)
    rows = governance.overdue_actions_by_unit(today=TODAY)
    assert [(row.label, row.overdue, row.open) for row in rows] == [
        ("School of Law", 2, 3),
        ("University", 1, 1),
        ("School of Economics", 0, 1),
    ]
    only_b = governance.overdue_actions_by_unit(world.school_b, today=TODAY)
    assert [(row.school, row.overdue, row.open) for row in only_b] == [(world.school_b, 0, 1)]


def test_action_counts(world):
    owner = world.users["teacher"]
    past, future = TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)
    d.action(owner, due=past)
    d.action(owner, due=future)
    d.action(owner, due=past, status=ActionStatus.DONE)
    d.action(owner, due=past, status=ActionStatus.VERIFIED)
    d.action(owner, due=past, status=ActionStatus.OVERDUE)
    counts = governance.action_counts(world.users["teacher"].improvement_actions.all(), TODAY)
    assert counts == {
        "planned": 2,
        "in_progress": 0,
        "done": 1,
        "verified": 1,
        "overdue": 2,
        "open": 3,
        "total": 5,
    }


def test_council_decisions_for_the_university_or_a_school(world):
    start, end = datetime.date(2026, 9, 1), datetime.date(2027, 8, 31)
    council = d.decision(world.council, "1", date=datetime.date(2026, 10, 1))
    d.decision(world.council, "2", date=datetime.date(2026, 6, 1))  # last academic year
    law = d.decision(world.committee, "L-1")
    economics = f.BodyFactory(school=world.school_b)
    d.decision(economics, "E-1")
    assert list(governance.council_decisions(start, end)) == [council]
    assert list(governance.council_decisions(start, end, world.school_a)) == [law]
    assert governance.council_decisions(start, end).get().annulled is False


def test_upcoming_meetings_and_open_votes(world):
    now = timezone.now()
    f.MeetingFactory(body=world.council, starts_at=now - datetime.timedelta(days=2))
    council_next = f.MeetingFactory(body=world.council, starts_at=now + datetime.timedelta(days=1))
    assert list(governance.upcoming_meetings()) == [council_next, world.meeting]
    assert list(governance.upcoming_meetings([world.committee])) == [world.meeting]
    world.motion.status = "open"
    world.motion.save()
    assert list(governance.open_votes()) == [world.motion]
    assert list(governance.open_votes([world.council])) == []


# --- Documents ----------------------------------------------------------------------------


def test_acknowledgement_completion(world):
    everyone = AckCampaignFactory()
    for acknowledged in (True, True, False):
        AcknowledgementFactory(
            campaign=everyone, acknowledged_at=timezone.now() if acknowledged else None
        )
    economics = AckCampaignFactory(target_kind=TargetKind.SCHOOL, school=world.school_b)
    AcknowledgementFactory(campaign=economics)
    complete = AckCampaignFactory()
    AcknowledgementFactory(campaign=complete, acknowledged_at=timezone.now())
    rows = documents.acknowledgement_completion()
    assert {(c.pk, c.acknowledged, c.asked, c.percent) for c in rows} == {
        (everyone.pk, 2, 3, 67),
        (economics.pk, 0, 1, 0),
    }
    assert [c.pk for c in documents.acknowledgement_completion(world.school_a)] == [everyone.pk]


def test_approved_editions_in_a_period(world):
    start, end = datetime.date(2026, 9, 1), datetime.date(2027, 8, 31)
    university = DocumentFactory(owner_body=world.council)
    law = DocumentFactory(owner_body=world.committee)
    economics = DocumentFactory(owner_body=f.BodyFactory(school=world.school_b))
    published = EditionFactory(
        document=university, status=EditionStatus.PUBLISHED, published_on=datetime.date(2026, 10, 1)
    )
    EditionFactory(
        document=university, status=EditionStatus.PUBLISHED, published_on=datetime.date(2026, 1, 1)
    )
    approved = EditionFactory(
        document=law,
        status=EditionStatus.APPROVED,
        decision=d.decision(world.committee, "L-9", date=datetime.date(2026, 11, 2)),
    )
    EditionFactory(document=law, status=EditionStatus.DRAFT)
    other = EditionFactory(
        document=economics, status=EditionStatus.PUBLISHED, published_on=datetime.date(2026, 9, 9)
    )
    assert list(documents.approved_editions(start, end)) == [other, published, approved]
    assert list(documents.approved_editions(start, end, world.school_a)) == [published, approved]
