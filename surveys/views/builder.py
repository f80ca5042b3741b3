"""The QA office's questionnaire builder: questionnaires, versions, sections, questions, preview.

Seed 000 §2.3: the QA manager writes the questionnaires; every page here refuses anyone else
(403) before looking anything up. Issue 4: a version a campaign has used is locked; its page
shows it read-only and offers "Make a new version", and any edit of it is refused with that
message, changing nothing. Every change is a plain form POST; moving a part up or down also
answers htmx with the refreshed outline.
"""

from functools import wraps
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from surveys import builder
from surveys.answer_sheet import build_sheet
from surveys.forms_builder import (
    QuestionForm,
    QuestionnaireForm,
    SectionForm,
    option_formsets,
    option_rows,
)
from surveys.models import (
    Campaign,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
    Section,
)
from surveys.models.questionnaires import TEXT_MAX_LENGTH, VersionLocked
from surveys.versions import new_version

GET_POST = require_http_methods(["GET", "POST"])


def _builder(view):
    """Signed in and in the QA office, checked before anything is looked up."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not builder.can_build(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _version_url(version_id, anchor=""):
    url = reverse("surveys:builder_version", args=[version_id])
    return f"{url}#{anchor}" if anchor else url


def _version(pk):
    return get_object_or_404(QuestionnaireVersion.objects.select_related("questionnaire"), pk=pk)


def _section(pk):
    return get_object_or_404(Section.objects.select_related("version__questionnaire"), pk=pk)


def _question(pk):
    return get_object_or_404(
        Question.objects.select_related("section__version__questionnaire"), pk=pk
    )


def _refused(request, version_id, message):
    """Back to the version page with the reason; htmx is told to go there too."""
    messages.error(request, message)
    if request.htmx:
        return HttpResponseClientRedirect(_version_url(version_id))
    return redirect(_version_url(version_id))


def _locked(request, version):
    return _refused(request, version.pk, VersionLocked().message)


# --- questionnaires --------------------------------------------------------------------------


@_builder
@require_GET
def questionnaire_list(request):
    versions = QuestionnaireVersion.objects.annotate(campaign_count=Count("campaigns")).order_by(
        "-number"
    )
    questionnaires = Questionnaire.objects.prefetch_related(
        Prefetch("versions", queryset=versions)
    ).order_by("code")
    return render(request, "surveys/builder/list.html", {"questionnaires": questionnaires})


@_builder
@GET_POST
def questionnaire_create(request):
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = builder.create_questionnaire(form.save(commit=False))
        messages.success(request, _("The questionnaire is created. Now add its sections."))
        return redirect(_version_url(version.pk))
    context = {"form": form, "heading": _("New questionnaire"), "submit": _("Create")}
    return render(request, "surveys/builder/form.html", context)


@_builder
@GET_POST
def questionnaire_edit(request, pk):
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The questionnaire is saved."))
        return redirect("surveys:builder_list")
    context = {
        "form": form,
        "heading": _("Questionnaire %(code)s") % {"code": questionnaire.code},
        "intro": _("Titles, purpose and respondents belong to every version."),
        "submit": _("Save"),
    }
    return render(request, "surveys/builder/form.html", context)


# --- versions --------------------------------------------------------------------------------


def _outline_context(version):
    sections = builder.outline(version)
    return {
        "version": version,
        "questionnaire": version.questionnaire,
        "sections": sections,
        "editable": not version.is_locked,
        "kinds": QuestionKind.choices,
    }


def _outline_fragment(request, version):
    response = render(request, "surveys/builder/_outline.html", _outline_context(version))
    patch_vary_headers(response, ["HX-Request"])
    return response


@_builder
@require_GET
def version_detail(request, pk):
    version = _version(pk)
    context = _outline_context(version)
    context.update(
        {
            "missing": builder.missing_translations(context["sections"]),
            "campaigns": list(Campaign.objects.filter(version=version).order_by("-opens_at")),
            "drafts": list(
                version.questionnaire.versions.filter(locked_at__isnull=True).exclude(pk=pk)
            ),
        }
    )
    return render(request, "surveys/builder/version.html", context)


@require_POST
@_builder
def version_copy(request, pk):
    """Issue 4: "editing a used version makes a new version" — a copy numbered next."""
    copy = new_version(_version(pk))
    messages.success(
        request, _("Version %(number)s is made for editing.") % {"number": copy.number}
    )
    return redirect(_version_url(copy.pk))


@_builder
@require_GET
def version_preview(request, pk):
    """The version as a respondent sees it, in the page's language; nothing can be sent."""
    version = _version(pk)
    sections = builder.outline(version)
    context = {
        "version": version,
        "questionnaire": version.questionnaire,
        # No target: sections about a teacher keep their plain title here.
        "sheet": build_sheet(sections, SimpleNamespace(teacher_id=None)),
        "text_max_length": TEXT_MAX_LENGTH,
    }
    return render(request, "surveys/builder/preview.html", context)


# --- sections --------------------------------------------------------------------------------


def _section_form_page(request, form, version, heading, submit):
    context = {
        "form": form,
        "version": version,
        "heading": heading,
        "submit": submit,
        "back_url": _version_url(version.pk),
    }
    return render(request, "surveys/builder/form.html", context)


