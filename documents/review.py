"""Periodic review of published documents (seed 002 §6: every three years by default).

Owners are reminded once, :data:`REMINDER_DAYS` days before an edition's next review date.
Each reviewer's e-mail is claimed and sent in one transaction (``governance.once``; issue 8),
so a doubled beat or a redelivered task never sends it twice, and a reviewer it did not reach
(a send that failed, a worker killed mid-batch) is e-mailed by the next run. The edition is
marked reminded (``review_reminded_on``) once every reviewer has the e-mail. Reviews past their
date are listed for the QA office.
"""

import datetime
from functools import partial

from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from governance.mail import link, personal_mail
from governance.models import Membership, User
from governance.once import send_all, unsent
from governance.permissions import AGENDA_ROLES
from governance.roles import Role

from .models import Edition, EditionStatus

REMINDER_DAYS = 30


def overdue_reviews(today=None):
    """Published editions whose review date has passed (for the QA dashboard)."""
    today = today or timezone.localdate()
    return (
        Edition.objects.filter(status=EditionStatus.PUBLISHED, next_review_date__lt=today)
        .select_related("document")
        .order_by("next_review_date", "pk")
    )


def reviews_due(today=None, limit=10):
    """Published editions whose review is overdue or due within :data:`REMINDER_DAYS` days,
    the most urgent first (the QA dashboard; seed 002: every document reviewed in time)."""
    today = today or timezone.localdate()
    return (
        Edition.objects.filter(
            status=EditionStatus.PUBLISHED,
            next_review_date__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        )
        .select_related("document")
        .order_by("next_review_date", "pk")[:limit]
    )


def due_for_reminder(today=None):
    """Published editions due for review within :data:`REMINDER_DAYS` days whose reviewers
    have not all been reminded."""
    today = today or timezone.localdate()
    return Edition.objects.filter(
        status=EditionStatus.PUBLISHED,
        review_reminded_on__isnull=True,
        next_review_date__gte=today,
        next_review_date__lte=today + datetime.timedelta(days=REMINDER_DAYS),
    )


def reviewers(document):
    """Who reviews the document: the chair, deputy chair and secretary of its owner body and
    the dean of its owner school; the QA managers when there is nobody (external documents)."""
    people = Q(pk__in=[])
    if document.owner_body_id:
        people |= Q(
            pk__in=Membership.objects.current()
            .filter(body_id=document.owner_body_id, role__in=AGENDA_ROLES)
            .values("person")
        )
    if document.owner_school_id and document.owner_school.dean_id:
        people |= Q(pk=document.owner_school.dean_id)
    found = list(User.objects.filter(people, is_active=True).order_by("pk"))
    if found:
        return found
    return list(User.objects.filter(is_active=True, groups__name=Role.QA_MANAGER).order_by("pk"))


def send_review_reminders(today=None):
    """E-mail the reviewers of each edition due for review soon, once; returns e-mails sent."""
    today = today or timezone.localdate()
    sent = 0
    connection = get_connection()
    editions = due_for_reminder(today).select_related("document__owner_school")
    for edition in editions.order_by("next_review_date", "pk"):

        def values(edition=edition):
            return {
                "edition": edition,
                "document": edition.document,
                "url": link("documents:document_detail", edition.document_id),
            }

        mails = {
            f"review-reminder:{edition.pk}:{person.pk}": partial(
                personal_mail, person, "documents/email/review_reminder", values, connection
            )
            for person in reviewers(edition.document)
            if person.email
        }
        sent += send_all(mails, f"the review reminder of edition {edition.pk}")
        if mails and not unsent(mails):
            Edition.objects.filter(pk=edition.pk, review_reminded_on__isnull=True).update(
                review_reminded_on=today
            )
    return sent
