"""factory-boy factories for the site visit and the experts' recommendations."""

import datetime

import factory
from factory.django import DjangoModelFactory

from accreditation.models import decisions

from .factories_accreditation_cycles import CycleFactory


class VisitMeetingFactory(DjangoModelFactory):
    class Meta:
        model = decisions.VisitMeeting
        skip_postgeneration_save = True

    cycle = factory.SubFactory(CycleFactory)
    date = datetime.date(2027, 4, 14)
    starts_at = datetime.time(10, 0)
    ends_at = datetime.time(11, 0)
    group = decisions.StakeholderGroup.STUDENTS
    room = "A-101"

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.set(extracted)


def recommendation(cycle, owner, due_date, text="Involve employers in programme design.", **kw):
    """A recommendation with its improvement action (``accreditation.action_plan``)."""
    from accreditation.action_plan import add_recommendation

    return add_recommendation(
        cycle,
        text=text,
        kind=kw.pop("kind", decisions.RecommendationKind.RECOMMENDATION),
        clause=kw.pop("clause", None),
        owner=owner,
        due_date=due_date,
        **kw,
    )
