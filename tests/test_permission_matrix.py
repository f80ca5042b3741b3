"""Every URL × every role: the status code each person gets (object-level cases included)."""

import pytest
from django.contrib import admin

from .urlmatrix import LOGIN, MATRIX, OBJECT_CASES, ROLES, named_url_patterns

CASES = [(name, role) for name in MATRIX for role in ROLES]
OBJECT = [(name, role) for name in OBJECT_CASES for role in ROLES]


def _get(client, world, role, build):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client.get(build(world))


def test_every_url_is_in_the_matrix():
    """A new URL without a matrix entry fails here (the admin is checked separately below)."""
    served = {name for name in named_url_patterns() if not name.startswith("admin:")}
    assert served - set(MATRIX) == set(), "add these URLs to tests/urlmatrix.py"
    assert set(MATRIX) - served == set(), "the matrix lists URLs the portal no longer has"


@pytest.mark.parametrize(("name", "role"), CASES)
def test_status_per_role(client, world, name, role):
    build, expected = MATRIX[name]
    response = _get(client, world, role, build)
    assert response.status_code == expected[role]
    if role == "anonymous" and expected[role] == LOGIN and name not in {"password_reset_confirm"}:
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("case", "role"), OBJECT)
def test_object_level_cases(client, world, case, role):
    build, expected = OBJECT_CASES[case]
    assert _get(client, world, role, build).status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_admin_models(client, world, role):
    """Only the QA office (staff) works in the admin; it sees every structure register."""
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    urls = ["/admin/"] + [
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
        if model._meta.app_label == "governance"
    ]
    assert len(urls) > 5
    for url in urls:
        status = client.get(url).status_code
        assert status == (200 if role == "qa_manager" else 302), url
