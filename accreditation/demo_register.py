"""Demo data of the register of accredited programmes and the external mechanisms, for
``manage.py seed_demo`` (issue 6; called from ``accreditation.demo``).

* The university's institutional accreditation (FIBAA, seed 000 §4.2).
* Every demo programme accredited by a Kazakh agency, except one never accredited (the
  doctoral programme in Economics): most valid for years yet, one expiring within a year,
  one expired (so the register shows each flag).
* Atameken ranking results for three years for the bachelor programmes.
* One Academic Integrity League monitoring of last year: criteria received three months
  before the visit, a group of eight and three findings, one of which became an improvement
  action of the QA manager.

Dates count from today so the flags stay true on any day. Idempotent: the institutional
decision and each programme's demo decision are found again by certificate number, results
by programme and year, the monitoring by year.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from governance import demo_data as data
from governance.models import EducationalProgramme, User

from .integrity_league import actions_by_finding, raise_finding_action, set_members
from .models import (
    Accreditation,
    AccreditationKind,
    Agency,
    AtamekenResult,
    IntegrityMonitoring,
    MonitoringFinding,
    MonitoringStatus,
    Outcome,
    Severity,
)
from .programme_register import add_months, validity_end

NEVER_ACCREDITED = "8D04101"
EXPIRING = "6B04202"  # expires within a year
EXPIRED = "7M06101"
AGENCY_CYCLE = ("IAAR", "IQAA", "ARQA")

GROUP = (
    ("Сәрсенбаев Ерлан", "Л.Н. Гумилев атындағы Еуразия ұлттық университеті"),
    ("Омарова Айгүл", "Әл-Фараби атындағы Қазақ ұлттық университеті"),
    ("Ким Виктор", "Satbayev University"),
    ("Жақыпова Гүлнар", "«Атамекен» ҰКП"),
    ("Мұхамедиев Асхат", "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі"),
    ("Исаева Мадина", "«Адал білім» қоғамдық қоры"),
    ("Бекова Салтанат", "Академиялық адалдық лигасы"),
)
FINDINGS = (
    (
        Severity.MAJOR,
        "Емтихан ведомостарының бір бөлігінде бағалар LMS-ке кешігіп енгізілген; бағаларды "
        "енгізу мерзімін бақылау қажет.",
    ),
    (
        Severity.MINOR,
        "Академиялық адалдық кодексі студенттерге орыс және ағылшын тілдерінде қолжетімсіз.",
    ),
    (
        Severity.OBSERVATION,
        "Плагиатқа қарсы тексеру барлық курстық жұмыстарға қолданылады: жақсы тәжірибе.",
    ),
)


def _decision(programme, agency, kind, number, decision_date, years):
    valid_from = decision_date + datetime.timedelta(days=7)
    _accreditation, made = Accreditation.objects.get_or_create(
        certificate_number=number,
        defaults={
            "programme": programme,
            "agency": agency,
            "kind": kind,
            "decision_date": decision_date,
            "outcome": Outcome.ACCREDITED,
            "years": years,
            "valid_from": valid_from,
            "valid_until": validity_end(valid_from, years),
        },
    )
    return made


def seed_accreditations(today):
    """The institutional decision and one decision per programme but one; returns how many
    records were made."""
    agencies = {agency.short_name: agency for agency in Agency.objects.all()}
    made = 0
    if "FIBAA" in agencies:
        made += _decision(
            None,
            agencies["FIBAA"],
            AccreditationKind.INSTITUTIONAL,
            "FIBAA-INST-DEMO",
            add_months(today, -20),
            5,
        )
    programmes = EducationalProgramme.objects.exclude(code=NEVER_ACCREDITED).order_by("code")
    for index, programme in enumerate(programmes):
        agency = agencies.get(AGENCY_CYCLE[index % len(AGENCY_CYCLE)])
        if agency is None:
            continue
        if programme.code == EXPIRING:
            decided = add_months(today, -52)  # five years, ends in about eight months
        elif programme.code == EXPIRED:
            decided = add_months(today, -63)
        else:
            decided = add_months(today, -(6 + 5 * (index % 6)))
        made += _decision(
            programme,
            agency,
            AccreditationKind.PROGRAMME,
            f"{agency.short_name}-{programme.code}-DEMO",
            decided,
            5,
        )
    return made


def seed_atameken(today):
    """Three years of results for the bachelor programmes; returns how many were made."""
    made = 0
    programmes = EducationalProgramme.objects.filter(code__startswith="6B").order_by("code")
    for index, programme in enumerate(programmes):
        for step, year in enumerate(range(today.year - 3, today.year)):
            _result, created = AtamekenResult.objects.get_or_create(
                programme=programme,
                year=year,
                defaults={
                    "position": 3 + (index * 7 + step * (3 if index % 2 else -1)) % 12,
                    "score": Decimal(60 + (index * 11 + step * 4) % 35),
                    "category": programme.name_ru or programme.name_kk,
                    "source_url": "https://atameken.kz/ru/services/38-reyting-obrazovatelnyh-programm-vuzov",
                },
            )
            made += created
    return made


def seed_integrity_monitoring(today):
    """Last year's completed monitoring with its group and findings; returns 1 if made."""
    year = today.year - 1
    if IntegrityMonitoring.objects.filter(year=year).exists():
        return 0
    qa_manager = User.objects.filter(email=f"{data.QA_MANAGER.login}@{data.DEMO_DOMAIN}").first()
    visit = datetime.date(year, 10, 15)
    monitoring = IntegrityMonitoring.objects.create(
        year=year,
        visit_date=visit,
        criteria_received_on=add_months(visit, -3),
        status=MonitoringStatus.COMPLETED,
        completed_at=timezone.now(),
        summary="Мониторинг тобы академиялық адалдық саясатын, бағалау рәсімдерін және "
        "сыбайлас жемқорлық тәуекелдерін тексерді.",
        created_by=qa_manager,
    )
    set_members(monitoring, [qa_manager] if qa_manager else [], GROUP)
    findings = [
        MonitoringFinding.objects.create(monitoring=monitoring, severity=severity, text=text)
        for severity, text in FINDINGS
    ]
    if qa_manager and not actions_by_finding(findings[:1]):
        raise_finding_action(
            findings[0], owner=qa_manager, due_date=today + datetime.timedelta(days=60)
        )
    return 1


def seed_register():
    """Everything above; lines for the command's report."""
    today = timezone.localdate()
    accreditations = seed_accreditations(today)
    results = seed_atameken(today)
    monitorings = seed_integrity_monitoring(today)
    return [
        f"Accreditation register: {Accreditation.objects.count()} decisions ({accreditations} new)",
        f"Atameken ranking results: {AtamekenResult.objects.count()} ({results} new)",
        f"Academic Integrity League monitorings: {IntegrityMonitoring.objects.count()} "
        f"({monitorings} new)",
    ]
