"""factory-boy factories for agencies, standards frameworks, the crosswalk and indicators."""

import factory
from factory.django import DjangoModelFactory

from accreditation import models


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = models.Agency
        django_get_or_create = ("short_name",)

    short_name = factory.Sequence(lambda n: f"AG{n}")
    name_kk = factory.Sequence(lambda n: f"{n}-агенттік")
    name_en = factory.Sequence(lambda n: f"Agency {n}")
    country = models.Country.KAZAKHSTAN


class FrameworkFactory(DjangoModelFactory):
    class Meta:
        model = models.Framework
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"FW-{n}")
    name_kk = factory.Sequence(lambda n: f"{n}-стандарттар")
    name_en = factory.Sequence(lambda n: f"Standards {n}")


class ClauseFactory(DjangoModelFactory):
    class Meta:
        model = models.Clause

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"{n}")
    position = factory.Sequence(lambda n: n)
    title_kk = factory.Sequence(lambda n: f"{n}-стандарт")
    title_en = factory.Sequence(lambda n: f"Standard {n}")


class ClauseMappingFactory(DjangoModelFactory):
    class Meta:
        model = models.ClauseMapping

    source = factory.SubFactory(ClauseFactory)
    target = factory.SubFactory(ClauseFactory)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = models.Indicator

    code = factory.Sequence(lambda n: f"IND-{n}")
    name_kk = factory.Sequence(lambda n: f"{n}-көрсеткіш")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    clause = factory.SubFactory(ClauseFactory)
    unit = models.Unit.PERCENT
    direction = models.Direction.HIGHER


class IndicatorTargetFactory(DjangoModelFactory):
    class Meta:
        model = models.IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2025
    value = 80


class IndicatorValueFactory(DjangoModelFactory):
    class Meta:
        model = models.IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2025
    value = 75
