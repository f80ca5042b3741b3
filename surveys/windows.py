"""Opening and closing campaigns on time, and opening one at once.

Issue 4: Celery beat opens scheduled campaigns whose window has started and closes open ones
whose window has ended (``surveys.tasks``); the owner may also open a campaign now or close it
early. Opening invites again whoever joined the audience since the campaign was scheduled (a
student enrolled late in a course): ``build_audience`` adds only what is missing, before anyone
can answer. Each step goes through ``surveys.lifecycle`` under a row lock, so two workers — or a
worker and a person pressing the button — cannot open or close the same campaign twice.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import lifecycle
from .audience import build_audience
from .lifecycle import CampaignError
from .models import Campaign, CampaignState

logger = logging.getLogger(__name__)


def _locked(pk):
    return Campaign.objects.select_for_update().get(pk=pk)


@transaction.atomic
def open_with_audience(campaign):
    """Invite whoever is missing from the audience, then open (inside the window only)."""
    campaign = _locked(campaign.pk)
    if campaign.state != CampaignState.SCHEDULED:
        raise CampaignError(_("Only a scheduled campaign can be opened."))
    build_audience(campaign)
    return lifecycle.open_campaign(campaign)


@transaction.atomic
def open_now(campaign):
    """Open for answers at once: a draft is scheduled first, and an opening time still to come
    moves to now. The closing time stays."""
    campaign = _locked(campaign.pk)
    if campaign.state == CampaignState.DRAFT:
        lifecycle.schedule(campaign)
        campaign = _locked(campaign.pk)
    if campaign.state != CampaignState.SCHEDULED:
        raise CampaignError(_("Only a draft or scheduled campaign can be opened."))
    now = timezone.now()
    if campaign.opens_at > now:
        campaign.opens_at = now
        campaign.save(update_fields=["opens_at"])
    return open_with_audience(campaign)


def open_due(now=None):
    """Open every scheduled campaign whose window has started and not ended; return how many."""
    now = now or timezone.now()
    due = Campaign.objects.filter(
        state=CampaignState.SCHEDULED, opens_at__lte=now, closes_at__gt=now
    ).order_by("opens_at", "pk")
    opened = 0
    for pk in due.values_list("pk", flat=True):
        try:
            open_with_audience(Campaign(pk=pk))
        except CampaignError:
            continue
        opened += 1
        logger.info("Opened survey campaign %s at its opening time", pk)
    return opened


def close_due(now=None):
    """Close every open campaign whose closing time has come; return how many."""
    now = now or timezone.now()
    due = Campaign.objects.filter(state=CampaignState.OPEN, closes_at__lte=now).order_by("pk")
    closed = 0
    for pk in due.values_list("pk", flat=True):
        try:
            lifecycle.close_campaign(Campaign(pk=pk))
        except CampaignError:
            continue
        closed += 1
        logger.info("Closed survey campaign %s at its closing time", pk)
    return closed
