"""Survey figures for the dashboards and the annual QA report (issue 7).

Issue 7 asks for open campaigns with their response rates, satisfaction trends by school and
the survey results of a year, "respecting anonymity minimums". Nothing here reads answers
other than through the counters and the release of ``surveys.results``: a group shows a mean
only where the campaign's own results show it (at least ``Campaign.min_respondents``, and not
hidden with the others); otherwise it says why it is hidden. The number of queries is fixed,
whatever the number of campaigns, targets or respondents.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .charts import line_chart
from .models import AnswerCounter, Campaign, CampaignState, Question, Target
from .models.questionnaires import SCALE_KINDS, Purpose
from .response_rates import add_rates, rate, with_counts
from .results import BY_SCHOOL, TOTAL, load_releases, moments

# Seed 000 §4.1.7 and §4.1.10: the student satisfaction survey and the students' evaluation
# of teaching are the surveys of satisfaction with study.
SATISFACTION_PURPOSES = (Purpose.STUDENT_SATISFACTION, Purpose.COURSE_EVALUATION)
# The points of a rating scale (``surveys.questions``): the axis of a satisfaction trend.
SCALE_LOW, SCALE_HIGH = 1, 5


def campaign_rows(campaigns):
    """The campaigns (a queryset) with ``invited``, ``answered`` and ``rate`` (per cent)."""
    return add_rates(with_counts(campaigns.select_related("version__questionnaire")))


def open_campaigns(school=None):
    """Campaigns taking answers now, closing soonest first, with their response rates.

    With ``school``: only campaigns with a group in that school, and the counts of that
    school's groups only (a dean sees their school's response, not the rest of the
    university's).
    """
    campaigns = Campaign.objects.filter(state=CampaignState.OPEN).order_by("closes_at", "pk")
    if school is None:
        return campaign_rows(campaigns)
    rows = list(
        campaigns.filter(targets__school=school).distinct().select_related("version__questionnaire")
    )
    mine = Target.objects.filter(campaign__in=[row.pk for row in rows], school=school).order_by()
    invited = dict(
        mine.values("campaign").annotate(n=Count("invitations")).values_list("campaign", "n")
    )
    answered = dict(
        mine.values("campaign").annotate(n=Sum("respondents")).values_list("campaign", "n")
    )
    for row in rows:
        row.invited = invited.get(row.pk, 0)
        row.answered = answered.get(row.pk) or 0
        row.rate = rate(row.answered, row.invited)
    return rows


# --- Satisfaction by school and year --------------------------------------------------------


@dataclass
class TrendPoint:
    """One academic year of a trend: the mean rating, or None with the reason it is hidden."""

    label: str
    mean: float | None
    respondents: int
    hidden_reason: str = ""


@dataclass
class SchoolTrend:
    """``school`` None stands for the whole university."""

    school: object
    points: list = field(default_factory=list)

    @property
    def label(self):
        return str(self.school) if self.school is not None else _("Whole university")

    @property
    def values(self):
        return [point.mean for point in self.points]

    @property
    def has_mean(self):
        """Whether any year has a mean to draw."""
        return any(value is not None for value in self.values)


def in_year(moment, year):
    """Whether a campaign that opened at ``moment`` belongs to academic ``year``."""
    return year.start_date <= timezone.localtime(moment).date() <= year.end_date


def satisfaction_campaigns(years, purposes=SATISFACTION_PURPOSES):
    """Published campaigns of ``purposes`` opened within ``years`` (academic years)."""
    if not years:
        return []
    start = min(year.start_date for year in years)
    end = max(year.end_date for year in years)
    return list(
        Campaign.objects.filter(
            state=CampaignState.PUBLISHED,
            version__questionnaire__purpose__in=purposes,
            opens_at__date__gte=start,
            opens_at__date__lte=end,
        ).order_by("opens_at", "pk")
    )


def _cell_for(release, school):
    return release.cell(TOTAL) if school is None else release.cell(BY_SCHOOL, school.pk)


def _scale_counts(campaigns, schools):
    """{target id: {value: count}} of the rating-scale answers of the schools' targets."""
    found = AnswerCounter.objects.filter(
        target__campaign__in=[campaign.pk for campaign in campaigns],
        question__kind__in=list(SCALE_KINDS),
    )
    if None not in schools:
        found = found.filter(target__school__in=[school.pk for school in schools])
    counts = defaultdict(dict)
    rows = found.values("target_id", "value").annotate(n=Sum("count")).order_by()
    for row in rows:
        counts[row["target_id"]][row["value"]] = row["n"]
    return counts


