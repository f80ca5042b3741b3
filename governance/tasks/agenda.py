"""E-mailing the agenda to members before a meeting (seed 000 §2).

Members receive the agenda ``Body.agenda_notice_days`` days before the meeting, each in their
preferred language. A meeting is claimed with a conditional UPDATE before anything is sent, so
two beat runs (or a beat run and a publish) never send it twice.
"""

import logging

from celery import shared_task
from django.core.mail import get_connection
from django.utils import timezone

from governance.agenda import in_notice_window
from governance.mail import link, personal_mail
from governance.models import Meeting, Membership
from governance.models.meetings import ItemStatus, MeetingStatus

logger = logging.getLogger(__name__)


def _claim(meeting, now):
    """Take the meeting for this run; False when another run already has (or it changed)."""
    return (
        Meeting.objects.filter(
            pk=meeting.pk,
            agenda_sent_at__isnull=True,
            status=MeetingStatus.AGENDA_PUBLISHED,
        ).update(agenda_sent_at=now)
        == 1
    )


def agenda_recipients(meeting):
    """Every current member of the body, voting or not, guests too (seed 000 §2)."""
    people, seen = [], set()
    memberships = (
        Membership.objects.current()
        .filter(body=meeting.body, person__is_active=True)
        .select_related("person")
        .order_by("pk")
    )
    for membership in memberships:
        person = membership.person
        if person.pk not in seen and person.email:
            seen.add(person.pk)
            people.append(person)
    return people


def agenda_message(meeting, items, person, connection=None):
    """The agenda e-mail for one member, rendered in their preferred language."""

    def context():
        return {
            "meeting": meeting,
            "body": meeting.body,
            "items": items,
            "meeting_url": link("governance:meeting_detail", meeting.pk),
        }

    return personal_mail(person, "agenda", context, connection)


def send_agenda_now(meeting_pk, now=None):
    """Send the meeting's agenda to every member if it is due and not sent yet.

    Returns the number of e-mails sent (0 when not due, or another run has claimed it).
    """
    now = now or timezone.now()
    meeting = Meeting.objects.select_related("body").filter(pk=meeting_pk).first()
    if (
        meeting is None
        or meeting.status != MeetingStatus.AGENDA_PUBLISHED
        or meeting.agenda_sent_at is not None
        or not in_notice_window(meeting, now)
    ):
        return 0
    if not _claim(meeting, now):
        return 0
    try:
        items = list(
            meeting.items.filter(status=ItemStatus.ON_AGENDA)
            .prefetch_related("materials")
            .order_by("position", "pk")
        )
        connection = get_connection()
        messages = [
            agenda_message(meeting, items, person, connection)
            for person in agenda_recipients(meeting)
        ]
        sent = connection.send_messages(messages) or 0
    except Exception:
        # Give the meeting back so the next beat run tries again.
        Meeting.objects.filter(pk=meeting.pk, agenda_sent_at=now).update(agenda_sent_at=None)
        raise
    logger.info("Agenda of meeting %s sent to %d members", meeting.pk, sent)
    return sent


@shared_task(name="governance.tasks.agenda.send_agenda", ignore_result=True)
def send_agenda(meeting_pk):
    """Send one meeting's agenda now (queued when the agenda is published inside the window)."""
    return send_agenda_now(meeting_pk)


@shared_task(name="governance.tasks.agenda.send_due_agendas", ignore_result=True)
def send_due_agendas():
    """Beat, every 15 minutes: e-mail every published agenda whose notice window has begun."""
    now = timezone.now()
    due = Meeting.objects.select_related("body").filter(
        status=MeetingStatus.AGENDA_PUBLISHED, agenda_sent_at__isnull=True, starts_at__gt=now
    )
    total = 0
    for meeting in due:
        if in_notice_window(meeting, now):
            total += send_agenda_now(meeting.pk, now)
    return total
