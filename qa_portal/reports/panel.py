"""The dashboard panel of the reports (issue 7): the person's latest reports and where each
stands."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Report
from ..panels import Panel
from . import access, jobs

RECENT = 5


def reports_panel(user):
    """The latest reports the person asked for, with their status; None for those who do not
    ask for reports. One query."""
    if not access.uses_reports(user):
        return None
    reports = list(
        Report.objects.filter(requested_by=user).order_by("-requested_at", "-pk")[:RECENT]
    )
    now = timezone.now()
    for report in reports:
        report.stalled = jobs.is_stalled(report, now)
    return Panel(
        _("My reports"),
        "reports/_dashboard_panel.html",
        {"reports": reports},
        empty_text=_("You have not asked for a report yet."),
    )
