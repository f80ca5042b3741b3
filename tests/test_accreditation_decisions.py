"""The end of an accreditation cycle (issue 6): the site visit programme, the agency's
decision written to the register, the experts' recommendations turned into improvement
actions, the follow-up report (page and PDF text) and the demo cycle."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from accreditation import action_plan, agency_decision, cycles
from accreditation.follow_up_export import follow_up_pdf
from accreditation.models import Accreditation, AccreditationKind, Outcome
from accreditation.models.cycles import CycleKind, CycleStatus
from accreditation.models.decisions import StakeholderGroup, VisitMeeting
from governance import actions
from governance.models import ImprovementAction
from governance.models.decisions import ActionSource, ActionStatus

from . import factories as f
from .factories_accreditation import ClauseFactory, FrameworkFactory
from .factories_accreditation_cycles import CycleFactory, MemberFactory
from .factories_accreditation_decisions import VisitMeetingFactory, recommendation
from .factories_accreditation_register import AccreditationFactory
from .factories_documents import PDF
from .test_minutes import pdf_text

pytestmark = pytest.mark.django_db

FUTURE = datetime.date(2099, 6, 30)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _at(cycle, status):
    path = ["start_self_assessment", "submit", "start_visit", "record_decision", "start_follow_up"]
    for step in path:
        if cycle.status == status:
            break
        cycles.move(cycle, step)
    return cycle


@pytest.fixture
def cycle(world):
    framework = FrameworkFactory(code="IAAR-PROG")
    ClauseFactory(framework=framework, code="1")
    found = CycleFactory(framework=framework, kind=CycleKind.PROGRAMME)
    found.programmes.set([world.programme_a, world.programme_b])
    MemberFactory(cycle=found, person=world.users["member"])
    return _at(found, CycleStatus.VISIT)


def _login(client, world, role):
    client.force_login(world.users[role])
    return client


DECISION = {
    "decision_date": "2026-06-10",
    "outcome": Outcome.ACCREDITED,
    "years": "5",
    "valid_from": "2026-06-15",
    "certificate_number": "IAAR-123",
}


# --- the agency's decision and the register ------------------------------------------------


def test_recording_the_decision_writes_one_register_record_per_programme(client, world, cycle):
    certificate = SimpleUploadedFile("cert.pdf", PDF, content_type="application/pdf")
    response = _login(client, world, "qa_manager").post(
        reverse("accreditation:decision_edit", args=[cycle.pk]),
        {**DECISION, "certificate": certificate},
    )
    assert response.status_code == 302
    records = list(Accreditation.objects.filter(cycle=cycle).order_by("programme__code"))
    assert [r.programme for r in records] == sorted(
        [world.programme_a, world.programme_b], key=lambda p: p.code
    )
    for record in records:
        assert record.kind == AccreditationKind.PROGRAMME
        assert record.agency == cycle.agency
        assert record.valid_until == datetime.date(2031, 6, 14)
        assert record.recorded_by == world.users["qa_manager"]
    assert records[0].certificate.name == records[1].certificate.name != ""
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.DECISION
    page = client.get(
        reverse("accreditation:programme_accreditations", args=[records[0].programme.code])
    )
    assert "IAAR-123" in page.content.decode()


def test_recording_again_updates_the_same_records(client, world, cycle):
    client = _login(client, world, "qa_manager")
    url = reverse("accreditation:decision_edit", args=[cycle.pk])
    client.post(url, DECISION)
    client.post(url, {**DECISION, "outcome": Outcome.CONDITIONAL, "years": "3"})
    records = Accreditation.objects.filter(cycle=cycle)
    assert records.count() == 2
    assert {(r.outcome, r.years) for r in records} == {(Outcome.CONDITIONAL, 3)}
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.DECISION


def test_a_record_entered_by_hand_is_linked_not_duplicated(world):
    framework = FrameworkFactory()
    found = CycleFactory(framework=framework, kind=CycleKind.PROGRAMME)
    found.programmes.set([world.programme_a])
    _at(found, CycleStatus.VISIT)
    entered = AccreditationFactory(
        programme=world.programme_a, agency=found.agency, certificate_number="IAAR-77"
    )
    decision = Accreditation(**{**DECISION, "certificate_number": "IAAR-77", "years": 5})
    decision.decision_date = datetime.date(2026, 6, 10)
    decision.valid_from = datetime.date(2026, 6, 15)
    decision.valid_until = datetime.date(2031, 6, 14)
    agency_decision.record(found, decision, world.users["qa_manager"])
    entered.refresh_from_db()
    assert entered.cycle == found
    assert Accreditation.objects.filter(programme=world.programme_a).count() == 1


def test_an_institutional_cycle_writes_one_institutional_record(client, world):
    found = _at(CycleFactory(), CycleStatus.VISIT)
    _login(client, world, "qa_manager").post(
        reverse("accreditation:decision_edit", args=[found.pk]), DECISION
    )
    (record,) = Accreditation.objects.filter(cycle=found)
    assert record.kind == AccreditationKind.INSTITUTIONAL
    assert record.programme is None


def test_a_denied_decision_with_a_period_is_refused(client, world, cycle):
    response = _login(client, world, "qa_manager").post(
        reverse("accreditation:decision_edit", args=[cycle.pk]),
        {**DECISION, "outcome": Outcome.DENIED},
    )
    assert response.status_code == 400
    assert "A denied accreditation has no period of validity." in response.content.decode()
    assert not Accreditation.objects.filter(cycle=cycle).exists()


def test_a_certificate_that_is_not_a_document_is_refused(client, world, cycle):
    bad = SimpleUploadedFile("cert.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = _login(client, world, "qa_manager").post(
        reverse("accreditation:decision_edit", args=[cycle.pk]), {**DECISION, "certificate": bad}
    )
    assert response.status_code == 400
    assert not Accreditation.objects.filter(cycle=cycle).exists()


def test_no_decision_before_the_report_is_submitted(client, world):
    found = CycleFactory()
    response = _login(client, world, "qa_manager").post(
        reverse("accreditation:decision_edit", args=[found.pk]), DECISION
    )
    assert response.status_code == 400
    assert not Accreditation.objects.filter(cycle=found).exists()
    found.refresh_from_db()
    assert found.status == CycleStatus.PLANNING


@pytest.mark.parametrize("role", ["member", "rector", "dean"])
def test_only_the_qa_manager_records_a_decision(client, world, cycle, role):
    response = _login(client, world, role).post(
        reverse("accreditation:decision_edit", args=[cycle.pk]), DECISION
    )
    assert response.status_code == 403
    assert not Accreditation.objects.filter(cycle=cycle).exists()


# --- recommendations and the action plan ---------------------------------------------------


def test_a_recommendation_becomes_an_improvement_action(client, world, cycle):
    clause = cycle.framework.clauses.get(code="1")
    response = _login(client, world, "qa_manager").post(
        reverse("accreditation:recommendation_add", args=[cycle.pk]),
        {
            "text": "Publish the graduates' employment every year.",
            "kind": "condition",
            "clause": clause.pk,
            "owner": world.users["teacher"].pk,
            "due_date": "2099-06-30",
        },
    )
    assert response.status_code == 302
    (item,) = cycle.recommendations.all()
    assert item.clause == clause
    action = actions.actions_from(item).get()
    assert action.source == ActionSource.RECOMMENDATION
    assert action.owner == world.users["teacher"]
    assert action.due_date == FUTURE
    assert action.status == ActionStatus.PLANNED
    assert "Condition" in action.title and "graduates' employment" in action.title
    # The owner now sees it among their actions.
    assert actions.can_view_action(world.users["teacher"], action)


def test_a_due_date_in_the_past_is_refused(client, world, cycle):
    response = _login(client, world, "qa_manager").post(
        reverse("accreditation:recommendation_add", args=[cycle.pk]),
        {
            "text": "x",
            "kind": "recommendation",
            "owner": world.users["teacher"].pk,
            "due_date": "2001-01-01",
        },
    )
    assert response.status_code == 400
    assert "The due date cannot be in the past." in response.content.decode()
    assert not cycle.recommendations.exists()
    assert not ImprovementAction.objects.filter(source=ActionSource.RECOMMENDATION).exists()


def test_the_working_group_reads_the_plan_but_adds_nothing(client, world, cycle):
    client = _login(client, world, "member")
    response = client.post(
        reverse("accreditation:recommendation_add", args=[cycle.pk]),
        {
            "text": "x",
            "kind": "recommendation",
            "owner": world.users["teacher"].pk,
            "due_date": "2099-01-01",
        },
    )
    assert response.status_code == 403
    assert client.get(reverse("accreditation:action_plan", args=[cycle.pk])).status_code == 200


def _plan_with_every_state(cycle, world):
    """One action done with evidence, one in progress, one past its due date."""
    teacher = world.users["teacher"]
    done = recommendation(cycle, teacher, FUTURE, text="Seminars on active learning.")
    running = recommendation(cycle, teacher, FUTURE, text="English to level B2.")
    late = recommendation(
        cycle,
        teacher,
        datetime.date(2026, 1, 31),
        text="Track employment.",
        today=datetime.date(2026, 1, 1),
    )
    action = actions.start(actions.actions_from(done).get(), teacher)
    actions.mark_done(action, teacher, evidence="Three seminars held for 24 teachers.")
    actions.start(actions.actions_from(running).get(), teacher)
    return done, running, late


def test_the_action_plan_shows_status_evidence_and_delays(client, world, cycle):
    _plan_with_every_state(cycle, world)
    page = (
        _login(client, world, "rector")
        .get(reverse("accreditation:action_plan", args=[cycle.pk]))
        .content.decode()
    )
    assert "Three seminars held for 24 teachers." in page
    assert page.count("overdue") >= 1
    assert "Done: 1; in progress: 1; overdue: 1 (of 3 actions)." in page
    rows = action_plan.plan(cycle)
    assert [row.state for row in rows] == ["done", "in_progress", "overdue"]


def test_the_follow_up_pdf_matches_the_actions(world, cycle, tmp_path):
    _plan_with_every_state(cycle, world)
    agency_decision.record(
        cycle,
        Accreditation(
            decision_date=datetime.date(2026, 6, 10),
            outcome=Outcome.ACCREDITED,
            years=5,
            valid_from=datetime.date(2026, 6, 15),
            certificate_number="IAAR-555",
        ),
        world.users["qa_manager"],
    )
    text = pdf_text(follow_up_pdf(cycle), tmp_path)
    assert "Done: 1; in progress: 1; overdue: 1 (of 3 actions)." in text
    assert "Three seminars held for 24 teachers." in text
    assert "IAAR-555" in text
    for phrase in ("Seminars on active learning.", "English to level B2.", "Track employment."):
        assert phrase in text
    assert text.count("In progress") >= 1 and "overdue" in text


def test_the_follow_up_report_is_the_cycle_readers(client, world, cycle):
    url = reverse("accreditation:follow_up_report_pdf", args=[cycle.pk])
    assert _login(client, world, "member").get(url)["Content-Type"] == "application/pdf"
    assert _login(client, world, "teacher").get(url).status_code == 403


# --- the site visit ------------------------------------------------------------------------


MEETING = {
    "date": "2027-04-14",
    "starts_at": "10:00",
    "ends_at": "11:00",
    "group": StakeholderGroup.EMPLOYERS,
    "room": "B-12",
    "other_participants": "Aigerim Sadykova\nOlga Li",
    "note": "Bring the employers' survey.",
}


def test_the_qa_manager_plans_the_visit_and_readers_see_it(client, world, cycle):
    response = _login(client, world, "qa_manager").post(
        reverse("accreditation:visit_meeting_add", args=[cycle.pk]),
        {**MEETING, "participants": [world.users["student"].pk]},
    )
    assert response.status_code == 302
    meeting = VisitMeeting.objects.get(cycle=cycle)
    assert meeting.other_names == ["Aigerim Sadykova", "Olga Li"]
    for name in ("accreditation:visit_schedule", "accreditation:visit_print"):
        page = _login(client, world, "member").get(reverse(name, args=[cycle.pk])).content.decode()
        assert "Employers" in page and "B-12" in page and "Olga Li" in page
        assert str(world.users["student"]) in page
    schedule = client.get(reverse("accreditation:visit_schedule", args=[cycle.pk]))
    assert (
        reverse("accreditation:visit_meeting_edit", args=[meeting.pk])
        not in schedule.content.decode()
    )


def test_a_meeting_must_end_after_it_starts(client, world, cycle):
    response = _login(client, world, "qa_manager").post(
        reverse("accreditation:visit_meeting_add", args=[cycle.pk]),
        {**MEETING, "ends_at": "09:00"},
    )
    assert response.status_code == 400
    assert "The meeting must end after it starts." in response.content.decode()
    assert not VisitMeeting.objects.exists()


def test_the_qa_manager_edits_and_removes_a_meeting(client, world, cycle):
    meeting = VisitMeetingFactory(cycle=cycle)
    client = _login(client, world, "qa_manager")
    client.post(
        reverse("accreditation:visit_meeting_edit", args=[meeting.pk]),
        {**MEETING, "room": "Hall 2"},
    )
    meeting.refresh_from_db()
    assert (meeting.room, meeting.group) == ("Hall 2", StakeholderGroup.EMPLOYERS)
    client.post(reverse("accreditation:visit_meeting_remove", args=[meeting.pk]))
    assert not VisitMeeting.objects.exists()


def test_an_expert_on_the_panel_reads_the_programme_not_the_cycle(client, world, cycle):
    """Seed 002 S10.St3: the panel works from the visit programme; the rest is the cycle's."""
    expert, student = world.users["external_expert"], world.users["student"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    VisitMeetingFactory(cycle=cycle, date=tomorrow, participants=[expert, student], room="B-12")
    schedule = reverse("accreditation:visit_schedule", args=[cycle.pk])
    home = _login(client, world, "external_expert").get(reverse("home")).content.decode()
    assert schedule in home  # the dashboard's meeting links to the programme
    page = client.get(schedule).content.decode()
    assert "B-12" in page and cycle.title in page
    assert f'href="{reverse("accreditation:cycle_detail", args=[cycle.pk])}"' not in page
    assert client.get(reverse("accreditation:visit_print", args=[cycle.pk])).status_code == 200
    assert client.get(reverse("accreditation:cycle_detail", args=[cycle.pk])).status_code == 403
    # Someone interviewed at the visit is not on the panel.
    assert _login(client, world, "student").get(schedule).status_code == 403


@pytest.mark.parametrize("role", ["member", "rector"])
def test_readers_do_not_change_the_visit(client, world, cycle, role):
    meeting = VisitMeetingFactory(cycle=cycle, room="A-1")
    client = _login(client, world, role)
    add = client.post(reverse("accreditation:visit_meeting_add", args=[cycle.pk]), MEETING)
    edit = client.post(
        reverse("accreditation:visit_meeting_edit", args=[meeting.pk]), {**MEETING, "room": "X"}
    )
    remove = client.post(reverse("accreditation:visit_meeting_remove", args=[meeting.pk]))
    assert (add.status_code, edit.status_code, remove.status_code) == (403, 403, 403)
    meeting.refresh_from_db()
    assert meeting.room == "A-1"
    assert VisitMeeting.objects.count() == 1


# --- the demo ------------------------------------------------------------------------------


def test_the_demo_cycle_is_finished_with_a_decision_and_a_plan(world):
    from accreditation import demo_register
    from accreditation.demo import seed_agencies
    from accreditation.demo_decisions import seed_decisions
    from accreditation.framework_import import load_shipped
    from governance import demo_data as data
    from governance.roles import Role

    seed_agencies()
    load_shipped()
    f.UserFactory(email=f"{data.QA_MANAGER.login}@{data.DEMO_DOMAIN}", roles=[Role.QA_MANAGER])
    f.teacher(world.school_a, email="teacher1@demo.edu.kz")
    demo_register.seed_accreditations(timezone.localdate())
    before = Accreditation.objects.count()
    assert "created" in seed_decisions()[0]
    actions_before = ImprovementAction.objects.count()
    assert "unchanged" in seed_decisions()[0]
    assert ImprovementAction.objects.count() == actions_before
    assert Accreditation.objects.count() == before  # the register's record is linked
    (record,) = Accreditation.objects.exclude(cycle=None)
    cycle = record.cycle
    assert cycle.status == CycleStatus.FOLLOW_UP
    assert record.programme.code.startswith("6B")
    assert (record.outcome, record.years) == (Outcome.ACCREDITED, 5)
    assert cycle.visit_meetings.count() == 5
    rows = action_plan.plan(cycle)
    assert len(rows) == 4
    assert sorted(row.state for row in rows) == ["done", "done", "in_progress", "overdue"]
    assert all(row.action.source == ActionSource.RECOMMENDATION for row in rows)
    assert all(row.action.evidence for row in rows if row.state == "done")


def test_the_decision_is_taken_on_its_page_not_by_a_bare_step(client, world, cycle):
    """At the visit the cycle page offers no "record the decision" step: the decision page
    writes the register and takes it."""
    _login(client, world, "qa_manager")
    page = client.get(reverse("accreditation:cycle_detail", args=[cycle.pk]))
    assert 'value="record_decision"' not in page.content.decode()
    url = reverse("accreditation:cycle_transition", args=[cycle.pk])
    client.post(url, {"step": "record_decision"})
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.VISIT
