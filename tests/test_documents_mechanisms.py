"""QA mechanisms and their Plan–Do–Check–Act cycles (issue 5; seed 000 §4): stage order, at
least two QA units at the Check, the Act's improvement actions, evidence, who records, and the
pages."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from documents import pdca
from documents.models import CheckUnit, Cycle, CycleState, Stage, StageEvidence, UnitKind
from governance.models import Decision, ImprovementAction
from governance.models.decisions import ActionSource

from . import factories as f
from .factories_documents import PDF, MechanismFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages and pages in English (Kazakh is the default language)."""
    with translation.override("en"):
        yield


def today():
    return timezone.localdate()


def committee_mechanism(world, **kwargs):
    """A mechanism School A's committee is responsible for."""
    return MechanismFactory(bodies=[world.committee], **kwargs)


def new_cycle(world, period="2025-2026", mechanism=None):
    return pdca.start_cycle(
        mechanism or committee_mechanism(world), world.users["qa_manager"], period
    )


def stage(cycle, name):
    return cycle.stages.get(stage=name)


def complete(cycle, name, by, on=None):
    return pdca.complete_stage(stage(cycle, name), by, on=on)


def at_act(world):
    """A cycle whose Plan, Do and Check are completed (the QA office and the committee
    checked it)."""
    qa = world.users["qa_manager"]
    cycle = new_cycle(world)
    complete(cycle, Stage.PLAN, qa)
    complete(cycle, Stage.DO, qa)
    pdca.add_check_unit(cycle, qa, UnitKind.QA_OFFICE)
    pdca.add_check_unit(cycle, qa, UnitKind.BODY, world.committee, "Reviewed the report.")
    pdca.record_stage(stage(cycle, Stage.CHECK), qa, note="Students ask for more choice.")
    return complete(cycle, Stage.CHECK, qa)


def test_a_cycle_starts_at_plan_with_four_stages(world):
    cycle = new_cycle(world)
    assert cycle.state == CycleState.PLAN
    stages = sorted(cycle.stages.all(), key=lambda s: s.position)
    assert [s.stage for s in stages] == [Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT]
    with pytest.raises(pdca.CycleRuleError, match="already has a cycle for this period"):
        pdca.start_cycle(cycle.mechanism, world.users["qa_manager"], "2025-2026")
    with pytest.raises(PermissionDenied):
        pdca.start_cycle(cycle.mechanism, world.users["chair"], "2026-2027")


def test_stages_are_completed_in_order(world):
    qa = world.users["qa_manager"]
    cycle = new_cycle(world)
    with pytest.raises(pdca.CycleRuleError, match="Complete the Plan stage first"):
        complete(cycle, Stage.CHECK, qa)
    with pytest.raises(pdca.CycleRuleError, match="Complete the Plan stage first"):
        complete(cycle, Stage.DO, qa)
    with pytest.raises(pdca.CycleRuleError, match="cannot be completed in the future"):
        complete(cycle, Stage.PLAN, qa, on=today() + datetime.timedelta(days=1))
    cycle = complete(cycle, Stage.PLAN, qa, on=today() - datetime.timedelta(days=10))
    assert cycle.state == CycleState.DO
    with pytest.raises(pdca.CycleRuleError, match="cannot end before"):
        complete(cycle, Stage.DO, qa, on=today() - datetime.timedelta(days=11))
    with pytest.raises(pdca.CycleRuleError, match="already completed"):
        complete(cycle, Stage.PLAN, qa)
    # A completed stage is a record.
    with pytest.raises(pdca.CycleRuleError, match="no longer changes"):
        pdca.record_stage(stage(cycle, Stage.PLAN), qa, note="Changed afterwards")
    assert complete(cycle, Stage.DO, qa).state == CycleState.CHECK


