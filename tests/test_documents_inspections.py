"""Inspections of schools and departments by the QA office (issue 5; seed 004 §5.7): planning
from a reusable checklist, ticking items (htmx), findings, the report and improvement actions
raised from findings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from documents import inspections as rules
from documents.models import (
    ChecklistItem,
    CheckResult,
    Finding,
    Inspection,
    InspectionState,
)
from governance.models import ImprovementAction
from governance.models.decisions import ActionSource

from . import factories as f
from .factories_documents import ChecklistTemplateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages and pages in English (Kazakh is the default language)."""
    with translation.override("en"):
        yield


ITEMS = ("Syllabi are published in the LMS", "Minutes of meetings are kept")


def planned(world, **kwargs):
    """An inspection of a department of School A, by the QA manager and the teacher."""
    fields = {
        "kind": "planned",
        "department": f.DepartmentFactory(school=world.school_a, name_en="Civil Law"),
        "date": datetime.date(2026, 12, 9),
        "scope": "Teaching documents",
        "inspectors": [world.users["qa_manager"], world.users["teacher"]],
        "template": ChecklistTemplateFactory(items=ITEMS),
        **kwargs,
    }
    return rules.plan_inspection(world.users["qa_manager"], **fields)


def test_planning_copies_the_template_into_the_checklist(world):
    template = ChecklistTemplateFactory(items=ITEMS)
    inspection = planned(world, template=template)
    assert inspection.state == InspectionState.PLANNED
    assert [item.text for item in inspection.items.order_by("position")] == list(ITEMS)
    # The template is reused as it is by the next inspection.
    again = planned(world, template=template, date=datetime.date(2027, 3, 1))
    assert again.items.count() == 2 and template.items.count() == 2
    with pytest.raises(PermissionDenied):
        rules.plan_inspection(
            world.users["dean"],
            kind="unplanned",
            school=world.school_a,
            date=datetime.date(2026, 12, 1),
            scope="Dean's office",
            inspectors=[],
        )


def test_an_inspection_is_of_one_unit(client, world):
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("documents:inspection_create"),
        {
            "kind": "unplanned",
            "date": "2026-12-01",
            "scope": "Dean's office records",
            "inspectors": [world.users["qa_manager"].pk],
        },
    )
    assert "Choose either a school or a department to inspect." in response.content.decode()
    response = client.post(
        reverse("documents:inspection_create"),
        {
            "kind": "unplanned",
            "school": world.school_b.pk,
            "date": "2026-12-01",
            "scope": "Dean's office records",
            "inspectors": [world.users["qa_manager"].pk],
        },
    )
    inspection = Inspection.objects.get()
    assert response["Location"] == reverse("documents:inspection_detail", args=[inspection.pk])
    assert (inspection.unit, inspection.kind) == (world.school_b, "unplanned")


def test_planned_then_in_progress_then_completed_with_the_report(world):
    inspection = planned(world)
    teacher = world.users["teacher"]  # an inspector
    first, second = inspection.items.order_by("position")
    with pytest.raises(rules.InspectionRuleError, match="while the inspection is in progress"):
        rules.record_result(first, teacher, CheckResult.MET)
    inspection = rules.start(inspection, teacher)
    assert inspection.state == InspectionState.IN_PROGRESS
    with pytest.raises(rules.InspectionRuleError, match="Only a planned inspection"):
        rules.start(inspection, teacher)
    first.inspection = inspection
    second.inspection = inspection
    rules.record_result(first, teacher, CheckResult.MET, "All 24 syllabi are there.")
    with pytest.raises(rules.InspectionRuleError, match="1 checklist item has no result yet"):
        rules.complete(inspection, teacher, "Report")
    rules.record_result(second, teacher, CheckResult.NOT_MET, "No minutes since September.")
    with pytest.raises(rules.InspectionRuleError, match="Write the report"):
        rules.complete(inspection, teacher, "  ")
    inspection = rules.complete(inspection, teacher, "Mostly in order; minutes missing.")
    assert inspection.state == InspectionState.COMPLETED
    assert inspection.completed_on == timezone.localdate()
    # Nobody else conducts it.
    with pytest.raises(PermissionDenied):
        rules.add_finding(inspection, world.users["dean"], "A finding")
    with pytest.raises(rules.InspectionRuleError, match="no longer changes"):
        rules.add_item(inspection, teacher, "One more thing")


