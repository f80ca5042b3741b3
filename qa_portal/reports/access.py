"""Who reads which report and who asks for them (issue 7).

Seed 000 §2.3 and seed 004: the QA office reports to the rector, so the QA manager, the rector
and the vice-rectors read every report; a dean reads the reports on their own school (never
another school's, nor the whole university's unless they asked for it); the person who asked
for a report and the recipients of a scheduled report read it too.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from documents.access import reads_all
from governance.models import School
from governance.roles import Role

from ..models import Report
from .registry import REQUESTER_ROLES


def uses_reports(user):
    """The reports page and its menu entry: those who may ask for reports."""
    return user.is_authenticated and user.has_role(*REQUESTER_ROLES)


def schedules_reports(user):
    """Issue 7: the QA manager schedules reports (e.g. monthly to the rector)."""
    return user.is_authenticated and user.has_role(Role.QA_MANAGER)


def led_school_ids(user):
    """Schools the person is dean of (one query, then cached on the user)."""
    cached = user.__dict__.get("_report_schools")
    if cached is None:
        cached = set()
        if user.has_role(Role.DEAN):
            cached = set(School.objects.filter(dean=user).values_list("pk", flat=True))
        user.__dict__["_report_schools"] = cached
    return cached


def readable_by(user):
    """The reports the person may read."""
    if reads_all(user):
        return Report.objects.all()
    scope = Q(requested_by=user) | Q(schedule__recipients=user)
    schools = led_school_ids(user)
    if schools:
        scope |= Q(school__in=schools)
    return Report.objects.filter(pk__in=Report.objects.filter(scope).values("pk"))


def can_read(user, report):
    if not user.is_authenticated:
        return False
    if report.requested_by_id == user.pk or reads_all(user):
        return True
    if report.school_id is not None and report.school_id in led_school_ids(user):
        return True
    return report.schedule_id is not None and report.schedule.recipients.filter(pk=user.pk).exists()


def require_reader(user, report):
    if not can_read(user, report):
        raise PermissionDenied


def require_schedules(user):
    if not schedules_reports(user):
        raise PermissionDenied


def can_retry(user, report):
    """Readers who may ask for reports (and the person who asked) try a failed one again;
    a recipient of a scheduled report only reads it."""
    return can_read(user, report) and (report.requested_by_id == user.pk or uses_reports(user))
