"""The governance part of ``manage.py seed_demo``: council, school committees, their meetings.

Seed 000 §2: the Academic and Research Council (ARC) is the highest academic body; it creates a
School Committee in every school; the Alumni Club council collects alumni feedback.  The demo
gives each of them members as the charter wants them, two closed meetings in autumn 2026 whose
motions were really voted through ``governance.voting`` (so counts, quorum snapshots, outcomes and
the words of the result are genuine), decisions for the motions adopted, an upcoming meeting
with a published agenda, and improvement actions that follow from the decisions.

The first half of the module is data (Kazakh texts, dates); the second half writes it.  Like the
rest of the seed it is deterministic (fixed dates, seeded random generators, people picked by
rule from the demo university) and idempotent: bodies are found by kind and school (or name),
memberships by body and person, meetings by body and number, agenda items by meeting and
position, motions by item and text, decisions by body and number, actions by title.  A closed
motion is never voted again.
"""

import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.utils import translation

from governance import demo_data as data
from governance.models import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    ImprovementAction,
    Meeting,
    Membership,
    Motion,
    User,
)
from governance.models.bodies import (
    AbstentionRule,
    BodyKind,
    Constituency,
    MajorityRule,
    MemberRole,
    MembershipBasis,
)
from governance.models.decisions import ActionSource, ActionStatus
from governance.models.meetings import ItemStatus, MeetingStatus
from governance.models.voting import BallotKind, Choice, MotionStatus, Outcome
from governance.voting import cast_vote, close_vote, explain, open_vote, result_of

Text = data.Text
ALMATY = ZoneInfo("Asia/Almaty")


