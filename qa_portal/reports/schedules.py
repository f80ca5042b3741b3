"""Scheduled reports (issue 7: the QA manager has a report made regularly, e.g. a monthly
summary e-mailed to the rector).

A schedule runs at its first run and then every week, or every month on the same day of the
month (the month's last day when it is shorter: a schedule started on 31 January runs on
28 or 29 February, then on 31 March). Beat claims the due schedules under row locks, so two
beats at once (or a beat that overlaps the previous one) make one report each time.
"""

import logging
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from accreditation.programme_register import add_months

from ..models import ReportFrequency, ReportSchedule
from . import jobs, registry

logger = logging.getLogger(__name__)


def run_at(schedule, n):
    """The ``n``-th run of the schedule after its first (``n`` = 0 is the first)."""
    if schedule.frequency == ReportFrequency.WEEKLY:
        return schedule.starts_at + timedelta(weeks=n)
    return add_months(timezone.localtime(schedule.starts_at), n)


def next_run(schedule, now):
    """The first run strictly after ``now`` (runs missed while beat was down are skipped:
    one report catches up, not one per missed period)."""
    n = 1
    while run_at(schedule, n) <= now:
        n += 1
    return run_at(schedule, n)


def run_due(now=None):
    """Ask for the report of every due schedule, once, and move it to its next run; returns
    the reports asked for."""
    now = now or timezone.now()
    skip_locked = connection.features.has_select_for_update_skip_locked
    started = []
    with transaction.atomic():
        due = (
            ReportSchedule.objects.filter(active=True, next_run_at__lte=now)
            .select_for_update(skip_locked=skip_locked)
            .order_by("pk")
        )
        for schedule in due:
            schedule.next_run_at = next_run(schedule, now)
            try:
                kind = registry.kind(schedule.kind)
            except LookupError:
                logger.error("schedule %s: no kind of report %r", schedule.pk, schedule.kind)
                schedule.save(update_fields=["next_run_at"])
                continue
            schedule.last_report = jobs.request(
                kind, schedule.parameters, schedule.created_by, schedule=schedule
            )
            schedule.save(update_fields=["next_run_at", "last_report"])
            started.append(schedule.last_report)
    return started