def satisfaction_trends(schools, years):
    """One ``SchoolTrend`` per school (None: the whole university), one point per academic
    year, oldest first: the mean of every rating-scale answer in the published satisfaction
    and course-evaluation results of that school opened in that year.

    Seed 000 §4.1.7–§4.1.10: nobody may see a respondent's data. A campaign adds to a point
    only where its own results show the school (``surveys.results.Release``); a point with
    no shown group but a hidden one has no mean and gives the reason.
    """
    years = sorted(years, key=lambda year: year.start_date)
    campaigns = satisfaction_campaigns(years)
    releases = load_releases(campaigns) if campaigns else {}
    counts = _scale_counts(campaigns, schools) if campaigns else {}
    trends = []
    for school in schools:
        trend = SchoolTrend(school)
        for year in years:
            summed, respondents, reason = defaultdict(int), 0, ""
            for campaign in campaigns:
                cell = _cell_for(releases[campaign.pk], school)
                if not in_year(campaign.opens_at, year) or cell is None:
                    continue
                if not cell.shown:
                    reason = reason or cell.hidden_reason
                    continue
                respondents += cell.people
                for target in cell.target_ids:
                    for value, count in counts.get(target, {}).items():
                        summed[value] += count
            mean = moments(summed)[0] if respondents else None
            trend.points.append(
                TrendPoint(year.name, mean, respondents, "" if respondents else reason)
            )
        trends.append(trend)
    return trends


def trend_chart(trends):
    """One labelled line chart per trend (``surveys/results/_line.html``), on the 1–5 scale;
    each trend also gets it as ``chart``."""
    charts = []
    for trend in trends:
        trend.chart = line_chart(
            trend.values,
            SCALE_LOW,
            SCALE_HIGH,
            trend.label,
            labels=[point.label for point in trend.points],
        )
        charts.append(trend.chart)
    return charts


# --- Results of a year, for a report ------------------------------------------------------


@dataclass
class QuestionMean:
    text: str
    mean: float | None


@dataclass
class CampaignResult:
    """One published campaign of the year as far as a report's scope shows it."""

    campaign: Campaign
    cell: object  # surveys.results.Cell of the scope, or None when the scope has no group
    mean: float | None = None
    questions: list = field(default_factory=list)  # QuestionMean of each rating question

    @property
    def shown(self):
        return self.cell is not None and self.cell.shown


def year_results(year, school=None):
    """Published campaigns opened in academic ``year`` that reached ``school`` (None: the
    university), each with the scope's respondents, invitations and response rate, the mean
    of all its rating answers and of each rating question — or the reason they are hidden.

    A fixed number of queries whatever the number of campaigns, groups or respondents.
    """
    campaigns = Campaign.objects.filter(
        state=CampaignState.PUBLISHED,
        opens_at__date__gte=year.start_date,
        opens_at__date__lte=year.end_date,
    ).select_related("version__questionnaire")
    if school is not None:
        campaigns = campaigns.filter(targets__school=school).distinct()
    campaigns = list(campaigns.order_by("opens_at", "pk"))
    if not campaigns:
        return []
    releases = load_releases(campaigns)
    scope = Q(target__campaign__in=[c.pk for c in campaigns])
    if school is not None:
        scope &= Q(target__school=school)
    rows = (
        AnswerCounter.objects.filter(scope, question__kind__in=list(SCALE_KINDS))
        .values("target_id", "question_id", "question__text_kk", "value")
        .annotate(n=Sum("count"))
        .order_by()
    )
    counts = defaultdict(lambda: defaultdict(int))  # (target, question) → {value: n}
    for row in rows:
        counts[(row["target_id"], row["question_id"])][row["value"]] += row["n"]
    questions = _rating_questions(campaigns)
    results = []
    for campaign in campaigns:
        cell = _cell_for(releases[campaign.pk], school)
        result = CampaignResult(campaign, cell)
        if result.shown:
            total = defaultdict(int)
            for question_id, text in questions[campaign.version_id]:
                summed = defaultdict(int)
                for target in cell.target_ids:
                    for value, n in counts[(target, question_id)].items():
                        summed[value] += n
                        total[value] += n
                result.questions.append(QuestionMean(text, moments(summed)[0]))
            result.mean = moments(total)[0]
        results.append(result)
    return results


def _rating_questions(campaigns):
    """{version id: [(question id, text)]} of the rating-scale questions, in sheet order."""
    found = defaultdict(list)
    questions = (
        Question.objects.filter(
            section__version__in={c.version_id for c in campaigns}, kind__in=list(SCALE_KINDS)
        )
        .select_related("section")
        .order_by("section__position", "position")
    )
    for question in questions:
        found[question.section.version_id].append((question.pk, question.text))
    return found
