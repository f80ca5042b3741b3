"""The seed documents in the register for ``manage.py seed_demo`` (issue 5).

Seeds 000–004 become registered documents: the university QA policy (seed 000), the
institute's IQA standard (seed 001), the medical university's IQA system (seed 002, staff-only),
the national QA guideline (seed 003, external) and the regulation on the quality monitoring
office (seed 004) with two editions, the first superseded, and the charters of the council and
of the School of Law Committee, each naming its body. Internal editions are approved by a
decision of the council and published through ``documents.editions``; each file is a small
PDF made with WeasyPrint. Idempotent: a document found by its code is left alone.

The IQA system (seed 002 §3.3: all staff acknowledge it within 10 working days) is under an
acknowledgement campaign to the staff of the School of Law: some have acknowledged it, the
others (the demo teacher among them) have not yet.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils.html import escape

from governance.minutes import html_to_pdf
from governance.models import Body, Decision, School, User
from governance.models.bodies import BodyKind
from governance.roles import Role

from . import acknowledgements
from . import editions as rules
from .models import (
    AckCampaign,
    Category,
    ChangeBasis,
    Document,
    DocumentKind,
    Edition,
    EditionStatus,
    TargetKind,
)

EXTERNAL = {
    "code": "ҚР ҒЖБМ 2023 нұсқаулық",
    "category": Category.OTHER_EXTERNAL,
    "title_kk": "Білім беру сапасын қамтамасыз ету жөніндегі нұсқаулық",
    "title_ru": "Руководство по обеспечению качества образования",
    "title_en": "Guideline on Quality Assurance in Education",
    "issuing_body": "ҚР Ғылым және жоғары білім министрлігі",
    "url": "https://www.gov.kz/memleket/entities/sci",
}
INTERNAL = [
    {
        "code": "АЗК-САП-2025",
        "category": Category.ACADEMIC_POLICY,
        "title_kk": "Университеттің сапаны қамтамасыз ету саясаты",
        "title_ru": "Политика обеспечения качества университета",
        "title_en": "University Quality Assurance Policy",
        "editions": [datetime.date(2025, 9, 1)],
    },
    {
        "code": "ҚЕ 3-3-3-2023",
        "category": Category.OTHER_INTERNAL,
        "title_kk": "Сапаны ішкі қамтамасыз ету стандарты",
        "title_ru": "Стандарт внутреннего обеспечения качества",
        "title_en": "Internal Quality Assurance Standard",
        "editions": [datetime.date(2023, 9, 1)],
    },
    {
        "code": "СІҚЖ-2024",
        "category": Category.OTHER_INTERNAL,
        "title_kk": "Сапаны ішкі қамтамасыз ету жүйесі",
        "title_ru": "Система внутреннего обеспечения качества",
        "title_en": "Internal Quality Assurance System",
        "staff_only": True,
        "editions": [datetime.date(2024, 2, 1)],
    },
    {
        "code": "ЕР-158-2026",
        "category": Category.UNIT_REGULATIONS,
        "title_kk": "Сапа мониторингі бөлімі туралы ереже",
        "title_ru": "Положение об отделе мониторинга качества",
        "title_en": "Regulation on the Quality Monitoring Office",
        "editions": [datetime.date(2024, 1, 15), datetime.date(2026, 1, 15)],
    },
    # Seed 000 §3.1.1–3.1.2: the charters name the body they govern ("arc": the council, else
    # the committee of the school with this code).
    {
        "code": "АҒК-ЖР-2025",
        "category": Category.COUNCIL_CHARTER,
        "title_kk": "Академиялық және ғылыми кеңестің жарғысы",
        "title_ru": "Устав Академического и научного совета",
        "title_en": "Charter of the Academic and Research Council",
        "charter_of": "arc",
        "editions": [datetime.date(2025, 8, 25)],
    },
    {
        "code": "МК-ЕР-LAW-2026",
        "category": Category.COMMITTEE_CHARTER,
        "title_kk": "Құқық мектебінің комитеті туралы ереже",
        "title_ru": "Положение о комитете Школы права",
        "title_en": "Regulation on the School of Law Committee",
        "charter_of": "LAW",
        "editions": [datetime.date(2026, 9, 8)],
    },
]


def _pdf(document, number):
    html = (
        f"<html><body><h1>{escape(document.code)}</h1><p>{escape(document.title_kk)}</p>"
        f"<p>{escape(document.title_en)}</p><p>Edition {number}</p></body></html>"
    )
    return ContentFile(html_to_pdf(html), name=f"demo-{document.pk}-{number}.pdf")


def _edition(document, number, effective, qa, decision=None):
    edition = Edition.objects.create(
        document=document,
        number=number,
        file=_pdf(document, number),
        basis=ChangeBasis.NEW_DOCUMENT if number == 1 else ChangeBasis.REORGANISATION,
        summary="" if number == 1 else "Бөлімнің міндеттері жаңартылды.",
        effective_date=effective,
        developed_by=qa,
        developed_on=effective - datetime.timedelta(days=30),
    )
    if document.is_internal:
        rules.submit_for_review(edition, qa)
        rules.approve(edition, qa, decision)
    return rules.publish(edition, qa, today=effective)


def _charter_body(key, council):
    """The body a demo charter governs: the council, or a school's committee."""
    if key == "arc":
        return council
    if key:
        return Body.objects.filter(kind=BodyKind.SCHOOL_COMMITTEE, school__code=key).first()
    return None


