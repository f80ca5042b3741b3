"""Votes with a deadline: closing them when time is up, and reminding members who have not voted.

Beat runs both (``qa_portal.schedule``): ``close_expired_votes`` every minute,
``remind_non_voters`` every five minutes. Both are safe when beat fires twice or two workers
pick up the same run: closing is refused by ``close_vote`` once a motion is closed, and a
reminder is claimed by a conditional update of ``reminder_sent_at`` before any mail goes out.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from governance.decisions import record_decision
from governance.mail import link, personal_mail
from governance.models import BallotReceipt, Motion, User
from governance.models.voting import MotionStatus
from governance.voting import VoteError, close_vote, voting_member_ids

logger = logging.getLogger(__name__)

# Members are reminded once, when the deadline is this close.
REMINDER_BEFORE_DEADLINE = timedelta(minutes=15)


def non_voters(motion):
    """Voting members of the motion's body with no ballot receipt on it yet."""
    body = motion.item.meeting.body
    voted = BallotReceipt.objects.filter(motion=motion).values("voter")
    return User.objects.filter(pk__in=voting_member_ids(body), is_active=True).exclude(pk__in=voted)


def send_vote_reminder(motion, base_url=None):
    """E-mail every voting member who has not voted, in their own language, with a link.

    Returns the number of mails sent. The caller claims the reminder first (``reminder_sent_at``)
    so that the same members are not reminded twice by concurrent runs.
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

    mails = [personal_mail(person, "vote_reminder", context) for person in non_voters(motion)]
    if mails:
        get_connection().send_messages(mails)
    return len(mails)


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

    Each motion is claimed with a conditional UPDATE (``reminder_sent_at`` still empty), so two
    runs at the same time cannot both send. A reminder the chair already sent from the motion's
    page counts too. Returns the number of mails sent.
    """
    now = timezone.now()
    due = Motion.objects.filter(
        status=MotionStatus.OPEN,
        deadline__gt=now,
        deadline__lte=now + REMINDER_BEFORE_DEADLINE,
        reminder_sent_at__isnull=True,
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        claimed = Motion.objects.filter(
            pk=pk, status=MotionStatus.OPEN, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if claimed:
            sent += send_vote_reminder(Motion(pk=pk))
    return sent
