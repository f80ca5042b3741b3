"""Governance figures shared by the dashboards and the annual QA report (issue 7).

Improvement actions by unit and by status (seed 000 §4: the Act of Plan–Do–Check–Act; seed
000 §2.3: the QA office monitors them), the decisions of the council or of a school's
committees (seed 000 §2.1), and the next meetings and open votes of the bodies.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .actions import FINISHED_STATUSES, NOT_STARTED_OR_RUNNING, OPEN_STATUSES, annulled_filter
from .models import Decision, ImprovementAction, Meeting, Motion, School
from .models.decisions import ActionStatus
from .models.meetings import MeetingStatus
from .models.voting import MotionStatus
from .revisions import REVISING_KINDS


def overdue_filter(today):
    """Past its due date and not done (``actions.is_overdue`` in SQL), whether or not the
    nightly task has marked it yet."""
    return Q(status=ActionStatus.OVERDUE) | Q(status__in=NOT_STARTED_OR_RUNNING, due_date__lt=today)


def action_counts(actions, today=None):
    """{status: count} for every status of ``actions``, with ``overdue`` counting every action
    past its due date and not done (see :func:`overdue_filter`), ``open`` those not done and
    ``total`` all of them. One query."""
    today = today or timezone.localdate()
    counts = {
        status.value: Count("pk", filter=Q(status=status))
        for status in ActionStatus
        if status != ActionStatus.OVERDUE
    }
    return actions.order_by().aggregate(
        **counts,
        overdue=Count("pk", filter=overdue_filter(today)),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        total=Count("pk"),
    )


@dataclass
class UnitRow:
    """Open and overdue improvement actions of one unit: a school, or the university for
    actions that belong to no school."""

    school: School | None
    overdue: int
    open: int

    @property
    def label(self):
        return str(self.school) if self.school is not None else _("University")


SCHOOL_FIELDS = ("code", "name_kk", "name_ru", "name_en")


def overdue_actions_by_unit(school=None, today=None):
    """One :class:`UnitRow` per unit that has open actions, the most overdue first; only
    ``school``'s row when it is given. One query."""
    today = today or timezone.localdate()
    actions = ImprovementAction.objects.exclude(status__in=FINISHED_STATUSES)
    if school is not None:
        actions = actions.filter(school=school)
    counts = (
        actions.order_by()
        .values("school", *(f"school__{name}" for name in SCHOOL_FIELDS))
        .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue_filter(today)))
    )
    rows = [
        UnitRow(
            School(pk=row["school"], **{name: row[f"school__{name}"] for name in SCHOOL_FIELDS})
            if row["school"]
            else None,
            row["overdue"],
            row["open"],
        )
        for row in counts
    ]
    return sorted(
        rows, key=lambda row: (-row.overdue, -row.open, row.school is not None, row.label)
    )


def council_decisions(start, end, school=None):
    """Decisions dated from ``start`` to ``end``: the council's (the bodies that revise the
    committees, seed 000 §2.1) for the university, or those of ``school``'s own bodies for a
    school; each with ``annulled``."""
    decisions = Decision.objects.filter(date__gte=start, date__lte=end)
    if school is None:
        decisions = decisions.filter(body__kind__in=REVISING_KINDS)
    else:
        decisions = decisions.filter(body__school=school)
    return (
        decisions.annotate(annulled=annulled_filter())
        .select_related("body", "meeting")
        .order_by("-date", "-pk")
    )


def upcoming_meetings(bodies=None, limit=5, now=None):
    """Meetings in session or still to come, the soonest first (of ``bodies`` when given)."""
    now = now or timezone.now()
    meetings = (
        Meeting.objects.filter(Q(starts_at__gte=now) | Q(status=MeetingStatus.IN_SESSION))
        .exclude(status=MeetingStatus.CLOSED)
        .select_related("body")
        .order_by("starts_at", "pk")
    )
    if bodies is not None:
        meetings = meetings.filter(body__in=bodies)
    return meetings[:limit]


def open_votes(bodies=None):
    """Motions open for voting, the soonest deadline first (of ``bodies`` when given)."""
    motions = Motion.objects.filter(status=MotionStatus.OPEN).select_related("item__meeting__body")
    if bodies is not None:
        motions = motions.filter(item__meeting__body__in=bodies)
    return motions.order_by("deadline", "opened_at", "pk")
