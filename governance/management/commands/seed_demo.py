"""``manage.py seed_demo``: fill the database with a demo university.

The data (schools, programmes, courses, names) is in ``governance.demo_data``.  A run is
deterministic (fixed random seeds) and idempotent: rows are found again by their natural keys
(e-mail, code, student number) and only what is missing or different is written, so a second run
creates nothing.  Nothing is ever deleted.

The few structure rows go through ``full_clean()`` and ``save()`` (so model rules, the audit log
and the dean's object rights apply); the hundreds of people, their profiles and roles and the
enrolments are bulk-inserted, with one password hash shared by every demo account.
"""

import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count

from governance import demo_data as data
from governance.demo_cases import CasesSeeder
from governance.demo_elections import seed_elections
from governance.demo_governance import GovernanceSeeder
from governance.demo_signals import demo_seeded
from governance.models import (
    AcademicYear,
    BallotReceipt,
    Body,
    Course,
    Decision,
    Department,
    EducationalProgramme,
    Enrolment,
    ImprovementAction,
    Institution,
    Meeting,
    Membership,
    Motion,
    School,
    StaffProfile,
    StudentProfile,
    Term,
    User,
)
from governance.models.structure import NQF_LEVELS, ProgrammeLevel
from governance.roles import STAFF_SITE_ROLES, Role, sync_role_groups

LEVELS = [level.value for level in ProgrammeLevel]


@dataclass
class Account:
    """A demo account as it should be: user fields, roles and at most one profile."""

    email: str
    name: data.Text
    language: str = "kk"
    roles: set = field(default_factory=set)
    staff: dict | None = None  # school_id, department_id, position (Text)
    student: dict | None = None  # student_number, programme, year_of_study


