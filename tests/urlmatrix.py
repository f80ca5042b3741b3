"""The permission matrix: for every named URL, how to build it and what each role gets.

A URL is built from the ``world`` fixture; expected statuses are per role. ``LOGIN`` means the
anonymous visitor is sent to the sign-in page. Most roles are a user of the world; a role in
``SESSIONS`` is a browser session made by a recipe instead (the token-link respondent: someone
without an account who has just opened their survey link). Each area of the portal keeps its
rows in a ``tests/matrix_<area>.py`` module (``MATRIX`` and ``OBJECT_CASES``); they are merged
here.
"""

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = (
    "anonymous",
    "student",
    "teacher",
    "dean",
    "member",
    "secretary",
    "chair",
    "qa_manager",
    "rector",
    "external_expert",
    "token_respondent",
)
# Roles without an account: they get what the anonymous visitor gets unless a row says otherwise.
WITHOUT_ACCOUNT = ("anonymous", "token_respondent")
LOGIN = 302


def cached(world, key, build):
    """The object ``build()`` makes, made once per world (URLs are built once per test)."""
    found = getattr(world, key, None)
    if found is None:
        found = build()
        setattr(world, key, found)
    return found


def everyone(status, anonymous=LOGIN):
    """``status`` for everyone signed in (the external expert too), ``anonymous`` for people
    without an account."""
    return {role: (anonymous if role in WITHOUT_ACCOUNT else status) for role in ROLES}


def staff(status):
    """``status`` for the university's staff; the student and the external expert, who are not
    staff (``documents.access.is_staff_member``), get 403."""
    return {**everyone(status), "student": 403, "external_expert": 403}


def _open_token_link(client, world):
    """An alumna invited by e-mail opens her one-time survey link (issue 4), without signing in."""
    from tests.matrix_surveys import link

    response = client.get(reverse("surveys:token_answer", args=[link(world, "respondent")]))
    assert response.status_code == 200


SESSIONS = {"token_respondent": _open_token_link}


def act_as(client, world, role):
    """Make the test client's session that of ``role``: nobody, a user of the world, or the
    session a recipe in ``SESSIONS`` leaves behind."""
    client.logout()
    if role in SESSIONS:
        SESSIONS[role](client, world)
    elif world.users[role] is not None:
        client.force_login(world.users[role])


def _reset_confirm(world):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from tests.factories import UserFactory

    # Someone none of the roles signs in as: signing in would spoil the link's token.
    user = UserFactory(email="forgetful@uni.example.kz")
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


MATRIX = {
    "home": (lambda w: reverse("home"), everyone(200)),
    "health": (lambda w: reverse("health"), everyone(200, anonymous=200)),
    # Only POST is allowed; a GET is refused for everyone.
    "set_language": (lambda w: reverse("set_language"), everyone(405, anonymous=405)),
    # Signed-in people are sent on to their dashboard.
    "login": (lambda w: reverse("login"), everyone(302, anonymous=200)),
    "logout": (lambda w: reverse("logout"), everyone(405, anonymous=405)),
    "password_change": (lambda w: reverse("password_change"), everyone(200)),
    "password_change_done": (lambda w: reverse("password_change_done"), everyone(200)),
    "password_reset": (lambda w: reverse("password_reset"), everyone(200, anonymous=200)),
    "password_reset_done": (lambda w: reverse("password_reset_done"), everyone(200, anonymous=200)),
    # A valid link redirects once to the token-less form URL.
    "password_reset_confirm": (_reset_confirm, everyone(302, anonymous=302)),
    "password_reset_complete": (
        lambda w: reverse("password_reset_complete"),
        everyone(200, anonymous=200),
    ),
    "governance:profile": (lambda w: reverse("governance:profile"), everyone(200)),
    "governance:school_list": (
        lambda w: reverse("governance:school_list"),
        {**everyone(403), "dean": 200, "qa_manager": 200, "rector": 200},
    ),
    # The dean of school A reads school A …
    "governance:school_detail": (
        lambda w: reverse("governance:school_detail", args=[w.school_a.code]),
        {**everyone(403), "dean": 200, "qa_manager": 200, "rector": 200},
    ),
}

# … and not school B: extra object-level rows, same URL name.
OBJECT_CASES = {
    "school B as dean of A": (
        lambda w: reverse("governance:school_detail", args=[w.school_b.code]),
        {**everyone(403), "qa_manager": 200, "rector": 200},
    ),
    "unknown school": (
        lambda w: reverse("governance:school_detail", args=["NOPE"]),
        {**everyone(404)},
    ),
}


def named_url_patterns(patterns=None, namespace=""):
    """Every URL name the portal serves, with its namespace (``governance:profile``)."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_url_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


for _path in sorted(Path(__file__).parent.glob("matrix_*.py")):
    _area = importlib.import_module(f"tests.{_path.stem}")
    MATRIX.update(getattr(_area, "MATRIX", {}))
    OBJECT_CASES.update(getattr(_area, "OBJECT_CASES", {}))
