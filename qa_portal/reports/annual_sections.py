"""What each section of the annual QA report holds (issue 7), for the university or one school.

Issue 7: survey results with trends, governance decisions, documents approved, mechanism cycles
and their Check findings, accreditation status, indicators against targets, improvement actions
and their status. Each function reads one section for ``year`` (an ``AcademicYear``) and
``school`` (None: the whole university) with a fixed number of queries, whatever the size of
the data. The scope rule: a school's report shows that school's records and the university's
own (documents, mechanisms of the QA office), never another school's.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from accreditation import overview as accreditation_overview
from accreditation.indicator_charts import trend_chart as indicator_chart
from accreditation.models import Indicator, IndicatorValue
from accreditation.series import institution_values, rows_for, targets_of
from accreditation.tracking import ON_TRACK
from documents import overview as documents_overview
from documents.models import CheckUnit, Cycle, CycleStage, Mechanism, Stage
from documents.models.mechanisms import UnitKind
from governance import overview as governance_overview
from governance.models import AcademicYear, ImprovementAction, School
from governance.models.decisions import ActionStatus
from surveys import overview as surveys_overview

# How many academic years the satisfaction trend shows, the report's year the last.
TREND_YEARS = 4


# --- Surveys --------------------------------------------------------------------------------


@dataclass
class SurveySection:
    campaigns: list  # surveys.overview.CampaignResult
    trends: list  # surveys.overview.SchoolTrend, each with ``chart``

    @property
    def respondents(self):
        """Respondents of the campaigns the scope's results show (hidden groups not counted)."""
        return sum(result.cell.respondents for result in self.campaigns if result.shown)

    @property
    def satisfaction(self):
        """The scope's mean rating in the report's year, or None (first trend, last point)."""
        return self.trends[0].points[-1].mean if self.trends and self.trends[0].points else None


def surveys(year, school):
    """Seed 000 §4.1.7–§4.1.10: the year's published survey results of the scope and the
    satisfaction trend over the last years (by school for the university), nothing under a
    campaign's minimum of respondents."""
    years = list(
        AcademicYear.objects.filter(start_date__lte=year.start_date).order_by("-start_date")[
            :TREND_YEARS
        ]
    )
    scopes = [school] if school is not None else [None, *School.objects.order_by("code")]
    trends = surveys_overview.satisfaction_trends(scopes, years)
    surveys_overview.trend_chart(trends)
    return SurveySection(surveys_overview.year_results(year, school), trends)


# --- Governance, documents -----------------------------------------------------------------


def decisions(year, school):
    """Seed 000 §2.1–§2.2: the council's decisions of the year, or the school's committees'."""
    return list(governance_overview.council_decisions(year.start_date, year.end_date, school))


def documents(year, school):
    """Seed 000 §3: documents approved or published in the year (the university's and the
    school's own)."""
    return list(documents_overview.approved_editions(year.start_date, year.end_date, school))


# --- QA mechanisms: PDCA cycles and their Check findings ----------------------------------


def _other_school(unit, school):
    """Whether a Check unit belongs to a school other than ``school``."""
    if unit.kind == UnitKind.SCHOOL:
        return unit.school_id != school.pk
    if unit.kind == UnitKind.BODY:
        return unit.body.school_id not in (None, school.pk)
    if unit.kind == UnitKind.DEPARTMENT:
        return unit.department.school_id != school.pk
    return False


def _mechanisms_of(school):
    """Mechanisms run by ``school`` (itself or its bodies) and the university-wide ones (run
    by no school and no school's body)."""
    schools = Mechanism.schools.through.objects.filter(mechanism=OuterRef("pk"))
    school_bodies = Mechanism.bodies.through.objects.filter(
        mechanism=OuterRef("pk"), body__school__isnull=False
    )
    mine = Q(Exists(schools.filter(school=school))) | Q(
        Exists(school_bodies.filter(body__school=school))
    )
    return Mechanism.objects.filter(mine | (~Q(Exists(schools)) & ~Q(Exists(school_bodies))))


def pdca_cycles(year, school):
    """Seed 000 §4: the mechanisms' Plan–Do–Check–Act cycles active in the year (created, or
    a stage planned, started or completed in it), each with its stages and, from the Check,
    the findings and the QA units that checked."""
    start, end = year.start_date, year.end_date
    active = CycleStage.objects.filter(cycle=OuterRef("pk")).filter(
        Q(planned_start__range=(start, end))
        | Q(planned_end__range=(start, end))
        | Q(started_on__range=(start, end))
        | Q(completed_on__range=(start, end))
    )
    cycles = Cycle.objects.filter(Q(created_at__date__range=(start, end)) | Q(Exists(active)))
    if school is not None:
        cycles = cycles.filter(mechanism__in=_mechanisms_of(school))
    cycles = list(
        cycles.select_related("mechanism")
        .prefetch_related(
            Prefetch("stages", queryset=CycleStage.objects.order_by("pk")),
            Prefetch(
                "check_units",
                queryset=CheckUnit.objects.select_related("body", "school", "department"),
            ),
        )
        .order_by("mechanism__kind", "mechanism__code", "period", "pk")
    )
    for cycle in cycles:
        stages = list(cycle.stages.all())
        cycle.stage_rows = stages
        check = next((stage for stage in stages if stage.stage == Stage.CHECK), None)
        cycle.findings = check.note if check is not None else ""
        units = list(cycle.check_units.all())
        if school is not None:
            units = [unit for unit in units if not _other_school(unit, school)]
        cycle.units = [_unit_label(unit) for unit in units]
    return cycles