class Seeder:
    def __init__(self, password):
        self.password = password
        self.created = Counter()
        self.updated = Counter()
        self.domain = "@" + data.DEMO_DOMAIN

    def rng(self, purpose):
        """A random generator of its own per purpose, so each part stays stable on its own."""
        return random.Random(f"{data.RANDOM_SEED}:{purpose}")

    def email(self, login):
        return f"{login}{self.domain}"

    # -- structure -----------------------------------------------------------------------------

    def upsert(self, model, lookup, values):
        """Create the row, or save the fields that differ; ``full_clean()`` either way."""
        label = model._meta.model_name
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self.created[label] += 1
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.full_clean()
            obj.save(update_fields=changed)
            self.updated[label] += 1
        return obj

    @staticmethod
    def texts(prefix, text):
        return {f"{prefix}_kk": text.kk, f"{prefix}_ru": text.ru, f"{prefix}_en": text.en}

    def seed_structure(self):
        self.institution = self.upsert(Institution, {"singleton": True}, dict(data.INSTITUTION))
        for year in (*data.PAST_ACADEMIC_YEARS, data.ACADEMIC_YEAR):
            values = {k: v for k, v in year.items() if k != "name"}
            self.year = self.upsert(AcademicYear, {"name": year["name"]}, values)
        self.terms = []
        for term in data.TERMS:
            values = {k: v for k, v in term.items() if k != "kind"}
            self.terms.append(
                self.upsert(Term, {"academic_year": self.year, "kind": term["kind"]}, values)
            )

        self.schools, self.departments, self.programmes, self.courses = {}, {}, {}, {}
        for school in data.SCHOOLS:
            obj = self.upsert(School, {"code": school.code}, self.texts("name", school.name))
            self.schools[school.code] = obj
            for dept in school.departments:
                values = {"school_id": obj.pk, **self.texts("name", dept.name)}
                self.departments[dept.code] = self.upsert(Department, {"code": dept.code}, values)
            for prog in school.programmes:
                values = {
                    "level": prog.level,
                    "nqf_level": NQF_LEVELS[prog.level],
                    "credits": prog.credits,
                    "school_id": obj.pk,
                    "languages": list(prog.languages),
                    **self.texts("name", prog.name),
                }
                self.programmes[prog.code] = self.upsert(
                    EducationalProgramme, {"code": prog.code}, values
                )
        for school in data.SCHOOLS:
            for course in school.courses:
                values = {
                    "credits": course.credits,
                    "department_id": self.departments[course.department].pk,
                    **self.texts("title", course.title),
                }
                self.courses[course.code] = self.upsert(Course, {"code": course.code}, values)

    # -- people (planned in memory, deterministically) -----------------------------------------

    def plan_people(self):
        names = self.rng("names")
        positions = self.rng("positions")
        languages = self.rng("languages")
        accounts = []

        def officer(person, roles, school=None):
            staff = None
            if person.position is not None:
                staff = {"school_id": school, "department_id": None, "position": person.position}
            account = Account(self.email(person.login), person.name, person.language, roles, staff)
            accounts.append(account)
            return account

        self.logins = []  # (role label, e-mail) for the table at the end
        for label, person, role in (
            ("QA manager", data.QA_MANAGER, Role.QA_MANAGER),
            ("Rector", data.RECTOR, Role.RECTOR),
            ("Vice-rector (academic affairs)", data.VICE_RECTOR, Role.VICE_RECTOR),
        ):
            officer(person, {role})
            self.logins.append((label, self.email(person.login)))

        self.deans = {}
        for school in data.SCHOOLS:
            dean_name, secretary_name = data.SCHOOL_OFFICERS[school.code]
            school_id = self.schools[school.code].pk
            dean = officer(
                data.Person(f"dean.{school.slug}", dean_name, data.DEAN_POSITION),
                {Role.DEAN},
                school_id,
            )
            self.deans[school.code] = dean.email
            officer(
                data.Person(f"secretary.{school.slug}", secretary_name, data.SECRETARY_POSITION),
                {Role.SECRETARY},
                school_id,
            )
            self.logins.append((f"Dean, {school.name.en}", dean.email))
            self.logins.append(
                (f"Secretary, {school.name.en}", self.email(f"secretary.{school.slug}"))
            )
        officer(data.EXTERNAL_EXPERT, {Role.EXTERNAL_EXPERT})
        self.logins.append(("External expert", self.email(data.EXTERNAL_EXPERT.login)))
        # For the governance part: the council's secretary, a non-academic representative on
        # the council and the Alumni Club council's members.
        officer(data.COUNCIL_SECRETARY, {Role.SECRETARY})
        officer(data.NON_ACADEMIC_REPRESENTATIVE, set())
        for person in data.ALUMNI:
            officer(person, set())

        n_teachers = sum(d.teachers for s in data.SCHOOLS for d in s.departments)
        n_students = sum(p.students for s in data.SCHOOLS for p in s.programmes)
        pool = names.sample(data.name_pool(), n_teachers + n_students)
        people = iter(pool)

        position_texts = [text for text, _weight in data.TEACHER_POSITIONS]
        position_weights = [weight for _text, weight in data.TEACHER_POSITIONS]
        self.department_teachers = defaultdict(list)
        number = 0
        for school in data.SCHOOLS:
            for dept in school.departments:
                for i in range(dept.teachers):
                    number += 1
                    female, given, surname = next(people)
                    choice = positions.choices(position_texts, position_weights)[0]
                    language = "ru" if languages.random() < 0.25 else "kk"
                    account = Account(
                        self.email(f"teacher{number}"),
                        data.full_name(given, surname, female),
                        language,
                        {Role.TEACHER},
                        staff={
                            "school_id": self.schools[school.code].pk,
                            "department_id": self.departments[dept.code].pk,
                            "position": data.HEAD_OF_DEPARTMENT if i == 0 else choice,
                        },
                    )
                    accounts.append(account)
                    self.department_teachers[dept.code].append(account.email)
        self.logins.append(("Teacher", self.email("teacher1")))

        numbers = Counter()
        serial = 0
        for school in data.SCHOOLS:
            for prog in school.programmes:
                programme = self.programmes[prog.code]
                for i in range(prog.students):
                    serial += 1
                    numbers[prog.level] += 1
                    female, given, surname = next(people)
                    year_of_study = 1 + i % data.DURATION[prog.level]
                    admitted = self.year.start_date.year - (year_of_study - 1)
                    profile = StudentProfile(programme=programme)
                    draw = languages.random()
                    language = "en" if draw < 0.05 else "ru" if draw < 0.35 else "kk"
                    if language not in prog.languages:
                        language = prog.languages[0]
                    login = f"{data.STUDENT_LOGIN_PREFIX[prog.level]}{numbers[prog.level]}"
                    accounts.append(
                        Account(
                            self.email(login),
                            data.full_name(given, surname, female),
                            language,
                            {profile.role},  # doctoral_student for a doctoral programme
                            student={
                                "student_number": f"{admitted}{serial:04d}",
                                "programme": programme,
                                "year_of_study": year_of_study,
                            },
                        )
                    )
        for level, label in (
            ("bachelor", "Bachelor student"),
            ("master", "Master student"),
            ("doctoral", "Doctoral student"),
            ("residency", "Resident (medical residency)"),
        ):
            if numbers[level]:
                self.logins.append((label, self.email(f"{data.STUDENT_LOGIN_PREFIX[level]}1")))
        self.accounts = accounts

    # -- people (written in bulk) --------------------------------------------------------------

    def demo_users(self):
        return User.objects.filter(email__endswith=self.domain)

    def seed_users(self):
        hashed = make_password(self.password)
        existing = {user.email: user for user in self.demo_users()}
        to_create, to_update, fields = [], {}, set()
        for account in self.accounts:
            values = {
                "full_name_kk": account.name.kk,
                "full_name_ru": account.name.ru,
                "full_name_en": account.name.en,
                "preferred_language": account.language,
                "is_staff": any(role in STAFF_SITE_ROLES for role in account.roles),
                "is_active": True,
            }
            user = existing.get(account.email)
            if user is None:
                to_create.append(User(email=account.email, password=hashed, **values))
                continue
            changed = {name for name, value in values.items() if getattr(user, name) != value}
            for name in changed:
                setattr(user, name, values[name])
            if changed:
                to_update[user.pk] = user
                fields |= changed

        # Check the password once per distinct stored hash, not once per account.
        wanted = {account.email for account in self.accounts}
        by_hash = defaultdict(list)
        for user in existing.values():
            if user.email in wanted:
                by_hash[user.password].append(user)
        for stored, users in by_hash.items():
            if not check_password(self.password, stored):
                for user in users:
                    user.password = hashed
                    to_update[user.pk] = user
                fields.add("password")

        User.objects.bulk_create(to_create, batch_size=500)
        if to_update:
            User.objects.bulk_update(list(to_update.values()), sorted(fields), batch_size=500)
        self.created["user"] += len(to_create)
        self.updated["user"] += len(to_update)
        self.user_ids = dict(self.demo_users().values_list("email", "pk"))

    def seed_profiles(self):
        mine = {"user__email__endswith": self.domain}
        staff = {p.user_id: p for p in StaffProfile.objects.filter(**mine)}
        students = {p.user_id: p for p in StudentProfile.objects.filter(**mine)}
        new_staff, new_students = [], []
        changed_staff, changed_students = [], []
        staff_fields, student_fields = set(), set()
        for account in self.accounts:
            user_id = self.user_ids[account.email]
            if account.staff:
                values = {
                    "school_id": account.staff["school_id"],
                    "department_id": account.staff["department_id"],
                    **self.texts("position", account.staff["position"]),
                }
                self._plan_row(
                    StaffProfile, staff, user_id, values, new_staff, changed_staff, staff_fields
                )
            if account.student:
                values = {
                    "student_number": account.student["student_number"],
                    "programme_id": account.student["programme"].pk,
                    "year_of_study": account.student["year_of_study"],
                }
                self._plan_row(
                    StudentProfile,
                    students,
                    user_id,
                    values,
                    new_students,
                    changed_students,
                    student_fields,
                )
        # Bulk inserts skip StudentProfile.save(), which adds the role: seed_roles() does that.
        for model, new, changed, fields in (
            (StaffProfile, new_staff, changed_staff, staff_fields),
            (StudentProfile, new_students, changed_students, student_fields),
        ):
            model.objects.bulk_create(new, batch_size=500)
            if changed:
                model.objects.bulk_update(changed, sorted(fields), batch_size=500)
            self.created[model._meta.model_name] += len(new)
            self.updated[model._meta.model_name] += len(changed)

    @staticmethod
    def _plan_row(model, existing, user_id, values, new, changed, fields):
        row = existing.get(user_id)
        if row is None:
            new.append(model(user_id=user_id, **values))
            return
        diff = {name for name, value in values.items() if getattr(row, name) != value}
        if diff:
            for name in diff:
                setattr(row, name, values[name])
            changed.append(row)
            fields |= diff

    def seed_roles(self):
        groups = dict(
            Group.objects.filter(name__in=[r.value for r in Role]).values_list("name", "pk")
        )
        through = User.groups.through
        existing = set(
            through.objects.filter(user__email__endswith=self.domain).values_list(
                "user_id", "group_id"
            )
        )
        wanted = {
            (self.user_ids[account.email], groups[Role(role).value])
            for account in self.accounts
            for role in account.roles
        }
        missing = sorted(wanted - existing)
        through.objects.bulk_create(
            [through(user_id=u, group_id=g) for u, g in missing], batch_size=500
        )
        self.created["role membership"] += len(missing)

    def seed_deans(self):
        """Set School.dean with save(), so the dean's object rights on the school follow."""
        for code, email in self.deans.items():
            school = self.schools[code]
            dean_id = self.user_ids[email]
            if school.dean_id != dean_id:
                school.dean_id = dean_id
                school.save(update_fields=["dean"])
                self.updated["school dean"] += 1

    def seed_teaching(self):
        """Programmes and 1 or 2 teachers per course, through-table rows bulk-inserted."""
        rng = self.rng("teaching")
        by_level = defaultdict(list)
        for prog in (p for s in data.SCHOOLS for p in s.programmes):
            by_level[prog.level].append(prog.code)
        course_programmes, course_teachers = set(), set()
        self.programme_courses = defaultdict(list)
        position_in_department = Counter()
        for course in (c for s in data.SCHOOLS for c in s.courses):
            course_id = self.courses[course.code].pk
            codes = []
            for item in course.programmes:
                codes.extend(by_level[item] if item in LEVELS else [item])
            for code in dict.fromkeys(codes):
                course_programmes.add((course_id, self.programmes[code].pk))
                self.programme_courses[code].append(course_id)
            teachers = self.department_teachers[course.department]
            lead = teachers[position_in_department[course.department] % len(teachers)]
            position_in_department[course.department] += 1
            chosen = [lead]
            if rng.random() < 0.35:
                second = rng.choice(teachers)
                if second != lead:
                    chosen.append(second)
            for email in chosen:
                course_teachers.add((course_id, self.user_ids[email]))

        for m2m, wanted, column, label in (
            (Course.programmes, course_programmes, "educationalprogramme_id", "course programmes"),
            (Course.teachers, course_teachers, "user_id", "course teachers"),
        ):
            through = m2m.through
            existing = set(
                through.objects.filter(course__code__in=list(self.courses)).values_list(
                    "course_id", column
                )
            )
            missing = sorted(wanted - existing)
            through.objects.bulk_create(
                [through(course_id=c, **{column: other}) for c, other in missing], batch_size=500
            )
            self.created[label] += len(missing)

    def seed_enrolments(self):
        """Each student takes part of their programme's courses in autumn, the rest in spring."""
        rng = self.rng("enrolments")
        autumn, spring = self.terms
        wanted = set()
        for account in self.accounts:
            if not account.student:
                continue
            programme = account.student["programme"]
            courses = list(self.programme_courses[programme.code])
            rng.shuffle(courses)
            limit = 6 if programme.level == ProgrammeLevel.BACHELOR else 4
            half = (len(courses) + 1) // 2
            student_id = self.user_ids[account.email]
            for course_id in courses[:half][:limit]:
                wanted.add((student_id, course_id, autumn.pk))
            for course_id in courses[half:][:limit]:
                wanted.add((student_id, course_id, spring.pk))
        existing = set(
            Enrolment.objects.filter(
                term__in=self.terms, student__email__endswith=self.domain
            ).values_list("student_id", "course_id", "term_id")
        )
        missing = sorted(wanted - existing)
        Enrolment.objects.bulk_create(
            [Enrolment(student_id=s, course_id=c, term_id=t) for s, c, t in missing],
            batch_size=500,
        )
        self.created["enrolment"] += len(missing)

    def run(self):
        sync_role_groups()  # the role groups normally exist after migrate; make sure
        self.seed_structure()
        self.plan_people()
        self.seed_users()
        self.seed_profiles()
        self.seed_roles()
        self.seed_deans()
        self.seed_teaching()
        self.seed_enrolments()
        self.governance = GovernanceSeeder(self)
        self.governance.run()
        CasesSeeder(self.governance).run()
        seed_elections(self)