@_builder
@GET_POST
def section_add(request, pk):
    version = _version(pk)
    if version.is_locked:
        return _locked(request, version)
    form = SectionForm(request.POST or None, instance=Section(version=version))
    if request.method == "POST" and form.is_valid():
        try:
            section = builder.add_section(version, form.save(commit=False))
        except VersionLocked:
            return _locked(request, version)
        messages.success(request, _("The section is added."))
        return redirect(_version_url(version.pk, f"section-{section.pk}"))
    return _section_form_page(request, form, version, _("New section"), _("Add the section"))


@_builder
@GET_POST
def section_edit(request, pk):
    section = _section(pk)
    version = section.version
    if version.is_locked:
        return _locked(request, version)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            builder.save_section(form.save(commit=False))
        except VersionLocked:
            return _locked(request, version)
        messages.success(request, _("The section is saved."))
        return redirect(_version_url(version.pk, f"section-{section.pk}"))
    heading = _("Section %(section)s") % {"section": section.position}
    return _section_form_page(request, form, version, heading, _("Save"))


@_builder
@GET_POST
def section_delete(request, pk):
    section = _section(pk)
    version = section.version
    if version.is_locked:
        return _locked(request, version)
    if request.method == "POST":
        try:
            builder.delete_section(section)
        except VersionLocked:
            return _locked(request, version)
        messages.success(request, _("The section is deleted."))
        return redirect(_version_url(version.pk))
    count = section.questions.count()
    context = {
        "version": version,
        "heading": _("Delete section %(section)s?") % {"section": section.position},
        "what": section.title,
        "consequence": ngettext(
            "Its question is deleted with it.",
            "Its %(count)s questions are deleted with it.",
            count,
        )
        % {"count": count}
        if count
        else "",
        "back_url": _version_url(version.pk, f"section-{section.pk}"),
    }
    return render(request, "surveys/builder/delete.html", context)


def _moved(request, version, part, move):
    direction = request.POST.get("direction")
    try:
        move(part, direction)
    except VersionLocked:
        return _locked(request, version)
    except builder.BuilderError as exc:
        return _refused(request, version.pk, str(exc))
    if request.htmx:
        return _outline_fragment(request, version)
    return redirect(_version_url(version.pk, "outline"))


@require_POST
@_builder
def section_move(request, pk):
    section = _section(pk)
    return _moved(request, section.version, section, builder.move_section)


# --- questions -------------------------------------------------------------------------------


def _question_page(request, question, form, formsets, heading, submit):
    version = question.section.version
    context = {
        "form": form,
        "formsets": formsets,
        "question": question,
        "kind_label": question.get_kind_display(),
        "version": version,
        "heading": heading,
        "submit": submit,
        "back_url": _version_url(version.pk, f"section-{question.section_id}"),
    }
    return render(request, "surveys/builder/question_form.html", context)


@_builder
@GET_POST
def question_add(request, pk, kind):
    section = _section(pk)
    if kind not in QuestionKind.values:
        raise Http404
    version = section.version
    if version.is_locked:
        return _locked(request, version)
    question = Question(section=section, kind=kind)
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, instance=question)
    formsets = option_formsets(question, data)
    if data is not None and form.is_valid() and all(f.is_valid() for f in formsets.values()):
        try:
            builder.save_question(form.save(commit=False), **option_rows(formsets))
        except VersionLocked:
            return _locked(request, version)
        messages.success(request, _("The question is added."))
        return redirect(_version_url(version.pk, f"section-{section.pk}"))
    heading = _("New question: %(kind)s") % {"kind": question.get_kind_display()}
    return _question_page(request, question, form, formsets, heading, _("Add the question"))


@_builder
@GET_POST
def question_edit(request, pk):
    question = _question(pk)
    version = question.section.version
    if version.is_locked:
        return _locked(request, version)
    old_kind = question.kind
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, instance=question)
    formsets = option_formsets(question, data)
    if data is not None and form.is_valid():
        changed_kind = form.cleaned_data["kind"] != old_kind
        # After a change of type the options shown belonged to the old one: they are not
        # read; the page comes back with the new type's options to fill in.
        if changed_kind or all(f.is_valid() for f in formsets.values()):
            rows = {} if changed_kind else option_rows(formsets)
            try:
                builder.save_question(form.save(commit=False), old_kind=old_kind, **rows)
            except VersionLocked:
                return _locked(request, version)
            if changed_kind:
                messages.info(request, _("The type is changed. Check the options below."))
                return redirect("surveys:builder_question_edit", pk=question.pk)
            messages.success(request, _("The question is saved."))
            return redirect(_version_url(version.pk, f"question-{question.pk}"))
    heading = _("Question %(section)s.%(question)s") % {
        "section": question.section.position,
        "question": question.position,
    }
    return _question_page(request, question, form, formsets, heading, _("Save"))


@_builder
@GET_POST
def question_delete(request, pk):
    question = _question(pk)
    version = question.section.version
    if version.is_locked:
        return _locked(request, version)
    if request.method == "POST":
        try:
            builder.delete_question(question)
        except VersionLocked:
            return _locked(request, version)
        messages.success(request, _("The question is deleted."))
        return redirect(_version_url(version.pk, f"section-{question.section_id}"))
    context = {
        "version": version,
        "heading": _("Delete question %(section)s.%(question)s?")
        % {"section": question.section.position, "question": question.position},
        "what": question.text,
        "consequence": "",
        "back_url": _version_url(version.pk, f"question-{question.pk}"),
    }
    return render(request, "surveys/builder/delete.html", context)


@require_POST
@_builder
def question_move(request, pk):
    question = _question(pk)
    return _moved(request, question.section.version, question, builder.move_question)
