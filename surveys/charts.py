"""Server-rendered SVG charts of survey results: distribution bars and trend lines.

Issue 4: "charts (server-rendered SVG usable in HTML and PDF)". The geometry is computed here
and drawn by two template fragments, ``surveys/results/_bars.html`` and ``_line.html``, which
read the same in a page and in a WeasyPrint PDF: no JavaScript, and colours and sizes as SVG
presentation attributes (the content security policy forbids inline styles, not those).
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import QuestionKind

LABEL_CHARS = 34
BAR_ROW = 22
BAR_LABEL_WIDTH = 210
BAR_MAX = 260
BAR_CHART_WIDTH = BAR_LABEL_WIDTH + BAR_MAX + 90


def _short(text, size=LABEL_CHARS):
    text = str(text)
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


@dataclass
class BarRow:
    label: str
    full_label: str
    count: int
    percent: int
    y: int
    text_y: int
    width: float
    value_x: float


@dataclass
class BarChart:
    title: str
    width: int
    height: int
    label_width: int
    rows: list

    @property
    def label_x(self):
        return self.label_width - 8


def bar_chart(distribution, title, kind=None):
    """Horizontal bars, one per value, as long as its share; a number question shows only
    the numbers somebody gave."""
    bars = distribution.bars
    if kind == QuestionKind.NUMERIC:
        bars = [bar for bar in bars if bar.count]
    rows = []
    for index, bar in enumerate(bars):
        width = round(bar.share * BAR_MAX, 1)
        rows.append(
            BarRow(
                label=_short(bar.label),
                full_label=str(bar.label),
                count=bar.count,
                percent=round(bar.share * 100),
                y=index * BAR_ROW + 3,
                text_y=index * BAR_ROW + 16,
                width=width,
                value_x=BAR_LABEL_WIDTH + width + 6,
            )
        )
    return BarChart(
        title=str(title),
        width=BAR_CHART_WIDTH,
        height=max(len(rows), 1) * BAR_ROW + 4,
        label_width=BAR_LABEL_WIDTH,
        rows=rows,
    )


@dataclass
class Point:
    x: float
    y: float
    value: float
    label: str


@dataclass
class LineChart:
    title: str
    width: int
    height: int
    left: int
    top: int
    right: int
    bottom: int
    segments: list  # "x,y x,y …" strings, broken where a value is missing
    points: list
    ticks: list = field(default_factory=list)  # (x, label) under the axis
    low_label: str = ""
    high_label: str = ""


def line_chart(values, low, high, title, labels=None, width=360, height=140):
    """A line through ``values`` (None leaves a gap) on a scale from ``low`` to ``high``.

    With ``labels`` (one per value) the axis is labelled; without, it is a small sparkline.
    """
    labelled = labels is not None
    left = 34 if labelled else 4
    top, bottom = (10, height - 22) if labelled else (4, height - 4)
    # Room for half of the last label ("2026-2027") right of the last point.
    right = width - (30 if labelled else 4)
    step = (right - left) / (len(values) - 1) if len(values) > 1 else 0
    span = (high - low) or 1
    points, segments, current = [], [], []
    for index, value in enumerate(values):
        x = round(left + index * step, 1)
        if value is None:
            if current:
                segments.append(current)
            current = []
            continue
        clamped = min(max(value, low), high)
        y = round(bottom - (clamped - low) / span * (bottom - top), 1)
        label = labels[index] if labelled else ""
        points.append(Point(x, y, value, label))
        current.append(f"{x},{y}")
    if current:
        segments.append(current)
    ticks = []
    if labelled:
        ticks = [(round(left + index * step, 1), label) for index, label in enumerate(labels)]
    return LineChart(
        title=str(title),
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        segments=[" ".join(segment) for segment in segments],
        points=points,
        ticks=ticks,
        low_label=f"{low:g}" if labelled else "",
        high_label=f"{high:g}" if labelled else "",
    )


def trend_labels(campaigns):
    """The year each campaign opened, with the month where a year has several campaigns."""
    dates = [timezone.localtime(campaign.opens_at) for campaign in campaigns]
    years = [date.year for date in dates]
    return [
        str(date.year) if years.count(date.year) == 1 else f"{date.month:02d}.{date.year}"
        for date in dates
    ]


def draw(report):
    """Give a report's distributions and trend lines their charts (``chart`` attributes)."""
    for result in report.questions:
        question = result.question
        if result.distribution is not None:
            result.distribution.chart = bar_chart(result.distribution, question.text, question.kind)
        for item, line in result.lines:
            line.chart = bar_chart(line, f"{question.text} — {item.text}", question.kind)
    trend = report.trend
    if trend is None:
        return
    trend.labels = labels = trend_labels(trend.campaigns)
    scales = {result.question.pk: _scale(result.question) for result in report.questions}
    for line, column in zip(trend.lines, trend.columns, strict=True):
        low, high = scales[column.question_id]
        line.chart = line_chart(line.values, low, high, line.text, width=160, height=40)
    trend.rate_chart = line_chart(
        [None if rate is None else rate * 100 for rate in trend.rates],
        0,
        100,
        _("Response rate, %"),
        labels=labels,
    )


def _scale(question):
    """The lowest and highest value a scale or number question can take."""
    if question.kind == QuestionKind.NUMERIC:
        return question.min_value, question.max_value
    return 1, 5
