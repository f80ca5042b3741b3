"""Spreadsheet import through the admin: all or nothing, and every bad row explained in words.

Each test uploads a workbook built in memory to ``admin:governance_<model>_import`` (the dry
run and preview) and, when the preview offers it, confirms at
``admin:governance_<model>_process_import``.  Row numbers in the messages are the spreadsheet's
own: the header is row 1, the first record row 2.
"""

import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation
from import_export.formats import base_formats

from governance import models, resources
from governance.roles import Role

from . import factories as f

pytestmark = pytest.mark.django_db

PROGRAMME_HEADER = [
    "code",
    "name_kk",
    "name_ru",
    "name_en",
    "level",
    "nqf_level",
    "credits",
    "school",
    "languages",
]
STUDENT_HEADER = [
    "student_number",
    "email",
    "full_name_kk",
    "full_name_ru",
    "full_name_en",
    "preferred_language",
    "programme",
    "year_of_study",
]


# --- helpers ------------------------------------------------------------------------------


def url(name, *args):
    """Admin URLs under /en/, so the messages compared below are the English originals."""
    with translation.override("en"):
        return reverse(f"admin:governance_{name}", args=args)


def xlsx(rows, name="sheet.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def csv_file(rows, name="sheet.csv", delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding), content_type="text/csv")


def format_index(model, format_class):
    model_admin = admin.site._registry[model]
    formats = model_admin.get_import_formats()
    return str(next(i for i, fmt in enumerate(formats) if issubclass(fmt, format_class)))


def upload(client, model, upload_file, format_class=base_formats.XLSX):
    """The first step: upload, dry run, preview (or the list of problems)."""
    return client.post(
        url(f"{model._meta.model_name}_import"),
        {
            "import_file": upload_file,
            "format": format_index(model, format_class),
            "resource": "0",
        },
    )


def confirm(client, model, preview):
    """The second step: post the hidden fields of the preview's confirm form."""
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(url(f"{model._meta.model_name}_process_import"), data)


def import_sheet(client, model, upload_file, format_class=base_formats.XLSX):
    preview = upload(client, model, upload_file, format_class)
    assert preview.status_code == 200
    assert preview.context["confirm_form"] is not None, problems(preview)
    response = confirm(client, model, preview)
    assert response.status_code == 302, problems(response)
    assert response["Location"] == url(f"{model._meta.model_name}_changelist")
    return response


def problems(response):
    result = response.context.get("result") if response.context else None
    return result.error_messages if result is not None else []


def page_text(response):
    return response.content.decode()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="admin@x.kz", password="pw-123456", full_name_kk="Әкімші"
    )
    client.force_login(user)
    return client


@pytest.fixture
def structure(db):
    law = f.SchoolFactory(code="LAW", name_kk="Құқық мектебі")
    econ = f.SchoolFactory(code="ECON", name_kk="Экономика мектебі")
    f.DepartmentFactory(code="CIVIL", school=law)
    programme = f.ProgrammeFactory(code="6B04201", school=law, name_kk="Құқықтану")
    phd = f.ProgrammeFactory(
        code="8D04201", school=law, name_kk="Құқықтану (PhD)", level="doctoral", nqf_level=8
    )
    term = f.TermFactory()
    return {"law": law, "econ": econ, "programme": programme, "phd": phd, "term": term}


def programme_rows(*rows):
    return [PROGRAMME_HEADER, *rows]


# --- valid sheets -------------------------------------------------------------------------


