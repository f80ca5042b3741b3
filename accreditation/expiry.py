"""Reminders to the QA office before an accreditation expires.

Seed 002 S10 (the QA office controls accreditation deadlines; every programme accredited at
least once every 5 years): 18, 12 and 6 months before the certificate of the accreditation in
force expires, every QA manager gets an e-mail in their language listing the accreditations
that reached a threshold. Each manager's e-mail is claimed, one key per accreditation and
threshold, and sent in one transaction (``governance.once``; issue 8): a doubled beat or a
redelivered task never tells a manager of a threshold twice, and a manager a run did not reach
(the e-mail failed, the worker was killed mid-batch) is e-mailed by the next run. A threshold
is done (an :class:`~accreditation.models.ExpiryReminder` row, unique per accreditation and
months) once every QA manager has been told of it.

Only the most urgent threshold reached is sent: an accreditation entered 10 months before its
expiry gets the 12-month reminder, not the 18-month one as well.
"""

import logging
from functools import partial

from django.core.mail import get_connection
from django.utils import timezone

from governance.mail import link, personal_mail
from governance.models import User
from governance.once import claim, send_claimed, unsent
from governance.roles import Role

from .models import Accreditation, ExpiryReminder
from .models.register import POSITIVE_OUTCOMES
from .programme_register import add_months, current_of

THRESHOLDS = (18, 12, 6)
TEMPLATE = "accreditation/email/expiry_reminder"

logger = logging.getLogger(__name__)


def threshold_reached(accreditation, today):
    """The smallest of :data:`THRESHOLDS` (in months) the accreditation is within, or None."""
    if accreditation.valid_until < today:
        return None
    reached = [m for m in THRESHOLDS if today >= add_months(accreditation.valid_until, -m)]
    return min(reached, default=None)


def in_force(today):
    """The accreditation in force of the university and of each programme (a renewed one
    replaces the older decision, which is then no longer reminded about); the university's
    own decisions are those without a programme."""
    by_subject = {}
    decisions = Accreditation.objects.filter(
        outcome__in=POSITIVE_OUTCOMES, valid_until__gte=today
    ).select_related("agency", "programme")
    for decision in decisions:
        by_subject.setdefault(decision.programme_id, []).append(decision)
    return [current_of(rows) for rows in by_subject.values()]


def due(today):
    """(accreditation, months) pairs to remind about today, not yet done."""
    pairs = []
    for accreditation in in_force(today):
        months = threshold_reached(accreditation, today)
        if months is not None:
            pairs.append((accreditation, months))
    done = set(
        ExpiryReminder.objects.filter(
            accreditation__in=[accreditation for accreditation, _m in pairs]
        ).values_list("accreditation_id", "months")
    )
    return [(a, m) for a, m in pairs if (a.pk, m) not in done]


def _key(accreditation, months, person):
    return f"expiry-reminder:{accreditation.pk}:{months}:{person.pk}"


def qa_managers():
    return list(
        User.objects.filter(is_active=True, groups__name=Role.QA_MANAGER)
        .exclude(email="")
        .order_by("pk")
    )


def _reminder(person, pairs, connection, claimed):
    """The e-mail to ``person`` listing the pairs whose key this run claimed."""

    def values():
        return {
            "reminders": [
                {"accreditation": a, "months": m, "url": _url(a)}
                for a, m in pairs
                if _key(a, m, person) in claimed
            ],
            "register_url": link("accreditation:programme_register"),
        }

    return personal_mail(person, TEMPLATE, values, connection)


def send_expiry_reminders(today=None):
    """E-mail the QA managers about accreditations that reached a threshold; returns the
    number of e-mails sent."""
    today = today or timezone.localdate()
    recipients = qa_managers()
    if not recipients:
        logger.warning("no QA manager to remind of expiring accreditations")
        return 0
    pairs = sorted(due(today), key=lambda pair: (pair[0].valid_until, pair[0].pk))
    if not pairs:
        return 0
    connection = get_connection()
    sent = 0
    for person in recipients:
        keys = [_key(a, m, person) for a, m in pairs]
        sent += send_claimed(
            partial(claim, keys),
            partial(_reminder, person, pairs, connection),
            f"the expiry reminder to {person.email}",
        )
    left = unsent(_key(a, m, person) for a, m in pairs for person in recipients)
    ExpiryReminder.objects.bulk_create(
        [
            ExpiryReminder(accreditation=a, months=m, sent_on=today)
            for a, m in pairs
            if not any(_key(a, m, person) in left for person in recipients)
        ],
        ignore_conflicts=True,
    )
    return sent


def _url(accreditation):
    if accreditation.programme_id:
        return link("accreditation:programme_accreditations", accreditation.programme.code)
    return link("accreditation:programme_register")
