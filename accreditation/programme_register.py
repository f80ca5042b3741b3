"""The register of accredited programmes: every programme with its current accreditation, its
agency and its expiry, and the flags the QA office acts on.

Seed 002 S10.Req8: every programme is accredited at least once every 5 years; S10.Req9: the
QA office keeps the database of accredited programmes and controls the deadlines. A programme
is flagged when it has never been accredited, when its accreditation has expired, when it
expires within :data:`EXPIRING_MONTHS` months (the first reminder, ``accreditation.expiry``),
and when no positive decision was taken about it in the last :data:`CYCLE_YEARS` years.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import EducationalProgramme

from . import access
from .models import Accreditation, AccreditationKind
from .models.register import POSITIVE_OUTCOMES

CYCLE_YEARS = 5
EXPIRING_MONTHS = 18

NONE = "none"
EXPIRED = "expired"
EXPIRING = "expiring"
OVERDUE = "overdue"

FLAG_LABELS = {
    NONE: _("Never accredited"),
    EXPIRED: _("Accreditation expired"),
    EXPIRING: _("Expires within 18 months"),
    OVERDUE: _("Not accredited within the last 5 years"),
}


def add_months(day, months):
    """The same day ``months`` months later (earlier when negative), the month's last day
    when it is shorter (31 August + 6 months = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def validity_end(valid_from, years):
    """The last day of an accreditation granted for ``years`` years from ``valid_from``."""
    return add_months(valid_from, 12 * years) - datetime.timedelta(days=1)


def current_of(accreditations):
    """The accreditation in force or last in force: the positive decision that runs the
    longest; ``None`` when there is no positive decision."""
    positive = [row for row in accreditations if row.outcome in POSITIVE_OUTCOMES]
    return max(positive, key=lambda row: (row.valid_until, row.decision_date, row.pk), default=None)


def flags_for(accreditations, today=None):
    """The register's flags for one programme's accreditations (see the module docstring)."""
    today = today or timezone.localdate()
    current = current_of(accreditations)
    if current is None:
        return [NONE, OVERDUE]
    flags = []
    if current.valid_until < today:
        flags.append(EXPIRED)
    elif current.valid_until <= add_months(today, EXPIRING_MONTHS):
        flags.append(EXPIRING)
    cycle_start = add_months(today, -12 * CYCLE_YEARS)
    if not any(
        row.outcome in POSITIVE_OUTCOMES and row.decision_date >= cycle_start
        for row in accreditations
    ):
        flags.append(OVERDUE)
    return flags


def reads_whole_register(user):
    """The QA office keeps the register (seed 002 S10.Req9) and the leadership reads it
    (``access.reads_every_scope``); so do the QA office's staff accounts."""
    return access.reads_every_scope(user) or (user.is_authenticated and user.is_staff)


def reads_register(user):
    """Whole-register readers, and deans for their own school's programmes."""
    return reads_whole_register(user) or bool(access.led_school_ids(user))


def can_read_programme(user, programme):
    return reads_whole_register(user) or programme.school_id in access.led_school_ids(user)


def require_register_reader(user):
    if not reads_register(user):
        raise PermissionDenied


@dataclass
class Row:
    """One programme of the register."""

    programme: EducationalProgramme
    accreditations: list
    current: Accreditation | None
    flags: list = field(default_factory=list)

    @property
    def flag_labels(self):
        return [(flag, FLAG_LABELS[flag]) for flag in self.flags]


def programmes_visible_to(user):
    """Every programme for the whole-register readers; a dean's own school's programmes."""
    programmes = EducationalProgramme.objects.select_related("school")
    if reads_whole_register(user):
        return programmes
    return programmes.filter(school_id__in=access.led_school_ids(user))


def programme_accreditations():
    """Programme and international decisions with their agencies, newest first."""
    return (
        Accreditation.objects.exclude(kind=AccreditationKind.INSTITUTIONAL)
        .select_related("agency")
        .order_by("-decision_date", "-pk")
    )


def rows(programmes, today=None, flag=None):
    """The register's rows for ``programmes``, in two queries; only those raising ``flag``
    when it is given."""
    today = today or timezone.localdate()
    programmes = programmes.prefetch_related(
        Prefetch("accreditations", queryset=programme_accreditations(), to_attr="decisions")
    ).order_by("school__code", "code")
    found = []
    for programme in programmes:
        decisions = programme.decisions
        row = Row(programme, decisions, current_of(decisions), flags_for(decisions, today))
        if flag is None or flag in row.flags:
            found.append(row)
    return found


def institutional():
    """The university's institutional accreditation in force or last in force, if any."""
    decisions = list(
        Accreditation.objects.filter(kind=AccreditationKind.INSTITUTIONAL).select_related("agency")
    )
    return current_of(decisions)


def summary(register_rows):
    """(flag, label, how many programmes raise it): the register's counters."""
    return [
        (flag, label, sum(1 for row in register_rows if flag in row.flags))
        for flag, label in FLAG_LABELS.items()
    ]
