"""The survey campaign report (issue 7), made in the background: the PDF of a campaign's
results that the results page exports (``surveys.exports.results_pdf``), for the whole
university or for one school.

Seed 000 §2.3: the QA manager analyses the surveys and reports to the council, the School
Committees and the units; §4.1.7–§4.1.10: the surveys are anonymous — the export shows
nothing below the campaign's minimum of respondents (``surveys.results``), whoever reads it.

Who may ask for which report is the results page's rule (``surveys.visibility.may_open``),
once the results are published: the QA manager, the rector and the vice-rectors for the
whole university, a dean for their school. A course's own results go to its teacher on the
results page, never into these reports.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.models import Institution
from surveys import visibility
from surveys.charts import draw
from surveys.exports import results_pdf
from surveys.models import Campaign, CampaignState, Target
from surveys.results import build_report, load_releases

from .registry import ReportError


class CampaignReportForm(forms.Form):
    """One of the published reports the person opens on the results page (the whole
    university or a school, not a course), and the language."""

    results = forms.ChoiceField(label=gettext_lazy("Survey campaign"))
    language = forms.ChoiceField(choices=settings.LANGUAGES, label=gettext_lazy("Language"))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()
        campaigns = list(
            visibility.campaigns_with_results(user).filter(state=CampaignState.PUBLISHED)
        )
        scopes = visibility.scopes_by_campaign(user, campaigns)
        self.fields["results"].choices = [
            (f"{campaign.pk}/{scope.slug}", f"{campaign.title} — {scope.label}")
            for campaign in campaigns
            for scope in scopes[campaign.pk]
            if scope.kind != visibility.COURSE
        ]

    def parameters(self):
        campaign, _slash, scope = self.cleaned_data["results"].partition("/")
        return {
            "campaign": int(campaign),
            "scope": scope,
            "language": self.cleaned_data["language"],
        }


def _campaign(params):
    return (
        Campaign.objects.select_related(
            "version__questionnaire",
            "owner_body__school",
            "audience_school",
            "audience_programme__school",
        )
        .filter(pk=params.get("campaign"))
        .first()
    )


def _scope(campaign, slug, targets=None):
    """The scope ``slug`` names in ``campaign`` (the university or a school), else None."""
    if campaign is None:
        return None
    if targets is None:  # only the school the slug names (none for "all")
        code = (slug or "").partition("-")[2]
        targets = Target.objects.filter(campaign=campaign, school__code=code)
        targets = targets.select_related("school")[:1]
    try:
        scope = visibility.scope_from_slug(campaign, slug or "", targets)
    except Http404:
        return None
    return scope if scope.kind != visibility.COURSE else None


def can_request(user, params):
    """The results page's rule — the person opens this campaign's results on this scope —
    once the results are published: the report is read by others too (``access``), and the
    QA manager's early look at a closed campaign is for reviewing it, not for sharing."""
    campaign = _campaign(params)
    scope = _scope(campaign, params.get("scope"))
    return (
        scope is not None
        and campaign.state == CampaignState.PUBLISHED
        and visibility.may_open(user, campaign, scope)
    )


def campaign_school(campaign):
    """The school the whole campaign belongs to: its audience's, or its School
    Committee's; None for a campaign of the university."""
    programme, body = campaign.audience_programme, campaign.owner_body
    return (
        campaign.audience_school
        or (programme.school if programme is not None else None)
        or (body.school if body is not None else None)
    )


def school_of(params):
    """The school of a school's results, else the campaign's school (its dean reads it)."""
    campaign = _campaign(params)
    if campaign is None:
        return None
    scope = _scope(campaign, params.get("scope"))
    if scope is not None and scope.school is not None:
        return scope.school
    return campaign_school(campaign)


def title(params):
    """E.g. "Survey campaign report: Student satisfaction 2026 — School of Law"."""
    with translation.override(params.get("language") or settings.LANGUAGE_CODE):
        campaign = _campaign(params)
        scope = _scope(campaign, params.get("scope"))
        return _("Survey campaign report: %(campaign)s — %(scope)s") % {
            "campaign": campaign.title if campaign is not None else "—",
            "scope": scope.label if scope is not None else "—",
        }


def build(params, progress):
    """The results page's PDF export as bytes, in ``params["language"]``."""
    with translation.override(params["language"]):
        progress(5, _("Survey results"))
        campaign = _campaign(params)
        releases = load_releases([campaign] if campaign is not None else [])
        targets = releases[campaign.pk].targets.values() if releases else None
        scope = _scope(campaign, params["scope"], targets)
        if scope is None:
            raise ReportError(
                _("The survey campaign or the results of this report no longer exist.")
            )
        # The viewer matters only for a course's own teacher, and no course is reported here.
        report = build_report(campaign, scope, AnonymousUser(), releases, with_trend=False)
        progress(40, _("Drawing the charts"))
        draw(report)
        progress(60, _("Typesetting the PDF"))
        pdf = results_pdf(report, Institution.current())
        progress(100, _("Done"))
        return pdf
