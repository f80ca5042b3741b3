"""The panels of the rector, the vice-rectors and the deans (issue 7): the institution's — or
for a dean, their school's — satisfaction trends, decisions this academic year, the
accreditation status of the programmes and the improvement actions overdue by unit.

Seed 000 §2.3 and seed 004: the QA office reports to the rector; a dean answers for their
school, and sees nothing of another school.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accreditation import overview as accreditation
from accreditation.programme_register import EXPIRED
from governance.models import AcademicYear
from governance.overview import council_decisions
from surveys.overview import satisfaction_trends, trend_chart

from . import Panel

TREND_YEARS = 4
DECISIONS_SHOWN = 8


def recent_years(today=None, count=TREND_YEARS):
    """The last ``count`` academic years that have started, oldest first; the last one is
    the current academic year. One query."""
    today = today or timezone.localdate()
    years = AcademicYear.objects.filter(start_date__lte=today).order_by("-start_date")[:count]
    return list(reversed(years))


def satisfaction_panel(schools, years, title):
    """Mean satisfaction of each school in the last academic years, one SVG line chart per
    school (the same chart as in the PDF report); a year below a campaign's minimum of
    respondents has no point and says why (seed 000 §4.1.7–§4.1.10)."""
    trends = satisfaction_trends(schools, years)
    trend_chart(trends)
    return Panel(
        title,
        "dashboard/panels/satisfaction.html",
        {"trends": trends, "has_years": bool(years)},
        empty_text=_("No academic year in the calendar yet."),
    )


def decisions_panel(year, school=None):
    """Decisions of the council (seed 000 §2.1), or of a school's committees, this academic
    year, the latest first. One query."""
    decisions = []
    if year is not None:
        decisions = list(
            council_decisions(year.start_date, year.end_date, school)[:DECISIONS_SHOWN]
        )
    title = (
        _("Decisions of the council this year")
        if school is None
        else _("Decisions of the school's bodies this year")
    )
    return Panel(
        title,
        "dashboard/panels/decisions.html",
        {"decisions": decisions, "year": year},
        empty_text=_("No decision this academic year yet."),
    )


def programmes_panel(school=None):
    """How many programmes raise each of the register's flags (seed 002 S10.Req8: every
    programme accredited at least once every 5 years), with links to the register. Two
    queries."""
    rows = accreditation.programme_status(school)
    return Panel(
        _("Accreditation of programmes"),
        "dashboard/panels/programmes.html",
        {
            "total": len(rows),
            "in_force": sum(1 for row in rows if row.current and EXPIRED not in row.flags),
            "summary": accreditation.status_summary(rows),
            "school": school,
        },
    )
