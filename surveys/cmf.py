"""Rules of the Course Management Form (CMF): who owes one, who reads and reviews it, and how
it moves from draft to reviewed.

Seed 000 §4.1.5: after the course the teacher fills the CMF, which the School Committee (SC)
considers. Seed 000 §4.1.11: after every semester each teacher of a course fills it — a
self-assessment in which the teacher analyses the course's strengths and weaknesses, so the
course can be revised according to how far its learning outcomes were achieved; the SC collects
and analyses the forms, the results go to the school, the Academic Council and the QA office,
and each teacher gets individual recommendations::

    draft ──▶ submitted ──▶ reviewed          submit, review
      ▲           │
      └───────────┘                            return_for_revision (with the committee's note)

Every change that is not allowed raises :class:`CMFError` with a sentence the person can read.
Changes lock the form's row, so a double click cannot make a transition twice; the e-mails are
queued once the change is committed.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.mail import link, personal_mail
from governance.models import Body, Course, Enrolment, Membership, Term, User
from governance.models.bodies import BodyKind
from governance.permissions import AGENDA_ROLES, can_manage_agenda
from governance.queueing import queue_after_commit
from governance.roles import Role

from .campaign_rights import committees_run_by
from .models import CampaignState, CourseForm, CourseFormStatus, Target
from .visibility import COURSE, INSTITUTION_ROLES, Scope, may_open, result_school_ids

# What the teacher writes, in the order of the form (the rest is the status and the review).
CONTENT_FIELDS = (
    "delivery_format",
    "outcomes_achievement",
    "strengths",
    "weaknesses",
    "assessment_analysis",
    "feedback_response",
    "planned_changes",
)
# Seed 000 §4.1.11: the form analyses the achievement of the learning outcomes, the strengths
# and weaknesses and the assessment, and says how the course will change. The response to the
# students' evaluation may stay empty: not every course was evaluated.
REQUIRED_FIELDS = tuple(name for name in CONTENT_FIELDS if name != "feedback_response")
SUBMITTED, REVIEWED, RETURNED = "submitted", "reviewed", "returned"


class CMFError(ValidationError):
    """A rule of the course management form was broken; the message says which, in words."""


# --- Which forms a teacher owes -----------------------------------------------------------


def _due_terms(today):
    """Terms whose last teaching day has passed, and the current term (its courses may end
    before the term does, and the teacher may start the form while teaching)."""
    due = Q(term__last_teaching_day__lt=today)
    current = Term.current(today)
    if current is not None:
        due |= Q(term=current)
    return due


def owed_pairs(teacher, today=None):
    """{(course id, term id)}: the courses the person teaches that ran (had students enrolled)
    in a term that is over or current — one form each (seed 000 §4.1.11: after every
    semester the course's teachers fill the CMF)."""
    today = today or timezone.localdate()
    return set(
        Enrolment.objects.filter(_due_terms(today), course__teachers=teacher)
        .values_list("course_id", "term_id")
        .distinct()
    )


def owes(teacher, course, term, today=None):
    """Whether the person owes a form for ``course`` in ``term``."""
    today = today or timezone.localdate()
    return (
        Enrolment.objects.filter(_due_terms(today), course=course, term=term)
        .filter(course__teachers=teacher)
        .exists()
    )


@dataclass
class Row:
    """A line of a teacher's list: a course and term owed, and its form once started."""

    course: Course
    term: Term
    form: CourseForm | None = None

    @property
    def to_do(self):
        """Not yet with the committee: not started, a draft, or returned for revision."""
        return self.form is None or self.form.status == CourseFormStatus.DRAFT


def teacher_rows(teacher, today=None):
    """The person's forms owed and filled, the latest term first (five queries in all)."""
    pairs = owed_pairs(teacher, today)
    forms = {
        (form.course_id, form.term_id): form
        for form in CourseForm.objects.filter(teacher=teacher).select_related("school")
    }
    keys = pairs | set(forms)
    courses = Course.objects.in_bulk({course for course, _term in keys})
    terms = Term.objects.select_related("academic_year").in_bulk({term for _course, term in keys})
    rows = [Row(courses[course], terms[term], forms.get((course, term))) for course, term in keys]
    return sorted(rows, key=lambda row: (-row.term.start_date.toordinal(), row.course.code))


def course_school_id(course, teacher):
    """The school whose committee reviews the form: the course's department's, else its
    programmes' when they all belong to one school, else the teacher's own school."""
    found = Course.objects.filter(pk=course.pk).values_list(
        "department__school_id", "programmes__school_id"
    )
    departments = {department for department, _programme in found if department}
    programmes = {programme for _department, programme in found if programme}
    if departments:
        return departments.pop()
    if len(programmes) == 1:
        return programmes.pop()
    return User.objects.filter(pk=teacher.pk).values_list("staff_profile__school", flat=True)[0]


def reviewing_committee(school_id):
    """The school's active School Committee (seed 000 §4.1.11: it collects the forms)."""
    return (
        Body.objects.filter(kind=BodyKind.SCHOOL_COMMITTEE, school_id=school_id, is_active=True)
        .order_by("pk")
        .first()
    )


# --- Who reads and who reviews -------------------------------------------------------------


def reads_every_school(user):
    """The QA office and the university's leadership read the forms of every school (seed 000
    §4.1.11: the results go to the QA office and the Academic Council's leadership)."""
    return user.is_authenticated and user.has_role(*INSTITUTION_ROLES)


def reader_school_ids(user):
    """Schools whose forms the person reads: on the school's committee, or as its dean."""
    return result_school_ids(user)


def has_forms_page(user):
    """Teachers fill forms; deans, committee members and the university's leadership read them."""
    if not user.is_authenticated:
        return False
    return user.has_role(Role.TEACHER) or reads_every_school(user) or bool(reader_school_ids(user))


def forms_readable_by(user):
    """The person's own forms, and the forms handed to a committee (submitted at least once)
    of the schools they read; drafts never handed in stay with their teacher."""
    if not user.is_authenticated:
        return CourseForm.objects.none()
    handed_in = Q(submitted_at__isnull=False)
    if not reads_every_school(user):
        handed_in &= Q(school__in=reader_school_ids(user))
    return CourseForm.objects.filter(Q(teacher=user) | handed_in)


def can_read(user, form):
    if not user.is_authenticated:
        return False
    if form.teacher_id == user.pk:
        return True
    if form.submitted_at is None:
        return False
    return reads_every_school(user) or form.school_id in reader_school_ids(user)


def can_edit(user, form):
    """Only the teacher changes the form, and only while it is a draft."""
    return (
        user.is_authenticated
        and form.teacher_id == user.pk
        and form.status == CourseFormStatus.DRAFT
    )


def can_review(user, form):
    """The chair, deputy chair or secretary of the reviewing committee, never on their own
    form (seed 000 §4.1.11: the committee gives the teacher its recommendations)."""
    return (
        user.is_authenticated
        and form.status == CourseFormStatus.SUBMITTED
        and form.teacher_id != user.pk
        and form.committee is not None
        and form.committee.is_active
        and can_manage_agenda(user, form.committee)
    )


def forms_to_review(user):
    """Submitted forms waiting for a committee the person runs, their own left out."""
    return CourseForm.objects.filter(
        status=CourseFormStatus.SUBMITTED, committee__in=committees_run_by(user)
    ).exclude(teacher=user)


def state_of(form):
    """``returned`` for a draft sent back for revision, else the form's status."""
    return RETURNED if form.is_returned else form.status


def filter_by_state(forms, state):
    """Forms in a state of :func:`state_of` (submitted, reviewed or returned)."""
    if state == RETURNED:
        return forms.filter(status=CourseFormStatus.DRAFT, returned_at__isnull=False)
    return forms.filter(status=state)


def evaluation_results_url(user, form):
    """The students' evaluation of this course and teacher in the form's term, when the person
    may open it (seed 000 §4.1.5: students evaluate the course at its end; the form answers it).
    """
    targets = (
        Target.objects.filter(
            campaign__audience_term=form.term_id,
            campaign__state__in=(CampaignState.CLOSED, CampaignState.PUBLISHED),
            course=form.course_id,
            teacher=form.teacher_id,
        )
        .select_related("campaign")
        .order_by("-campaign__closes_at", "pk")
    )
    for target in targets:
        scope = Scope(COURSE, target=target)
        if may_open(user, target.campaign, scope):
            return reverse("surveys:results_report", args=[target.campaign_id, scope.slug])
    return None


def missing_fields(form):
    """Labels of the fields a form still needs before it can be submitted."""
    return [
        str(CourseForm._meta.get_field(name).verbose_name)
        for name in REQUIRED_FIELDS
        if not str(getattr(form, name)).strip()
    ]


# --- Changes -------------------------------------------------------------------------------


def _locked(form):
    return (
        CourseForm.objects.select_for_update(of=("self",))
        .select_related("committee", "teacher", "course", "term")
        .get(pk=form.pk)
    )


def _require_teacher(form, by):
    if form.teacher_id != by.pk:
        raise CMFError(_("Only the teacher who fills the form can change or submit it."))


def require_draft(form):
    """Refuse a change to a form that is no longer a draft."""
    if form.status != CourseFormStatus.DRAFT:
        raise CMFError(
            _(
                "This form has been submitted and can no longer be changed; the committee may "
                "return it for revision."
            )
        )


def start(draft):
    """Save a new form (an unsaved :class:`CourseForm` with course, term and teacher) for a
    course and term the teacher owes. The database keeps one form per course, term and
    teacher: when it exists already (a double click), that form is returned unchanged."""
    if not owes(draft.teacher, draft.course, draft.term):
        raise CMFError(
            _("You owe no course management form for %(course)s in %(term)s.")
            % {"course": draft.course, "term": draft.term}
        )
    school_id = course_school_id(draft.course, draft.teacher)
    if school_id is None:
        raise CMFError(
            _(
                "The course belongs to no school, so no committee can review its form; ask the "
                "QA office to attach it to a department."
            )
        )
    draft.school_id = school_id
    draft.status = CourseFormStatus.DRAFT
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:
        return CourseForm.objects.get(course=draft.course, term=draft.term, teacher=draft.teacher)
    return draft


def save_draft(form, by):
    """Save the teacher's changes to a draft (a form already submitted is not changed)."""
    with transaction.atomic():
        current = _locked(form)
        _require_teacher(current, by)
        require_draft(current)
        form.save(update_fields=CONTENT_FIELDS)
    return form


def submit(form, by):
    """The teacher hands the form to the committee of the course's school; its officers are
    e-mailed. Every required field must be filled (seed 000 §4.1.11)."""
    with transaction.atomic():
        form = _locked(form)
        _require_teacher(form, by)
        require_draft(form)
        missing = missing_fields(form)
        if missing:
            raise CMFError(
                _("Fill in before submitting: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        committee = reviewing_committee(form.school_id)
        if committee is None:
            raise CMFError(
                _(
                    "%(school)s has no active School Committee to review the form; ask the QA "
                    "office."
                )
                % {"school": form.school}
            )
        form.committee = committee
        form.status = CourseFormStatus.SUBMITTED
        form.submitted_at = timezone.now()
        form.save()
        _queue_mail(form.pk, SUBMITTED)
    return form


def _reviewed_form(form, by):
    form = _locked(form)
    if form.status != CourseFormStatus.SUBMITTED:
        raise CMFError(_("This form is not waiting for the committee's review."))
    if not can_review(by, form):
        raise CMFError(
            _("Only the chair, deputy chair or secretary of %(body)s reviews this form.")
            % {"body": form.committee}
        )
    return form


def review(form, by, recommendations):
    """The committee's officer writes the individual recommendations to the teacher (seed 000
    §4.1.11), which closes the review; the teacher is e-mailed."""
    recommendations = (recommendations or "").strip()
    if not recommendations:
        raise CMFError(_("Write your recommendations to the teacher."))
    with transaction.atomic():
        form = _reviewed_form(form, by)
        form.recommendations = recommendations
        form.reviewed_by = by
        form.reviewed_at = timezone.now()
        form.status = CourseFormStatus.REVIEWED
        form.save()
        _queue_mail(form.pk, REVIEWED)
    return form


def return_for_revision(form, by, note):
    """The committee's officer sends the form back to its teacher as a draft, saying what to
    revise; the teacher is e-mailed and may submit it again."""
    note = (note or "").strip()
    if not note:
        raise CMFError(_("Say what the teacher should revise."))
    with transaction.atomic():
        form = _reviewed_form(form, by)
        form.return_note = note
        form.returned_at = timezone.now()
        form.status = CourseFormStatus.DRAFT
        form.save()
        _queue_mail(form.pk, RETURNED)
    return form


# --- E-mails -------------------------------------------------------------------------------


def _queue_mail(form_pk, event):
    """Queue the e-mail once the change is committed."""
    from .tasks import mail_course_form

    queue_after_commit(
        mail_course_form,
        form_pk,
        event,
        what=f"the e-mail about course form {form_pk} ({event})",
    )


def committee_officers(committee):
    """The committee's current chair, deputy chair and secretary with an active account."""
    seats = Membership.objects.current().filter(body=committee, role__in=AGENDA_ROLES)
    return User.objects.filter(pk__in=seats.values("person"), is_active=True).exclude(email="")


def mail_about(form_pk, event):
    """E-mail the committee's officers about a submitted form, or its teacher about the review
    or the return; returns how many e-mails were sent."""
    form = (
        CourseForm.objects.select_related("course", "term__academic_year", "teacher", "committee")
        .filter(pk=form_pk)
        .first()
    )
    if form is None:
        return 0
    if event == SUBMITTED:
        people = committee_officers(form.committee).exclude(pk=form.teacher_id)
    else:
        people = [form.teacher] if form.teacher.is_active and form.teacher.email else []
    sent = 0
    for person in people:
        personal_mail(
            person,
            f"surveys/email/cmf_{event}",
            lambda: {"form": form, "link": link("surveys:cmf_detail", form.pk)},
        ).send()
        sent += 1
    return sent
