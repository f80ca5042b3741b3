"""factory-boy factories for the register of QA documents."""

import datetime

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from documents import models

from . import factories as f

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = models.Document

    kind = models.DocumentKind.INTERNAL
    category = models.Category.ACADEMIC_POLICY
    code = factory.Sequence(lambda n: f"ҚЕ {n}-2026")
    title_kk = factory.Sequence(lambda n: f"Академиялық саясат {n}")
    title_en = factory.Sequence(lambda n: f"Academic policy {n}")
    owner_body = factory.SubFactory(f.BodyFactory)
    approving_body = factory.SelfAttribute("owner_body")


class ExternalDocumentFactory(DocumentFactory):
    kind = models.DocumentKind.EXTERNAL
    category = models.Category.ESG
    owner_body = None
    approving_body = None
    issuing_body = "ENQA"
    url = "https://www.enqa.eu/esg/"


class EditionFactory(DjangoModelFactory):
    class Meta:
        model = models.Edition

    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="edition.pdf"))
    effective_date = datetime.date(2026, 1, 1)
    summary = "Жаңа редакция"


class AckCampaignFactory(DjangoModelFactory):
    class Meta:
        model = models.AckCampaign

    edition = factory.SubFactory(EditionFactory, status=models.EditionStatus.PUBLISHED)
    target_kind = models.TargetKind.ALL_STAFF
    deadline = datetime.date(2026, 12, 7)
    launched_by = factory.SubFactory(f.UserFactory)


class AcknowledgementFactory(DjangoModelFactory):
    class Meta:
        model = models.Acknowledgement

    campaign = factory.SubFactory(AckCampaignFactory)
    person = factory.SubFactory(f.UserFactory)


class MechanismFactory(DjangoModelFactory):
    class Meta:
        model = models.Mechanism
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"QAM-{n}")
    kind = models.MechanismKind.INTERNAL
    name_kk = factory.Sequence(lambda n: f"Сауалнама {n}")
    name_en = factory.Sequence(lambda n: f"Survey {n}")
    calendar_en = "March: survey; May: report"
    months = factory.LazyFunction(lambda: [3, 5])

    @factory.post_generation
    def bodies(self, create, extracted, **kwargs):
        if create and extracted:
            self.bodies.set(extracted)


class ChecklistTemplateFactory(DjangoModelFactory):
    class Meta:
        model = models.ChecklistTemplate
        skip_postgeneration_save = True

    name_kk = factory.Sequence(lambda n: f"Тексеру парағы {n}")
    name_en = factory.Sequence(lambda n: f"Checklist {n}")

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if not create:
            return
        for position, text in enumerate(extracted or ("Syllabi are published",), 1):
            models.ChecklistTemplateItem.objects.create(
                template=self, position=position, text_kk=f"{text} (kk)", text_en=text
            )