def test_valid_programmes_are_previewed_then_imported(admin_client, structure):
    sheet = programme_rows(
        ["6B04101", "Экономика", "Экономика", "Economics", "bachelor", 6, 240, "ECON", "kk,ru"],
        ["7M04101", "Экономика", "", "Economics", "master", "", 120, "ECON", "kk, ru, en"],
    )
    preview = upload(admin_client, models.EducationalProgramme, xlsx(sheet))
    assert preview.status_code == 200
    assert preview.context["confirm_form"] is not None
    assert "Confirm import" in page_text(preview) or 'name="confirm"' in page_text(preview)
    # The preview is a dry run: nothing is saved yet.
    assert not models.EducationalProgramme.objects.filter(code="6B04101").exists()

    response = confirm(admin_client, models.EducationalProgramme, preview)
    assert response.status_code == 302

    bachelor = models.EducationalProgramme.objects.get(code="6B04101")
    assert bachelor.school == structure["econ"]
    assert bachelor.languages == ["kk", "ru"]
    assert bachelor.credits == 240
    master = models.EducationalProgramme.objects.get(code="7M04101")
    assert master.nqf_level == 7  # an empty NQF level follows from the degree
    assert master.languages == ["kk", "ru", "en"]


def test_valid_courses_link_programmes_and_teachers(admin_client, structure):
    teacher = f.teacher(structure["law"], email="teacher@uni.example.kz")
    sheet = [
        [
            "code",
            "title_kk",
            "title_ru",
            "title_en",
            "credits",
            "department",
            "programmes",
            "teachers",
        ],
        [
            "LAW101",
            "Құқық негіздері",
            "",
            "Foundations of law",
            5,
            "CIVIL",
            "6B04201, 8D04201",
            "Teacher@uni.example.kz",
        ],
        ["LAW201", "Азаматтық құқық", "", "", 6, "", "6B04201", ""],
    ]
    import_sheet(admin_client, models.Course, xlsx(sheet))

    course = models.Course.objects.get(code="LAW101")
    assert course.department.code == "CIVIL"
    assert set(course.programmes.values_list("code", flat=True)) == {"6B04201", "8D04201"}
    assert list(course.teachers.all()) == [teacher]
    second = models.Course.objects.get(code="LAW201")
    assert second.department is None
    assert list(second.programmes.all()) == [structure["programme"]]


def test_valid_students_create_accounts_profiles_and_roles(admin_client, structure):
    existing = f.UserFactory(email="aigerim@uni.example.kz", full_name_kk="Ескі аты")
    sheet = [
        STUDENT_HEADER,
        [
            "S0000101",
            "aigerim@uni.example.kz",
            "Айгерім Сәрсенова",
            "Айгерим Сарсенова",
            "",
            "ru",
            "6B04201",
            1,
        ],
        ["S0000102", "Dias@Uni.Example.kz", "Диас Омаров", "", "Dias Omarov", "", "8D04201", 2],
    ]
    import_sheet(admin_client, models.StudentProfile, xlsx(sheet))

    aigerim = models.User.objects.get(email="aigerim@uni.example.kz")
    assert aigerim.pk == existing.pk  # the existing account is reused, not duplicated
    assert aigerim.full_name_kk == "Айгерім Сәрсенова"
    assert aigerim.preferred_language == "ru"
    assert aigerim.student_profile.student_number == "S0000101"
    assert aigerim.has_role(Role.STUDENT)

    dias = models.User.objects.get(email="dias@uni.example.kz")
    assert dias.preferred_language == "kk"
    assert not dias.has_usable_password()
    assert dias.student_profile.programme == structure["phd"]
    assert dias.student_profile.year_of_study == 2
    assert dias.has_role(Role.DOCTORAL_STUDENT)
    assert not dias.has_role(Role.STUDENT)


def test_staff_import_creates_profiles_and_gives_the_teacher_role(admin_client, structure):
    sheet = [
        [
            "email",
            "full_name_kk",
            "full_name_ru",
            "full_name_en",
            "preferred_language",
            "school",
            "department",
            "position_kk",
            "position_ru",
            "position_en",
        ],
        [
            "asel@uni.example.kz",
            "Әсел Нұрова",
            "",
            "Assel Nurova",
            "en",
            "",
            "CIVIL",
            "Доцент",
            "Доцент",
            "Associate professor",
        ],
        ["marat@uni.example.kz", "Марат Жанов", "", "", "", "ECON", "", "", "", ""],
    ]
    import_sheet(admin_client, models.StaffProfile, xlsx(sheet))

    asel = models.User.objects.get(email="asel@uni.example.kz")
    assert asel.staff_profile.department.code == "CIVIL"
    assert asel.staff_profile.school == structure["law"]  # follows from the department
    assert asel.staff_profile.position_en == "Associate professor"
    assert asel.preferred_language == "en"
    assert asel.has_role(Role.TEACHER)
    marat = models.User.objects.get(email="marat@uni.example.kz")
    assert marat.staff_profile.school == structure["econ"]
    assert marat.has_role(Role.TEACHER)