def test_check_needs_two_different_qa_units(world):
    """Seed 000 §4: at least two QA units take part in checking."""
    qa = world.users["qa_manager"]
    cycle = new_cycle(world)
    complete(cycle, Stage.PLAN, qa)
    complete(cycle, Stage.DO, qa)
    pdca.record_stage(stage(cycle, Stage.CHECK), qa, note="Findings of the check.")
    with pytest.raises(pdca.CycleRuleError, match="At least two different QA units") as refused:
        complete(cycle, Stage.CHECK, qa)
    assert "0 recorded so far" in refused.value.messages[0]
    pdca.add_check_unit(cycle, qa, UnitKind.QA_OFFICE, contribution="Analysed the answers.")
    # The same unit twice is still one unit.
    with pytest.raises(pdca.CycleRuleError, match="already takes part"):
        pdca.add_check_unit(cycle, qa, UnitKind.QA_OFFICE)
    with pytest.raises(pdca.CycleRuleError, match="1 recorded so far"):
        complete(cycle, Stage.CHECK, qa)
    pdca.add_check_unit(cycle, qa, UnitKind.BODY, world.committee)
    with pytest.raises(pdca.CycleRuleError, match="already takes part"):
        pdca.add_check_unit(cycle, qa, UnitKind.BODY, world.committee)
    cycle = complete(cycle, Stage.CHECK, qa)
    assert cycle.state == CycleState.ACT
    assert sorted(str(unit) for unit in cycle.check_units.all()) == [
        "QA office",
        "School of Law Committee",
    ]
    # Units are recorded at the Check stage only.
    with pytest.raises(pdca.CycleRuleError, match="at the Check stage"):
        pdca.add_check_unit(cycle, qa, UnitKind.SCHOOL, world.school_a)


def test_check_needs_its_findings(world):
    qa = world.users["qa_manager"]
    cycle = new_cycle(world)
    complete(cycle, Stage.PLAN, qa)
    complete(cycle, Stage.DO, qa)
    pdca.add_check_unit(cycle, qa, UnitKind.QA_OFFICE)
    pdca.add_check_unit(cycle, qa, UnitKind.SCHOOL, world.school_a)
    with pytest.raises(pdca.CycleRuleError, match="findings of the check"):
        complete(cycle, Stage.CHECK, qa)


def test_act_raises_improvement_actions_and_finishes_the_cycle(world):
    qa = world.users["qa_manager"]
    cycle = at_act(world)
    with pytest.raises(pdca.CycleRuleError, match="Raise at least one improvement action"):
        complete(cycle, Stage.ACT, qa)
    action = pdca.raise_act_action(
        cycle,
        world.users["chair"],
        title="Widen the choice of elective courses",
        owner=world.users["dean"],
        school=world.school_a,
        due_date=today() + datetime.timedelta(days=60),
    )
    assert action.source == ActionSource.OTHER
    assert action.source_object == cycle
    assert list(pdca.cycle_actions(cycle)) == [action]
    cycle = complete(cycle, Stage.ACT, qa)
    assert cycle.state == CycleState.FINISHED
    # A finished cycle is a record.
    with pytest.raises(pdca.CycleRuleError, match="finished"):
        pdca.raise_act_action(
            cycle, qa, title="Late", owner=qa, due_date=today() + datetime.timedelta(days=5)
        )
    with pytest.raises(pdca.CycleRuleError, match="finished"):
        pdca.add_evidence(cycle, qa, "Late report", url="https://example.kz/report")
    # Actions are raised at the Act only.
    early = new_cycle(world, period="2026-2027", mechanism=cycle.mechanism)
    with pytest.raises(pdca.CycleRuleError, match="at the Act stage"):
        pdca.raise_act_action(
            early, qa, title="Too early", owner=qa, due_date=today() + datetime.timedelta(days=5)
        )


