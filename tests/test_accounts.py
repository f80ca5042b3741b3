"""Sign-in, throttling, password reset and the language switch."""

import pytest
from django.core import mail


@pytest.fixture
def student(world):
    return world.users["student"]


def _login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_sign_in_with_email_in_any_case_goes_to_the_dashboard(client, student):
    response = _login(client, student.email.upper(), "secret-pass-123")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_sign_in_continues_in_the_preferred_language(client, student):
    student.preferred_language = "en"
    student.save()
    response = _login(client, student.email, "secret-pass-123")
    assert response["Location"] == "/en/"
    assert response.cookies["django_language"].value == "en"


def test_failed_sign_ins_lock_the_account_for_this_address(client, student, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, student.email, "wrong").status_code == 200
    assert _login(client, student.email, "wrong").status_code == 429
    locked = _login(client, student.email, "secret-pass-123")
    assert locked.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in locked.templates]
    # Another account from the same address is not locked.
    other = _login(client, "teacher@uni.example.kz", "secret-pass-123")
    assert other.status_code == 302


def test_password_reset_sends_a_working_link(client, student):
    response = client.post("/accounts/password/reset/", {"email": student.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    assert form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "A-new-pass-2026!", "new_password2": "A-new-pass-2026!"},
    )
    assert done.status_code == 302
    student.refresh_from_db()
    assert student.check_password("A-new-pass-2026!")


def test_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@uni.example.kz"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("current", "language", "expected"),
    [
        ("/", "ru", "/ru/"),
        ("/ru/schools/", "kk", "/schools/"),
        ("/en/profile/", "ru", "/ru/profile/"),
    ],
)
def test_language_switch_keeps_the_page(client, student, current, language, expected):
    client.force_login(student)
    response = client.post("/i18n/setlang/", {"language": language, "next": current})
    assert response["Location"] == expected
    student.refresh_from_db()
    assert student.preferred_language == language


def test_language_switch_refuses_to_leave_the_site(client, db):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "https://evil.example/"})
    assert response["Location"] == "/ru/"


def test_language_switch_ignores_unknown_languages(client, student):
    client.force_login(student)
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/profile/"})
    assert response["Location"] == "/profile/"
    student.refresh_from_db()
    assert student.preferred_language == "kk"


def test_profile_saves_names_and_language(client, student):
    client.force_login(student)
    response = client.post(
        "/profile/",
        {
            "full_name_kk": "Әлия Серікқызы",
            "full_name_ru": "Алия",
            "full_name_en": "Aliya",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert (student.full_name_kk, student.preferred_language) == ("Әлия Серікқызы", "en")


def test_profile_requires_a_kazakh_name(client, student):
    client.force_login(student)
    response = client.post("/profile/", {"full_name_kk": "", "preferred_language": "kk"})
    assert response.status_code == 200
    assert response.context["form"].errors["full_name_kk"]
