"""Applications of students and teachers to a committee, and grade appeals.

Seed 000 §2.2 (power 5): the School Committee considers applications of students and teachers.
Seed 000 §4.1.4: a student with special educational needs applies to the committee, which
decides each case individually. Seed 000 §4.1.6: a grade appeal is reviewed by an appeals
commission of at least two independent experts, never the teacher of the course.

An application goes one of two ways::

    submitted ──▶ on a meeting agenda ──▶ decided        put_on_agenda, record_answer
        │                                   ▲
        └───────────────────────────────────┘           record_answer (no meeting needed)

    grade appeal: submitted ──▶ under review ──▶ decided    assign_expert, give_opinion,
                                                             conclude_appeal

and the applicant may withdraw it while it is open. Every change that is not allowed raises
:class:`CaseError` with a sentence the person can read; the forms show the same sentences.
"""

import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance import agenda
from governance.mail import link, personal_mail
from governance.models import (
    AgendaItem,
    AppealExpert,
    Application,
    Body,
    Course,
    Enrolment,
    Meeting,
    User,
)
from governance.models.bodies import BodyKind
from governance.models.cases import AppealOutcome, ApplicationKind, ApplicationStatus
from governance.models.meetings import ItemStatus, MeetingStatus
from governance.permissions import can_manage_agenda, can_read_body
from governance.roles import Role

logger = logging.getLogger(__name__)

# Seed 000 §2.2: the committee considers applications of students and teachers.
APPLICANT_ROLES = (Role.STUDENT, Role.DOCTORAL_STUDENT, Role.TEACHER)
OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.ON_AGENDA,
    ApplicationStatus.UNDER_REVIEW,
)
# Seed 000 §4.1.6: at least two independent experts review an appeal.
MIN_OPINIONS = 2
# Meetings still to be held, whose agenda can take an application.
UPCOMING_MEETING_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED)
ITEM_TITLE_MAX = AgendaItem._meta.get_field("title").max_length
# How long a submitted form's token is remembered (a repeated POST within it is not a new
# application).
SUBMISSION_TOKEN_SECONDS = 24 * 60 * 60


class CaseError(ValidationError):
    """A rule about applications or appeals was broken; the message says which, in words."""


# --- Who applies, and to whom -------------------------------------------------------------


def can_apply(user):
    """Students and teachers address applications to a committee (seed 000 §2.2)."""
    return user.is_authenticated and user.has_role(*APPLICANT_ROLES)


def applicant_school_id(user):
    """The school of a student (through the programme) or of a teacher; None for neither."""
    profile = (
        User.objects.filter(pk=user.pk)
        .values("student_profile__programme__school", "staff_profile__school")
        .first()
    )
    if profile is None:
        return None
    return profile["student_profile__programme__school"] or profile["staff_profile__school"]


def addressable_bodies(user):
    """The active School Committees and appeals commissions of the applicant's school."""
    school_id = applicant_school_id(user)
    if school_id is None:
        return Body.objects.none()
    return Body.objects.filter(
        school_id=school_id,
        is_active=True,
        kind__in=(BodyKind.SCHOOL_COMMITTEE, BodyKind.APPEALS_COMMISSION),
    )


def bodies_for(user, kind):
    """Where an application of ``kind`` goes: a School Committee of the applicant's school;
    a grade appeal goes to the school's appeals commission when it has one (seed 000 §4.1.6),
    otherwise to the committee."""
    bodies = addressable_bodies(user)
    if kind == ApplicationKind.GRADE_APPEAL:
        appeals = bodies.filter(kind=BodyKind.APPEALS_COMMISSION)
        if appeals.exists():
            return appeals
    return bodies.filter(kind=BodyKind.SCHOOL_COMMITTEE)


def enrolled_courses(user):
    """Courses the person is (or was) enrolled in: the courses whose grade they may appeal."""
    return Course.objects.filter(
        pk__in=Enrolment.objects.filter(student=user).values("course")
    ).order_by("code")


