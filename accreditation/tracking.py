"""Whether an indicator is on track in a year: its value against that year's target.

Seed 002 §9.5 ("share of indicators on target (RAG)") and S9.St3 ("compare actual results
with planned indicators"); seed 003 ¶41: an indicator signals. The target of a year is met
when the value reaches it in the indicator's direction: at least the target where higher is
better, at most the target where lower is better. A year without a value or a target is not
judged.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Direction

ON_TRACK, OFF_TRACK = "on_track", "off_track"
STATUS_LABELS = {ON_TRACK: _("on track"), OFF_TRACK: _("off track")}


def track(value, target, direction):
    """ON_TRACK, OFF_TRACK, or None when the value or the target is missing."""
    if value is None or target is None:
        return None
    if direction == Direction.LOWER:
        return ON_TRACK if value <= target else OFF_TRACK
    return ON_TRACK if value >= target else OFF_TRACK


@dataclass
class YearRow:
    year: int
    target: object
    value: object

    direction: str = Direction.HIGHER

    @property
    def status(self):
        return track(self.value, self.target, self.direction)

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, "")


def year_span(*years_lists, extra=()):
    """Every year from the first to the last one named (gaps included), oldest first."""
    years = {year for years in years_lists for year in years} | set(extra)
    if not years:
        return []
    return list(range(min(years), max(years) + 1))


def year_rows(direction, years, values, targets):
    """One row per year: {year: value} and {year: target} side by side, judged."""
    return [YearRow(year, targets.get(year), values.get(year), direction) for year in years]


def latest_judged(rows):
    """The latest row that has a value (the indicator's current state), or None."""
    return next((row for row in reversed(rows) if row.value is not None), None)
