"""Pages about collegial bodies: the bodies a person can read, and one body with its charter,
its members (current and past) and its meetings.

Seed 000 §2: every member, voting or not, reads the materials and minutes of their body; the QA
manager oversees every body. Seed 001 §1.4 and §5.3: composition rules that the secretary, the
chair and the QA manager are warned about.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.extensions import body_links
from governance.models import Body, Meeting, Membership
from governance.models.bodies import Constituency, MemberRole
from governance.models.meetings import MeetingStatus
from governance.permissions import (
    BODY_OVERSIGHT_ROLES,
    bodies_readable_by,
    can_manage_agenda,
    can_read_body,
)
from governance.quorum import quorum_needed

ROLE_ORDER = [role.value for role in MemberRole]


def _count_of(queryset):
    """A subquery counting the rows of ``queryset`` per body (0 when there are none)."""
    counted = queryset.order_by().values("body").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def annotated_bodies(user, bodies):
    """Bodies with the user's role on each, member counts and the next meeting, in one query."""
    today = timezone.localdate()
    current = Membership.objects.current(today).filter(body=OuterRef("pk"))
    upcoming = Meeting.objects.filter(body=OuterRef("pk"), starts_at__gte=timezone.now())
    upcoming = upcoming.exclude(status=MeetingStatus.CLOSED).order_by("starts_at")
    return (
        bodies.select_related("school", "parent")
        .annotate(
            member_count=_count_of(current),
            voting_count=_count_of(current.filter(voting=True)),
            my_role=Subquery(current.filter(person=user).values("role")[:1]),
            next_meeting_at=Subquery(upcoming.values("starts_at")[:1]),
        )
        .order_by("-is_active", "kind", "name_kk")
    )


@login_required
def body_list(request):
    """The bodies the person sits on (every body for the QA manager), seed 000 §2."""
    bodies = list(annotated_bodies(request.user, bodies_readable_by(request.user)))
    for body in bodies:
        body.my_role_label = MemberRole(body.my_role).label if body.my_role else ""
    return render(request, "governance/bodies/body_list.html", {"bodies": bodies})


def charter_in_words(body, voting_count):
    """The body's charter rules as (label, text) rows, in the active language.

    Seed 000 §2.1–2.2 (ARC: 2/3 of members present; school committee: majority of voting members
    present), §4.1.12 (quorum of one third); seed 001 §1.4 (7 or 9 members, 30 % students) and
    §5.3 (odd number of members, the chair breaks a tie).
    """
    rows = []
    if body.quorum is None:
        quorum = _("No quorum rule")
    else:
        quorum = _("%(fraction)s of voting members (now %(needed)d of %(members)d)") % {
            "fraction": f"{body.quorum_numerator}/{body.quorum_denominator}",
            "needed": quorum_needed(body.quorum, voting_count),
            "members": voting_count,
        }
    rows.append((_("Quorum"), quorum))
    rows.append((_("A motion is carried by"), body.get_majority_rule_display()))
    rows.append((_("Abstention"), body.get_abstention_rule_display()))
    rows.append(
        (
            _("The chair's casting vote breaks a tie"),
            _("Yes") if body.chair_casting_vote else _("No"),
        )
    )
    composition = []
    if body.min_members and body.max_members:
        composition.append(
            _("%(min)d to %(max)d voting members")
            % {"min": body.min_members, "max": body.max_members}
        )
    elif body.min_members:
        composition.append(_("at least %(min)d voting members") % {"min": body.min_members})
    elif body.max_members:
        composition.append(_("at most %(max)d voting members") % {"max": body.max_members})
    if body.require_odd_size:
        composition.append(_("an odd number of voting members"))
    if body.min_student_share:
        composition.append(
            _("at least %(share)d %% of voting members are students")
            % {"share": body.min_student_share}
        )
    rows.append(
        (_("Composition"), "; ".join(str(c) for c in composition) or _("No composition rule"))
    )
    non_voting = [
        str(Constituency(code).label)
        for code in body.non_voting_constituencies or []
        if code in Constituency.values
    ]
    rows.append((_("Attend and speak without a vote"), ", ".join(non_voting) or "—"))
    rows.append(
        (
            _("Agenda sent to members"),
            _("%(days)d days before the meeting") % {"days": body.agenda_notice_days},
        )
    )
    return rows


def _members_by_role(memberships):
    groups = {role: [] for role in ROLE_ORDER}
    for membership in memberships:
        groups.setdefault(membership.role, []).append(membership)
    return [(MemberRole(role).label, groups[role]) for role in ROLE_ORDER if groups[role]]


@login_required
def body_detail(request, pk):
    body = get_object_or_404(
        Body.objects.select_related("school", "parent", "established_by__body"), pk=pk
    )
    user = request.user
    if not can_read_body(user, body):
        raise PermissionDenied
    today = timezone.localdate()
    memberships = list(
        body.memberships.select_related("person").order_by("-term_start", "person__full_name_kk")
    )
    current = [m for m in memberships if m.term_start <= today and not _ended(m, today)]
    past = [m for m in memberships if _ended(m, today)]
    future = [m for m in memberships if m.term_start > today]
    current.sort(key=lambda m: (ROLE_ORDER.index(m.role), str(m.person)))
    voting_count = sum(1 for m in current if m.voting)

    sees_problems = can_manage_agenda(user, body) or user.has_role(*BODY_OVERSIGHT_ROLES)
    problems = body.composition_problems(current) if sees_problems else []

    now = timezone.now()
    meetings = list(body.meetings.order_by("starts_at"))
    for meeting in meetings:
        meeting.url = reverse("governance:meeting_detail", args=[meeting.pk])
    upcoming = [m for m in meetings if _is_upcoming(m, now)]
    past_meetings = [m for m in reversed(meetings) if not _is_upcoming(m, now)]

    parent_readable = bool(body.parent) and can_read_body(user, body.parent)
    children = list(body.children.filter(is_active=True).select_related("school"))
    readable = set(bodies_readable_by(user).filter(parent=body).values_list("pk", flat=True))
    for child in children:
        child.readable = child.pk in readable
    established_url = (
        reverse("governance:decision_detail", args=[body.established_by_id])
        if body.established_by_id
        else ""
    )
    context = {
        "body": body,
        "charter": charter_in_words(body, voting_count),
        "current_groups": _members_by_role(current),
        "member_count": len(current),
        "voting_count": voting_count,
        "past_members": past,
        "future_members": future,
        "problems": problems,
        "upcoming_meetings": upcoming,
        "past_meetings": past_meetings,
        "parent_readable": parent_readable,
        "children": children,
        "established_url": established_url,
        "can_manage": can_manage_agenda(user, body),
        "extension_links": body_links(body, user),
    }
    return render(request, "governance/bodies/body_detail.html", context)


def _ended(membership, today):
    return membership.term_end is not None and membership.term_end < today


def _is_upcoming(meeting, now):
    """Still to come (or sitting now); a closed meeting is past whatever its date."""
    if meeting.status == MeetingStatus.CLOSED:
        return False
    return meeting.starts_at >= now or meeting.status == MeetingStatus.IN_SESSION
