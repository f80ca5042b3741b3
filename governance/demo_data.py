"""The fixed data behind ``manage.py seed_demo``: a fictional Kazakh university.

"Сапа университеті" / "Университет «Сапа»" / "Sapa University" is made up; it is modelled on
the seeds (schools with school committees, a QA manager, councils).  Every name and title is in
Kazakh with Russian and English translations.  Programme codes follow the national classifier of
higher and postgraduate education (6B… bachelor, 7M… master, 7R… residency, 8D… doctoral).

Changing these lists changes what the next run creates; runs never delete anything.
"""

import datetime
from typing import NamedTuple

DEMO_DOMAIN = "demo.edu.kz"
DEMO_PASSWORD = "demo-2026"
RANDOM_SEED = 2026


class Text(NamedTuple):
    kk: str
    ru: str
    en: str


class Department(NamedTuple):
    code: str
    name: Text
    teachers: int  # how many teachers the department gets


class Programme(NamedTuple):
    code: str
    level: str  # bachelor / master / doctoral / residency
    name: Text
    languages: tuple[str, ...]
    students: int
    credits: int


class Course(NamedTuple):
    code: str
    department: str
    credits: int
    # Programme codes, or a level ("bachelor", "master", "doctoral") for every programme of it.
    programmes: tuple[str, ...]
    title: Text


class School(NamedTuple):
    code: str
    slug: str  # used in the demo e-mails: dean.<slug>@…, secretary.<slug>@…
    name: Text
    departments: tuple[Department, ...]
    programmes: tuple[Programme, ...]
    courses: tuple[Course, ...]


class Person(NamedTuple):
    login: str  # the part of the e-mail before the @
    name: Text
    position: Text | None = None
    language: str = "kk"


INSTITUTION = {
    "name_kk": "Сапа университеті",
    "name_ru": "Университет «Сапа»",
    "name_en": "Sapa University",
    "short_name_kk": "Сапа",
    "short_name_ru": "Сапа",
    "short_name_en": "Sapa",
    "website": f"https://{DEMO_DOMAIN}",
}

ACADEMIC_YEAR = {
    "name": "2026-2027",
    "start_date": datetime.date(2026, 9, 1),
    "end_date": datetime.date(2027, 8, 31),
}

# The two academic years before it: the satisfaction surveys of their springs
# (``surveys.demo``) give the dashboards and the annual report a trend.
PAST_ACADEMIC_YEARS = (
    {
        "name": "2024-2025",
        "start_date": datetime.date(2024, 9, 1),
        "end_date": datetime.date(2025, 8, 31),
    },
    {
        "name": "2025-2026",
        "start_date": datetime.date(2025, 9, 1),
        "end_date": datetime.date(2026, 8, 31),
    },
)

TERMS = (
    {
        "kind": "autumn",
        "start_date": datetime.date(2026, 9, 1),
        "last_teaching_day": datetime.date(2026, 12, 19),
        "end_date": datetime.date(2027, 1, 17),
    },
    {
        "kind": "spring",
        "start_date": datetime.date(2027, 1, 25),
        "last_teaching_day": datetime.date(2027, 5, 8),
        "end_date": datetime.date(2027, 6, 12),
    },
)

# Years of study per level.
DURATION = {"bachelor": 4, "master": 2, "doctoral": 3, "residency": 2}

# E-mail prefix per level: student1@…, master1@…, phd1@…, resident1@…
STUDENT_LOGIN_PREFIX = {
    "bachelor": "student",
    "master": "master",
    "doctoral": "phd",
    "residency": "resident",
}

BACHELOR = 240
MASTER = 120
DOCTORAL = 180
RESIDENCY = 140  # two-year residency, 70 credits a year

PEDAGOGY = Text("Педагогика және психология", "Педагогика и психология", "Pedagogy and Psychology")

KK_RU = ("kk", "ru")
KK_RU_EN = ("kk", "ru", "en")

