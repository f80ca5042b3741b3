"""The applications part of ``manage.py seed_demo``: what students ask the School of Law committee.

Seed 000 §2.2: the committee considers applications of students and teachers; §4.1.4: an
inclusive-education request, decided by the committee itself; §4.1.6: a grade appeal reviewed by
at least two independent experts, never the teacher of the course. The demo has four cases:

- the inclusive-education request the committee decided at its second meeting (the agenda item
  and the decision the governance demo already holds: an individual study plan);
- a complaint of the demo student (``student1``) on the agenda of the upcoming meeting;
- a grade appeal concluded on two signed opinions (the grade is changed);
- a grade appeal of the demo student waiting for its panel.

Like the rest of the seed it is deterministic (fixed dates, people picked by rule) and
idempotent: applications are found by applicant and subject, agenda items by meeting and title,
panel seats by appeal and expert. The experts are checked with the portal's own rule
(``governance.cases.check_expert``).
"""

from django.core.management.base import CommandError

from governance import cases
from governance import demo_data as data
from governance.demo_governance import COMMITTEE_UPCOMING, at
from governance.models import AgendaItem, AppealExpert, Application, Enrolment, Meeting, User
from governance.models.cases import AppealOutcome, ApplicationKind, ApplicationStatus
from governance.models.meetings import ItemStatus

SCHOOL = "LAW"

INCLUSIVE_SUBJECT = "Жеке оқу жоспары бойынша оқуға өтініш"
INCLUSIVE_TEXT = (
    "Денсаулығыма байланысты ерекше білім беру қажеттіліктерім бар (дәрігерлік-консультациялық "
    "комиссияның қорытындысы қоса беріледі). Көктемгі семестрде жеке оқу жоспары бойынша оқуға, "
    "аралық бақылауларды жеке кесте бойынша тапсыруға рұқсат беруіңізді сұраймын."
)
INCLUSIVE_RESPONSE = (
    "Комитет өтінішіңізді 2026 жылғы 20 қазандағы отырысында қарап, көктемгі семестрде жеке оқу "
    "жоспары бойынша оқуға ауыстыру туралы шешім қабылдады. Жеке кестені эдвайзеріңіз 2026 "
    "жылғы 15 желтоқсанға дейін сізбен келіседі."
)
COMPLAINT_SUBJECT = "Емтихан кестесінің кеш жариялануы туралы шағым"
COMPLAINT_TEXT = (
    "Аралық бақылаулардың кестесі бірнеше рет бақылаудан бір-екі күн бұрын ғана жарияланды. "
    "Кестені кемінде бір апта бұрын жариялауды және өзгерістер туралы LMS арқылы алдын ала "
    "хабарлауды сұраймын."
)
APPEAL_SUBJECT = "Қорытынды емтихан бағасына апелляция"
APPEAL_TEXT = (
    "Қорытынды емтихандағы жазбаша жұмысым бағалау критерийлеріне сәйкес бағаланбады деп "
    "есептеймін: екінші және үшінші тапсырмалардың шешімі толық берілген, бірақ олар үшін балл "
    "қойылмаған. Жұмысты тәуелсіз сарапшылардың қайта қарауын сұраймын."
)
APPEAL_GRADE = "C+"
APPEAL_RESPONSE = (
    "Екі тәуелсіз сарапшы жұмысыңызды қайта қарады: екінші және үшінші тапсырмалардың шешімі "
    "толық, бірақ бағаланбай қалған. Комитет бағаны B- деп өзгертті; баға LMS жүйесінде "
    "жаңартылады."
)
APPEAL_GRADE_AFTER = "B-"
OPINIONS = (
    (
        "Екінші және үшінші тапсырмалардың шешімі дұрыс әрі толық, бірақ жұмыста бағаланбаған. "
        "Бағалау критерийлері бойынша жұмыс B- бағасына сәйкес келеді.",
        "B-",
        at(2026, 11, 6, 12),
    ),
    (
        "Тапсырмалардың шешімі негізінен дұрыс; үшінші тапсырмада дәлелдеу толық емес. "
        "Жұмыс B- пен B аралығындағы бағаға лайық.",
        "B",
        at(2026, 11, 9, 17, 30),
    ),
)
WAITING_SUBJECT = "Аралық бақылау бағасына апелляция"
WAITING_TEXT = (
    "Аралық бақылаудағы эссемнің бағасымен келіспеймін: бағалау парағында пікір берілмеген, "
    "критерийлер бойынша балдар көрсетілмеген. Жұмысты қайта қарауды сұраймын."
)
WAITING_GRADE = "D"


