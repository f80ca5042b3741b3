"""Inspections of schools and departments by the QA office (seed 004 §5.7): the list, planning,
the inspection page with its checklist (ticked item by item, with htmx), findings, the report
and the improvement actions raised from findings. The rules live in ``documents.inspections``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.actions import actions_visible_to
from governance.forms_register import ActionCreateForm
from governance.views.raising import raise_from_form

from .. import inspections as rules
from ..filters import InspectionFilter
from ..forms_inspections import FindingForm, InspectionForm, ItemForm, ReportForm, ResultForm
from ..mechanisms import can_read
from ..models import ChecklistItem, Finding, Inspection, InspectionState

PAGE_SIZE = 25


def _require_reader(user):
    if not can_read(user):
        raise PermissionDenied


@login_required
def inspection_list(request):
    """Planned, running and completed inspections, the latest first."""
    _require_reader(request.user)
    inspections = (
        Inspection.objects.select_related("school", "department")
        .prefetch_related("inspectors")
        .annotate(finding_count=Count("findings"))
        .order_by("-date", "-pk")
    )
    filterset = InspectionFilter(request.GET or None, queryset=inspections, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/inspections/inspection_list.html",
        {
            "filter": filterset,
            "page": page,
            "inspections": page.object_list,
            "can_plan": rules.can_plan(request.user),
        },
    )


@login_required
def inspection_create(request):
    """The QA office plans an inspection (its checklist from a template)."""
    if not rules.can_plan(request.user):
        raise PermissionDenied
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            inspection = rules.plan_inspection(request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The inspection is planned."))
            return redirect(inspection)
    return render(request, "documents/inspections/inspection_form.html", {"form": form})


def _inspection(pk):
    return get_object_or_404(
        Inspection.objects.select_related("school", "department__school", "template"), pk=pk
    )


def _conducted(request, pk):
    """The inspection, for those who conduct it (403 for others)."""
    _require_reader(request.user)
    inspection = _inspection(pk)
    if not rules.can_conduct(request.user, inspection):
        raise PermissionDenied
    return inspection


def _detail_context(request, inspection, **bound):
    user = request.user
    items = list(inspection.items.all())
    findings = list(inspection.findings.select_related("item", "created_by"))
    actions = rules.actions_by_finding(findings)
    shown = [action.pk for rows in actions.values() for action in rows]
    readable = set(actions_visible_to(user).filter(pk__in=shown).values_list("pk", flat=True))
    for finding in findings:
        finding.actions = actions[finding.pk]
    conducts = rules.can_conduct(user, inspection)
    state = inspection.state
    context = {
        "inspection": inspection,
        "inspectors": list(inspection.inspectors.order_by("full_name_kk")),
        "items": items,
        "open_items": sum(1 for item in items if not item.result),
        "findings": findings,
        "readable_actions": readable,
        "conducts": conducts,
        "ticking": conducts and state == InspectionState.IN_PROGRESS,
        "raises_actions": conducts and state != InspectionState.PLANNED,
    }
    if conducts and state != InspectionState.COMPLETED:
        context["item_form"] = bound.get("item_form") or ItemForm()
    if context["ticking"]:
        for item in items:
            item.form = ResultForm(
                initial={"result": item.result, "comment": item.comment}, prefix=f"item{item.pk}"
            )
        context["finding_form"] = bound.get("finding_form") or FindingForm(
            items=inspection.items.all()
        )
        context["report_form"] = bound.get("report_form") or ReportForm()
    return context


def _render_detail(request, inspection, **bound):
    return render(
        request,
        "documents/inspections/inspection_detail.html",
        _detail_context(request, inspection, **bound),
    )


@login_required
def inspection_detail(request, pk):
    _require_reader(request.user)
    return _render_detail(request, _inspection(pk))


def _to_inspection(inspection, anchor=""):
    response = redirect(inspection)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@require_POST
@login_required
def inspection_change(request, pk):
    """``op`` is start, or complete (with the report)."""
    inspection = _conducted(request, pk)
    op = request.POST.get("op")
    if op == "start":
        try:
            rules.start(inspection, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The inspection is under way."))
        return _to_inspection(inspection)
    if op != "complete":
        return HttpResponseBadRequest(_("Unknown change."))
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            rules.complete(inspection, request.user, form.cleaned_data["report"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The inspection is completed."))
            return _to_inspection(inspection)
    return _render_detail(request, inspection, report_form=form)


@require_POST
@login_required
def checklist_item_add(request, pk):
    inspection = _conducted(request, pk)
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            rules.add_item(inspection, request.user, form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The item is added to the checklist."))
            return _to_inspection(inspection, "checklist")
    return _render_detail(request, inspection, item_form=form)


@require_POST
@login_required
def checklist_item_update(request, pk):
    """Tick one item; with htmx only its row, and the count of items left, are sent back."""
    item = get_object_or_404(ChecklistItem, pk=pk)
    inspection = _conducted(request, item.inspection_id)
    item.inspection = inspection
    form = ResultForm(request.POST, prefix=f"item{item.pk}")
    error = ""
    if form.is_valid():
        try:
            rules.record_result(
                item, request.user, form.cleaned_data["result"], form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = _("Choose a result for the item.")
    if request.htmx:
        item.form = (
            form
            if error
            else ResultForm(
                initial={"result": item.result, "comment": item.comment}, prefix=f"item{item.pk}"
            )
        )
        context = {
            "item": item,
            "ticking": True,
            "error": error,
            "saved": not error,
            "oob": True,  # the count of items without a result is sent along
            "open_items": inspection.items.filter(result="").count(),
        }
        return render(request, "documents/inspections/_checklist_item.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The result is saved."))
    return _to_inspection(inspection, f"item-{item.pk}")


@require_POST
@login_required
def finding_add(request, pk):
    inspection = _conducted(request, pk)
    form = FindingForm(request.POST, items=inspection.items.all())
    if form.is_valid():
        try:
            finding = rules.add_finding(
                inspection, request.user, form.cleaned_data["text"], form.cleaned_data["item"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The finding is recorded."))
            return _to_inspection(inspection, f"finding-{finding.pk}")
    return _render_detail(request, inspection, finding_form=form)


@login_required
def finding_action_create(request, pk):
    """An improvement action raised from a finding: owner and due date (seed 004 §5.7)."""
    finding = get_object_or_404(Finding, pk=pk)
    inspection = _conducted(request, finding.inspection_id)
    finding.inspection = inspection
    form = ActionCreateForm(request.POST or None, initial={"school": inspection.unit_school.pk})
    if request.method == "POST" and form.is_valid():
        action = raise_from_form(
            request,
            form,
            lambda **fields: rules.raise_finding_action(finding, request.user, **fields),
        )
        if action is not None:
            return _to_inspection(inspection, f"finding-{finding.pk}")
    return render(
        request,
        "documents/action_form.html",
        {
            "form": form,
            "back_url": inspection.get_absolute_url(),
            "back_label": str(inspection),
            "source_text": finding.text,
        },
    )
