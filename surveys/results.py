"""Survey results read from the counters, and the minimum that keeps small groups unseen.

Issue 4 ("Results"): per question the distribution, the mean, the standard deviation and the
response rate; breakdowns; the year-on-year trend of the same questionnaire. "Anonymity by
construction": results are shown only when the respondents reach the campaign's minimum —
for the whole report and for every breakdown cell; a hidden cell says why.

Where the numbers come from. Answers are counters per target (``surveys.anonymity``), and a
target is one group of the audience — a programme and year of study, a school's staff, a
course and teacher (``surveys.models.participation``). A report and each of its breakdown
cells are sums of whole targets; the rows read grow with the targets and the questions,
never with the respondents, and the number of queries is fixed.

Which cells are hidden (``Release``). Every cell a campaign can show — the whole campaign,
each school, programme, year of study (in the university and in each school) and course with
its teacher — is decided once for the whole campaign, whoever looks, so that what different
people see cannot be put together into more than each may see:

1. a cell with fewer respondents than the minimum is hidden (*below the minimum*);
2. a shown cell minus the shown cells of one breakdown inside it gives the sum of the hidden
   rest. When that rest has some respondents but fewer than the minimum, the smallest shown
   cell inside is hidden as well (*hidden with the others*), until the rest is large enough.
   In a course evaluation one student answers for several courses, so a rest is taken as
   large enough only when one of its courses alone, or one of its known cells, reaches the
   minimum — a safe under-estimate of the people in it.

People, not answer sheets, are counted against the minimum: in a course evaluation the
whole campaign and each school count each student once, from the receipts
(``Count(distinct)``, no answer involved); everywhere else a person belongs to one target.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.actions import actions_from

from .models import (
    AnswerCounter,
    AnsweredCounter,
    AudienceKind,
    Campaign,
    CampaignState,
    Question,
    QuestionKind,
    Receipt,
    ReviewStatus,
    Target,
    TextAnswer,
)
from .questions import options
from .visibility import COURSE, INSTITUTION, SCHOOL, course_label

# Families of cells: the whole campaign, then the breakdowns.
TOTAL = "total"
BY_SCHOOL = "school"
BY_PROGRAMME = "programme"
BY_YEAR = "year"
BY_SCHOOL_YEAR = "school_year"
BY_COURSE = "course"

BELOW_MINIMUM = "below_minimum"
WITH_THE_OTHERS = "with_the_others"

# Kinds with a mean and a standard deviation: points of a scale, or numbers.
MEAN_KINDS = frozenset({QuestionKind.LIKERT, QuestionKind.MATRIX, QuestionKind.NUMERIC})


def percent(share):
    """A share as whole per cent, for pages and PDFs (None stays None)."""
    return None if share is None else round(share * 100)


def family_title(family):
    return {
        BY_SCHOOL: _("By school"),
        BY_PROGRAMME: _("By educational programme"),
        BY_YEAR: _("By year of study"),
        BY_SCHOOL_YEAR: _("By year of study"),
        BY_COURSE: _("By course and teacher"),
    }[family]


# --- Cells and what is hidden ---------------------------------------------------------------


@dataclass(eq=False)
class Cell:
    """A group results can be shown for: a sum of whole targets."""

    family: str
    key: object
    label: str
    target_ids: set = field(default_factory=set)
    people: int = 0  # distinct respondents, counted against the minimum
    respondents: int = 0  # answer sheets
    invited: int = 0
    hidden: str = ""
    minimum: int = 0

    @property
    def shown(self):
        return not self.hidden

    @property
    def rate(self):
        """Response rate: answer sheets per invitation."""
        return self.respondents / self.invited if self.invited else None

    @property
    def rate_percent(self):
        return percent(self.rate)

    @property
    def scope_slug(self):
        """The slug of a course cell's own report (``surveys.visibility.Scope``)."""
        return f"course-{self.key}" if self.family == BY_COURSE else ""

    @property
    def hidden_reason(self):
        if self.hidden == BELOW_MINIMUM:
            return ngettext(
                "Hidden: fewer than %(minimum)d person answered.",
                "Hidden: fewer than %(minimum)d people answered.",
                self.minimum,
            ) % {"minimum": self.minimum}
        if self.hidden == WITH_THE_OTHERS:
            return _("Hidden as well, so that a smaller group cannot be worked out from the rest.")
        return ""


