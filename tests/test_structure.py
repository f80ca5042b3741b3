"""University structure: validation rules, object rights of deans, names in three languages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from governance.models import Institution, Term, User
from governance.permissions import schools_visible_to
from governance.roles import Role

from . import factories as f


def test_names_follow_the_active_language_with_fallback(db):
    school = f.SchoolFactory(name_kk="Құқық мектебі", name_ru="", name_en="School of Law")
    with translation.override("en"):
        assert school.name == "School of Law"
    with translation.override("ru"):
        assert school.name == "Құқық мектебі"  # no Russian name: Kazakh first
    with translation.override("kk"):
        assert str(school) == "Құқық мектебі"


def test_programme_level_and_nqf_level_must_agree(db):
    programme = f.ProgrammeFactory.build(
        code="7M04101", level="master", nqf_level=6, school=f.SchoolFactory()
    )
    with pytest.raises(ValidationError) as err:
        programme.full_clean()
    assert "nqf_level" in err.value.message_dict


@pytest.mark.parametrize("code", ["6B0420", "XB04201", "6b04201", "6B04201X"])
def test_programme_code_follows_the_national_classifier(db, code):
    programme = f.ProgrammeFactory.build(code=code, school=f.SchoolFactory())
    with pytest.raises(ValidationError) as err:
        programme.full_clean()
    assert "code" in err.value.message_dict


def test_programme_needs_a_known_language(db):
    programme = f.ProgrammeFactory.build(languages=["kk", "de"], school=f.SchoolFactory())
    with pytest.raises(ValidationError) as err:
        programme.full_clean()
    assert "languages" in err.value.message_dict
    programme.languages = []
    with pytest.raises(ValidationError):
        programme.full_clean()


def test_term_dates_must_follow_each_other(db):
    year = f.AcademicYearFactory()
    term = Term(
        academic_year=year,
        kind="spring",
        start_date=datetime.date(2027, 1, 20),
        last_teaching_day=datetime.date(2027, 1, 10),
        end_date=datetime.date(2027, 6, 1),
    )
    with pytest.raises(ValidationError):
        term.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        term.save()


def test_current_term_is_the_one_running_today(db):
    autumn = f.TermFactory()
    assert Term.current(datetime.date(2026, 11, 22)) == autumn
    assert Term.current(datetime.date(2026, 8, 1)) is None


def test_there_is_one_institution(db):
    Institution.objects.create(name_kk="Бірінші")
    with pytest.raises(IntegrityError), transaction.atomic():
        Institution.objects.create(name_kk="Екінші")


def test_one_enrolment_per_student_course_and_term(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.EnrolmentFactory(student=world.users["student"], course=world.course_a, term=world.term)


def test_a_new_dean_takes_over_the_school_rights(world):
    old = world.users["dean"]
    new = f.UserFactory()
    assert old.has_perm("governance.view_school", world.school_a)
    world.school_a.dean = new
    world.school_a.save()
    old = type(old).objects.get(pk=old.pk)  # fresh permission cache
    assert not old.has_perm("governance.view_school", world.school_a)
    assert new.has_perm("governance.view_school", world.school_a)
    assert new.has_role(Role.DEAN)
    assert not old.has_role(Role.DEAN)
    assert list(schools_visible_to(new)) == [world.school_a]


def test_leadership_sees_every_school_and_a_dean_only_theirs(world):
    assert set(schools_visible_to(world.users["rector"])) == {world.school_a, world.school_b}
    assert set(schools_visible_to(world.users["dean"])) == {world.school_a}
    assert not schools_visible_to(world.users["teacher"]).exists()


def test_doctoral_students_get_the_doctoral_role(db):
    programme = f.ProgrammeFactory(code="8D06101", level="doctoral", nqf_level=8)
    user = f.student(programme=programme)
    assert user.has_role(Role.DOCTORAL_STUDENT)
    assert not user.has_role(Role.STUDENT)
    profile = user.student_profile
    profile.programme = f.ProgrammeFactory()
    profile.save()
    assert user.has_role(Role.STUDENT)
    assert not user.has_role(Role.DOCTORAL_STUDENT)


def test_emails_are_unique_whatever_their_case(db):
    f.UserFactory(email="Aliya@Uni.example.kz")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("aliya@uni.example.kz", "x")


def test_kazakh_dates_read_day_month_year(db):
    from django.utils.formats import date_format

    with translation.override("kk"):
        assert date_format(datetime.date(2026, 11, 22), "SHORT_DATE_FORMAT") == "22.11.2026"
        assert date_format(datetime.datetime(2026, 11, 22, 14, 5), "TIME_FORMAT") == "14:05"


def test_structure_changes_are_audited(world):
    from auditlog.models import LogEntry

    world.school_b.name_en = "School of Economics and Business"
    world.school_b.save()
    entry = LogEntry.objects.get_for_object(world.school_b).first()
    assert entry.changes_dict["name_en"][1] == "School of Economics and Business"