def test_enrolments_import_by_email_course_year_and_term(admin_client, structure):
    student = f.student(
        user=f.UserFactory(email="student@uni.example.kz"), programme=structure["programme"]
    )
    course = f.CourseFactory(code="LAW101", programmes=[structure["programme"]])
    sheet = [
        ["student", "course", "academic_year", "term"],
        ["student@uni.example.kz", "LAW101", "2026-2027", "autumn"],
    ]
    import_sheet(admin_client, models.Enrolment, xlsx(sheet))
    enrolment = models.Enrolment.objects.get()
    assert (enrolment.student, enrolment.course, enrolment.term) == (
        student,
        course,
        structure["term"],
    )

    # The same file again changes nothing.
    import_sheet(admin_client, models.Enrolment, xlsx(sheet))
    assert models.Enrolment.objects.count() == 1


def test_schools_and_departments_import_from_csv(admin_client, structure):
    dean = f.UserFactory(email="dean@uni.example.kz")
    schools = [
        ["code", "name_kk", "name_ru", "name_en", "dean"],
        ["MED", "Медицина мектебі", "Школа медицины", "School of Medicine", "dean@uni.example.kz"],
    ]
    import_sheet(admin_client, models.School, csv_file(schools), resources.SheetCSV)
    med = models.School.objects.get(code="MED")
    assert med.dean == dean
    assert dean.has_perm("governance.change_school", med)  # the dean's object rights follow

    # Excel in Russian locales writes "CSV" with semicolons in Windows-1251.
    departments = [
        ["code", "school", "name_kk", "name_ru", "name_en"],
        ["SURG", "MED", "Кафедра хирургии", "Кафедра хирургии", ""],
    ]
    import_sheet(
        admin_client,
        models.Department,
        csv_file(departments, delimiter=";", encoding="cp1251"),
        resources.SheetCSV,
    )
    surgery = models.Department.objects.get(code="SURG")
    assert surgery.school == med
    assert surgery.name_ru == "Кафедра хирургии"


def test_reimporting_the_same_file_updates_instead_of_duplicating(admin_client, structure):
    row = ["6B04101", "Экономика", "", "Economics", "bachelor", 6, 240, "ECON", "kk"]
    import_sheet(admin_client, models.EducationalProgramme, xlsx(programme_rows(row)))
    count = models.EducationalProgramme.objects.count()

    row[3] = "Economics and management"
    preview = upload(admin_client, models.EducationalProgramme, xlsx(programme_rows(row)))
    result = preview.context["result"]
    assert result.totals["new"] == 0
    assert result.totals["update"] == 1
    confirm(admin_client, models.EducationalProgramme, preview)

    assert models.EducationalProgramme.objects.count() == count
    assert models.EducationalProgramme.objects.get(code="6B04101").name_en == (
        "Economics and management"
    )

    student_sheet = [
        STUDENT_HEADER,
        ["S0000101", "aigerim@uni.example.kz", "Айгерім", "", "", "", "6B04201", 1],
    ]
    import_sheet(admin_client, models.StudentProfile, xlsx(student_sheet))
    student_sheet[1][7] = 2
    import_sheet(admin_client, models.StudentProfile, xlsx(student_sheet))
    assert models.StudentProfile.objects.filter(student_number="S0000101").count() == 1
    assert models.User.objects.filter(email="aigerim@uni.example.kz").count() == 1
    assert models.StudentProfile.objects.get(student_number="S0000101").year_of_study == 2