def at(year, month, day, hour, minute=0):
    """A moment in Almaty time (the portal's time zone)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


# -- terms and the papers behind each seat ----------------------------------------------------

COUNCIL_TERM_START = datetime.date(2026, 9, 1)
COMMITTEE_TERM_START = datetime.date(2026, 9, 10)  # the schools' open elections
ELECTED_TERM_END = datetime.date(2027, 8, 31)  # teachers are elected every year (seed 000 §2.2)

RECTOR_ORDER = "Ректордың бұйрығы №312-Ж, 01.09.2026"
COUNCIL_TEACHER_ELECTION = "ПОҚ жалпы жиналысының хаттамасы №1, 28.08.2026"
COUNCIL_STUDENT_ELECTION = "Студенттік кеңестің хаттамасы №1, 29.08.2026"
COMMITTEE_TEACHER_ELECTION = "Оқытушылардың ашық сайлау хаттамасы №1, 10.09.2026"
COMMITTEE_STUDENT_ELECTION = "Мектеп студенттік кеңесінің хаттамасы №1, 09.09.2026"
DEAN_ORDER = "Деканның өкімі №{number}, 10.09.2026"
ALUMNI_ELECTION = "Түлектер клубы жалпы жиналысының хаттамасы №1, 05.06.2026"
ALUMNI_TERM_START = datetime.date(2026, 6, 5)

# -- bodies -----------------------------------------------------------------------------------

COUNCIL_NAME = Text(
    "Академиялық және ғылыми кеңес",
    "Академический и научный совет",
    "Academic and Research Council",
)
COUNCIL_DESCRIPTION = (
    "Университеттің ең жоғары алқалы академиялық органы. Ішкі сапаны қамтамасыз ету "
    "құжаттарын бекітеді, өзгертеді және күшін жояды; сыртқы құжаттарды қарап, ішкі "
    "құжаттардың оларға қайшы келмеуін қамтамасыз етеді; жаңа білім беру бағдарламаларын және "
    "оларға енгізілетін әрбір өзгерісті бекітеді; меморандумдар мен келісімдерді бекітеді; "
    "«Құрметті профессор» атағын береді; мектеп комитеттерін құрады және олардың ішкі немесе "
    "сыртқы құжаттарды бұзатын шешімдерін қайта қарай алады. Шешім отырысқа қатысқан "
    "мүшелердің үштен екісі жақтап дауыс берсе, қабылданады. Сапа менеджері мен әкімшілік "
    "бөлімшелердің өкілдері дауыс бермейді."
)
COMMITTEE_DESCRIPTION = (
    "{school_gen} тұрақты алқалы органы; Академиялық және ғылыми кеңестің шешімімен құрылған. "
    "Мектепте сапаны қамтамасыз ету тетіктерін іске асырады және олардың тиімділігін бағалайды, "
    "мектеп басшылығына және Кеңеске ұсыныстар береді, білім беру бағдарламаларын Кеңеске "
    "ұсынады, силлабустардың сапа құжаттарына сәйкестігін тексереді, білім алушылар мен "
    "оқытушылардың өтініштерін қарайды, ғылыми жұмысты қадағалайды және академиялық адалдықты "
    "қамтамасыз етеді. Оқытушылар мен білім алушылар дауыс береді (оқытушы мүшелер жыл сайын "
    "ашық сайлауда сайланады); мектеп басшылығы дауыс бермейді. Шешім отырысқа қатысқан дауыс "
    "беруші мүшелердің көпшілік даусымен қабылданады."
)
ALUMNI_NAME = Text("Түлектер клубының кеңесі", "Совет Клуба выпускников", "Alumni Club Council")
ALUMNI_DESCRIPTION = (
    "Түлектердің пікірін жинайды және нәтижелерін мектеп комитеттеріне, мектептерге, сапа "
    "менеджеріне және Академиялық және ғылыми кеңеске жібереді. Кезектен тыс отырыстарды "
    "төраға шақырады. Кеңес мүшелерінің кемінде үштен бірі қатысса, отырыс заңды."
)


def committee_name(school):
    """ "Құқық мектебінің комитеті" / "Комитет Школы права" / "School of Law Committee"."""
    ru = school.name.ru
    if ru.startswith("Школа "):
        ru = "Школы " + ru[len("Школа ") :]
    return Text(f"{school.name.kk}нің комитеті", f"Комитет {ru}", f"{school.name.en} Committee")


class CommitteeSeats(NamedTuple):
    """How a school's committee is made up besides its chair, dean and secretary.

    ``teachers`` voting teachers (4–6) and one voting student per (programme, year of study);
    1 + teachers + students is odd, as the committee's charter requires.
    """

    teachers: int
    students: tuple[tuple[str, int], ...]


COMMITTEES = {
    "LAW": CommitteeSeats(4, (("6B04201", 2), ("6B04202", 3))),
    "ECON": CommitteeSeats(5, (("6B04101", 2), ("6B04102", 3), ("7M04101", 2))),
    "IT": CommitteeSeats(6, (("6B06101", 2), ("6B06102", 3))),
    "HUM": CommitteeSeats(4, (("6B01101", 2), ("6B01701", 3))),
    "MED": CommitteeSeats(5, (("6B10101", 2), ("6B10102", 3), ("7M10101", 2))),
}
# Students elected to the council by the students' council: (programme, year of study).
COUNCIL_STUDENTS = (("6B04201", 4), ("6B04103", 4), ("7M06101", 2), ("8D01101", 2))
# The school whose teacher the council recommends for the title of associate professor.
NOMINEE_SCHOOL = "IT"
HONORARY_PROFESSOR = "профессор Н. А. Сейітқалиев (Болашақ зерттеу институты)"
HONORARY_PROFESSOR_DATIVE = "Профессор Н. А. Сейітқалиевке (Болашақ зерттеу институты)"

# -- meetings ---------------------------------------------------------------------------------


class ItemSpec(NamedTuple):
    """An agenda item; ``{keys}`` in the texts are people and facts of the body (see below)."""

    title: str
    description: str
    reporter: str  # who proposed and presented the item (a key of the body's people)
    summary: str  # what the reporter said, for the minutes
    remarks: tuple[tuple[str, str], ...]  # (person key, what they said)
    motion: str | None = None  # None: for information only
    ballot: str = BallotKind.OPEN


class MeetingSpec(NamedTuple):
    number: int
    starts_at: datetime.datetime
    published_at: datetime.datetime
    items: tuple[ItemSpec, ...]


COUNCIL_PLACE = "Бас ғимарат, 301 мәжіліс залы"
COMMITTEE_PLACE = "{building}-корпус, деканаттың мәжіліс бөлмесі"
ONLINE_LINK = "https://meet.demo.edu.kz/{slug}-{number}"

COUNCIL_MEETINGS = (
    MeetingSpec(
        1,
        at(2026, 9, 8, 15),
        at(2026, 9, 1, 10),
        (
            ItemSpec(
                "Мектеп комитеттерін құру туралы",
                "Әр мектепте тұрақты алқалы орган — мектеп комитетін құру және Мектеп комитеті "
                "туралы ережені (мүшелерді сайлау тәртібін қоса алғанда) бекіту.",
                "vicerector",
                "мектептерде сапаны қамтамасыз ету тетіктерін іске асыру үшін әр мектепте "
                "мектеп комитетін құруды және комитет ережесінің жобасын бекітуді ұсынды.",
                (
                    (
                        "dean_law",
                        "комитеттің өкілеттіктері мектеп басшылығының өкілеттіктерімен "
                        "қайталанбауы керектігін атап өтті.",
                    ),
                    (
                        "student_1",
                        "әр комитетте білім алушылардың дауыс беру құқығы бар өкілдері "
                        "болуын қолдады.",
                    ),
                ),
                "Университеттің әр мектебінде мектеп комитеті құрылсын және Мектеп комитеті "
                "туралы ереже бекітілсін. Мектептер комитеттің оқытушы мүшелерін 2026 жылғы "
                "10 қыркүйекке дейін ашық сайлауда сайласын.",
            ),
            ItemSpec(
                "Академиялық және ғылыми кеңестің 2026-2027 оқу жылына арналған жұмыс жоспарын "
                "бекіту туралы",
                "Кеңес отырыстарының кестесі және оларда қаралатын мәселелер тізбесі.",
                "secretary",
                "жұмыс жоспарының жобасын таныстырды: оқу жылында алты отырыс, оның ішінде "
                "сауалнамалар нәтижелерін және білім беру бағдарламаларына өзгерістерді қарау.",
                (
                    (
                        "qa",
                        "сауалнамалар туралы есептерді қазан және маусым айларындағы "
                        "отырыстарға енгізуді ұсынды.",
                    ),
                ),
                "Академиялық және ғылыми кеңестің 2026-2027 оқу жылына арналған жұмыс жоспары "
                "бекітілсін.",
            ),
            ItemSpec(
                "«Құрметті профессор» атағын беру туралы",
                "Университеттің «Құрметті профессор» атағына ұсынылған үміткерді қарау.",
                "rector",
                "«Құрметті профессор» атағына үміткерді ұсынды: {honorary} — университетпен "
                "бірлескен ғылыми жобалардың жетекшісі, халықаралық рецензияланатын "
                "журналдардағы жарияланымдардың авторы.",
                (("dean_econ", "үміткерді қолдады."),),
                "{honorary_dative} Университеттің «Құрметті профессоры» атағы берілсін.",
                BallotKind.SECRET,
            ),
        ),
    ),
    MeetingSpec(
        2,
        at(2026, 10, 27, 15),
        at(2026, 10, 19, 10),
        (
            ItemSpec(
                "Білім алушылардың қанағаттануына жүргізілген 2026 жылғы сауалнаманың "
                "нәтижелері туралы",
                "Сапа менеджерінің бакалавриат және магистратура білім алушыларының "
                "қанағаттануына жүргізілген жыл сайынғы сауалнама бойынша есебі мен ұсынымдары.",
                "qa",
                "сауалнамаға білім алушылардың 62 пайызы қатысқанын, оқыту сапасы мен "
                "академиялық қолдауға қанағаттану жоғары, ал ақпараттық жүйелер мен жатақханаға "
                "қанағаттану төмен екенін баяндады. Жауаптар анонимді, жеке деректер ешкімге "
                "берілмейді.",
                (
                    ("dean_it", "компьютерлік сыныптарды жаңарту жоспарын ұсынатынын айтты."),
                    (
                        "student_2",
                        "сабақ уақыты мен оқытушыны таңдау мүмкіндігін кеңейтуді сұрады.",
                    ),
                ),
                "Сапа менеджерінің есебі назарға алынсын. Мектеп декандары сауалнама "
                "ұсынымдары бойынша іс-шаралар жоспарын 2026 жылғы 30 қарашаға дейін ұсынсын; "
                "сапа менеджері сауалнама әдістемесін жаңартып, 2026 жылғы 10 қарашаға дейін "
                "Кеңеске ұсынсын.",
            ),
            ItemSpec(
                "Білім беру бағдарламаларын дамыту жоспарларын бекіту туралы",
                "Мектеп комитеттері мақұлдаған бағдарламаларды дамыту жоспарлары (2026-2030 жж.).",
                "vicerector",
                "мектеп комитеттері мақұлдаған жоспарларда жұмыс берушілер мен білім "
                "алушылардың ұсыныстары ескерілгенін, оқыту нәтижелері ұлттық біліктілік "
                "шеңберіне сәйкестендірілгенін баяндады.",
                (
                    (
                        "chair_law",
                        "Құқық мектебі комитетінің жұмыс берушілермен кездесу нәтижелерін "
                        "таныстырды.",
                    ),
                    ("teacher_2", "практика базаларын кеңейтуді ұсынды."),
                ),
                "Мектеп комитеттері ұсынған білім беру бағдарламаларын дамыту жоспарлары "
                "2026-2030 жылдарға бекітілсін. Сапа менеджері бекітілген жоспарларды "
                "университет сайтында жарияласын.",
            ),
            ItemSpec(
                "Қауымдастырылған профессор ғылыми атағына ұсыну туралы",
                "Оқытушыны қауымдастырылған профессор (доцент) ғылыми атағына ұсыну.",
                "dean_it",
                "үміткердің ({nominee}) ғылыми-педагогикалық өтілі мен жарияланымдары "
                "біліктілік талаптарына сәйкес екенін баяндады.",
                (("teacher_1", "үміткерді қолдады."),),
                "{nominee_school_gen} оқытушысы {nominee} қауымдастырылған профессор (доцент) "
                "ғылыми атағына ұсынылсын.",
                BallotKind.SECRET,
            ),
        ),
    ),
)
COUNCIL_UPCOMING = MeetingSpec(
    3,
    at(2026, 11, 27, 14),
    at(2026, 11, 18, 10),
    (
        ItemSpec(
            "Академиялық саясатқа өзгерістер енгізу туралы",
            "Академиялық демалыс беру және оқуға қайта қабылдау тәртібіне ұсынылған өзгерістер.",
            "vicerector",
            "",
            (),
            "Академиялық саясатқа ұсынылған өзгерістер (академиялық демалыс беру және оқуға "
            "қайта қабылдау тәртібі) бекітілсін.",
        ),
        ItemSpec(
            "Мектептердің сауалнама нәтижелері бойынша іс-шаралар жоспарлары туралы (ақпарат)",
            "Сапа менеджерінің мектептер ұсынған іс-шаралар жоспарларына шолуы.",
            "qa",
            "",
            (),
        ),
    ),
)

COMMITTEE_MEETINGS = (
    MeetingSpec(
        1,
        at(2026, 9, 15, 15),
        at(2026, 9, 11, 10),
        (
            ItemSpec(
                "Комитеттің 2026-2027 оқу жылына арналған жұмыс жоспарын бекіту туралы",
                "Комитет отырыстарының кестесі, сапаны қамтамасыз ету тетіктері бойынша "
                "жауаптылар.",
                "chair",
                "жұмыс жоспарының жобасын таныстырды: силлабустарды тексеру, семестр соңында "
                "оқытушыларды бағалау, бағдарламаны дамыту жоспарын дайындау.",
                (
                    (
                        "student_1",
                        "білім алушылардың өтініштерін қарау мерзімдерін жоспарға енгізуді ұсынды.",
                    ),
                ),
                "Мектеп комитетінің 2026-2027 оқу жылына арналған жұмыс жоспары бекітілсін.",
            ),
            ItemSpec(
                "Күзгі семестр пәндерінің силлабустарын бекіту туралы",
                "Силлабустардың сапаны қамтамасыз ету құжаттарына сәйкестігін тексеру нәтижелері.",
                "teacher_1",
                "кафедралар ұсынған силлабустар тексерілгенін, бағалау критерийлері мен оқыту "
                "нәтижелері барлық силлабуста көрсетілгенін баяндады.",
                (
                    (
                        "dean",
                        "силлабустарды LMS жүйесіне уақтылы жүктеу қажеттігін атап өтті.",
                    ),
                ),
                "2026-2027 оқу жылының күзгі семестріндегі пәндердің силлабустары сапаны "
                "қамтамасыз ету құжаттарына сәйкес деп танылып, бекітілсін. Оқытушылар "
                "силлабустарды LMS жүйесіне 2026 жылғы 20 қыркүйекке дейін жүктесін.",
            ),
            ItemSpec(
                "«Жоғары оқу орнының үздік оқытушысы» конкурсына үміткерді ұсыну туралы",
                "Кафедралар ұсынған үміткерді республикалық конкурсқа ұсыну.",
                "dean",
                "кафедралар ұсынған үміткер {nominee} туралы ақпарат берді.",
                (("teacher_2", "үміткерді қолдады."),),
                "{nominee} «Жоғары оқу орнының үздік оқытушысы» республикалық конкурсына "
                "ұсынылсын.",
                BallotKind.SECRET,
            ),
        ),
    ),
    MeetingSpec(
        2,
        at(2026, 10, 20, 15),
        at(2026, 10, 15, 10),
        (
            ItemSpec(
                "Білім алушылардың қанағаттануына жүргізілген сауалнама нәтижелері туралы",
                "Сапа менеджерінің есебінен {school_gen} нәтижелері.",
                "dean",
                "мектеп бойынша нәтижелерді таныстырды: оқытушылардың кері байланысына "
                "қанағаттану артқан, ал курстар мен сабақ уақытын таңдау мүмкіндігіне "
                "қанағаттану төмен.",
                (
                    ("student_2", "элективті пәндер тізімін кеңейтуді ұсынды."),
                    ("teacher_3", "кафедралардың ұсыныстарын бір жоспарға біріктіруді ұсынды."),
                ),
                "Сауалнама нәтижелері назарға алынсын. Кафедра меңгерушілері оқыту сапасын "
                "арттыру бойынша ұсыныстарды 2026 жылғы 20 қарашаға дейін дайындасын.",
            ),
            ItemSpec(
                "Білім беру бағдарламасын дамыту жоспары туралы",
                "«{programme}» бағдарламасын дамыту жоспарының жобасы (2026-2030 жж.).",
                "chair",
                "жоспарда жұмыс берушілер мен түлектердің ұсыныстары ескерілгенін баяндады.",
                (("teacher_2", "практика базаларын кеңейтуді ұсынды."),),
                "«{programme}» білім беру бағдарламасын дамыту жоспары мақұлдансын және "
                "Академиялық және ғылыми кеңестің бекітуіне ұсынылсын.",
            ),
            ItemSpec(
                "Білім алушының жеке оқу жоспары бойынша оқуға өтінішін қарау туралы",
                "{applicant}, «{applicant_programme}», {applicant_year}-курс.",
                "secretary",
                "білім алушының ерекше білім беру қажеттіліктеріне байланысты жеке оқу жоспары "
                "бойынша оқуға өтінішін және қоса берілген құжаттарды таныстырды.",
                (("dean", "мектептің жеке кесте құруға мүмкіндігі барын айтты."),),
                "Білім алушы {applicant} («{applicant_programme}» бағдарламасы, "
                "{applicant_year}-курс) 2026-2027 оқу жылының көктемгі семестрінде жеке оқу "
                "жоспары бойынша оқуға ауыстырылсын.",
                BallotKind.SECRET,
            ),
        ),
    ),
)
COMMITTEE_UPCOMING = MeetingSpec(
    3,
    at(2026, 11, 27, 10),
    at(2026, 11, 20, 10),
    (
        ItemSpec(
            "Көктемгі семестр пәндерінің силлабустарын қарау туралы",
            "Кафедралар ұсынған көктемгі семестр силлабустарын сапа құжаттарына сәйкестігіне "
            "тексеру.",
            "teacher_1",
            "",
            (),
            "2026-2027 оқу жылының көктемгі семестріндегі пәндердің силлабустары бекітілсін.",
        ),
        ItemSpec(
            "Семестр соңында білім алушылардың оқытушыларды бағалауын өткізу туралы (ақпарат)",
            "Бағалау семестр аяқталардан екі апта бұрын өткізіледі; сауалнама сұрақтарын сапа "
            "менеджері қарады.",
            "chair",
            "",
            (),
        ),
    ),
)

# Motions the voters turn down: (body key, meeting number, item position).
REJECTED = {("it", 2, 3)}

# -- improvement actions ----------------------------------------------------------------------


class ActionSpec(NamedTuple):
    title: str
    description: str
    body: str  # "arc" or a school code: whose decision raised it
    decision: str  # the decision's number
    owner: str  # a key of that body's people
    school: str | None
    due: datetime.date
    status: str
    evidence: str = ""
    completed_at: datetime.datetime | None = None


ACTIONS = (
    ActionSpec(
        "Құқық мектебінің сауалнама ұсынымдары бойынша іс-шаралар жоспарын ұсыну",
        "Білім алушылардың қанағаттану сауалнамасының ұсынымдары бойынша мектептің "
        "іс-шаралар жоспарын дайындап, Кеңеске ұсыну.",
        "arc",
        "2/1",
        "dean_law",
        "LAW",
        datetime.date(2026, 11, 30),
        ActionStatus.IN_PROGRESS,
    ),
    ActionSpec(
        "Білім алушылардың қанағаттану сауалнамасының әдістемесін жаңарту",
        "Сауалнама сұрақтары мен әдістемесін жаңартып, Академиялық және ғылыми кеңеске ұсыну.",
        "arc",
        "2/1",
        "qa",
        None,
        datetime.date(2026, 11, 10),
        ActionStatus.PLANNED,
    ),
    ActionSpec(
        "Бекітілген бағдарламаларды дамыту жоспарларын университет сайтында жариялау",
        "Кеңес бекіткен жоспарларды сайттың «Сапаны қамтамасыз ету» бөлімінде жариялау.",
        "arc",
        "2/2",
        "qa",
        None,
        datetime.date(2027, 1, 20),
        ActionStatus.PLANNED,
    ),
    ActionSpec(
        "Күзгі семестр силлабустарының LMS жүйесінде қолжетімділігін тексеру",
        "Комитет пен сапа менеджері силлабустардың білім алушыларға қолжетімді екенін өз "
        "бетінше тексереді.",
        "LAW",
        "1/2",
        "teacher_1",
        "LAW",
        datetime.date(2026, 11, 13),
        ActionStatus.DONE,
        "Тексеру актісі №3, 12.11.2026: күзгі семестрдің барлық силлабустары LMS жүйесінде "
        "қолжетімді.",
        at(2026, 11, 12, 16, 30),
    ),
    ActionSpec(
        "«{programme_law}» бағдарламасын дамыту жоспарына жұмыс берушілердің ұсыныстарын енгізу",
        "Жұмыс берушілермен кездесуде айтылған ұсыныстарды жоспардың келесі редакциясына енгізу.",
        "LAW",
        "2/2",
        "chair",
        "LAW",
        datetime.date(2027, 1, 15),
        ActionStatus.PLANNED,
    ),
    ActionSpec(
        "Компьютерлік сыныптардың бағдарламалық жасақтамасын жаңарту",
        "Сауалнамада ақпараттық жүйелерге қанағаттанудың төмендігіне байланысты.",
        "IT",
        "2/1",
        "dean",
        "IT",
        datetime.date(2026, 12, 25),
        ActionStatus.IN_PROGRESS,
    ),
)


# -- writing it -------------------------------------------------------------------------------


class Seat(NamedTuple):
    email: str
    role: str
    voting: bool
    constituency: str
    term_start: datetime.date
    term_end: datetime.date | None
    basis: str
    order_number: str = ""

    def current_on(self, day):
        return self.term_start <= day and (self.term_end is None or self.term_end >= day)


class GovernanceSeeder:
    """Writes the governance demo through the main seeder's ``upsert`` and counters."""

    def __init__(self, seeder):
        self.seeder = seeder
        self.upsert = seeder.upsert
        self.accounts = {account.email: account for account in seeder.accounts}
        self.logins = []
        self.decisions = {}  # (body key, number) -> Decision
        self.people = {}  # body key -> {person key: e-mail}
        self.facts = {}  # body key -> {text key: value}
        self.seats = {}  # body key -> [Seat]

    def email(self, login):
        return self.seeder.email(login)

    def name(self, email):
        return self.accounts[email].name.kk

    # -- picking people from the demo university ----------------------------------------------

    def school_teachers(self, school):
        """The school's teachers, taking one from each department in turn."""
        lists = [self.seeder.department_teachers[d.code] for d in school.departments]
        order = []
        for i in range(max(len(x) for x in lists)):
            order.extend(x[i] for x in lists if i < len(x))
        return order

    def student(self, programme, year, nth=0):
        found = [
            email
            for email, account in self.accounts.items()
            if account.student
            and account.student["programme"].code == programme
            and account.student["year_of_study"] == year
        ]
        if len(found) <= nth:
            raise CommandError(f"No student No. {nth + 1} in year {year} of {programme}.")
        return found[nth]

    def plan(self):
        """Decide who sits where (in memory, by rule, so every run picks the same people)."""
        council = {
            "rector": self.email(data.RECTOR.login),
            "vicerector": self.email(data.VICE_RECTOR.login),
            "qa": self.email(data.QA_MANAGER.login),
            "secretary": self.email(data.COUNCIL_SECRETARY.login),
            "registrar": self.email(data.NON_ACADEMIC_REPRESENTATIVE.login),
        }
        council_seats = [
            Seat(
                council["rector"],
                MemberRole.CHAIR,
                True,
                Constituency.LEADERSHIP,
                COUNCIL_TERM_START,
                None,
                MembershipBasis.OFFICE,
            ),
            Seat(
                council["vicerector"],
                MemberRole.DEPUTY_CHAIR,
                True,
                Constituency.LEADERSHIP,
                COUNCIL_TERM_START,
                None,
                MembershipBasis.OFFICE,
            ),
        ]
        for school in data.SCHOOLS:
            council[f"dean_{school.slug}"] = self.seeder.deans[school.code]
            council_seats.append(
                Seat(
                    self.seeder.deans[school.code],
                    MemberRole.MEMBER,
                    True,
                    Constituency.LEADERSHIP,
                    COUNCIL_TERM_START,
                    None,
                    MembershipBasis.OFFICE,
                )
            )

        for index, school in enumerate(data.SCHOOLS):
            seats = COMMITTEES[school.code]
            teachers = self.school_teachers(school)
            key = school.code
            people = {
                "chair": teachers[1],
                "dean": self.seeder.deans[school.code],
                "secretary": self.email(f"secretary.{school.slug}"),
            }
            members = [teachers[0], *teachers[2 : 1 + seats.teachers]]
            for i, email in enumerate(members, 1):
                people[f"teacher_{i}"] = email
            for i, (programme, year) in enumerate(seats.students, 1):
                people[f"student_{i}"] = self.student(programme, year)
            elected = COMMITTEE_TEACHER_ELECTION
            self.seats[key] = [
                Seat(
                    people["chair"],
                    MemberRole.CHAIR,
                    True,
                    Constituency.TEACHER,
                    COMMITTEE_TERM_START,
                    ELECTED_TERM_END,
                    MembershipBasis.ELECTION,
                    elected,
                ),
                *(
                    Seat(
                        email,
                        MemberRole.MEMBER,
                        True,
                        Constituency.TEACHER,
                        COMMITTEE_TERM_START,
                        ELECTED_TERM_END,
                        MembershipBasis.ELECTION,
                        elected,
                    )
                    for email in members
                ),
                *(
                    Seat(
                        people[f"student_{i}"],
                        MemberRole.MEMBER,
                        True,
                        Constituency.STUDENT,
                        COMMITTEE_TERM_START,
                        ELECTED_TERM_END,
                        MembershipBasis.ELECTION,
                        COMMITTEE_STUDENT_ELECTION,
                    )
                    for i in range(1, len(seats.students) + 1)
                ),
                Seat(
                    people["dean"],
                    MemberRole.MEMBER,
                    False,
                    Constituency.LEADERSHIP,
                    COMMITTEE_TERM_START,
                    None,
                    MembershipBasis.OFFICE,
                ),
                Seat(
                    people["secretary"],
                    MemberRole.SECRETARY,
                    False,
                    Constituency.NON_ACADEMIC,
                    COMMITTEE_TERM_START,
                    None,
                    MembershipBasis.APPOINTMENT,
                    DEAN_ORDER.format(number=10 + index),
                ),
            ]
            self.people[key] = people
            first_programme = next(p for p in school.programmes if p.level == "bachelor")
            applicant_year = 3
            self.facts[key] = {
                "school_gen": f"{school.name.kk}нің",
                "programme": first_programme.name.kk,
                "nominee": self.name(people["teacher_2"]),
                "applicant": self.name(self.student(first_programme.code, applicant_year, 1)),
                "applicant_programme": first_programme.name.kk,
                "applicant_year": applicant_year,
            }

            # The committee's chair sits on the council from the day of the election.
            council[f"chair_{school.slug}"] = people["chair"]
            council_seats.append(
                Seat(
                    people["chair"],
                    MemberRole.MEMBER,
                    True,
                    Constituency.TEACHER,
                    COMMITTEE_TERM_START,
                    ELECTED_TERM_END,
                    MembershipBasis.OFFICE,
                )
            )

        # Elected teachers (one per school, none of them on its committee) and students.
        for i, school in enumerate(data.SCHOOLS, 1):
            council[f"teacher_{i}"] = self.school_teachers(school)[-1]
        for i, (programme, year) in enumerate(COUNCIL_STUDENTS, 1):
            council[f"student_{i}"] = self.student(programme, year)
        for i in range(1, len(data.SCHOOLS) + 1):
            council_seats.append(
                Seat(
                    council[f"teacher_{i}"],
                    MemberRole.MEMBER,
                    True,
                    Constituency.TEACHER,
                    COUNCIL_TERM_START,
                    ELECTED_TERM_END,
                    MembershipBasis.ELECTION,
                    COUNCIL_TEACHER_ELECTION,
                )
            )
        for i in range(1, len(COUNCIL_STUDENTS) + 1):
            council_seats.append(
                Seat(
                    council[f"student_{i}"],
                    MemberRole.MEMBER,
                    True,
                    Constituency.STUDENT,
                    COUNCIL_TERM_START,
                    ELECTED_TERM_END,
                    MembershipBasis.ELECTION,
                    COUNCIL_STUDENT_ELECTION,
                )
            )
        council_seats += [
            Seat(
                council["qa"],
                MemberRole.MEMBER,
                False,
                Constituency.QA_MANAGER,
                COUNCIL_TERM_START,
                None,
                MembershipBasis.OFFICE,
            ),
            Seat(
                council["registrar"],
                MemberRole.MEMBER,
                False,
                Constituency.NON_ACADEMIC,
                COUNCIL_TERM_START,
                None,
                MembershipBasis.APPOINTMENT,
                RECTOR_ORDER,
            ),
            Seat(
                council["secretary"],
                MemberRole.SECRETARY,
                False,
                Constituency.NON_ACADEMIC,
                COUNCIL_TERM_START,
                None,
                MembershipBasis.APPOINTMENT,
                RECTOR_ORDER,
            ),
        ]
        self.people["arc"] = council
        self.seats["arc"] = council_seats
        nominee_school = next(s for s in data.SCHOOLS if s.code == NOMINEE_SCHOOL)
        self.facts["arc"] = {
            "honorary": HONORARY_PROFESSOR,
            "honorary_dative": HONORARY_PROFESSOR_DATIVE,
            "nominee": self.name(self.school_teachers(nominee_school)[-2]),
            "nominee_school_gen": f"{nominee_school.name.kk}нің",
        }

        law = data.SCHOOLS[0]
        self.logins = [
            ("Council chair (rector)", council["rector"]),
            ("Council secretary", council["secretary"]),
            (f"Committee chair, {law.name.en}", self.people[law.code]["chair"]),
            (f"Committee member (teacher), {law.name.en}", self.people[law.code]["teacher_1"]),
            (f"Committee member (student), {law.name.en}", self.people[law.code]["student_1"]),
            (f"Committee secretary, {law.name.en}", self.people[law.code]["secretary"]),
        ]

    # -- writing ------------------------------------------------------------------------------

    def body_values(self, name, description, *, named=False, **rules):
        """A body's fields; ``named``: found by its Kazakh name, which is then left out."""
        values = {
            **self.seeder.texts("name", name),
            "description": description,
            "is_active": True,
            "quorum_numerator": None,
            "quorum_denominator": None,
            "abstention_rule": AbstentionRule.COUNTED,
            "chair_casting_vote": False,
            "require_odd_size": False,
            "min_members": None,
            "max_members": None,
            "min_student_share": None,
            "agenda_notice_days": 3,
        }
        values.update(rules)
        if named:
            del values["name_kk"]
        return values

    def seat(self, body, seat):
        self.upsert(
            Membership,
            {"body_id": body.pk, "person_id": self.users[seat.email].pk},
            {
                "role": seat.role,
                "voting": seat.voting,
                "constituency": seat.constituency,
                "term_start": seat.term_start,
                "term_end": seat.term_end,
                "basis": seat.basis,
                "order_number": seat.order_number,
            },
        )

    def run(self):
        self.plan()
        emails = {seat.email for seats in self.seats.values() for seat in seats}
        emails |= {self.email(p.login) for p in data.ALUMNI} | {self.email(data.QA_MANAGER.login)}
        self.users = User.objects.in_bulk(sorted(emails), field_name="email")

        self.council = self.upsert(
            Body,
            {
                "kind": BodyKind.ACADEMIC_RESEARCH_COUNCIL,
                "school": None,
                "name_kk": COUNCIL_NAME.kk,
            },
            self.body_values(
                COUNCIL_NAME,
                COUNCIL_DESCRIPTION,
                named=True,
                majority_rule=MajorityRule.TWO_THIRDS_OF_PRESENT,
                non_voting_constituencies=[Constituency.QA_MANAGER, Constituency.NON_ACADEMIC],
                agenda_notice_days=7,
            ),
        )
        for seat in self.seats["arc"]:
            self.seat(self.council, seat)
        council_first = self.past_meeting("arc", self.council, COUNCIL_MEETINGS[0])

        established = self.decisions.get(("arc", "1/1"))
        if established is None:
            raise CommandError("The council's decision establishing the committees is missing.")
        self.committees = {}
        for index, school in enumerate(data.SCHOOLS, 1):
            school_obj = self.seeder.schools[school.code]
            committee = self.upsert(
                Body,
                {"kind": BodyKind.SCHOOL_COMMITTEE, "school": school_obj},
                self.body_values(
                    committee_name(school),
                    COMMITTEE_DESCRIPTION.format(**self.facts[school.code]),
                    parent_id=self.council.pk,
                    established_by_id=established.pk,
                    majority_rule=MajorityRule.SIMPLE_OF_PRESENT,
                    non_voting_constituencies=[Constituency.LEADERSHIP, Constituency.QA_MANAGER],
                    require_odd_size=True,
                    min_members=5,
                ),
            )
            self.committees[school.code] = committee
            for seat in self.seats[school.code]:
                self.seat(committee, seat)
            first = self.past_meeting(school.code, committee, COMMITTEE_MEETINGS[0], index)
            second = self.past_meeting(school.code, committee, COMMITTEE_MEETINGS[1], index)
            self.approve_minutes(first, second)
            self.upcoming_meeting(school.code, committee, COMMITTEE_UPCOMING, index)

        council_second = self.past_meeting("arc", self.council, COUNCIL_MEETINGS[1])
        self.approve_minutes(council_first, council_second)
        self.upcoming_meeting("arc", self.council, COUNCIL_UPCOMING)
        self.alumni_council()
        self.improvement_actions()

    def meeting(self, key, body, spec, status, building=None):
        place = COUNCIL_PLACE if key == "arc" else COMMITTEE_PLACE.format(building=building)
        upcoming = status == MeetingStatus.AGENDA_PUBLISHED
        slug = "arc" if key == "arc" else f"sc-{key.lower()}"
        return self.upsert(
            Meeting,
            {"body_id": body.pk, "number": spec.number},
            {
                "starts_at": spec.starts_at,
                "place": place,
                "online_link": ONLINE_LINK.format(slug=slug, number=spec.number)
                if upcoming
                else "",
                "language": "kk",
                "status": status,
                "agenda_published_at": spec.published_at,
                # E-mailed when published: the demo must not send the agenda again.
                "agenda_sent_at": spec.published_at + datetime.timedelta(minutes=5),
            },
        )

    def texts(self, key, text):
        names = {k: self.name(email) for k, email in self.people[key].items()}
        return text.format(**names, **self.facts[key])

    def item(self, key, meeting, position, spec, minutes):
        people = self.people[key]
        minutes_text = ""
        if minutes:
            reporter = self.name(people[spec.reporter])
            lines = [f"Тыңдалды: {reporter} — {self.texts(key, spec.summary)}"]
            if spec.remarks:
                lines.append("Сөйлегендер:")
                lines += [
                    f"— {self.name(people[who])} {self.texts(key, what)}"
                    for who, what in spec.remarks
                ]
            minutes_text = "\n".join(lines)
        item = self.upsert(
            AgendaItem,
            {"meeting_id": meeting.pk, "position": position},
            {
                "title": self.texts(key, spec.title),
                "description": self.texts(key, spec.description),
                "proposed_by_id": self.users[people[spec.reporter]].pk,
                "status": ItemStatus.ON_AGENDA,
                "minutes_text": minutes_text,
            },
        )
        motion = None
        if spec.motion:
            motion = self.upsert(
                Motion,
                {"item_id": item.pk, "text": self.texts(key, spec.motion)},
                {"ballot": spec.ballot},
            )
        return item, motion

    def past_meeting(self, key, body, spec, building=None):
        meeting = self.meeting(key, body, spec, MeetingStatus.CLOSED, building)
        day = spec.starts_at.date()
        seats = [seat for seat in self.seats[key] if seat.current_on(day)]
        people = self.people[key]
        secretary = self.users[people["secretary"]]

        # Most voting members attend; one or two (never the chair or a speaker) are away.
        speaking = {people["chair"] if "chair" in people else people["rector"]}
        for item in spec.items:
            speaking.add(people[item.reporter])
            speaking.update(people[who] for who, _said in item.remarks)
        candidates = sorted(s.email for s in seats if s.voting and s.email not in speaking)
        away = set(
            self.seeder.rng(f"absent:{key}:{spec.number}").sample(
                candidates, 2 if key == "arc" else 1
            )
        )
        for seat in sorted(seats, key=lambda s: s.email):
            present = seat.email not in away
            self.upsert(
                Attendance,
                {"meeting_id": meeting.pk, "person_id": self.users[seat.email].pk},
                {
                    "present": present,
                    "checked_in_at": spec.starts_at - datetime.timedelta(minutes=10)
                    if present
                    else spec.starts_at,
                    "recorded_by_id": secretary.pk,
                },
            )
        voters = sorted(s.email for s in seats if s.voting and s.email not in away)

        for position, item_spec in enumerate(spec.items, 1):
            item, motion = self.item(key, meeting, position, item_spec, minutes=True)
            if motion is None:
                continue
            opened = spec.starts_at + datetime.timedelta(minutes=20 * position)
            rejected = (key.lower(), spec.number, position) in REJECTED
            motion = self.vote(key, spec.number, position, motion, voters, opened, rejected)
            if motion.outcome == Outcome.ADOPTED:
                with translation.override("kk"):
                    result = explain(body, result_of(motion))
                number = f"{meeting.number}/{item.position}"
                self.decisions[(key, number)] = self.upsert(
                    Decision,
                    {"body_id": body.pk, "number": number},
                    {
                        "meeting_id": meeting.pk,
                        "motion_id": motion.pk,
                        "date": day,
                        "text": motion.text,
                        "result": result,
                    },
                )
        return meeting

    def vote(self, key, number, position, motion, voters, opened, rejected):
        """Vote the motion through ``governance.voting``; a closed motion is left alone."""
        if motion.status == MotionStatus.CLOSED:
            return motion
        rng = self.seeder.rng(f"votes:{key}:{number}:{position}")
        n = len(voters)
        if rejected:
            against, abstain = n // 2 + 1, 1
        else:
            against = rng.choice((0, 0, 1))
            abstain = rng.choice((0, 1, 1, 2) if key == "arc" else (0, 0, 1))
        choices = [Choice.AGAINST] * against + [Choice.ABSTAIN] * abstain
        choices += [Choice.FOR] * (n - len(choices))
        order = list(voters)
        rng.shuffle(order)

        if motion.status == MotionStatus.DRAFT:
            motion = open_vote(motion)
        voted = set(motion.receipts.values_list("voter_id", flat=True))
        for email, choice in zip(order, choices, strict=True):
            voter = self.users[email]
            if voter.pk not in voted:
                cast_vote(motion, voter, choice)
                self.seeder.created["ballot"] += 1
        motion, result = close_vote(motion)
        expected = Outcome.REJECTED if rejected else Outcome.ADOPTED
        if result.outcome != expected:
            raise CommandError(f"Demo motion {key} {number}/{position} was not {expected}.")
        # open_vote()/close_vote() stamp the present moment; the history reads the meeting's.
        closed = opened + datetime.timedelta(minutes=5)
        Motion.objects.filter(pk=motion.pk).update(opened_at=opened, closed_at=closed)
        motion.opened_at, motion.closed_at = opened, closed
        return motion

    def approve_minutes(self, earlier, later):
        self.upsert(
            Meeting,
            {"body_id": earlier.body_id, "number": earlier.number},
            {"minutes_approved_at_id": later.pk},
        )

    def upcoming_meeting(self, key, body, spec, building=None):
        meeting = self.meeting(key, body, spec, MeetingStatus.AGENDA_PUBLISHED, building)
        for position, item_spec in enumerate(spec.items, 1):
            self.item(key, meeting, position, item_spec, minutes=False)
        return meeting

    def alumni_council(self):
        body = self.upsert(
            Body,
            {"kind": BodyKind.ALUMNI_COUNCIL, "school": None, "name_kk": ALUMNI_NAME.kk},
            self.body_values(
                ALUMNI_NAME,
                ALUMNI_DESCRIPTION,
                named=True,
                quorum_numerator=1,
                quorum_denominator=3,
                majority_rule=MajorityRule.SIMPLE_OF_PRESENT,
                non_voting_constituencies=[Constituency.QA_MANAGER],
            ),
        )
        alumni = [self.email(p.login) for p in data.ALUMNI]
        seats = [
            Seat(
                email,
                MemberRole.CHAIR if i == 0 else MemberRole.MEMBER,
                True,
                Constituency.EMPLOYER,  # graduates working for employers
                ALUMNI_TERM_START,
                None,
                MembershipBasis.ELECTION,
                ALUMNI_ELECTION,
            )
            for i, email in enumerate(alumni)
        ]
        seats.append(
            Seat(
                self.email(data.QA_MANAGER.login),
                MemberRole.MEMBER,
                False,
                Constituency.QA_MANAGER,
                ALUMNI_TERM_START,
                None,
                MembershipBasis.OFFICE,
            )
        )
        for seat in seats:
            self.seat(body, seat)

    def improvement_actions(self):
        decision_type = ContentType.objects.get_for_model(Decision)
        law_programme = next(p for p in data.SCHOOLS[0].programmes if p.level == "bachelor")
        for spec in ACTIONS:
            decision = self.decisions.get((spec.body, spec.decision))
            if decision is None:
                raise CommandError(f"Decision {spec.decision} of {spec.body} was not adopted.")
            school = self.seeder.schools[spec.school] if spec.school else None
            created = datetime.datetime.combine(decision.date, datetime.time(18), ALMATY)
            self.upsert(
                ImprovementAction,
                {"title": spec.title.format(programme_law=law_programme.name.kk)},
                {
                    "description": spec.description,
                    "source": ActionSource.DECISION,
                    "source_type_id": decision_type.pk,
                    "source_id": decision.pk,
                    "owner_id": self.users[self.people[spec.body][spec.owner]].pk,
                    "school_id": school.pk if school else None,
                    "due_date": spec.due,
                    "status": spec.status,
                    "evidence": spec.evidence,
                    "completed_at": spec.completed_at,
                    "created_at": created,
                },
            )
