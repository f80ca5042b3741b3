"""Accreditation cycles (issue 6): status steps and the sections they open, readiness, who
edits a section, evidence links (a survey result below the minimum is refused), the exported
report (PDF text, XLSX rows) and the demo cycle."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accreditation import cycles
from accreditation.models import Level
from accreditation.models.cycles import Cycle, CycleStatus, MilestoneKind
from accreditation.models.sar import Evidence, EvidenceKind, Section, SectionStatus
from accreditation.readiness import readiness
from accreditation.sar_export import sar_pdf
from documents.models import EditionStatus

from . import factories as f
from .factories_accreditation import ClauseFactory, FrameworkFactory
from .factories_accreditation_cycles import (
    CycleFactory,
    EvidenceFactory,
    MemberFactory,
    MilestoneFactory,
)
from .factories_documents import PDF, EditionFactory
from .factories_results import course_evaluation_answered
from .test_minutes import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def framework():
    """Standard 1 divided into criteria 1.1 (with a sub-criterion) and 1.2; standard 2 not
    divided."""
    framework = FrameworkFactory(code="IAAR-2024")
    one = ClauseFactory(framework=framework, code="1", title_en="Governance")
    first = ClauseFactory(framework=framework, parent=one, code="1.1", title_en="Mission")
    ClauseFactory(framework=framework, parent=first, code="1.1.1", title_en="Published mission")
    ClauseFactory(framework=framework, parent=one, code="1.2", title_en="Strategy")
    ClauseFactory(framework=framework, code="2", title_en="Programmes")
    return framework


@pytest.fixture
def cycle(world, framework):
    """A cycle with the committee member writing 1.1 and the teacher leading the group."""
    found = CycleFactory(framework=framework, title_en="Institutional accreditation 2027")
    mission = framework.clauses.get(code="1.1")
    MemberFactory(cycle=found, person=world.users["member"], clauses=[mission])
    MemberFactory(cycle=found, person=world.users["teacher"], is_lead=True)
    MilestoneFactory(
        cycle=found,
        kind=MilestoneKind.SECTION_DEADLINE,
        clause=mission,
        date=datetime.date(2027, 1, 15),
    )
    MilestoneFactory(cycle=found, date=datetime.date(2027, 3, 1))
    return found


def _section(cycle, code):
    return cycle.sections.get(clause__code=code)


# --- status steps ---------------------------------------------------------------------------


def test_self_assessment_opens_a_section_per_criterion_with_owner_and_due_date(cycle, world):
    assert cycle.sections.count() == 0
    cycles.move(cycle, "start_self_assessment")
    assert cycle.status == CycleStatus.SELF_ASSESSMENT
    codes = list(cycle.sections.order_by("clause__position").values_list("clause__code", flat=True))
    # Criteria of a divided standard, the undivided standard itself; no sub-criteria.
    assert codes == ["1.1", "1.2", "2"]
    mission = _section(cycle, "1.1")
    assert mission.owner == world.users["member"]
    assert mission.due_date == datetime.date(2027, 1, 15)
    strategy = _section(cycle, "1.2")
    assert strategy.owner is None
    assert strategy.due_date == datetime.date(2027, 3, 1)


def test_the_cycle_moves_through_its_states_in_order(cycle):
    with pytest.raises(ValueError):
        cycles.move(cycle, "submit")
    steps = [
        "start_self_assessment",
        "submit",
        "start_visit",
        "record_decision",
        "start_follow_up",
        "close",
    ]
    for step in steps:
        cycles.move(cycle, step)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED
    assert cycles.next_steps(cycle) == []


def test_the_qa_manager_moves_the_cycle_on_the_page(client, world, cycle):
    client.force_login(world.users["qa_manager"])
    url = reverse("accreditation:cycle_transition", args=[cycle.pk])
    response = client.post(url, {"step": "start_self_assessment"}, follow=True)
    assert "The cycle is now at: Self-assessment." in response.text
    response = client.post(url, {"step": "close"}, follow=True)
    assert "The cycle cannot take this step now." in response.text
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.SELF_ASSESSMENT
    client.force_login(world.users["rector"])
    assert client.post(url, {"step": "submit"}).status_code == 403


def test_a_member_added_later_takes_the_sections_of_their_criteria(client, world, cycle):
    cycles.move(cycle, "start_self_assessment")
    strategy = cycle.framework.clauses.get(code="1.2")
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("accreditation:member_add", args=[cycle.pk]),
        {"person": world.users["chair"].pk, "clauses": [strategy.pk]},
    )
    assert response.status_code == 302
    assert _section(cycle, "1.2").owner == world.users["chair"]


# --- readiness -----------------------------------------------------------------------------


def test_readiness_counts_criteria_done_with_evidence(cycle, world):
    cycles.move(cycle, "start_self_assessment")
    mission, strategy, programmes = (_section(cycle, code) for code in ("1.1", "1.2", "2"))
    Section.objects.filter(pk__in=[mission.pk, strategy.pk]).update(status=SectionStatus.DONE)
    EvidenceFactory(section=mission)
    EvidenceFactory(section=programmes)  # evidence, but not done
    Section.objects.filter(pk=programmes.pk).update(owner=world.users["member"])
    result = readiness(cycles.sections_with_counts(cycle.sections.all()))
    assert result.by_section == {mission.pk: True, strategy.pk: False, programmes.pk: False}
    assert (result.overall.ready, result.overall.total, result.overall.percent) == (1, 3, 33)
    member = result.by_owner[world.users["member"]]
    assert (member.ready, member.total, member.percent) == (1, 2, 50)
    assert result.by_owner[None].percent == 0
    assert result.owners[-1][0] is None


def test_readiness_of_no_sections_is_zero():
    assert readiness([]).overall.percent == 0


# --- who edits a section -------------------------------------------------------------------


def _write(client, section, **extra):
    data = {
        "narrative_kk": "Миссия жарияланған.",
        "narrative_ru": "",
        "narrative_en": "The mission is published.",
        "strengths": "Clear mission",
        "weaknesses": "",
        "opportunities": "",
        "threats": "",
        "status": SectionStatus.DRAFTING,
        **extra,
    }
    return client.post(reverse("accreditation:section_edit", args=[section.pk]), data)


def test_the_owner_writes_their_section_and_others_may_not(client, world, cycle):
    cycles.move(cycle, "start_self_assessment")
    mission, strategy = _section(cycle, "1.1"), _section(cycle, "1.2")
    client.force_login(world.users["member"])
    assert _write(client, mission).status_code == 302
    mission.refresh_from_db()
    assert mission.narrative_en == "The mission is published."
    assert mission.status == SectionStatus.DRAFTING
    # Not their criterion; not on the working group; the rector reads only.
    assert _write(client, strategy).status_code == 403
    for role in ("chair", "rector"):
        client.force_login(world.users[role])
        assert _write(client, mission, narrative_en="Overwritten").status_code == 403
    # The lead writes every section.
    client.force_login(world.users["teacher"])
    assert _write(client, strategy).status_code == 302
    mission.refresh_from_db()
    assert mission.narrative_en == "The mission is published."


def test_sections_are_locked_once_the_report_is_submitted(client, world, cycle):
    cycles.move(cycle, "start_self_assessment")
    cycles.move(cycle, "submit")
    mission = _section(cycle, "1.1")
    client.force_login(world.users["member"])
    assert client.get(reverse("accreditation:section_edit", args=[mission.pk])).status_code == 200
    assert _write(client, mission).status_code == 403


def test_a_section_is_not_done_without_a_narrative(client, world, cycle):
    cycles.move(cycle, "start_self_assessment")
    mission = _section(cycle, "1.1")
    client.force_login(world.users["member"])
    response = _write(client, mission, narrative_kk="", narrative_en="", status=SectionStatus.DONE)
    assert response.status_code == 200
    assert "Write the narrative before marking the section as done." in response.text
    mission.refresh_from_db()
    assert mission.status == SectionStatus.NOT_STARTED


# --- evidence ------------------------------------------------------------------------------


def _add_evidence(client, section, htmx=False, **data):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("accreditation:evidence_add", args=[section.pk]), data, **headers)


def test_a_survey_result_below_the_minimum_is_refused(client, world, cycle):
    """Three students per course: school B's three respondents are below the minimum of five
    (and school A is hidden with them); the whole campaign's nine are shown."""
    campaign, _questions = course_evaluation_answered(world, extra_students=2)
    assert campaign.min_respondents == 5
    cycles.move(cycle, "start_self_assessment")
    mission = _section(cycle, "1.1")
    client.force_login(world.users["member"])
    response = _add_evidence(
        client,
        mission,
        htmx=True,
        kind=EvidenceKind.SURVEY,
        campaign=campaign.pk,
        survey_school=world.school_b.pk,
    )
    assert response.status_code == 200
    assert "These survey results cannot be evidence." in response.text
    assert "fewer than 5 people answered" in response.text
    assert not Evidence.objects.exists()
    response = _add_evidence(
        client, mission, htmx=True, kind=EvidenceKind.SURVEY, campaign=campaign.pk
    )
    assert response.status_code == 200
    linked = Evidence.objects.get()
    assert (linked.campaign, linked.survey_school) == (campaign, None)
    assert "Whole university" in response.text


