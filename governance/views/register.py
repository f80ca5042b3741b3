"""The decision register and improvement actions.

Seed 000 §2: members read everything their body decides; the council may revise or annul a
school committee's decision (§2.1); the QA manager monitors every mechanism (§2.3). Seed 000 §4:
each mechanism follows Plan–Do–Check–Act, and improvement actions are its Act. The rules live
in ``governance.actions``; these views only check them and show the result.
"""

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import actions as rules
from governance.downloads import stored_file
from governance.filters import ActionFilter, DecisionFilter
from governance.forms_register import ActionCreateForm, EvidenceForm, ReturnForm
from governance.models import Decision, ImprovementAction
from governance.models.decisions import ActionStatus, RevisionKind
from governance.views.raising import raise_from_form

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _revision_note(revision):
    params = {"number": revision.number, "body": revision.body}
    if revision.revision_kind == RevisionKind.ANNULLED:
        return _("Annulled by decision No. %(number)s of %(body)s") % params
    return _("Revised by decision No. %(number)s of %(body)s") % params


def _revises_note(decision):
    params = {"number": decision.revises.number, "body": decision.revises.body}
    if decision.revision_kind == RevisionKind.ANNULLED:
        return _("Annuls decision No. %(number)s of %(body)s") % params
    return _("Revises decision No. %(number)s of %(body)s") % params


def _link(decision, readable):
    """The decision's page, or "" when the reader may not open it (another body's decision)."""
    if readable is None or decision.body_id in readable:
        return reverse("governance:decision_detail", args=[decision.pk])
    return ""


def _with_revisions():
    later = Decision.objects.select_related("body").order_by("date", "pk")
    return Prefetch("revisions", queryset=later)


# --- Decision register --------------------------------------------------------------------


@login_required
def decision_list(request):
    """The register of decisions of the bodies the person reads, newest first."""
    user = request.user
    visible = rules.decisions_visible_to(user)
    years = [day.year for day in visible.dates("date", "year", order="DESC")]
    filterset = DecisionFilter(
        request.GET or None,
        queryset=visible.select_related("body").prefetch_related(_with_revisions()),
        request=request,
        years=years,
    )
    page = _page(request, filterset.qs)
    readable = rules.readable_body_ids(user)
    for decision in page:
        decision.revision_notes = [
            (_revision_note(later), _link(later, readable)) for later in decision.revisions.all()
        ]
    return render(
        request,
        "governance/register/decision_list.html",
        {"filter": filterset, "page": page, "decisions": page.object_list},
    )


@login_required
def decision_detail(request, pk):
    """One decision: its text, the vote, what it revises or what revised it, and the
    improvement actions raised from it."""
    user = request.user
    decision = get_object_or_404(
        Decision.objects.select_related("body", "meeting", "motion", "revises__body"), pk=pk
    )
    if not rules.can_read_decision(user, decision):
        raise PermissionDenied
    readable = rules.readable_body_ids(user)
    later_decisions = list(decision.revisions.select_related("body").order_by("date", "pk"))
    revisions = [(_revision_note(later), _link(later, readable)) for later in later_decisions]
    revises = None
    if decision.revises_id:
        revises = (_revises_note(decision), _link(decision.revises, readable))
    annulled = any(later.revision_kind == RevisionKind.ANNULLED for later in later_decisions)
    reviews = decision.reviewed_in_items.select_related("meeting__body").order_by("pk")
    context = {
        "decision": decision,
        "revisions": revisions,
        "revises": revises,
        "annulled": annulled,
        "reviews": reviews,
        "actions": rules.actions_from(decision).select_related("owner", "school"),
        "can_raise": rules.can_raise_action(user, decision) and not annulled,
        "body_url": reverse("governance:body_detail", args=[decision.body_id]),
        "meeting_url": reverse("governance:meeting_detail", args=[decision.meeting_id]),
        "today": timezone.localdate(),
    }
    return render(request, "governance/register/decision_detail.html", context)


# --- Improvement actions ------------------------------------------------------------------


@login_required
def action_list(request):
    """Improvement actions the person may see: their own, their school's as dean, their
    bodies' — and all of them for the QA manager and the rectorate."""
    visible = rules.actions_visible_to(request.user).select_related("owner", "school")
    filterset = ActionFilter(
        request.GET or None, queryset=visible.order_by("due_date", "pk"), request=request
    )
    page = _page(request, filterset.qs)
    return render(
        request,
        "governance/register/action_list.html",
        {
            "filter": filterset,
            "page": page,
            "actions": page.object_list,
            "today": timezone.localdate(),
        },
    )


def _source(action, user):
    """What raised the action, as (text, url); the url is empty when there is no page."""
    if action.source_type_id is None:
        return "", ""
    if action.source_type_id == rules.decision_type().pk:
        decision = Decision.objects.select_related("body").filter(pk=action.source_id).first()
        if decision is None:
            return "", ""
        url = ""
        if rules.can_read_decision(user, decision):
            url = reverse("governance:decision_detail", args=[decision.pk])
        return str(decision), url
    source = action.source_object
    if source is None:
        return "", ""
    return str(source), getattr(source, "get_absolute_url", lambda: "")()


# Fields whose old and new values are shown in the history; others are named only.
SHOWN_VALUES = {"status", "title", "due_date", "evidence", "evidence_file", "description"}


def _value(field, value):
    if value in (None, "None", ""):
        return "—"
    if field == "status":
        try:
            return ActionStatus(value).label
        except ValueError:
            return value
    return truncatechars(str(value), 120)