SCHOOLS = (
    School(
        "LAW",
        "law",
        Text("Құқық мектебі", "Школа права", "School of Law"),
        (
            Department(
                "LAW-CONST",
                Text(
                    "Конституциялық және әкімшілік құқық кафедрасы",
                    "Кафедра конституционного и административного права",
                    "Department of Constitutional and Administrative Law",
                ),
                3,
            ),
            Department(
                "LAW-CIV",
                Text(
                    "Азаматтық құқық кафедрасы",
                    "Кафедра гражданского права",
                    "Department of Civil Law",
                ),
                3,
            ),
            Department(
                "LAW-CRIM",
                Text(
                    "Қылмыстық құқық және криминология кафедрасы",
                    "Кафедра уголовного права и криминологии",
                    "Department of Criminal Law and Criminology",
                ),
                3,
            ),
            Department(
                "LAW-INT",
                Text(
                    "Халықаралық құқық кафедрасы",
                    "Кафедра международного права",
                    "Department of International Law",
                ),
                3,
            ),
        ),
        (
            Programme(
                "6B04201",
                "bachelor",
                Text("Құқықтану", "Юриспруденция", "Law"),
                KK_RU,
                80,
                BACHELOR,
            ),
            Programme(
                "6B04202",
                "bachelor",
                Text("Халықаралық құқық", "Международное право", "International Law"),
                KK_RU_EN,
                40,
                BACHELOR,
            ),
            Programme(
                "7M04201", "master", Text("Құқықтану", "Юриспруденция", "Law"), KK_RU, 14, MASTER
            ),
            Programme(
                "8D04201",
                "doctoral",
                Text("Құқықтану", "Юриспруденция", "Law"),
                KK_RU,
                6,
                DOCTORAL,
            ),
        ),
        (
            Course(
                "LAW1101",
                "LAW-CONST",
                5,
                ("6B04201", "6B04202"),
                Text(
                    "Мемлекет және құқық теориясы",
                    "Теория государства и права",
                    "Theory of State and Law",
                ),
            ),
            Course(
                "LAW1102",
                "LAW-CONST",
                5,
                ("6B04201", "6B04202"),
                Text(
                    "Қазақстан Республикасының конституциялық құқығы",
                    "Конституционное право Республики Казахстан",
                    "Constitutional Law of the Republic of Kazakhstan",
                ),
            ),
            Course(
                "LAW2104",
                "LAW-CONST",
                5,
                ("6B04201",),
                Text("Әкімшілік құқық", "Административное право", "Administrative Law"),
            ),
            Course(
                "LAW2101",
                "LAW-CIV",
                6,
                ("6B04201",),
                Text(
                    "Азаматтық құқық (жалпы бөлім)",
                    "Гражданское право (общая часть)",
                    "Civil Law (General Part)",
                ),
            ),
            Course(
                "LAW2102",
                "LAW-CIV",
                5,
                ("6B04201",),
                Text(
                    "Азаматтық іс жүргізу құқығы",
                    "Гражданское процессуальное право",
                    "Civil Procedure Law",
                ),
            ),
            Course(
                "LAW2103",
                "LAW-CIV",
                5,
                ("6B04201",),
                Text("Еңбек құқығы", "Трудовое право", "Labour Law"),
            ),
            Course(
                "LAW2201",
                "LAW-CRIM",
                6,
                ("6B04201",),
                Text(
                    "Қылмыстық құқық (жалпы бөлім)",
                    "Уголовное право (общая часть)",
                    "Criminal Law (General Part)",
                ),
            ),
            Course(
                "LAW2202",
                "LAW-CRIM",
                5,
                ("6B04201",),
                Text(
                    "Қылмыстық іс жүргізу құқығы",
                    "Уголовно-процессуальное право",
                    "Criminal Procedure Law",
                ),
            ),
            Course(
                "LAW2203",
                "LAW-CRIM",
                4,
                ("6B04201",),
                Text("Криминология", "Криминология", "Criminology"),
            ),
            Course(
                "LAW3201",
                "LAW-CRIM",
                5,
                ("6B04201",),
                Text("Криминалистика", "Криминалистика", "Forensic Science"),
            ),
            Course(
                "LAW2301",
                "LAW-INT",
                5,
                ("6B04201", "6B04202"),
                Text(
                    "Халықаралық жария құқық",
                    "Международное публичное право",
                    "Public International Law",
                ),
            ),
            Course(
                "LAW2302",
                "LAW-INT",
                5,
                ("6B04202",),
                Text(
                    "Халықаралық жеке құқық",
                    "Международное частное право",
                    "Private International Law",
                ),
            ),
            Course(
                "LAW2303",
                "LAW-INT",
                5,
                ("6B04202",),
                Text(
                    "Адам құқықтарын халықаралық қорғау",
                    "Международная защита прав человека",
                    "International Protection of Human Rights",
                ),
            ),
            Course(
                "LAW7101",
                "LAW-CONST",
                6,
                ("7M04201",),
                Text(
                    "Құқықтық зерттеулер әдіснамасы",
                    "Методология правовых исследований",
                    "Legal Research Methodology",
                ),
            ),
            Course(
                "LAW7102",
                "LAW-INT",
                6,
                ("7M04201",),
                Text("Салыстырмалы құқықтану", "Сравнительное правоведение", "Comparative Law"),
            ),
            Course(
                "LAW7103",
                "LAW-CIV",
                6,
                ("7M04201",),
                Text("Корпоративтік құқық", "Корпоративное право", "Corporate Law"),
            ),
            Course(
                "LAW8101",
                "LAW-CONST",
                5,
                ("8D04201",),
                Text("Құқық философиясы", "Философия права", "Philosophy of Law"),
            ),
        ),
    ),
    School(
        "ECON",
        "econ",
        Text(
            "Экономика және бизнес мектебі",
            "Школа экономики и бизнеса",
            "School of Economics and Business",
        ),
        (
            Department(
                "ECON-ECO",
                Text("Экономика кафедрасы", "Кафедра экономики", "Department of Economics"),
                4,
            ),
            Department(
                "ECON-MGT",
                Text(
                    "Менеджмент және маркетинг кафедрасы",
                    "Кафедра менеджмента и маркетинга",
                    "Department of Management and Marketing",
                ),
                3,
            ),
            Department(
                "ECON-FIN",
                Text(
                    "Қаржы және есеп кафедрасы",
                    "Кафедра финансов и учёта",
                    "Department of Finance and Accounting",
                ),
                3,
            ),
        ),
        (
            Programme(
                "6B04101",
                "bachelor",
                Text("Экономика", "Экономика", "Economics"),
                KK_RU_EN,
                50,
                BACHELOR,
            ),
            Programme(
                "6B04102",
                "bachelor",
                Text("Менеджмент", "Менеджмент", "Management"),
                KK_RU,
                45,
                BACHELOR,
            ),
            Programme(
                "6B04103",
                "bachelor",
                Text("Есеп және аудит", "Учёт и аудит", "Accounting and Audit"),
                KK_RU,
                35,
                BACHELOR,
            ),
            Programme(
                "6B04104", "bachelor", Text("Қаржы", "Финансы", "Finance"), KK_RU_EN, 40, BACHELOR
            ),
            Programme(
                "7M04101",
                "master",
                Text("Экономика", "Экономика", "Economics"),
                KK_RU_EN,
                12,
                MASTER,
            ),
            Programme(
                "8D04101",
                "doctoral",
                Text("Экономика", "Экономика", "Economics"),
                KK_RU,
                5,
                DOCTORAL,
            ),
        ),
        (
            Course(
                "ECO1101",
                "ECON-ECO",
                5,
                ("6B04101", "6B04102", "6B04103", "6B04104"),
                Text("Микроэкономика", "Микроэкономика", "Microeconomics"),
            ),
            Course(
                "ECO1102",
                "ECON-ECO",
                5,
                ("6B04101", "6B04102", "6B04103", "6B04104"),
                Text("Макроэкономика", "Макроэкономика", "Macroeconomics"),
            ),
            Course(
                "ECO2101",
                "ECON-ECO",
                6,
                ("6B04101", "6B04104"),
                Text("Эконометрика", "Эконометрика", "Econometrics"),
            ),
            Course(
                "ECO2102",
                "ECON-ECO",
                4,
                ("6B04101",),
                Text(
                    "Экономикалық ілімдер тарихы",
                    "История экономических учений",
                    "History of Economic Thought",
                ),
            ),
            Course(
                "ECO2103",
                "ECON-ECO",
                5,
                ("6B04101",),
                Text("Халықаралық экономика", "Международная экономика", "International Economics"),
            ),
            Course(
                "MGT2101",
                "ECON-MGT",
                5,
                ("6B04102", "6B04101"),
                Text("Менеджмент негіздері", "Основы менеджмента", "Principles of Management"),
            ),
            Course(
                "MGT2102",
                "ECON-MGT",
                5,
                ("6B04102",),
                Text("Маркетинг", "Маркетинг", "Marketing"),
            ),
            Course(
                "MGT2103",
                "ECON-MGT",
                5,
                ("6B04102",),
                Text(
                    "Адам ресурстарын басқару",
                    "Управление человеческими ресурсами",
                    "Human Resource Management",
                ),
            ),
            Course(
                "MGT3101",
                "ECON-MGT",
                5,
                ("6B04102",),
                Text(
                    "Стратегиялық менеджмент", "Стратегический менеджмент", "Strategic Management"
                ),
            ),
            Course(
                "FIN2101",
                "ECON-FIN",
                5,
                ("6B04103", "6B04104", "6B04102"),
                Text(
                    "Бухгалтерлік есеп принциптері",
                    "Принципы бухгалтерского учёта",
                    "Principles of Accounting",
                ),
            ),
            Course(
                "FIN2102",
                "ECON-FIN",
                5,
                ("6B04103",),
                Text("Аудит", "Аудит", "Auditing"),
            ),
            Course(
                "FIN2103",
                "ECON-FIN",
                5,
                ("6B04103", "6B04104"),
                Text("Салықтар және салық салу", "Налоги и налогообложение", "Taxes and Taxation"),
            ),
            Course(
                "FIN3101",
                "ECON-FIN",
                6,
                ("6B04104",),
                Text("Корпоративтік қаржы", "Корпоративные финансы", "Corporate Finance"),
            ),
            Course(
                "FIN3102",
                "ECON-FIN",
                5,
                ("6B04104",),
                Text(
                    "Қаржы нарықтары мен институттары",
                    "Финансовые рынки и институты",
                    "Financial Markets and Institutions",
                ),
            ),
            Course(
                "ECO7101",
                "ECON-ECO",
                6,
                ("7M04101",),
                Text(
                    "Жоғары деңгейдегі микроэкономика",
                    "Микроэкономика (продвинутый уровень)",
                    "Advanced Microeconomics",
                ),
            ),
            Course(
                "ECO7102",
                "ECON-ECO",
                6,
                ("7M04101", "8D04101"),
                Text(
                    "Жоғары деңгейдегі эконометрика",
                    "Эконометрика (продвинутый уровень)",
                    "Advanced Econometrics",
                ),
            ),
            Course(
                "ECO8101",
                "ECON-ECO",
                5,
                ("8D04101",),
                Text(
                    "Экономикалық өсу теориясы",
                    "Теория экономического роста",
                    "Economic Growth Theory",
                ),
            ),
        ),
    ),
    School(
        "IT",
        "it",
        Text(
            "Ақпараттық технологиялар және инженерия мектебі",
            "Школа информационных технологий и инженерии",
            "School of Information Technology and Engineering",
        ),
        (
            Department(
                "IT-MATH",
                Text("Математика кафедрасы", "Кафедра математики", "Department of Mathematics"),
                3,
            ),
            Department(
                "IT-CS",
                Text(
                    "Компьютерлік ғылымдар кафедрасы",
                    "Кафедра компьютерных наук",
                    "Department of Computer Science",
                ),
                4,
            ),
            Department(
                "IT-IS",
                Text(
                    "Ақпараттық жүйелер және киберқауіпсіздік кафедрасы",
                    "Кафедра информационных систем и кибербезопасности",
                    "Department of Information Systems and Cybersecurity",
                ),
                3,
            ),
            Department(
                "IT-EE",
                Text(
                    "Электр энергетикасы кафедрасы",
                    "Кафедра электроэнергетики",
                    "Department of Electrical Power Engineering",
                ),
                3,
            ),
        ),
        (
            Programme(
                "6B06101",
                "bachelor",
                Text("Ақпараттық жүйелер", "Информационные системы", "Information Systems"),
                KK_RU,
                45,
                BACHELOR,
            ),
            Programme(
                "6B06102",
                "bachelor",
                Text("Компьютерлік ғылымдар", "Компьютерные науки", "Computer Science"),
                KK_RU_EN,
                70,
                BACHELOR,
            ),
            Programme(
                "6B06301",
                "bachelor",
                Text("Киберқауіпсіздік", "Кибербезопасность", "Cybersecurity"),
                KK_RU,
                35,
                BACHELOR,
            ),
            Programme(
                "6B07101",
                "bachelor",
                Text("Электр энергетикасы", "Электроэнергетика", "Electrical Power Engineering"),
                KK_RU,
                30,
                BACHELOR,
            ),
            Programme(
                "7M06101",
                "master",
                Text("Компьютерлік ғылымдар", "Компьютерные науки", "Computer Science"),
                KK_RU_EN,
                12,
                MASTER,
            ),
            Programme(
                "8D06101",
                "doctoral",
                Text("Компьютерлік ғылымдар", "Компьютерные науки", "Computer Science"),
                KK_RU_EN,
                6,
                DOCTORAL,
            ),
        ),
        (
            Course(
                "MAT1101",
                "IT-MATH",
                5,
                ("6B06101", "6B06102", "6B06301", "6B07101"),
                Text("Математикалық талдау I", "Математический анализ I", "Calculus I"),
            ),
            Course(
                "MAT1102",
                "IT-MATH",
                5,
                ("6B06101", "6B06102", "6B06301", "6B07101"),
                Text("Сызықтық алгебра", "Линейная алгебра", "Linear Algebra"),
            ),
            Course(
                "MAT1103",
                "IT-MATH",
                5,
                ("6B06101", "6B06102", "6B06301"),
                Text("Дискретті математика", "Дискретная математика", "Discrete Mathematics"),
            ),
            Course(
                "MAT2101",
                "IT-MATH",
                5,
                ("6B06102", "6B06301", "6B04101"),
                Text(
                    "Ықтималдықтар теориясы және математикалық статистика",
                    "Теория вероятностей и математическая статистика",
                    "Probability and Mathematical Statistics",
                ),
            ),
            Course(
                "CSC1101",
                "IT-CS",
                6,
                ("6B06101", "6B06102", "6B06301"),
                Text(
                    "Бағдарламалау негіздері",
                    "Основы программирования",
                    "Introduction to Programming",
                ),
            ),
            Course(
                "CSC2101",
                "IT-CS",
                6,
                ("6B06102", "6B06101"),
                Text(
                    "Деректер құрылымдары мен алгоритмдер",
                    "Структуры данных и алгоритмы",
                    "Data Structures and Algorithms",
                ),
            ),
            Course(
                "CSC2102",
                "IT-CS",
                5,
                ("6B06102", "6B06101"),
                Text(
                    "Объектіге бағытталған бағдарламалау",
                    "Объектно-ориентированное программирование",
                    "Object-Oriented Programming",
                ),
            ),
            Course(
                "CSC2103",
                "IT-CS",
                5,
                ("6B06102", "6B06301"),
                Text("Операциялық жүйелер", "Операционные системы", "Operating Systems"),
            ),
            Course(
                "CSC3101",
                "IT-CS",
                6,
                ("6B06102",),
                Text("Машиналық оқыту", "Машинное обучение", "Machine Learning"),
            ),
            Course(
                "ISY2101",
                "IT-IS",
                5,
                ("6B06101", "6B06102"),
                Text("Дерекқор жүйелері", "Системы баз данных", "Database Systems"),
            ),
            Course(
                "ISY2102",
                "IT-IS",
                5,
                ("6B06101",),
                Text("Веб-технологиялар", "Веб-технологии", "Web Technologies"),
            ),
            Course(
                "ISY2103",
                "IT-IS",
                5,
                ("6B06102", "6B06301", "6B06101"),
                Text("Компьютерлік желілер", "Компьютерные сети", "Computer Networks"),
            ),
            Course(
                "ISY3101",
                "IT-IS",
                5,
                ("6B06301",),
                Text("Криптография", "Криптография", "Cryptography"),
            ),
            Course(
                "ISY3102",
                "IT-IS",
                5,
                ("6B06301",),
                Text(
                    "Ақпаратты қорғаудың әдістері мен құралдары",
                    "Методы и средства защиты информации",
                    "Information Security Methods and Tools",
                ),
            ),
            Course(
                "EEN2101",
                "IT-EE",
                6,
                ("6B07101",),
                Text(
                    "Электротехниканың теориялық негіздері",
                    "Теоретические основы электротехники",
                    "Fundamentals of Electrical Engineering",
                ),
            ),
            Course(
                "EEN2102",
                "IT-EE",
                5,
                ("6B07101",),
                Text("Электр машиналары", "Электрические машины", "Electrical Machines"),
            ),
            Course(
                "EEN3101",
                "IT-EE",
                5,
                ("6B07101",),
                Text(
                    "Электр станциялары мен қосалқы станциялар",
                    "Электрические станции и подстанции",
                    "Power Plants and Substations",
                ),
            ),
            Course(
                "EEN3102",
                "IT-EE",
                5,
                ("6B07101",),
                Text(
                    "Жаңартылатын энергия көздері",
                    "Возобновляемые источники энергии",
                    "Renewable Energy Sources",
                ),
            ),
            Course(
                "CSC7101",
                "IT-CS",
                6,
                ("7M06101",),
                Text("Үлестірілген жүйелер", "Распределённые системы", "Distributed Systems"),
            ),
            Course(
                "CSC7102",
                "IT-CS",
                6,
                ("7M06101", "8D06101"),
                Text("Терең оқыту", "Глубокое обучение", "Deep Learning"),
            ),
            Course(
                "CSC8101",
                "IT-CS",
                5,
                ("8D06101",),
                Text(
                    "Жасанды интеллекттің өзекті мәселелері",
                    "Актуальные проблемы искусственного интеллекта",
                    "Current Topics in Artificial Intelligence",
                ),
            ),
            Course(
                "GEN1105",
                "IT-IS",
                5,
                ("bachelor",),
                Text(
                    "Ақпараттық-коммуникациялық технологиялар",
                    "Информационно-коммуникационные технологии",
                    "Information and Communication Technologies",
                ),
            ),
        ),
    ),
    School(
        "HUM",
        "hum",
        Text(
            "Гуманитарлық ғылымдар және білім беру мектебі",
            "Школа гуманитарных наук и образования",
            "School of Humanities and Education",
        ),
        (
            Department(
                "HUM-KAZ",
                Text(
                    "Қазақ филологиясы кафедрасы",
                    "Кафедра казахской филологии",
                    "Department of Kazakh Philology",
                ),
                3,
            ),
            Department(
                "HUM-LANG",
                Text(
                    "Шетел тілдері және аударма кафедрасы",
                    "Кафедра иностранных языков и перевода",
                    "Department of Foreign Languages and Translation",
                ),
                4,
            ),
            Department(
                "HUM-PED",
                Text(
                    "Педагогика және психология кафедрасы",
                    "Кафедра педагогики и психологии",
                    "Department of Pedagogy and Psychology",
                ),
                4,
            ),
            Department(
                "HUM-HIST",
                Text(
                    "Қазақстан тарихы және философия кафедрасы",
                    "Кафедра истории Казахстана и философии",
                    "Department of Kazakh History and Philosophy",
                ),
                3,
            ),
        ),
        (
            Programme(
                "6B01101",
                "bachelor",
                PEDAGOGY,
                KK_RU,
                35,
                BACHELOR,
            ),
            Programme(
                "6B01701",
                "bachelor",
                Text(
                    "Қазақ тілі мен әдебиеті",
                    "Казахский язык и литература",
                    "Kazakh Language and Literature",
                ),
                ("kk",),
                30,
                BACHELOR,
            ),
            Programme(
                "6B01703",
                "bachelor",
                Text(
                    "Шетел тілі: екі шетел тілі",
                    "Иностранный язык: два иностранных языка",
                    "Foreign Language: Two Foreign Languages",
                ),
                KK_RU_EN,
                35,
                BACHELOR,
            ),
            Programme(
                "6B02301",
                "bachelor",
                Text("Аударма ісі", "Переводческое дело", "Translation Studies"),
                KK_RU_EN,
                30,
                BACHELOR,
            ),
            Programme(
                "7M01101",
                "master",
                PEDAGOGY,
                KK_RU,
                10,
                MASTER,
            ),
            Programme(
                "8D01101",
                "doctoral",
                PEDAGOGY,
                KK_RU,
                5,
                DOCTORAL,
            ),
        ),
        (
            Course(
                "KAZ1101",
                "HUM-KAZ",
                5,
                ("6B01701",),
                Text(
                    "Қазіргі қазақ тілінің фонетикасы",
                    "Фонетика современного казахского языка",
                    "Phonetics of Modern Kazakh",
                ),
            ),
            Course(
                "KAZ2101",
                "HUM-KAZ",
                5,
                ("6B01701",),
                Text(
                    "Қазақ әдебиетінің тарихы",
                    "История казахской литературы",
                    "History of Kazakh Literature",
                ),
            ),
            Course(
                "KAZ2102",
                "HUM-KAZ",
                4,
                ("6B01701",),
                Text("Абайтану", "Абаеведение", "Abai Studies"),
            ),
            Course(
                "KAZ3101",
                "HUM-KAZ",
                5,
                ("6B01701",),
                Text(
                    "Қазақ тілін оқыту әдістемесі",
                    "Методика преподавания казахского языка",
                    "Methods of Teaching Kazakh",
                ),
            ),
            Course(
                "LNG1101",
                "HUM-LANG",
                6,
                ("6B01703", "6B02301"),
                Text(
                    "Практикалық ағылшын тілі", "Практический английский язык", "Practical English"
                ),
            ),
            Course(
                "LNG2101",
                "HUM-LANG",
                5,
                ("6B01703", "6B02301"),
                Text(
                    "Екінші шетел тілі (неміс тілі)",
                    "Второй иностранный язык (немецкий)",
                    "Second Foreign Language (German)",
                ),
            ),
            Course(
                "LNG2102",
                "HUM-LANG",
                5,
                ("6B02301",),
                Text("Аударма теориясы", "Теория перевода", "Theory of Translation"),
            ),
            Course(
                "LNG3101",
                "HUM-LANG",
                5,
                ("6B02301",),
                Text("Ілеспе аударма", "Синхронный перевод", "Simultaneous Interpreting"),
            ),
            Course(
                "LNG3102",
                "HUM-LANG",
                5,
                ("6B01703",),
                Text(
                    "Шетел тілін оқыту әдістемесі",
                    "Методика преподавания иностранного языка",
                    "Methods of Foreign Language Teaching",
                ),
            ),
            Course(
                "PED1101",
                "HUM-PED",
                5,
                ("6B01101", "6B01701", "6B01703"),
                Text("Педагогика", "Педагогика", "Pedagogy"),
            ),
            Course(
                "PED1102",
                "HUM-PED",
                5,
                ("6B01101", "6B01701", "6B01703"),
                Text("Жалпы психология", "Общая психология", "General Psychology"),
            ),
            Course(
                "PED2101",
                "HUM-PED",
                5,
                ("6B01101",),
                Text(
                    "Жас ерекшелік психологиясы",
                    "Возрастная психология",
                    "Developmental Psychology",
                ),
            ),
            Course(
                "PED2102",
                "HUM-PED",
                4,
                ("6B01101", "6B01701", "6B01703"),
                Text("Инклюзивті білім беру", "Инклюзивное образование", "Inclusive Education"),
            ),
            Course(
                "PED7101",
                "HUM-PED",
                5,
                ("master",),
                Text(
                    "Жоғары мектеп педагогикасы",
                    "Педагогика высшей школы",
                    "Higher Education Pedagogy",
                ),
            ),
            Course(
                "PED7102",
                "HUM-PED",
                5,
                ("7M01101",),
                Text(
                    "Білім берудегі менеджмент",
                    "Менеджмент в образовании",
                    "Management in Education",
                ),
            ),
            Course(
                "PED8101",
                "HUM-PED",
                5,
                ("8D01101",),
                Text(
                    "Білім берудегі зерттеулер әдіснамасы",
                    "Методология исследований в образовании",
                    "Research Methodology in Education",
                ),
            ),
            # University-wide general education courses.
            Course(
                "GEN1101",
                "HUM-HIST",
                5,
                ("bachelor",),
                Text(
                    "Қазақстанның қазіргі заманғы тарихы",
                    "Современная история Казахстана",
                    "Modern History of Kazakhstan",
                ),
            ),
            Course(
                "GEN1102",
                "HUM-HIST",
                5,
                ("bachelor",),
                Text("Философия", "Философия", "Philosophy"),
            ),
            Course(
                "GEN1103",
                "HUM-KAZ",
                10,
                ("bachelor",),
                Text("Қазақ (орыс) тілі", "Казахский (русский) язык", "Kazakh (Russian) Language"),
            ),
            Course(
                "GEN1104",
                "HUM-LANG",
                10,
                ("bachelor",),
                Text("Шетел тілі", "Иностранный язык", "Foreign Language"),
            ),
            Course(
                "GEN1106",
                "HUM-HIST",
                8,
                ("bachelor",),
                Text(
                    "Әлеуметтік-саяси білім модулі "
                    "(әлеуметтану, саясаттану, мәдениеттану, психология)",
                    "Модуль социально-политических знаний "
                    "(социология, политология, культурология, психология)",
                    "Socio-Political Knowledge Module "
                    "(Sociology, Political Science, Cultural Studies, Psychology)",
                ),
            ),
            Course(
                "GEN7101",
                "HUM-HIST",
                4,
                ("master",),
                Text(
                    "Ғылым тарихы мен философиясы",
                    "История и философия науки",
                    "History and Philosophy of Science",
                ),
            ),
            Course(
                "GEN7102",
                "HUM-LANG",
                4,
                ("master",),
                Text(
                    "Шетел тілі (кәсіби)",
                    "Иностранный язык (профессиональный)",
                    "Foreign Language for Professional Purposes",
                ),
            ),
            Course(
                "GEN8101",
                "HUM-PED",
                5,
                ("doctoral",),
                Text("Ғылыми зерттеу әдістері", "Методы научных исследований", "Research Methods"),
            ),
            Course(
                "GEN8102",
                "HUM-LANG",
                5,
                ("doctoral",),
                Text("Академиялық жазу", "Академическое письмо", "Academic Writing"),
            ),
        ),
    ),
    School(
        "MED",
        "med",
        Text(
            "Медицина және қоғамдық денсаулық сақтау мектебі",
            "Школа медицины и общественного здравоохранения",
            "School of Medicine and Public Health",
        ),
        (
            Department(
                "MED-BIO",
                Text(
                    "Медициналық-биологиялық пәндер кафедрасы",
                    "Кафедра медико-биологических дисциплин",
                    "Department of Biomedical Sciences",
                ),
                2,
            ),
            Department(
                "MED-PH",
                Text(
                    "Қоғамдық денсаулық сақтау кафедрасы",
                    "Кафедра общественного здравоохранения",
                    "Department of Public Health",
                ),
                3,
            ),
            Department(
                "MED-NUR",
                Text(
                    "Мейіргер ісі кафедрасы", "Кафедра сестринского дела", "Department of Nursing"
                ),
                3,
            ),
            Department(
                "MED-CLIN",
                Text(
                    "Клиникалық пәндер кафедрасы",
                    "Кафедра клинических дисциплин",
                    "Department of Clinical Disciplines",
                ),
                2,
            ),
        ),
        (
            Programme(
                "6B10101",
                "bachelor",
                Text("Қоғамдық денсаулық сақтау", "Общественное здравоохранение", "Public Health"),
                KK_RU,
                30,
                BACHELOR,
            ),
            Programme(
                "6B10102",
                "bachelor",
                Text("Мейіргер ісі", "Сестринское дело", "Nursing"),
                KK_RU,
                30,
                BACHELOR,
            ),
            Programme(
                "7M10101",
                "master",
                Text("Қоғамдық денсаулық сақтау", "Общественное здравоохранение", "Public Health"),
                KK_RU_EN,
                10,
                MASTER,
            ),
            Programme(
                "7R01101",
                "residency",
                Text(
                    "Кардиология (ересектер, балалар)",
                    "Кардиология (взрослая, детская)",
                    "Cardiology (Adult, Paediatric)",
                ),
                KK_RU,
                8,
                RESIDENCY,
            ),
            Programme(
                "8D10101",
                "doctoral",
                Text("Қоғамдық денсаулық сақтау", "Общественное здравоохранение", "Public Health"),
                KK_RU_EN,
                5,
                DOCTORAL,
            ),
        ),
        (
            Course(
                "MED1101",
                "MED-BIO",
                6,
                ("6B10101", "6B10102"),
                Text("Адам анатомиясы", "Анатомия человека", "Human Anatomy"),
            ),
            Course(
                "MED1102",
                "MED-BIO",
                5,
                ("6B10101", "6B10102"),
                Text("Қалыпты физиология", "Нормальная физиология", "Human Physiology"),
            ),
            Course(
                "MED1103",
                "MED-BIO",
                5,
                ("6B10102",),
                Text("Биохимия", "Биохимия", "Biochemistry"),
            ),
            Course(
                "MED2101",
                "MED-PH",
                5,
                ("6B10101", "7M10101"),
                Text("Эпидемиология", "Эпидемиология", "Epidemiology"),
            ),
            Course(
                "MED2102",
                "MED-PH",
                5,
                ("6B10101", "7M10101", "8D10101"),
                Text("Биостатистика", "Биостатистика", "Biostatistics"),
            ),
            Course(
                "MED2103",
                "MED-PH",
                5,
                ("6B10101",),
                Text(
                    "Денсаулық сақтау менеджменті",
                    "Менеджмент здравоохранения",
                    "Healthcare Management",
                ),
            ),
            Course(
                "MED2104",
                "MED-PH",
                5,
                ("6B10101", "7M10101"),
                Text(
                    "Денсаулық сақтау экономикасы", "Экономика здравоохранения", "Health Economics"
                ),
            ),
            Course(
                "NUR2101",
                "MED-NUR",
                6,
                ("6B10102",),
                Text(
                    "Мейіргер ісінің негіздері",
                    "Основы сестринского дела",
                    "Fundamentals of Nursing",
                ),
            ),
            Course(
                "NUR2102",
                "MED-NUR",
                5,
                ("6B10102",),
                Text(
                    "Терапиядағы мейіргер ісі",
                    "Сестринское дело в терапии",
                    "Nursing in Internal Medicine",
                ),
            ),
            Course(
                "NUR2103",
                "MED-NUR",
                5,
                ("6B10102",),
                Text(
                    "Педиатриядағы мейіргер ісі",
                    "Сестринское дело в педиатрии",
                    "Paediatric Nursing",
                ),
            ),
            Course(
                "NUR3101",
                "MED-NUR",
                4,
                ("6B10102",),
                Text("Паллиативтік көмек", "Паллиативная помощь", "Palliative Care"),
            ),
            Course(
                "CLN7101",
                "MED-CLIN",
                10,
                ("7R01101",),
                Text("Клиникалық кардиология", "Клиническая кардиология", "Clinical Cardiology"),
            ),
            Course(
                "CLN7102",
                "MED-CLIN",
                6,
                ("7R01101",),
                Text(
                    "Функционалдық диагностика",
                    "Функциональная диагностика",
                    "Functional Diagnostics",
                ),
            ),
            Course(
                "CLN7103",
                "MED-CLIN",
                8,
                ("7R01101",),
                Text("Балалар кардиологиясы", "Детская кардиология", "Paediatric Cardiology"),
            ),
            Course(
                "MED7101",
                "MED-PH",
                5,
                ("7M10101", "7R01101", "8D10101"),
                Text("Дәлелді медицина", "Доказательная медицина", "Evidence-Based Medicine"),
            ),
            Course(
                "MED8101",
                "MED-PH",
                5,
                ("8D10101",),
                Text("Денсаулық сақтау саясаты", "Политика здравоохранения", "Health Policy"),
            ),
        ),
    ),
)

