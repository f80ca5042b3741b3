"""External mechanisms (seed 000 §4.2): the Atameken ranking year on year, and the Academic
Integrity League monitoring — criteria at least two months before the visit, a group of at
least seven, findings that become improvement actions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accreditation import atameken, integrity_league
from accreditation.models import AtamekenResult, IntegrityMonitoring, MonitoringStatus
from governance.actions import actions_from
from governance.models import ImprovementAction
from governance.models.decisions import ActionSource

from . import factories as f
from .factories_accreditation_register import (
    AtamekenResultFactory,
    IntegrityMonitoringFactory,
    MonitoringFindingFactory,
    MonitoringMemberFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- Atameken --------------------------------------------------------------------------------


def test_year_on_year_change_of_position_and_score():
    programme = f.ProgrammeFactory()
    AtamekenResultFactory(programme=programme, year=2023, position=9, score=60)
    AtamekenResultFactory(programme=programme, year=2024, position=4, score="71.50")
    AtamekenResultFactory(programme=programme, year=2025, position=6, score=None)
    AtamekenResultFactory(programme=programme, year=2027, position=6, score=70)
    ((found, results),) = atameken.by_programme([programme])
    assert found == programme
    assert [r.year for r in results] == [2027, 2025, 2024, 2023]
    latest, y2025, y2024, first = results
    assert latest.change is None  # no result for 2026
    assert y2025.change.down and y2025.change.moved_by == 2 and y2025.change.score is None
    assert y2024.change.up and y2024.change.moved_by == 5
    assert str(y2024.change.score) == "11.50"
    assert first.change is None


def test_one_result_per_programme_and_year(client, world):
    AtamekenResultFactory(programme=world.programme_a, year=2025)
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("accreditation:atameken_create"),
        {"programme": world.programme_a.pk, "year": 2025, "position": 3},
    )
    assert "The result of this programme for this year is already recorded." in (
        response.content.decode()
    )
    assert AtamekenResult.objects.count() == 1


def test_the_atameken_page_shows_the_change(client, world):
    AtamekenResultFactory(programme=world.programme_a, year=2024, position=8)
    AtamekenResultFactory(programme=world.programme_a, year=2025, position=5)
    AtamekenResultFactory(programme=world.programme_b, year=2025, position=1)
    client.force_login(world.users["dean"])
    body = client.get(reverse("accreditation:atameken_list")).content.decode()
    assert "up 3 places" in body
    assert world.programme_a.code in body
    assert world.programme_b.code not in body  # School B is not the dean's


# --- Academic Integrity League ---------------------------------------------------------------


def test_criteria_must_arrive_two_months_before_the_visit():
    visit = datetime.date(2026, 10, 15)
    integrity_league.check_criteria_notice(datetime.date(2026, 8, 15), visit)
    with pytest.raises(ValidationError) as error:
        integrity_league.check_criteria_notice(datetime.date(2026, 8, 16), visit)
    assert error.value.message_dict["criteria_received_on"] == [
        "The League sends its criteria at least two months before the visit: for a visit on "
        "Oct. 15, 2026 they must arrive by Aug. 15, 2026."
    ]


def test_the_form_refuses_late_criteria(client, world):
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("accreditation:integrity_create"),
        {"year": 2026, "visit_date": "2026-10-15", "criteria_received_on": "2026-09-01"},
    )
    assert response.status_code == 200
    assert "at least two months before the visit" in response.content.decode()
    assert not IntegrityMonitoring.objects.exists()


def test_the_group_is_saved_from_accounts_and_names(client, world):
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("accreditation:integrity_create"),
        {
            "year": 2026,
            "visit_date": "2026-10-15",
            "criteria_received_on": "2026-07-01",
            "people": [world.users["teacher"].pk],
            "other_members": "Aigerim Sadykova — Anti-Corruption Agency\n\nIvan Petrov\n",
        },
    )
    monitoring = IntegrityMonitoring.objects.get()
    assert response["Location"] == reverse("accreditation:integrity_detail", args=[monitoring.pk])
    members = [(str(m), m.organisation) for m in monitoring.members.all()]
    assert (str(world.users["teacher"]), "") in members
    assert ("Aigerim Sadykova", "Anti-Corruption Agency") in members
    assert ("Ivan Petrov", "") in members
    assert len(members) == 3


def group_of(monitoring, size):
    for _ in range(size):
        MonitoringMemberFactory(monitoring=monitoring)


def test_a_group_of_six_cannot_complete_the_monitoring():
    monitoring = IntegrityMonitoringFactory(year=2026)
    group_of(monitoring, 6)
    with pytest.raises(ValidationError) as error:
        integrity_league.complete(monitoring, today=TODAY)
    assert error.value.messages == ["The monitoring group has 6 members; it needs at least 7."]
    MonitoringMemberFactory(monitoring=monitoring)
    completed = integrity_league.complete(monitoring, today=TODAY)
    assert completed.status == MonitoringStatus.COMPLETED
    with pytest.raises(ValidationError, match="already completed"):
        integrity_league.complete(monitoring, today=TODAY)


def test_completion_needs_the_criteria_date_and_the_visit_done():
    monitoring = IntegrityMonitoringFactory(
        year=2026, visit_date=datetime.date(2026, 12, 10), criteria_received_on=None
    )
    group_of(monitoring, 7)
    assert integrity_league.completion_problems(monitoring, TODAY) == [
        "Enter the date the criteria were received.",
        "The visit has not taken place yet.",
    ]


def test_the_complete_button_reports_every_problem(client, world):
    monitoring = IntegrityMonitoringFactory(year=2025)
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("accreditation:integrity_complete", args=[monitoring.pk]), follow=True
    )
    assert "it needs at least 7" in response.content.decode()
    monitoring.refresh_from_db()
    assert monitoring.status == MonitoringStatus.PLANNED


def test_a_finding_becomes_an_improvement_action(client, world):
    finding = MonitoringFindingFactory(text="Grades entered late", monitoring__year=2025)
    owner = world.users["teacher"]
    client.force_login(world.users["qa_manager"])
    url = reverse("accreditation:integrity_finding_action", args=[finding.pk])
    response = client.post(url, {"owner": owner.pk, "due_date": "2027-03-01"})
    action = ImprovementAction.objects.get()
    assert response["Location"] == reverse("governance:action_detail", args=[action.pk])
    assert action.owner == owner
    assert action.source == ActionSource.INSPECTION
    assert action.source_object == finding
    assert action.title == "AIL monitoring 2025: Grades entered late"
    assert list(actions_from(finding)) == [action]

    again = client.post(url, {"owner": owner.pk, "due_date": "2027-03-01"})
    assert "already been raised from this finding" in again.content.decode()
    assert ImprovementAction.objects.count() == 1

    detail = client.get(reverse("accreditation:integrity_detail", args=[finding.monitoring_id]))
    assert "Grades entered late" in detail.content.decode()
    assert reverse("governance:action_detail", args=[action.pk]) in detail.content.decode()


def test_a_finding_action_cannot_be_due_in_the_past(world):
    finding = MonitoringFindingFactory()
    with pytest.raises(ValidationError) as error:
        integrity_league.raise_finding_action(
            finding, owner=world.users["teacher"], due_date=TODAY, today=TODAY.replace(day=24)
        )
    assert "due_date" in error.value.message_dict


def test_the_qa_manager_adds_a_finding(client, world):
    monitoring = IntegrityMonitoringFactory(year=2025)
    client.force_login(world.users["qa_manager"])
    client.post(
        reverse("accreditation:integrity_finding_add", args=[monitoring.pk]),
        {"text": "No code of integrity in English", "severity": "minor"},
    )
    assert list(monitoring.findings.values_list("text", flat=True)) == [
        "No code of integrity in English"
    ]


def test_the_dean_does_not_read_the_league_monitoring(client, world):
    monitoring = IntegrityMonitoringFactory(year=2025)
    client.force_login(world.users["dean"])
    url = reverse("accreditation:integrity_detail", args=[monitoring.pk])
    assert client.get(url).status_code == 403
    client.force_login(world.users["rector"])
    body = client.get(url).content.decode()
    assert "Complete the monitoring" not in body
