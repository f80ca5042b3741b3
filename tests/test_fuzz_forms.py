"""Fuzzing the forms that take user input (issue 8, security): whatever is posted — Kazakh and
control characters, NUL bytes, very long text, huge numbers, dates in odd formats, random files,
fields left out or never asked for — the portal answers without a server error, and a form shown
again says what is wrong.

``PAGES`` lists the pages that show forms, each with the person who may post them; the URL comes
from the permission matrix (tests/urlmatrix.py). Every POST form on the page is read from its
HTML (tests/fuzzing.py) and fuzzed, the page's own form as well as those posting elsewhere (a
vote, an upload). Each example runs in a transaction rolled back afterwards.

Where the services are required (CI, ``REQUIRE_SERVICES=1``) the examples are the same on every
run, so a CI run is never red by chance; elsewhere each run draws new ones, and what they find
becomes a regression test at the end of this module.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from .factories_accreditation import AgencyFactory
from .fuzzing import (
    ERROR_MARKERS,
    as_the_page_sent,
    fills_post,
    post_forms,
    shape,
    submissions,
)
from .services import REQUIRED
from .urlmatrix import MATRIX

EXAMPLES = 5
# Forms on every page, left out there: signing out ends the session; the language switcher has
# its own test.
SKIPPED_ACTIONS = ("/logout/", "/i18n/setlang/")


def _open_motion(world):
    """World's motion opened, with the chair and the member present, so the member votes."""
    from governance.models import Attendance
    from governance.voting import open_vote

    for role in ("chair", "member"):
        Attendance.objects.get_or_create(meeting=world.meeting, person=world.users[role])
    world.motion = open_vote(world.motion)


def _start_action(world):
    """World's teacher starts the improvement action they own, so they can report it done."""
    from governance.actions import start

    from .matrix_register import committee_action

    start(committee_action(world), world.users["teacher"])


def _admin_import(model):
    def build(world):
        get_user_model().objects.create_superuser(email="admin@uni.example.kz", password="x")
        return reverse(f"admin:governance_{model}_import")

    return build


# (page, who posts, what to prepare first); the page is a matrix key or a URL builder.
PAGES = [
    ("login", "anonymous", None),
    ("password_reset", "anonymous", None),
    ("password_change", "student", None),
    ("governance:profile", "student", None),
    # Surveys: answering (signed in and through a one-time link), builder, campaigns, CMF.
    ("surveys:answer", "student", None),
    ("surveys:token_answer", "anonymous", None),
    ("surveys:builder_create", "qa_manager", None),
    ("surveys:builder_questionnaire_edit", "qa_manager", None),
    ("surveys:builder_section_add", "qa_manager", None),
    ("surveys:builder_question_add", "qa_manager", None),
    ("surveys:builder_question_edit", "qa_manager", None),
    ("surveys:campaign_create", "qa_manager", None),
    ("surveys:campaign_edit", "qa_manager", None),
    ("surveys:campaign_detail", "qa_manager", None),
    ("surveys:cmf_new", "teacher", None),
    ("surveys:cmf_edit", "teacher", None),
    ("surveys:cmf_detail", "chair", None),
    ("surveys:results_review", "qa_manager", None),
    ("surveys:results_action", "chair", None),
    # Bodies: meetings, the agenda, motions and votes, minutes, decisions and actions.
    ("governance:meeting_create", "secretary", None),
    ("governance:meeting_detail", "chair", None),
    ("governance:item_propose", "member", None),
    ("governance:material_upload", "member", None),
    ("governance:motion_create", "secretary", None),
    ("governance:motion_detail", "chair", None),
    ("governance:motion_detail", "member", _open_motion),
    ("governance:item_minutes_edit", "secretary", None),
    ("governance:action_create", "secretary", None),
    ("governance:action_detail", "teacher", _start_action),
    ("governance:my_applications", "student", None),
    ("governance:application_detail", "chair", None),
    ("governance:election_create", "secretary", None),
    ("governance:election_detail", "secretary", None),
    # Documents: the register, editions (uploads), acknowledgements, mechanisms, inspections.
    ("documents:document_detail", "qa_manager", None),
    ("documents:edition_create", "qa_manager", None),
    ("documents:edition_edit", "qa_manager", None),
    ("documents:ack_launch", "qa_manager", None),
    ("documents:inspection_create", "qa_manager", None),
    ("documents:inspection_detail", "qa_manager", None),
    ("documents:cycle_detail", "qa_manager", None),
    ("documents:cycle_create", "qa_manager", None),
    # Accreditation: imports with a preview, indicators, cycles and the self-assessment report.
    ("accreditation:framework_import", "qa_manager", None),
    ("accreditation:indicator_import", "qa_manager", None),
    ("accreditation:indicator_values", "qa_manager", None),
    ("accreditation:crosswalk_edit", "qa_manager", None),
    ("accreditation:cycle_create", "qa_manager", None),
    ("accreditation:cycle_detail", "qa_manager", None),
    ("accreditation:section_edit", "qa_manager", None),
    ("accreditation:visit_schedule", "qa_manager", None),
    ("accreditation:decision_edit", "qa_manager", None),
    ("accreditation:action_plan", "qa_manager", None),
    ("accreditation:accreditation_create", "qa_manager", None),
    ("accreditation:atameken_create", "qa_manager", None),
    ("accreditation:integrity_create", "qa_manager", None),
    ("accreditation:integrity_detail", "qa_manager", None),
    # Reports.
    ("reports:new", "qa_manager", None),
    ("reports:schedule_new", "qa_manager", None),
    # The structure import in the admin (XLSX or CSV, previewed before it is saved).
    (_admin_import("educationalprogramme"), "admin", None),
]