# People with a fixed name and login (the demo accounts shown at the end of a run).
QA_MANAGER = Person(
    "qa",
    Text("Жұмағалиева Дина", "Жумагалиева Дина", "Dina Zhumagaliyeva"),
    Text("Сапа менеджері", "Менеджер по качеству", "Quality Assurance Manager"),
)
RECTOR = Person(
    "rector",
    Text("Әлжанов Бақыт", "Альжанов Бакыт", "Bakyt Alzhanov"),
    Text("Ректор", "Ректор", "Rector"),
)
VICE_RECTOR = Person(
    "vicerector",
    Text("Қуанышева Гүлжан", "Куанышева Гульжан", "Gulzhan Kuanysheva"),
    Text(
        "Академиялық мәселелер жөніндегі проректор",
        "Проректор по академическим вопросам",
        "Vice-Rector for Academic Affairs",
    ),
    "ru",
)
EXTERNAL_EXPERT = Person(
    "expert",
    Text("Мюллер Анна", "Мюллер Анна", "Anna Müller"),
    None,  # external: no staff profile
    "en",
)

# People the governance part of the demo needs (see ``governance.demo_governance``).
COUNCIL_SECRETARY = Person(
    "secretary.council",
    Text("Әбілқасымова Сәуле", "Абилкасымова Сауле", "Saule Abilkassymova"),
    Text(
        "Академиялық және ғылыми кеңестің ғалым хатшысы",
        "Учёный секретарь Академического и научного совета",
        "Academic Secretary of the Academic and Research Council",
    ),
)
# A representative of a non-academic unit on the council (seed 000 §2.1: does not vote).
NON_ACADEMIC_REPRESENTATIVE = Person(
    "registrar",
    Text("Омаров Ерлан", "Омаров Ерлан", "Yerlan Omarov"),
    Text(
        "Тіркеу кеңсесінің басшысы",
        "Руководитель офиса регистратора",
        "Head of the Registrar's Office",
    ),
    "ru",
)
# Members of the Alumni Club council (seed 000 §4.1.12): graduates, no staff profile.
ALUMNI = (
    Person("alumni1", Text("Серікова Айгүл", "Серикова Айгуль", "Aigul Serikova")),
    Person("alumni2", Text("Жақыпов Дәулет", "Жакупов Даулет", "Daulet Zhakupov")),
    Person("alumni3", Text("Ким Виктория", "Ким Виктория", "Viktoriya Kim"), None, "ru"),
)

