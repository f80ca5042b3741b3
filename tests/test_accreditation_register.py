"""The register of accredited programmes: validity of a decision, the flags (never
accredited, expired, expiring within 18 months, not accredited within 5 years), the
reminders to the QA office 18, 12 and 6 months before expiry (each sent once), the register
page per role and its XLSX export."""

import datetime
import io
from unittest import mock

import openpyxl
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accreditation import expiry
from accreditation import programme_register as register
from accreditation.models import Accreditation, AccreditationKind, ExpiryReminder, Outcome
from accreditation.tasks import remind_expiring_accreditations
from governance.once import claim
from governance.roles import Role
from qa_portal.celery import app

from . import factories as f
from .factories_accreditation import AgencyFactory
from .factories_accreditation_register import AccreditationFactory
from .services import at_once, need_postgres

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
TASK = "accreditation.tasks.remind_expiring_accreditations"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def ending_on(valid_until, decision_date=None, **kwargs):
    """A programme accreditation that runs until ``valid_until``."""
    decision_date = decision_date or valid_until.replace(year=valid_until.year - 5)
    return AccreditationFactory(
        decision_date=decision_date,
        valid_from=decision_date,
        valid_until=valid_until,
        **kwargs,
    )


# --- a decision ------------------------------------------------------------------------------


def test_the_expiry_date_is_counted_from_the_years():
    accreditation = AccreditationFactory.build(
        programme=f.ProgrammeFactory(),
        agency=AgencyFactory(),
        decision_date=datetime.date(2024, 5, 20),
        valid_from=datetime.date(2024, 5, 25),
        valid_until=None,
        years=5,
    )
    accreditation.full_clean()
    assert accreditation.valid_until == datetime.date(2029, 5, 24)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"programme": None}, "programme", "Choose the programme that was accredited."),
        (
            {"kind": AccreditationKind.INSTITUTIONAL},
            "programme",
            "An institutional accreditation concerns no single programme.",
        ),
        ({"outcome": Outcome.DENIED}, "outcome", "A denied accreditation has no period"),
        (
            {"valid_until": datetime.date(2024, 1, 1)},
            "valid_until",
            "The expiry date must come after the start date.",
        ),
        (
            {"valid_from": datetime.date(2024, 5, 1)},
            "valid_from",
            "The accreditation cannot be valid before its decision.",
        ),
        ({"valid_until": None, "years": None}, "valid_until", "Enter the expiry date or"),
    ],
)
def test_a_decision_that_does_not_add_up_is_refused_in_words(changes, field, message):
    values = {
        "programme": f.ProgrammeFactory(),
        "agency": AgencyFactory(),
        "decision_date": datetime.date(2024, 6, 1),
        "valid_from": datetime.date(2024, 6, 1),
        **changes,
    }
    accreditation = AccreditationFactory.build(**values)
    with pytest.raises(ValidationError) as error:
        accreditation.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_a_denied_decision_without_validity_is_accepted():
    accreditation = Accreditation(
        kind=AccreditationKind.PROGRAMME,
        programme=f.ProgrammeFactory(),
        agency=AgencyFactory(),
        decision_date=datetime.date(2025, 3, 1),
        outcome=Outcome.DENIED,
    )
    accreditation.full_clean()


# --- flags -----------------------------------------------------------------------------------


def flags(*accreditations):
    return register.flags_for(list(accreditations), TODAY)


def test_a_programme_never_accredited_is_flagged():
    assert flags() == [register.NONE, register.OVERDUE]


def test_a_denied_decision_alone_counts_as_never_accredited():
    denied = Accreditation(outcome=Outcome.DENIED, decision_date=datetime.date(2025, 1, 1), pk=1)
    assert flags(denied) == [register.NONE, register.OVERDUE]


def test_a_valid_recent_accreditation_raises_no_flag():
    decided = datetime.date(2025, 1, 10)
    assert flags(ending_on(datetime.date(2030, 1, 9), decided)) == []


