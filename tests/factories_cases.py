"""factory-boy factories for applications to a committee and grade-appeal panels."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from governance import models

from . import factories as f


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = models.Application

    body = factory.SubFactory(f.BodyFactory)
    applicant = factory.SubFactory(f.UserFactory)
    kind = "complaint"
    subject = factory.Sequence(lambda n: f"Өтініш {n}")
    text = "Сабақ кестесі жиі өзгереді, бұл туралы алдын ала хабарланбайды."
    submitted_at = factory.LazyFunction(timezone.now)


class GradeAppealFactory(ApplicationFactory):
    kind = "grade_appeal"
    subject = factory.Sequence(lambda n: f"Бағаға апелляция {n}")
    text = "Емтихан жұмысым бағалау критерийлеріне сәйкес бағаланбады деп есептеймін."
    course = factory.SubFactory(f.CourseFactory)
    grade_given = "C+"


class AppealExpertFactory(DjangoModelFactory):
    class Meta:
        model = models.AppealExpert

    application = factory.SubFactory(GradeAppealFactory)
    expert = factory.SubFactory(f.UserFactory)
