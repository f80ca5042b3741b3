"""E-mailing the agenda to members before a meeting (seed 000 §2).

Members receive the agenda ``Body.agenda_notice_days`` days before the meeting, each in their
preferred language. Each member's e-mail is claimed and sent in one transaction
(``governance.once``; issue 8), so two beat runs (or a beat run and a publish) never send it
twice, and a run cut short (a worker killed, a send that failed) leaves the members it did not
reach to the next run. The meeting is marked sent (``agenda_sent_at``) once every member has it.
"""

import logging
from functools import partial

from celery import shared_task
from django.core.mail import get_connection
from django.utils import timezone

from governance.agenda import in_notice_window
from governance.mail import link, personal_mail
from governance.models import Meeting, Membership
from governance.models.meetings import ItemStatus, MeetingStatus
from governance.once import send_all, unsent

logger = logging.getLogger(__name__)


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
    """Send the meeting's agenda to every member who has not had it, if it is due.

    Returns the number of e-mails this call sent (0 when not due, or all sent already).
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
    items = list(
        meeting.items.filter(status=ItemStatus.ON_AGENDA)
        .prefetch_related("materials")
        .order_by("position", "pk")
    )
    connection = get_connection()
    mails = {
        f"agenda:{meeting.pk}:{person.pk}": partial(
            agenda_message, meeting, items, person, connection
        )
        for person in agenda_recipients(meeting)
    }
    sent = send_all(mails, f"the agenda of meeting {meeting.pk}")
    if not unsent(mails):
        Meeting.objects.filter(pk=meeting.pk, agenda_sent_at__isnull=True).update(
            agenda_sent_at=now
        )
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