def test_expired_accreditation_is_flagged():
    decided = datetime.date(2022, 1, 10)
    assert flags(ending_on(datetime.date(2026, 11, 22), decided)) == [register.EXPIRED]


def test_expiring_within_18_months_is_flagged_and_not_after():
    decided = datetime.date(2023, 1, 10)
    assert flags(ending_on(datetime.date(2028, 5, 23), decided)) == [register.EXPIRING]
    assert flags(ending_on(datetime.date(2028, 5, 24), decided)) == []
    assert flags(ending_on(TODAY, decided)) == [register.EXPIRING]


def test_not_accredited_within_the_last_five_years():
    """Seed 002 S10.Req8: a six-year certificate still valid does not satisfy the rule."""
    old = ending_on(datetime.date(2027, 9, 1), datetime.date(2021, 9, 1))
    assert flags(old) == [register.EXPIRING, register.OVERDUE]
    on_the_day = ending_on(datetime.date(2027, 11, 1), datetime.date(2021, 11, 23))
    assert register.OVERDUE not in flags(on_the_day)


def test_a_renewal_replaces_the_expired_decision():
    expired = ending_on(datetime.date(2026, 1, 1), datetime.date(2021, 1, 1))
    renewed = ending_on(datetime.date(2031, 1, 1), datetime.date(2026, 1, 5))
    assert register.current_of([expired, renewed]) == renewed
    assert flags(expired, renewed) == []


def test_months_are_added_calendar_wise():
    assert register.add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert register.add_months(datetime.date(2026, 3, 31), -1) == datetime.date(2026, 2, 28)
    assert register.add_months(datetime.date(2026, 1, 15), -18) == datetime.date(2024, 7, 15)


# --- reminders -------------------------------------------------------------------------------


@pytest.fixture
def qa_manager(db):
    return f.UserFactory(
        email="qa.office@uni.example.kz", roles=[Role.QA_MANAGER], preferred_language="en"
    )


def run(day):
    with mock.patch("accreditation.expiry.timezone.localdate", return_value=day):
        return remind_expiring_accreditations()


def test_the_task_is_registered_under_its_scheduled_name():
    app.loader.import_default_modules()
    assert TASK in app.tasks
    assert remind_expiring_accreditations.name == TASK


def test_reminded_once_at_18_12_and_6_months(qa_manager):
    programme = f.ProgrammeFactory(code="6B04201", name_en="Law")
    ending_on(datetime.date(2028, 6, 30), datetime.date(2023, 7, 1), programme=programme)

    assert run(datetime.date(2026, 12, 29)) == 0  # 18 months and a day before
    assert run(datetime.date(2026, 12, 30)) == 1  # 18 months before
    assert run(datetime.date(2026, 12, 30)) == 0  # beat fires twice
    assert run(datetime.date(2027, 3, 1)) == 0  # nothing new between thresholds
    assert run(datetime.date(2027, 6, 30)) == 1  # 12 months
    assert run(datetime.date(2027, 12, 30)) == 1  # 6 months
    assert run(datetime.date(2028, 2, 1)) == 0
    assert run(datetime.date(2028, 7, 1)) == 0  # expired: the register flags it instead

    assert len(mail.outbox) == 3
    assert all(message.to == ["qa.office@uni.example.kz"] for message in mail.outbox)
    body = mail.outbox[0].body
    assert "6B04201 Law" in body
    assert "June 30, 2028" in body
    assert "in 18 months or less" in body
    assert "in 12 months or less" in mail.outbox[1].body
    assert "in 6 months or less" in mail.outbox[2].body
    assert "http://127.0.0.1:8000/en/accreditation/register/programmes/6B04201/" in body
    assert sorted(ExpiryReminder.objects.values_list("months", flat=True)) == [6, 12, 18]


def test_entered_late_only_the_most_urgent_reminder_is_sent(qa_manager):
    ending_on(datetime.date(2027, 9, 1), datetime.date(2022, 9, 2))
    assert run(TODAY) == 1
    assert list(ExpiryReminder.objects.values_list("months", flat=True)) == [12]
    assert run(TODAY) == 0


