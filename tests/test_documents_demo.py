"""The seed documents in ``manage.py seed_demo`` (issue 5), seeded once and rolled back."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.db import transaction

from documents import inspections, pdca
from documents.models import (
    Category,
    Cycle,
    CycleState,
    Document,
    DocumentKind,
    Edition,
    EditionStatus,
    Inspection,
    InspectionState,
    Mechanism,
    MechanismKind,
    UnitKind,
)
from governance.models import Body, ImprovementAction

pytestmark = pytest.mark.django_db


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        output = seed()
        yield output
        transaction.set_rollback(True)


def test_seed_documents_are_registered_with_editions(seeded):
    assert "QA document: ҚЕ 3-3-3-2023 — created" in seeded
    assert Document.objects.filter(kind=DocumentKind.EXTERNAL).count() == 1
    assert Document.objects.filter(kind=DocumentKind.INTERNAL).count() == 6
    assert Document.objects.filter(staff_only=True).count() == 1
    regulation = Document.objects.get(code="ЕР-158-2026")
    statuses = list(regulation.editions.order_by("number").values_list("status", flat=True))
    assert statuses == [EditionStatus.SUPERSEDED, EditionStatus.PUBLISHED]
    for edition in Edition.objects.filter(document__kind=DocumentKind.INTERNAL):
        assert edition.decision is not None
        assert edition.file.open("rb").read(5) == b"%PDF-"
    assert Document.objects.get(code="ҚЕ 3-3-3-2023").follows.count() == 1
    if shutil.which("pdftotext"):  # the public page searches the text of the file
        assert (
            "Regulation on the Quality Monitoring Office" in regulation.editions.get(number=2).text
        )


def test_the_charters_name_their_bodies(seeded):
    council_charter = Document.objects.get(category=Category.COUNCIL_CHARTER)
    assert council_charter.charter_of.kind == "arc"
    committee_charter = Document.objects.get(category=Category.COMMITTEE_CHARTER)
    assert committee_charter.charter_of.school.code == "LAW"
    for document in (council_charter, committee_charter):
        document.full_clean()
        assert document.editions.get().status == EditionStatus.PUBLISHED


def test_the_mechanisms_of_seed_000_are_registered(seeded):
    """Seed 000 §4.1: thirteen internal mechanisms; §4.2: four external ones."""
    assert Mechanism.objects.filter(kind=MechanismKind.INTERNAL).count() == 13
    assert Mechanism.objects.filter(kind=MechanismKind.EXTERNAL).count() == 4
    for mechanism in Mechanism.objects.all():
        mechanism.full_clean()
        assert mechanism.name_kk and mechanism.name_ru and mechanism.name_en
        assert mechanism.objectives_kk and mechanism.objectives_ru and mechanism.objectives_en
        assert mechanism.calendar_kk and mechanism.calendar_ru and mechanism.calendar_en
        assert mechanism.documents.exists()
        assert mechanism.responsible()
    survey = Mechanism.objects.get(code="QAM-4.1.7")
    assert survey.months == [3, 5] and survey.qa_office
    assert Mechanism.objects.get(code="QAM-4.1.12").bodies.get().kind == "alumni"


def test_one_cycle_is_finished_and_one_running(seeded):
    finished = Cycle.objects.get(state=CycleState.FINISHED)
    assert finished.mechanism.code == "QAM-4.1.7"
    stages = finished.stages.all()
    assert all(stage.completed_on and stage.note for stage in stages)
    # Seed 000 §4: the check by two QA units, the QA office and the council.
    assert sorted(finished.check_units.values_list("kind", flat=True)) == [
        UnitKind.BODY,
        UnitKind.QA_OFFICE,
    ]
    # The Act: the council's decision on the survey report and its improvement actions.
    assert finished.act_decision.number == "2/1"
    assert pdca.cycle_actions(finished).count() == 2
    assert finished.stages.get(stage="check").evidence.get().file.open("rb").read(5) == b"%PDF-"
    running = Cycle.objects.exclude(state=CycleState.FINISHED).get()
    assert running.state == CycleState.DO
    assert running.stages.get(stage="plan").completed_by.email == "secretary.law@demo.edu.kz"


def test_one_completed_and_one_planned_inspection(seeded):
    completed = Inspection.objects.get(state=InspectionState.COMPLETED)
    assert completed.department.code == "LAW-CIV"
    assert completed.report and completed.findings.count() == 2
    assert not completed.items.filter(result="").exists()
    first, second = completed.findings.order_by("pk")
    actions = inspections.actions_by_finding([first, second])
    assert [action.source for action in actions[first.pk]] == ["inspection"]
    assert actions[first.pk][0].owner == completed.department.school.dean
    assert actions[second.pk] == []
    planned = Inspection.objects.get(state=InspectionState.PLANNED)
    assert planned.school.code == "ECON" and planned.items.count() == 5
    assert planned.template == completed.template


def test_seeding_again_changes_nothing(seeded):
    models = (Document, Edition, Mechanism, Cycle, Inspection, ImprovementAction, Body)
    before = [model.objects.count() for model in models]
    output = seed()
    assert "QA document: ҚЕ 3-3-3-2023 — unchanged" in output
    assert "QA mechanism: QAM-4.1.7 2025-2026 — unchanged" in output
    assert "Inspection: LAW-CIV 2026-10-14 — unchanged" in output
    assert [model.objects.count() for model in models] == before
