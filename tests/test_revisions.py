"""The council revising or annulling a School Committee decision (seed 000 §2.1)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from governance.models import AgendaItem, Attendance, Decision
from governance.revisions import (
    RevisionError,
    record_revision,
    revision_note,
    take_up_for_revision,
)
from governance.voting import cast_vote, close_vote, open_vote

from . import factories as f
from .test_minutes import Held


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


class Council:
    """The ARC above School A's committee: the rector chairs, two teachers, a secretary."""

    def __init__(self, world):
        self.body = world.council
        self.teachers = [
            f.MembershipFactory(body=self.body, person=f.teacher(world.school_b)).person
            for _ in range(2)
        ]
        self.secretary = f.MembershipFactory(
            body=self.body,
            person=f.UserFactory(full_name_en="Council Secretary"),
            role="secretary",
            voting=False,
            constituency="non_academic",
        ).person
        self.meeting = f.MeetingFactory(
            body=self.body,
            number=12,
            status="published",
            starts_at=timezone.now() + datetime.timedelta(days=3),
        )
        self.later = f.MeetingFactory(
            body=self.body,
            number=13,
            status="planned",
            starts_at=timezone.now() + datetime.timedelta(days=30),
        )
        self.voters = [world.users["rector"], *self.teachers]

    def adopt(self, item, number="ARC-12", text="Мектеп комитетінің шешімі жойылсын"):
        """Hold the meeting: everyone present, the motion carried, the decision adopted."""
        self.meeting.status = "in_session"
        self.meeting.save()
        for person in self.voters:
            Attendance.objects.get_or_create(meeting=self.meeting, person=person)
        motion = f.MotionFactory(item=item, text=text)
        open_vote(motion)
        for person in self.voters:
            cast_vote(motion, person, "for")
        motion, _result = close_vote(motion)
        assert motion.outcome == "adopted"
        return Decision.objects.create(
            body=self.body,
            meeting=self.meeting,
            motion=motion,
            number=number,
            date=timezone.localdate(),
            text=text,
        )


@pytest.fixture
def held(world):
    return Held(world)


@pytest.fixture
def council(world):
    return Council(world)