def test_act_may_follow_a_decision_of_a_responsible_body(world):
    qa = world.users["qa_manager"]
    cycle = at_act(world)
    decision = Decision.objects.create(
        body=world.committee,
        meeting=world.meeting,
        number="1/1",
        date=today(),
        text="Approve the plan of improvements",
    )
    from_decision = ImprovementAction.objects.create(
        title="Publish the plan",
        owner=world.users["teacher"],
        due_date=today() + datetime.timedelta(days=30),
        source=ActionSource.DECISION,
        source_object=decision,
    )
    other_meeting = f.MeetingFactory(body=world.council, number=7)
    elsewhere = Decision.objects.create(
        body=world.council, meeting=other_meeting, number="7/1", date=today(), text="Other"
    )
    with pytest.raises(pdca.CycleRuleError, match="body responsible for the mechanism"):
        pdca.set_act_decision(cycle, qa, elsewhere)
    cycle = pdca.set_act_decision(cycle, world.users["secretary"], decision)
    assert list(pdca.cycle_actions(cycle)) == [from_decision]
    assert complete(cycle, Stage.ACT, qa).is_finished


def test_act_with_a_note_and_no_action(world):
    qa = world.users["qa_manager"]
    cycle = at_act(world)
    pdca.record_stage(stage(cycle, Stage.ACT), qa, note="All targets met: nothing to improve.")
    assert complete(cycle, Stage.ACT, qa).is_finished


def test_officers_of_a_responsible_body_record_the_stages(client, world):
    """Seed 000 §2.2: the committee implements the mechanism; its chair and secretary record
    the stages. Other members and other staff read only."""
    cycle = new_cycle(world)
    url = reverse("documents:stage_complete", args=[cycle.pk, Stage.PLAN])
    for role in ("member", "teacher", "dean", "rector"):
        client.force_login(world.users[role])
        assert client.post(url, {"completed_on": today().isoformat()}).status_code == 403
    client.force_login(world.users["secretary"])
    response = client.post(url, {"completed_on": today().isoformat()})
    assert response.status_code == 302
    assert response["Location"].endswith("#stage-plan")
    assert Cycle.objects.get(pk=cycle.pk).state == CycleState.DO
    done = stage(cycle, Stage.PLAN)
    assert (done.completed_on, done.completed_by) == (today(), world.users["secretary"])
    with pytest.raises(PermissionDenied):
        pdca.complete_stage(stage(cycle, Stage.DO), world.users["member"])
    # The transition is in the audit trail.
    entry = LogEntry.objects.get_for_object(cycle).first()
    assert entry.changes_dict["state"] == ["plan", "do"]


def test_completing_the_check_through_the_page_explains_the_two_units(client, world):
    qa = world.users["qa_manager"]
    cycle = new_cycle(world)
    complete(cycle, Stage.PLAN, qa)
    complete(cycle, Stage.DO, qa)
    client.force_login(world.users["chair"])
    cycle_url = reverse("documents:cycle_detail", args=[cycle.pk])
    client.post(
        reverse("documents:stage_update", args=[cycle.pk, Stage.CHECK]),
        {"check-note": "Teaching quality is high.", "check-planned_start": "2026-04-01"},
    )
    client.post(
        reverse("documents:check_unit_add", args=[cycle.pk]),
        {"kind": "body", "body": world.committee.pk, "contribution": "Read the report"},
    )
    response = client.post(
        reverse("documents:stage_complete", args=[cycle.pk, Stage.CHECK]),
        {"completed_on": today().isoformat()},
        follow=True,
    )
    page = response.content.decode()
    assert "At least two different QA units must take part in the Check stage" in page
    assert "1 recorded so far" in page
    assert Cycle.objects.get(pk=cycle.pk).state == CycleState.CHECK
    # A unit of the chosen kind must be named.
    response = client.post(reverse("documents:check_unit_add", args=[cycle.pk]), {"kind": "school"})
    assert response.context["unit_form"].has_error("school")
    client.post(reverse("documents:check_unit_add", args=[cycle.pk]), {"kind": "qa_office"})
    client.post(
        reverse("documents:stage_complete", args=[cycle.pk, Stage.CHECK]),
        {"completed_on": today().isoformat()},
    )
    assert Cycle.objects.get(pk=cycle.pk).state == CycleState.ACT
    page = client.get(cycle_url).content.decode()
    assert "Teaching quality is high." in page
    assert "Read the report" in page
    assert "QA office" in page