@pytest.mark.parametrize("format_class", [base_formats.XLSX, resources.SheetCSV])
def test_exported_sheet_imports_back_unchanged(admin_client, structure, format_class):
    f.CourseFactory(code="LAW101", programmes=[structure["programme"], structure["phd"]])
    export_url = url("course_export")
    form = admin_client.get(export_url).context["form"]
    data = {name: "on" for name in form.fields if name.startswith("courseresource_")}
    data.update(format=format_index(models.Course, format_class), resource="0")
    exported = admin_client.post(export_url, data)
    assert exported.status_code == 200
    assert exported["Content-Disposition"].startswith("attachment")
    extension = "xlsx" if format_class is base_formats.XLSX else "csv"

    upload_file = SimpleUploadedFile(f"courses.{extension}", exported.content)
    preview = upload(admin_client, models.Course, upload_file, format_class)
    assert problems(preview) == []
    assert preview.context["result"].totals["update"] == 1
    assert preview.context["result"].totals["new"] == 0


# --- bad sheets: nothing is imported, every bad row is explained --------------------------


def test_one_bad_row_among_good_ones_imports_nothing(admin_client, structure):
    users_before = models.User.objects.count()
    profiles_before = models.StudentProfile.objects.count()
    sheet = [
        STUDENT_HEADER,
        ["S0000101", "a@uni.example.kz", "Айгерім", "", "", "", "6B04201", 1],
        ["S0000102", "b@uni.example.kz", "Диас", "", "", "", "6B99999", 1],
        ["S0000103", "c@uni.example.kz", "Әлия", "", "", "", "6B04201", 2],
    ]
    preview = upload(admin_client, models.StudentProfile, xlsx(sheet))

    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is None
    assert 'name="confirm"' not in page_text(preview)
    assert problems(preview) == ["row 3: programme code 6B99999 not found"]
    assert "row 3: programme code 6B99999 not found" in page_text(preview)
    assert "Nothing has been imported" in page_text(preview)
    assert models.User.objects.count() == users_before
    assert models.StudentProfile.objects.count() == profiles_before


def test_every_bad_row_is_listed_with_its_spreadsheet_row_number(admin_client, structure):
    count = models.EducationalProgramme.objects.count()
    sheet = programme_rows(
        ["6B04101", "Экономика", "", "", "bachelor", 6, 240, "ECON", "kk"],  # row 2: good
        ["6B04102", "Қаржы", "", "", "bachelor", 6, 240, "XYZ", "kk"],  # row 3
        ["6B04103", "Есеп", "", "", "bachelor", 7, 240, "ECON", "kk"],  # row 4
        ["ABC", "Маркетинг", "", "", "bachelor", 6, 240, "ECON", "kk"],  # row 5
        ["6B04105", "", "", "", "diploma", 6, "many", "ECON", "kk,de"],  # row 6
    )
    preview = upload(admin_client, models.EducationalProgramme, xlsx(sheet))
    messages = problems(preview)
    text = page_text(preview)

    assert "row 3: school code XYZ not found" in messages
    assert "row 4: NQF level must be 6 for a Bachelor programme" in messages
    assert any(m.startswith("row 5: code: Enter a programme code") for m in messages)
    assert "row 6: column name_kk is empty" in messages
    assert "row 6: level: diploma is not one of bachelor, master, doctoral, residency" in messages
    assert "row 6: credits must be a whole number, not many" in messages
    assert "row 6: languages: unknown language code de (use kk, ru, en)" in messages
    assert not any(m.startswith("row 2:") for m in messages)
    for message in messages:
        assert message in text
    assert 'name="confirm"' not in text
    assert models.EducationalProgramme.objects.count() == count


