"""The QA mechanisms of seed 000 §4, their cycles and the QA office's inspections, for
``manage.py seed_demo`` (issue 5).

The thirteen internal mechanisms (§4.1) and four external ones (§4.2) are registered with their
objectives, governing documents, responsible units and calendar. Two cycles run through
``documents.pdca`` as people would record them:

- the student satisfaction survey 2025-2026 (§4.1.7) is finished: the QA office and the council
  checked it, and the council's decision 2/1 of 27 October 2026 raised the improvement actions
  of its Act (``governance.demo_governance``);
- the in-school evaluation of teaching in the School of Law, autumn 2026 (§4.1.10), is at the
  Do stage: the committee's secretary completed the Plan.

Seed 004 §5.7: one completed inspection of the Department of Civil Law, with its checklist,
findings and report, and one planned inspection of the School of Economics' dean's office,
both from a reusable checklist template. Idempotent: what is found by its code, period, name
or unit and date is left alone.
"""

import datetime
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.utils.html import escape

from governance.demo_data import Text
from governance.minutes import html_to_pdf
from governance.models import Body, Decision, Department, Membership, School, User
from governance.models.bodies import BodyKind, MemberRole
from governance.roles import Role

from . import inspections, pdca
from .models import (
    ChecklistTemplate,
    ChecklistTemplateItem,
    CheckResult,
    Cycle,
    Document,
    Inspection,
    InspectionKind,
    Mechanism,
    MechanismKind,
    Stage,
    UnitKind,
)

QA_POLICY = "АЗК-САП-2025"
OFFICE_REGULATION = "ЕР-158-2026"
GUIDELINE = "ҚР ҒЖБМ 2023 нұсқаулық"

# Who is responsible, by key: the council, every school committee, the Alumni Club council.
ARC, COMMITTEES, ALUMNI = "arc", "committees", "alumni"


class MechanismSpec(NamedTuple):
    code: str
    kind: str
    name: Text
    objectives: Text
    calendar: Text
    months: tuple[int, ...] = ()
    documents: tuple[str, ...] = (QA_POLICY,)
    qa_office: bool = False
    bodies: tuple[str, ...] = ()
    all_schools: bool = False
    external_party: str = ""


SURVEY_CALENDAR = Text(
    "Наурыз: сауалнама; мамыр: ұсынымдары бар есеп",
    "Март: опрос; май: отчёт с рекомендациями",
    "March: survey; May: report with recommendations",
)

INTERNAL, EXTERNAL = MechanismKind.INTERNAL, MechanismKind.EXTERNAL

