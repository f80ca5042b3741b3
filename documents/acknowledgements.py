"""Read-acknowledgement campaigns (seed 002 §3.3: all staff in scope acknowledge the current
edition within 10 working days of its approval; seed 000 §2.3: the QA office keeps the QA
documents and their publication).

The QA manager launches a campaign for a published edition to a school's staff, a department's
staff, all staff or a body's current members; each person confirms "I have read and
understood" once; beat reminds those who have not, 3 working days before the deadline and on
the deadline day. Each reminder is claimed (``Acknowledgement.reminded_on``) and sent in one
transaction (``governance.once``; issue 8): a doubled beat or a redelivered task never sends it
twice, and one that was not sent (the e-mail failed, the worker was killed mid-batch) leaves
no claim, so the task's next run that day sends exactly those.
"""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.mail import link, personal_mail
from governance.models import Membership, StaffProfile, User
from governance.once import send_claimed
from governance.roles import Role

from .calendar import working_days_after
from .models import AckCampaign, Acknowledgement, EditionStatus, TargetKind
from .models.acknowledgements import TARGET_FIELDS

# Seed 002 §3.3: within 10 working days.
DEADLINE_WORKING_DAYS = 10
# Reminders go this many working days before the deadline, and on the deadline day.
REMINDER_WORKING_DAYS = 3


def can_launch(user):
    """Seed 000 §2.3: the QA office (the QA manager) runs acknowledgement campaigns."""
    return user.is_authenticated and user.has_role(Role.QA_MANAGER)


def default_deadline(launched_on=None):
    """Seed 002 §3.3: 10 working days from the launch."""
    return working_days_after(launched_on or timezone.localdate(), DEADLINE_WORKING_DAYS)


def recipients(target_kind, target=None):
    """The active people a campaign addresses: the staff of a school or a department, all staff
    (everyone with a staff profile), or the current members of a body."""
    if target_kind == TargetKind.BODY:
        people = Membership.objects.current().filter(body=target).values("person")
    elif target_kind == TargetKind.ALL_STAFF:
        people = StaffProfile.objects.values("user")
    else:
        people = StaffProfile.objects.filter(**{TARGET_FIELDS[target_kind]: target}).values("user")
    return User.objects.filter(pk__in=people, is_active=True).order_by("pk")


@transaction.atomic
def launch(edition, by, target_kind, target=None, deadline=None, title="", message=""):
    """Launch a campaign for a published edition and write down its recipients."""
    if not can_launch(by):
        raise PermissionDenied(_("Only the QA office launches acknowledgement campaigns."))
    if edition.status != EditionStatus.PUBLISHED:
        raise ValidationError(
            _("Only a published edition can be sent for acknowledgement."), code="not_published"
        )
    now = timezone.now()
    target_field = TARGET_FIELDS.get(target_kind)
    campaign = AckCampaign.objects.create(
        edition=edition,
        target_kind=target_kind,
        deadline=deadline or default_deadline(timezone.localdate(now)),
        launched_by=by,
        launched_at=now,
        title=title,
        message=message,
        **({target_field: target} if target_field else {}),
    )
    Acknowledgement.objects.bulk_create(
        Acknowledgement(campaign=campaign, person=person)
        for person in recipients(target_kind, target)
    )
    return campaign


def acknowledge(campaign, person, now=None):
    """Record that ``person`` has read and understood the edition; a second confirmation keeps
    the first time (a conditional UPDATE). Returns True when this call recorded it."""
    rows = Acknowledgement.objects.filter(campaign=campaign, person=person)
    if not rows.exists():
        raise PermissionDenied(_("This acknowledgement is not addressed to you."))
    return (
        rows.filter(acknowledged_at__isnull=True).update(acknowledged_at=now or timezone.now()) == 1
    )


def pending_for(user):
    """The person's acknowledgements still to confirm, for editions still in force."""
    return Acknowledgement.objects.filter(
        person=user,
        acknowledged_at__isnull=True,
        campaign__edition__status=EditionStatus.PUBLISHED,
    )


def has_pending(user):
    """Whether the person has something to acknowledge (one EXISTS query, then cached)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_has_pending_acknowledgements", None)
    if cached is None:
        cached = pending_for(user).exists()
        user._has_pending_acknowledgements = cached
    return cached


def with_progress(campaigns):
    """Campaigns annotated with ``recipient_count`` and ``acknowledged_count``."""
    return campaigns.annotate(
        recipient_count=Count("acknowledgements"),
        acknowledged_count=Count(
            "acknowledgements", filter=Q(acknowledgements__acknowledged_at__isnull=False)
        ),
    )


def percentage(done, total):
    return round(100 * done / total) if total else 0


def is_overdue(acknowledgement, today=None):
    """Not acknowledged and the deadline has passed."""
    today = today or timezone.localdate()
    return acknowledgement.acknowledged_at is None and acknowledgement.campaign.deadline < today


def reminder_days(deadline):
    """The days a campaign's non-respondents are reminded."""
    return {working_days_after(deadline, -REMINDER_WORKING_DAYS), deadline}


def due_reminders(today=None):
    """Pending acknowledgements whose campaign has a reminder day today, not reminded today."""
    today = today or timezone.localdate()
    candidates = (today, working_days_after(today, REMINDER_WORKING_DAYS))
    deadlines = [day for day in candidates if today in reminder_days(day)]
    return (
        Acknowledgement.objects.filter(
            acknowledged_at__isnull=True,
            campaign__deadline__in=deadlines,
            campaign__edition__status=EditionStatus.PUBLISHED,
            person__is_active=True,
        )
        .exclude(reminded_on=today)
        .select_related("campaign__edition__document", "person")
        .order_by("campaign", "pk")
    )


def claim(acknowledgement, today):
    """Claim today's reminder in the transaction that sends it: lock the row, skipping it when
    another run holds it, and mark it reminded if still pending and not reminded today."""
    pending = (
        Acknowledgement.objects.filter(pk=acknowledgement.pk, acknowledged_at__isnull=True)
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=today))
        .select_for_update(skip_locked=True)
    )
    if not list(pending.values_list("pk", flat=True)):
        return False
    return Acknowledgement.objects.filter(pk=acknowledgement.pk).update(reminded_on=today) == 1


def _reminder(acknowledgement, connection, _claimed):
    campaign = acknowledgement.campaign

    def values():
        return {
            "campaign": campaign,
            "edition": campaign.edition,
            "document": campaign.edition.document,
            "url": link("documents:ack_mine"),
        }

    return personal_mail(acknowledgement.person, "documents/email/ack_reminder", values, connection)


def send_reminders(today=None):
    """E-mail those who have not acknowledged, on the reminder days; returns e-mails sent."""
    today = today or timezone.localdate()
    connection = get_connection()
    return sum(
        send_claimed(
            partial(claim, acknowledgement, today),
            partial(_reminder, acknowledgement, connection),
            f"the acknowledgement reminder to {acknowledgement.person.email}",
        )
        for acknowledgement in due_reminders(today).exclude(person__email="")
    )
