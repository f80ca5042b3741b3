"""Periodic review of published documents (seed 002 §6: every three years by default).

Owners are reminded once, :data:`REMINDER_DAYS` days before an edition's next review date; the
reminder is claimed with a conditional UPDATE first, so a doubled beat never sends it twice;
the claim is given back when no reviewer could be sent the e-mail, so the next run tries again.
Reviews past their date are listed for the QA office.
"""

import datetime
import logging

from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from governance.mail import link, personal_mail
from governance.models import Membership, User
from governance.permissions import AGENDA_ROLES
from governance.roles import Role

from .models import Edition, EditionStatus

logger = logging.getLogger(__name__)

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
    """Published editions due for review within :data:`REMINDER_DAYS` days, not yet reminded."""
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


def claim(edition, today):
    """Claim the edition's reminder; only the run whose UPDATE changed the row sends it."""
    return (
        Edition.objects.filter(pk=edition.pk, review_reminded_on__isnull=True).update(
            review_reminded_on=today
        )
        == 1
    )


def release(edition, today):
    """Give back today's claim of a reminder nobody received (as
    ``documents.acknowledgements.release`` does)."""
    Edition.objects.filter(pk=edition.pk, review_reminded_on=today).update(review_reminded_on=None)


def send_review_reminders(today=None):
    """E-mail the reviewers of each edition due for review soon, once; returns e-mails sent."""
    today = today or timezone.localdate()
    sent = 0
    connection = get_connection()
    editions = due_for_reminder(today).select_related("document__owner_school")
    for edition in editions.order_by("next_review_date", "pk"):
        if not claim(edition, today):
            continue
        delivered = 0
        for person in reviewers(edition.document):
            if not person.email:
                continue

            def values(edition=edition):
                return {
                    "edition": edition,
                    "document": edition.document,
                    "url": link("documents:document_detail", edition.document_id),
                }

            try:
                personal_mail(person, "documents/email/review_reminder", values, connection).send()
            except Exception:
                logger.exception("could not send the review reminder to %s", person.email)
            else:
                delivered += 1
        if not delivered:
            release(edition, today)
        sent += delivered
    return sent