class Command(BaseCommand):
    help = (
        "Fill the database with a demo university (schools, programmes, courses, staff, "
        "students, enrolments) and demo logins. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=data.DEMO_PASSWORD,
            help=f"Password for every demo account (default: {data.DEMO_PASSWORD}).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DJANGO_ENV=production (the demo logins share one known password).",
        )

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False) and not options["allow_production"]:
            raise CommandError(
                "Refusing to seed demo accounts in production; pass --allow-production to insist."
            )
        password = options["password"]
        if not password:
            raise CommandError("The demo password must not be empty.")
        started = time.monotonic()
        seeder = Seeder(password)
        with transaction.atomic():
            seeder.run()
            replies = demo_seeded.send(sender=Seeder, seeder=seeder)
        self.report(seeder, password, time.monotonic() - started)
        for _receiver, lines in replies:
            for line in lines or ():
                self.stdout.write(line)

    def table(self, logins, password):
        write = self.stdout.write
        rows = [("Role", "E-mail", "Password"), *((r, e, password) for r, e in logins)]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        line = "+-" + "-+-".join("-" * w for w in widths) + "-+"
        write(line)
        for index, row in enumerate(rows):
            cells = (cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            write("| " + " | ".join(cells) + " |")
            if index == 0:
                write(line)
        write(line)

    def report(self, seeder, password, seconds):
        write = self.stdout.write
        write(self.style.MIGRATE_HEADING("Demo logins"))
        self.table(seeder.logins, password)
        write(self.style.MIGRATE_HEADING("Governance demo logins"))
        self.table(seeder.governance.logins, password)
        write(
            f"Every demo account ({len(seeder.accounts)}, all @{data.DEMO_DOMAIN}) uses this "
            "password: teacher1…, student1…, master1…, phd1…, resident1…"
        )

        write(self.style.MIGRATE_HEADING("What exists now"))
        levels = Counter(EducationalProgramme.objects.values_list("level", flat=True))
        roles = dict(
            Group.objects.filter(name__in=[r.value for r in Role])
            .annotate(n=Count("user"))
            .values_list("name", "n")
        )
        institution = Institution.current()
        counts = [
            (
                "Institution",
                f"{institution.name_kk} / {institution.name_ru} / {institution.name_en}",
            ),
            ("Schools", School.objects.count()),
            ("Departments", Department.objects.count()),
            (
                "Programmes",
                f"{sum(levels.values())} ("
                + ", ".join(f"{level} {levels[level]}" for level in LEVELS if levels[level])
                + ")",
            ),
            ("Courses", Course.objects.count()),
            ("Users", User.objects.count()),
            (
                "Roles",
                ", ".join(f"{role.value} {roles.get(role.value, 0)}" for role in Role),
            ),
            ("Staff profiles", StaffProfile.objects.count()),
            ("Student profiles", StudentProfile.objects.count()),
        ]
        for term in Term.objects.filter(academic_year=seeder.year).order_by("start_date"):
            label = f"Enrolments, {term.kind} {term.start_date.year}"
            counts.append((label, term.enrolments.count()))
        bodies = Counter(Body.objects.values_list("kind", flat=True))
        meetings = Counter(Meeting.objects.values_list("status", flat=True))
        motions = Counter(Motion.objects.values_list("status", flat=True))
        actions = Counter(ImprovementAction.objects.values_list("status", flat=True))

        def spread(counter):
            return ", ".join(f"{key} {n}" for key, n in sorted(counter.items()))

        counts += [
            ("Bodies", f"{sum(bodies.values())} ({spread(bodies)})"),
            ("Memberships", Membership.objects.count()),
            ("Meetings", f"{sum(meetings.values())} ({spread(meetings)})"),
            ("Motions", f"{sum(motions.values())} ({spread(motions)})"),
            ("Ballots cast", BallotReceipt.objects.count()),
            ("Decisions", Decision.objects.count()),
            ("Improvement actions", f"{sum(actions.values())} ({spread(actions)})"),
        ]
        width = max(len(label) for label, _value in counts)
        for label, value in counts:
            write(f"  {label.ljust(width)}  {value}")

        def summary(counter):
            return ", ".join(f"{n} {what}" for what, n in sorted(counter.items()) if n) or "nothing"

        write(self.style.MIGRATE_HEADING("This run"))
        write(f"  created: {summary(seeder.created)}")
        write(f"  updated: {summary(seeder.updated)}")
        write(self.style.SUCCESS(f"Done in {seconds:.1f} s."))