def test_bad_people_rows_are_explained(admin_client, structure):
    f.student(user=f.UserFactory(email="taken@uni.example.kz"), student_number="S0000999")
    sheet = [
        STUDENT_HEADER,
        ["S0000101", "not-an-email", "Айгерім", "", "", "", "6B04201", 1],
        ["S0000102", "taken@uni.example.kz", "Диас", "", "", "", "6B04201", 9],
        ["S0000103", "c@uni.example.kz", "Әлия", "", "", "fr", "6B04201", 2],
        ["S0000101", "d@uni.example.kz", "Нұр", "", "", "", "6B04201", 2],
    ]
    messages = problems(upload(admin_client, models.StudentProfile, xlsx(sheet)))
    assert messages == [
        "row 2: e-mail not-an-email is not valid",
        "row 3: e-mail taken@uni.example.kz already belongs to student number S0000999",
        "row 3: year_of_study: Ensure this value is less than or equal to 6.",
        "row 4: preferred_language: fr is not one of kk, ru, en",
        "row 5: this row repeats row 2 (the same student_number)",
    ]
    assert not models.StudentProfile.objects.filter(student_number="S0000101").exists()


def test_bad_course_and_enrolment_references_are_explained(admin_client, structure):
    f.UserFactory(email="teacher@uni.example.kz")
    f.CourseFactory(code="LAW101", programmes=[structure["programme"]])
    courses = [
        ["code", "title_kk", "credits", "department", "programmes", "teachers"],
        ["LAW102", "Пән", 5, "NOPE", "6B04201, 6B99998, 6B99999", "nobody@uni.example.kz"],
        ["LAW103", "Пән", 5, "", "", "teacher@uni.example.kz"],
    ]
    messages = problems(upload(admin_client, models.Course, xlsx(courses)))
    assert messages == [
        "row 2: department code NOPE not found",
        "row 2: programme codes 6B99998, 6B99999 not found",
        "row 2: user with e-mail nobody@uni.example.kz not found",
        "row 3: column programmes is empty",
    ]

    f.UserFactory(email="staff@uni.example.kz")
    enrolments = [
        ["student", "course", "academic_year", "term"],
        ["staff@uni.example.kz", "LAW101", "2026-2027", "autumn"],
        ["ghost@uni.example.kz", "LAW999", "2030-2031", "autumn"],
        ["staff@uni.example.kz", "LAW101", "2026-2027", "spring"],
        ["staff@uni.example.kz", "LAW101", "", "winter"],
    ]
    messages = problems(upload(admin_client, models.Enrolment, xlsx(enrolments)))
    assert messages == [
        "row 2: staff@uni.example.kz is not a student (there is no student profile)",
        "row 3: user with e-mail ghost@uni.example.kz not found",
        "row 3: course code LAW999 not found",
        "row 3: academic year 2030-2031 not found",
        "row 4: staff@uni.example.kz is not a student (there is no student profile)",
        "row 4: academic year 2026-2027 has no spring term",
        "row 5: staff@uni.example.kz is not a student (there is no student profile)",
        "row 5: column academic_year is empty",
    ]
    assert models.Enrolment.objects.count() == 0


def test_missing_and_unknown_columns_are_named(admin_client, structure):
    sheet = [
        ["code", "name_kk", "level", "credits", "colour", "languages"],
        ["6B04101", "Экономика", "bachelor", 240, "red", "kk"],
    ]
    preview = upload(admin_client, models.EducationalProgramme, xlsx(sheet))
    messages = problems(preview)
    assert len(messages) == 2
    assert messages[0].startswith("Unknown columns: colour. The columns of this sheet are: code,")
    assert messages[1] == "Required columns are missing: school."
    assert "Required columns are missing: school." in page_text(preview)
    assert "Traceback" not in page_text(preview)
    assert not models.EducationalProgramme.objects.filter(code="6B04101").exists()


def test_headers_are_forgiving_and_blank_rows_keep_the_numbering(admin_client, structure):
    sheet = [
        [" Code ", "NAME_KK", "level", "credits", "school", "languages", None],
        ["6B04101", "Экономика", "bachelor", 240, "ECON", "kk", None],
        [None, None, None, None, None, None, None],
        ["6B04102", "Қаржы", "bachelor", 240, "NOPE", "kk", None],
    ]
    messages = problems(upload(admin_client, models.EducationalProgramme, xlsx(sheet)))
    assert messages == ["row 4: school code NOPE not found"]


