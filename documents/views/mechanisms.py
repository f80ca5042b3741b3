"""The register of QA mechanisms, a mechanism with its cycles, and a cycle's four stages with
the forms that record them (seed 000 §4). The rules live in ``documents.pdca``; who may do what
in ``documents.mechanisms``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.actions import actions_visible_to
from governance.downloads import stored_file
from governance.forms_register import ActionCreateForm
from governance.views.raising import raise_from_form

from .. import access, pdca
from ..filters import MechanismFilter
from ..forms import DecisionChoiceForm
from ..forms_mechanisms import (
    CheckUnitForm,
    CompleteStageForm,
    CycleForm,
    EvidenceForm,
    StageForm,
)
from ..mechanisms import can_keep, can_read, can_record, register_order
from ..models import CheckUnit, Cycle, CycleState, Mechanism, Stage, StageEvidence
from ..models.mechanisms import STAGE_ORDER


def _require_reader(user):
    if not can_read(user):
        raise PermissionDenied


@login_required
def mechanism_list(request):
    """Internal and external mechanisms (seed 000 §4.1–4.2), with their running cycles."""
    _require_reader(request.user)
    mechanisms = Mechanism.objects.prefetch_related("bodies", "schools", "departments").annotate(
        cycle_count=Count("cycles", distinct=True),
        running_count=Count("cycles", filter=~Q(cycles__state=CycleState.FINISHED), distinct=True),
    )
    filterset = MechanismFilter(request.GET or None, queryset=mechanisms, request=request)
    return render(
        request,
        "documents/mechanisms/mechanism_list.html",
        {
            "filter": filterset,
            "mechanisms": sorted(filterset.qs, key=register_order),
            "can_keep": can_keep(request.user),
        },
    )


@login_required
def mechanism_detail(request, pk):
    """A mechanism: objectives, governing documents, who is responsible, its calendar and its
    cycles."""
    user = request.user
    _require_reader(user)
    mechanism = get_object_or_404(
        Mechanism.objects.prefetch_related("bodies", "schools", "departments"), pk=pk
    )
    documents = list(mechanism.documents.order_by("code"))
    readable = set(
        access.documents_visible_to(user)
        .filter(pk__in=[d.pk for d in documents])
        .values_list("pk", flat=True)
    )
    cycles = mechanism.cycles.prefetch_related("stages").order_by("-created_at", "-pk")
    return render(
        request,
        "documents/mechanisms/mechanism_detail.html",
        {
            "mechanism": mechanism,
            "documents": documents,
            "readable_documents": readable,
            "cycles": cycles,
            "can_keep": can_keep(user),
        },
    )


@login_required
def cycle_create(request, pk):
    """The QA office starts a cycle of the mechanism (e.g. the academic year 2026-2027)."""
    if not can_keep(request.user):
        raise PermissionDenied
    mechanism = get_object_or_404(Mechanism, pk=pk)
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = pdca.start_cycle(mechanism, request.user, form.cleaned_data["period"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cycle is started at the Plan stage."))
            return redirect("documents:cycle_detail", cycle.pk)
    return render(
        request, "documents/mechanisms/cycle_form.html", {"mechanism": mechanism, "form": form}
    )


def _cycle(pk):
    return get_object_or_404(
        Cycle.objects.select_related("mechanism", "act_decision__body", "created_by"), pk=pk
    )


def _readable_cycle(request, pk):
    _require_reader(request.user)
    return _cycle(pk)


def _recordable_cycle(request, pk):
    cycle = _readable_cycle(request, pk)
    if not can_record(request.user, cycle.mechanism):
        raise PermissionDenied
    return cycle


def _stages(cycle):
    """The four stages in order, each with its evidence."""
    rows = cycle.stages.prefetch_related(
        Prefetch(
            "evidence",
            queryset=StageEvidence.objects.select_related("added_by"),
            to_attr="evidence_rows",
        )
    ).select_related("completed_by")
    by_stage = {row.stage: row for row in rows}
    return [by_stage[stage] for stage in STAGE_ORDER if stage in by_stage]


def _cycle_context(request, cycle, **bound):
    """The cycle page; ``bound`` holds forms sent back with their errors."""
    user = request.user
    stages = _stages(cycle)
    actions = list(pdca.cycle_actions(cycle).select_related("owner").order_by("due_date", "pk"))
    readable_actions = set(
        actions_visible_to(user).filter(pk__in=[a.pk for a in actions]).values_list("pk", flat=True)
    )
    records = can_record(user, cycle.mechanism) and not cycle.is_finished
    for stage in stages:
        stage.is_current = stage.stage == cycle.state
        stage.editable = records and not stage.is_completed
        if stage.editable:
            stage.form = bound.get(f"stage_{stage.stage}") or StageForm(
                instance=stage, prefix=stage.stage
            )
    context = {
        "cycle": cycle,
        "mechanism": cycle.mechanism,
        "stages": stages,
        "check_units": list(
            cycle.check_units.select_related("body", "school", "department", "added_by")
        ),
        "min_check_units": pdca.MIN_CHECK_UNITS,
        "actions": actions,
        "readable_actions": readable_actions,
        "can_record": records,
    }
    if records:
        context["complete_form"] = bound.get("complete_form") or CompleteStageForm()
        context["evidence_form"] = bound.get("evidence_form") or EvidenceForm()
        if cycle.state == CycleState.CHECK:
            context["unit_form"] = bound.get("unit_form") or CheckUnitForm()
        if cycle.state == CycleState.ACT:
            context["decision_form"] = DecisionChoiceForm(
                decisions=pdca.decisions_for(cycle).select_related("body"),
                initial={"decision": cycle.act_decision_id},
            )
    return context


def _render_cycle(request, cycle, **bound):
    return render(
        request, "documents/mechanisms/cycle_detail.html", _cycle_context(request, cycle, **bound)
    )


@login_required
def cycle_detail(request, pk):
    """The four stages of a cycle with dates, notes, evidence, the QA units of the Check and
    the improvement actions of the Act."""
    return _render_cycle(request, _readable_cycle(request, pk))


@login_required
def evidence_file(request, pk):
    """A stage's evidence file, to those who read the cycle."""
    _require_reader(request.user)
    evidence = get_object_or_404(StageEvidence, pk=pk)
    return stored_file(evidence.file)


