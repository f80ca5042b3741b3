"""The Plan–Do–Check–Act cycle of a QA mechanism (seed 000 §4).

Seed 000 §4: internal mechanisms follow Plan–Do–Check–Act, and at the Check stage at least two
QA units take part (§1.2: a QA unit is a council, committee, department or person responsible
for QA — here the QA office, a body, a school or a department). The Act stage turns the
findings of the Check into improvement actions (``governance.actions``), raised here or by a
decision of a responsible body (§2.1–2.2: the council and the committees decide on the
recommendations); the cycle is finished when Act is completed.

Each step is a plain function that locks the cycle, checks the rule and raises
:class:`CycleRuleError` with a sentence the person can read when the step is not allowed.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.actions import is_annulled, raise_action
from governance.models import Body, Decision, ImprovementAction
from governance.models.decisions import ActionSource

from .mechanisms import can_keep, can_record
from .models import (
    CheckUnit,
    Cycle,
    CycleStage,
    CycleState,
    Stage,
    StageEvidence,
    UnitKind,
)
from .models.mechanisms import STAGE_ORDER, UNIT_FIELDS

# Seed 000 §4: "at least two QA units take part in checking".
MIN_CHECK_UNITS = 2

# The transition of ``Cycle`` that completes each stage.
COMPLETES = {
    Stage.PLAN: "complete_plan",
    Stage.DO: "complete_do",
    Stage.CHECK: "complete_check",
    Stage.ACT: "complete_act",
}


class CycleRuleError(ValidationError):
    """A rule of the PDCA cycle was broken; the message says which, in words."""


def _locked(cycle):
    return Cycle.objects.select_for_update().select_related("mechanism").get(pk=cycle.pk)


def _require_recorder(by, cycle):
    if not can_record(by, cycle.mechanism):
        raise PermissionDenied(_("You do not record the stages of this mechanism."))


def _require_running(cycle):
    if cycle.is_finished:
        raise CycleRuleError(
            _("This cycle is finished; its record no longer changes."), code="finished"
        )


def _require_stage(cycle, stage, message):
    if cycle.state != stage:
        raise CycleRuleError(message, code="stage")


def stage_label(stage):
    return Stage(stage).label


@transaction.atomic
def start_cycle(mechanism, by, period):
    """The QA office starts a cycle of the mechanism with its four stages, Plan first."""
    if not can_keep(by):
        raise PermissionDenied(_("Only the QA office starts a cycle."))
    if not mechanism.is_active:
        raise CycleRuleError(_("This mechanism is no longer in use."), code="inactive")
    period = period.strip()
    if Cycle.objects.filter(mechanism=mechanism, period=period).exists():
        raise CycleRuleError(
            _("This mechanism already has a cycle for this period."), code="period_taken"
        )
    cycle = Cycle.objects.create(mechanism=mechanism, period=period, created_by=by)
    CycleStage.objects.bulk_create(CycleStage(cycle=cycle, stage=stage) for stage in STAGE_ORDER)
    return cycle


def _locked_stage(cycle, stage):
    return CycleStage.objects.select_for_update().get(cycle=cycle, stage=stage)


@transaction.atomic
def record_stage(stage, by, **fields):
    """Write a stage's planned dates, its start and its note; a completed stage is a record
    and no longer changes."""
    cycle = _locked(stage.cycle)
    _require_recorder(by, cycle)
    _require_running(cycle)
    current = _locked_stage(cycle, stage.stage)
    if current.is_completed:
        raise CycleRuleError(
            _("The %(stage)s stage is completed; its record no longer changes.")
            % {"stage": stage_label(current.stage)},
            code="completed",
        )
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    return current


def check_unit_count(cycle):
    """How many different QA units took part in the Check (each unit is recorded once)."""
    return CheckUnit.objects.filter(cycle=cycle).count()


def cycle_actions(cycle):
    """The improvement actions of the cycle's Act: raised from the cycle itself, and those of
    the decision on the improvements, if one is named."""
    own = Q(source_type=ContentType.objects.get_for_model(Cycle), source_id=cycle.pk)
    if cycle.act_decision_id:
        own |= Q(
            source_type=ContentType.objects.get_for_model(Decision),
            source_id=cycle.act_decision_id,
        )
    return ImprovementAction.objects.filter(own)


def _check_is_complete(cycle, stage):
    """Seed 000 §4: at least two QA units take part in checking, and the findings are written
    down for the Act to follow."""
    count = check_unit_count(cycle)
    if count < MIN_CHECK_UNITS:
        raise CycleRuleError(
            _(
                "At least two different QA units must take part in the Check stage "
                "(seed 000 §4); %(count)d recorded so far. Add the units that checked."
            )
            % {"count": count},
            code="too_few_units",
        )
    if not stage.note.strip():
        raise CycleRuleError(
            _("Write down the findings of the check before completing it."), code="no_findings"
        )


def _act_is_complete(cycle, stage):
    """The Act turns the findings into improvements: at least one action, or a note saying
    why none is needed."""
    if not stage.note.strip() and not cycle_actions(cycle).exists():
        raise CycleRuleError(
            _(
                "Raise at least one improvement action from the findings, or say in the note "
                "why none is needed."
            ),
            code="no_actions",
        )


STAGE_RULES = {Stage.CHECK: _check_is_complete, Stage.ACT: _act_is_complete}


@transaction.atomic
def complete_stage(stage, by, on=None):
    """Complete the stage the cycle is at, on the day ``on`` (today by default).

    The stages run in order (seed 000 §4): a stage is completed only when the one before it
    is, never on a day before it or in the future; completing Act finishes the cycle.
    """
    today = timezone.localdate()
    on = on or today
    cycle = _locked(stage.cycle)
    _require_recorder(by, cycle)
    _require_running(cycle)
    stages = {row.stage: row for row in CycleStage.objects.select_for_update().filter(cycle=cycle)}
    current = stages[stage.stage]
    if current.is_completed:
        raise CycleRuleError(
            _("The %(stage)s stage is already completed.") % {"stage": stage_label(current.stage)},
            code="completed",
        )
    if cycle.state != current.stage:
        raise CycleRuleError(
            _("Complete the %(stage)s stage first: the stages run Plan, Do, Check, Act.")
            % {"stage": stage_label(cycle.state)},
            code="order",
        )
    if on > today:
        raise CycleRuleError(_("A stage cannot be completed in the future."), code="future")
    if current.started_on and on < current.started_on:
        raise CycleRuleError(_("The stage cannot end before it started."), code="before_start")
    if current.position:
        previous = stages[STAGE_ORDER[current.position - 1]]
        if on < previous.completed_on:
            raise CycleRuleError(
                _("The %(stage)s stage was completed on %(date)s; this one cannot end before.")
                % {
                    "stage": stage_label(previous.stage),
                    "date": date_format(previous.completed_on),
                },
                code="before_previous",
            )
    rule = STAGE_RULES.get(current.stage)
    if rule:
        rule(cycle, current)
    current.completed_on = on
    current.completed_by = by
    current.save()
    getattr(cycle, COMPLETES[current.stage])()
    cycle.save()
    return cycle


@transaction.atomic
def add_evidence(cycle, by, title, file=None, url=""):
    """Evidence (a PDF, DOCX or ODT file checked like an edition's file, or a link) of the
    stage the cycle is at."""
    cycle = _locked(cycle)
    _require_recorder(by, cycle)
    _require_running(cycle)
    evidence = StageEvidence(
        stage=_locked_stage(cycle, cycle.state),
        title=title,
        file=file or "",
        url=url,
        added_by=by,
    )
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def add_check_unit(cycle, by, kind, unit=None, contribution=""):
    """Record a QA unit taking part in the Check (seed 000 §4); each unit once."""
    cycle = _locked(cycle)
    _require_recorder(by, cycle)
    _require_running(cycle)
    _require_stage(
        cycle, CycleState.CHECK, _("QA units are recorded while the cycle is at the Check stage.")
    )
    field = UNIT_FIELDS.get(kind)
    if kind not in UnitKind.values or (field and unit is None):
        raise CycleRuleError(_("Choose the unit."), code="no_unit")
    check_unit = CheckUnit(
        cycle=cycle,
        kind=kind,
        contribution=contribution.strip(),
        added_by=by,
        **({field: unit} if field else {}),
    )
    try:
        with transaction.atomic():
            check_unit.save()
    except IntegrityError as taken:
        raise CycleRuleError(
            _("This unit already takes part in the check."), code="unit_taken"
        ) from taken
    return check_unit


@transaction.atomic
def remove_check_unit(check_unit, by):
    """Take back a unit recorded by mistake, while the Check is still open."""
    cycle = _locked(check_unit.cycle)
    _require_recorder(by, cycle)
    _require_running(cycle)
    _require_stage(
        cycle, CycleState.CHECK, _("QA units are recorded while the cycle is at the Check stage.")
    )
    check_unit.delete()


def decision_bodies(cycle):
    """The bodies whose decision may adopt the cycle's improvements: those responsible for the
    mechanism and those that took part in the Check."""
    return Body.objects.filter(
        Q(qa_mechanisms=cycle.mechanism_id)
        | Q(pk__in=CheckUnit.objects.filter(cycle=cycle, kind=UnitKind.BODY).values("body"))
    ).distinct()


def decisions_for(cycle):
    return Decision.objects.filter(body__in=decision_bodies(cycle))


@transaction.atomic
def set_act_decision(cycle, by, decision):
    """Name the decision of a responsible body that adopted the improvements (seed 000 §2.1:
    an annulled decision adopts nothing); its improvement actions become the cycle's."""
    cycle = _locked(cycle)
    _require_recorder(by, cycle)
    _require_running(cycle)
    _require_stage(
        cycle, CycleState.ACT, _("The decision is named while the cycle is at the Act stage.")
    )
    if decision is not None:
        if not decision_bodies(cycle).filter(pk=decision.body_id).exists():
            raise CycleRuleError(
                _("The decision must be one of a body responsible for the mechanism."),
                code="other_body",
            )
        if is_annulled(decision):
            raise CycleRuleError(
                _("This decision was annulled; it adopts no improvements."), code="annulled"
            )
    cycle.act_decision = decision
    cycle.save()
    return cycle


@transaction.atomic
def raise_act_action(cycle, by, **fields):
    """An improvement action raised at the Act stage from the findings of the Check."""
    cycle = _locked(cycle)
    _require_recorder(by, cycle)
    _require_running(cycle)
    _require_stage(cycle, CycleState.ACT, _("Improvement actions are raised at the Act stage."))
    return raise_action(source=ActionSource.OTHER, source_object=cycle, **fields)
