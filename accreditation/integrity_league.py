"""The Academic Integrity League (AIL) monitoring (seed 000 §4.2).

Once a year the League checks the university's academic integrity and the absence of
corruption risks. Its rules, as the portal applies them:

* the criteria reach the university **at least two months** before the visit
  (:func:`check_criteria_notice`);
* the monitoring group has **at least seven** members — people from member universities,
  Atameken, the Anti-Corruption Agency and an NGO (checked when the monitoring is completed,
  :func:`complete`: the group may be entered bit by bit while it is planned);
* its findings may each become an improvement action (seed 000 §4: the Act of PDCA) with the
  finding as its source (:func:`raise_finding_action`).
"""

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.actions import raise_action
from governance.models import ImprovementAction
from governance.models.decisions import ActionSource

from .models import IntegrityMonitoring, MonitoringFinding, MonitoringMember, MonitoringStatus
from .programme_register import add_months

CRITERIA_NOTICE_MONTHS = 2
MIN_GROUP_SIZE = 7


def latest_criteria_date(visit_date):
    """The last day the criteria may arrive: two months before the visit."""
    return add_months(visit_date, -CRITERIA_NOTICE_MONTHS)


def check_criteria_notice(received_on, visit_date):
    """Raise when the criteria came later than two months before the visit."""
    latest = latest_criteria_date(visit_date)
    if received_on > latest:
        raise ValidationError(
            {
                "criteria_received_on": _(
                    "The League sends its criteria at least two months before the visit: "
                    "for a visit on %(visit)s they must arrive by %(latest)s."
                )
                % {
                    "visit": date_format(visit_date, "DATE_FORMAT"),
                    "latest": date_format(latest, "DATE_FORMAT"),
                }
            },
            code="late_criteria",
        )


def set_members(monitoring, people, names):
    """Replace the monitoring group: ``people`` with accounts and ``names`` as
    (name, organisation) pairs for those without one."""
    with transaction.atomic():
        monitoring.members.all().delete()
        MonitoringMember.objects.bulk_create(
            [MonitoringMember(monitoring=monitoring, person=person) for person in people]
            + [
                MonitoringMember(monitoring=monitoring, name=name, organisation=organisation)
                for name, organisation in names
            ]
        )


def completion_problems(monitoring, today=None):
    """What still stops the monitoring from being completed, in words (empty when ready)."""
    today = today or timezone.localdate()
    problems = []
    if monitoring.criteria_received_on is None:
        problems.append(_("Enter the date the criteria were received."))
    elif monitoring.criteria_received_on > latest_criteria_date(monitoring.visit_date):
        problems.append(_("The criteria arrived less than two months before the visit."))
    size = monitoring.members.count()
    if size < MIN_GROUP_SIZE:
        problems.append(
            ngettext(
                "The monitoring group has %(size)s member; it needs at least %(minimum)s.",
                "The monitoring group has %(size)s members; it needs at least %(minimum)s.",
                size,
            )
            % {"size": size, "minimum": MIN_GROUP_SIZE}
        )
    if monitoring.visit_date > today:
        problems.append(_("The visit has not taken place yet."))
    return problems


def complete(monitoring, today=None):
    """Mark the monitoring completed, or raise with every rule it still breaks."""
    with transaction.atomic():
        locked = IntegrityMonitoring.objects.select_for_update().get(pk=monitoring.pk)
        if locked.is_completed:
            raise ValidationError(_("This monitoring is already completed."), code="completed")
        problems = completion_problems(locked, today)
        if problems:
            raise ValidationError(problems, code="not_ready")
        locked.status = MonitoringStatus.COMPLETED
        locked.completed_at = timezone.now()
        locked.save(update_fields=["status", "completed_at"])
    return locked


def finding_type():
    return ContentType.objects.get_for_model(MonitoringFinding)


def actions_by_finding(findings):
    """{finding id: [improvement actions raised from it]} in one query."""
    found = defaultdict(list)
    actions = ImprovementAction.objects.filter(
        source_type=finding_type(), source_id__in=[finding.pk for finding in findings]
    ).select_related("owner")
    for action in actions.order_by("pk"):
        found[action.source_id].append(action)
    return found


def raise_finding_action(finding, *, owner, due_date, title="", today=None):
    """An improvement action whose source is the finding (one per finding)."""
    today = today or timezone.localdate()
    if due_date < today:
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    if actions_by_finding([finding]):
        raise ValidationError(
            _("An improvement action has already been raised from this finding."),
            code="already_raised",
        )
    monitoring = finding.monitoring
    return raise_action(
        title=title
        or _("AIL monitoring %(year)s: %(finding)s")
        % {"year": monitoring.year, "finding": finding.text[:400]},
        description=finding.text,
        owner=owner,
        due_date=due_date,
        source=ActionSource.INSPECTION,
        source_object=finding,
    )


def default_due_date(today=None):
    """Three months to act on a finding, unless the QA manager sets another date."""
    return (today or timezone.localdate()) + datetime.timedelta(days=90)
