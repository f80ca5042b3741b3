"""factory-boy factories for the university structure."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from governance import models
from governance.roles import Role


class UserFactory(DjangoModelFactory):
    class Meta:
        model = models.User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@uni.example.kz")
    full_name_kk = factory.Sequence(lambda n: f"Адам {n}")
    full_name_ru = factory.Sequence(lambda n: f"Человек {n}")
    full_name_en = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.add_role(role)
        if create:
            self.save()


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = models.Institution
        django_get_or_create = ("singleton",)

    singleton = True
    name_kk = "Сынақ университеті"
    name_ru = "Тестовый университет"
    name_en = "Test University"


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = models.School
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"S{n}")
    name_kk = factory.Sequence(lambda n: f"{n}-мектеп")
    name_ru = factory.Sequence(lambda n: f"Школа {n}")
    name_en = factory.Sequence(lambda n: f"School {n}")


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = models.Department

    school = factory.SubFactory(SchoolFactory)
    code = factory.Sequence(lambda n: f"D{n}")
    name_kk = factory.Sequence(lambda n: f"{n}-кафедра")
    name_en = factory.Sequence(lambda n: f"Department {n}")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = models.EducationalProgramme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"6B{n:05d}")
    name_kk = factory.Sequence(lambda n: f"Бағдарлама {n}")
    name_en = factory.Sequence(lambda n: f"Programme {n}")
    level = "bachelor"
    nqf_level = 6
    credits = 240
    school = factory.SubFactory(SchoolFactory)
    languages = factory.LazyFunction(lambda: ["kk", "ru"])


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = models.Course
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"CRS{n:04d}")
    title_kk = factory.Sequence(lambda n: f"Пән {n}")
    title_en = factory.Sequence(lambda n: f"Course {n}")
    credits = 5

    @factory.post_generation
    def programmes(self, create, extracted, **kwargs):
        if create and extracted:
            self.programmes.add(*extracted)

    @factory.post_generation
    def teachers(self, create, extracted, **kwargs):
        if create and extracted:
            self.teachers.add(*extracted)


class AcademicYearFactory(DjangoModelFactory):
    class Meta:
        model = models.AcademicYear
        django_get_or_create = ("name",)

    name = "2026-2027"
    start_date = datetime.date(2026, 9, 1)
    end_date = datetime.date(2027, 8, 31)


class TermFactory(DjangoModelFactory):
    class Meta:
        model = models.Term
        django_get_or_create = ("academic_year", "kind")

    academic_year = factory.SubFactory(AcademicYearFactory)
    kind = "autumn"
    start_date = datetime.date(2026, 9, 1)
    last_teaching_day = datetime.date(2026, 12, 19)
    end_date = datetime.date(2027, 1, 17)


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = models.Enrolment

    student = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CourseFactory)
    term = factory.SubFactory(TermFactory)


class StudentProfileFactory(DjangoModelFactory):
    class Meta:
        model = models.StudentProfile

    user = factory.SubFactory(UserFactory)
    student_number = factory.Sequence(lambda n: f"S{n:07d}")
    programme = factory.SubFactory(ProgrammeFactory)
    year_of_study = 2


class StaffProfileFactory(DjangoModelFactory):
    class Meta:
        model = models.StaffProfile

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)


def student(**kwargs):
    """A student with a profile (and so the student role)."""
    return StudentProfileFactory(**kwargs).user


def teacher(school, **kwargs):
    user = UserFactory(roles=[Role.TEACHER], **kwargs)
    StaffProfileFactory(user=user, school=school)
    return user


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = models.Body

    kind = "school_committee"
    name_kk = factory.Sequence(lambda n: f"{n}-комитет")
    name_en = factory.Sequence(lambda n: f"Committee {n}")
    school = factory.SubFactory(SchoolFactory)
    majority_rule = "simple_present"
    abstention_rule = "counted"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = models.Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(UserFactory)
    role = "member"
    voting = True
    constituency = "teacher"
    term_start = datetime.date(2026, 9, 1)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = models.Meeting

    body = factory.SubFactory(BodyFactory)
    number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=5))
    place = "A-301"


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = models.AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Мәселе {n}")
    proposed_by = factory.SubFactory(UserFactory)
    status = "on_agenda"


class MotionFactory(DjangoModelFactory):
    class Meta:
        model = models.Motion

    item = factory.SubFactory(AgendaItemFactory)
    text = "Бағдарламаны бекіту"


def body_with_members(n_voting, body=None, present=None, meeting=None, **body_kwargs):
    """A body with ``n_voting`` voting teacher members (the first one chairs) and a meeting
    where ``present`` of them (default: all) have checked in."""
    body = body or BodyFactory(**body_kwargs)
    members = []
    for i in range(n_voting):
        m = MembershipFactory(body=body, role="chair" if i == 0 else "member")
        members.append(m.person)
    meeting = meeting or MeetingFactory(body=body, starts_at=timezone.now())
    for person in members[: n_voting if present is None else present]:
        models.Attendance.objects.create(meeting=meeting, person=person)
    return body, meeting, members