def check_submission(applicant, body, kind, course=None, grade_given=""):
    """Refuse an application that breaks the rules above; the errors are per form field."""
    if not can_apply(applicant):
        raise CaseError(_("Only students and teachers address applications to a committee."))
    errors = {}
    if body is not None and not bodies_for(applicant, kind).filter(pk=body.pk).exists():
        if kind == ApplicationKind.GRADE_APPEAL:
            errors["body"] = _(
                "A grade appeal goes to the appeals commission of your school, or to its "
                "School Committee when the school has no appeals commission."
            )
        else:
            errors["body"] = _("Address the application to a School Committee of your school.")
    if kind == ApplicationKind.GRADE_APPEAL:
        if course is None:
            errors["course"] = _("Name the course whose grade you appeal.")
        elif not Enrolment.objects.filter(student=applicant, course=course).exists():
            errors["course"] = _("You can appeal only a grade of a course you are enrolled in.")
        if not grade_given.strip():
            errors["grade_given"] = _("Give the grade you appeal.")
    else:
        if course is not None:
            errors["course"] = _("Only a grade appeal names a course.")
        if grade_given.strip():
            errors["grade_given"] = _("Only a grade appeal names a grade.")
    if errors:
        raise CaseError(errors)


def can_open_attachment(user, application):
    """The applicant, readers of the body (seed 000 §2: members read all materials) and the
    experts on the appeal's panel open the attachment; nobody else."""
    if not user.is_authenticated:
        return False
    return (
        user.pk == application.applicant_id
        or can_read_body(user, application.body)
        or application.experts.filter(expert=user).exists()
    )


def _token_key(applicant, token):
    return f"cases:submitted:{applicant.pk}:{token}"


def submit_application(
    applicant,
    *,
    body,
    kind,
    subject,
    text,
    attachment=None,
    course=None,
    grade_given="",
    token="",
):
    """A student or teacher addresses an application to a committee of their school.

    Returns ``(application, created)``. ``token`` comes from the form (a random value per
    rendered form): the same form posted twice — a double click, a resent request — returns the
    application the first POST created instead of making a second one. The applicant's row is
    locked for the check, so parallel POSTs of one person run one after the other; the token is
    remembered in the cache before the transaction commits, and a remembered token whose
    application does not exist (the first transaction failed) does not count.
    """
    check_submission(applicant, body, kind, course, grade_given)
    with transaction.atomic():
        User.objects.select_for_update().get(pk=applicant.pk)
        earlier = cache.get(_token_key(applicant, token)) if token else None
        if earlier is not None:
            found = Application.objects.filter(pk=earlier, applicant=applicant).first()
            if found is not None:
                return found, False
        application = Application(
            body=body,
            applicant=applicant,
            kind=kind,
            subject=subject.strip(),
            text=text.strip(),
            course=course,
            grade_given=grade_given.strip(),
            submitted_at=timezone.now(),
        )
        if attachment:
            application.attachment = attachment
        application.full_clean()
        application.save()
        if token:
            cache.set(_token_key(applicant, token), application.pk, SUBMISSION_TOKEN_SECONDS)
    return application, True


def withdraw(application, by):
    """The applicant withdraws an open application. An agenda item made for it leaves the
    agenda of a meeting still to be held, unless it was already put to the vote."""
    with transaction.atomic():
        application = _locked(application)
        if by.pk != application.applicant_id:
            raise CaseError(_("Only the applicant can withdraw an application."))
        if application.status not in OPEN_STATUSES:
            raise CaseError(_("This application is no longer open."))
        application.status = ApplicationStatus.WITHDRAWN
        application.save(update_fields=["status"])
        item = application.agenda_item
        if (
            item is not None
            and item.status == ItemStatus.ON_AGENDA
            and item.meeting.status in UPCOMING_MEETING_STATUSES
        ):
            try:
                agenda.decline_item(item)
            except agenda.AgendaError:
                logger.info("agenda item %s stays: it has been put to the vote", item.pk)
    return application


# --- The committee's side ------------------------------------------------------------------


def _locked(application):
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("body", "applicant", "course", "agenda_item__meeting")
        .get(pk=application.pk)
    )


