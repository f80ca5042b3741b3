"""Accreditation demo data for ``manage.py seed_demo`` (issue 6, part 1).

* The five agencies the portal's users meet most: IAAR, IQAA, ARQA and ECAQA (Kazakhstan) and
  FIBAA (Germany; seed 000 §4.2 names it for institutional and programme accreditation), with
  their recognition and contacts.
* The shipped frameworks: ESG 2015 Part 1 and the eleven internal standards of seed 002 with
  their indicators, risks and crosswalk to the ESG (``framework_import.load_shipped``).
* Indicators of the seed 003 ¶43 domains — admission, progression, graduation, retention,
  graduate employment (¶170) and satisfaction — under the seed 002 standards they serve, and
  three seed 002 indicators, each with targets for four years and values for the last three
  years for the university and every school. The satisfaction indicator takes its values from
  the student satisfaction survey (``survey_feed``): it has values once the QA office
  publishes that survey's results and updates the indicator.
* One institutional cycle in self-assessment against the seed 002 standards, with a working
  group, milestones and sections done with evidence (``demo_cycles``).
* One finished programme accreditation in follow-up: the site visit, the agency's decision in
  the register and the action plan on the experts' recommendations (``demo_decisions``).

Values are drawn from a fixed seed, so every run draws the same ones. Idempotent: agencies
and indicators are found again by short name and code, and a value or target already there is
left alone.
"""

import random
from decimal import Decimal

from governance import demo_data as data
from governance.models import School
from surveys.models import Question, QuestionKind

from . import survey_feed
from .demo_cycles import seed_cycles
from .demo_decisions import seed_decisions
from .demo_register import seed_register
from .framework_import import load_shipped
from .models import (
    Agency,
    Clause,
    Country,
    Direction,
    Domain,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Source,
    Unit,
)

AGENCIES = [
    {
        "short_name": "IAAR",
        "name_kk": "Тәуелсіз аккредиттеу және рейтинг агенттігі",
        "name_ru": "Независимое агентство аккредитации и рейтинга",
        "name_en": "Independent Agency for Accreditation and Rating",
        "country": Country.KAZAKHSTAN,
        "in_national_register": True,
        "in_eqar": True,
        "website": "https://iaar.agency",
        "email": "iaar@iaar.kz",
    },
    {
        "short_name": "IQAA",
        "name_kk": "Білім беру сапасын қамтамасыз ету жөніндегі тәуелсіз қазақстандық агенттік",
        "name_ru": "Независимое казахстанское агентство по обеспечению качества в образовании",
        "name_en": "Independent Kazakh Agency for Quality Assurance in Education",
        "country": Country.KAZAKHSTAN,
        "in_national_register": True,
        "in_eqar": True,
        "website": "https://iqaa.kz",
        "email": "iqaa@iqaa.kz",
    },
    {
        "short_name": "ARQA",
        "name_kk": "Білім беру сапасын тану және қамтамасыз ету агенттігі",
        "name_ru": "Агентство по признанию и обеспечению качества образования",
        "name_en": "Agency for Recognition and Quality Assurance in Education",
        "country": Country.KAZAKHSTAN,
        "in_national_register": True,
        "website": "https://arqa.kz",
    },
    {
        "short_name": "FIBAA",
        "name_kk": "Халықаралық бизнес-әкімшілендіруді аккредиттеу қоры",
        "name_ru": "Фонд международной аккредитации делового администрирования",
        "name_en": "Foundation for International Business Administration Accreditation",
        "country": Country.GERMANY,
        "in_national_register": True,
        "in_eqar": True,
        "website": "https://www.fibaa.org",
        "email": "info@fibaa.org",
    },
    {
        "short_name": "ECAQA",
        "name_kk": "Білім беру мен денсаулық сақтау сапасын қамтамасыз ету және аккредиттеудің "
        "Еуразиялық орталығы",
        "name_ru": "Евразийский центр аккредитации и обеспечения качества образования и "
        "здравоохранения",
        "name_en": "Eurasian Centre for Accreditation and Quality Assurance in Education and "
        "Health Care",
        "country": Country.KAZAKHSTAN,
        "in_national_register": True,
        "other_recognition": "WFME",
        "website": "https://ecaqa.org",
    },
]