MECHANISMS = (
    MechanismSpec(
        "QAM-4.1.1",
        INTERNAL,
        Text(
            "Білім беру бағдарламаларын әзірлеу және бекіту",
            "Разработка и утверждение образовательных программ",
            "Programme development and approval",
        ),
        Text(
            "Бағдарламаларды әзірлеуге білім алушылар, оқытушылар және жұмыс берушілер "
            "қатысады; жобаны мектеп комитеті талдайды, Академиялық және ғылыми кеңес "
            "бекітеді; бағдарламаға енгізілетін әрбір өзгерісті Кеңес бекітеді.",
            "В разработке программ участвуют обучающиеся, преподаватели и работодатели; "
            "проект анализирует комитет школы, утверждает Академический и научный совет; "
            "каждое изменение программы утверждает Совет.",
            "Students, teachers and employers take part in designing programmes; the school "
            "committee analyses the draft and the Academic and Research Council approves it; "
            "every change to a programme is approved by the Council.",
        ),
        Text(
            "Жыл бойы; өзгерістер Кеңес отырыстарында бекітіледі",
            "В течение года; изменения утверждаются на заседаниях Совета",
            "All year; changes are approved at Council meetings",
        ),
        bodies=(ARC, COMMITTEES),
    ),
    MechanismSpec(
        "QAM-4.1.2",
        INTERNAL,
        Text(
            "Пән силлабустарын әзірлеу және тексеру",
            "Разработка и проверка силлабусов дисциплин",
            "Course syllabus development and review",
        ),
        Text(
            "Силлабусты оқытушы әзірлейді, мектеп комитеті оның сапаны қамтамасыз ету "
            "құжаттарына сәйкестігін тексереді; оқытушы сабақ басталғанға дейін силлабусты "
            "LMS жүйесіне жүктейді; комитет пен сапа менеджері материалдардың білім "
            "алушыларға қолжетімділігін өз бетінше тексереді.",
            "Силлабус разрабатывает преподаватель, комитет школы проверяет его соответствие "
            "документам по обеспечению качества; преподаватель загружает силлабус в LMS до "
            "начала занятий; комитет и менеджер по качеству независимо проверяют доступность "
            "материалов обучающимся.",
            "The teacher writes the syllabus and the school committee checks it against the QA "
            "documents; the teacher uploads it to the LMS before classes; the committee and "
            "the QA manager independently check that students can reach the materials.",
        ),
        Text(
            "Тамыз және қаңтар: семестр басталғанға дейін",
            "Август и январь: до начала семестра",
            "August and January: before the semester starts",
        ),
        months=(1, 8),
        qa_office=True,
        bodies=(COMMITTEES,),
    ),
    MechanismSpec(
        "QAM-4.1.3",
        INTERNAL,
        Text("Пәндерге тіркелу", "Регистрация на дисциплины", "Course registration"),
        Text(
            "Пәндер тізімі каталог негізінде қалыптасады; тіркеу кеңсесі тіркеуді Platonus "
            "жүйесінде жүргізеді; тіркелу, пәнді қосу және алып тастау мерзімдерін Кеңес "
            "бекіткен академиялық күнтізбе белгілейді; соңында мектеп тіркеу тізімдерін "
            "бекітеді.",
            "Списки дисциплин формируются на основе каталога; офис регистратора проводит "
            "регистрацию в Platonus; сроки регистрации, добавления и исключения дисциплин "
            "устанавливает утверждённый Советом академический календарь; в конце школа "
            "утверждает списки регистрации.",
            "Course lists are built from the catalogue; the registrar's office runs "
            "registration in Platonus; registration and add/drop periods follow the academic "
            "calendar approved by the Council; the school approves the registration lists at "
            "the end.",
        ),
        Text(
            "Сәуір және қараша: келесі семестрге тіркелу",
            "Апрель и ноябрь: регистрация на следующий семестр",
            "April and November: registration for the next semester",
        ),
        months=(4, 11),
        all_schools=True,
    ),
    MechanismSpec(
        "QAM-4.1.4",
        INTERNAL,
        Text("Инклюзивті білім беру", "Инклюзивное образование", "Inclusive education"),
        Text(
            "Ерекше білім беру қажеттіліктері бар білім алушы мектеп комитетіне өтініш "
            "береді; әр жағдай жеке қаралады; комитет оқу процесіне өзгеріс енгізу-енгізбеуді "
            "және қандай өзгеріс енгізілетінін шешеді.",
            "Обучающийся с особыми образовательными потребностями подаёт заявление в комитет "
            "школы; каждый случай рассматривается индивидуально; комитет решает, вносить ли "
            "изменения в учебный процесс и какие.",
            "A student with special educational needs applies to the school committee; each "
            "case is decided individually; the committee decides whether and which changes "
            "are made.",
        ),
        Text(
            "Өтініш түскен сайын",
            "По мере поступления заявлений",
            "Whenever an application arrives",
        ),
        bodies=(COMMITTEES,),
    ),
    MechanismSpec(
        "QAM-4.1.5",
        INTERNAL,
        Text("Оқыту және кері байланыс", "Преподавание и обратная связь", "Teaching and feedback"),
        Text(
            "Әр оқытушы семестр алдында мектептегі аттестациядан өтеді; білім алушылар "
            "қанағаттанбаса, комитет сабақтарды өзара бақылауды бастайды; курс соңында білім "
            "алушылар курсты бағалайды; оқытушы курсты басқару нысанын толтырады, оны комитет "
            "қарайды.",
            "Каждый преподаватель проходит аттестацию в школе перед семестром; если "
            "обучающиеся недовольны, комитет инициирует взаимопосещение занятий; в конце "
            "курса обучающиеся оценивают курс; преподаватель заполняет форму управления "
            "курсом, которую рассматривает комитет.",
            "Every teacher passes a school attestation before the semester; if students are "
            "dissatisfied, the committee initiates peer observation of classes; students "
            "evaluate the course at its end; the teacher fills in the course management form, "
            "reviewed by the committee.",
        ),
        Text(
            "Семестр алдында аттестация, семестр соңында бағалау",
            "Аттестация перед семестром, оценка в конце семестра",
            "Attestation before the semester, evaluation at its end",
        ),
        bodies=(COMMITTEES,),
    ),
    MechanismSpec(
        "QAM-4.1.6",
        INTERNAL,
        Text("Бағалау және апелляция", "Оценивание и апелляции", "Assessment and appeals"),
        Text(
            "Бағалар шкалаға және курс критерийлеріне сай қойылып, бағаларды бөлу қисығына "
            "сәйкес LMS жүйесінде жарияланады; сапа менеджері қисыққа сәйкестікті тексеріп, "
            "Кеңеске және мектепке баяндайды; апелляцияларды курс оқытушысынан басқа кемінде "
            "екі тәуелсіз сарапшыдан тұратын комиссия қарайды.",
            "Оценки выставляются по шкале и критериям курса и публикуются в LMS в "
            "соответствии с кривой распределения оценок; менеджер по качеству проверяет "
            "соответствие кривой и докладывает Совету и школе; апелляции рассматривает "
            "комиссия не менее чем из двух независимых экспертов, кроме преподавателя курса.",
            "Grades follow the scale and the course criteria and are published in the LMS "
            "according to the grade distribution curve; the QA manager checks compliance with "
            "the curve and reports to the Council and the school; appeals are reviewed by a "
            "commission of at least two independent experts, excluding the course teacher.",
        ),
        Text(
            "Желтоқсан–қаңтар және мамыр–маусым: емтихан сессиялары",
            "Декабрь–январь и май–июнь: экзаменационные сессии",
            "December–January and May–June: examination sessions",
        ),
        months=(1, 5, 6, 12),
        qa_office=True,
        bodies=(COMMITTEES,),
    ),
    MechanismSpec(
        "QAM-4.1.7",
        INTERNAL,
        Text(
            "Білім алушылардың қанағаттануын зерттеу сауалнамасы",
            "Опрос удовлетворённости обучающихся",
            "Student satisfaction survey",
        ),
        Text(
            "Бакалавриат пен магистратура білім алушыларының оқу процесін ұйымдастыруға, "
            "оқытуға, бағалау мен кері байланысқа, курстардың мазмұнына, таңдау мүмкіндігіне, "
            "академиялық қолдауға, ақпараттық жүйелерге, тұрғын үй мен инфрақұрылымға "
            "қанағаттануын анықтау; академиялық адалдықтың маңызын бағалау; ұсынымдар беру. "
            "Сауалнама анонимді: ешкім жеке респонденттің деректерін көрмейді.",
            "Определить удовлетворённость обучающихся бакалавриата и магистратуры "
            "организацией учебного процесса, преподаванием, оцениванием и обратной связью, "
            "содержанием курсов, возможностью выбора, академической поддержкой, "
            "информационными системами, жильём и инфраструктурой; оценить значимость "
            "академической честности; дать рекомендации. Опрос анонимный: никто не видит "
            "данных отдельного респондента.",
            "Find out how satisfied bachelor's and master's students are with the organisation "
            "of study, teaching, grades and feedback, course content, choice, academic support, "
            "information systems, housing and infrastructure; gauge the importance of academic "
            "integrity; make recommendations. The survey is anonymous: nobody sees any "
            "respondent's data.",
        ),
        SURVEY_CALENDAR,
        months=(3, 5),
        documents=(QA_POLICY, OFFICE_REGULATION),
        qa_office=True,
        bodies=(ARC,),
    ),
    MechanismSpec(
        "QAM-4.1.8",
        INTERNAL,
        Text(
            "Оқытушылардың уәждемесі мен жұмысқа қанағаттануын зерттеу сауалнамасы",
            "Опрос мотивации и удовлетворённости работой преподавателей",
            "Faculty motivation and job satisfaction survey",
        ),
        Text(
            "Жалпы қанағаттануды, академиялық еркіндікті, бағалау саясатын, даму "
            "мүмкіндіктерін, шешім қабылдауға қатысуды, жалақыны, сыбайлас жемқорлыққа немесе "
            "адалдықты бұзуға тап болуды, оқыту мен зерттеудегі қиындықтарды анықтау; "
            "ұсынымдар беру. Сауалнама анонимді.",
            "Определить общую удовлетворённость, академическую свободу, политику оценивания, "
            "возможности развития, участие в принятии решений, заработную плату, столкновение "
            "с коррупцией или нарушениями честности, трудности в преподавании и "
            "исследованиях; дать рекомендации. Опрос анонимный.",
            "Measure overall satisfaction, academic freedom, the grading policy, development "
            "opportunities, involvement in decision-making, salary, exposure to corruption or "
            "integrity violations, difficulties in teaching and research; make "
            "recommendations. The survey is anonymous.",
        ),
        SURVEY_CALENDAR,
        months=(3, 5),
        documents=(QA_POLICY, OFFICE_REGULATION),
        qa_office=True,
        bodies=(ARC,),
    ),
    MechanismSpec(
        "QAM-4.1.9",
        INTERNAL,
        Text("Докторанттар сауалнамасы", "Опрос докторантов", "Doctoral students survey"),
        Text(
            "Ғылыми жетекшінің қолдауын, кітапхана ресурстарын, шетелдік тағылымдамаларды, "
            "бағдарламаның дағдыларға пайдасын, жұмыс пен өмір теңгерімін, жүктеме мен "
            "күйзелісті, жетекшілермен қарым-қатынастағы проблемаларды, сыбайлас жемқорлыққа "
            "тап болуды анықтау; ұсынымдар беру. Сауалнама анонимді.",
            "Определить поддержку научного руководителя, библиотечные ресурсы, зарубежные "
            "стажировки, пользу программы для навыков, баланс работы и жизни, перегрузку и "
            "стресс, проблемы с руководителями, столкновение с коррупцией; дать рекомендации. "
            "Опрос анонимный.",
            "Look at supervisor support, library resources, foreign internships, the "
            "usefulness of the programme for skills, work–life balance, overload and stress, "
            "problems with supervisors, exposure to corruption; make recommendations. The "
            "survey is anonymous.",
        ),
        SURVEY_CALENDAR,
        months=(3, 5),
        documents=(QA_POLICY, OFFICE_REGULATION),
        qa_office=True,
        bodies=(ARC,),
    ),
    MechanismSpec(
        "QAM-4.1.10",
        INTERNAL,
        Text(
            "Мектепте білім алушылардың оқытуды бағалауы",
            "Оценка преподавания обучающимися в школе",
            "In-school student evaluation of teaching",
        ),
        Text(
            "Курс мазмұнын, оқытушының қарым-қатынасы мен шеберлігін, бағалаудың әділдігі мен "
            "ашықтығын, алған білім мен дағдыларды, әдісті немесе каталогты жетілдіру "
            "қажеттігін бағалау. Сұрақтарды комитет әзірлейді, сапа менеджері қарайды; жеке "
            "нәтижелер мен ұсынымдар әр оқытушыға жіберіледі.",
            "Оценить содержание курса, отношение и мастерство преподавателя, справедливость и "
            "прозрачность оценивания, полученные знания и навыки, необходимость улучшить "
            "методику или каталог. Вопросы разрабатывает комитет, менеджер по качеству их "
            "рассматривает; индивидуальные результаты и рекомендации получает каждый "
            "преподаватель.",
            "Evaluate course content, the teacher's attitude and skills, fair and transparent "
            "grading, knowledge and skills gained, the need to improve the method or the "
            "catalogue. The committee writes the questions and the QA manager reviews them; "
            "individual results and recommendations go to each teacher.",
        ),
        Text(
            "Әр семестр аяқталуына екі апта қалғанда",
            "За две недели до окончания каждого семестра",
            "Two weeks before the end of every semester",
        ),
        months=(4, 12),
        bodies=(COMMITTEES,),
    ),
    MechanismSpec(
        "QAM-4.1.11",
        INTERNAL,
        Text(
            "Оқытушылардың өзін-өзі бағалауы (курсты басқару нысаны)",
            "Самооценка преподавателей (форма управления курсом)",
            "Faculty self-evaluation (course management form)",
        ),
        Text(
            "Әр семестрден кейін оқытушылар курсты басқару нысанын толтырады; комитет "
            "нысандарды жинап, талдайды және әр оқытушыға жеке ұсынымдар береді.",
            "После каждого семестра преподаватели заполняют форму управления курсом; комитет "
            "собирает и анализирует формы и даёт каждому преподавателю индивидуальные "
            "рекомендации.",
            "After every semester teachers fill in the course management form; the committee "
            "collects and analyses the forms and gives each teacher individual "
            "recommendations.",
        ),
        Text(
            "Қаңтар және маусым: семестрден кейін",
            "Январь и июнь: после семестра",
            "January and June: after the semester",
        ),
        months=(1, 6),
        bodies=(COMMITTEES,),
    ),
    MechanismSpec(
        "QAM-4.1.12",
        INTERNAL,
        Text("Түлектердің кері байланысы", "Обратная связь выпускников", "Alumni feedback"),
        Text(
            "Түлектер клубының кеңесі түлектердің пікірін жинайды; нәтижелер мектеп "
            "комитеттеріне, мектептерге, сапа менеджеріне және Кеңеске жіберіледі.",
            "Совет клуба выпускников собирает мнения выпускников; результаты направляются "
            "комитетам школ, школам, менеджеру по качеству и Совету.",
            "The Alumni Club council collects graduates' views; the results go to the school "
            "committees, the schools, the QA manager and the Council.",
        ),
        Text(
            "Жылына бір рет, Түлектер клубы кеңесінің отырысында",
            "Раз в год, на заседании совета клуба выпускников",
            "Once a year, at a meeting of the Alumni Club council",
        ),
        bodies=(ALUMNI,),
    ),
    MechanismSpec(
        "QAM-4.1.13",
        INTERNAL,
        Text(
            "Жұмыс берушілердің кері байланысы", "Обратная связь работодателей", "Employer feedback"
        ),
        Text(
            "Мектептің тағылымдама, мансап және жұмысқа орналастыру орталығы жұмыс берушілердің "
            "пікірін жинайды; нәтижелер мектеп комитетіне, мектепке, сапа менеджеріне және "
            "Кеңеске жіберіледі.",
            "Центр стажировок, карьеры и трудоустройства школы собирает мнения работодателей; "
            "результаты направляются комитету школы, школе, менеджеру по качеству и Совету.",
            "The school's Internship, Career and Employment Centre collects employers' views; "
            "the results go to the school committee, the school, the QA manager and the "
            "Council.",
        ),
        Text(
            "Жылына бір рет, тағылымдамалардан кейін",
            "Раз в год, после стажировок",
            "Once a year, after internships",
        ),
        all_schools=True,
    ),
    MechanismSpec(
        "QAM-4.2.1",
        EXTERNAL,
        Text(
            "«Атамекен» ҰКП білім беру бағдарламаларының рейтингі",
            "Рейтинг образовательных программ НПП «Атамекен»",
            "Atameken ranking of educational programmes",
        ),
        Text(
            "Ұлттық кәсіпкерлер палатасының бағдарламаларды жыл сайынғы тәуелсіз рейтингі; "
            "нәтижелер бағдарламаларды жетілдіру үшін талданады.",
            "Ежегодный независимый рейтинг программ Национальной палаты предпринимателей; "
            "результаты анализируются для совершенствования программ.",
            "The National Chamber of Entrepreneurs' annual independent ranking of programmes; "
            "the results are analysed to improve the programmes.",
        ),
        Text("Жыл сайын", "Ежегодно", "Every year"),
        documents=(GUIDELINE,),
        qa_office=True,
        external_party="«Атамекен» Ұлттық кәсіпкерлер палатасы",
    ),
    MechanismSpec(
        "QAM-4.2.2",
        EXTERNAL,
        Text(
            "Академиялық адалдық лигасының мониторингі",
            "Мониторинг Лиги академической честности",
            "Academic Integrity League monitoring",
        ),
        Text(
            "Адалдықты және сыбайлас жемқорлық тәуекелдерінің жоқтығын жыл сайынғы "
            "мониторингтеу; мониторинг тобы кемінде 7 адамнан тұрады (мүше университеттер, "
            "«Атамекен», Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі және ҮЕҰ); критерийлер "
            "мониторингке кемінде екі ай қалғанда жіберіледі.",
            "Ежегодный мониторинг честности и отсутствия коррупционных рисков; мониторинговая "
            "группа не менее 7 человек (вузы-члены, «Атамекен», Агентство по противодействию "
            "коррупции и НПО); критерии направляются не менее чем за два месяца до "
            "мониторинга.",
            "Yearly monitoring of integrity and the absence of corruption risks by a group of "
            "at least 7 people (member universities, Atameken, the Anti-Corruption Agency and "
            "an NGO); the criteria are sent at least two months before the visit.",
        ),
        Text(
            "Жыл сайын; критерийлер екі ай бұрын жіберіледі",
            "Ежегодно; критерии направляются за два месяца",
            "Every year; criteria sent two months ahead",
        ),
        documents=(GUIDELINE,),
        qa_office=True,
        external_party="Академиялық адалдық лигасы",
    ),
    MechanismSpec(
        "QAM-4.2.3",
        EXTERNAL,
        Text(
            "Институционалдық аккредиттеу",
            "Институциональная аккредитация",
            "Institutional accreditation",
        ),
        Text(
            "Миссия мен стратегияны, басқаруды, білім беру процесін, ғылыми зерттеулерді, "
            "кеңес беру мен қолдауды, материалдық базаны, қоғамды ақпараттандыруды, сапаны "
            "қамтамасыз ету құжаттары мен тетіктерінің сақталуын сыртқы бағалау.",
            "Внешняя оценка миссии и стратегии, управления, образовательного процесса, "
            "исследований, консультирования и поддержки, материальной базы, информирования "
            "общественности, соблюдения документов и механизмов обеспечения качества.",
            "External review of mission and strategy, governance, the educational process, "
            "research, advising and support, facilities, public information and adherence to "
            "the QA documents and mechanisms.",
        ),
        Text(
            "Бес жылда бір рет; аккредиттеуден кейінгі мониторинг жыл сайын",
            "Раз в пять лет; постаккредитационный мониторинг ежегодно",
            "Every five years; post-accreditation monitoring every year",
        ),
        documents=(GUIDELINE, OFFICE_REGULATION),
        qa_office=True,
        external_party="FIBAA",
    ),
    MechanismSpec(
        "QAM-4.2.4",
        EXTERNAL,
        Text("Бағдарламалық аккредиттеу", "Программная аккредитация", "Programme accreditation"),
        Text(
            "Біліктілік мақсаттарын, қабылдауды, оқу жоспарының логикасын, ECTS және тең "
            "мүмкіндіктерді, заманауи оқыту әдістерін, халықаралық мазмұнды, коммуникативтік "
            "дағдыларды, оқытушылардың біліктілігін, бағдарламаны басқаруды, материалдық "
            "базаны және сапаны қамтамасыз ету жүйесін сыртқы бағалау.",
            "Внешняя оценка квалификационных целей, приёма, логики учебного плана, ECTS и "
            "равных возможностей, современных методов обучения, международного содержания, "
            "коммуникативных навыков, квалификации преподавателей, управления программой, "
            "материальной базы и системы обеспечения качества.",
            "External review of qualification goals, admission, the logic of the curriculum, "
            "ECTS and equal opportunities, modern teaching methods, international content, "
            "communication skills, qualified faculty, programme management, facilities and "
            "the QA system.",
        ),
        Text(
            "Бағдарламаның аккредиттеу мерзімі аяқталғанға дейін",
            "До истечения срока аккредитации программы",
            "Before the programme's accreditation expires",
        ),
        documents=(GUIDELINE, OFFICE_REGULATION),
        qa_office=True,
        external_party="FIBAA",
    ),
)