def history_of(action):
    """The action's audit trail as rows for the page (oldest first), without extra queries."""
    entries = (
        LogEntry.objects.get_for_object(action).select_related("actor").order_by("timestamp", "pk")
    )
    meta = ImprovementAction._meta
    rows = []
    for entry in entries:
        changes = []
        if entry.action == LogEntry.Action.UPDATE:
            for name, values in (entry.changes_dict or {}).items():
                try:
                    label = meta.get_field(name).verbose_name
                except Exception:  # a field that no longer exists
                    label = name
                if name in SHOWN_VALUES and isinstance(values, list | tuple) and len(values) == 2:
                    changes.append((label, _value(name, values[0]), _value(name, values[1])))
                elif name != "reminder_sent_on":
                    changes.append((label, None, None))
            if not changes:
                continue
        rows.append(
            {
                "when": entry.timestamp,
                "who": entry.actor or _("the portal"),
                "created": entry.action == LogEntry.Action.CREATE,
                "changes": changes,
            }
        )
    return rows


def _action(pk):
    return get_object_or_404(
        ImprovementAction.objects.select_related("owner", "school", "verified_by"), pk=pk
    )


def _detail_context(request, action, **forms):
    user = request.user
    source_text, source_url = _source(action, user)
    works = rules.can_work_on(user, action)
    verifies = rules.can_verify(user, action)
    status = action.status
    context = {
        "action": action,
        "source_text": source_text,
        "source_url": source_url,
        "history": history_of(action),
        "overdue": rules.is_overdue(action),
        "can_start": works and status in (ActionStatus.PLANNED, ActionStatus.OVERDUE),
        "can_finish": works and status in (ActionStatus.IN_PROGRESS, ActionStatus.OVERDUE),
        "can_verify": verifies and status == ActionStatus.DONE,
    }
    if context["can_finish"]:
        context["evidence_form"] = forms.get("evidence_form") or EvidenceForm(
            initial={"evidence": action.evidence}
        )
    if context["can_verify"]:
        context["return_form"] = forms.get("return_form") or ReturnForm()
    return context


@login_required
def action_detail(request, pk):
    """One action with its evidence, its history and what the person may do with it next."""
    action = _action(pk)
    if not rules.can_view_action(request.user, action):
        raise PermissionDenied
    return render(
        request, "governance/register/action_detail.html", _detail_context(request, action)
    )


def _errors(error):
    return " ".join(error.messages)


@login_required
def action_create(request, decision):
    """Raise an improvement action from a decision (the QA manager, or the chair or secretary
    of the body that decided)."""
    decision = get_object_or_404(Decision.objects.select_related("body", "meeting"), pk=decision)
    if not rules.can_raise_action(request.user, decision):
        raise PermissionDenied
    if rules.is_annulled(decision):
        messages.error(
            request, _("This decision was annulled; no improvement action can follow from it.")
        )
        return redirect("governance:decision_detail", decision.pk)
    form = ActionCreateForm(request.POST or None, initial={"school": decision.body.school_id})
    if request.method == "POST" and form.is_valid():
        action = raise_from_form(
            request, form, lambda **fields: rules.raise_from_decision(decision, **fields)
        )
        if action is not None:
            return redirect("governance:action_detail", action.pk)
    return render(
        request, "governance/register/action_form.html", {"form": form, "decision": decision}
    )


@require_POST
@login_required
def action_update(request, pk):
    """Change an action's status: ``op`` is start, done (with evidence), verify or return."""
    action = _action(pk)
    user = request.user
    if not rules.can_view_action(user, action):
        raise PermissionDenied
    op = request.POST.get("op")
    if op not in {"start", "done", "verify", "return"}:
        return HttpResponseBadRequest(_("Unknown change."))
    if op in {"start", "done"} and not rules.can_work_on(user, action):
        raise PermissionDenied
    if op in {"verify", "return"} and not rules.can_verify(user, action):
        raise PermissionDenied

    try:
        if op == "start":
            rules.start(action, user)
            messages.success(request, _("The action is in progress."))
        elif op == "verify":
            rules.verify(action, user)
            messages.success(request, _("The action is verified."))
        elif op == "done":
            form = EvidenceForm(request.POST, request.FILES)
            if not form.is_valid():
                return _rerender(request, action, evidence_form=form)
            try:
                rules.mark_done(
                    action,
                    user,
                    evidence=form.cleaned_data["evidence"],
                    evidence_file=form.cleaned_data["evidence_file"],
                )
            except rules.EvidenceRequired as error:
                form.add_error("evidence", error)
                return _rerender(request, action, evidence_form=form)
            messages.success(request, _("The action is reported done."))
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                return _rerender(request, action, return_form=form)
            rules.return_for_rework(action, user, form.cleaned_data["note"])
            messages.success(request, _("The action went back to the owner."))
    except rules.ActionRuleError as error:
        messages.error(request, _errors(error))
    return redirect("governance:action_detail", action.pk)


def _rerender(request, action, **forms):
    context = _detail_context(request, action, **forms)
    return render(request, "governance/register/action_detail.html", context, status=400)


@login_required
def action_evidence(request, pk):
    """The evidence file, only to those who may open the action; always as a download."""
    action = get_object_or_404(ImprovementAction, pk=pk)
    if not rules.can_view_action(request.user, action):
        raise PermissionDenied
    return stored_file(action.evidence_file)
