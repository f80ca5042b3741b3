"""Every URL × every role: the status code each person gets (object-level cases included).

One test per URL builds the world once and asks as each role in turn; a failure shows the
statuses every role got next to the ones expected.
"""

import pytest
from django.contrib import admin

from .urlmatrix import LOGIN, MATRIX, OBJECT_CASES, ROLES, act_as, named_url_patterns


def _statuses(client, world, build):
    """{role: (status, redirect location)} for one URL, asked as every role in turn."""
    url = build(world)
    seen = {}
    for role in ROLES:
        act_as(client, world, role)
        response = client.get(url)
        seen[role] = (response.status_code, response.get("Location", ""))
    return seen


def test_every_url_is_in_the_matrix():
    """A new URL without a matrix entry fails here (the admin is checked separately below)."""
    served = {name for name in named_url_patterns() if not name.startswith("admin:")}
    assert served - set(MATRIX) == set(), "add these URLs to tests/urlmatrix.py"
    assert set(MATRIX) - served == set(), "the matrix lists URLs the portal no longer has"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_status_per_role(client, world, name):
    build, expected = MATRIX[name]
    seen = _statuses(client, world, build)
    assert {role: status for role, (status, _where) in seen.items()} == expected
    status, where = seen["anonymous"]
    if status == LOGIN and expected["anonymous"] == LOGIN and name != "password_reset_confirm":
        assert "/accounts/login/" in where


@pytest.mark.parametrize("case", sorted(OBJECT_CASES))
def test_object_level_cases(client, world, case):
    build, expected = OBJECT_CASES[case]
    seen = _statuses(client, world, build)
    assert {role: status for role, (status, _where) in seen.items()} == expected


def test_admin_models(client, world):
    """Only the QA office (staff) works in the admin; it sees every structure register."""
    urls = ["/admin/"] + [
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
        if model._meta.app_label == "governance"
    ]
    assert len(urls) > 5
    for role in ROLES:
        act_as(client, world, role)
        for url in urls:
            status = client.get(url).status_code
            assert status == (200 if role == "qa_manager" else 302), (role, url)