def test_only_a_published_edition_is_evidence(client, world, cycle):
    cycles.move(cycle, "start_self_assessment")
    mission = _section(cycle, "1.1")
    draft = EditionFactory(status=EditionStatus.DRAFT)
    client.force_login(world.users["member"])
    response = _add_evidence(
        client, mission, htmx=True, kind=EvidenceKind.EDITION, edition=draft.pk
    )
    assert "Select a valid choice" in response.text
    published = EditionFactory(status=EditionStatus.PUBLISHED)
    response = _add_evidence(
        client, mission, kind=EvidenceKind.EDITION, edition=published.pk, note="The policy"
    )
    assert response.status_code == 302
    assert Evidence.objects.get().edition == published


def test_an_uploaded_file_is_checked_and_downloaded_by_readers(client, world, cycle):
    cycles.move(cycle, "start_self_assessment")
    mission = _section(cycle, "1.1")
    client.force_login(world.users["member"])
    fake = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 not a pdf")
    response = _add_evidence(client, mission, htmx=True, kind=EvidenceKind.FILE, file=fake)
    assert not Evidence.objects.exists()
    assert "has-error" in response.text
    real = SimpleUploadedFile("minutes.pdf", PDF)
    _add_evidence(client, mission, kind=EvidenceKind.FILE, file=real)
    item = Evidence.objects.get()
    assert item.added_by == world.users["member"]
    url = reverse("accreditation:evidence_file", args=[item.pk])
    assert b"".join(client.get(url).streaming_content) == PDF
    client.force_login(world.users["student"])
    assert client.get(url).status_code == 403


