"""Demo data for accreditation cycles (issue 6, ``manage.py seed_demo``).

One institutional accreditation by IAAR against the eleven internal standards of seed 002
(SIQAS), in self-assessment: a working group of three led by the QA manager, each member
writing some standards; milestones (section deadlines, the report due, submission to the
agency, the site visit); the first three sections done with evidence — a published QA
document, a council decision, an indicator value and, when the survey demo has published
results above the minimum, a survey result — and a fourth drafting. Idempotent: the cycle is
found again by its Kazakh title, and nothing is added to it once it exists.
"""

import datetime

from django.db import transaction

from documents.models import EditionStatus
from documents.models.editions import Edition
from governance import demo_data as data
from governance.models import Body, Decision, StaffProfile, User
from governance.models.bodies import BodyKind
from governance.roles import Role
from surveys.models import Campaign, CampaignState

from . import cycles
from .evidence import survey_result_problem
from .models import Agency, Clause, Framework, IndicatorValue
from .models.cycles import Cycle, CycleKind, Milestone, MilestoneKind, WorkingGroupMember
from .models.sar import Evidence, EvidenceKind, SectionStatus

TITLE_KK = "Институционалдық аккредиттеу 2027 (IAAR)"
TITLE_RU = "Институциональная аккредитация 2027 (IAAR)"
TITLE_EN = "Institutional accreditation 2027 (IAAR)"
# (member e-mail, standards they write)
WRITERS = [
    ("teacher1@demo.edu.kz", ["S1", "S2", "S3", "S4"]),
    ("teacher2@demo.edu.kz", ["S5", "S6", "S7", "S8"]),
    ("dean.law@demo.edu.kz", ["S9", "S10", "S11"]),
]
NARRATIVES = {
    "S1": (
        "Сапа саясаты Академиялық кеңестің шешімімен бекітілген, университет сайтында "
        "жарияланған және жыл сайын қайта қаралады.",
        "Политика в области качества утверждена решением Академического совета, "
        "опубликована на сайте университета и ежегодно пересматривается.",
        "The quality policy is approved by the Academic Council, published on the "
        "university's website and reviewed every year.",
    ),
    "S2": (
        "Білім беру бағдарламалары жұмыс берушілер мен білім алушылардың қатысуымен "
        "әзірленеді және Академиялық кеңесте бекітіледі.",
        "Образовательные программы разрабатываются с участием работодателей и обучающихся "
        "и утверждаются Академическим советом.",
        "Programmes are designed with employers and students and approved by the Academic Council.",
    ),
    "S3": (
        "Білім алушылардың қанағаттануы жыл сайынғы сауалнамамен өлшенеді; нәтижелер "
        "мектеп комитеттерінде талқыланады.",
        "Удовлетворённость обучающихся измеряется ежегодным анкетированием; результаты "
        "обсуждаются на комитетах школ.",
        "Student satisfaction is measured by the yearly survey; the results are discussed by "
        "the school committees.",
    ),
    "S4": (
        "Қабылдау, үлгерім және бітіру көрсеткіштері жыл сайын бақыланады.",
        "Показатели приёма, успеваемости и выпуска отслеживаются ежегодно.",
        "Admission, progression and graduation are tracked every year.",
    ),
}
SWOT = {
    "strengths": "Бекітілген сапа саясаты; тұрақты кері байланыс.",
    "weaknesses": "Түлектердің кері байланысы аз.",
    "opportunities": "Жұмыс берушілер кеңесімен серіктестік.",
    "threats": "Оқытушылардың жүктемесі.",
}
DONE = ("S1", "S2", "S3")


def _people():
    emails = [email for email, _codes in WRITERS]
    found = {u.email: u for u in User.objects.filter(email__in=emails)}
    qa = User.objects.filter(groups__name=Role.QA_MANAGER).order_by("pk").first()
    return found, qa