def test_one_email_per_qa_manager_lists_every_accreditation(qa_manager):
    second = f.UserFactory(email="qa2@uni.example.kz", roles=[Role.QA_MANAGER])
    f.UserFactory(email="teacher@uni.example.kz", roles=[Role.TEACHER])
    ending_on(datetime.date(2027, 12, 1), programme=f.ProgrammeFactory(code="6B01101"))
    ending_on(datetime.date(2028, 1, 15), programme=f.ProgrammeFactory(code="7M01101"))
    ending_on(datetime.date(2031, 1, 15), programme=f.ProgrammeFactory(code="8D01101"))

    assert run(TODAY) == 2

    assert sorted(m.to[0] for m in mail.outbox) == ["qa.office@uni.example.kz", second.email]
    for message in mail.outbox:
        assert "6B01101" in message.body and "7M01101" in message.body
        assert "8D01101" not in message.body
    assert mail.outbox[0].subject == "2 accreditations expire soon"


def test_reminder_is_in_the_managers_language(qa_manager):
    qa_manager.preferred_language = "ru"
    qa_manager.save()
    ending_on(datetime.date(2027, 12, 1), programme=f.ProgrammeFactory(code="6B01101"))
    run(TODAY)
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "ru"
    assert "/ru/accreditation/register/programmes/6B01101/" in message.body
    assert "декабря" in message.body


def test_a_renewed_accreditation_is_not_reminded_about(qa_manager):
    programme = f.ProgrammeFactory()
    ending_on(datetime.date(2027, 3, 1), datetime.date(2022, 3, 2), programme=programme)
    ending_on(datetime.date(2031, 10, 1), datetime.date(2026, 10, 1), programme=programme)
    assert run(TODAY) == 0


def test_a_failed_send_gives_the_claim_back(qa_manager):
    ending_on(datetime.date(2027, 12, 1))
    with mock.patch("governance.mail.EmailMessage.send", side_effect=ConnectionError("down")):
        assert run(TODAY) == 0
    assert not ExpiryReminder.objects.exists()
    assert run(TODAY) == 1
    assert run(TODAY) == 0


def test_a_manager_already_told_is_not_told_again(qa_manager):
    second = f.UserFactory(email="qa2@uni.example.kz", roles=[Role.QA_MANAGER])
    accreditation = ending_on(datetime.date(2027, 12, 1))
    assert expiry.threshold_reached(accreditation, TODAY) == 18
    assert claim([f"expiry-reminder:{accreditation.pk}:18:{qa_manager.pk}"])
    assert run(TODAY) == 1
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert ExpiryReminder.objects.filter(accreditation=accreditation, months=18).exists()
    assert run(TODAY) == 0


@pytest.mark.django_db(transaction=True)
def test_two_beats_at_once_remind_of_each_accreditation_once():
    """Two workers run the task at the same moment (PostgreSQL): each reminder goes once."""
    need_postgres()
    f.UserFactory(email="race@uni.example.kz", roles=[Role.QA_MANAGER])
    codes = [f"6B0990{n}" for n in range(4)]
    for code in codes:
        ending_on(datetime.date(2027, 12, 1), programme=f.ProgrammeFactory(code=code))
    errors = at_once(lambda: expiry.send_expiry_reminders(TODAY))
    assert errors == []
    bodies = " ".join(m.body for m in mail.outbox if m.to == ["race@uni.example.kz"])
    assert [bodies.count(f"- {code} ") for code in codes] == [1, 1, 1, 1]
    assert ExpiryReminder.objects.count() == 4


def test_no_qa_manager_claims_nothing():
    ending_on(datetime.date(2027, 12, 1))
    assert run(TODAY) == 0
    assert not ExpiryReminder.objects.exists()


# --- pages -----------------------------------------------------------------------------------