def _bodies(keys, council):
    found = []
    for key in keys:
        if key == ARC:
            found.append(council)
        elif key == COMMITTEES:
            found += Body.objects.filter(kind=BodyKind.SCHOOL_COMMITTEE).order_by("school__code")
        elif key == ALUMNI:
            found += Body.objects.filter(kind=BodyKind.ALUMNI_COUNCIL)
    return found


def _register(spec, council):
    mechanism = Mechanism(
        code=spec.code,
        kind=spec.kind,
        name_kk=spec.name.kk,
        name_ru=spec.name.ru,
        name_en=spec.name.en,
        objectives_kk=spec.objectives.kk,
        objectives_ru=spec.objectives.ru,
        objectives_en=spec.objectives.en,
        calendar_kk=spec.calendar.kk,
        calendar_ru=spec.calendar.ru,
        calendar_en=spec.calendar.en,
        months=list(spec.months),
        qa_office=spec.qa_office,
        external_party=spec.external_party,
    )
    mechanism.full_clean()
    mechanism.save()
    mechanism.documents.set(Document.objects.filter(code__in=spec.documents))
    mechanism.bodies.set(_bodies(spec.bodies, council))
    if spec.all_schools:
        mechanism.schools.set(School.objects.all())
    return mechanism


class StageSpec(NamedTuple):
    stage: str
    planned: tuple[datetime.date, datetime.date]
    started: datetime.date | None = None
    completed: datetime.date | None = None
    note: str = ""
    links: tuple[tuple[str, str], ...] = ()


