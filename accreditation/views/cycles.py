"""Accreditation cycles: the QA manager's board, a cycle's page (working group, milestones,
sections with readiness), the status steps and the export of the self-assessment report.

Issue 6 ("Cycles", "Pages"). Who may do what is decided in ``accreditation.cycles``;
readiness in ``accreditation.readiness``; the exported files in ``accreditation.sar_export``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.access import reads_all
from governance.downloads import generated

from .. import agency_decision
from .. import cycles as rules
from ..forms_cycles import CycleForm, MemberForm, MilestoneForm
from ..models.cycles import Cycle, Milestone, WorkingGroupMember
from ..overview import with_readiness
from ..readiness import readiness
from ..sar_export import filename, sar_pdf, sar_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cycle(request, pk, require=rules.require_reader):
    """The cycle ``pk`` if ``require(user, cycle)`` lets the user read it (its readers)."""
    cycle = get_object_or_404(Cycle.objects.select_related("agency", "framework"), pk=pk)
    require(request.user, cycle)
    return cycle


def _managed_cycle(request, pk):
    rules.require_manager(request.user)
    return get_object_or_404(Cycle.objects.select_related("agency", "framework"), pk=pk)


def _to_cycle(cycle):
    return redirect("accreditation:cycle_detail", pk=cycle.pk)


@login_required
def cycle_board(request):
    """The QA office's board: every cycle with its readiness, the coming milestones and the
    sections past their due date (the QA manager, the rector and the vice-rectors)."""
    if not reads_all(request.user):
        raise PermissionDenied
    cycles = with_readiness(
        rules.readable_cycles(request.user)
        .select_related("agency", "framework")
        .order_by("-created_at", "-pk")
    )
    today = timezone.localdate()
    return render(
        request,
        "accreditation/cycles/board.html",
        {
            "cycles": cycles,
            "milestones": rules.upcoming_milestones(cycles),
            "overdue": rules.overdue_sections(cycles, today),
            "today": today,
            "can_manage": rules.manages(request.user),
        },
    )


def _form_page(request, form, cycle=None):
    return render(request, "accreditation/cycles/cycle_form.html", {"form": form, "cycle": cycle})


@login_required
def cycle_create(request):
    """The QA manager plans a cycle: type, agency, framework and programmes."""
    rules.require_manager(request.user)
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        cycle = form.save()
        messages.success(request, _("The cycle is planned. Form its working group next."))
        return _to_cycle(cycle)
    return _form_page(request, form)


@login_required
def cycle_edit(request, pk):
    cycle = _managed_cycle(request, pk)
    form = CycleForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The cycle is saved."))
        return _to_cycle(cycle)
    return _form_page(request, form, cycle)


@login_required
def cycle_detail(request, pk):
    """A cycle: status and next steps, milestones, working group, and the sections of the
    report with their readiness per criterion, per owner and overall."""
    cycle = _cycle(request, pk)
    sections = list(rules.sections_with_counts(cycle.sections.all()))
    ready = readiness(sections)
    for section in sections:
        section.ready = ready.by_section[section.pk]
        section.editable = rules.can_edit_section(request.user, section)
    manager = rules.manages(request.user)
    today = timezone.localdate()
    return render(
        request,
        "accreditation/cycles/cycle_detail.html",
        {
            "cycle": cycle,
            "programmes": list(cycle.programmes.order_by("code")),
            "decisions": agency_decision.records(cycle),
            "takes_decision": manager and agency_decision.takes_decision(cycle),
            "sections": sections,
            "readiness": ready,
            "members": rules.member_list(cycle),
            "milestones": cycle.milestones.select_related("clause").order_by("date", "pk"),
            "today": today,
            "can_manage": manager,
            "reads_board": reads_all(request.user),
            "steps": rules.page_steps(cycle) if manager else [],
            "member_form": MemberForm(cycle=cycle) if manager else None,
            "milestone_form": MilestoneForm(cycle=cycle) if manager else None,
        },
    )


@require_POST
@login_required
def cycle_transition(request, pk):
    """Move the cycle on (``accreditation.cycles.move``)."""
    cycle = _managed_cycle(request, pk)
    step = request.POST.get("step", "")
    try:
        if step not in dict(rules.page_steps(cycle)):
            raise ValueError(step)
        rules.move(cycle, step)
    except ValueError:
        messages.error(request, _("The cycle cannot take this step now."))
    else:
        messages.success(
            request,
            _("The cycle is now at: %(status)s.") % {"status": cycle.get_status_display()},
        )
    return _to_cycle(cycle)


def _saved(request, form, done):
    """Save a form posted from the cycle page; its errors come back as messages there."""
    if form.is_valid():
        form.save()
        messages.success(request, done)
        return True
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return False


@require_POST
@login_required
def member_add(request, pk):
    """Seat a person on the working group with the criteria they write."""
    cycle = _managed_cycle(request, pk)
    form = MemberForm(request.POST, cycle=cycle)
    if _saved(request, form, _("The working group is updated.")):
        rules.assign_owners(cycle)
    return _to_cycle(cycle)


@require_POST
@login_required
def member_remove(request, pk):
    member = get_object_or_404(WorkingGroupMember.objects.select_related("cycle"), pk=pk)
    rules.require_manager(request.user)
    member.delete()
    messages.success(request, _("%(person)s has left the working group.") % {"person": member})
    return _to_cycle(member.cycle)


@require_POST
@login_required
def milestone_add(request, pk):
    cycle = _managed_cycle(request, pk)
    _saved(request, MilestoneForm(request.POST, cycle=cycle), _("The milestone is added."))
    return _to_cycle(cycle)


@require_POST
@login_required
def milestone_done(request, pk):
    """Mark a milestone as reached (or not yet, when posted again)."""
    milestone = get_object_or_404(Milestone.objects.select_related("cycle"), pk=pk)
    rules.require_manager(request.user)
    milestone.done = not milestone.done
    milestone.save(update_fields=["done"])
    return _to_cycle(milestone.cycle)


@login_required
def sar_pdf_download(request, pk):
    """The self-assessment report as PDF (cover, contents, sections, evidence)."""
    cycle = _cycle(request, pk)
    return generated(sar_pdf(cycle), "application/pdf", filename(cycle, "pdf"))


@login_required
def sar_xlsx_download(request, pk):
    """The self-assessment report as an editable XLSX workbook."""
    cycle = _cycle(request, pk)
    return generated(sar_xlsx(cycle), XLSX, filename(cycle, "xlsx"))


@login_required
def my_criteria(request):
    """The sections the person writes, in every cycle, with what is due first."""
    sections = list(
        rules.sections_with_counts(rules.my_sections(request.user))
        .select_related("cycle")
        .order_by("cycle", "clause__position")
    )
    ready = readiness(sections)
    for section in sections:
        section.ready = ready.by_section[section.pk]
    return render(
        request,
        "accreditation/cycles/my_criteria.html",
        {"sections": sections, "readiness": ready, "today": timezone.localdate()},
    )