def _cell_keys(target):
    """(family, key) of every cell the target belongs to."""
    yield TOTAL, None
    yield BY_SCHOOL, target.school_id
    if target.programme_id:
        yield BY_PROGRAMME, target.programme_id
    if target.year_of_study:
        yield BY_YEAR, target.year_of_study
        yield BY_SCHOOL_YEAR, (target.school_id, target.year_of_study)
    if target.course_id:
        yield BY_COURSE, target.pk


def _year_label(year):
    return _("Year %(year)d") % {"year": year}


def _cell_label(family, target):
    if family == TOTAL:
        return _("All respondents")
    if family == BY_SCHOOL:
        return str(target.school) if target.school_id else _("No school")
    if family == BY_PROGRAMME:
        return str(target.programme)
    if family in (BY_YEAR, BY_SCHOOL_YEAR):
        return _year_label(target.year_of_study)
    return course_label(target)


class Release:
    """Every cell of one campaign and whether it is shown (the rules in the module's doc).

    ``targets``: the campaign's targets with school, programme, course and teacher selected
    and ``invited`` annotated; ``people``: {(family, key): distinct respondents} for the
    whole campaign and each school of a course evaluation.
    """

    def __init__(self, campaign, targets, people=None):
        self.campaign = campaign
        self.minimum = campaign.min_respondents
        self.targets = {target.pk: target for target in targets}
        # One student answers for several courses: targets share people.
        self.overlapping = campaign.audience_kind == AudienceKind.COURSES
        self.cells = {}
        self.cell_of = defaultdict(dict)  # family → {target id: cell}
        for target in targets:
            for family, key in _cell_keys(target):
                cell = self.cells.get((family, key))
                if cell is None:
                    cell = Cell(family, key, _cell_label(family, target), minimum=self.minimum)
                    self.cells[(family, key)] = cell
                cell.target_ids.add(target.pk)
                cell.respondents += target.respondents
                cell.invited += target.invited
                self.cell_of[family][target.pk] = cell
        for cell in self.cells.values():
            cell.people = self._people(cell, people or {})
        self._hide()

    def _people(self, cell, people):
        if not self.overlapping or cell.family == BY_COURSE:
            return cell.respondents
        # Receipts of deleted accounts are gone; a course's own count still holds.
        largest = max(self.targets[pk].respondents for pk in cell.target_ids)
        return max(people.get((cell.family, cell.key), 0), largest)

    def cell(self, family, key=None):
        return self.cells.get((family, key))

    def _known_at_least(self, rest):
        """A number of people the targets ``rest`` certainly hold between them."""
        if not self.overlapping:
            return sum(self.targets[pk].respondents for pk in rest)
        known = [self.targets[pk].respondents for pk in rest]
        known += [cell.people for cell in self.cells.values() if cell.target_ids <= rest]
        return max(known)

    def _hide(self):
        for cell in self.cells.values():
            if cell.people < self.minimum:
                cell.hidden = BELOW_MINIMUM
        changed = True
        while changed:
            changed = False
            for outer in self.cells.values():
                if outer.shown and len(outer.target_ids) > 1:
                    changed = any(self._hide_inside(outer, f) for f in self.cell_of) or changed

    def _hide_inside(self, outer, family):
        """Hide the smallest shown cell of ``family`` inside ``outer`` when the hidden rest
        of ``outer`` would give away a group below the minimum."""
        cells_of = self.cell_of[family]
        inside = {cells_of[pk] for pk in outer.target_ids if pk in cells_of} - {outer}
        inside = [cell for cell in inside if cell.target_ids <= outer.target_ids]
        shown = [cell for cell in inside if cell.shown]
        if not shown:
            return False
        rest = set(outer.target_ids)
        for cell in shown:
            rest -= cell.target_ids
        if not rest or not any(self.targets[pk].respondents for pk in rest):
            return False
        if self._known_at_least(rest) >= self.minimum:
            return False
        smallest = min(shown, key=lambda cell: (cell.people, cell.label, str(cell.key)))
        smallest.hidden = WITH_THE_OTHERS
        return True


# --- Loading one campaign, or a questionnaire's series of campaigns -------------------------


def series_of(campaign):
    """Campaigns of the same questionnaire (same code) whose results are published, and
    ``campaign`` itself, oldest first: the year-on-year trend."""
    return list(
        Campaign.objects.filter(
            Q(pk=campaign.pk)
            | Q(
                state=CampaignState.PUBLISHED,
                version__questionnaire=campaign.version.questionnaire_id,
                opens_at__lte=campaign.opens_at,
            )
        ).order_by("opens_at", "pk")
    )