# (code, standard of seed 002, domain, unit, direction, kk, ru, en, first value, yearly pace)
DOMAIN_INDICATORS = [
    (
        "KPI-ADM",
        "S4",
        Domain.ADMISSION,
        Unit.PERCENT,
        Direction.HIGHER,
        "Қабылдау жоспарының орындалуы",
        "Выполнение плана приёма",
        "Admission plan fulfilled",
        90,
        2,
    ),
    (
        "KPI-PROG",
        "S4",
        Domain.PROGRESSION,
        Unit.PERCENT,
        Direction.HIGHER,
        "Келесі курсқа ауысқан білім алушылардың үлесі",
        "Доля обучающихся, переведённых на следующий курс",
        "Students progressing to the next year of study",
        87,
        1.5,
    ),
    (
        "KPI-GRAD",
        "S4",
        Domain.GRADUATION,
        Unit.PERCENT,
        Direction.HIGHER,
        "Оқудың нормативтік мерзімінде бітірген түлектердің үлесі",
        "Доля выпускников, окончивших обучение в нормативный срок",
        "Graduation within the normal period of study",
        78,
        2,
    ),
    (
        "KPI-RET",
        "S4",
        Domain.RETENTION,
        Unit.PERCENT,
        Direction.LOWER,
        "Оқудан шығарылған білім алушылардың үлесі",
        "Доля отчисленных обучающихся",
        "Dropout rate",
        7,
        0.8,
    ),
    (
        "KPI-EMP",
        "S9",
        Domain.EMPLOYMENT,
        Unit.PERCENT,
        Direction.HIGHER,
        "Бітірген жылы жұмысқа орналасқан түлектердің үлесі",
        "Доля выпускников, трудоустроенных в год выпуска",
        "Graduates employed in the year of graduation",
        72,
        3,
    ),
]
# Seed 002 indicators with demo values: (code, first value, yearly pace).
SHIPPED_WITH_VALUES = [("S5.Ind3", 70, 3), ("S10.Ind2", 60, 5), ("S8.P2", 14, 2)]
SURVEY_INDICATOR = (
    "KPI-SAT",
    "S3",
    "Білім алушылардың оқыту сапасына қанағаттануы (сауалнаманың орташа балы)",
    "Удовлетворённость обучающихся качеством преподавания (средний балл анкетирования)",
    "Student satisfaction with the quality of teaching (survey mean)",
)
SURVEY_QUESTIONNAIRE = "student-satisfaction"
SURVEY_QUESTION_EN = "How satisfied are you with the quality of teaching?"


def _years():
    """Targets for the last three years and the current one; values for the last three."""
    current = data.ACADEMIC_YEAR["start_date"].year
    return list(range(current - 3, current)), list(range(current - 3, current + 1))


def seed_agencies():
    created = 0
    for fields in AGENCIES:
        _agency, made = Agency.objects.get_or_create(
            short_name=fields["short_name"], defaults=fields
        )
        created += made
    return created


def _indicator(code, clause, domain, unit, direction, names, question=None):
    indicator, _made = Indicator.objects.get_or_create(
        code=code,
        defaults={
            "clause": clause,
            "domain": domain,
            "unit": unit,
            "direction": direction,
            "name_kk": names[0],
            "name_ru": names[1],
            "name_en": names[2],
            "position": 100,
            "survey_question": question,
        },
    )
    return indicator


def _draw(indicator, first, pace, schools):
    """Targets that ask for half a pace more each year; values that improve by about a pace
    a year in the indicator's direction, each school a little apart, so that the first year
    misses its target and the later ones mostly reach it (``IndicatorValue`` records)."""
    value_years, target_years = _years()
    step = -pace if indicator.direction == Direction.LOWER else pace
    created = 0
    for n, year in enumerate(target_years):
        target = Decimal(f"{first + step * (0.5 + 0.5 * n):.1f}")
        _target, made = IndicatorTarget.objects.get_or_create(
            indicator=indicator, year=year, defaults={"value": target}
        )
        created += made
    for school in [None, *schools]:
        where = school.code if school else "all"
        rng = random.Random(f"{data.RANDOM_SEED}:accreditation:{indicator.code}:{where}")
        offset = 0 if school is None else rng.uniform(-1.5, 1.5) * pace
        for n, year in enumerate(value_years):
            number = first + step * n * rng.uniform(0.6, 1.4) + offset
            if indicator.unit == Unit.PERCENT:
                number = min(max(number, 0), 100)
            _value, made = IndicatorValue.objects.get_or_create(
                indicator=indicator,
                year=year,
                school=school,
                programme=None,
                defaults={"value": Decimal(f"{number:.1f}"), "source": Source.IMPORTED},
            )
            created += made
    return created


def _satisfaction_question():
    return (
        Question.objects.filter(
            section__version__questionnaire__code=SURVEY_QUESTIONNAIRE,
            kind=QuestionKind.LIKERT,
            text_en=SURVEY_QUESTION_EN,
        )
        .order_by("-section__version__number")
        .first()
    )


def seed_indicators():
    """The demo indicators with targets and values; returns how many records were made."""
    standards = {c.code: c for c in Clause.objects.filter(framework__code="SIQAS", depth=1)}
    schools = list(School.objects.order_by("code"))
    created = 0
    for code, standard, domain, unit, direction, kk, ru, en, first, pace in DOMAIN_INDICATORS:
        indicator = _indicator(code, standards[standard], domain, unit, direction, (kk, ru, en))
        created += _draw(indicator, first, pace, schools)
    for code, first, pace in SHIPPED_WITH_VALUES:
        created += _draw(Indicator.objects.get(code=code), first, pace, schools)
    question = _satisfaction_question()
    if question is not None:
        code, standard, *names = SURVEY_INDICATOR
        indicator = _indicator(
            code,
            standards[standard],
            Domain.SATISFACTION,
            Unit.SCORE,
            Direction.HIGHER,
            names,
            question,
        )
        _value_years, target_years = _years()
        for year in target_years:
            _target, made = IndicatorTarget.objects.get_or_create(
                indicator=indicator, year=year, defaults={"value": Decimal("4.00")}
            )
            created += made
        survey_feed.refresh(indicator)
    return created


def seed_accreditation():
    """Everything above; lines for the command's report."""
    agencies = seed_agencies()
    lines = [f"Accreditation agencies: {Agency.objects.count()} ({agencies} new)"]
    for code, counts in load_shipped().items():
        lines.append(
            f"Standards framework {code}: {counts['new']} new, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged"
        )
    records = seed_indicators()
    lines.append(f"Indicators: {Indicator.objects.count()}; {records} new demo targets and values")
    lines += seed_register()
    lines += seed_cycles()
    lines += seed_decisions()
    return lines