def day(year, month, date):
    return datetime.date(year, month, date)


FINISHED_PERIOD = "2025-2026"
FINISHED = (
    StageSpec(
        Stage.PLAN,
        (day(2026, 1, 12), day(2026, 2, 27)),
        day(2026, 1, 12),
        day(2026, 2, 27),
        "Сауалнама әдістемесі мен сұрақтары жаңартылды, Кеңес оларды қарады; сауалнама "
        "бакалавриат пен магистратураның барлық білім алушыларына арналды.",
        (("Сауалнама жоспары", "https://demo.edu.kz/qa/surveys/2026/plan"),),
    ),
    StageSpec(
        Stage.DO,
        (day(2026, 3, 2), day(2026, 3, 31)),
        day(2026, 3, 2),
        day(2026, 3, 31),
        "Сауалнама наурызда анонимді түрде өтті; білім алушылардың 62 пайызы қатысты.",
    ),
    StageSpec(
        Stage.CHECK,
        (day(2026, 4, 1), day(2026, 5, 29)),
        day(2026, 4, 1),
        day(2026, 10, 27),
        "Оқыту сапасы мен академиялық қолдауға қанағаттану жоғары; ақпараттық жүйелер мен "
        "жатақханаға қанағаттану төмен; білім алушылар сабақ уақыты мен оқытушыны таңдау "
        "мүмкіндігін кеңейтуді сұрайды. Есеп пен ұсынымдар Кеңеске және мектеп комитеттеріне "
        "жіберілді.",
    ),
    StageSpec(
        Stage.ACT,
        (day(2026, 10, 27), day(2026, 11, 20)),
        day(2026, 10, 27),
        day(2026, 10, 28),
        "Кеңестің 2026 жылғы 27 қазандағы 2/1 шешімімен іс-шаралар белгіленді: мектептердің "
        "іс-шаралар жоспарлары және сауалнама әдістемесін жаңарту.",
    ),
)
FINISHED_UNITS = (
    (UnitKind.QA_OFFICE, "Сауалнама нәтижелерін талдап, ұсынымдары бар есеп дайындады."),
    (UnitKind.BODY, "Есепті 2026 жылғы 27 қазандағы отырысында қарап, шешім қабылдады."),
)