def load_releases(campaigns):
    """{campaign pk: Release}, with a fixed number of queries however many targets."""
    targets = defaultdict(list)
    found = (
        Target.objects.filter(campaign__in=[c.pk for c in campaigns])
        .select_related("school", "programme", "course", "teacher")
        .annotate(invited=Count("invitations"))
        .order_by("pk")
    )
    for target in found:
        targets[target.campaign_id].append(target)
    people = defaultdict(dict)
    overlapping = [c.pk for c in campaigns if c.audience_kind == AudienceKind.COURSES]
    if overlapping:
        receipts = Receipt.objects.filter(invitation__target__campaign__in=overlapping)
        campaign = "invitation__target__campaign"
        person = Count("invitation__user", distinct=True)
        for row in receipts.values(campaign).annotate(n=person).order_by():
            people[row[campaign]][(TOTAL, None)] = row["n"]
        school = "invitation__target__school"
        for row in receipts.values(campaign, school).annotate(n=person).order_by():
            people[row[campaign]][(BY_SCHOOL, row[school])] = row["n"]
    return {c.pk: Release(c, targets[c.pk], people[c.pk]) for c in campaigns}


# --- Questions, distributions, means --------------------------------------------------------


@dataclass
class Bar:
    value: int
    label: str
    count: int
    share: float  # of those who answered the question (line)


@dataclass
class Distribution:
    bars: list
    count: int  # answers counted (for a scale line: those who answered it)
    mean: float | None = None
    deviation: float | None = None
    chart: object = None  # surveys.charts.draw


@dataclass
class QuestionResult:
    question: Question
    number: int
    answered: int = 0
    respondents: int = 0
    distribution: Distribution | None = None
    lines: list = field(default_factory=list)  # (matrix item, Distribution)
    texts: list = field(default_factory=list)

    @property
    def rate(self):
        """Response rate of the question: who answered it, of the respondents."""
        return self.answered / self.respondents if self.respondents else None

    @property
    def rate_percent(self):
        return percent(self.rate)


def moments(counts):
    """Mean and sample standard deviation of {value: how many chose it}; None when undefined.

    The deviation divides by n − 1 (the respondents are a sample of the audience).
    """
    n = sum(counts.values())
    if n == 0:
        return None, None
    mean = sum(value * count for value, count in counts.items()) / n
    if n < 2:
        return mean, None
    variance = sum(count * (value - mean) ** 2 for value, count in counts.items()) / (n - 1)
    return mean, math.sqrt(variance)


def value_labels(question):
    """(value, label) of every value the question is counted by, in the order shown."""
    if question.kind == QuestionKind.NUMERIC:
        return [(v, str(v)) for v in range(question.min_value, question.max_value + 1)]
    return [(value, str(label)) for value, label in options(question)]


def distribution(question, counts, answered):
    """The bars of one question (or matrix line) from {value: count}.

    Shares are of the answers counted, and for multiple choice of the people who answered the
    question (their shares may add up to more than 100 %).
    """
    total = sum(counts.values())
    base = answered if question.kind == QuestionKind.MULTIPLE else total
    bars = [
        Bar(value, label, counts.get(value, 0), counts.get(value, 0) / base if base else 0.0)
        for value, label in value_labels(question)
    ]
    result = Distribution(bars, total)
    if question.kind in MEAN_KINDS:
        result.mean, result.deviation = moments(counts)
    return result


def sheet_questions(campaign, with_teacher_sections=True):
    """The answerable questions of the campaign's version, numbered as on the answer sheet."""
    questions = (
        Question.objects.filter(section__version=campaign.version_id)
        .exclude(kind=QuestionKind.HEADING)
        .select_related("section")
        .prefetch_related("choices", "items")
        .order_by("section__position", "position")
    )
    if not with_teacher_sections:
        questions = questions.filter(section__per_teacher=False)
    return list(questions)


def question_results(questions, counts, answered, respondents):
    """Per question: distribution, mean, deviation and response rate.

    ``counts``: {(question id, item id or None, value): count}; ``answered``: {question id:
    how many answered it}; ``respondents``: answer sheets.
    """
    results = []
    for number, question in enumerate(questions, start=1):
        result = QuestionResult(
            question, number, answered.get(question.pk, 0), respondents=respondents
        )
        if question.kind == QuestionKind.MATRIX:
            for item in question.items.all():
                line = {
                    value: counts.get((question.pk, item.pk, value), 0)
                    for value, _label in value_labels(question)
                }
                result.lines.append((item, distribution(question, line, result.answered)))
        elif question.is_counted:
            mine = {
                value: counts.get((question.pk, None, value), 0)
                for value, _label in value_labels(question)
            }
            result.distribution = distribution(question, mine, result.answered)
        results.append(result)
    return results


