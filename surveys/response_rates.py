"""Response rates while a campaign runs: how many were invited and how many have answered.

Issue 4: the campaign list shows live response rates, counts only. The count of answers is each
target's ``respondents`` counter, written with the answers (``surveys.anonymity``); the count of
invitations comes from the invitations. Nothing here reads an answer or says who answered.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from .models import Invitation, Target


def rate(answered, invited):
    """The share that has answered, in whole per cent (None while nobody is invited)."""
    if not invited:
        return None
    return min(100, round(100 * answered / invited))


def with_counts(campaigns):
    """The campaigns annotated with ``invited`` and ``answered`` (two subqueries, one query)."""
    invitations = Invitation.objects.filter(target__campaign=OuterRef("pk"))
    targets = Target.objects.filter(campaign=OuterRef("pk"))
    return campaigns.annotate(
        invited=Coalesce(
            Subquery(
                invitations.order_by()
                .values("target__campaign")
                .annotate(total=Count("pk"))
                .values("total"),
                output_field=IntegerField(),
            ),
            0,
        ),
        answered=Coalesce(
            Subquery(
                targets.order_by()
                .values("campaign")
                .annotate(total=Sum("respondents"))
                .values("total"),
                output_field=IntegerField(),
            ),
            0,
        ),
    )


def add_rates(rows):
    """Set ``rate`` on each row that has ``invited`` and ``answered``; return the rows."""
    rows = list(rows)
    for row in rows:
        row.rate = rate(row.answered, row.invited)
    return rows


def targets_with_counts(campaign):
    """The campaign's targets — course and teacher, or audience group — with ``invited`` and
    ``answered``."""
    targets = (
        Target.objects.filter(campaign=campaign)
        .select_related("course", "teacher", "school", "programme")
        .annotate(invited=Count("invitations"))
        .order_by(
            "course__code",
            "teacher__full_name_kk",
            "school__code",
            "programme__code",
            "year_of_study",
            "pk",
        )
    )
    rows = []
    for target in targets:
        target.answered = target.respondents
        rows.append(target)
    return add_rates(rows)