RUNNING_PERIOD = "2026-2027, күзгі семестр"
RUNNING = (
    StageSpec(
        Stage.PLAN,
        (day(2026, 10, 1), day(2026, 11, 20)),
        day(2026, 10, 1),
        day(2026, 11, 20),
        "Комитет сұрақтарды әзірледі, сапа менеджері қарады; бағалау соңғы екі оқу аптасында "
        "LMS жүйесінде өтеді.",
    ),
    StageSpec(Stage.DO, (day(2026, 12, 7), day(2026, 12, 19))),
    StageSpec(Stage.CHECK, (day(2027, 1, 5), day(2027, 1, 29))),
    StageSpec(Stage.ACT, (day(2027, 2, 1), day(2027, 2, 26))),
)


def _report_pdf(title):
    html = f"<html><body><h1>{escape(title)}</h1><p>{escape(FINISHED_PERIOD)}</p></body></html>"
    return ContentFile(html_to_pdf(html), name="survey-report-2025-2026.pdf")


def _run(cycle, specs, by, before_completing=None):
    """Record each stage's dates and note through ``documents.pdca``, and complete those with
    a completion date; ``before_completing`` maps a stage to what is done just before."""
    hooks = before_completing or {}
    for spec in specs:
        row = cycle.stages.get(stage=spec.stage)
        pdca.record_stage(
            row,
            by,
            planned_start=spec.planned[0],
            planned_end=spec.planned[1],
            started_on=spec.started,
            note=spec.note,
        )
        if spec.completed is None:
            continue
        for title, url in spec.links:
            pdca.add_evidence(cycle, by, title, url=url)
        if spec.stage in hooks:
            hooks[spec.stage](cycle)
        cycle = pdca.complete_stage(row, by, on=spec.completed)
    return cycle


