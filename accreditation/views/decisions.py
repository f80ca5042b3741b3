"""The end of a cycle: the site visit programme, the agency's decision, the action plan
answering the experts and the follow-up (post-accreditation monitoring) report.

Issue 6. The cycle's readers (``accreditation.cycles.can_read``) read every page; the QA
manager keeps them. The rules live in ``accreditation.site_visit``,
``accreditation.agency_decision``, ``accreditation.action_plan`` and
``accreditation.follow_up_export``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from governance.downloads import generated
from governance.minutes import css_string

from .. import action_plan, agency_decision, site_visit
from .. import cycles as rules
from ..follow_up_export import filename, follow_up_pdf, report_context
from ..forms_decisions import DecisionForm, RecommendationForm, VisitMeetingForm
from ..models.decisions import VisitMeeting
from .cycles import _cycle, _managed_cycle, _to_cycle


def _visit_context(request, cycle, form=None):
    manager = rules.manages(request.user)
    return {
        "cycle": cycle,
        "reads_cycle": rules.can_read(request.user, cycle),
        "meetings": site_visit.schedule(cycle),
        "can_manage": manager,
        "form": form or (VisitMeetingForm(cycle=cycle) if manager else None),
    }


@login_required
def visit_schedule(request, pk):
    """The site visit programme, day by day; the QA manager adds meetings below it."""
    cycle = _cycle(request, pk, site_visit.require_programme_reader)
    return render(request, "accreditation/cycles/visit.html", _visit_context(request, cycle))


@login_required
def visit_print(request, pk):
    """The programme on one printable page for the panel and the participants."""
    cycle = _cycle(request, pk, site_visit.require_programme_reader)
    context = _visit_context(request, cycle)
    context["header_css"] = css_string(cycle.title)
    return render(request, "accreditation/cycles/visit_print.html", context)


@require_POST
@login_required
def visit_meeting_add(request, pk):
    cycle = _managed_cycle(request, pk)
    form = VisitMeetingForm(request.POST, cycle=cycle)
    if form.is_valid():
        form.save()
        messages.success(request, _("The meeting is added to the visit programme."))
        return redirect("accreditation:visit_schedule", pk=cycle.pk)
    return render(
        request, "accreditation/cycles/visit.html", _visit_context(request, cycle, form), status=400
    )


@login_required
def visit_meeting_edit(request, pk):
    rules.require_manager(request.user)
    meeting = get_object_or_404(VisitMeeting.objects.select_related("cycle"), pk=pk)
    form = VisitMeetingForm(request.POST or None, instance=meeting, cycle=meeting.cycle)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The meeting is saved."))
        return redirect("accreditation:visit_schedule", pk=meeting.cycle_id)
    return render(
        request,
        "accreditation/cycles/visit_meeting_form.html",
        {"form": form, "meeting": meeting, "cycle": meeting.cycle},
    )


@require_POST
@login_required
def visit_meeting_remove(request, pk):
    rules.require_manager(request.user)
    meeting = get_object_or_404(VisitMeeting, pk=pk)
    meeting.delete()
    messages.success(request, _("The meeting is removed from the visit programme."))
    return redirect("accreditation:visit_schedule", pk=meeting.cycle_id)


@login_required
def decision_edit(request, pk):
    """The QA manager records the agency's decision; it is written to the register."""
    cycle = _managed_cycle(request, pk)
    allowed = agency_decision.takes_decision(cycle)
    form = DecisionForm(
        request.POST or None, request.FILES or None, instance=agency_decision.draft(cycle)
    )
    if request.method == "POST" and allowed and form.is_valid():
        written = agency_decision.record(cycle, form.instance, request.user)
        messages.success(
            request,
            ngettext(
                "The decision is recorded in the register (%(count)s record).",
                "The decision is recorded in the register (%(count)s records).",
                len(written),
            )
            % {"count": len(written)},
        )
        return _to_cycle(cycle)
    if request.method == "POST" and not allowed:
        messages.error(request, _("A decision cannot be recorded on this cycle now."))
    return render(
        request,
        "accreditation/cycles/decision_form.html",
        {
            "cycle": cycle,
            "form": form,
            "allowed": allowed,
            "subjects": agency_decision.subjects(cycle),
        },
        status=400 if request.method == "POST" else 200,
    )


def _plan_context(request, cycle, form=None):
    manager = rules.manages(request.user)
    context = report_context(cycle)
    context["can_manage"] = manager
    context["takes_recommendations"] = action_plan.takes_recommendations(cycle)
    if manager and context["takes_recommendations"]:
        context["form"] = form or RecommendationForm(cycle=cycle)
    return context


@login_required
def action_plan_page(request, pk):
    """The recommendations of the experts with their actions, status, evidence and delays."""
    cycle = _cycle(request, pk)
    return render(request, "accreditation/cycles/action_plan.html", _plan_context(request, cycle))


@require_POST
@login_required
def recommendation_add(request, pk):
    """A recommendation of the panel and its improvement action, in one step."""
    cycle = _managed_cycle(request, pk)
    form = RecommendationForm(request.POST, cycle=cycle)
    if not action_plan.takes_recommendations(cycle):
        messages.error(request, _("Recommendations are added after the site visit."))
        return redirect("accreditation:action_plan", pk=cycle.pk)
    if form.is_valid():
        try:
            action_plan.add_recommendation(cycle, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The recommendation and its action are added."))
            return redirect("accreditation:action_plan", pk=cycle.pk)
    return render(
        request,
        "accreditation/cycles/action_plan.html",
        _plan_context(request, cycle, form),
        status=400,
    )


@login_required
def follow_up_report(request, pk):
    """The post-accreditation monitoring report on the execution of the plan."""
    cycle = _cycle(request, pk)
    return render(request, "accreditation/cycles/follow_up.html", report_context(cycle))


@login_required
def follow_up_report_pdf(request, pk):
    cycle = _cycle(request, pk)
    return generated(follow_up_pdf(cycle), "application/pdf", filename(cycle))
