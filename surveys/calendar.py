"""When surveys are held, from the seeds: the windows the campaign form suggests.

* Seed 000 §4.1.7–§4.1.9: the QA manager's student satisfaction, faculty motivation and
  doctoral surveys are held in March; the report with recommendations is due in May.
* Seed 000 §4.1.10: the School Committee's evaluation of teaching opens two weeks before the
  end of every semester — here, two weeks before the term's last teaching day
  (``governance.models.Term.last_teaching_day``), and it closes when that day ends.

Windows run from midnight to midnight in the portal's time zone (Almaty).
"""

import datetime
from typing import NamedTuple

from django.utils import timezone

from governance.models import Term

from .models import AudienceKind

SURVEY_MONTH = 3  # March
REPORT_MONTH = 5  # May
COURSE_EVALUATION_LEAD = datetime.timedelta(days=14)
# The seeds set no reminder days; the form suggests a week and two days before the close.
SUGGESTED_REMINDER_DAYS = [7, 2]
INSTITUTION_AUDIENCES = (AudienceKind.STUDENTS, AudienceKind.DOCTORAL, AudienceKind.STAFF)


def last_day(closes_at):
    """The last day (Almaty) of a window that closes at ``closes_at``: a window closing at
    midnight ends with the day before."""
    return timezone.localtime(closes_at - datetime.timedelta(microseconds=1)).date()


class SuggestedWindow(NamedTuple):
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    report_due: datetime.date | None = None
    term: Term | None = None

    @property
    def last_day(self):
        return last_day(self.closes_at)


def _midnight(day):
    """The start of ``day`` in the portal's time zone, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def report_due(year):
    """The last day of May of ``year``: the institution survey report is due (seed 000 §4.1.7)."""
    return datetime.date(year, REPORT_MONTH + 1, 1) - datetime.timedelta(days=1)


def institution_survey_window(today=None):
    """March of this year while March is not over, otherwise March of the next year."""
    today = today or timezone.localdate()
    year = today.year if today.month <= SURVEY_MONTH else today.year + 1
    return SuggestedWindow(
        opens_at=_midnight(datetime.date(year, SURVEY_MONTH, 1)),
        closes_at=_midnight(datetime.date(year, SURVEY_MONTH + 1, 1)),
        report_due=report_due(year),
    )


def course_evaluation_window(term):
    """From two weeks before the term's last teaching day to the end of that day."""
    last_day = term.last_teaching_day
    return SuggestedWindow(
        opens_at=_midnight(last_day - COURSE_EVALUATION_LEAD),
        closes_at=_midnight(last_day + datetime.timedelta(days=1)),
        term=term,
    )


def term_to_evaluate(today=None):
    """The first term whose teaching has not ended yet (its evaluation is still to come)."""
    today = today or timezone.localdate()
    return (
        Term.objects.select_related("academic_year")
        .filter(last_teaching_day__gte=today)
        .order_by("last_teaching_day")
        .first()
    )


def report_due_for(campaign):
    """When the report of an institution survey held in March is due, else None.

    Seed 000 §4.1.7–§4.1.9 fix the report in May for the QA manager's March surveys of
    students, doctoral students and staff; other campaigns (a School Committee's, a course
    evaluation, alumni and employers, or one held another month) have no date from the seeds.
    """
    if campaign.owner_body_id is not None or campaign.audience_kind not in INSTITUTION_AUDIENCES:
        return None
    opens = timezone.localtime(campaign.opens_at).date()
    if opens.month != SURVEY_MONTH:
        return None
    return report_due(opens.year)