def _finished_cycle(qa, council):
    mechanism = Mechanism.objects.get(code="QAM-4.1.7")
    if Cycle.objects.filter(mechanism=mechanism, period=FINISHED_PERIOD).exists():
        return "unchanged"
    cycle = pdca.start_cycle(mechanism, qa, FINISHED_PERIOD)

    def check(cycle):
        title = "Білім алушылардың қанағаттануы: есеп және ұсынымдар"
        pdca.add_evidence(cycle, qa, title, file=_report_pdf(title))
        for kind, contribution in FINISHED_UNITS:
            unit = council if kind == UnitKind.BODY else None
            pdca.add_check_unit(cycle, qa, kind, unit, contribution)

    def act(cycle):
        decision = Decision.objects.filter(body=council, number="2/1").first()
        if decision is not None:
            pdca.set_act_decision(cycle, qa, decision)

    _run(cycle, FINISHED, qa, {Stage.CHECK: check, Stage.ACT: act})
    return "created (finished)"


def _running_cycle(qa):
    mechanism = Mechanism.objects.get(code="QAM-4.1.10")
    if Cycle.objects.filter(mechanism=mechanism, period=RUNNING_PERIOD).exists():
        return "unchanged"
    committee = Body.objects.filter(kind=BodyKind.SCHOOL_COMMITTEE, school__code="LAW").first()
    seat = (
        Membership.objects.current()
        .filter(body=committee, role=MemberRole.SECRETARY)
        .select_related("person")
        .first()
    )
    cycle = pdca.start_cycle(mechanism, qa, RUNNING_PERIOD)
    _run(cycle, RUNNING, seat.person if seat else qa)
    return "created (at the Do stage)"


