"""Accreditation figures shared by the dashboards and the annual QA report (issue 7).

A thin entry point over the register (``accreditation.programme_register``), the expiry
reminders (``accreditation.expiry``) and readiness (``accreditation.readiness``): seed 002
S10.Req8–9 (every programme accredited at least once every 5 years; the QA office keeps the
register and controls the deadlines) and seed 004 §6 (the QA office prepares the
self-assessment report). A school's figures cover that school's programmes only.
"""

from django.utils import timezone

from governance.models import EducationalProgramme

from . import programme_register
from .cycles import sections_with_counts
from .expiry import in_force
from .models import Cycle
from .models.cycles import CycleStatus
from .models.sar import Section
from .readiness import readiness


def programme_status(school=None, today=None):
    """One register row per programme (of ``school`` when given): the programme, its current
    accreditation with its agency and validity, and the register's flags. Two queries."""
    programmes = EducationalProgramme.objects.select_related("school")
    if school is not None:
        programmes = programmes.filter(school=school)
    return programme_register.rows(programmes, today)


def status_summary(rows):
    """(flag, label, count) for each of the register's flags, over ``rows``."""
    return programme_register.summary(rows)


def with_readiness(cycles):
    """The cycles as a list, each with ``readiness`` (a ``readiness.Share``: criteria done
    with evidence, seed 003 §3.4 step 2). One query for all their sections."""
    cycles = list(cycles)
    by_cycle = {}
    for section in sections_with_counts(Section.objects.filter(cycle__in=cycles)):
        by_cycle.setdefault(section.cycle_id, []).append(section)
    for cycle in cycles:
        cycle.readiness = readiness(by_cycle.get(cycle.pk, [])).overall
    return cycles


def open_cycles(school=None):
    """Cycles not yet closed, oldest first, with their readiness; for a school, only cycles
    about at least one of its programmes. Two queries."""
    cycles = Cycle.objects.exclude(status=CycleStatus.CLOSED).select_related("agency")
    if school is not None:
        cycles = cycles.filter(programmes__school=school).distinct()
    return with_readiness(cycles.order_by("created_at", "pk"))


def _in_scope(accreditation, school):
    """The university's own accreditation belongs to the whole university, not to a school."""
    if school is None:
        return True
    return accreditation.programme_id is not None and accreditation.programme.school_id == school.pk


def expiring(school=None, today=None, months=programme_register.EXPIRING_MONTHS):
    """Accreditations in force that expire within ``months`` months, soonest first: the
    university's own and every programme's, or only ``school``'s programmes. One query."""
    today = today or timezone.localdate()
    horizon = programme_register.add_months(today, months)
    found = [
        accreditation
        for accreditation in in_force(today)
        if accreditation.valid_until <= horizon and _in_scope(accreditation, school)
    ]
    return sorted(found, key=lambda row: (row.valid_until, row.pk))