@pytest.fixture
def populated(world):
    """School A's programme valid, School B's never accredited, another of A's expired."""
    ending_on(datetime.date(2030, 1, 1), datetime.date(2025, 1, 1), programme=world.programme_a)
    expired = f.ProgrammeFactory(code="6B04299", school=world.school_a, name_en="Old law")
    ending_on(datetime.date(2025, 1, 1), datetime.date(2020, 1, 1), programme=expired)
    return world


def page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("accreditation:programme_register"), params)


def test_the_qa_manager_sees_every_programme_with_its_flags(client, populated):
    response = page(client, populated.users["qa_manager"])
    codes = [row.programme.code for row in response.context["rows"]]
    assert codes == ["6B04101", "6B04201", "6B04299"]
    by_code = {row.programme.code: row.flags for row in response.context["rows"]}
    assert by_code == {
        "6B04101": [register.NONE, register.OVERDUE],
        "6B04201": [],
        "6B04299": [register.EXPIRED, register.OVERDUE],
    }
    assert "Record an accreditation" in response.content.decode()


def test_filters_by_school_and_flag(client, populated):
    response = page(client, populated.users["rector"], school="LAW", flag=register.EXPIRED)
    assert [row.programme.code for row in response.context["rows"]] == ["6B04299"]
    assert "Record an accreditation" not in response.content.decode()


def test_the_dean_reads_only_their_school(client, populated):
    response = page(client, populated.users["dean"])
    assert [row.programme.code for row in response.context["rows"]] == ["6B04201", "6B04299"]
    response = page(client, populated.users["dean"], school="ECON")
    assert response.context["filter"].errors  # School B is not among the dean's choices


@pytest.mark.parametrize("role", ["teacher", "student", "chair"])
def test_others_are_refused(client, populated, role):
    assert page(client, populated.users[role]).status_code == 403


def test_the_register_exports_to_xlsx(client, populated):
    client.force_login(populated.users["qa_manager"])
    response = client.get(reverse("accreditation:register_xlsx"), {"school": "LAW"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert rows[0][:2] == ["Code", "Programme"]
    assert [row[0] for row in rows[1:]] == ["6B04201", "6B04299"]
    assert rows[2][-1] == "Accreditation expired; Not accredited within the last 5 years"
    assert rows[1][9] == datetime.datetime(2030, 1, 1)


def test_the_qa_manager_records_an_accreditation_with_its_certificate(client, world):
    client.force_login(world.users["qa_manager"])
    agency = AgencyFactory(short_name="IAAR")
    response = client.post(
        reverse("accreditation:accreditation_create"),
        {
            "kind": AccreditationKind.PROGRAMME,
            "programme": world.programme_a.pk,
            "agency": agency.pk,
            "decision_date": "2026-05-20",
            "outcome": Outcome.ACCREDITED,
            "years": "5",
            "valid_from": "2026-05-25",
            "certificate_number": "AB 0123",
            "certificate": SimpleUploadedFile("certificate.pdf", PDF),
        },
    )
    assert response.status_code == 302
    accreditation = Accreditation.objects.get()
    assert accreditation.valid_until == datetime.date(2031, 5, 24)
    page_response = client.get(response["Location"])
    assert "AB 0123" in page_response.content.decode()
    download = client.get(
        reverse("accreditation:accreditation_certificate", args=[accreditation.pk])
    )
    assert b"".join(download.streaming_content) == PDF


def test_a_fake_certificate_is_refused(client, world):
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("accreditation:accreditation_create"),
        {
            "kind": AccreditationKind.PROGRAMME,
            "programme": world.programme_a.pk,
            "agency": AgencyFactory().pk,
            "decision_date": "2026-05-20",
            "outcome": Outcome.ACCREDITED,
            "years": "5",
            "valid_from": "2026-05-25",
            "certificate": SimpleUploadedFile("certificate.exe", b"MZ\x90\x00"),
        },
    )
    assert response.status_code == 200
    assert "Files of this type are not accepted" in response.content.decode()
    assert not Accreditation.objects.exists()