def qa_manager():
    return User.objects.filter(groups__name=Role.QA_MANAGER).order_by("pk").first()


def seed_mechanisms():
    """Register the mechanisms and run their demo cycles; returns {name: state}."""
    qa = qa_manager()
    council = Body.objects.filter(kind=BodyKind.ACADEMIC_RESEARCH_COUNCIL).first()
    if qa is None or council is None:
        return {}
    result = {}
    for spec in MECHANISMS:
        if Mechanism.objects.filter(code=spec.code).exists():
            result[spec.code] = "unchanged"
        else:
            _register(spec, council)
            result[spec.code] = "created"
    result[f"QAM-4.1.7 {FINISHED_PERIOD}"] = _finished_cycle(qa, council)
    result[f"QAM-4.1.10 {RUNNING_PERIOD}"] = _running_cycle(qa)
    return result


TEMPLATE_NAME = Text(
    "Кафедраның оқу-әдістемелік құжаттамасы",
    "Учебно-методическая документация кафедры",
    "Teaching and methodological documents of a department",
)
TEMPLATE_ITEMS = (
    Text(
        "Силлабустар бекітілген және LMS жүйесінде жарияланған",
        "Силлабусы утверждены и опубликованы в LMS",
        "Syllabi are approved and published in the LMS",
    ),
    Text(
        "Бағалау критерийлері силлабуста көрсетілген",
        "Критерии оценивания указаны в силлабусе",
        "Assessment criteria are stated in the syllabus",
    ),
    Text(
        "Бағалар бөлу қисығына сәйкес",
        "Оценки соответствуют кривой распределения",
        "Grades follow the distribution curve",
    ),
    Text(
        "Кафедра отырыстарының хаттамалары жүргізілген",
        "Протоколы заседаний кафедры ведутся",
        "Minutes of department meetings are kept",
    ),
    Text(
        "Оқытушылар курсты басқару нысандарын толтырған",
        "Преподаватели заполнили формы управления курсом",
        "Teachers have filled in course management forms",
    ),
)
COMPLETED_RESULTS = (
    (CheckResult.MET, "Барлық 24 силлабус LMS жүйесінде бар."),
    (CheckResult.PARTLY, "Үш силлабуста жазбаша жұмысты бағалау критерийлері жоқ."),
    (CheckResult.MET, ""),
    (CheckResult.NOT_MET, "2026 жылғы қыркүйек пен қазандағы хаттамалар рәсімделмеген."),
    (CheckResult.NOT_APPLICABLE, "Күзгі семестр әлі аяқталған жоқ."),
)
COMPLETED_FINDINGS = (
    (1, "Үш силлабусқа жазбаша жұмысты бағалау критерийлерін қосу қажет."),
    (3, "Кафедра отырыстарының хаттамаларын уақтылы рәсімдеу тәртібі сақталмайды."),
)
COMPLETED_REPORT = (
    "Азаматтық құқық кафедрасының оқу-әдістемелік құжаттамасы негізінен талаптарға сай. "
    "Ұсынымдар: силлабустардағы бағалау критерийлерін толықтыру, кафедра отырыстарының "
    "хаттамаларын отырыстан кейін бес жұмыс күні ішінде рәсімдеу."
)