def test_findings_raise_improvement_actions(client, world):
    inspection = rules.start(planned(world), world.users["qa_manager"])
    item = inspection.items.order_by("position").last()
    finding = rules.add_finding(inspection, world.users["teacher"], "Minutes are missing.", item)
    client.force_login(world.users["teacher"])
    url = reverse("documents:finding_action", args=[finding.pk])
    page = client.get(url).content.decode()
    assert "Minutes are missing." in page
    due = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(
        url,
        {
            "title": "Keep the minutes of every department meeting",
            "description": "Within five working days of the meeting.",
            "owner_email": world.users["dean"].email,
            "school": world.school_a.pk,
            "due_date": due.isoformat(),
        },
    )
    assert response.status_code == 302
    action = ImprovementAction.objects.get()
    assert action.source == ActionSource.INSPECTION
    assert action.source_object == finding
    assert (action.owner, action.due_date, action.school) == (
        world.users["dean"],
        due,
        world.school_a,
    )
    page = client.get(reverse("documents:inspection_detail", args=[inspection.pk])).content.decode()
    assert "Keep the minutes of every department meeting" in page
    # The action's page leads back to the finding.
    client.force_login(world.users["qa_manager"])
    page = client.get(reverse("governance:action_detail", args=[action.pk])).content.decode()
    assert f"#finding-{finding.pk}" in page
    # Only those who conduct the inspection raise actions from it.
    client.force_login(world.users["member"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "x"}).status_code == 403


def test_no_action_before_the_inspection_starts(world):
    inspection = planned(world)
    finding = Finding(inspection=inspection, text="Early", created_by=world.users["qa_manager"])
    with pytest.raises(rules.InspectionRuleError, match="under way or completed"):
        rules.raise_finding_action(
            finding,
            world.users["qa_manager"],
            title="Too early",
            owner=world.users["dean"],
            due_date=timezone.localdate(),
        )


def test_ticking_an_item_with_htmx_returns_its_row(client, world):
    inspection = rules.start(planned(world), world.users["qa_manager"])
    item = inspection.items.order_by("position").first()
    client.force_login(world.users["teacher"])
    url = reverse("documents:checklist_item_update", args=[item.pk])
    response = client.post(
        url,
        {f"item{item.pk}-result": "partly", f"item{item.pk}-comment": "Three syllabi lack it."},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith(f'<li id="item-{item.pk}"')
    assert "Partly met" in page and "Saved." in page
    assert 'id="open-items"' in page and "1 item has no result yet." in page
    item.refresh_from_db()
    assert (item.result, item.comment) == ("partly", "Three syllabi lack it.")
    response = client.post(url, {f"item{item.pk}-result": "maybe"}, HTTP_HX_REQUEST="true")
    assert "Choose a result for the item." in response.content.decode()
    # Without htmx the page is reloaded at the item.
    response = client.post(url, {f"item{item.pk}-result": "met"})
    assert response["Location"].endswith(f"#item-{item.pk}")
    client.force_login(world.users["member"])
    assert client.post(url, {f"item{item.pk}-result": "met"}).status_code == 403


def test_inspection_page_through_its_life(client, world):
    inspection = planned(world)
    client.force_login(world.users["qa_manager"])
    detail = reverse("documents:inspection_detail", args=[inspection.pk])
    change = reverse("documents:inspection_change", args=[inspection.pk])
    client.post(reverse("documents:checklist_add", args=[inspection.pk]), {"text": "Keys kept"})
    assert ChecklistItem.objects.filter(inspection=inspection, text_en="Keys kept").exists()
    page = client.get(detail).content.decode()
    assert "Start the inspection" in page and "Keys kept" in page
    client.post(change, {"op": "start"})
    page = client.get(detail).content.decode()
    assert "Record the finding" in page and "Complete the inspection" in page
    response = client.post(change, {"op": "complete", "report": "Done."})
    assert "3 checklist items have no result yet." in response.content.decode()
    for item in inspection.items.all():
        client.post(
            reverse("documents:checklist_item_update", args=[item.pk]),
            {f"item{item.pk}-result": "met"},
        )
    client.post(reverse("documents:finding_add", args=[inspection.pk]), {"text": "Good practice."})
    client.post(change, {"op": "complete", "report": "Everything is in order."})
    page = client.get(detail).content.decode()
    assert "Everything is in order." in page and "Good practice." in page
    assert Inspection.objects.get().state == InspectionState.COMPLETED
    # A reader sees it all but may change nothing.
    client.force_login(world.users["dean"])
    page = client.get(detail).content.decode()
    assert "Everything is in order." in page and "Raise an improvement action" not in page
    assert client.post(change, {"op": "start"}).status_code == 403


def test_inspection_list_filters_by_state(client, world):
    planned(world)
    rules.start(
        planned(world, school=world.school_b, department=None, date=datetime.date(2026, 11, 2)),
        world.users["qa_manager"],
    )
    client.force_login(world.users["rector"])
    url = reverse("documents:inspection_list")
    page = client.get(url).content.decode()
    assert "Civil Law" in page and "School of Economics" in page
    page = client.get(url, {"state": "in_progress"}).content.decode()
    assert "School of Economics" in page and "Civil Law" not in page
    assert "Plan an inspection" not in page
    client.force_login(world.users["qa_manager"])
    assert "Plan an inspection" in client.get(url).content.decode()
