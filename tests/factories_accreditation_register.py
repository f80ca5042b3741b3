"""factory-boy factories for the register of accredited programmes and the external
mechanisms (Atameken ranking, Academic Integrity League monitoring)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from accreditation import models
from accreditation.programme_register import validity_end

from .factories import ProgrammeFactory
from .factories_accreditation import AgencyFactory


class AccreditationFactory(DjangoModelFactory):
    """A programme accredited for five years from its decision date."""

    class Meta:
        model = models.Accreditation

    kind = models.AccreditationKind.PROGRAMME
    programme = factory.SubFactory(ProgrammeFactory)
    agency = factory.SubFactory(AgencyFactory)
    decision_date = datetime.date(2024, 6, 1)
    outcome = models.Outcome.ACCREDITED
    years = 5
    certificate_number = factory.Sequence(lambda n: f"CERT-{n}")
    valid_from = factory.LazyAttribute(lambda o: o.decision_date)
    valid_until = factory.LazyAttribute(
        lambda o: validity_end(o.valid_from, o.years) if o.valid_from and o.years else None
    )


class AtamekenResultFactory(DjangoModelFactory):
    class Meta:
        model = models.AtamekenResult

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2025
    position = 5
    score = 70


class IntegrityMonitoringFactory(DjangoModelFactory):
    class Meta:
        model = models.IntegrityMonitoring

    year = factory.Sequence(lambda n: 2000 + n)
    visit_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 10, 15))
    criteria_received_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 7, 1))


class MonitoringMemberFactory(DjangoModelFactory):
    class Meta:
        model = models.MonitoringMember

    monitoring = factory.SubFactory(IntegrityMonitoringFactory)
    name = factory.Sequence(lambda n: f"Member {n}")
    organisation = "Academic Integrity League"


class MonitoringFindingFactory(DjangoModelFactory):
    class Meta:
        model = models.MonitoringFinding

    monitoring = factory.SubFactory(IntegrityMonitoringFactory)
    text = factory.Sequence(lambda n: f"Finding {n}")
    severity = models.Severity.MINOR
