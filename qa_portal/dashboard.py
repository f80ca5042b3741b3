"""The home dashboard (issue 7): one set of panels per role a person holds.

The QA manager follows every mechanism; the rector and vice-rectors the institution, a dean
their school; teachers, students, members, secretaries and experts their own work. Every panel
costs a fixed number of queries, so the page does not slow down as the data grows. The panels
themselves live in ``qa_portal.panels``.
"""

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
    Membership,
    School,
    StudentProfile,
    Term,
)
from governance.models.cases import ApplicationStatus
from governance.overview import open_votes, upcoming_meetings
from governance.roles import Role
from qa_portal.navigation import sits_on_a_body
from qa_portal.reports.panel import reports_panel
from surveys.cmf import forms_to_review, teacher_rows
from surveys.inbox import open_invitations

from .panels import Panel, leadership, oversight, personal

__all__ = ["Panel", "annual_report_url", "panels_for"]

LEADERSHIP_ROLES = (Role.RECTOR, Role.VICE_RECTOR)


def _school_rows(schools):
    return schools.annotate(
        programme_count=Count("programmes", distinct=True),
        course_count=Count("programmes__courses", distinct=True),
        student_count=Count("programmes__students", distinct=True),
    ).order_by("code")


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


def member_panel(user, memberships):
    """Bodies the person sits on, their next meetings and the votes waiting for them.

    Seed 000 §2: every member attends and reads; only voting members vote, once per motion.
    Two queries whatever the number of bodies, meetings or motions; None for non-members.
    """
    if not memberships:
        return None
    body_ids = [m.body_id for m in memberships]
    voting_body_ids = [m.body_id for m in memberships if m.voting]
    meetings = list(upcoming_meetings(body_ids))
    for meeting in meetings:
        meeting.url = reverse("governance:meeting_detail", args=[meeting.pk])
    votes = []
    if voting_body_ids:
        votes = list(
            open_votes(voting_body_ids).exclude(
                Exists(BallotReceipt.objects.filter(motion=OuterRef("pk"), voter=user))
            )
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


def current_memberships(user):
    """The person's current seats with their bodies (one query; the menu asks the same,
    navigation.py)."""
    memberships = list(
        Membership.objects.current().filter(person=user).select_related("body").order_by("body")
    )
    user._sits_on_a_body = bool(memberships)
    return memberships


def annual_report_url(user):
    """One click to the annual QA report (issue 7) for the QA office, the rector, the
    vice-rectors and the deans; None for everybody else."""
    if user.has_role(Role.QA_MANAGER, *LEADERSHIP_ROLES, Role.DEAN):
        return reverse("reports:new", args=["annual"])
    return None


def qa_office_panels():
    """Seed 000 §2.3: the QA office monitors surveys, bodies, documents, accreditation,
    improvement actions and indicators."""
    return [
        oversight.campaigns_panel(),
        oversight.meetings_panel(),
        reviews_panel(),
        oversight.acknowledgements_panel(),
        oversight.accreditation_panel(),
        oversight.actions_panel(),
        oversight.indicators_panel(),
    ]


def this_year(years, today=None):
    """The academic year running today among ``years`` (oldest first), if any."""
    today = today or timezone.localdate()
    return years[-1] if years and years[-1].end_date >= today else None


def institution_panels(years, with_actions):
    """The rector's and vice-rectors' summary of the institution (seed 000 §2.1, §2.3)."""
    schools = [None, *School.objects.order_by("code")]
    panels = [
        leadership.satisfaction_panel(schools, years, _("Satisfaction by school")),
        leadership.decisions_panel(this_year(years)),
        leadership.programmes_panel(),
    ]
    if with_actions:
        panels.append(oversight.actions_panel())
    return panels


def school_panels(school, years):
    """A dean's summary of their school: the rector's panels, for that school only."""
    return [
        leadership.satisfaction_panel(
            [school], years, _("Satisfaction in %(school)s") % {"school": school}
        ),
        leadership.decisions_panel(this_year(years), school),
        leadership.programmes_panel(school),
        oversight.actions_panel(school),
    ]


def optional(*panels):
    """The panels that apply (a panel function returns None for someone it does not
    concern)."""
    return [panel for panel in panels if panel is not None]


def panels_for(user):
    """The panels of every role the user holds, in a fixed order, without repeats."""
    memberships = current_memberships(user)
    panels = optional(member_panel(user, memberships))
    is_qa = user.has_role(Role.QA_MANAGER)
    leads = user.has_role(*LEADERSHIP_ROLES)
    is_dean = user.has_role(Role.DEAN)
    years = leadership.recent_years() if leads or is_dean else []
    if is_qa:
        panels += qa_office_panels()
    if leads:
        panels += institution_panels(years, with_actions=not is_qa)
    if is_dean:
        schools = list(_school_rows(School.objects.filter(dean=user)))
        panels.append(Panel(_("My school"), "dashboard/panels/schools.html", {"schools": schools}))
        for school in schools:
            panels += school_panels(school, years)
    panels += optional(reports_panel(user))
    term = None
    if user.has_role(Role.TEACHER, Role.STUDENT, Role.DOCTORAL_STUDENT):
        term = Term.current()
    if user.has_role(Role.TEACHER):
        panels += [
            teacher_panel(user, term),
            personal.course_results_panel(user),
            personal.my_actions_panel(user),
        ]
    if user.has_role(Role.STUDENT, Role.DOCTORAL_STUDENT):
        studies = student_panel(user, term)
        panels += [studies, personal.changes_panel(studies.context["profile"])]
    panels += optional(
        surveys_panel(user),
        course_forms_panel(user),
        applications_panel(user),
        acknowledgements_panel(user),
        personal.secretary_panel(memberships),
    )
    if user.has_role(Role.EXTERNAL_EXPERT):
        panels.append(personal.visits_panel(user))
    return panels
