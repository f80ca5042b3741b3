"""Celery tasks for votes with a deadline: closing once, reminding non-voters once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from governance.models import Decision, Motion
from governance.once import claim
from governance.tasks.votes import close_expired_votes, remind_non_voters
from governance.voting import cast_vote, close_vote, open_vote
from qa_portal.celery import app

from . import factories as f


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def open_motion(n=3, minutes=10, ballot="open"):
    """An open motion at a fresh committee with ``n`` voting members, all present."""
    _body, meeting, members = f.body_with_members(n)
    item = f.AgendaItemFactory(meeting=meeting, position=4)
    deadline = timezone.now() + timedelta(minutes=minutes) if minutes is not None else None
    motion = open_vote(f.MotionFactory(item=item, ballot=ballot), deadline=deadline)
    return motion, members


def test_tasks_are_registered_under_their_beat_names():
    app.loader.import_default_modules()
    assert "governance.tasks.votes.close_expired_votes" in app.tasks
    assert "governance.tasks.votes.remind_non_voters" in app.tasks
    assert close_expired_votes.name == "governance.tasks.votes.close_expired_votes"
    assert remind_non_voters.name == "governance.tasks.votes.remind_non_voters"


def test_an_expired_vote_closes_exactly_once(db):
    expired, members = open_motion(minutes=-1)
    for person in members:
        cast_vote(expired, person, "for")
    running, _ = open_motion(minutes=10)
    no_deadline, _ = open_motion(minutes=None)

    assert close_expired_votes() == 1
    assert close_expired_votes() == 0  # beat fired twice: nothing more happens

    expired.refresh_from_db()
    assert (expired.status, expired.outcome, expired.votes_for) == ("closed", "adopted", 3)
    first_closed_at = expired.closed_at
    decision = Decision.objects.get()
    assert decision.motion == expired
    assert decision.number == f"{expired.item.meeting.number}/4"
    expired.refresh_from_db()
    assert expired.closed_at == first_closed_at
    assert Motion.objects.get(pk=running.pk).status == "open"
    assert Motion.objects.get(pk=no_deadline.pk).status == "open"


def test_a_vote_the_chair_closed_first_is_left_alone(db):
    motion, members = open_motion(minutes=-1)
    cast_vote(motion, members[0], "against")
    close_vote(motion)
    motion.refresh_from_db()
    closed_at = motion.closed_at
    assert close_expired_votes() == 0
    motion.refresh_from_db()
    assert (motion.closed_at, motion.outcome) == (closed_at, "rejected")
    assert not Decision.objects.exists()


def test_the_reminder_goes_only_to_those_who_have_not_voted_and_only_once(db):
    motion, members = open_motion(n=4, minutes=10)
    members[3].preferred_language = "ru"
    members[3].save()
    cast_vote(motion, members[0], "for")
    cast_vote(motion, members[1], "against")

    assert remind_non_voters() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([members[2].email, members[3].email])
    english_mail = next(m for m in mail.outbox if m.to == [members[2].email])
    russian_mail = next(m for m in mail.outbox if m.to == [members[3].email])
    assert f"/motions/{motion.pk}/" in english_mail.body
    assert f"/ru/motions/{motion.pk}/" not in english_mail.body
    assert f"/ru/motions/{motion.pk}/" in russian_mail.body
    assert motion.text in english_mail.body
    assert "\n" not in english_mail.subject
    motion.refresh_from_db()
    assert motion.reminder_sent_at is not None

    assert remind_non_voters() == 0
    assert len(mail.outbox) == 2


def test_no_reminder_while_the_deadline_is_far_or_gone(db):
    open_motion(minutes=60)
    open_motion(minutes=None)
    past, _ = open_motion(minutes=-1)
    assert remind_non_voters() == 0
    assert mail.outbox == []
    past.refresh_from_db()
    assert past.reminder_sent_at is None


def test_no_reminder_after_the_chair_reminded(client, db):
    motion, members = open_motion(minutes=10)
    client.force_login(members[0])
    client.post(f"/en/motions/{motion.pk}/remind/")
    assert len(mail.outbox) == 3
    assert remind_non_voters() == 0
    assert len(mail.outbox) == 3


def test_a_round_cut_short_is_finished_by_the_next_run(db):
    """A round the chair began whose request stopped after one e-mail: the task sends the
    rest, and nobody twice (issue 8)."""
    motion, members = open_motion(n=3, minutes=None)
    Motion.objects.filter(pk=motion.pk).update(reminder_sent_at=timezone.now())
    motion.refresh_from_db()
    key = f"vote-reminder:{motion.pk}:{motion.reminder_sent_at.isoformat()}:{members[0].pk}"
    assert claim([key]) == {key}
    assert remind_non_voters() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in members[1:])
    assert remind_non_voters() == 0
    assert len(mail.outbox) == 2


def test_an_old_round_is_not_taken_up_again(db):
    motion, _members = open_motion(minutes=None)
    Motion.objects.filter(pk=motion.pk).update(
        reminder_sent_at=timezone.now() - timedelta(minutes=20)
    )
    assert remind_non_voters() == 0
    assert mail.outbox == []
