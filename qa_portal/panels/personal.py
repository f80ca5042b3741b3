"""Panels about a person's own work (issue 7): a teacher's course results and improvement
actions, a student's "what changed after your feedback", the meetings a secretary prepares
and the site visits an expert takes part in. One or two queries each."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accreditation.models import VisitMeeting
from governance.actions import FINISHED_STATUSES
from governance.models import ImprovementAction, Meeting
from governance.models.bodies import MemberRole
from governance.models.decisions import ActionSource
from governance.models.meetings import MeetingStatus
from surveys.models import Campaign, CampaignState, Target
from surveys.visibility import COURSE, Scope

from . import Panel

SHOWN = 8


def course_results_panel(user):
    """The published results of the teacher's own courses, the latest first, each linking to
    its report (seed 000 §4.1.10: teachers read their courses' results). One query."""
    targets = (
        Target.objects.filter(
            teacher=user, course__isnull=False, campaign__state=CampaignState.PUBLISHED
        )
        .select_related("campaign", "course", "teacher")
        .order_by("-campaign__closes_at", "course__code", "pk")[:SHOWN]
    )
    return Panel(
        _("My course results"),
        "dashboard/panels/course_results.html",
        {"results": [(target, Scope(COURSE, target=target)) for target in targets]},
        empty_text=_("No published results of your courses yet."),
    )


def my_actions_panel(user):
    """The improvement actions the person owns and has not finished, the soonest due first
    (seed 000 §4: each action has one owner and a due date). One query."""
    actions = list(
        ImprovementAction.objects.filter(owner=user)
        .exclude(status__in=FINISHED_STATUSES)
        .select_related("school")
        .order_by("due_date", "pk")[:SHOWN]
    )
    return Panel(
        _("My improvement actions"),
        "dashboard/panels/my_actions.html",
        {"actions": actions, "today": timezone.localdate()},
        empty_text=_("You own no open improvement action."),
    )


def feedback_campaigns(profile):
    """Published campaigns that asked the student's school or programme (never whether the
    student answered: seed 000 §4.1.7, nobody may learn who took part)."""
    return Campaign.objects.filter(
        state=CampaignState.PUBLISHED,
        pk__in=Target.objects.filter(
            Q(school=profile.programme.school_id) | Q(programme=profile.programme_id)
        ).values("campaign"),
    )


def changes_panel(profile):
    """ "What changed after your feedback": the improvement actions raised from the survey
    results of the student's school or programme (the university's own, or their school's),
    with their status — closing the loop (issue 4, seed 000 §4.1.10). Two queries."""
    campaigns = {c.pk: c for c in feedback_campaigns(profile)} if profile else {}
    actions = []
    if campaigns:
        actions = list(
            ImprovementAction.objects.filter(
                source=ActionSource.SURVEY,
                source_type=ContentType.objects.get_for_model(Campaign),
                source_id__in=list(campaigns),
            )
            .filter(Q(school__isnull=True) | Q(school=profile.programme.school_id))
            .order_by("-created_at", "-pk")[:SHOWN]
        )
    for action in actions:
        action.campaign = campaigns[action.source_id]
    return Panel(
        _("What changed after your feedback"),
        "dashboard/panels/changes.html",
        {"actions": actions},
        empty_text=_("No change has been raised from your surveys' results yet."),
    )


def secretary_panel(memberships):
    """Meetings of the bodies whose secretary the person is: agendas still to publish and
    minutes still to be approved (seed 000 §2: the secretary prepares the agenda and the
    minutes). One query; None for someone who is no body's secretary."""
    bodies = [m.body_id for m in memberships if m.role == MemberRole.SECRETARY]
    if not bodies:
        return None
    meetings = list(
        Meeting.objects.filter(body__in=bodies)
        .filter(
            Q(status=MeetingStatus.PLANNED)
            | Q(status=MeetingStatus.CLOSED, minutes_approved_at__isnull=True)
        )
        .select_related("body")
        .order_by("starts_at", "pk")[: SHOWN * 2]
    )
    return Panel(
        _("Meetings to prepare"),
        "dashboard/panels/secretary.html",
        {
            "agendas": [m for m in meetings if m.status == MeetingStatus.PLANNED],
            "minutes": [m for m in meetings if m.status == MeetingStatus.CLOSED],
        },
        empty_text=_("No agenda to publish and no minutes waiting for approval."),
    )


def visits_panel(user):
    """The meetings of accreditation site visits the expert takes part in, from today (seed
    002 S10.St3: the visit programme and interview schedule). One query."""
    meetings = (
        VisitMeeting.objects.filter(participants=user, date__gte=timezone.localdate())
        .select_related("cycle")
        .order_by("date", "starts_at", "pk")[:SHOWN]
    )
    return Panel(
        _("Site visits"),
        "dashboard/panels/visits.html",
        {"meetings": list(meetings)},
        empty_text=_("No site visit meeting is planned for you."),
    )
