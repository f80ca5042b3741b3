"""Campaign pages: the list with live response rates, a draft's form, a campaign's page and its
steps (schedule, open now, close).

Issue 4 ("Campaigns and windows", "Pages"): the QA manager runs the university's campaigns and
oversees every committee's; a School Committee's chair, deputy chair and secretary run the
campaigns their committee owns (``surveys.campaign_rights``), and a committee of school A never
sees school B's. Response rates are counts only — invited, answered, the share — refreshed by
htmx; nothing on these pages says who answered, let alone what. Publishing results is another
page's step (``surveys.lifecycle.publish_results``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from governance.queueing import queue_after_commit
from surveys import calendar, lifecycle, windows
from surveys.audience import revoke_link
from surveys.campaign_rights import (
    campaigns_run_by,
    can_run_campaign,
    oversees_all_campaigns,
    owner_choices,
    runs_campaigns,
)
from surveys.forms_campaigns import CampaignForm, RevokeLinkForm
from surveys.lifecycle import CampaignError
from surveys.models import AudienceKind, Campaign, CampaignState
from surveys.models.campaigns import parse_emails
from surveys.outreach import reminder_moment
from surveys.response_rates import add_rates, rate, targets_with_counts, with_counts
from surveys.tasks import send_campaign_links

LIVE_STATES = (CampaignState.SCHEDULED, CampaignState.OPEN)


def _require_runner(request):
    if not runs_campaigns(request.user):
        raise PermissionDenied


def _campaign(request, pk):
    campaign = get_object_or_404(
        Campaign.objects.select_related(
            "version__questionnaire",
            "owner_body",
            "audience_school",
            "audience_programme",
            "audience_term__academic_year",
        ),
        pk=pk,
    )
    if not can_run_campaign(request.user, campaign):
        raise PermissionDenied
    return campaign


def _to_campaign(campaign):
    return redirect("surveys:campaign_detail", pk=campaign.pk)


def _fragment(request, template, context):
    """A polled part of a page: never cached, the counts change with every answer."""
    response = render(request, template, context)
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- the list ---------------------------------------------------------------------------------


def _list_context(request):
    campaigns = add_rates(
        with_counts(campaigns_run_by(request.user)).select_related(
            "owner_body", "version__questionnaire"
        )
    )
    return {
        "campaigns": campaigns,
        "polling": any(campaign.state in LIVE_STATES for campaign in campaigns),
    }


@login_required
@require_GET
def campaign_list(request):
    _require_runner(request)
    return render(request, "surveys/campaigns/list.html", _list_context(request))


@login_required
@require_GET
def campaign_list_live(request):
    """The list's table alone, polled by htmx while a campaign is scheduled or open."""
    _require_runner(request)
    return _fragment(request, "surveys/campaigns/_list_rates.html", _list_context(request))


# --- a draft's form -----------------------------------------------------------------------------


COURSE_EVALUATION_TITLE = gettext_lazy("Evaluation of courses and teachers, %(term)s")


def _localized_titles(text, **values):
    """``title_kk``, ``title_ru`` and ``title_en`` from one lazily translated text."""
    titles = {}
    for code in ("kk", "ru", "en"):
        with translation.override(code):
            titles[f"title_{code}"] = str(text) % {key: str(v) for key, v in values.items()}
    return titles


def _suggestions(today):
    """The windows the seeds suggest: the March survey, and the next term's evaluation."""
    found = {"march": calendar.institution_survey_window(today)}
    term = calendar.term_to_evaluate(today)
    if term is not None:
        found["term"] = calendar.course_evaluation_window(term)
    return found


def _initial(user, suggestions, chosen):
    """The new campaign's defaults: the window chosen (or the usual one for the person), and a
    committee officer's own committee and school."""
    if chosen not in suggestions:
        chosen = "march" if oversees_all_campaigns(user) or "term" not in suggestions else "term"
    window = suggestions[chosen]
    initial = {
        "opens_at": window.opens_at,
        "closes_at": window.closes_at,
        "reminder_days": calendar.SUGGESTED_REMINDER_DAYS,
        "min_respondents": Campaign._meta.get_field("min_respondents").default,
        "audience_kind": AudienceKind.STUDENTS,
    }
    if window.term is not None:
        initial.update(
            audience_kind=AudienceKind.COURSES,
            audience_term=window.term,
            **_localized_titles(COURSE_EVALUATION_TITLE, term=window.term),
        )
    if not oversees_all_campaigns(user):
        committee = owner_choices(user).order_by("name_kk").first()
        if committee is not None:
            initial.update(owner_body=committee, audience_school=committee.school_id)
    return initial


