"""External mechanisms (seed 000 §4.2): the Atameken ranking results per programme, year on
year, and the Academic Integrity League monitorings with their group and findings.

The Atameken results are read like the register (a dean reads their school's programmes);
the League's monitorings concern the whole university and are read by the whole-register
readers. The QA manager keeps both. The rules: ``accreditation.atameken`` and
``accreditation.integrity_league``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, atameken, integrity_league
from .. import programme_register as register
from ..forms_register import (
    AtamekenResultForm,
    FindingActionForm,
    FindingForm,
    MonitoringForm,
)
from ..models import AtamekenResult, IntegrityMonitoring, MonitoringFinding

# --- Atameken ranking -------------------------------------------------------------------------


@login_required
def atameken_list(request):
    """Each programme's Atameken results, newest first, with the change from the year
    before."""
    user = request.user
    register.require_register_reader(user)
    return render(
        request,
        "accreditation/external/atameken_list.html",
        {
            "groups": atameken.by_programme(register.programmes_visible_to(user)),
            "can_manage": access.manages(user),
            "reads_integrity": register.reads_whole_register(user),
        },
    )


def _atameken_form(request, result):
    access.require_keeper(request.user)
    form = AtamekenResultForm(request.POST or None, instance=result)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The ranking result is saved."))
        return redirect("accreditation:atameken_list")
    return render(
        request,
        "accreditation/external/atameken_form.html",
        {"form": form, "result": result if result.pk else None},
    )


@login_required
def atameken_create(request):
    return _atameken_form(request, AtamekenResult())


@login_required
def atameken_edit(request, pk):
    access.require_keeper(request.user)
    return _atameken_form(
        request, get_object_or_404(AtamekenResult.objects.select_related("programme"), pk=pk)
    )


# --- Academic Integrity League ----------------------------------------------------------------


def _require_monitoring_reader(user):
    if not register.reads_whole_register(user):
        raise PermissionDenied


def _monitoring(pk):
    return get_object_or_404(IntegrityMonitoring, pk=pk)


@login_required
def integrity_list(request):
    _require_monitoring_reader(request.user)
    monitorings = IntegrityMonitoring.objects.annotate(
        member_count=Count("members", distinct=True),
        finding_count=Count("findings", distinct=True),
    ).order_by("-year")
    return render(
        request,
        "accreditation/external/integrity_list.html",
        {
            "monitorings": monitorings,
            "minimum": integrity_league.MIN_GROUP_SIZE,
            "can_manage": access.manages(request.user),
            "reads_integrity": True,
        },
    )


@login_required
def integrity_detail(request, pk):
    """The monitoring, its group, its findings with their improvement actions, and what
    still stops it from being completed."""
    user = request.user
    _require_monitoring_reader(user)
    monitoring = _monitoring(pk)
    members = list(monitoring.members.select_related("person"))
    findings = list(monitoring.findings.all())
    actions = integrity_league.actions_by_finding(findings)
    for finding in findings:
        finding.actions = actions.get(finding.pk, [])
    can_manage = access.manages(user)
    return render(
        request,
        "accreditation/external/integrity_detail.html",
        {
            "monitoring": monitoring,
            "members": members,
            "findings": findings,
            "minimum": integrity_league.MIN_GROUP_SIZE,
            "latest_criteria": integrity_league.latest_criteria_date(monitoring.visit_date),
            "problems": []
            if monitoring.is_completed
            else integrity_league.completion_problems(monitoring),
            "can_manage": can_manage,
            "finding_form": FindingForm() if can_manage else None,
        },
    )


def _monitoring_form(request, monitoring):
    access.require_keeper(request.user)
    form = MonitoringForm(request.POST or None, instance=monitoring)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            form.save_members()
        messages.success(request, _("The monitoring is saved."))
        return redirect("accreditation:integrity_detail", saved.pk)
    return render(
        request,
        "accreditation/external/integrity_form.html",
        {
            "form": form,
            "monitoring": monitoring if monitoring.pk else None,
            "minimum": integrity_league.MIN_GROUP_SIZE,
        },
    )


@login_required
def integrity_create(request):
    return _monitoring_form(request, IntegrityMonitoring(created_by=request.user))


@login_required
def integrity_edit(request, pk):
    access.require_keeper(request.user)
    return _monitoring_form(request, _monitoring(pk))


@require_POST
@login_required
def integrity_complete(request, pk):
    """Complete the monitoring once its criteria, group and visit are in order."""
    access.require_keeper(request.user)
    monitoring = _monitoring(pk)
    try:
        integrity_league.complete(monitoring)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The monitoring is completed."))
    return redirect("accreditation:integrity_detail", monitoring.pk)


@require_POST
@login_required
def integrity_finding_add(request, pk):
    access.require_keeper(request.user)
    monitoring = _monitoring(pk)
    form = FindingForm(request.POST, instance=MonitoringFinding(monitoring=monitoring))
    if form.is_valid():
        form.save()
        messages.success(request, _("The finding is added."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("accreditation:integrity_detail", monitoring.pk)


@login_required
def integrity_finding_action(request, pk):
    """The QA manager raises an improvement action from a finding: owner and due date."""
    access.require_keeper(request.user)
    finding = get_object_or_404(MonitoringFinding.objects.select_related("monitoring"), pk=pk)
    form = FindingActionForm(
        request.POST or None, initial={"due_date": integrity_league.default_due_date()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = integrity_league.raise_finding_action(finding, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The improvement action is raised."))
            return redirect("governance:action_detail", action.pk)
    return render(
        request,
        "accreditation/external/finding_action.html",
        {"form": form, "finding": finding, "monitoring": finding.monitoring},
    )