def can_act(user, application):
    """The secretary or the chair of the body acts on an application, never on their own."""
    return (
        user.is_authenticated
        and user.pk != application.applicant_id
        and can_manage_agenda(user, application.body)
    )


def _require_actor(application, by):
    if not can_act(by, application):
        raise CaseError(
            _("Only the secretary or the chair of %(body)s acts on this application.")
            % {"body": application.body}
        )


def is_on_upcoming_agenda(application):
    item = application.agenda_item
    return (
        item is not None
        and item.status == ItemStatus.ON_AGENDA
        and item.meeting.status != MeetingStatus.CLOSED
    )


def may_go_on_agenda(application):
    """Not a grade appeal (the panel reviews those), open, and not already on the agenda of a
    meeting still to be held (after a meeting that did not decide it, it may go on another)."""
    return (
        application.kind != ApplicationKind.GRADE_APPEAL
        and application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.ON_AGENDA)
        and not is_on_upcoming_agenda(application)
    )


def may_be_answered(application):
    return application.kind != ApplicationKind.GRADE_APPEAL and application.status in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.ON_AGENDA,
    )


def takes_experts(application):
    return application.kind == ApplicationKind.GRADE_APPEAL and application.status in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.UNDER_REVIEW,
    )


def may_be_concluded(application):
    return (
        application.kind == ApplicationKind.GRADE_APPEAL
        and application.status == ApplicationStatus.UNDER_REVIEW
    )


def upcoming_meetings(body):
    """The body's meetings still to be held, soonest first."""
    return Meeting.objects.filter(body=body, status__in=UPCOMING_MEETING_STATUSES).order_by(
        "starts_at"
    )


def put_on_agenda(application, meeting, by):
    """The secretary (or chair) puts the application on the agenda of a meeting of the body
    that is still to be held (seed 000 §2.2: the committee considers applications at its
    meetings). The agenda item is written in the language of the meeting's minutes."""
    with transaction.atomic():
        application = _locked(application)
        _require_actor(application, by)
        if application.kind == ApplicationKind.GRADE_APPEAL:
            raise CaseError(
                _("A grade appeal is reviewed by a panel of experts, not at a meeting.")
            )
        if not may_go_on_agenda(application):
            if is_on_upcoming_agenda(application):
                raise CaseError(
                    _("The application is already on the agenda of meeting No. %(number)s.")
                    % {"number": application.agenda_item.meeting.number}
                )
            raise CaseError(_("This application is no longer open."))
        if meeting.body_id != application.body_id:
            raise CaseError(_("Choose a meeting of the body the application is addressed to."))
        if meeting.status not in UPCOMING_MEETING_STATUSES:
            raise CaseError(_("Choose a meeting that is still to be held."))
        with translation.override(meeting.language):
            title = _("Application of %(applicant)s: %(subject)s") % {
                "applicant": application.applicant,
                "subject": application.subject,
            }
            description = f"{application.get_kind_display()}.\n\n{application.text}"
        try:
            item = agenda.propose_item(meeting, by, title[:ITEM_TITLE_MAX], description)
        except agenda.AgendaError as exc:
            raise CaseError(str(exc)) from exc
        application.agenda_item = item
        application.status = ApplicationStatus.ON_AGENDA
        application.save(update_fields=["agenda_item", "status"])
    return application


