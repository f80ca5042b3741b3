"""A section of the self-assessment report: its narrative, SWOT and status, and its evidence.

Issue 6 ("Self-assessment report"). The working group writes while the cycle is in
self-assessment (``accreditation.cycles.can_edit_section``); everyone who reads the cycle reads
the section. Evidence is added and removed in place with HTMX (the page works without it).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.downloads import stored_file

from .. import cycles as rules
from .. import evidence as evidence_rules
from ..forms_cycles import EvidenceForm, SectionForm
from ..models.sar import Evidence, EvidenceKind, Section

EVIDENCE_TEMPLATE = "accreditation/cycles/_evidence.html"


def _section(request, pk):
    section = get_object_or_404(
        Section.objects.select_related("cycle__agency", "cycle__framework", "clause", "owner"),
        pk=pk,
    )
    rules.require_reader(request.user, section.cycle)
    return section


def _evidence_context(request, section, form=None, editable=None):
    items = list(
        section.evidence.select_related(*evidence_rules.related_fields()).order_by("added_at", "pk")
    )
    for item in items:
        item.label = evidence_rules.label(item)
    editable = rules.can_edit_section(request.user, section) if editable is None else editable
    if editable and form is None:
        form = EvidenceForm(section=section)
    return {"section": section, "items": items, "evidence_form": form, "editable": editable}


@login_required
def section_edit(request, pk):
    """Read a section; its writers edit the narrative (kk/ru/en), the SWOT and the status."""
    section = _section(request, pk)
    editable = rules.can_edit_section(request.user, section)
    manager = rules.manages(request.user)
    form = None
    if editable:
        form = SectionForm(request.POST or None, instance=section, manager=manager)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The section is saved."))
        return redirect("accreditation:section_edit", pk=section.pk)
    context = _evidence_context(request, section, editable=editable)
    context.update({"form": form, "cycle": section.cycle})
    return render(request, "accreditation/cycles/section.html", context)


def _after_evidence(request, section, form=None):
    if request.htmx:
        return render(request, EVIDENCE_TEMPLATE, _evidence_context(request, section, form))
    return redirect("accreditation:section_edit", pk=section.pk)


@require_POST
@login_required
def evidence_add(request, pk):
    """Link a record, or upload a file, as evidence of the section."""
    section = _section(request, pk)
    if not rules.can_edit_section(request.user, section):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES, section=section)
    if form.is_valid():
        form.instance.added_by = request.user
        form.save()
        if not request.htmx:
            messages.success(request, _("The evidence is added."))
        return _after_evidence(request, section)
    if request.htmx:
        return _after_evidence(request, section, form)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("accreditation:section_edit", pk=section.pk)


@require_POST
@login_required
def evidence_remove(request, pk):
    item = get_object_or_404(Evidence, pk=pk)
    section = _section(request, item.section_id)
    if not rules.can_edit_section(request.user, section):
        raise PermissionDenied
    item.delete()
    if not request.htmx:
        messages.success(request, _("The evidence is removed."))
    return _after_evidence(request, section)


@login_required
def evidence_file(request, pk):
    """An uploaded evidence file, for those who read the cycle."""
    item = get_object_or_404(Evidence, pk=pk)
    _section(request, item.section_id)
    if item.kind != EvidenceKind.FILE:
        raise Http404
    return stored_file(item.file)