DEAN_POSITION = Text("Мектеп деканы", "Декан школы", "Dean of School")
SECRETARY_POSITION = Text(
    "Мектеп комитетінің хатшысы", "Секретарь комитета школы", "School Committee Secretary"
)

# school code -> (dean, secretary); logins are dean.<slug> and secretary.<slug>.
SCHOOL_OFFICERS = {
    "LAW": (
        Text("Ерғалиев Талғат", "Ергалиев Талгат", "Talgat Yergaliyev"),
        Text("Сапарова Алтынай", "Сапарова Алтынай", "Altynai Saparova"),
    ),
    "ECON": (
        Text("Мұсабекова Ләйлә", "Мусабекова Ляйля", "Laila Mussabekova"),
        Text("Нұртазина Мадина", "Нуртазина Мадина", "Madina Nurtazina"),
    ),
    "IT": (
        Text("Тұрарұлы Азамат", "Турарулы Азамат", "Azamat Turaruly"),
        Text("Бекова Жұлдыз", "Бекова Жулдыз", "Zhuldyz Bekova"),
    ),
    "HUM": (
        Text("Қонысбаев Ерболат", "Конысбаев Ерболат", "Yerbolat Konysbayev"),
        Text("Тоқанова Ақбота", "Токанова Акбота", "Akbota Tokanova"),
    ),
    "MED": (
        Text("Оразбаева Раушан", "Оразбаева Раушан", "Raushan Orazbayeva"),
        Text("Рысбекова Аяна", "Рысбекова Аяна", "Ayana Rysbekova"),
    ),
}