def test_council_annuls_a_committee_decision(client, world, held, council, tmp_path):
    sc_decision = held.decision
    # The rector (the council's chair) takes the decision onto the council's agenda.
    client.force_login(world.users["rector"])
    response = client.post(
        reverse("governance:decision_take_up", args=[sc_decision.pk]),
        {"meeting": council.meeting.pk, "grounds": "Академиялық саясаттың 4-бөліміне қайшы"},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(reviews=sc_decision)
    assert item.meeting == council.meeting
    assert item.status == "on_agenda"
    assert item.proposed_by == world.users["rector"]
    # The title is written in the council meeting's language (Kazakh here).
    with translation.override("kk"):
        heading = gettext("Revision of decision No. %(number)s of %(body)s of %(date)s")
    assert "SC-7" in item.title and heading.split("%")[0].strip() in item.title
    assert "Академиялық саясаттың 4-бөліміне қайшы" in item.description
    assert sc_decision.text in item.description

    # Taking it up twice is refused while it is pending.
    with pytest.raises(RevisionError, match="already on the agenda"):
        take_up_for_revision(sc_decision, council.later, world.users["rector"])

    # The council adopts a decision on the item and records it as annulling.
    council_decision = council.adopt(item)
    client.force_login(council.secretary)
    response = client.post(
        reverse("governance:decision_revision_record", args=[council_decision.pk]),
        {"kind": "annulled"},
    )
    assert response.status_code == 302
    council_decision.refresh_from_db()
    assert council_decision.revises == sc_decision
    assert council_decision.revision_kind == "annulled"
    assert sc_decision.revision == council_decision

    # The committee's decision says so, in words and through the template include.
    day = date_format(council_decision.date, "DATE_FORMAT")
    expected = f"Annulled by decision No. ARC-12 of Academic and Research Council on {day}"
    assert revision_note(sc_decision) == expected
    html = render_to_string(
        "governance/minutes/_revision_note.html",
        {"decision": Decision.objects.get(pk=sc_decision.pk)},
    )
    assert expected in html and "revision-annulled" in html
    client.force_login(world.users["member"])
    page = client.get(reverse("governance:meeting_minutes", args=[held.meeting.pk]))
    assert expected in page.content.decode()

    # An annulled decision is not taken up again, nor annulled twice.
    with pytest.raises(RevisionError, match="already been annulled"):
        take_up_for_revision(sc_decision, council.later, world.users["rector"])
    with pytest.raises(RevisionError, match="already recorded"):
        record_revision(council_decision, "revised")


def test_a_revised_decision_says_revised(world, held, council):
    item = take_up_for_revision(held.decision, None, world.users["rector"])
    assert item.meeting == council.meeting  # the council's next planned meeting
    council_decision = council.adopt(item, number="ARC-13", text="Шешім өзгертілсін")
    assert record_revision(council_decision, "revised") == held.decision
    assert revision_note(held.decision).startswith("Revised by decision No. ARC-13 of ")
    assert revision_note(council_decision) == ""


def test_qa_manager_proposes_and_committee_staff_cannot_take_up(client, world, held, council):
    url = reverse("governance:decision_take_up", args=[held.decision.pk])
    for role in ("secretary", "chair", "member", "dean", "teacher"):
        client.force_login(world.users[role])
        assert client.post(url).status_code == 403, role
    assert not AgendaItem.objects.filter(reviews=held.decision).exists()
    # The QA manager may propose it; the council's secretary or chair puts it on the agenda.
    client.force_login(world.users["qa_manager"])
    assert client.post(url).status_code == 302
    item = AgendaItem.objects.get(reviews=held.decision)
    assert (item.meeting, item.status) == (council.meeting, "proposed")
    # Recording a revision is for the council's chair and secretary only.
    item.status = "on_agenda"
    item.save()
    council_decision = council.adopt(item)
    record = reverse("governance:decision_revision_record", args=[council_decision.pk])
    for role in ("qa_manager", "member", "secretary", "chair"):
        client.force_login(world.users[role])
        assert client.post(record, {"kind": "annulled"}).status_code == 403, role
    assert held.decision.revision is None


def test_a_body_that_is_not_the_parent_council_cannot_revise(world, held, council):
    other = f.BodyFactory(kind="arc", school=None, name_en="Another council")
    f.MembershipFactory(body=other, person=world.users["rector"], role="chair")
    other_meeting = f.MeetingFactory(body=other, number=1, status="published")
    with pytest.raises(RevisionError, match="only be taken up at a meeting of"):
        take_up_for_revision(held.decision, other_meeting, world.users["rector"])

    # Even with an item reviewing it and an adopted decision, the other council cannot.
    item = f.AgendaItemFactory(
        meeting=other_meeting, proposed_by=world.users["rector"], reviews=held.decision
    )
    motion = f.MotionFactory(item=item, status="closed", outcome="adopted")
    other_decision = Decision.objects.create(
        body=other,
        meeting=other_meeting,
        motion=motion,
        number="X-1",
        date=timezone.localdate(),
        text="Жойылсын",
    )
    with pytest.raises(RevisionError, match="parent council"):
        record_revision(other_decision, "annulled")
    assert held.decision.revision is None

    # Nor can the committee revise its own decision: it is not a council.
    own = f.MotionFactory(
        item=f.AgendaItemFactory(
            meeting=held.meeting, proposed_by=world.users["chair"], reviews=held.decision
        ),
        status="closed",
        outcome="adopted",
    )
    own_decision = Decision.objects.create(
        body=held.body,
        meeting=held.meeting,
        motion=own,
        number="SC-8",
        date=timezone.localdate(),
        text="Өзгертілсін",
    )
    with pytest.raises(RevisionError, match="parent council"):
        record_revision(own_decision, "revised")

    # A body under a non-council parent has nobody to revise its decisions.
    commission = f.BodyFactory(kind="qa_commission", parent=held.body)
    commission_meeting = f.MeetingFactory(body=commission, number=1, status="closed")
    decision = Decision.objects.create(
        body=commission,
        meeting=commission_meeting,
        number="QC-1",
        date=timezone.localdate(),
        text="Шешім",
    )
    with pytest.raises(RevisionError, match="Only the council"):
        take_up_for_revision(decision, council.meeting, world.users["rector"])


def test_record_revision_checks_the_item_the_decision_was_taken_on(world, held, council):
    item = take_up_for_revision(held.decision, council.meeting, world.users["rector"])
    plain_item = f.AgendaItemFactory(meeting=council.meeting, proposed_by=world.users["rector"])
    plain = council.adopt(plain_item, number="ARC-20", text="Басқа шешім")
    with pytest.raises(RevisionError, match="not taken on an agenda item reviewing"):
        record_revision(plain, "annulled")
    no_motion = Decision.objects.create(
        body=council.body,
        meeting=council.meeting,
        number="ARC-21",
        date=timezone.localdate(),
        text="Дауыссыз",
    )
    with pytest.raises(RevisionError, match="not taken on an agenda item reviewing"):
        record_revision(no_motion, "revised")
    decision = council.adopt(item, number="ARC-22")
    with pytest.raises(ValidationError, match="revised or annulled"):
        record_revision(decision, "cancelled")


def test_take_up_needs_an_open_council_meeting(world, held, council):
    council.meeting.status = "closed"
    council.meeting.save()
    with pytest.raises(RevisionError, match="already begun or ended"):
        take_up_for_revision(held.decision, council.meeting, world.users["rector"])
    # Without a meeting the next planned one is taken …
    item = take_up_for_revision(held.decision, None, world.users["rector"])
    assert item.meeting == council.later
    item.delete()
    # … and with none planned the take-up is refused.
    council.later.status = "closed"
    council.later.save()
    with pytest.raises(RevisionError, match="no planned meeting"):
        take_up_for_revision(held.decision, None, world.users["rector"])


def test_minutes_page_offers_take_up_to_the_council_and_recording_to_its_secretary(
    client, world, held, council
):
    client.force_login(world.users["qa_manager"])
    html = client.get(reverse("governance:meeting_minutes", args=[held.meeting.pk])).content
    assert reverse("governance:decision_take_up", args=[held.decision.pk]).encode() in html
    client.force_login(world.users["member"])
    html = client.get(reverse("governance:meeting_minutes", args=[held.meeting.pk])).content
    assert reverse("governance:decision_take_up", args=[held.decision.pk]).encode() not in html

    item = take_up_for_revision(held.decision, council.meeting, world.users["rector"])
    decision = council.adopt(item)
    client.force_login(council.secretary)
    html = client.get(reverse("governance:meeting_minutes", args=[council.meeting.pk])).content
    assert reverse("governance:decision_revision_record", args=[decision.pk]).encode() in html
    assert b"Review of decision No. SC-7" in html