# --- One report --------------------------------------------------------------------------


@dataclass
class Column:
    """A breakdown column: the mean of one scale or number question (or matrix line).

    In another version of the questionnaire the same question has the same Kazakh wording
    (and a matrix line the same position): ``text_kk`` and ``position`` recognise it there.
    """

    code: str
    text: str
    question_id: int
    item_id: int | None
    text_kk: str
    position: int | None


@dataclass
class Breakdown:
    family: str
    title: str
    columns: list
    rows: list  # (cell, [mean or None per column])

    @property
    def span(self):
        """Columns after the group's name: respondents, invited, rate and the means."""
        return 3 + len(self.columns)


@dataclass
class TrendLine:
    code: str
    text: str
    values: list  # one per campaign of the series: a mean, or None
    chart: object = None  # surveys.charts.draw


@dataclass
class Trend:
    campaigns: list
    columns: list
    rates: list  # response rate per campaign, or None where hidden
    lines: list  # one per column
    labels: list = field(default_factory=list)  # surveys.charts.draw
    rate_chart: object = None


@dataclass
class Report:
    campaign: Campaign
    scope: object
    release: Release
    cell: Cell
    questions: list = field(default_factory=list)
    breakdowns: list = field(default_factory=list)
    trend: Trend | None = None
    actions: list = field(default_factory=list)

    @property
    def minimum(self):
        return self.release.minimum

    @property
    def shown(self):
        return self.cell is not None and self.cell.shown

    @property
    def hidden_reason(self):
        cell = self.cell or Cell(TOTAL, None, "", hidden=BELOW_MINIMUM, minimum=self.minimum)
        return cell.hidden_reason


def scope_cell(release, scope):
    """The cell a scope's report is about."""
    if scope.kind == SCHOOL:
        return release.cell(BY_SCHOOL, scope.school.pk)
    if scope.kind == COURSE:
        return release.cell(BY_COURSE, scope.target.pk)
    return release.cell(TOTAL)


def _scope_filter(scope, campaigns, prefix="target__"):
    """Counter rows (through ``prefix``) of the scope's targets in ``campaigns``."""
    found = Q(**{f"{prefix}campaign__in": campaigns})
    if scope.kind == SCHOOL:
        found &= Q(**{f"{prefix}school": scope.school.pk})
    elif scope.kind == COURSE:
        found &= Q(
            **{
                f"{prefix}course": scope.target.course_id,
                f"{prefix}teacher": scope.target.teacher_id,
            }
        )
    return found


def breakdown_families(release, scope, cell):
    """The breakdowns a scope's report shows: the university's by school, programme and year;
    a school's by programme, year and course; none for one course."""
    if scope.kind == INSTITUTION:
        families = (BY_SCHOOL, BY_PROGRAMME, BY_YEAR)
    elif scope.kind == SCHOOL:
        families = (BY_PROGRAMME, BY_SCHOOL_YEAR, BY_COURSE)
    else:
        return []
    found = []
    for family in families:
        cells = {
            release.cell_of[family][pk] for pk in cell.target_ids if pk in release.cell_of[family]
        }
        cells = [c for c in cells if c.target_ids <= cell.target_ids]
        if len(cells) > 1 or (cells and cells[0].target_ids != cell.target_ids):
            found.append((family, sorted(cells, key=lambda c: (c.label, str(c.key)))))
    return found


def mean_columns(results):
    columns = []
    for result in results:
        question = result.question
        if question.kind == QuestionKind.MATRIX:
            columns += [
                Column(
                    f"{result.number}.{i}",
                    f"{question.text} — {item.text}",
                    question.pk,
                    item.pk,
                    question.text_kk,
                    item.position,
                )
                for i, (item, _d) in enumerate(result.lines, start=1)
            ]
        elif question.kind in MEAN_KINDS:
            columns.append(
                Column(str(result.number), question.text, question.pk, None, question.text_kk, None)
            )
    return columns


def _means(counts, columns):
    """Mean per column from {(question id, item id, value): count}."""
    by_column = defaultdict(dict)
    wanted = {(c.question_id, c.item_id) for c in columns}
    for (question, item, value), count in counts.items():
        if (question, item) in wanted:
            by_column[(question, item)][value] = count
    return [moments(by_column[(c.question_id, c.item_id)])[0] for c in columns]


def texts_for(scope, viewer, campaign):
    """Free-text answers the viewer reads in the scope: those the QA office published, and
    in a course's report for its own teacher those meant only for them (``surveys.review``)."""
    statuses = [ReviewStatus.PUBLISHED]
    if scope.kind == COURSE and scope.target.teacher_id == viewer.pk:
        statuses.append(ReviewStatus.TEACHER_ONLY)
    return TextAnswer.objects.filter(
        _scope_filter(scope, [campaign.pk], prefix="target__"), review__in=statuses
    ).values_list("question_id", "text")


