"""Each role's home page in a phone's browser (issue 7, Dashboards): the role's panels are
there, the server-side SVG charts are drawn inside the screen, and nothing makes the page wider
than a 360px phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from . import factories_dashboard as d
from .browser import chromium, phone, sign_in  # noqa: F401 - fixtures
from .factories_results import course_evaluation_answered

pytestmark = pytest.mark.browser

# Role → a panel its home page shows with the data below (issue 7's list of dashboards).
PANELS = {
    "rector": "Satisfaction by school",
    "dean": "Satisfaction in School of Law",
    "teacher": "My course results",
    "student": "What changed after your feedback",
    "member": "My bodies",
    "secretary": "Meetings to prepare",
}
CHARTED = {"rector", "dean"}


@pytest.fixture
def data(world):
    course_evaluation_answered(world)
    today = timezone.localdate()
    d.action(world.users["teacher"], world.school_a, due=today - datetime.timedelta(days=3))
    d.decision(world.council, "12", date=today)
    return world


@pytest.mark.parametrize("role", sorted(PANELS))
def test_each_role_reads_its_dashboard_on_a_phone(phone, data, role):  # noqa: F811
    sign_in(phone, data.users[role].email)
    phone.goto("/en/")
    expect(phone.locator(".panel h2", has_text=PANELS[role])).to_be_visible()
    if role in CHARTED:
        charts = phone.locator("svg.results-chart")
        expect(charts.first).to_be_visible()
        for box in (charts.nth(n).bounding_box() for n in range(charts.count())):
            assert box["width"] > 100 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the {role}'s home page is {width}px wide on a 360px screen"