def _template():
    template = ChecklistTemplate.objects.filter(name_kk=TEMPLATE_NAME.kk).first()
    if template is None:
        template = ChecklistTemplate.objects.create(
            name_kk=TEMPLATE_NAME.kk, name_ru=TEMPLATE_NAME.ru, name_en=TEMPLATE_NAME.en
        )
        ChecklistTemplateItem.objects.bulk_create(
            ChecklistTemplateItem(
                template=template, position=position, text_kk=t.kk, text_ru=t.ru, text_en=t.en
            )
            for position, t in enumerate(TEMPLATE_ITEMS, 1)
        )
    return template


def _completed_inspection(qa, template):
    department = Department.objects.filter(code="LAW-CIV").first()
    date = day(2026, 10, 14)
    if department is None:
        return ""
    if Inspection.objects.filter(department=department, date=date).exists():
        return "unchanged"
    inspection = inspections.plan_inspection(
        qa,
        kind=InspectionKind.PLANNED,
        department=department,
        date=date,
        scope="Оқу-әдістемелік құжаттама, силлабустар, бағалау және кафедра хаттамалары.",
        inspectors=[qa],
        template=template,
    )
    inspection = inspections.start(inspection, qa)
    items = list(inspection.items.order_by("position"))
    for item, (result, comment) in zip(items, COMPLETED_RESULTS, strict=True):
        inspections.record_result(item, qa, result, comment)
    findings = [
        inspections.add_finding(inspection, qa, text, items[index])
        for index, text in COMPLETED_FINDINGS
    ]
    inspections.complete(inspection, qa, COMPLETED_REPORT, on=day(2026, 10, 16))
    # Seed 004 §5.7: the department answers the first finding with an improvement action.
    inspections.raise_finding_action(
        findings[0],
        qa,
        title="Силлабустарға жазбаша жұмысты бағалау критерийлерін қосу",
        owner=department.school.dean or qa,
        due_date=day(2027, 1, 25),
    )
    return "created (completed)"


def _planned_inspection(qa, template):
    school = School.objects.filter(code="ECON").first()
    date = day(2026, 12, 9)
    if school is None:
        return ""
    if Inspection.objects.filter(school=school, date=date).exists():
        return "unchanged"
    inspections.plan_inspection(
        qa,
        kind=InspectionKind.PLANNED,
        school=school,
        date=date,
        scope="Деканаттың оқу-әдістемелік құжаттамасы және пәндерге тіркелу тізімдері.",
        inspectors=[qa],
        template=template,
    )
    return "created (planned)"


def seed_inspections():
    """One completed and one planned inspection (seed 004 §5.7); returns {name: state}."""
    qa = qa_manager()
    if qa is None:
        return {}
    template = _template()
    found = {
        "LAW-CIV 2026-10-14": _completed_inspection(qa, template),
        "ECON 2026-12-09": _planned_inspection(qa, template),
    }
    return {name: state for name, state in found.items() if state}
