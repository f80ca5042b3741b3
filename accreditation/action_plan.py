"""The action plan that answers the external experts, and the report on its execution.

Seed 004 §6: the QA office analyses the external experts' recommendations, writes an action
plan to implement them and reports on its execution; seed 002 S10.St4–6: the recommendation
list, the action plan (CAPA) with named responsible persons and deadlines, and summary
reports on the implementation of recommendations — the yearly post-accreditation monitoring
report to the agency. Each recommendation or condition becomes one improvement action of the
portal (``governance.actions``, source "expert recommendation"), so its owner works on it,
reports it done with evidence and the QA manager verifies it like any other action.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from governance.actions import FINISHED_STATUSES, is_overdue, raise_action
from governance.models import ImprovementAction
from governance.models.decisions import ActionSource

from .models import Recommendation
from .models.cycles import CycleStatus

# The panel's report arrives with the visit; the plan is kept until the cycle is closed.
TAKES_RECOMMENDATIONS = (CycleStatus.VISIT, CycleStatus.DECISION, CycleStatus.FOLLOW_UP)

DONE = "done"
IN_PROGRESS = "in_progress"
OVERDUE = "overdue"


def takes_recommendations(cycle):
    return cycle.status in TAKES_RECOMMENDATIONS


def action_title(recommendation):
    """The action's title: the cycle, the kind and the start of the recommendation."""
    return _("%(cycle)s — %(kind)s: %(text)s") % {
        "cycle": Truncator(recommendation.cycle.title).chars(150),
        "kind": recommendation.get_kind_display(),
        "text": Truncator(recommendation.text).chars(300),
    }


@transaction.atomic
def add_recommendation(cycle, *, text, kind, clause, owner, due_date, today=None):
    """Record a recommendation of the panel and raise its improvement action, owned by
    ``owner`` and due on ``due_date`` (not in the past). Returns the recommendation."""
    today = today or timezone.localdate()
    if due_date < today:
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    recommendation = Recommendation(cycle=cycle, text=text, kind=kind, clause=clause)
    recommendation.full_clean()
    recommendation.save()
    school = None
    programmes = list(cycle.programmes.all())
    if len(programmes) == 1:
        school = programmes[0].school_id
    raise_action(
        title=action_title(recommendation),
        description=text,
        owner=owner,
        due_date=due_date,
        source=ActionSource.RECOMMENDATION,
        source_object=recommendation,
        school_id=school,
    )
    return recommendation


def state(action, today):
    """Where one action stands in the report: done (or verified), overdue, or in progress."""
    if action.status in FINISHED_STATUSES:
        return DONE
    return OVERDUE if is_overdue(action, today) else IN_PROGRESS


@dataclass
class PlanRow:
    recommendation: Recommendation
    action: ImprovementAction | None
    state: str | None


@dataclass
class Summary:
    done: int
    in_progress: int
    overdue: int

    @property
    def total(self):
        return self.done + self.in_progress + self.overdue


def plan(cycle, today=None):
    """The cycle's recommendations in order, each with its action and where it stands
    (two queries)."""
    today = today or timezone.localdate()
    recommendations = list(
        cycle.recommendations.select_related("clause", "cycle").order_by("created_at", "pk")
    )
    actions = {}
    for action in (
        ImprovementAction.objects.filter(
            source_type=ContentType.objects.get_for_model(Recommendation),
            source_id__in=[r.pk for r in recommendations],
        )
        .select_related("owner", "verified_by")
        .order_by("-pk")
    ):
        actions[action.source_id] = action
    return [
        PlanRow(r, actions.get(r.pk), state(actions[r.pk], today) if r.pk in actions else None)
        for r in recommendations
    ]


def summarise(rows):
    """How many actions of the plan are done, in progress and overdue."""
    states = [row.state for row in rows]
    return Summary(states.count(DONE), states.count(IN_PROGRESS), states.count(OVERDUE))