def _to_cycle(cycle, anchor=""):
    response = redirect("documents:cycle_detail", cycle.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _stage_of(cycle, stage):
    if stage not in Stage.values:
        raise Http404
    return get_object_or_404(cycle.stages, stage=stage)


@require_POST
@login_required
def stage_update(request, pk, stage):
    """Save a stage's planned dates, start and note."""
    cycle = _recordable_cycle(request, pk)
    row = _stage_of(cycle, stage)
    form = StageForm(request.POST, instance=row, prefix=stage)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in StageForm.Meta.fields}
        try:
            pdca.record_stage(row, request.user, **fields)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The stage is saved."))
            return _to_cycle(cycle, f"stage-{stage}")
    return _render_cycle(request, cycle, **{f"stage_{stage}": form})


@require_POST
@login_required
def stage_complete(request, pk, stage):
    """Complete the stage the cycle is at (seed 000 §4: in order; Check needs two QA units)."""
    cycle = _recordable_cycle(request, pk)
    row = _stage_of(cycle, stage)
    form = CompleteStageForm(request.POST)
    if form.is_valid():
        try:
            cycle = pdca.complete_stage(row, request.user, on=form.cleaned_data["completed_on"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if cycle.is_finished:
                messages.success(request, _("The Act is completed: the cycle is finished."))
            else:
                messages.success(request, _("The stage is completed."))
        return _to_cycle(cycle, f"stage-{stage}")
    return _render_cycle(request, cycle, complete_form=form)


@require_POST
@login_required
def evidence_add(request, pk):
    """Evidence (a file or a link) of the stage the cycle is at."""
    cycle = _recordable_cycle(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            pdca.add_evidence(
                cycle, request.user, data["title"], file=data["file"], url=data["url"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The evidence is added."))
            return _to_cycle(cycle, f"stage-{cycle.state}")
    return _render_cycle(request, cycle, evidence_form=form)


@require_POST
@login_required
def check_unit_add(request, pk):
    """A QA unit taking part in the Check."""
    cycle = _recordable_cycle(request, pk)
    form = CheckUnitForm(request.POST)
    if form.is_valid():
        try:
            pdca.add_check_unit(
                cycle,
                request.user,
                form.cleaned_data["kind"],
                form.unit,
                form.cleaned_data["contribution"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The QA unit is recorded."))
            return _to_cycle(cycle, "stage-check")
    return _render_cycle(request, cycle, unit_form=form)


@require_POST
@login_required
def check_unit_remove(request, pk):
    check_unit = get_object_or_404(CheckUnit.objects.select_related("cycle__mechanism"), pk=pk)
    cycle = _recordable_cycle(request, check_unit.cycle_id)
    try:
        pdca.remove_check_unit(check_unit, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The QA unit is removed from the check."))
    return _to_cycle(cycle, "stage-check")


@require_POST
@login_required
def act_decision(request, pk):
    """Name the decision of a responsible body that adopted the improvements."""
    cycle = _recordable_cycle(request, pk)
    form = DecisionChoiceForm(request.POST, decisions=pdca.decisions_for(cycle))
    if not form.is_valid():
        messages.error(request, _("Choose a decision from the list."))
    else:
        try:
            pdca.set_act_decision(cycle, request.user, form.cleaned_data["decision"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The decision on the improvements is saved."))
    return _to_cycle(cycle, "stage-act")


@login_required
def cycle_action_create(request, pk):
    """An improvement action raised at the Act stage from the findings of the Check."""
    cycle = _recordable_cycle(request, pk)
    if cycle.state != CycleState.ACT:
        messages.error(request, _("Improvement actions are raised at the Act stage."))
        return _to_cycle(cycle, "stage-act")
    form = ActionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = raise_from_form(
            request, form, lambda **fields: pdca.raise_act_action(cycle, request.user, **fields)
        )
        if action is not None:
            return _to_cycle(cycle, "stage-act")
    findings = cycle.stages.filter(stage=Stage.CHECK).values_list("note", flat=True).first()
    return render(
        request,
        "documents/action_form.html",
        {
            "form": form,
            "back_url": cycle.get_absolute_url(),
            "back_label": str(cycle),
            "source_text": findings,
        },
    )