class CasesSeeder:
    """Writes the applications demo through the governance seeder's people, bodies and upsert."""

    def __init__(self, governance):
        self.governance = governance
        self.upsert = governance.upsert
        self.school = next(s for s in data.SCHOOLS if s.code == SCHOOL)
        self.committee = governance.committees[SCHOOL]
        self.logins = governance.logins

    def person(self, email):
        return User.objects.get(email=email)

    def run(self):
        people = self.governance.people[SCHOOL]
        self.secretary = self.person(people["secretary"])
        programme = next(p for p in self.school.programmes if p.level == "bachelor").code
        demo_student = self.person(
            self.governance.email(f"{data.STUDENT_LOGIN_PREFIX['bachelor']}1")
        )
        self.inclusive(self.person(self.governance.student(programme, 3, 1)))
        self.complaint(demo_student)
        self.concluded_appeal(self.person(self.governance.student(programme, 2, 2)))
        self.waiting_appeal(demo_student)

    def application(self, applicant, subject, values):
        return self.upsert(
            Application,
            {"applicant_id": applicant.pk, "subject": subject},
            {"body_id": self.committee.pk, **values},
        )

    def inclusive(self, applicant):
        """Decided at the committee's second meeting (item 3, decision 2/3)."""
        decision = self.governance.decisions.get((SCHOOL, "2/3"))
        if decision is None:
            raise CommandError("The committee's decision 2/3 on the study plan is missing.")
        self.application(
            applicant,
            INCLUSIVE_SUBJECT,
            {
                "kind": ApplicationKind.INCLUSIVE,
                "text": INCLUSIVE_TEXT,
                "status": ApplicationStatus.DECIDED,
                "agenda_item_id": decision.motion.item_id,
                "decision_id": decision.pk,
                "response": INCLUSIVE_RESPONSE,
                "submitted_at": at(2026, 10, 5, 11, 20),
                "decided_at": at(2026, 10, 21, 10),
            },
        )

    def complaint(self, applicant):
        """On the agenda of the meeting of 27 November, after the items already there."""
        meeting = Meeting.objects.get(body=self.committee, number=COMMITTEE_UPCOMING.number)
        item = self.upsert(
            AgendaItem,
            {
                "meeting_id": meeting.pk,
                "title": f"{applicant.full_name_kk} білім алушының өтініші: {COMPLAINT_SUBJECT}",
            },
            {
                "position": len(COMMITTEE_UPCOMING.items) + 1,
                "description": f"{ApplicationKind.COMPLAINT.label}.\n\n{COMPLAINT_TEXT}",
                "proposed_by_id": self.secretary.pk,
                "status": ItemStatus.ON_AGENDA,
            },
        )
        self.application(
            applicant,
            COMPLAINT_SUBJECT,
            {
                "kind": ApplicationKind.COMPLAINT,
                "text": COMPLAINT_TEXT,
                "status": ApplicationStatus.ON_AGENDA,
                "agenda_item_id": item.pk,
                "submitted_at": at(2026, 11, 16, 9, 40),
            },
        )

    def first_course(self, applicant):
        """The applicant's first autumn course (by code): the one whose grade is appealed."""
        enrolment = (
            Enrolment.objects.filter(student=applicant, term__kind="autumn")
            .select_related("course")
            .order_by("course__code")
            .first()
        )
        if enrolment is None:
            raise CommandError(f"{applicant.email} takes no course in the autumn term.")
        return enrolment.course

    def concluded_appeal(self, applicant):
        """Two staff of the school who do not teach the course reviewed it; the grade changed."""
        course = self.first_course(applicant)
        application = self.application(
            applicant,
            APPEAL_SUBJECT,
            {
                "kind": ApplicationKind.GRADE_APPEAL,
                "text": APPEAL_TEXT,
                "course_id": course.pk,
                "grade_given": APPEAL_GRADE,
                "status": ApplicationStatus.DECIDED,
                "appeal_outcome": AppealOutcome.CHANGED,
                "grade_after_appeal": APPEAL_GRADE_AFTER,
                "response": APPEAL_RESPONSE,
                "submitted_at": at(2026, 11, 2, 14),
                "decided_at": at(2026, 11, 12, 11),
            },
        )
        teaching = set(course.teachers.values_list("email", flat=True))
        emails = [e for e in self.governance.school_teachers(self.school) if e not in teaching]
        experts = [self.person(email) for email in emails[: len(OPINIONS)]]
        for expert, (opinion, grade, signed_at) in zip(experts, OPINIONS, strict=True):
            seat = AppealExpert.objects.filter(application=application, expert=expert).first()
            try:
                cases.check_expert(application, expert, seat=seat)
            except cases.CaseError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.upsert(
                AppealExpert,
                {"application_id": application.pk, "expert_id": expert.pk},
                {"opinion": opinion, "recommended_grade": grade, "signed_at": signed_at},
            )
        self.logins.append((f"Appeal expert, {self.school.name.en}", experts[0].email))

    def waiting_appeal(self, applicant):
        """Submitted a few days ago; the secretary has not put a panel together yet."""
        self.application(
            applicant,
            WAITING_SUBJECT,
            {
                "kind": ApplicationKind.GRADE_APPEAL,
                "text": WAITING_TEXT,
                "course_id": self.first_course(applicant).pk,
                "grade_given": WAITING_GRADE,
                "status": ApplicationStatus.SUBMITTED,
                "submitted_at": at(2026, 11, 20, 16, 15),
            },
        )
