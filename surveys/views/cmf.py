"""Course management form pages: a teacher's forms, a form, the teacher's editing and
submitting, the committee's review (seed 000 §4.1.5, §4.1.11; the rules are in ``surveys.cmf``).

The teacher fills one form per course and term; the chair, deputy chair and secretary of the
School Committee of the course's school review it with recommendations or return it for
revision; the committee's members, the school's dean, the QA office, the rector and the
vice-rectors read the forms handed in. Nobody else opens a form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from governance.models import Course, Term
from governance.roles import Role
from surveys import cmf
from surveys.cmf import CMFError
from surveys.forms_cmf import RETURN, CourseFormFilter, CourseFormForm, ReviewForm
from surveys.models import CourseForm

PAGE_SIZE = 50
RELATED = ("course", "term__academic_year", "teacher", "school", "committee", "reviewed_by")


def _form(request, pk):
    form = get_object_or_404(CourseForm.objects.select_related(*RELATED), pk=pk)
    if not cmf.can_read(request.user, form):
        raise PermissionDenied
    return form


def _to_form(form):
    return redirect("surveys:cmf_detail", pk=form.pk)


@login_required
@require_GET
def course_form_list(request):
    """The teacher's forms owed and filled; the forms waiting for the committees the person
    runs; the forms handed in of the schools they read, filtered by term, status and school."""
    user = request.user
    if not cmf.has_forms_page(user):
        raise PermissionDenied
    context = {"rows": cmf.teacher_rows(user) if user.has_role(Role.TEACHER) else []}
    context["to_review"] = list(
        cmf.forms_to_review(user).select_related(*RELATED).order_by("submitted_at", "pk")
    )
    if cmf.reads_every_school(user) or cmf.reader_school_ids(user):
        handed_in = (
            cmf.forms_readable_by(user).filter(submitted_at__isnull=False).select_related(*RELATED)
        )
        filterset = CourseFormFilter(request.GET or None, queryset=handed_in, request=request)
        context["filter"] = filterset
        context["page"] = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "surveys/cmf/list.html", context)


def _edit_page(request, form, course_form):
    return render(request, "surveys/cmf/form.html", {"form": form, "course_form": course_form})


@login_required
def course_form_new(request, course, term):
    """Start the form of a course and term the person owes; one that exists opens instead."""
    course = get_object_or_404(Course, pk=course)
    term = get_object_or_404(Term.objects.select_related("academic_year"), pk=term)
    existing = CourseForm.objects.filter(course=course, term=term, teacher=request.user).first()
    if existing is not None:
        return _to_form(existing)
    if not cmf.owes(request.user, course, term):
        raise PermissionDenied
    draft = CourseForm(course=course, term=term, teacher=request.user)
    form = CourseFormForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        try:
            course_form = cmf.start(form.instance)
        except CMFError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The draft is saved. Submit it when it is complete."))
            return _to_form(course_form)
    return _edit_page(request, form, draft)


@login_required
def course_form_edit(request, pk):
    """The teacher changes a draft; a form handed in sends everyone back to its page."""
    course_form = _form(request, pk)
    if course_form.teacher_id != request.user.pk:
        raise PermissionDenied
    try:
        cmf.require_draft(course_form)
    except CMFError as exc:
        messages.error(request, exc.messages[0])
        return _to_form(course_form)
    form = CourseFormForm(request.POST or None, instance=course_form)
    if request.method == "POST" and form.is_valid():
        try:
            cmf.save_draft(form.instance, request.user)
        except CMFError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The draft is saved. Submit it when it is complete."))
        return _to_form(course_form)
    return _edit_page(request, form, course_form)


def _detail_page(request, course_form, review_form=None):
    user = request.user
    can_review = cmf.can_review(user, course_form)
    context = {
        "course_form": course_form,
        "state": cmf.state_of(course_form),
        "is_teacher": course_form.teacher_id == user.pk,
        "can_edit": cmf.can_edit(user, course_form),
        "missing": cmf.missing_fields(course_form) if cmf.can_edit(user, course_form) else [],
        "can_review": can_review,
        "review_form": (review_form or ReviewForm()) if can_review else None,
        "results_url": cmf.evaluation_results_url(user, course_form),
    }
    return render(request, "surveys/cmf/detail.html", context)


@login_required
@require_GET
def course_form_detail(request, pk):
    return _detail_page(request, _form(request, pk))


@require_POST
@login_required
def course_form_submit(request, pk):
    """The teacher hands the form to the committee (``surveys.cmf.submit``)."""
    course_form = _form(request, pk)
    if course_form.teacher_id != request.user.pk:
        raise PermissionDenied
    try:
        cmf.submit(course_form, request.user)
    except CMFError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("The form is submitted; the committee has been told by e-mail.")
        )
    return _to_form(course_form)


@require_POST
@login_required
def course_form_review(request, pk):
    """A committee officer's recommendations (the review ends) or note (the form goes back)."""
    course_form = _form(request, pk)
    if not cmf.can_review(request.user, course_form):
        raise PermissionDenied
    review_form = ReviewForm(request.POST)
    if not review_form.is_valid():
        return _detail_page(request, course_form, review_form)
    text = review_form.cleaned_data["text"]
    try:
        if review_form.cleaned_data["decision"] == RETURN:
            cmf.return_for_revision(course_form, request.user, text)
            done = _("The form is returned to the teacher for revision.")
        else:
            cmf.review(course_form, request.user, text)
            done = _("The review is saved; the teacher has been sent the recommendations.")
    except CMFError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, done)
    return _to_form(course_form)