def record_answer(application, response, by, decision=None):
    """The committee's answer: the response in words, and the register decision it rests on.

    Seed 000 §4.1.4: the committee itself decides each inclusive-education request, so such a
    request is answered only with a decision of the body. Other applications may be answered
    without one (a complaint settled by the secretary, for example). Grade appeals are
    concluded with the experts' opinions instead (:func:`conclude_appeal`). The applicant is
    e-mailed in their own language once the answer is saved.
    """
    with transaction.atomic():
        application = _locked(application)
        _require_actor(application, by)
        if application.kind == ApplicationKind.GRADE_APPEAL:
            raise CaseError(_("A grade appeal is concluded with the opinions of its experts."))
        if not may_be_answered(application):
            raise CaseError(_("This application is no longer open."))
        if not response.strip():
            raise CaseError({"response": _("Write the answer to the applicant.")})
        if decision is not None and decision.body_id != application.body_id:
            raise CaseError(
                {"decision": _("Choose a decision of %(body)s.") % {"body": application.body}}
            )
        if decision is None and application.kind == ApplicationKind.INCLUSIVE:
            raise CaseError(
                {
                    "decision": _(
                        "The committee decides each inclusive-education request itself: "
                        "choose its decision."
                    )
                }
            )
        application.response = response.strip()
        application.decision = decision
        application.status = ApplicationStatus.DECIDED
        application.decided_at = timezone.now()
        application.save(update_fields=["response", "decision", "status", "decided_at"])
        _after_commit(mail_answer, application.pk)
    return application


# --- Grade appeals (seed 000 §4.1.6) --------------------------------------------------------


def check_expert(application, expert, seat=None):
    """Refuse an expert who is not independent: a teacher of the course, the applicant, or a
    person already on the panel (``seat``: the seat being edited, left out of that check)."""
    if expert is None:
        return
    if not expert.is_active:
        raise CaseError({"expert": _("%(person)s has no active account.") % {"person": expert}})
    if expert.pk == application.applicant_id:
        raise CaseError({"expert": _("The applicant cannot review their own appeal.")})
    if application.course_id and application.course.teachers.filter(pk=expert.pk).exists():
        raise CaseError(
            {
                "expert": _(
                    "%(person)s teaches %(course)s and cannot review an appeal against its "
                    "grade: the experts are independent of the course (seed 000 §4.1.6)."
                )
                % {"person": expert, "course": application.course}
            }
        )
    if application.pk:
        others = AppealExpert.objects.filter(application=application, expert=expert)
        if seat is not None and seat.pk:
            others = others.exclude(pk=seat.pk)
        if others.exists():
            raise CaseError(
                {"expert": _("%(person)s is already on the panel.") % {"person": expert}}
            )


def expert_candidates(application):
    """Staff of the body's school who may review the appeal: not its course's teachers, not
    the applicant, not on the panel yet."""
    return (
        User.objects.filter(staff_profile__school=application.body.school_id, is_active=True)
        .exclude(pk=application.applicant_id)
        .exclude(courses_taught=application.course_id)
        .exclude(pk__in=application.experts.values("expert_id"))
        .order_by("full_name_kk", "pk")
    )


def assign_expert(application, expert, by):
    """The secretary (or chair) puts an independent expert on the appeal's panel; the appeal
    is then under review and the expert is e-mailed."""
    with transaction.atomic():
        application = _locked(application)
        _require_actor(application, by)
        if application.kind != ApplicationKind.GRADE_APPEAL:
            raise CaseError(_("Only a grade appeal has a panel of experts."))
        if not takes_experts(application):
            raise CaseError(_("This appeal is no longer open."))
        check_expert(application, expert)
        try:
            with transaction.atomic():
                seat = AppealExpert.objects.create(application=application, expert=expert)
        except IntegrityError as exc:
            raise CaseError(
                {"expert": _("%(person)s is already on the panel.") % {"person": expert}}
            ) from exc
        if application.status == ApplicationStatus.SUBMITTED:
            application.status = ApplicationStatus.UNDER_REVIEW
            application.save(update_fields=["status"])
        _after_commit(mail_expert, seat.pk)
    return seat


def give_opinion(seat, opinion, recommended_grade):
    """The expert signs their opinion and the grade they recommend; a signed opinion is final."""
    with transaction.atomic():
        seat = (
            AppealExpert.objects.select_for_update(of=("self",))
            .select_related("application")
            .get(pk=seat.pk)
        )
        if seat.application.status != ApplicationStatus.UNDER_REVIEW:
            raise CaseError(_("This appeal is no longer under review."))
        if seat.signed_at is not None:
            raise CaseError(_("You have already given your opinion on this appeal."))
        errors = {}
        if not opinion.strip():
            errors["opinion"] = _("Write your opinion.")
        if not recommended_grade.strip():
            errors["recommended_grade"] = _("Give the grade you recommend.")
        if errors:
            raise CaseError(errors)
        seat.opinion = opinion.strip()
        seat.recommended_grade = recommended_grade.strip()
        seat.signed_at = timezone.now()
        seat.save(update_fields=["opinion", "recommended_grade", "signed_at"])
    return seat