def test_evidence_without_its_record_is_refused(client, world, cycle):
    cycles.move(cycle, "start_self_assessment")
    client.force_login(world.users["member"])
    response = _add_evidence(client, _section(cycle, "1.1"), htmx=True, kind=EvidenceKind.DECISION)
    assert "Choose what this evidence is." in response.text
    assert not Evidence.objects.exists()


def test_the_owner_removes_evidence(client, world, cycle):
    cycles.move(cycle, "start_self_assessment")
    item = EvidenceFactory(section=_section(cycle, "1.1"))
    client.force_login(world.users["chair"])
    url = reverse("accreditation:evidence_remove", args=[item.pk])
    assert client.post(url).status_code == 403
    client.force_login(world.users["member"])
    assert client.post(url, HTTP_HX_REQUEST="true").status_code == 200
    assert not Evidence.objects.exists()


# --- export --------------------------------------------------------------------------------


def _written(cycle, world):
    cycles.move(cycle, "start_self_assessment")
    mission = _section(cycle, "1.1")
    mission.narrative_en = "Our mission is published on the website."
    mission.strengths = "A mission known to every student"
    mission.status = SectionStatus.DONE
    mission.save()
    EvidenceFactory(section=mission, note="Rector's order on the mission")
    return mission


def test_the_report_pdf_has_contents_sections_and_evidence(cycle, world, tmp_path):
    _written(cycle, world)
    text = pdf_text(sar_pdf(cycle), tmp_path)
    assert "Self-assessment report" in text
    assert "Institutional accreditation 2027" in text
    assert "Contents" in text
    for heading in ("1.1 Mission", "1.2 Strategy", "2 Programmes"):
        assert text.count(heading) >= 2  # in the contents and as a section
    assert "Our mission is published on the website." in text
    assert "A mission known to every student" in text
    assert "List of evidence" in text
    assert "evidence" in text and "Rector's order on the mission" in text
    assert "page 1 of" in text


