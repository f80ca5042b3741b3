"""Who runs which survey campaigns on the portal.

Seed 000 §2.3: the QA manager runs the university's surveys (student satisfaction, doctoral
students, faculty motivation) and oversees every body. Seed 000 §4.1.10: a School Committee runs
the evaluation of teaching in its school; its secretary and chair (and deputy chair) run its
work as they run its agenda (``governance.permissions.can_manage_agenda``). Nobody else sees the
campaign pages; what respondents see is in ``surveys.views.respondents``.
"""

from governance.models import Body, Membership
from governance.models.bodies import BodyKind
from governance.permissions import AGENDA_ROLES, BODY_OVERSIGHT_ROLES, can_manage_agenda

from .models import Campaign


def oversees_all_campaigns(user):
    return user.is_authenticated and user.has_role(*BODY_OVERSIGHT_ROLES)


def committees_run_by(user):
    """Active School Committees on which the person holds a chair, deputy or secretary seat."""
    if not user.is_authenticated:
        return Body.objects.none()
    seats = Membership.objects.current().filter(person=user, role__in=AGENDA_ROLES)
    return Body.objects.filter(
        kind=BodyKind.SCHOOL_COMMITTEE, is_active=True, pk__in=seats.values("body")
    )


def runs_campaigns(user):
    """Whether the person has campaign pages at all (one EXISTS query, then cached)."""
    cached = getattr(user, "_runs_campaigns", None)
    if cached is None:
        cached = oversees_all_campaigns(user) or committees_run_by(user).exists()
        user._runs_campaigns = cached
    return cached


def owner_choices(user):
    """The School Committees the person may let own a campaign (the QA manager: any)."""
    if oversees_all_campaigns(user):
        return Body.objects.filter(kind=BodyKind.SCHOOL_COMMITTEE, is_active=True)
    return committees_run_by(user)


def campaigns_run_by(user):
    """Every campaign for the QA manager; a committee's officers see their committee's."""
    if oversees_all_campaigns(user):
        return Campaign.objects.all()
    return Campaign.objects.filter(owner_body__in=committees_run_by(user))


def can_run_campaign(user, campaign):
    """The QA manager, or an officer of the School Committee that owns the campaign."""
    if oversees_all_campaigns(user):
        return True
    body = campaign.owner_body
    return body is not None and body.is_active and can_manage_agenda(user, body)
