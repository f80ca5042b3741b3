"""Document figures shared by the dashboards and the annual QA report (issue 7).

Acknowledgement completion (seed 002 §3.3: all staff in scope acknowledge the current edition)
and the editions approved or published in a period (seed 000 §2.3: the QA office keeps the QA
documents and their publication). A school sees the university's own documents and
campaigns addressed to all staff, never another school's.
"""

from django.db.models import F, Q

from governance.models import School

from .acknowledgements import percentage, with_progress
from .models import AckCampaign, Edition, EditionStatus
from .models.acknowledgements import TargetKind

# Editions that were approved at some time (a superseded or withdrawn one was in force once).
APPROVED_STATUSES = (
    EditionStatus.APPROVED,
    EditionStatus.PUBLISHED,
    EditionStatus.SUPERSEDED,
    EditionStatus.WITHDRAWN,
)


def _school_campaigns(school):
    """Campaigns addressed to all staff, or to ``school``'s staff, departments or bodies."""
    return (
        Q(target_kind=TargetKind.ALL_STAFF)
        | Q(school=school)
        | Q(department__school=school)
        | Q(body__school=school)
    )


def acknowledgement_completion(school=None):
    """Campaigns for editions still in force with someone yet to acknowledge, the nearest
    deadline first, each with ``acknowledged``, ``asked`` and ``percent``. One query."""
    campaigns = with_progress(
        AckCampaign.objects.filter(edition__status=EditionStatus.PUBLISHED).select_related(
            "edition__document", "school", "department", "body"
        )
    ).filter(acknowledged_count__lt=F("recipient_count"))
    if school is not None:
        campaigns = campaigns.filter(_school_campaigns(school))
    rows = list(campaigns.order_by("deadline", "pk"))
    for campaign in rows:
        campaign.acknowledged = campaign.acknowledged_count
        campaign.asked = campaign.recipient_count
        campaign.percent = percentage(campaign.acknowledged, campaign.asked)
    return rows


def approved_editions(start, end, school=None):
    """Editions published (or, before publication, approved by a decision) from ``start`` to
    ``end``, by date; for a school, none owned by another school or by another school's body."""
    editions = Edition.objects.filter(status__in=APPROVED_STATUSES).filter(
        Q(published_on__gte=start, published_on__lte=end)
        | Q(published_on__isnull=True, decision__date__gte=start, decision__date__lte=end)
    )
    if school is not None:
        others = School.objects.exclude(pk=school.pk)
        editions = editions.exclude(document__owner_school__in=others).exclude(
            document__owner_body__school__in=others
        )
    return editions.select_related("document", "decision").order_by(
        F("published_on").asc(nulls_last=True), "document__code", "number"
    )