def test_evidence_files_are_checked_like_edition_files(client, world):
    cycle = new_cycle(world)
    client.force_login(world.users["qa_manager"])
    url = reverse("documents:evidence_add", args=[cycle.pk])
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60)
    response = client.post(url, {"title": "Plan", "file": fake})
    assert response.status_code == 200
    assert response.context["evidence_form"].has_error("file", "bad_content")
    response = client.post(url, {"title": "Nothing"})
    assert "Attach a file or give a link." in response.content.decode()
    client.post(url, {"title": "Survey plan", "file": SimpleUploadedFile("plan.pdf", PDF)})
    client.post(url, {"title": "Questionnaire", "url": "forms.example.kz/survey"})
    evidence = {e.title: e for e in StageEvidence.objects.all()}
    assert set(evidence) == {"Survey plan", "Questionnaire"}
    assert {e.stage.stage for e in evidence.values()} == {Stage.PLAN}
    assert evidence["Questionnaire"].url == "https://forms.example.kz/survey"
    file_url = reverse("documents:evidence_file", args=[evidence["Survey plan"].pk])
    client.force_login(world.users["teacher"])
    assert b"".join(client.get(file_url).streaming_content) == PDF
    client.force_login(world.users["student"])
    assert client.get(file_url).status_code == 403


