"""Results pages: the index, a report (for the university, a school or one course and teacher),
its XLSX and PDF, publishing, the QA office's review of free text, improvement actions raised
from a report, and "What we changed" for respondents.

Who sees what is ``surveys.visibility``; what is hidden below the minimum is
``surveys.results``; both apply before anything reaches a template or an export. State
changes are POST only.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.actions import raise_action
from governance.forms_register import ActionCreateForm
from governance.models import Institution, School
from governance.models.decisions import ActionSource
from governance.views.raising import raise_from_form
from surveys import lifecycle, review, visibility
from surveys.charts import draw
from surveys.exports import filename, results_pdf, results_workbook
from surveys.lifecycle import CampaignError
from surveys.models import Campaign, ReviewStatus, TextAnswer
from surveys.results import build_report, load_releases, series_of, sheet_questions

logger = logging.getLogger(__name__)


def _campaign(pk):
    return get_object_or_404(
        Campaign.objects.select_related("version__questionnaire", "owner_body"), pk=pk
    )


def _report(request, pk, scope, with_trend=True):
    """The report a person may read, or 403 / 404."""
    campaign = _campaign(pk)
    if not visibility.results_open_to(request.user, campaign):
        raise PermissionDenied
    releases = load_releases(series_of(campaign) if with_trend else [campaign])
    targets = releases[campaign.pk].targets.values()
    scope = visibility.require_scope(request.user, campaign, scope, targets)
    report = build_report(campaign, scope, request.user, releases, with_trend=with_trend)
    draw(report)
    return report


@login_required
@require_GET
def results_index(request):
    """The results a person may open: their courses, their school, the university."""
    user = request.user
    campaigns = list(visibility.campaigns_with_results(user))
    scopes = visibility.scopes_by_campaign(user, campaigns)
    entries = [(campaign, scopes[campaign.pk]) for campaign in campaigns if scopes[campaign.pk]]
    return render(request, "surveys/results/index.html", {"entries": entries})


@login_required
@require_GET
def report(request, pk, scope):
    report = _report(request, pk, scope)
    user, campaign = request.user, report.campaign
    context = {
        "report": report,
        "campaign": campaign,
        "can_publish": visibility.can_publish(user, campaign),
        "can_review": visibility.can_review(user, campaign),
        "can_raise_action": report.shown
        and visibility.can_raise_action(user, campaign, report.scope),
    }
    if context["can_publish"]:
        context["pending"] = review.pending_count(campaign)
    return render(request, "surveys/results/report.html", context)


@login_required
@require_GET
def report_xlsx(request, pk, scope):
    report = _report(request, pk, scope, with_trend=False)
    response = HttpResponse(
        results_workbook(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(report, "xlsx")}"'
    return response


@login_required
@require_GET
def report_pdf(request, pk, scope):
    report = _report(request, pk, scope, with_trend=False)
    response = HttpResponse(
        results_pdf(report, Institution.current()), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(report, "pdf")}"'
    return response


@require_POST
@login_required
def publish(request, pk):
    """The QA manager publishes a closed campaign's results (seed 000 §2.3)."""
    campaign = _campaign(pk)
    if not visibility.can_publish(request.user, campaign):
        raise PermissionDenied
    try:
        lifecycle.publish_results(campaign)
    except CampaignError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The results are published."))
    return redirect("surveys:results_report", campaign.pk, "all")


def _require_review(request, pk):
    campaign = _campaign(pk)
    if not visibility.can_review(request.user, campaign):
        raise PermissionDenied
    return campaign


@login_required
@require_GET
def review_queue(request, pk):
    """The QA office's queue: every free-text answer, with its decision."""
    campaign = _require_review(request, pk)
    release = load_releases([campaign])[campaign.pk]
    has_teacher = any(target.teacher_id for target in release.targets.values())
    questions = sheet_questions(campaign, with_teacher_sections=has_teacher)
    context = {
        "campaign": campaign,
        "queue": review.queue(campaign, release, questions),
        "pending": review.pending_count(campaign),
        "can_publish": visibility.can_publish(request.user, campaign),
        "statuses": ReviewStatus,
    }
    return render(request, "surveys/results/review.html", context)


@require_POST
@login_required
def review_decide(request, pk, answer):
    """Record one decision; htmx swaps the answer's row, a plain form returns to the queue."""
    campaign = _require_review(request, pk)
    text_answer = get_object_or_404(
        TextAnswer.objects.select_related("target"), pk=answer, target__campaign=campaign
    )
    try:
        review.decide(text_answer, text_answer.target, request.POST.get("review", ""))
    except review.ReviewRefused as error:
        if request.htmx:
            return HttpResponse(str(error), status=400)
        messages.error(request, str(error))
    if request.htmx:
        release = load_releases([campaign])[campaign.pk]
        entry = review.entry(text_answer, release)
        return render(
            request,
            "surveys/results/_review_entry.html",
            {"campaign": campaign, "entry": entry, "statuses": ReviewStatus},
        )
    return redirect(f"{reverse('surveys:results_review', args=[campaign.pk])}#a-{answer}")


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request, pk, scope):
    """Raise an improvement action from a report (the QA office, or the officers of the
    School Committee of the report's school)."""
    campaign = _campaign(pk)
    if not visibility.results_open_to(request.user, campaign):
        raise PermissionDenied
    targets = load_releases([campaign])[campaign.pk].targets.values()
    scope = visibility.require_scope(request.user, campaign, scope, targets)
    if not visibility.can_raise_action(request.user, campaign, scope):
        raise PermissionDenied
    form = ActionCreateForm(request.POST or None, initial={"school": scope.school_id})
    if not visibility.is_qa_manager(request.user):
        form.fields["school"].queryset = School.objects.filter(pk=scope.school_id)
        form.fields["school"].required = True
    if request.method == "POST" and form.is_valid():
        action = raise_from_form(
            request,
            form,
            lambda **fields: raise_action(
                source=ActionSource.SURVEY, source_object=campaign, **fields
            ),
        )
        if action is not None:
            return redirect("surveys:results_report", campaign.pk, scope.slug)
    context = {"form": form, "campaign": campaign, "scope": scope}
    return render(request, "surveys/results/action_form.html", context)


@login_required
@require_GET
def changes(request, pk):
    """ "What we changed": improvement actions raised from a campaign's results and their
    status, for those who were asked (the loop closed, issue 4)."""
    campaign = _campaign(pk)
    user = request.user
    if not visibility.sees_changes(user, campaign):
        raise PermissionDenied
    actions = visibility.changes_for(user, campaign)
    context = {"campaign": campaign, "actions": actions.select_related("school")}
    return render(request, "surveys/results/changes.html", context)
