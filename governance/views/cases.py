"""Applications to a committee and grade appeals, in the browser.

Seed 000 §2.2: the School Committee considers applications of students and teachers; §4.1.4:
inclusive-education requests; §4.1.6: grade appeals reviewed by at least two independent
experts. The rules live in ``governance.cases``; these views decide who sees what, call the
rules and say what happened.

Who sees what:

- the applicant: their applications, the status, the meeting that considers one, the answer,
  the decision it rests on and the outcome of an appeal. Not the experts' names or opinions:
  the panel is independent (§4.1.6), so the applicant learns only how many experts sit on it
  and how many have signed, and nobody on it can be pressed or lobbied;
- readers of the body (its members, and the QA manager who oversees every body): the body's
  applications with everything, experts and opinions included — except that an expert who has
  not signed yet does not see the other opinions;
- the secretary and the chair: act on them, never on their own application;
- an expert: the appeals they sit on, each on a page of their own.

Attachments are served only through ``application_attachment``, which checks the same.
"""

import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from governance import cases
from governance.actions import can_read_decision
from governance.forms_cases import (
    AgendaForm,
    AnswerForm,
    ApplicationForm,
    ConcludeForm,
    ExpertForm,
    OpinionForm,
)
from governance.models import AppealExpert, Application, Body
from governance.models.cases import ApplicationKind, ApplicationStatus
from governance.permissions import can_read_body

PAGE_SIZE = 25
COMMITTEE_TEMPLATE = "governance/cases/committee_application.html"


def _application(pk):
    return get_object_or_404(
        Application.objects.select_related(
            "body__school", "applicant", "course", "agenda_item__meeting", "decision__body"
        ),
        pk=pk,
    )


def _to_detail(application):
    return redirect("governance:application_detail", application.pk)


def _decision_url(user, application):
    decision = application.decision
    if decision is None or not can_read_decision(user, decision):
        return ""
    return reverse("governance:decision_detail", args=[decision.pk])


def _panel_summary(signed, seats):
    if not seats:
        return _("Nobody is on the panel yet.")
    return ngettext(
        "%(signed)d of %(n)d expert has given an opinion.",
        "%(signed)d of %(n)d experts have given an opinion.",
        seats,
    ) % {"signed": signed, "n": seats}


# --- The applicant ----------------------------------------------------------------------------


