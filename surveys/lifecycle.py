"""Moving a campaign through its states, with what each step does besides the state.

Issue 4: draft → scheduled → open → closed → results published. Scheduling locks the
questionnaire version (a used version never changes; editing makes a new one) and invites the
audience; both happen in the transaction of the transition, so a failure leaves a draft.
"""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from .audience import build_audience
from .models import Campaign, CampaignState, QuestionnaireVersion


class CampaignError(Exception):
    """A step the campaign cannot take now; the message says why."""


def _locked(campaign):
    return Campaign.objects.select_for_update().select_related("version").get(pk=campaign.pk)


@transaction.atomic
def schedule(campaign):
    """Lock the version, invite the audience and mark the campaign scheduled.

    Returns the number of invitations.
    """
    now = timezone.now()
    campaign = _locked(campaign)
    if campaign.state != CampaignState.DRAFT:
        raise CampaignError(_("Only a draft campaign can be scheduled."))
    problems = campaign.schedule_problems(now)
    if problems:
        raise CampaignError(" ".join(str(problem) for problem in problems))
    QuestionnaireVersion.objects.filter(pk=campaign.version_id, locked_at__isnull=True).update(
        locked_at=now
    )
    invited = build_audience(campaign)
    if not invited:
        raise CampaignError(_("Nobody is in the audience: there is no one to invite."))
    campaign.schedule()
    campaign.save()
    return invited


@transaction.atomic
def open_campaign(campaign):
    """Open a scheduled campaign for answers; only inside its window."""
    now = timezone.now()
    campaign = _locked(campaign)
    if campaign.state != CampaignState.SCHEDULED:
        raise CampaignError(_("Only a scheduled campaign can be opened."))
    if now < campaign.opens_at:
        opens_at = timezone.localtime(campaign.opens_at)
        raise CampaignError(
            _("The survey opens at %(time)s.")
            % {"time": formats.date_format(opens_at, "DATETIME_FORMAT")}
        )
    if not campaign.window_is_current(now):
        raise CampaignError(_("The closing time has passed."))
    campaign.open()
    campaign.save()
    return campaign


@transaction.atomic
def close_campaign(campaign):
    """Stop taking answers (at the closing time, or earlier when the owner decides)."""
    campaign = _locked(campaign)
    if not can_proceed(campaign.close):
        raise CampaignError(_("Only an open campaign can be closed."))
    campaign.close()
    campaign.save()
    return campaign


@transaction.atomic
def publish_results(campaign):
    """Show the results to those entitled to them (``surveys.visibility``), above the minimum.

    Free-text answers still waiting for review stay unseen (``surveys.review``).
    """
    campaign = _locked(campaign)
    if not can_proceed(campaign.publish_results):
        raise CampaignError(_("Only a closed campaign can have its results published."))
    campaign.publish_results()
    campaign.save()
    return campaign