def build_report(campaign, scope, viewer, releases, with_trend=True):
    """The report of one scope of ``campaign``: nothing below the minimum (``Release``)."""
    release = releases[campaign.pk]
    cell = scope_cell(release, scope)
    report = Report(campaign, scope, release, cell)
    report.actions = list(
        actions_for_scope(campaign, scope).select_related("owner", "school").order_by("due_date")
    )
    if not report.shown:
        return report
    has_teacher = any(release.targets[pk].teacher_id for pk in cell.target_ids)
    questions = sheet_questions(campaign, with_teacher_sections=has_teacher)
    by_target = defaultdict(dict)
    rows = AnswerCounter.objects.filter(_scope_filter(scope, [campaign.pk])).values_list(
        "target_id", "question_id", "item_id", "value", "count"
    )
    for target, question, item, value, count in rows:
        by_target[target][(question, item, value)] = count
    answered_by_target = defaultdict(dict)
    rows = AnsweredCounter.objects.filter(_scope_filter(scope, [campaign.pk])).values_list(
        "target_id", "question_id", "count"
    )
    for target, question, count in rows:
        answered_by_target[target][question] = count

    def summed(cell_, source):
        total = defaultdict(int)
        for pk in cell_.target_ids:
            for key, count in source[pk].items():
                total[key] += count
        return total

    report.questions = question_results(
        questions, summed(cell, by_target), summed(cell, answered_by_target), cell.respondents
    )
    texts = defaultdict(list)
    for question, text in texts_for(scope, viewer, campaign):
        texts[question].append(text)
    for result in report.questions:
        result.texts = texts.get(result.question.pk, [])
    columns = mean_columns(report.questions)
    for family, cells in breakdown_families(release, scope, cell):
        report.breakdowns.append(
            Breakdown(
                family,
                family_title(family),
                columns,
                [(c, _means(summed(c, by_target), columns) if c.shown else []) for c in cells],
            )
        )
    if with_trend:
        report.trend = build_trend(campaign, scope, releases, columns)
    return report


# --- Year on year -------------------------------------------------------------------------


def _equivalent_cell(release, scope):
    """In another campaign of the series, the cell the scope's report corresponds to."""
    if scope.kind != COURSE:
        return scope_cell(release, scope)
    wanted = (scope.target.course_id, scope.target.teacher_id)
    for target in release.targets.values():
        if (target.course_id, target.teacher_id) == wanted:
            return release.cell(BY_COURSE, target.pk)
    return None


def build_trend(campaign, scope, releases, columns):
    """Means of the same questions (same Kazakh wording, same matrix line) in the campaigns
    of the same questionnaire, where the corresponding cell is shown; None elsewhere."""
    campaigns = sorted(
        (release.campaign for release in releases.values()), key=lambda c: (c.opens_at, c.pk)
    )
    if len(campaigns) < 2:
        return None
    cells = {c.pk: _equivalent_cell(releases[c.pk], scope) for c in campaigns}
    shown = [pk for pk, cell in cells.items() if cell is not None and cell.shown]
    rows = (
        AnswerCounter.objects.filter(
            _scope_filter(scope, shown), question__kind__in=list(MEAN_KINDS)
        )
        .values("target__campaign", "question__text_kk", "item__position", "value")
        .annotate(n=Sum("count"))
        .order_by()
    )
    counts = defaultdict(lambda: defaultdict(int))
    for row in rows:
        key = (row["target__campaign"], row["question__text_kk"], row["item__position"])
        counts[key][row["value"]] += row["n"]
    lines = [
        TrendLine(
            column.code,
            column.text,
            [
                moments(counts[(c.pk, column.text_kk, column.position)])[0]
                if c.pk in shown
                else None
                for c in campaigns
            ],
        )
        for column in columns
    ]
    rates = [cells[c.pk].rate if c.pk in shown else None for c in campaigns]
    return Trend(campaigns, columns, rates, lines)


# --- Improvement actions raised from results ----------------------------------------------


def actions_for_scope(campaign, scope):
    """Improvement actions raised from the campaign that concern the scope: the university's
    own and, for a school or course, that school's."""
    actions = actions_from(campaign)
    school = scope.school_id
    if scope.kind != INSTITUTION:
        actions = actions.filter(Q(school__isnull=True) | Q(school=school))
    return actions