def _unit_label(unit):
    named = unit.body or unit.school or unit.department
    return str(named) if named is not None else str(UnitKind(unit.kind).label)


# --- Accreditation ----------------------------------------------------------------------------


@dataclass
class AccreditationSection:
    programmes: list  # accreditation.programme_register.Row
    summary: list  # (flag, label, count)
    cycles: list  # open accreditation cycles with ``readiness``

    @property
    def accredited(self):
        """Programmes whose current accreditation is in force (not expired, never missing)."""
        return sum(1 for row in self.programmes if row.current and "expired" not in row.flags)


def accreditation(year, school):
    """Seed 002 S10.Req8–9: every programme's accreditation status, with the register's flags;
    the accreditation cycles still open and their readiness (seed 004 §6)."""
    rows = accreditation_overview.programme_status(school)
    return AccreditationSection(
        rows,
        accreditation_overview.status_summary(rows),
        accreditation_overview.open_cycles(school),
    )


# --- Indicators against targets ----------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    row: object  # accreditation.tracking.YearRow of the report's year, or None
    chart: object = None  # accreditation.indicator_charts.TrendChart

    @property
    def on_track(self):
        return self.row is not None and self.row.status == ON_TRACK


@dataclass
class IndicatorSection:
    rows: list = field(default_factory=list)

    @property
    def judged(self):
        return sum(1 for row in self.rows if row.row is not None and row.row.status)

    @property
    def on_track(self):
        return sum(1 for row in self.rows if row.on_track)


def indicator_year(year):
    """The calendar year an academic year's indicator values and targets are kept under: the
    year it starts (``accreditation.demo``: the values of 2025 belong to 2025–2026)."""
    return year.start_date.year


def _school_values(ids, school):
    """{indicator id: {year: ``school``'s value}} (one query)."""
    found = {}
    rows = IndicatorValue.objects.filter(
        indicator__in=ids, school=school, programme__isnull=True
    ).values_list("indicator_id", "year", "value")
    for indicator, number_year, value in rows:
        found.setdefault(indicator, {})[number_year] = value
    return found


def indicators(year, school):
    """Seed 002 §9.5 and S9.St3: every indicator with a value or a target up to the year, its
    value in the year against the target (on or off track) and its trend chart with the
    targets; a school's values for a school."""
    until = indicator_year(year)
    found = list(
        Indicator.objects.filter(
            Q(targets__year__lte=until) | Q(values__year__lte=until)
        ).distinct()
    )
    ids = [indicator.pk for indicator in found]
    values = institution_values(ids) if school is None else _school_values(ids, school)
    targets = targets_of(ids)
    section = IndicatorSection()
    for indicator in sorted(found, key=lambda item: item.code):
        mine = {y: v for y, v in values.get(indicator.pk, {}).items() if y <= until}
        aims = {y: v for y, v in targets.get(indicator.pk, {}).items() if y <= until}
        rows = rows_for(indicator, mine, aims, extra_years=[until])
        row = next((item for item in rows if item.year == until), None)
        chart = indicator_chart(indicator, rows, indicator.name) if mine else None
        section.rows.append(IndicatorRow(indicator, row, chart))
    return section


# --- Improvement actions ---------------------------------------------------------------------


@dataclass
class ActionSection:
    counts: dict  # governance.overview.action_counts
    overdue: list

    def by_status(self):
        """(label, count) of each status, in the order of the statuses."""
        return [
            (status.label, self.counts[status.value])
            for status in ActionStatus
            if status != ActionStatus.OVERDUE
        ]


def actions(year, school, today=None):
    """Seed 000 §4 (Act): the improvement actions due or raised in the year — the school's
    for a school — counted by status and overdue, and the overdue ones listed."""
    today = today or timezone.localdate()
    start, end = year.start_date, year.end_date
    found = ImprovementAction.objects.filter(
        Q(due_date__range=(start, end)) | Q(created_at__date__range=(start, end))
    )
    if school is not None:
        found = found.filter(school=school)
    late = (
        found.filter(governance_overview.overdue_filter(today))
        .select_related("owner", "school")
        .order_by("due_date", "pk")
    )
    return ActionSection(governance_overview.action_counts(found, today), list(late))
