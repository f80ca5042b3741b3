"""An indicator's values and targets read by year and scope, and what the QA manager enters.

Issue 6 ("Indicators"): a target per year; values per year and per school or programme (none:
the whole university), entered in a form or imported. Reading costs a fixed number of queries
however many indicators, years or schools there are.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Q

from . import access
from .models import IndicatorTarget, IndicatorValue, Source
from .tracking import year_rows, year_span

INSTITUTION_KEY = (None, None)


def targets_of(indicator_ids):
    """{indicator id: {year: target}} (one query)."""
    found = defaultdict(dict)
    rows = IndicatorTarget.objects.filter(indicator__in=indicator_ids).values_list(
        "indicator_id", "year", "value"
    )
    for indicator, year, value in rows:
        found[indicator][year] = value
    return found


def institution_values(indicator_ids):
    """{indicator id: {year: the whole university's value}} (one query)."""
    found = defaultdict(dict)
    rows = IndicatorValue.objects.filter(
        indicator__in=indicator_ids, school__isnull=True, programme__isnull=True
    ).values_list("indicator_id", "year", "value")
    for indicator, year, value in rows:
        found[indicator][year] = value
    return found


def readable_values(user, indicator):
    """{(school id, programme id): {year: value}} of the scopes the person reads."""
    values = IndicatorValue.objects.filter(indicator=indicator)
    if not access.reads_every_scope(user):
        led = access.led_school_ids(user)
        values = values.filter(
            Q(school__isnull=True, programme__isnull=True)
            | Q(school__in=led)
            | Q(programme__school__in=led)
        )
    found = defaultdict(dict)
    for school, programme, year, value in values.values_list(
        "school_id", "programme_id", "year", "value"
    ):
        found[(school, programme)][year] = value
    return found


def rows_for(indicator, values, targets, extra_years=()):
    """The indicator's ``tracking.YearRow`` per year, from the first year with a value or
    target to the last."""
    years = year_span(values, targets, extra=extra_years)
    return year_rows(indicator.direction, years, values, targets)


@transaction.atomic
def save_entries(indicator, scope, user, values, targets):
    """Store what was entered for ``scope``: {year: number or None (remove)} of values and
    of targets; returns how many records changed."""
    changed = 0
    stored = {
        value.year: value
        for value in IndicatorValue.objects.filter(scope.values_filter(), indicator=indicator)
    }
    school, programme = scope.key
    for year, number in values.items():
        old = stored.get(year)
        if number is None:
            if old is not None:
                old.delete()
                changed += 1
        elif old is None or old.value != number or old.source != Source.ENTERED:
            old = old or IndicatorValue(
                indicator=indicator, year=year, school_id=school, programme_id=programme
            )
            old.value, old.source, old.updated_by = number, Source.ENTERED, user
            old.full_clean()
            old.save()
            changed += 1
    set_targets = {target.year: target for target in indicator.targets.all()}
    for year, number in targets.items():
        old = set_targets.get(year)
        if number is None:
            if old is not None:
                old.delete()
                changed += 1
        elif old is None or old.value != number:
            old = old or IndicatorTarget(indicator=indicator, year=year)
            old.value = number
            old.full_clean()
            old.save()
            changed += 1
    return changed
