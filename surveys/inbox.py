"""A respondent's surveys: those waiting for an answer, and those answered while still open.

Issue 4: students see "my open surveys" on their dashboard and answer on a phone.
"""

from django.utils import timezone

from .models import CampaignState, Invitation


def _current(user, now):
    return (
        Invitation.objects.filter(
            user=user,
            target__campaign__state=CampaignState.OPEN,
            target__campaign__opens_at__lte=now,
            target__campaign__closes_at__gt=now,
        )
        .select_related("target__campaign", "target__course", "target__teacher")
        .order_by("target__campaign__closes_at", "target__campaign", "target__course__code", "pk")
    )


def open_invitations(user, now=None):
    """Invitations the person can still answer now, the soonest to close first."""
    return _current(user, now or timezone.now()).filter(receipt__isnull=True)


def answered_invitations(user, now=None):
    """Invitations of open campaigns the person has already answered."""
    return _current(user, now or timezone.now()).filter(receipt__isnull=False)