HEAD_OF_DEPARTMENT = Text("Кафедра меңгерушісі", "Заведующий кафедрой", "Head of Department")
# Positions of the other teachers, with their weights.
TEACHER_POSITIONS = (
    (Text("Профессор", "Профессор", "Professor"), 1),
    (Text("Қауымдастырылған профессор", "Ассоциированный профессор", "Associate Professor"), 2),
    (Text("Аға оқытушы", "Старший преподаватель", "Senior Lecturer"), 3),
    (Text("Оқытушы", "Преподаватель", "Lecturer"), 2),
)

# Given names: (Kazakh, Russian, English spelling).
MALE_NAMES = (
    Text("Ерлан", "Ерлан", "Yerlan"),
    Text("Нұрлан", "Нурлан", "Nurlan"),
    Text("Асхат", "Асхат", "Askhat"),
    Text("Дәурен", "Даурен", "Dauren"),
    Text("Бауыржан", "Бауыржан", "Baurzhan"),
    Text("Ержан", "Ержан", "Yerzhan"),
    Text("Қайрат", "Кайрат", "Kairat"),
    Text("Серік", "Серик", "Serik"),
    Text("Марат", "Марат", "Marat"),
    Text("Арман", "Арман", "Arman"),
    Text("Айдос", "Айдос", "Aidos"),
    Text("Олжас", "Олжас", "Olzhas"),
    Text("Дархан", "Дархан", "Darkhan"),
    Text("Ернар", "Ернар", "Yernar"),
    Text("Нұрсұлтан", "Нурсултан", "Nursultan"),
    Text("Әлихан", "Алихан", "Alikhan"),
    Text("Темірлан", "Темирлан", "Temirlan"),
    Text("Санжар", "Санжар", "Sanzhar"),
    Text("Бекзат", "Бекзат", "Bekzat"),
    Text("Жандос", "Жандос", "Zhandos"),
    Text("Мұхтар", "Мухтар", "Mukhtar"),
    Text("Ғалым", "Галым", "Galym"),
    Text("Асылбек", "Асылбек", "Assylbek"),
    Text("Мирас", "Мирас", "Miras"),
    Text("Ақжол", "Акжол", "Akzhol"),
    Text("Әділет", "Адилет", "Adilet"),
    Text("Алмас", "Алмас", "Almas"),
    Text("Руслан", "Руслан", "Ruslan"),
    Text("Тимур", "Тимур", "Timur"),
    Text("Еркебұлан", "Еркебулан", "Yerkebulan"),
)

