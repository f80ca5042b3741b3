"""Indicator values fed by survey results (issue 6: "Survey averages can feed indicators
automatically").

An indicator may name a Likert-scale or number question (``Indicator.survey_question``). Its
value for a year is the mean answer to that question in the published results of the latest
campaign of the question's questionnaire that opened that year: for the whole university, for
each school and for each programme the campaign reached. The question is recognised in every
version of the questionnaire by its Kazakh wording, as the year-on-year trend of the results
recognises it (``surveys.results.build_trend``).

Anonymity comes first (issue 4, "Anonymity by construction"): a value exists only where the
results themselves show the group (``surveys.results.Release``) — at least the campaign's
minimum of respondents, and not hidden with the others. A group below the minimum gives no
value, and a value stored for it before is removed. Only published results feed indicators:
before publication nobody but the QA manager reads them (``surveys.visibility``).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys.models import AnswerCounter, Campaign, CampaignState, QuestionKind
from surveys.results import BY_PROGRAMME, BY_SCHOOL, TOTAL, load_releases, moments

from .models import IndicatorValue, Source

FED_KINDS = (QuestionKind.LIKERT, QuestionKind.NUMERIC)
# Cells of the results that are a scope of indicator values: (school id, programme id).
SCOPE_OF_CELL = {
    TOTAL: lambda key: (None, None),
    BY_SCHOOL: lambda key: (key, None),
    BY_PROGRAMME: lambda key: (None, key),
}


def question_problem(question):
    """Why the question cannot feed an indicator, or ``""``."""
    if question.kind not in FED_KINDS:
        return _("Choose a Likert-scale or number question: only those have a mean.")
    return ""


def published_by_year(question):
    """{year: the latest published campaign of the question's questionnaire opened that year}."""
    campaigns = Campaign.objects.filter(
        state=CampaignState.PUBLISHED,
        version__questionnaire=question.section.version.questionnaire_id,
    ).order_by("opens_at", "pk")
    return {timezone.localtime(campaign.opens_at).year: campaign for campaign in campaigns}


def survey_means(question):
    """{(year, school id, programme id): mean, or None where the results hide the group}."""
    by_year = published_by_year(question)
    if not by_year:
        return {}
    campaigns = list(by_year.values())
    releases = load_releases(campaigns)
    counts = defaultdict(lambda: defaultdict(int))
    rows = AnswerCounter.objects.filter(
        target__campaign__in=[campaign.pk for campaign in campaigns],
        question__text_kk=question.text_kk,
        item__isnull=True,
    ).values_list("target_id", "value", "count")
    for target, value, count in rows:
        counts[target][value] += count
    means = {}
    for year, campaign in by_year.items():
        for (family, key), cell in releases[campaign.pk].cells.items():
            if family not in SCOPE_OF_CELL or (family != TOTAL and key is None):
                continue
            school, programme = SCOPE_OF_CELL[family](key)
            mean = None
            if cell.shown:
                summed = defaultdict(int)
                for target in cell.target_ids:
                    for value, count in counts[target].items():
                        summed[value] += count
                mean = moments(summed)[0]
            means[(year, school, programme)] = mean
    return means


@dataclass
class Refreshed:
    stored: int = 0  # values written or confirmed
    hidden: int = 0  # groups below the minimum: no value


@transaction.atomic
def refresh(indicator):
    """Store the indicator's values from the published survey results (only what changed);
    remove the values the results no longer show."""
    result = Refreshed()
    existing = {
        (value.year, value.school_id, value.programme_id): value
        for value in IndicatorValue.objects.filter(indicator=indicator)
    }
    kept = set()
    for key, mean in survey_means(indicator.survey_question).items():
        if mean is None:
            result.hidden += 1
            continue
        number = Decimal(str(round(mean, 2)))
        value = existing.get(key)
        if value is None:
            year, school, programme = key
            value = IndicatorValue(
                indicator=indicator, year=year, school_id=school, programme_id=programme
            )
        if value.pk is None or value.value != number or value.source != Source.SURVEY:
            value.value, value.source, value.updated_by = number, Source.SURVEY, None
            value.save()
        kept.add(key)
        result.stored += 1
    for key, value in existing.items():
        if key not in kept:
            value.delete()
    return result