def seed_documents():
    """Register the seed documents; returns {code: "created" or "unchanged"}."""
    qa = User.objects.filter(groups__name=Role.QA_MANAGER).order_by("pk").first()
    council = Body.objects.filter(kind=BodyKind.ACADEMIC_RESEARCH_COUNCIL).first()
    decision = Decision.objects.filter(body=council).order_by("date", "pk").first()
    if qa is None or decision is None:
        return {}
    result = {}
    external = Document.objects.filter(code=EXTERNAL["code"]).first()
    result[EXTERNAL["code"]] = "unchanged" if external else "created"
    if external is None:
        external = Document.objects.create(kind=DocumentKind.EXTERNAL, **EXTERNAL)
        _edition(external, 1, datetime.date(2023, 6, 1), qa)
    for spec in INTERNAL:
        spec = dict(spec)
        dates = spec.pop("editions")
        if Document.objects.filter(code=spec["code"]).exists():
            result[spec["code"]] = "unchanged"
            continue
        charter_of = _charter_body(spec.pop("charter_of", None), council)
        document = Document.objects.create(
            kind=DocumentKind.INTERNAL,
            owner_body=council,
            approving_body=council,
            charter_of=charter_of,
            **spec,
        )
        document.follows.add(external)
        for number, effective in enumerate(dates, 1):
            _edition(document, number, effective, qa, decision)
        result[spec["code"]] = "created"
    return result


ACK_DOCUMENT = "СІҚЖ-2024"
ACK_SCHOOL = "LAW"
ACK_PENDING = "teacher1@demo.edu.kz"


def seed_acknowledgements():
    """One campaign under way for the IQA system; returns "created", "unchanged" or ""."""
    qa = User.objects.filter(groups__name=Role.QA_MANAGER).order_by("pk").first()
    edition = Edition.objects.filter(
        document__code=ACK_DOCUMENT, status=EditionStatus.PUBLISHED
    ).first()
    school = School.objects.filter(code=ACK_SCHOOL).first()
    if qa is None or edition is None or school is None:
        return ""
    if AckCampaign.objects.filter(edition=edition).exists():
        return "unchanged"
    campaign = acknowledgements.launch(
        edition,
        qa,
        TargetKind.SCHOOL,
        school,
        title="СІҚЖ-мен танысу",
        message="Құжатты оқып, танысқаныңызды растаңыз.",
    )
    others = campaign.acknowledgements.exclude(person__email=ACK_PENDING).select_related("person")
    for row in list(others.order_by("pk"))[::2]:
        acknowledgements.acknowledge(campaign, row.person)
    return "created"
