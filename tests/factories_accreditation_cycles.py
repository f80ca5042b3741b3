"""factory-boy factories for accreditation cycles, the working group, milestones and the
self-assessment report."""

import datetime

import factory
from factory.django import DjangoModelFactory

from accreditation.models import cycles, sar

from .factories import UserFactory
from .factories_accreditation import AgencyFactory, FrameworkFactory
from .factories_documents import PDF


class CycleFactory(DjangoModelFactory):
    class Meta:
        model = cycles.Cycle

    title_kk = factory.Sequence(lambda n: f"{n}-аккредиттеу")
    title_en = factory.Sequence(lambda n: f"Accreditation {n}")
    kind = cycles.CycleKind.INSTITUTIONAL
    agency = factory.SubFactory(AgencyFactory)
    framework = factory.SubFactory(FrameworkFactory)


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = cycles.WorkingGroupMember
        skip_postgeneration_save = True

    cycle = factory.SubFactory(CycleFactory)
    person = factory.SubFactory(UserFactory)

    @factory.post_generation
    def clauses(self, create, extracted, **kwargs):
        if create and extracted:
            self.clauses.set(extracted)


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = cycles.Milestone

    cycle = factory.SubFactory(CycleFactory)
    kind = cycles.MilestoneKind.SELF_ASSESSMENT_DUE
    date = datetime.date(2027, 3, 1)


class EvidenceFactory(DjangoModelFactory):
    class Meta:
        model = sar.Evidence

    kind = sar.EvidenceKind.FILE
    file = factory.django.FileField(filename="evidence.pdf", data=PDF)