def _milestones(cycle, start):
    standards = {c.code: c for c in Clause.objects.filter(framework=cycle.framework)}
    rows = [
        (MilestoneKind.SECTION_DEADLINE, standards.get("S1"), start + datetime.timedelta(30)),
        (MilestoneKind.SECTION_DEADLINE, standards.get("S5"), start + datetime.timedelta(45)),
        (MilestoneKind.SELF_ASSESSMENT_DUE, None, start + datetime.timedelta(75)),
        (MilestoneKind.SUBMISSION, None, start + datetime.timedelta(90)),
        (MilestoneKind.SITE_VISIT, None, start + datetime.timedelta(150)),
        (MilestoneKind.DECISION, None, start + datetime.timedelta(180)),
    ]
    Milestone.objects.bulk_create(
        Milestone(cycle=cycle, kind=kind, clause=clause, date=date) for kind, clause, date in rows
    )


def _evidence_records():
    """A published edition, a council decision, an indicator value and (if any) a survey
    result above the minimum, for the sections marked done."""
    council = Body.objects.filter(kind=BodyKind.ACADEMIC_RESEARCH_COUNCIL).first()
    records = []
    edition = (
        Edition.objects.filter(status=EditionStatus.PUBLISHED)
        .select_related("document")
        .order_by("pk")
        .first()
    )
    if edition is not None:
        records.append({"kind": EvidenceKind.EDITION, "edition": edition})
    decision = Decision.objects.filter(body=council).order_by("date", "pk").first()
    if decision is not None:
        records.append({"kind": EvidenceKind.DECISION, "decision": decision})
    value = (
        IndicatorValue.objects.filter(indicator__clause__framework__code="SIQAS", school=None)
        .order_by("-year", "pk")
        .first()
    )
    if value is not None:
        records.append({"kind": EvidenceKind.INDICATOR, "indicator_value": value})
    for campaign in Campaign.objects.filter(state=CampaignState.PUBLISHED).order_by("pk"):
        if not survey_result_problem(campaign):
            records.append({"kind": EvidenceKind.SURVEY, "campaign": campaign})
            break
    return records


@transaction.atomic
def seed_cycles():
    """The demo cycle; returns lines for the command's report."""
    if Cycle.objects.filter(title_kk=TITLE_KK).exists():
        return ["Accreditation cycles: demo cycle unchanged"]
    framework = Framework.objects.filter(code="SIQAS").first()
    agency = Agency.objects.filter(short_name="IAAR").first()
    people, qa = _people()
    if framework is None or agency is None or qa is None:
        return ["Accreditation cycles: skipped (no SIQAS framework, IAAR or QA manager)"]
    cycle = Cycle.objects.create(
        title_kk=TITLE_KK,
        title_ru=TITLE_RU,
        title_en=TITLE_EN,
        kind=CycleKind.INSTITUTIONAL,
        agency=agency,
        framework=framework,
        created_by=qa,
    )
    standards = {c.code: c for c in Clause.objects.filter(framework=framework)}
    WorkingGroupMember.objects.create(cycle=cycle, person=qa, is_lead=True)
    staff = set(StaffProfile.objects.values_list("user_id", flat=True))
    for email, codes in WRITERS:
        person = people.get(email)
        if person is None or person.pk not in staff:
            continue
        member = WorkingGroupMember.objects.create(cycle=cycle, person=person)
        member.clauses.set([standards[code] for code in codes if code in standards])
    _milestones(cycle, data.ACADEMIC_YEAR["start_date"] + datetime.timedelta(60))
    cycles.move(cycle, "start_self_assessment")
    records = _evidence_records()
    for n, section in enumerate(
        cycle.sections.select_related("clause").order_by("clause__position")
    ):
        texts = NARRATIVES.get(section.clause.code)
        if texts is None:
            continue
        section.narrative_kk, section.narrative_ru, section.narrative_en = texts
        for name, text in SWOT.items():
            setattr(section, name, text)
        done = section.clause.code in DONE and records
        section.status = SectionStatus.DONE if done else SectionStatus.DRAFTING
        section.save()
        if done:
            Evidence.objects.create(
                section=section, added_by=section.owner or qa, **records[n % len(records)]
            )
    return [f"Accreditation cycles: demo cycle created ({cycle.sections.count()} sections)"]
