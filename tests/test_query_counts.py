"""Pages cost a fixed number of queries however much data there is (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.roles import Role

from . import factories as f
from .urlmatrix import MATRIX, ROLES, act_as

BUDGET = 25
PAGES = {
    name: [role for role in ROLES if expected[role] == 200]
    for name, (_build, expected) in MATRIX.items()
}
PAGES = {name: roles for name, roles in PAGES.items() if roles}


def _grow(world):
    """Add schools, programmes, courses, teachers and students across the board."""
    for _ in range(3):
        school = f.SchoolFactory()
        f.DepartmentFactory(school=school)
        programme = f.ProgrammeFactory(school=school)
        teacher = f.teacher(school)
        for _ in range(3):
            course = f.CourseFactory(programmes=[programme, world.programme_a], teachers=[teacher])
            f.CourseFactory(programmes=[world.programme_a], teachers=[world.users["teacher"]])
            for _ in range(2):
                f.EnrolmentFactory(
                    student=f.student(programme=programme), course=course, term=world.term
                )
        f.EnrolmentFactory(student=world.users["student"], course=course, term=world.term)
    f.DepartmentFactory(school=world.school_a)
    f.UserFactory(roles=[Role.SECRETARY])


def _count(client, world, name):
    """{role: queries} for a second visit of the page as every role that may read it."""
    build, _expected = MATRIX[name]
    url = build(world)
    counts = {}
    for role in PAGES[name]:
        act_as(client, world, role)
        client.get(url)  # warm the session and per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, role)
        counts[role] = len(queries)
    return counts


@pytest.mark.parametrize("name", sorted(PAGES))
def test_query_count_does_not_grow_with_data(client, world, name):
    before = _count(client, world, name)
    _grow(world)
    after = _count(client, world, name)
    assert after == before, f"{name}: queries per role {before}, then {after} with more data"
    assert max(after.values()) <= BUDGET, after