def test_the_report_xlsx_has_a_row_per_criterion(client, world, cycle):
    _written(cycle, world)
    client.force_login(world.users["rector"])
    response = client.get(reverse("accreditation:sar_xlsx", args=[cycle.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    codes = [row[0] for row in rows[5:]]
    assert codes == ["1.1", "1.2", "2"]
    assert rows[5][4] == "Our mission is published on the website."
    evidence = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert evidence[1][0] == "1.1" and evidence[1][3] == "Rector's order on the mission"


# --- pages ---------------------------------------------------------------------------------


def test_the_board_shows_readiness_milestones_and_overdue_sections(client, world, cycle):
    _written(cycle, world)
    Section.objects.filter(clause__code="1.2").update(due_date=datetime.date(2020, 1, 1))
    client.force_login(world.users["qa_manager"])
    page = client.get(reverse("accreditation:cycle_board")).text
    assert "Institutional accreditation 2027" in page
    assert "33%" in page
    assert "Self-assessment report due" in page
    assert "1.2 Strategy" in page  # overdue
    assert "1.1 Mission" not in page  # done


def test_my_criteria_lists_the_sections_a_member_writes(client, world, cycle):
    cycles.move(cycle, "start_self_assessment")
    client.force_login(world.users["member"])
    page = client.get(reverse("accreditation:my_criteria")).text
    assert "1.1 Mission" in page
    assert "1.2 Strategy" not in page
    client.force_login(world.users["student"])
    assert "You write no criteria" in client.get(reverse("accreditation:my_criteria")).text


def test_the_cycle_page_offers_the_next_step_to_the_qa_manager_only(client, world, cycle):
    client.force_login(world.users["qa_manager"])
    assert (
        "Start the self-assessment"
        in client.get(reverse("accreditation:cycle_detail", args=[cycle.pk])).text
    )
    client.force_login(world.users["member"])
    page = client.get(reverse("accreditation:cycle_detail", args=[cycle.pk])).text
    assert "Start the self-assessment" not in page
    assert "one per criterion, when the self-assessment starts" in page


def test_a_milestone_names_a_criterion_of_the_cycle_only(client, world, cycle):
    other = ClauseFactory(framework=FrameworkFactory(code="OTHER"), code="9")
    client.force_login(world.users["qa_manager"])
    url = reverse("accreditation:milestone_add", args=[cycle.pk])
    client.post(url, {"kind": MilestoneKind.SECTION_DEADLINE, "date": "2027-02-01"})
    client.post(
        url, {"kind": MilestoneKind.SECTION_DEADLINE, "clause": other.pk, "date": "2027-02-01"}
    )
    assert cycle.milestones.count() == 2
    client.post(url, {"kind": MilestoneKind.SITE_VISIT, "date": "2027-05-10"})
    assert cycle.milestones.filter(kind=MilestoneKind.SITE_VISIT).exists()


# --- demo ----------------------------------------------------------------------------------


def test_the_demo_cycle_is_in_self_assessment_with_ready_sections(world):
    from accreditation.demo import seed_agencies
    from accreditation.demo_cycles import TITLE_KK, seed_cycles
    from accreditation.framework_import import load_shipped

    seed_agencies()
    load_shipped()
    EditionFactory(status=EditionStatus.PUBLISHED)
    for email in ("teacher1@demo.edu.kz", "teacher2@demo.edu.kz"):
        f.teacher(world.school_a, email=email)
    assert "created" in seed_cycles()[0]
    assert "unchanged" in seed_cycles()[0]
    cycle = Cycle.objects.get(title_kk=TITLE_KK)
    assert cycle.status == CycleStatus.SELF_ASSESSMENT
    assert cycle.sections.count() == cycle.framework.clauses.filter(depth=Level.STANDARD).count()
    result = readiness(cycles.sections_with_counts(cycle.sections.all()))
    assert result.overall.ready == 3
    assert _section(cycle, "S1").owner.email == "teacher1@demo.edu.kz"