FEMALE_NAMES = (
    Text("Айгерім", "Айгерим", "Aigerim"),
    Text("Әсел", "Асель", "Assel"),
    Text("Гүлнар", "Гульнар", "Gulnar"),
    Text("Дана", "Дана", "Dana"),
    Text("Жанар", "Жанар", "Zhanar"),
    Text("Мөлдір", "Молдир", "Moldir"),
    Text("Салтанат", "Салтанат", "Saltanat"),
    Text("Айжан", "Айжан", "Aizhan"),
    Text("Динара", "Динара", "Dinara"),
    Text("Ақмарал", "Акмарал", "Akmaral"),
    Text("Назерке", "Назерке", "Nazerke"),
    Text("Аружан", "Аружан", "Aruzhan"),
    Text("Томирис", "Томирис", "Tomiris"),
    Text("Жансая", "Жансая", "Zhansaya"),
    Text("Гүлмира", "Гульмира", "Gulmira"),
    Text("Сәуле", "Сауле", "Saule"),
    Text("Ботагөз", "Ботагоз", "Botagoz"),
    Text("Айнұр", "Айнур", "Ainur"),
    Text("Камила", "Камила", "Kamila"),
    Text("Балжан", "Балжан", "Balzhan"),
    Text("Перизат", "Перизат", "Perizat"),
    Text("Арайлым", "Арайлым", "Arailym"),
    Text("Индира", "Индира", "Indira"),
    Text("Ләззат", "Ляззат", "Lyazzat"),
    Text("Меруерт", "Меруерт", "Meruert"),
    Text("Әлия", "Алия", "Aliya"),
    Text("Зарина", "Зарина", "Zarina"),
    Text("Әсем", "Асем", "Assem"),
    Text("Шынар", "Шынар", "Shynar"),
    Text("Ақерке", "Акерке", "Akerke"),
)

