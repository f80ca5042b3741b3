"""Improvement actions, decisions and accreditation cycles for the dashboard tests."""

import datetime

from accreditation.models.cycles import CycleKind
from accreditation.models.sar import Section, SectionStatus
from governance.models import Decision, ImprovementAction
from governance.models.decisions import ActionSource, ActionStatus

from . import factories as f
from .factories_accreditation import ClauseFactory
from .factories_accreditation_cycles import CycleFactory, EvidenceFactory


def decision(body, number, date=datetime.date(2026, 10, 5), **kwargs):
    meeting = f.MeetingFactory(body=body)
    kwargs.setdefault("text", f"Decision text {number}")
    return Decision.objects.create(body=body, meeting=meeting, number=number, date=date, **kwargs)


def action(owner, school=None, due=datetime.date(2026, 12, 1), status=ActionStatus.PLANNED, **kw):
    """An action saved as it is, without the status rules (``ImprovementAction.objects``)."""
    kw.setdefault("title", "Revise the assessment rubric")
    kw.setdefault("source", ActionSource.OTHER)
    return ImprovementAction.objects.create(
        owner=owner, school=school, due_date=due, status=status, **kw
    )


def cycle(programmes=(), ready=0, not_ready=0, **kwargs):
    """A programme cycle writing its report: ``ready`` sections done with evidence and
    ``not_ready`` sections still being drafted."""
    made = CycleFactory(
        kind=CycleKind.PROGRAMME if programmes else CycleKind.INSTITUTIONAL, **kwargs
    )
    made.programmes.set(programmes)
    for _n in range(ready):
        section = Section.objects.create(
            cycle=made, clause=ClauseFactory(framework=made.framework), status=SectionStatus.DONE
        )
        EvidenceFactory(section=section)
    for _n in range(not_ready):
        Section.objects.create(cycle=made, clause=ClauseFactory(framework=made.framework))
    return made