def _form_page(request, form, campaign=None, suggestions=None):
    return render(
        request,
        "surveys/campaigns/form.html",
        {"form": form, "campaign": campaign, "suggestions": suggestions},
    )


@login_required
def campaign_create(request):
    _require_runner(request)
    suggestions = _suggestions(timezone.localdate())
    form = CampaignForm(
        request.POST or None,
        user=request.user,
        initial=_initial(request.user, suggestions, request.GET.get("window")),
    )
    if request.method == "POST" and form.is_valid():
        campaign = form.save()
        messages.success(
            request, _("The draft is saved. Schedule it when it is ready to invite the audience.")
        )
        return _to_campaign(campaign)
    return _form_page(request, form, suggestions=suggestions)


@login_required
def campaign_edit(request, pk):
    """Only a draft changes here: a scheduled campaign has invited its audience already."""
    campaign = _campaign(request, pk)
    if campaign.state != CampaignState.DRAFT:
        messages.error(request, _("Only a draft campaign can be changed."))
        return _to_campaign(campaign)
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The draft is saved."))
        return _to_campaign(campaign)
    return _form_page(request, form, campaign=campaign)


# --- a campaign's page --------------------------------------------------------------------------


def _rates_context(campaign):
    targets = targets_with_counts(campaign)
    invited = sum(target.invited for target in targets)
    answered = sum(target.answered for target in targets)
    return {
        "campaign": campaign,
        "targets": targets,
        "invited": invited,
        "answered": answered,
        "rate": rate(answered, invited),
        "polling": campaign.state in LIVE_STATES,
    }


@login_required
@require_GET
def campaign_detail(request, pk):
    campaign = _campaign(request, pk)
    context = _rates_context(campaign)
    context.update(
        {
            "reminders": [
                (days, reminder_moment(campaign, days))
                for days in sorted(campaign.reminder_days, reverse=True)
            ],
            "report_due": calendar.report_due_for(campaign),
            "address_count": len(parse_emails(campaign.external_emails)),
            "problems": campaign.schedule_problems()
            if campaign.state == CampaignState.DRAFT
            else [],
        }
    )
    return render(request, "surveys/campaigns/detail.html", context)


@login_required
@require_GET
def campaign_live(request, pk):
    """The counts of the campaign's page alone, polled by htmx while it is scheduled or open."""
    campaign = _campaign(request, pk)
    return _fragment(request, "surveys/campaigns/_rates.html", _rates_context(campaign))


# --- steps --------------------------------------------------------------------------------------


@require_POST
@login_required
def campaign_schedule(request, pk):
    """Lock the questionnaire version and invite the audience (``surveys.lifecycle``)."""
    campaign = _campaign(request, pk)
    try:
        invited = lifecycle.schedule(campaign)
    except CampaignError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "Scheduled: %(count)d invitation to answer. The survey opens by itself at its "
                "opening time.",
                "Scheduled: %(count)d invitations to answer. The survey opens by itself at its "
                "opening time.",
                invited,
            )
            % {"count": invited},
        )
    return _to_campaign(campaign)


@require_POST
@login_required
def campaign_open(request, pk):
    """Open for answers now (a draft is scheduled first); e-mail invitees get their links."""
    campaign = _campaign(request, pk)
    try:
        campaign = windows.open_now(campaign)
    except CampaignError as exc:
        messages.error(request, str(exc))
        return _to_campaign(campaign)
    # Beat sends the links within a minute anyway (``surveys.tasks``).
    queue_after_commit(
        send_campaign_links, campaign.pk, what=f"the links of campaign {campaign.pk}"
    )
    messages.success(request, _("The survey is open for answers."))
    return _to_campaign(campaign)


@require_POST
@login_required
def campaign_close(request, pk):
    """Stop taking answers before the closing time."""
    campaign = _campaign(request, pk)
    try:
        lifecycle.close_campaign(campaign)
    except CampaignError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The survey is closed: it takes no more answers."))
    return _to_campaign(campaign)


@require_POST
@login_required
def campaign_revoke_link(request, pk):
    """Withdraw one address's survey link (``surveys.audience.revoke_link``)."""
    campaign = _campaign(request, pk)
    form = RevokeLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the e-mail address whose link is to be revoked."))
    elif revoke_link(campaign, form.cleaned_data["email"]):
        messages.success(
            request,
            _("The link of %(email)s is revoked: it no longer opens the survey.")
            % {"email": form.cleaned_data["email"]},
        )
    else:
        messages.error(
            request,
            _("%(email)s has no unanswered link to this survey.")
            % {"email": form.cleaned_data["email"]},
        )
    return _to_campaign(campaign)