@login_required
def my_applications(request):
    """The person's applications with their status, and the form for a new one."""
    user = request.user
    if not cases.can_apply(user):
        raise PermissionDenied
    form = ApplicationForm(request.POST or None, request.FILES or None, applicant=user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                application, created = cases.submit_application(
                    user,
                    body=data["body"],
                    kind=data["kind"],
                    subject=data["subject"],
                    text=data["text"],
                    attachment=data["attachment"],
                    course=data["course"],
                    grade_given=data["grade_given"],
                    token=data["token"],
                )
            except cases.CaseError as error:
                form.add_error(None, error)
            else:
                if created:
                    messages.success(
                        request,
                        _("Your application was sent to %(body)s.") % {"body": application.body},
                    )
                else:
                    messages.info(request, _("This application had already been sent."))
                return _to_detail(application)
        messages.error(request, _("The application was not sent; please correct the form."))
    applications = list(
        Application.objects.filter(applicant=user)
        .select_related("body", "course")
        .order_by("-submitted_at", "-pk")
    )
    open_count = sum(a.status in cases.OPEN_STATUSES for a in applications)
    context = {
        "form": form,
        "applications": applications,
        "summary": ngettext(
            "You have %(n)d open application.", "You have %(n)d open applications.", open_count
        )
        % {"n": open_count},
        "has_bodies": form.fields["body"].queryset.exists(),
        "reviews": AppealExpert.objects.filter(expert=user).exists(),
    }
    return render(request, "governance/cases/my_applications.html", context)


def _applicant_context(request, application):
    context = {
        "application": application,
        "decision_url": _decision_url(request.user, application),
        "can_withdraw": application.status in cases.OPEN_STATUSES,
    }
    if application.kind == ApplicationKind.GRADE_APPEAL:
        panel = application.experts.aggregate(
            seats=Count("pk"), signed=Count("pk", filter=Q(signed_at__isnull=False))
        )
        context["panel_summary"] = _panel_summary(panel["signed"], panel["seats"])
    return context


@login_required
def application_detail(request, pk):
    """The applicant's view of their application, or the body's view for its readers."""
    application = _application(pk)
    user = request.user
    if application.applicant_id == user.pk:
        return render(
            request,
            "governance/cases/application_detail.html",
            _applicant_context(request, application),
        )
    if not can_read_body(user, application.body):
        raise PermissionDenied
    return render(request, COMMITTEE_TEMPLATE, _committee_context(request, application))


@require_POST
@login_required
def application_withdraw(request, pk):
    application = _application(pk)
    if application.applicant_id != request.user.pk:
        raise PermissionDenied
    try:
        cases.withdraw(application, request.user)
    except cases.CaseError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your application was withdrawn."))
    return _to_detail(application)


@login_required
def application_attachment(request, pk):
    """The attachment, only to the applicant, readers of the body and the appeal's experts;
    always as a download."""
    application = get_object_or_404(Application.objects.select_related("body"), pk=pk)
    if not cases.can_open_attachment(request.user, application):
        raise PermissionDenied
    if not application.attachment:
        raise Http404
    try:
        handle = application.attachment.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=posixpath.basename(application.attachment.name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- The committee ----------------------------------------------------------------------------


@login_required
def body_applications(request, pk):
    """The applications addressed to a body, open ones first by default, for its readers."""
    body = get_object_or_404(Body.objects.select_related("school"), pk=pk)
    if not can_read_body(request.user, body):
        raise PermissionDenied
    counts = dict(body.applications.order_by().values_list("status").annotate(n=Count("pk")))
    shown = request.GET.get("status", "open")
    applications = body.applications.select_related("applicant", "course").order_by(
        "-submitted_at", "-pk"
    )
    if shown == "open":
        applications = applications.filter(status__in=cases.OPEN_STATUSES)
    elif shown in ApplicationStatus.values:
        applications = applications.filter(status=shown)
    else:
        shown = "all"
    open_count = sum(counts.get(status, 0) for status in cases.OPEN_STATUSES)
    filters = [
        ("open", _("Open"), open_count),
        *((s.value, s.label, counts.get(s.value, 0)) for s in ApplicationStatus),
        ("all", _("All"), sum(counts.values())),
    ]
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "body": body,
        "page": page,
        "applications": page.object_list,
        "filters": filters,
        "shown": shown,
        "summary": ngettext("%(n)d open application.", "%(n)d open applications.", open_count)
        % {"n": open_count},
    }
    return render(request, "governance/cases/body_applications.html", context)


def _committee_context(request, application, **forms):
    user = request.user
    seats = list(application.experts.select_related("expert").order_by("pk"))
    signed = sum(seat.signed_at is not None for seat in seats)
    acts = cases.can_act(user, application)
    context = {
        "application": application,
        "body": application.body,
        "seats": seats,
        "shows_opinions": not any(
            seat.expert_id == user.pk and seat.signed_at is None for seat in seats
        ),
        "panel_summary": _panel_summary(signed, len(seats)),
        "decision_url": _decision_url(user, application),
        "can_act": acts,
    }
    item = application.agenda_item
    if item is not None:
        context["meeting_url"] = reverse("governance:meeting_detail", args=[item.meeting_id])
    if not acts:
        return context
    if cases.may_go_on_agenda(application):
        agenda_form = forms.get("agenda_form") or AgendaForm(application=application)
        context["agenda_form"] = agenda_form
        context["has_meetings"] = agenda_form.fields["meeting"].queryset.exists()
        context["meeting_create_url"] = reverse(
            "governance:meeting_create", args=[application.body_id]
        )
    if cases.may_be_answered(application):
        context["answer_form"] = forms.get("answer_form") or AnswerForm(
            application=application, initial={"decision": _item_decision(application)}
        )
    if cases.takes_experts(application):
        context["expert_form"] = forms.get("expert_form") or ExpertForm(application=application)
    if cases.may_be_concluded(application):
        context["conclude_form"] = forms.get("conclude_form") or ConcludeForm()
    return context


def _item_decision(application):
    """The decision recorded on the application's agenda item, if the body voted one."""
    item = application.agenda_item
    if item is None:
        return None
    return application.body.decisions.filter(motion__item=item).order_by("pk").first()


def _act(request, pk, form_key, make_form, run):
    """Run one of the secretary's (or chair's) actions on the application from a POSTed form.

    A refusal about a field is shown next to it (the page again, status 400); any other refusal
    (the application changed meanwhile, too few opinions) as a message above the page.
    """
    application = _application(pk)
    if not cases.can_act(request.user, application):
        raise PermissionDenied
    form = make_form(request.POST, application)
    if form.is_valid():
        try:
            done = run(application, form.cleaned_data)
        except cases.CaseError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, " ".join(error.messages))
                return _to_detail(application)
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return _to_detail(application)
    messages.error(request, _("Nothing was changed; please correct the form."))
    context = _committee_context(request, application, **{form_key: form})
    return render(request, COMMITTEE_TEMPLATE, context, status=400)


