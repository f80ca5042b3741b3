"""Demo of a finished programme accreditation (issue 6, ``manage.py seed_demo``; called from
``accreditation.demo``).

A bachelor programme accredited by IAAR against ESG 2015 Part 1, the cycle now in follow-up
(seed 002 S10.St3–6, seed 004 §6): the panel's visit programme of two days (management,
teachers, students, alumni, employers), the agency's decision — accredited for five years —
linked to the programme's record in the register (the demo register's IAAR certificate of
that programme when there is one), and four recommendations of the experts, each with its
improvement action: two done with evidence (one verified), one in progress, one past its
due date. Idempotent: the cycle is found again by its Kazakh title, and nothing is added to
it once it exists.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from governance import actions
from governance import demo_data as data
from governance.models import EducationalProgramme, User

from . import action_plan, agency_decision, cycles
from .models import Accreditation, Agency, Clause, Framework, Outcome
from .models.cycles import Cycle, CycleKind, Milestone, MilestoneKind, WorkingGroupMember
from .models.decisions import RecommendationKind, StakeholderGroup, VisitMeeting
from .programme_register import add_months, validity_end

TITLE_KK = "{code} бағдарламасын мамандандырылған аккредиттеу (IAAR)"
TITLE_RU = "Специализированная аккредитация программы {code} (IAAR)"
TITLE_EN = "Programme accreditation of {code} (IAAR)"
YEARS = 5
# (day of the visit, start, end, group, room, names of participants without an account)
MEETINGS = [
    (0, "09:30", "10:30", StakeholderGroup.MANAGEMENT, "Ректорат, 301", ""),
    (0, "11:00", "12:00", StakeholderGroup.TEACHERS, "A-204", ""),
    (0, "14:00", "15:00", StakeholderGroup.STUDENTS, "A-101", ""),
    (1, "10:00", "11:00", StakeholderGroup.ALUMNI, "A-101", "Серікова Әсел\nТоқтаров Нұрлан"),
    (
        1,
        "11:30",
        "12:30",
        StakeholderGroup.EMPLOYERS,
        "Мәжіліс залы",
        "Әбенов Қайрат — «Заң-Кеңес» ЖШС\nЛи Ольга — Нотариаттық палата",
    ),
]
# (kind, ESG clause, text, owner e-mail, state: done / verified / in progress / overdue)
RECOMMENDATIONS = [
    (
        RecommendationKind.RECOMMENDATION,
        "1.2",
        "Бағдарламаны әзірлеуге және қайта қарауға жұмыс берушілерді жүйелі түрде тарту.",
        "dean.law@demo.edu.kz",
        "verified",
    ),
    (
        RecommendationKind.RECOMMENDATION,
        "1.3",
        "Студентке бағдарланған оқытуды дамыту: белсенді әдістер бойынша оқытушыларға семинарлар.",
        "teacher1@demo.edu.kz",
        "done",
    ),
    (
        RecommendationKind.CONDITION,
        "1.5",
        "Оқытушылардың ағылшын тілі деңгейін B2-ге дейін көтеру жоспарын бекіту.",
        "dean.law@demo.edu.kz",
        "in_progress",
    ),
    (
        RecommendationKind.RECOMMENDATION,
        "1.9",
        "Түлектердің жұмысқа орналасуын жыл сайын бақылап, нәтижелерін жариялау.",
        "teacher1@demo.edu.kz",
        "overdue",
    ),
]
EVIDENCE = {
    "verified": "Жұмыс берушілер кеңесінің отырыс хаттамалары; бағдарламаға енгізілген өзгерістер.",
    "done": "Белсенді оқыту әдістері бойынша үш семинар өтті, 24 оқытушы қатысты.",
}


def _programme_and_register_record():
    """A bachelor programme and its IAAR record in the demo register (None when absent); the
    same on every run, linked to the demo cycle or not."""
    record = (
        Accreditation.objects.filter(
            agency__short_name="IAAR",
            programme__code__startswith="6B",
            outcome=Outcome.ACCREDITED,
        )
        .select_related("programme")
        .order_by("-decision_date", "pk")
        .first()
    )
    if record is not None:
        return record.programme, record
    return EducationalProgramme.objects.filter(code__startswith="6B").order_by("code").first(), None


def _decision(programme, record, today):
    """The decision to record: the register's own when the demo register has it."""
    if record is not None:
        return Accreditation(
            **{name: getattr(record, name) for name in agency_decision.DECISION_FIELDS}
        )
    decided = add_months(today, -14)
    valid_from = decided + datetime.timedelta(days=7)
    return Accreditation(
        decision_date=decided,
        outcome=Outcome.ACCREDITED,
        years=YEARS,
        valid_from=valid_from,
        valid_until=validity_end(valid_from, YEARS),
        certificate_number=f"IAAR-{programme.code}-{decided:%Y}",
    )


