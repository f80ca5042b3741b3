"""Votes with a deadline: closing them when time is up, and reminding members who have not voted.

Beat runs both (``qa_portal.schedule``): ``close_expired_votes`` every minute,
``remind_non_voters`` every five minutes. Both are safe when beat fires twice or two workers
pick up the same run: closing is refused by ``close_vote`` once a motion is closed, and
reminders go in rounds. A round is begun by a conditional UPDATE of the motion's
``reminder_sent_at`` (by this task 15 minutes before the deadline, or by the chair from the
motion's page), and each member's e-mail of the round is claimed and sent in one transaction
(``governance.once``; issue 8): nobody is reminded twice in a round, and a round cut short (a
worker killed, the chair's request stopped) is finished by the task's next run.
"""

import logging
from datetime import timedelta
from functools import partial

from celery import shared_task
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from governance.decisions import record_decision
from governance.mail import link, personal_mail
from governance.models import BallotReceipt, Motion, User
from governance.models.voting import MotionStatus
from governance.once import send_all
from governance.voting import VoteError, close_vote, voting_member_ids

logger = logging.getLogger(__name__)

# Members are reminded once, when the deadline is this close.
REMINDER_BEFORE_DEADLINE = timedelta(minutes=15)
# A round of reminders cut short is finished by the task's runs within this time of its start.
ROUNDS_FINISHED_WITHIN = REMINDER_BEFORE_DEADLINE


def non_voters(motion):
    """Voting members of the motion's body with no ballot receipt on it yet."""
    body = motion.item.meeting.body
    voted = BallotReceipt.objects.filter(motion=motion).values("voter")
    return User.objects.filter(pk__in=voting_member_ids(body), is_active=True).exclude(pk__in=voted)


def send_vote_reminder(motion, base_url=None):
    """E-mail every voting member who has not voted, in their own language, with a link; once
    in the motion's current round of reminders (begun by the caller, ``reminder_sent_at``).

    Returns the number of mails this call sent: a member the round has reached already is not
    e-mailed again, so calling it again finishes a round that was cut short.
    """
    motion = Motion.objects.select_related("item__meeting__body").get(pk=motion.pk)
    meeting = motion.item.meeting

    def context():
        return {
            "motion": motion,
            "meeting": meeting,
            "body": meeting.body,
            "link": link("governance:motion_detail", motion.pk, base_url=base_url),
        }

    round_key = f"vote-reminder:{motion.pk}:{motion.reminder_sent_at.isoformat()}"
    connection = get_connection()
    mails = {
        f"{round_key}:{person.pk}": partial(
            personal_mail, person, "vote_reminder", context, connection
        )
        for person in non_voters(motion).order_by("pk")
    }
    return send_all(mails, f"the vote reminder of motion {motion.pk}")


@shared_task(name="governance.tasks.votes.close_expired_votes", ignore_result=True)
def close_expired_votes():
    """Close every open vote whose deadline has passed and record adopted motions as decisions.

    Idempotent: a motion closed meanwhile (by the chair or by another run of this task) makes
    ``close_vote`` raise ``VoteError``, which is skipped. Returns how many motions it closed.
    """
    due = Motion.objects.filter(status=MotionStatus.OPEN, deadline__lte=timezone.now())
    closed = 0
    for pk in due.values_list("pk", flat=True):
        try:
            with transaction.atomic():
                motion, _result = close_vote(Motion(pk=pk))
                record_decision(motion)
        except VoteError:
            continue
        closed += 1
        logger.info("Closed motion %s at its deadline: %s", pk, motion.outcome)
    return closed


@shared_task(name="governance.tasks.votes.remind_non_voters", ignore_result=True)
def remind_non_voters():
    """Remind members who have not voted when an open vote closes within 15 minutes; once.

    The round is begun with a conditional UPDATE (``reminder_sent_at`` still empty), so two runs
    at the same time begin one; a round the chair began from the motion's page counts too. Then
    every round begun in the last 15 minutes is finished: members it has not reached yet are
    e-mailed. Returns the number of mails sent.
    """
    now = timezone.now()
    Motion.objects.filter(
        status=MotionStatus.OPEN,
        deadline__gt=now,
        deadline__lte=now + REMINDER_BEFORE_DEADLINE,
        reminder_sent_at__isnull=True,
    ).update(reminder_sent_at=now)
    rounds = Motion.objects.filter(
        Q(deadline__isnull=True) | Q(deadline__gt=now),
        status=MotionStatus.OPEN,
        reminder_sent_at__gte=now - ROUNDS_FINISHED_WITHIN,
    )
    return sum(send_vote_reminder(motion) for motion in rounds.order_by("pk"))