@require_POST
@login_required
def application_agenda(request, pk):
    def run(application, data):
        meeting = data["meeting"]
        cases.put_on_agenda(application, meeting, request.user)
        return _("The application is on the agenda of meeting No. %(number)s.") % {
            "number": meeting.number
        }

    return _act(
        request,
        pk,
        "agenda_form",
        lambda data, application: AgendaForm(data, application=application),
        run,
    )


@require_POST
@login_required
def application_answer(request, pk):
    def run(application, data):
        cases.record_answer(application, data["response"], request.user, data["decision"])
        return _("The answer is recorded and the applicant is informed by e-mail.")

    return _act(
        request,
        pk,
        "answer_form",
        lambda data, application: AnswerForm(data, application=application),
        run,
    )


@require_POST
@login_required
def application_expert(request, pk):
    def run(application, data):
        seat = cases.assign_expert(application, data["expert"], request.user)
        return _("%(person)s is on the panel and is asked for an opinion by e-mail.") % {
            "person": seat.expert
        }

    return _act(
        request,
        pk,
        "expert_form",
        lambda data, application: ExpertForm(data, application=application),
        run,
    )


@require_POST
@login_required
def application_conclude(request, pk):
    def run(application, data):
        cases.conclude_appeal(
            application, data["outcome"], data["grade_after"], data["response"], request.user
        )
        return _("The appeal is concluded and the applicant is informed by e-mail.")

    return _act(request, pk, "conclude_form", lambda data, application: ConcludeForm(data), run)


# --- The experts ------------------------------------------------------------------------------


@login_required
def appeal_reviews(request):
    """The appeals the person sits on as an expert, those waiting for their opinion first."""
    seats = list(
        AppealExpert.objects.filter(expert=request.user)
        .select_related("application__body", "application__course")
        .order_by("-application__submitted_at", "-pk")
    )
    waiting = [
        seat
        for seat in seats
        if seat.signed_at is None and seat.application.status == ApplicationStatus.UNDER_REVIEW
    ]
    context = {
        "waiting": waiting,
        "others": [seat for seat in seats if seat not in waiting],
        "summary": ngettext(
            "%(n)d appeal is waiting for your opinion.",
            "%(n)d appeals are waiting for your opinion.",
            len(waiting),
        )
        % {"n": len(waiting)},
    }
    return render(request, "governance/cases/appeal_reviews.html", context)


@login_required
def appeal_review(request, pk):
    """One appeal for the expert who sits on its panel: the application and their opinion."""
    seat = get_object_or_404(
        AppealExpert.objects.select_related(
            "application__body", "application__course", "application__applicant"
        ),
        pk=pk,
    )
    if seat.expert_id != request.user.pk:
        raise PermissionDenied
    application = seat.application
    may_sign = seat.signed_at is None and application.status == ApplicationStatus.UNDER_REVIEW
    form = OpinionForm(request.POST or None) if may_sign else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This appeal no longer takes your opinion."))
            return redirect("governance:appeal_review", seat.pk)
        if form.is_valid():
            try:
                cases.give_opinion(
                    seat, form.cleaned_data["opinion"], form.cleaned_data["recommended_grade"]
                )
            except cases.CaseError as error:
                if not hasattr(error, "error_dict"):
                    messages.error(request, " ".join(error.messages))
                    return redirect("governance:appeal_review", seat.pk)
                form.add_error(None, error)
            else:
                messages.success(request, _("Your opinion is signed and sent to the committee."))
                return redirect("governance:appeal_review", seat.pk)
        messages.error(request, _("Your opinion was not saved; please correct the form."))
    context = {"seat": seat, "application": application, "form": form}
    return render(request, "governance/cases/appeal_review.html", context)
