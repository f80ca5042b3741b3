"""Read-acknowledgement campaigns (issue 5; seed 002 §3.3: staff acknowledge a document within
10 working days): launch, acknowledgement, reminders and the acknowledgement sheet."""

import datetime
import io

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from documents import acknowledgements as rules
from documents.calendar import working_days_after
from documents.models import AckCampaign, Acknowledgement, EditionStatus, TargetKind

from . import factories as f
from .factories_documents import DocumentFactory, EditionFactory
from .test_minutes import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages and pages in English (Kazakh is the default language)."""
    with translation.override("en"):
        yield


def published(world, **kwargs):
    document = DocumentFactory(
        owner_body=world.council, approving_body=world.council, title_en="IQA System", **kwargs
    )
    return EditionFactory(document=document, number=1, status=EditionStatus.PUBLISHED)


def emails(campaign):
    return sorted(campaign.acknowledgements.values_list("person__email", flat=True))


def test_working_days_skip_weekends():
    friday = datetime.date(2026, 11, 20)
    assert working_days_after(friday, 1) == datetime.date(2026, 11, 23)
    assert working_days_after(friday, 10) == datetime.date(2026, 12, 4)
    assert working_days_after(datetime.date(2026, 11, 21), 10) == datetime.date(2026, 12, 4)
    assert working_days_after(datetime.date(2026, 12, 4), -3) == datetime.date(2026, 12, 1)


def test_launch_materialises_the_recipients_of_each_target(world):
    edition = published(world)
    qa = world.users["qa_manager"]
    department = f.DepartmentFactory(school=world.school_a)
    lecturer = f.UserFactory(email="lecturer@uni.example.kz")
    f.StaffProfileFactory(user=lecturer, school=world.school_a, department=department)
    f.StaffProfileFactory(
        user=f.UserFactory(email="economist@uni.example.kz"), school=world.school_b
    )
    school_a = ["chair@uni.example.kz", "lecturer@uni.example.kz", "member@uni.example.kz"]
    school_a.append("teacher@uni.example.kz")

    by_school = rules.launch(edition, qa, TargetKind.SCHOOL, world.school_a)
    assert emails(by_school) == school_a
    by_department = rules.launch(edition, qa, TargetKind.DEPARTMENT, department)
    assert emails(by_department) == ["lecturer@uni.example.kz"]
    everyone = rules.launch(edition, qa, TargetKind.ALL_STAFF)
    assert emails(everyone) == sorted([*school_a, "economist@uni.example.kz"])
    by_body = rules.launch(edition, qa, TargetKind.BODY, world.committee)
    assert emails(by_body) == [
        "chair@uni.example.kz",
        "member@uni.example.kz",
        "secretary@uni.example.kz",
    ]
    # Written down at launch: who joins the school later is not asked.
    f.teacher(world.school_a, email="newcomer@uni.example.kz")
    assert emails(by_school) == school_a


def test_default_deadline_is_ten_working_days(client, world):
    edition = published(world)
    client.force_login(world.users["qa_manager"])
    page = client.get(reverse("documents:ack_launch", args=[edition.pk]))
    expected = working_days_after(timezone.localdate(), 10)
    assert f'value="{expected:%Y-%m-%d}"' in page.content.decode()
    response = client.post(
        reverse("documents:ack_launch", args=[edition.pk]),
        {"target_kind": "body", "body": world.committee.pk, "deadline": f"{expected:%Y-%m-%d}"},
    )
    campaign = AckCampaign.objects.get()
    assert response.url == reverse("documents:ack_campaign", args=[campaign.pk])
    assert campaign.deadline == expected
    assert expected.weekday() < 5
    assert (expected - timezone.localdate()).days >= 12  # two weekends at least


def test_only_the_qa_manager_launches(client, world):
    edition = published(world)
    data = {"target_kind": "all_staff", "deadline": "2026-12-07"}
    for role in ("chair", "secretary", "rector", "teacher"):
        client.force_login(world.users[role])
        response = client.post(reverse("documents:ack_launch", args=[edition.pk]), data)
        assert response.status_code == 403
    assert not AckCampaign.objects.exists()
    detail = reverse("documents:document_detail", args=[edition.document_id])
    client.force_login(world.users["rector"])
    assert "Launch acknowledgement" not in client.get(detail).content.decode()
    client.force_login(world.users["qa_manager"])
    assert "Launch acknowledgement" in client.get(detail).content.decode()


def test_a_draft_is_not_sent_for_acknowledgement(client, world):
    draft = EditionFactory(document=published(world).document, number=2)
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("documents:ack_launch", args=[draft.pk]),
        {"target_kind": "all_staff", "deadline": "2026-12-07"},
    )
    assert "Only a published edition" in response.content.decode()
    assert not AckCampaign.objects.exists()


def test_acknowledge_is_idempotent_and_only_for_recipients(client, world):
    edition = published(world, staff_only=True)
    campaign = rules.launch(edition, world.users["qa_manager"], TargetKind.BODY, world.committee)
    member = world.users["member"]
    client.force_login(member)
    # A recipient reads the staff-only file and sees it waiting.
    assert client.get(reverse("documents:edition_file", args=[edition.pk])).status_code == 200
    page = client.get(reverse("documents:ack_mine")).content.decode()
    assert "IQA System" in page and "I have read and understood" in page
    assert "To acknowledge" in page

    url = reverse("documents:acknowledge", args=[campaign.pk])
    client.post(url)
    row = Acknowledgement.objects.get(campaign=campaign, person=member)
    first = row.acknowledged_at
    assert first is not None
    response = client.post(url, follow=True)
    assert "already acknowledged" in response.content.decode()
    row.refresh_from_db()
    assert row.acknowledged_at == first
    page = client.get(reverse("documents:ack_mine")).content.decode()
    assert "No document is waiting" in page
    assert "To acknowledge" not in page

    client.force_login(world.users["teacher"])
    assert client.post(url).status_code == 403
    assert client.get(reverse("documents:edition_file", args=[edition.pk])).status_code == 403
    assert not Acknowledgement.objects.filter(person=world.users["teacher"]).exists()


def test_reminders_once_and_not_to_those_who_acknowledged(world):
    edition = published(world)
    deadline = datetime.date(2026, 12, 4)  # a Friday
    campaign = rules.launch(
        edition, world.users["qa_manager"], TargetKind.BODY, world.committee, deadline=deadline
    )
    rules.acknowledge(campaign, world.users["chair"])
    before = datetime.date(2026, 12, 1)  # 3 working days before
    assert rules.send_reminders(datetime.date(2026, 11, 30)) == 0
    assert rules.send_reminders(before) == 2
    assert rules.send_reminders(before) == 0  # a doubled beat sends nothing more
    addresses = sorted(address for message in mail.outbox for address in message.to)
    assert addresses == ["member@uni.example.kz", "secretary@uni.example.kz"]
    assert edition.document.code in mail.outbox[0].body
    assert "/documents/acknowledgements/" in mail.outbox[0].body
    assert rules.send_reminders(datetime.date(2026, 12, 2)) == 0
    rules.acknowledge(campaign, world.users["member"])
    assert rules.send_reminders(deadline) == 1
    assert rules.send_reminders(deadline) == 0
    assert rules.send_reminders(datetime.date(2026, 12, 7)) == 0  # after the deadline
    assert len(mail.outbox) == 3


def sheet_campaign(world):
    edition = published(world, code="СІҚЖ-2024")
    campaign = rules.launch(
        edition,
        world.users["qa_manager"],
        TargetKind.BODY,
        world.committee,
        deadline=datetime.date(2026, 11, 2),
    )
    when = timezone.make_aware(datetime.datetime(2026, 10, 28, 10, 30))
    rules.acknowledge(campaign, world.users["chair"], now=when)
    return campaign


def test_campaign_page_shows_progress_and_overdue(client, world):
    campaign = sheet_campaign(world)
    client.force_login(world.users["rector"])
    page = client.get(reverse("documents:ack_campaign", args=[campaign.pk])).content.decode()
    assert "1 of 3 (33%)" in page
    assert str(world.users["chair"]) in page
    assert page.count("Overdue") == 2
    detail = client.get(reverse("documents:document_detail", args=[campaign.edition.document_id]))
    assert "1 of 3" in detail.content.decode()


def test_sheet_pdf_and_xlsx_hold_names_and_dates(client, world, tmp_path):
    campaign = sheet_campaign(world)
    client.force_login(world.users["qa_manager"])
    response = client.get(reverse("documents:ack_campaign_pdf", args=[campaign.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "СІҚЖ-2024" in text
    for role in ("chair", "member", "secretary"):
        assert str(world.users[role]) in text
    assert "10/28/2026" in text or "2026-10-28" in text or "28.10.2026" in text
    assert "page 1 of 1" in text

    response = client.get(reverse("documents:ack_campaign_xlsx", args=[campaign.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[1]: row[2:] for row in sheet.iter_rows(min_row=8, values_only=True)}
    assert rows[str(world.users["chair"])] == (
        datetime.datetime(2026, 10, 28, 10, 30),
        "Acknowledged",
    )
    assert rows[str(world.users["member"])] == (None, "Overdue")


def test_dashboard_lists_pending_acknowledgements(client, world):
    campaign = sheet_campaign(world)
    client.force_login(world.users["member"])
    page = client.get(reverse("home")).content.decode()
    assert "Documents to acknowledge" in page
    assert campaign.edition.document.code in page
    client.force_login(world.users["chair"])
    assert "Documents to acknowledge" not in client.get(reverse("home")).content.decode()


def test_demo_campaign_is_under_way_and_seeded_once(world):
    from documents.demo import ACK_DOCUMENT, seed_acknowledgements, seed_documents
    from governance.models import Decision

    council_meeting = f.MeetingFactory(body=world.council, number=1, status="published")
    Decision.objects.create(
        body=world.council,
        meeting=council_meeting,
        number="C-1",
        date=datetime.date(2025, 6, 1),
        text="Құжаттарды бекіту",
    )
    seed_documents()
    assert seed_acknowledgements() == "created"
    campaign = AckCampaign.objects.get()
    assert campaign.edition.document.code == ACK_DOCUMENT
    assert campaign.deadline > timezone.localdate()
    states = [row.acknowledged_at is not None for row in campaign.acknowledgements.all()]
    assert True in states and False in states
    assert seed_acknowledgements() == "unchanged"
    assert AckCampaign.objects.count() == 1


def test_a_reminder_that_fails_to_send_is_tried_again(world, monkeypatch):
    """Like the improvement actions' reminders (governance.tasks.actions): the claim is undone
    with the e-mail that could not be sent, so the next run sends it."""
    edition = published(world)
    deadline = datetime.date(2026, 12, 4)
    rules.launch(
        edition, world.users["qa_manager"], TargetKind.BODY, world.committee, deadline=deadline
    )
    reminder_day = datetime.date(2026, 12, 1)

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(EmailMessage, "send", broken)
    assert rules.send_reminders(reminder_day) == 0
    assert not Acknowledgement.objects.filter(reminded_on=reminder_day).exists()
    monkeypatch.undo()
    assert rules.send_reminders(reminder_day) == 3
    sent = sorted(address for message in mail.outbox for address in message.to)
    assert sent == ["chair@uni.example.kz", "member@uni.example.kz", "secretary@uni.example.kz"]
    assert Acknowledgement.objects.filter(reminded_on=reminder_day).count() == 3
