"""The programme of the expert panel's site visit (seed 002 S10.St3: the QA office organises
the visit, its meetings and interviews; output: the visit programme and interview schedule).

The cycle's readers read the programme (``accreditation.cycles.can_read``), and so does an
external expert who takes part in a meeting of the visit: the panel works from the programme
and the interview schedule (seed 002 S10.St3), though the rest of the cycle is not theirs to
read. The QA manager keeps it. Meetings are listed day by day in the order they start.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from governance.models import User
from governance.roles import Role

from .cycles import can_read


def can_read_programme(user, cycle):
    """The cycle's readers, and the external experts on the visit's meetings (seed 002
    S10.St3: the programme and interview schedule are for the expert panel)."""
    if can_read(user, cycle):
        return True
    return (
        user.is_authenticated
        and user.has_role(Role.EXTERNAL_EXPERT)
        and cycle.visit_meetings.filter(participants=user).exists()
    )


def require_programme_reader(user, cycle):
    if not can_read_programme(user, cycle):
        raise PermissionDenied


def schedule(cycle):
    """The cycle's meetings in order, with the participants who have an account."""
    return cycle.visit_meetings.prefetch_related(
        Prefetch("participants", queryset=User.objects.order_by("full_name_kk", "pk"))
    ).order_by("date", "starts_at", "pk")