def test_csv_errors_use_the_line_numbers_of_the_file(admin_client, structure):
    sheet = [
        ["code", "school", "name_kk"],
        ["D1", "LAW", "Кафедра"],
        [],
        ["D2", "XYZ", "Кафедра"],
    ]
    preview = upload(admin_client, models.Department, csv_file(sheet), resources.SheetCSV)
    assert problems(preview) == ["row 4: school code XYZ not found"]
    assert not models.Department.objects.filter(code="D1").exists()


def test_confirm_imports_nothing_when_a_row_has_become_invalid(admin_client, structure):
    doomed = f.ProgrammeFactory(code="6B04199", school=structure["econ"])
    sheet = [
        STUDENT_HEADER,
        ["S0000101", "a@uni.example.kz", "Айгерім", "", "", "", "6B04201", 1],
        ["S0000102", "b@uni.example.kz", "Диас", "", "", "", "6B04199", 1],
    ]
    preview = upload(admin_client, models.StudentProfile, xlsx(sheet))
    assert preview.context["confirm_form"] is not None
    doomed.delete()  # someone removes the programme between the preview and the confirmation

    response = confirm(admin_client, models.StudentProfile, preview)
    assert response.status_code == 200
    assert "row 3: programme code 6B04199 not found" in page_text(response)
    assert not models.StudentProfile.objects.filter(student_number="S0000101").exists()
    assert not models.User.objects.filter(email="a@uni.example.kz").exists()


def test_a_database_error_in_one_row_rolls_back_the_whole_file(
    admin_client, structure, monkeypatch
):
    original = resources.SchoolResource.do_instance_save

    def failing_save(self, instance, is_create):
        if instance.code == "BAD":
            raise IntegrityError("simulated failure")
        original(self, instance, is_create)

    monkeypatch.setattr(resources.SchoolResource, "do_instance_save", failing_save)
    sheet = [["code", "name_kk"], ["MED", "Медицина"], ["BAD", "Жаман"], ["ART", "Өнер"]]
    preview = upload(admin_client, models.School, xlsx(sheet))
    assert problems(preview) == ["row 3: simulated failure"]
    assert 'name="confirm"' not in page_text(preview)
    assert not models.School.objects.filter(code__in=["MED", "ART"]).exists()


# --- access and the admin pages -----------------------------------------------------------


def test_import_needs_add_and_change_rights(client, structure):
    viewer = f.UserFactory(email="viewer@uni.example.kz", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_educationalprogramme"))
    client.force_login(viewer)
    import_url = url("educationalprogramme_import")
    assert client.get(import_url).status_code == 403

    qa = f.UserFactory(email="qa@uni.example.kz", is_staff=True, roles=[Role.QA_MANAGER])
    client.force_login(qa)
    assert client.get(import_url).status_code == 200


@pytest.mark.parametrize(
    "model",
    [
        models.User,
        models.Institution,
        models.School,
        models.Department,
        models.EducationalProgramme,
        models.Course,
        models.AcademicYear,
        models.Term,
        models.Enrolment,
        models.StaffProfile,
        models.StudentProfile,
    ],
)
def test_admin_pages_render(admin_client, structure, model):
    name = model._meta.model_name
    assert admin_client.get(url(f"{name}_changelist")).status_code == 200
    assert admin_client.get(url(f"{name}_add")).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        assert admin_client.get(url(f"{name}_change", obj.pk)).status_code == 200


def test_school_object_permissions_page(admin_client, structure):
    page = url("school_permissions", structure["law"].pk)
    assert admin_client.get(page).status_code == 200


def test_user_is_added_with_email_and_names(admin_client):
    response = admin_client.post(
        url("user_add"),
        {
            "email": "New.Person@uni.example.kz",
            "full_name_kk": "Жаңа адам",
            "full_name_ru": "",
            "full_name_en": "New Person",
            "preferred_language": "en",
            "usable_password": "true",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = models.User.objects.get(email="new.person@uni.example.kz")
    assert user.check_password("a-long-pass-phrase-42")
    assert user.full_name_en == "New Person"