def test_raising_an_act_action_through_the_page(client, world):
    cycle = at_act(world)
    client.force_login(world.users["secretary"])
    url = reverse("documents:cycle_action", args=[cycle.pk])
    page = client.get(url).content.decode()
    assert "Students ask for more choice." in page  # the findings of the Check
    response = client.post(
        url,
        {
            "title": "Open two more elective courses",
            "description": "",
            "owner_email": world.users["dean"].email,
            "school": world.school_a.pk,
            "due_date": (today() + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    action = ImprovementAction.objects.get()
    assert (action.source_object, action.owner) == (cycle, world.users["dean"])
    page = client.get(reverse("documents:cycle_detail", args=[cycle.pk])).content.decode()
    assert "Open two more elective courses" in page
    # Before the Act, the page sends the person back to the cycle.
    early = new_cycle(world, period="2026-2027", mechanism=cycle.mechanism)
    response = client.get(reverse("documents:cycle_action", args=[early.pk]), follow=True)
    assert "Improvement actions are raised at the Act stage." in response.content.decode()


def test_start_a_cycle_page(client, world):
    mechanism = committee_mechanism(world)
    client.force_login(world.users["qa_manager"])
    url = reverse("documents:cycle_create", args=[mechanism.pk])
    response = client.post(url, {"period": "2026-2027"})
    cycle = Cycle.objects.get()
    assert response["Location"] == reverse("documents:cycle_detail", args=[cycle.pk])
    assert cycle.stages.count() == 4
    response = client.post(url, {"period": "2026-2027"})
    assert "already has a cycle for this period" in response.content.decode()


def test_mechanism_list_filters_internal_and_external(client, world):
    internal = committee_mechanism(world, code="QAM-4.1.2", name_en="Syllabus review")
    committee_mechanism(world, code="QAM-4.1.10", name_en="Evaluation of teaching")
    MechanismFactory(
        code="QAM-4.2.1", kind="external", name_en="Atameken ranking", external_party="Atameken"
    )
    new_cycle(world, mechanism=internal)
    client.force_login(world.users["teacher"])
    url = reverse("documents:mechanism_list")
    page = client.get(url).content.decode()
    # Internal first (seed 000 §4.1, then §4.2), codes in natural order.
    assert page.index("Syllabus review") < page.index("Evaluation of teaching")
    assert page.index("Evaluation of teaching") < page.index("Atameken ranking")
    assert "1 (1 running)" in page
    page = client.get(url, {"kind": "external"}).content.decode()
    assert "Atameken ranking" in page and "Syllabus review" not in page
    page = client.get(url, {"kind": "internal"}).content.decode()
    assert "Syllabus review" in page and "Atameken ranking" not in page
    client.force_login(world.users["student"])
    assert client.get(url).status_code == 403


def test_mechanism_page_shows_objectives_documents_calendar_and_cycles(client, world):
    from .factories_documents import DocumentFactory

    mechanism = committee_mechanism(world, objectives_en="Measure satisfaction.")
    policy = DocumentFactory(owner_body=world.committee, approving_body=world.committee)
    mechanism.documents.add(policy)
    new_cycle(world, mechanism=mechanism)
    client.force_login(world.users["rector"])
    page = client.get(reverse("documents:mechanism_detail", args=[mechanism.pk])).content.decode()
    for text in (
        "Measure satisfaction.",
        policy.code,
        "March: survey; May: report",
        "March, May",
        "School of Law Committee",
        "2025-2026",
        "at the Plan stage",
    ):
        assert text in page


def test_an_external_mechanism_names_its_party():
    from django.core.exceptions import ValidationError

    mechanism = MechanismFactory.build(kind="external", months=[3, 13])
    with pytest.raises(ValidationError) as refused:
        mechanism.full_clean()
    assert set(refused.value.message_dict) == {"external_party", "months"}


def test_menu_leads_staff_to_mechanisms_and_inspections(client, world):
    client.force_login(world.users["teacher"])
    page = client.get(reverse("home")).content.decode()
    assert reverse("documents:mechanism_list") in page
    assert reverse("documents:inspection_list") in page
    client.force_login(world.users["student"])
    page = client.get(reverse("home")).content.decode()
    assert reverse("documents:mechanism_list") not in page


def test_removing_a_unit_while_checking(client, world):
    qa = world.users["qa_manager"]
    cycle = new_cycle(world)
    complete(cycle, Stage.PLAN, qa)
    complete(cycle, Stage.DO, qa)
    unit = pdca.add_check_unit(cycle, qa, UnitKind.SCHOOL, world.school_b)
    client.force_login(world.users["teacher"])
    url = reverse("documents:check_unit_remove", args=[unit.pk])
    assert client.post(url).status_code == 403
    client.force_login(qa)
    client.post(url)
    assert not CheckUnit.objects.exists()


def test_qa_office_keeps_mechanisms_and_checklists_in_the_admin(client, world):
    from documents.inspections import plan_inspection

    from .factories_documents import ChecklistTemplateFactory

    mechanism = committee_mechanism(world)
    cycle = new_cycle(world, mechanism=mechanism)
    template = ChecklistTemplateFactory()
    found = plan_inspection(
        world.users["qa_manager"],
        kind="unplanned",
        school=world.school_a,
        date=today(),
        scope="Dean's office",
        inspectors=[world.users["qa_manager"]],
        template=template,
    )
    client.force_login(world.users["qa_manager"])
    for url in (
        reverse("admin:documents_mechanism_changelist"),
        reverse("admin:documents_mechanism_add"),
        reverse("admin:documents_cycle_change", args=[cycle.pk]),
        reverse("admin:documents_checklisttemplate_change", args=[template.pk]),
        reverse("admin:documents_inspection_change", args=[found.pk]),
    ):
        assert client.get(url).status_code == 200, url
    # The months are ticked by name.
    url = reverse("admin:documents_mechanism_change", args=[mechanism.pk])
    page = client.get(url).content.decode()
    assert 'type="checkbox" name="months" value="3"' in page and "September" in page
    response = client.post(
        url,
        {
            "code": mechanism.code,
            "kind": "internal",
            "name_kk": mechanism.name_kk,
            "months": ["9", "1"],
            "bodies": [world.committee.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    mechanism.refresh_from_db()
    assert sorted(mechanism.months) == [1, 9]
    assert mechanism.month_names == ["January", "September"]
    # Cycles are recorded on the portal, not changed in the admin.
    assert client.post(reverse("admin:documents_cycle_change", args=[cycle.pk])).status_code == 403