def _visit(cycle, first_day):
    for day, start, end, group, room, names in MEETINGS:
        VisitMeeting.objects.create(
            cycle=cycle,
            date=first_day + datetime.timedelta(days=day),
            starts_at=datetime.time.fromisoformat(start),
            ends_at=datetime.time.fromisoformat(end),
            group=group,
            room=room,
            other_participants=names,
        )


def _recommendations(cycle, decided, today, qa):
    """Each recommendation with its action, brought to its demo state."""
    clauses = {c.code: c for c in Clause.objects.filter(framework=cycle.framework)}
    people = {u.email: u for u in User.objects.filter(email__in=[r[3] for r in RECOMMENDATIONS])}
    for kind, code, text, email, goal in RECOMMENDATIONS:
        owner = people.get(email, qa)
        due = today - datetime.timedelta(days=30) if goal == "overdue" else add_months(today, 4)
        if goal in ("done", "verified"):
            due = add_months(decided, 6)
        recommendation = action_plan.add_recommendation(
            cycle,
            text=text,
            kind=kind,
            clause=clauses.get(code),
            owner=owner,
            due_date=due,
            today=decided,
        )
        action = actions.actions_from(recommendation).get()
        if goal == "overdue":
            continue
        action = actions.start(action, owner)
        if goal in ("done", "verified"):
            action = actions.mark_done(action, owner, evidence=EVIDENCE[goal])
        if goal == "verified" and actions.can_verify(qa, action):
            actions.verify(action, qa)


@transaction.atomic
def seed_decisions():
    """The finished demo cycle; returns lines for the command's report."""
    today = timezone.localdate()
    programme, record = _programme_and_register_record()
    framework = Framework.objects.filter(code="ESG-2015").first()
    agency = Agency.objects.filter(short_name="IAAR").first()
    qa = User.objects.filter(email=f"{data.QA_MANAGER.login}@{data.DEMO_DOMAIN}").first()
    if None in (programme, framework, agency, qa):
        return ["Accreditation decisions: skipped (no bachelor programme, ESG, IAAR or QA manager)"]
    if Cycle.objects.filter(title_kk=TITLE_KK.format(code=programme.code)).exists():
        return ["Accreditation decisions: demo cycle unchanged"]
    decision = _decision(programme, record, today)
    visit_day = decision.decision_date - datetime.timedelta(days=45)
    cycle = Cycle.objects.create(
        title_kk=TITLE_KK.format(code=programme.code),
        title_ru=TITLE_RU.format(code=programme.code),
        title_en=TITLE_EN.format(code=programme.code),
        kind=CycleKind.PROGRAMME,
        agency=agency,
        framework=framework,
        created_by=qa,
        created_at=timezone.make_aware(
            datetime.datetime.combine(add_months(visit_day, -8), datetime.time(9))
        ),
    )
    cycle.programmes.set([programme])
    WorkingGroupMember.objects.create(cycle=cycle, person=qa, is_lead=True)
    Milestone.objects.bulk_create(
        [
            Milestone(cycle=cycle, kind=MilestoneKind.SITE_VISIT, date=visit_day, done=True),
            Milestone(
                cycle=cycle, kind=MilestoneKind.DECISION, date=decision.decision_date, done=True
            ),
        ]
    )
    for step in ("start_self_assessment", "submit", "start_visit"):
        cycles.move(cycle, step)
    _visit(cycle, visit_day)
    agency_decision.record(cycle, decision, qa)
    _recommendations(cycle, decision.decision_date, today, qa)
    cycles.move(cycle, "start_follow_up")
    return [f"Accreditation decisions: demo cycle of {programme.code} created, in follow-up"]