# Surnames in the male form; the female form adds "-а" / "-a" in all three spellings.
SURNAMES = (
    Text("Әбдірахманов", "Абдрахманов", "Abdrakhmanov"),
    Text("Ахметов", "Ахметов", "Akhmetov"),
    Text("Байжанов", "Байжанов", "Baizhanov"),
    Text("Бекмұхамбетов", "Бекмухамбетов", "Bekmukhambetov"),
    Text("Жақсылықов", "Жаксылыков", "Zhaksylykov"),
    Text("Ермеков", "Ермеков", "Yermekov"),
    Text("Жұмабаев", "Жумабаев", "Zhumabayev"),
    Text("Исабеков", "Исабеков", "Issabekov"),
    Text("Қасымов", "Касымов", "Kassymov"),
    Text("Қалиев", "Калиев", "Kaliyev"),
    Text("Мұқанов", "Муканов", "Mukanov"),
    Text("Нұрпейісов", "Нурпеисов", "Nurpeissov"),
    Text("Оспанов", "Оспанов", "Ospanov"),
    Text("Сәрсенбаев", "Сарсенбаев", "Sarsenbayev"),
    Text("Серікбаев", "Серикбаев", "Serikbayev"),
    Text("Смағұлов", "Смагулов", "Smagulov"),
    Text("Төлеуов", "Тулеуов", "Tuleuov"),
    Text("Тоқтаров", "Токтаров", "Toktarov"),
    Text("Өмірзақов", "Омирзаков", "Omirzakov"),
    Text("Бейсенов", "Бейсенов", "Beissenov"),
    Text("Әлімжанов", "Алимжанов", "Alimzhanov"),
    Text("Досмағамбетов", "Досмагамбетов", "Dosmagambetov"),
    Text("Есенов", "Есенов", "Yessenov"),
    Text("Құдайбергенов", "Кудайбергенов", "Kudaibergenov"),
    Text("Мамырбеков", "Мамырбеков", "Mamyrbekov"),
    Text("Нұрғалиев", "Нургалиев", "Nurgaliyev"),
    Text("Рахымжанов", "Рахимжанов", "Rakhimzhanov"),
    Text("Сейітов", "Сеитов", "Seitov"),
    Text("Тәжібаев", "Тажибаев", "Tazhibayev"),
    Text("Шәкенов", "Шакенов", "Shakenov"),
    Text("Ибраев", "Ибраев", "Ibrayev"),
    Text("Кенжебаев", "Кенжебаев", "Kenzhebayev"),
    Text("Сұлтанов", "Султанов", "Sultanov"),
    Text("Жанұзақов", "Жанузаков", "Zhanuzakov"),
    Text("Мырзахметов", "Мырзахметов", "Myrzakhmetov"),
    Text("Орынбаев", "Орынбаев", "Orynbayev"),
    Text("Ілиясов", "Ильясов", "Ilyassov"),
    Text("Ғабдуллин", "Габдуллин", "Gabdullin"),
    Text("Тұрсынов", "Турсынов", "Tursynov"),
    Text("Әбенов", "Абенов", "Abenov"),
)


def full_name(given, surname, female):
    """Kazakh and Russian: surname first (as in university lists); English: given name first."""
    ending = "а" if female else ""
    ending_en = "a" if female else ""
    return Text(
        f"{surname.kk}{ending} {given.kk}",
        f"{surname.ru}{ending} {given.ru}",
        f"{given.en} {surname.en}{ending_en}",
    )


def name_pool():
    """Every (female, given name, surname) combination, in a fixed order."""
    return [
        (female, given, surname)
        for female, names in ((False, MALE_NAMES), (True, FEMALE_NAMES))
        for given in names
        for surname in SURNAMES
    ]
