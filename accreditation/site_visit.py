"""The programme of the expert panel's site visit (seed 002 S10.St3: the QA office organises
the visit, its meetings and interviews; output: the visit programme and interview schedule).

The cycle's readers read the programme (``accreditation.cycles.can_read``); the QA manager
keeps it. Meetings are listed day by day in the order they start.
"""

from django.db.models import Prefetch

from governance.models import User


def schedule(cycle):
    """The cycle's meetings in order, with the participants who have an account."""
    return cycle.visit_meetings.prefetch_related(
        Prefetch("participants", queryset=User.objects.order_by("full_name_kk", "pk"))
    ).order_by("date", "starts_at", "pk")