def _page_id(page):
    where, role, setup = page
    name = where if isinstance(where, str) else "admin import"
    return f"{name} as {role}" + (" (prepared)" if setup else "")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _sign_in(client, world, role):
    if role == "admin":
        client.force_login(get_user_model().objects.get(is_superuser=True))
    elif world.users[role] is not None:
        client.force_login(world.users[role])


def _forms_of(client, url):
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return post_forms(page.content.decode(), url)


def _check(response, form, posted):
    """No server error (the test client raises a view's exception); a page shown again names
    the problem. A POST without text fields (nothing, or files only) may show the blank form
    again: a browser always sends the form's text fields."""
    assert response.status_code < 500
    honest = fills_post(posted) and as_the_page_sent(form, posted)
    if honest and response.status_code == 200 and "text/html" in response["Content-Type"]:
        page = response.content.decode()
        assert any(marker in page for marker in ERROR_MARKERS), page


def _fuzz(client, form):
    @settings(
        max_examples=EXAMPLES,
        derandomize=REQUIRED,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def run(data):
        posted = data.draw(submissions(form))
        note(f"POST {form.action}")
        with transaction.atomic():
            _check(client.post(form.action, posted), form, posted)
            transaction.set_rollback(True)

    run()


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_forms_survive_fuzzing(client, world, page):
    where, role, setup = page
    if setup:
        setup(world)
    url = where(world) if callable(where) else MATRIX[where][0](world)
    _sign_in(client, world, role)
    forms = {
        shape(form): form
        for form in reversed(_forms_of(client, url))
        if not form.action.endswith(SKIPPED_ACTIONS)
    }
    assert forms, f"no POST form on {url}"
    for form in forms.values():
        _fuzz(client, form)


def test_language_switch_survives_fuzzing(client, world):
    client.force_login(world.users["student"])
    (switcher,) = [
        form
        for form in _forms_of(client, reverse("home"))
        if form.action.endswith(reverse("set_language"))
    ]
    _fuzz(client, switcher)


# Regressions: server errors the fuzzing found, each now a message.


def test_option_rows_without_their_management_form_are_refused(client, world):
    """A question posted without its rows' hidden counts (choices, scale labels)."""
    client.force_login(world.users["qa_manager"])
    # A new single-choice question; the Likert question of the matrix's sheet.
    for name in ("surveys:builder_question_add", "surveys:builder_question_edit"):
        response = client.post(MATRIX[name][0](world), {"kind": "likert", "text_kk": "Сұрақ"})
        assert response.status_code == 200, name
        (rows,) = response.context["formsets"].values()
        assert rows.non_form_errors(), name
        assert 'class="errors" role="alert"' in response.content.decode(), name


def test_reminder_days_beyond_any_date_are_refused(client, world):
    client.force_login(world.users["qa_manager"])
    response = client.post(
        MATRIX["surveys:campaign_edit"][0](world), {"reminder_days": "7, 1000000000"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reminder_days"] == [
        "A reminder would fall before the survey opens."
    ]


def test_sign_in_with_an_overlong_email_is_refused(client, world):
    """django-axes could not record the failed attempt of an e-mail over 255 characters."""
    response = client.post(reverse("login"), {"username": "a" * 300 + "@x.kz", "password": "x"})
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()


@pytest.mark.parametrize(
    "name, content",
    [
        ("values.xlsx", b"not a workbook"),
        ("values.csv", b"\x98\x98 neither UTF-8 nor Windows-1251"),
    ],
)
def test_an_unreadable_values_file_is_refused(client, world, name, content):
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("accreditation:indicator_import"), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        f"The file's content is not a real .{name.rsplit('.', 1)[1]} file."
    ]


def _accreditation_in_year_9999(world):
    return {
        "kind": "programme",
        "programme": world.programme_a.pk,
        "agency": AgencyFactory().pk,
        "decision_date": "9999-01-01",
        "outcome": "accredited",
        "years": "5",
        "valid_from": "9999-06-01",  # five years after it is no date
    }


def _monitoring_in_year_one(world):
    # Two months before 1 January of year 1 is no date.
    return {"year": "2026", "visit_date": "0001-01-01", "criteria_received_on": "2000-01-01"}


@pytest.mark.parametrize(
    "name, data, field",
    [
        ("accreditation:accreditation_create", _accreditation_in_year_9999, "valid_from"),
        ("accreditation:integrity_create", _monitoring_in_year_one, "visit_date"),
    ],
)
def test_dates_beyond_the_register_are_refused(client, world, name, data, field):
    client.force_login(world.users["qa_manager"])
    response = client.post(reverse(name), data(world))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["Enter a date between 2000 and 2100."]