def independent_opinions(application):
    """Signed opinions of experts who are still independent of the course and the applicant."""
    return (
        application.experts.filter(signed_at__isnull=False)
        .exclude(expert_id=application.applicant_id)
        .exclude(expert__courses_taught=application.course_id)
    )


def conclude_appeal(application, outcome, grade_after, response, by):
    """The committee (or appeals commission) concludes the appeal on the experts' opinions.

    Seed 000 §4.1.6: refused until at least two independent experts have signed an opinion.
    When the grade stands the grade after the appeal is the grade given; when it is changed a
    new grade is required. The applicant is e-mailed in their own language.
    """
    with transaction.atomic():
        application = _locked(application)
        _require_actor(application, by)
        if not may_be_concluded(application):
            raise CaseError(_("Only an appeal under review by its panel can be concluded."))
        given = independent_opinions(application).count()
        if given < MIN_OPINIONS:
            raise CaseError(
                ngettext(
                    "An appeal needs the opinions of at least two independent experts; "
                    "%(n)d given.",
                    "An appeal needs the opinions of at least two independent experts; "
                    "%(n)d given.",
                    given,
                )
                % {"n": given}
            )
        errors = {}
        grade_after = grade_after.strip()
        if outcome == AppealOutcome.CHANGED:
            if not grade_after:
                errors["grade_after"] = _("Give the new grade.")
            elif grade_after == application.grade_given:
                errors["grade_after"] = _("The new grade is the grade given; the grade stands.")
        elif outcome == AppealOutcome.UPHELD:
            if grade_after and grade_after != application.grade_given:
                errors["grade_after"] = _("The grade stands, so it stays %(grade)s.") % {
                    "grade": application.grade_given
                }
            grade_after = application.grade_given
        else:
            errors["outcome"] = _("Choose the outcome of the appeal.")
        if not response.strip():
            errors["response"] = _("Write the answer to the applicant.")
        if errors:
            raise CaseError(errors)
        application.appeal_outcome = outcome
        application.grade_after_appeal = grade_after
        application.response = response.strip()
        application.status = ApplicationStatus.DECIDED
        application.decided_at = timezone.now()
        application.save(
            update_fields=[
                "appeal_outcome",
                "grade_after_appeal",
                "response",
                "status",
                "decided_at",
            ]
        )
        _after_commit(mail_answer, application.pk)
    return application


# --- E-mails ---------------------------------------------------------------------------------


def _send(person, template, context, url_name, url_pk):
    """E-mail ``person`` from ``governance/email/<template>*.txt`` in their preferred language;
    the link carries that language's prefix. Nothing is sent to an inactive account."""
    if not person.is_active or not person.email:
        return False
    personal_mail(person, template, lambda: {**context, "link": link(url_name, url_pk)}).send()
    return True


def mail_answer(application_pk):
    """Tell the applicant the committee's answer (or the appeal's outcome)."""
    application = Application.objects.select_related("applicant", "body", "course", "decision").get(
        pk=application_pk
    )
    return _send(
        application.applicant,
        "application_answer",
        {"application": application},
        "governance:application_detail",
        application.pk,
    )


def mail_expert(seat_pk):
    """Ask the expert for their opinion on the appeal."""
    seat = AppealExpert.objects.select_related(
        "expert", "application__body", "application__course"
    ).get(pk=seat_pk)
    return _send(
        seat.expert,
        "appeal_expert",
        {"application": seat.application, "seat": seat},
        "governance:appeal_review",
        seat.pk,
    )


def _after_commit(send, pk):
    """Send once the change is saved; a mail server that fails is logged, the change stays."""
    transaction.on_commit(lambda: send(pk), robust=True)
