"""The home dashboard: one set of panels per role a person holds.

Panels that later capabilities fill (surveys, documents, accreditation, meetings) are listed
already, each saying what will appear there.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.acknowledgements import pending_for
from documents.review import reviews_due
from governance.cases import can_apply
from governance.models import (
    AppealExpert,
    Application,
    BallotReceipt,
    Course,
    Enrolment,
    Meeting,
    Membership,
    Motion,
    School,
    StudentProfile,
    Term,
)
from governance.models.cases import ApplicationStatus
from governance.models.meetings import MeetingStatus
from governance.models.voting import MotionStatus
from governance.roles import Role
from qa_portal.navigation import sits_on_a_body
from surveys.cmf import forms_to_review, teacher_rows
from surveys.inbox import open_invitations


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    empty_text: str = ""


def _school_rows(schools):
    return schools.annotate(
        programme_count=Count("programmes", distinct=True),
        course_count=Count("programmes__courses", distinct=True),
        student_count=Count("programmes__students", distinct=True),
    ).order_by("code")


def structure_panel(title, schools):
    return Panel(title, "dashboard/panels/schools.html", {"schools": _school_rows(schools)})


def teacher_panel(user, term):
    courses = Course.objects.filter(teachers=user).annotate(
        student_count=Count("enrolments", filter=Q(enrolments__term=term))
    )
    return Panel(
        _("My courses"),
        "dashboard/panels/courses.html",
        {"courses": courses, "term": term},
        empty_text=_("You teach no courses in the register."),
    )


def student_panel(user, term):
    profile = StudentProfile.objects.select_related("programme__school").filter(user=user).first()
    enrolments = Enrolment.objects.filter(student=user, term=term).select_related("course")
    return Panel(
        _("My studies"),
        "dashboard/panels/studies.html",
        {"profile": profile, "enrolments": enrolments, "term": term},
    )


def member_panel(user):
    """Bodies the person sits on, their next meetings and the votes waiting for them.

    Seed 000 §2: every member attends and reads; only voting members vote, once per motion.
    Three queries whatever the number of bodies, meetings or motions; None for non-members.
    """
    memberships = list(
        Membership.objects.current().filter(person=user).select_related("body").order_by("body")
    )
    user._sits_on_a_body = bool(memberships)  # the menu asks the same (navigation.py)
    if not memberships:
        return None
    body_ids = [m.body_id for m in memberships]
    voting_body_ids = [m.body_id for m in memberships if m.voting]
    meetings = list(
        Meeting.objects.filter(body__in=body_ids)
        .filter(Q(starts_at__gte=timezone.now()) | Q(status=MeetingStatus.IN_SESSION))
        .exclude(status=MeetingStatus.CLOSED)
        .select_related("body")
        .order_by("starts_at")[:5]
    )
    for meeting in meetings:
        meeting.url = reverse("governance:meeting_detail", args=[meeting.pk])
    votes = []
    if voting_body_ids:
        votes = list(
            Motion.objects.filter(status=MotionStatus.OPEN, item__meeting__body__in=voting_body_ids)
            .exclude(Exists(BallotReceipt.objects.filter(motion=OuterRef("pk"), voter=user)))
            .select_related("item__meeting__body")
            .order_by("deadline", "opened_at", "pk")
        )
        for motion in votes:
            motion.url = reverse("governance:motion_detail", args=[motion.pk])
    return Panel(
        _("My bodies"),
        "dashboard/panels/bodies.html",
        {"memberships": memberships, "meetings": meetings, "votes": votes},
    )


def applications_panel(user):
    """The person's latest applications with their status, and the grade appeals waiting for
    their opinion as an expert (seed 000 §2.2, §4.1.6); None for someone with neither role."""
    waiting = list(
        AppealExpert.objects.filter(
            expert=user, signed_at__isnull=True, application__status=ApplicationStatus.UNDER_REVIEW
        )
        .select_related("application")
        .order_by("pk")
    )
    if not (waiting or can_apply(user)):
        return None
    applications = list(
        Application.objects.filter(applicant=user)
        .select_related("body")
        .order_by("-submitted_at", "-pk")[:5]
    )
    return Panel(
        _("My applications"),
        "dashboard/panels/applications.html",
        {"applications": applications, "waiting": waiting, "can_apply": can_apply(user)},
    )


def surveys_panel(user):
    """Surveys waiting for the person's answer (issue 4: students answer from the dashboard).

    Students and teachers always see the panel; others only while a survey waits for them.
    One query whatever the number of surveys.
    """
    invitations = list(open_invitations(user))
    if not invitations and not user.has_role(Role.STUDENT, Role.DOCTORAL_STUDENT, Role.TEACHER):
        return None
    return Panel(
        _("My open surveys"),
        "surveys/_dashboard_panel.html",
        {"invitations": invitations},
        empty_text=_("No survey is waiting for your answer."),
    )


def course_forms_panel(user):
    """Course management forms (seed 000 §4.1.11): a teacher's forms still to fill or returned
    for revision, and the forms waiting for the committees whose chair, deputy chair or
    secretary the person is; None for someone with neither."""
    is_teacher = user.has_role(Role.TEACHER)
    to_do = [row for row in teacher_rows(user) if row.to_do] if is_teacher else []
    to_review = []
    if sits_on_a_body(user):
        to_review = list(
            forms_to_review(user).select_related("course", "teacher").order_by("submitted_at")
        )
    if not (is_teacher or to_review):
        return None
    return Panel(
        _("Course management forms"),
        "surveys/cmf/_dashboard_panel.html",
        {"to_do": to_do, "to_review": to_review, "is_teacher": is_teacher},
    )


def acknowledgements_panel(user):
    """Documents the person is asked to read and acknowledge (seed 002 §3.3); None when there
    is none. One query; the menu asks the same (navigation.py)."""
    rows = list(
        pending_for(user)
        .select_related("campaign__edition__document")
        .order_by("campaign__deadline", "pk")
    )
    user._has_pending_acknowledgements = bool(rows)
    if not rows:
        return None
    return Panel(
        _("Documents to acknowledge"), "documents/_ack_dashboard_panel.html", {"rows": rows}
    )


def reviews_panel():
    """Documents whose periodic review is overdue or near (issue 5; seed 002: every three
    years), for the QA office. One query."""
    today = timezone.localdate()
    return Panel(
        _("Documents due for review"),
        "documents/_reviews_dashboard_panel.html",
        {"editions": list(reviews_due(today)), "today": today},
        empty_text=_("No document is due for review in the next 30 days."),
    )


def coming_soon(title, text):
    return Panel(title, "dashboard/panels/empty.html", empty_text=text)


def panels_for(user):
    """The panels of every role the user holds, in a fixed order, without repeats."""
    term = Term.current()
    panels = []
    bodies = member_panel(user)
    if bodies is not None:
        panels.append(bodies)
    if user.has_role(Role.QA_MANAGER):
        panels += [
            structure_panel(_("University structure"), School.objects.all()),
            coming_soon(_("Survey campaigns"), _("Open campaigns and response rates appear here.")),
            reviews_panel(),
            coming_soon(_("Accreditation"), _("Accreditation readiness and expiry appear here.")),
        ]
    if user.has_role(Role.RECTOR, Role.VICE_RECTOR) and not user.has_role(Role.QA_MANAGER):
        panels.append(structure_panel(_("Institution summary"), School.objects.all()))
    if user.has_role(Role.DEAN):
        panels.append(structure_panel(_("My school"), School.objects.filter(dean=user)))
    if user.has_role(Role.TEACHER):
        panels.append(teacher_panel(user, term))
    if user.has_role(Role.STUDENT, Role.DOCTORAL_STUDENT):
        panels.append(student_panel(user, term))
    surveys = surveys_panel(user)
    if surveys is not None:
        panels.append(surveys)
    course_forms = course_forms_panel(user)
    if course_forms is not None:
        panels.append(course_forms)
    applications = applications_panel(user)
    if applications is not None:
        panels.append(applications)
    acknowledgements = acknowledgements_panel(user)
    if acknowledgements is not None:
        panels.append(acknowledgements)
    if user.has_role(Role.SECRETARY):
        panels.append(
            coming_soon(_("Meetings"), _("Meetings of the bodies you serve appear here."))
        )
    if user.has_role(Role.EXTERNAL_EXPERT):
        panels.append(
            coming_soon(
                _("Expert reviews"), _("Accreditation visits you take part in appear here.")
            )
        )
    return panels
