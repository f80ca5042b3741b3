"""Planned and unplanned inspections of schools and departments (seed 004 §5.7).

Seed 004 §5.7: the quality monitoring office carries out planned and unplanned inspections of
departments and deans' offices. The QA office plans an inspection (its checklist copied from a
reusable template), its inspectors fill in the checklist and record findings while it is in
progress, and complete it with the report; each finding may raise improvement actions with an
owner and a due date (``governance.actions``: the Act of PDCA, seed 000 §4).

Each step is a plain function that checks the rule and raises :class:`InspectionRuleError`
with a sentence the person can read when the step is not allowed.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from governance.actions import raise_action
from governance.models import ImprovementAction
from governance.models.decisions import ActionSource
from governance.multilingual import LANGUAGE_CODES

from .mechanisms import can_keep
from .models import ChecklistItem, CheckResult, Finding, Inspection, InspectionState


class InspectionRuleError(ValidationError):
    """A rule of the inspection's life was broken; the message says which, in words."""


def can_plan(user):
    """Seed 004 §5.7: the QA office plans the inspections."""
    return can_keep(user)


def can_conduct(user, inspection):
    """The QA manager and the inspectors named on the inspection fill it in."""
    if not user.is_authenticated:
        return False
    return can_plan(user) or inspection.inspectors.filter(pk=user.pk).exists()


def _require_conductor(by, inspection):
    if not can_conduct(by, inspection):
        raise PermissionDenied(_("You do not conduct this inspection."))


def _locked(inspection):
    return Inspection.objects.select_for_update().get(pk=inspection.pk)


def _expect(inspection, *states, message):
    if inspection.state not in states:
        raise InspectionRuleError(message, code="state")


@transaction.atomic
def plan_inspection(by, *, inspectors, template=None, **fields):
    """Plan an inspection of a school or department; the template's items become its
    checklist (the template itself is left as it is, so it can be used again)."""
    if not can_plan(by):
        raise PermissionDenied(_("Only the QA office plans inspections."))
    inspection = Inspection(template=template, created_by=by, **fields)
    inspection.full_clean(exclude=["state"])  # protected: changed by its transitions only
    inspection.save()
    inspection.inspectors.set(inspectors)
    if template is not None:
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                inspection=inspection,
                position=position,
                text_kk=item.text_kk,
                text_ru=item.text_ru,
                text_en=item.text_en,
            )
            for position, item in enumerate(template.items.order_by("position", "pk"), 1)
        )
    return inspection


@transaction.atomic
def start(inspection, by):
    """The inspectors begin: the checklist and the findings are filled in from now on."""
    current = _locked(inspection)
    _require_conductor(by, current)
    _expect(current, InspectionState.PLANNED, message=_("Only a planned inspection can start."))
    current.start()
    current.save()
    return current


def add_item(inspection, by, text):
    """Add a checklist item of the inspection's own, in the language it is written in."""
    _require_conductor(by, inspection)
    _expect(
        inspection,
        InspectionState.PLANNED,
        InspectionState.IN_PROGRESS,
        message=_("The checklist of a completed inspection no longer changes."),
    )
    text = text.strip()
    if not text:
        raise InspectionRuleError(_("Write the item to check."), code="empty")
    language = (get_language() or "kk").split("-")[0]
    field = f"text_{language if language in LANGUAGE_CODES else 'kk'}"
    last = inspection.items.aggregate(last=Max("position"))["last"] or 0
    return ChecklistItem.objects.create(inspection=inspection, position=last + 1, **{field: text})


def record_result(item, by, result, comment=""):
    """Tick a checklist item: met, partly met, not met or not applicable, with a comment."""
    inspection = item.inspection
    _require_conductor(by, inspection)
    _expect(
        inspection,
        InspectionState.IN_PROGRESS,
        message=_("The checklist is filled in while the inspection is in progress."),
    )
    if result and result not in CheckResult.values:
        raise InspectionRuleError(_("Choose a result from the list."), code="result")
    item.result = result
    item.comment = comment.strip()
    item.save(update_fields=["result", "comment"])
    return item


def add_finding(inspection, by, text, item=None):
    """Record a finding, on a checklist item or on the inspection as a whole."""
    _require_conductor(by, inspection)
    _expect(
        inspection,
        InspectionState.IN_PROGRESS,
        message=_("Findings are recorded while the inspection is in progress."),
    )
    text = text.strip()
    if not text:
        raise InspectionRuleError(_("Describe the finding."), code="empty")
    if item is not None and item.inspection_id != inspection.pk:
        raise InspectionRuleError(_("The item is not on this checklist."), code="other_item")
    return Finding.objects.create(inspection=inspection, item=item, text=text, created_by=by)


@transaction.atomic
def complete(inspection, by, report, on=None):
    """Complete the inspection with its report, once every checklist item has a result."""
    current = _locked(inspection)
    _require_conductor(by, current)
    _expect(
        current,
        InspectionState.IN_PROGRESS,
        message=_("Only an inspection in progress can be completed."),
    )
    items = current.items.all()
    if not items.exists():
        raise InspectionRuleError(_("The checklist is empty."), code="no_items")
    open_items = items.filter(result="").count()
    if open_items:
        raise InspectionRuleError(
            ngettext(
                "%(count)d checklist item has no result yet.",
                "%(count)d checklist items have no result yet.",
                open_items,
            )
            % {"count": open_items},
            code="open_items",
        )
    report = report.strip()
    if not report:
        raise InspectionRuleError(_("Write the report of the inspection."), code="no_report")
    current.report = report
    current.completed_on = on or timezone.localdate()
    current.complete()
    current.save()
    return current


def raise_finding_action(finding, by, **fields):
    """An improvement action from a finding (seed 004 §5.7), for the inspected unit's school
    unless another school is given."""
    inspection = finding.inspection
    _require_conductor(by, inspection)
    _expect(
        inspection,
        InspectionState.IN_PROGRESS,
        InspectionState.COMPLETED,
        message=_("Actions follow from the findings of an inspection under way or completed."),
    )
    fields.setdefault("school", inspection.unit_school)
    return raise_action(source=ActionSource.INSPECTION, source_object=finding, **fields)


def actions_by_finding(findings):
    """{finding pk: [improvement actions raised from it]}, in one query."""
    by_finding = {finding.pk: [] for finding in findings}
    actions = ImprovementAction.objects.filter(
        source_type=ContentType.objects.get_for_model(Finding), source_id__in=list(by_finding)
    ).select_related("owner")
    for action in actions.order_by("due_date", "pk"):
        by_finding[action.source_id].append(action)
    return by_finding
