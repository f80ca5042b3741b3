"""Trend charts of indicator values with their targets, drawn with ``surveys.charts.line_chart``.

Issue 6 ("Indicators": trend charts) in the same server-rendered SVG as the survey trends: the
values and the targets are two lines on one scale, the target dashed
(``accreditation/_trend_chart.html``); in a list the values alone make a sparkline.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from surveys.charts import LineChart, line_chart

from .models import Unit

SPARKLINE = {"width": 120, "height": 32}
FULL = {"width": 560, "height": 200}


@dataclass
class TrendChart:
    values: LineChart
    target: LineChart | None = None


def scale(unit, numbers):
    """The lowest and highest value the chart shows: 0–1 for yes or no; for a percentage the
    values and targets rounded outwards to tens within 0–100; otherwise rounded outwards to
    whole numbers (from 0 for counts and days)."""
    if unit == Unit.YES_NO or not numbers:
        return 0, 1
    if unit == Unit.PERCENT:
        low = max(math.floor(min(numbers) / 10) * 10, 0)
        high = min(math.ceil(max(numbers) / 10) * 10, 100)
        return (low, high) if high > low else (min(low, 90), min(low, 90) + 10)
    low, high = math.floor(min(numbers)), math.ceil(max(numbers))
    if unit in (Unit.COUNT, Unit.DAYS):
        low = min(low, 0)
    return low, high if high > low else low + 1


def _floats(series):
    return [None if number is None else float(number) for number in series]


def trend_chart(indicator, rows, title, sparkline=False):
    """Values (and, unless a sparkline, targets) of ``rows`` (``tracking.YearRow``)."""
    values = _floats(row.value for row in rows)
    targets = _floats(row.target for row in rows)
    shown = [n for n in values + ([] if sparkline else targets) if n is not None]
    low, high = scale(indicator.unit, shown)
    if sparkline:
        return TrendChart(line_chart(values, low, high, title, **SPARKLINE))
    labels = [str(row.year) for row in rows]
    target_line = None
    if any(target is not None for target in targets):
        target_line = line_chart(targets, low, high, _("Target"), labels=labels, **FULL)
    return TrendChart(line_chart(values, low, high, title, labels=labels, **FULL), target_line)
