"""Issue 8, Security: login throttling (django-axes). Failed sign-ins lock the account from that
address with a page in the reader's language; even the right password is refused until the
cool-off has passed, and then it works again."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.utils import timezone, translation
from django.utils.translation import gettext

LOCKED = "Sign-in locked"


def _login(client, email, password, language="kk"):
    prefix = "" if language == "kk" else f"/{language}"
    return client.post(f"{prefix}/accounts/login/", {"username": email, "password": password})


def _lock(client, email, settings, language="kk"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, email, "wrong", language)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_lockout_page_speaks_the_readers_language(client, world, settings, language):
    student = world.users["student"]
    _lock(client, student.email, settings, language)
    page = _login(client, student.email, "secret-pass-123", language)
    assert page.status_code == 429
    with translation.override(language):
        title = gettext(LOCKED)
    assert title != LOCKED
    assert title in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_works_again_after_the_cool_off(client, world, settings):
    student = world.users["student"]
    _lock(client, student.email, settings)
    assert _login(client, student.email, "secret-pass-123").status_code == 429
    assert AccessAttempt.objects.filter(username=student.email).exists()
    past = timezone.now() - settings.AXES_COOLOFF_TIME * datetime.timedelta(hours=1)
    AccessAttempt.objects.update(attempt_time=past - datetime.timedelta(minutes=1))
    response = _login(client, student.email, "secret-pass-123")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(student.pk)
