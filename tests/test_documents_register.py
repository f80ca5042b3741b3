"""The register of QA documents: files, the edition lifecycle, alignment, review reminders,
the public page, downloads and the controlled cover (issue 5; seed 000 §3, seed 002 §6,
seed 004)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation

from documents import editions as rules
from documents import review
from documents.models import EditionStatus
from governance.models import Decision, ImprovementAction

from .factories_documents import PDF, DocumentFactory, EditionFactory, ExternalDocumentFactory
from .test_minutes import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages and pages in English (Kazakh is the default language)."""
    with translation.override("en"):
        yield


def committee_document(world, **kwargs):
    return DocumentFactory(owner_body=world.committee, approving_body=world.committee, **kwargs)


def decision(world, number="D-1"):
    return Decision.objects.create(
        body=world.committee,
        meeting=world.meeting,
        number=number,
        date=datetime.date(2026, 3, 1),
        text="Саясатты бекіту",
    )


def test_upload_rejects_an_executable_disguised_as_pdf(client, world):
    document = committee_document(world)
    client.force_login(world.users["secretary"])
    fake = SimpleUploadedFile("policy.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60)
    response = client.post(
        reverse("documents:edition_create", args=[document.pk]),
        {"number": 1, "file": fake, "basis": "new", "effective_date": "2026-09-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("file", "bad_content")
    assert not document.editions.exists()
    real = SimpleUploadedFile("policy.pdf", PDF)
    response = client.post(
        reverse("documents:edition_create", args=[document.pk]),
        {"number": 1, "file": real, "basis": "new", "effective_date": "2026-09-01"},
    )
    assert response.status_code == 302
    edition = document.editions.get()
    assert edition.status == EditionStatus.DRAFT
    assert edition.developed_by == world.users["secretary"]
    # Seed 002 §6: reviewed three years after taking effect unless told otherwise.
    assert edition.next_review_date == datetime.date(2029, 9, 1)


def test_a_superseded_edition_cannot_be_edited(world):
    edition = EditionFactory(document=committee_document(world), status=EditionStatus.SUPERSEDED)
    edition.summary = "Басқа мәтін"
    with pytest.raises(ValidationError, match="can no longer be changed"):
        edition.save()
    with pytest.raises(ValidationError, match="can no longer be changed"):
        edition.full_clean()


def test_approval_without_a_decision_is_refused(world):
    edition = EditionFactory(document=committee_document(world))
    qa = world.users["qa_manager"]
    rules.submit_for_review(edition, qa)
    with pytest.raises(rules.EditionRuleError, match="only by a decision of the body"):
        rules.approve(edition, qa, None)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.IN_REVIEW
    # Nor may it be published unapproved.
    with pytest.raises(rules.EditionRuleError):
        rules.publish(edition, qa)


def test_approval_through_the_page_needs_the_decision(client, world):
    edition = EditionFactory(document=committee_document(world), status=EditionStatus.IN_REVIEW)
    client.force_login(world.users["chair"])
    url = reverse("documents:edition_change", args=[edition.pk])
    response = client.post(url, {"op": "approve", "decision": ""}, follow=True)
    assert "only by a decision of the body" in response.content.decode()
    the_decision = decision(world)
    client.post(url, {"op": "approve", "decision": the_decision.pk})
    edition.refresh_from_db()
    assert edition.status == EditionStatus.APPROVED
    assert edition.approved_on == the_decision.date


def test_publishing_supersedes_the_old_edition(world):
    document = committee_document(world)
    old = EditionFactory(document=document, number=1, status=EditionStatus.PUBLISHED)
    new = EditionFactory(document=document, number=2, status=EditionStatus.APPROVED)
    rules.publish(new, world.users["secretary"], today=datetime.date(2026, 5, 1))
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == (EditionStatus.SUPERSEDED, EditionStatus.PUBLISHED)
    assert new.published_on == datetime.date(2026, 5, 1)


def test_a_new_external_edition_raises_alignment_actions(world):
    external = ExternalDocumentFactory()
    followers = [committee_document(world), committee_document(world)]
    for internal in followers:
        internal.follows.add(external)
    EditionFactory(document=external, number=1, status=EditionStatus.PUBLISHED)
    edition = EditionFactory(document=external, number=2)
    rules.publish(edition, world.users["qa_manager"], today=datetime.date(2026, 5, 1))
    actions = ImprovementAction.objects.order_by("title")
    assert actions.count() == 2
    assert {a.source_object for a in actions} == set(followers)
    assert all(a.owner == world.users["qa_manager"] for a in actions)
    assert external.code in actions[0].title
    # External documents are registered, never approved.
    with pytest.raises(rules.EditionRuleError, match="registered, not reviewed"):
        rules.submit_for_review(
            EditionFactory(document=external, number=3), world.users["qa_manager"]
        )


def test_review_reminder_is_sent_once(world):
    document = committee_document(world)
    EditionFactory(
        document=document,
        status=EditionStatus.PUBLISHED,
        next_review_date=datetime.date(2026, 12, 10),
    )
    today = datetime.date(2026, 11, 20)
    assert review.send_review_reminders(today) == 2  # the committee's chair and secretary
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["chair@uni.example.kz", "secretary@uni.example.kz"]
    assert document.code in mail.outbox[0].body
    assert review.send_review_reminders(today) == 0
    assert review.send_review_reminders(today + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 2
    assert list(review.overdue_reviews(datetime.date(2027, 1, 1))) == list(document.editions.all())


def test_a_review_reminder_nobody_received_is_tried_again(world, monkeypatch):
    """A reviewer whose e-mail failed is e-mailed by the next run; the edition is marked
    reminded once every reviewer has it."""
    document = committee_document(world)
    EditionFactory(
        document=document,
        status=EditionStatus.PUBLISHED,
        next_review_date=datetime.date(2026, 12, 10),
    )
    today = datetime.date(2026, 11, 20)

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(EmailMessage, "send", broken)
    assert review.send_review_reminders(today) == 0
    assert not document.editions.filter(review_reminded_on__isnull=False).exists()
    monkeypatch.undo()
    assert review.send_review_reminders(today) == 2
    assert review.send_review_reminders(today) == 0
    assert len(mail.outbox) == 2


def test_public_page_hides_staff_only_and_drafts(client, world):
    shown = committee_document(world, title_kk="Бағалау саясаты")
    EditionFactory(document=shown, status=EditionStatus.PUBLISHED)
    hidden = committee_document(world, title_kk="Ішкі нұсқаулық", staff_only=True)
    EditionFactory(document=hidden, status=EditionStatus.PUBLISHED)
    draft = committee_document(world, title_kk="Жоба саясаты")
    EditionFactory(document=draft)
    with translation.override("kk"):
        url = reverse("documents:public_list")
    page = client.get(url).content.decode()
    assert "Бағалау саясаты" in page
    assert "Ішкі нұсқаулық" not in page
    assert "Жоба саясаты" not in page
    found = client.get(reverse("documents:public_list"), {"q": "Бағалау"}).content.decode()
    assert "Бағалау саясаты" in found


def test_public_search_finds_words_of_the_text(client, world):
    document = committee_document(world, title_kk="Саясат")
    edition = EditionFactory(document=document, status=EditionStatus.PUBLISHED)
    type(edition).objects.filter(pk=edition.pk).update(text="апелляция комиссиясы")
    found = client.get(reverse("documents:public_list"), {"q": "апелляция"}).content.decode()
    assert document.code in found
    missing = client.get(reverse("documents:public_list"), {"q": "жоқсөз"}).content.decode()
    assert document.code not in missing


def test_download_needs_permission(client, world):
    document = committee_document(world)
    published = EditionFactory(document=document, number=1, status=EditionStatus.PUBLISHED)
    draft = EditionFactory(document=document, number=2)
    assert client.get(reverse("documents:edition_file", args=[published.pk])).status_code == 200
    assert client.get(reverse("documents:edition_file", args=[draft.pk])).status_code == 302
    client.force_login(world.users["teacher"])
    assert client.get(reverse("documents:edition_file", args=[draft.pk])).status_code == 403
    client.force_login(world.users["secretary"])
    response = client.get(reverse("documents:edition_file", args=[draft.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_cover_pdf_shows_code_edition_and_page_footer(client, world, tmp_path):
    document = committee_document(world, code="ҚЕ 3-3-3-2023", title_en="IQA Standard")
    EditionFactory(document=document, number=1, status=EditionStatus.SUPERSEDED)
    edition = EditionFactory(
        document=document,
        number=2,
        status=EditionStatus.PUBLISHED,
        summary="Renamed units",
        decision=decision(world),
    )
    client.force_login(world.users["qa_manager"])
    response = client.get(reverse("documents:edition_cover", args=[edition.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "ҚЕ 3-3-3-2023" in text
    assert "Edition 2" in text
    assert "Renamed units" in text
    assert "Decision No. D-1" in text
    assert "page 1 of 1" in text


def test_register_shows_staff_what_they_may_read(client, world):
    public = committee_document(world, code="PUB-1")
    EditionFactory(document=public, status=EditionStatus.PUBLISHED)
    council_only = DocumentFactory(
        code="PRIV-1", owner_body=world.council, approving_body=world.council, staff_only=True
    )
    EditionFactory(document=council_only, status=EditionStatus.PUBLISHED)
    drafted = committee_document(world, code="DRAFT-1")
    EditionFactory(document=drafted)
    url = reverse("documents:document_list")

    client.force_login(world.users["teacher"])
    page = client.get(url).content.decode()
    assert "PUB-1" in page and "PRIV-1" not in page and "DRAFT-1" not in page
    assert reverse("documents:document_list") in client.get(reverse("home")).content.decode()

    # The committee's secretary also sees the committee's draft document.
    client.force_login(world.users["secretary"])
    page = client.get(url).content.decode()
    assert "DRAFT-1" in page and "PRIV-1" not in page

    client.force_login(world.users["rector"])
    page = client.get(url).content.decode()
    assert all(code in page for code in ("PUB-1", "PRIV-1", "DRAFT-1"))
    filtered = client.get(url, {"status": "draft"}).content.decode()
    assert "DRAFT-1" in filtered and "PUB-1" not in filtered
    assert "PRIV-1" in client.get(url, {"q": "PRIV"}).content.decode()

    client.force_login(world.users["student"])
    assert client.get(url).status_code == 403


def test_document_page_shows_the_register_of_changes(client, world):
    document = committee_document(world)
    EditionFactory(
        document=document,
        number=1,
        status=EditionStatus.SUPERSEDED,
        summary="Алғашқы редакция",
    )
    EditionFactory(
        document=document,
        number=2,
        status=EditionStatus.PUBLISHED,
        basis="renaming",
        summary="Мектеп атауы өзгерді",
        agreed_by="Проректор А. Б.",
        decision=decision(world),
    )
    draft = EditionFactory(document=document, number=3, summary="Жоба мәтіні")
    client.force_login(world.users["teacher"])
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert "Алғашқы редакция" in page and "Мектеп атауы өзгерді" in page
    assert "Проректор А. Б." in page
    assert "Жоба мәтіні" not in page  # drafts are for the document's keepers
    assert reverse("documents:edition_change", args=[draft.pk]) not in page
    client.force_login(world.users["secretary"])
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert "Жоба мәтіні" in page
    assert reverse("documents:edition_change", args=[draft.pk]) in page


def test_qa_office_keeps_the_register_in_the_admin(client, world):
    document = committee_document(world)
    edition = EditionFactory(document=document)
    client.force_login(world.users["qa_manager"])
    for url in (
        reverse("admin:documents_document_changelist"),
        reverse("admin:documents_document_change", args=[document.pk]),
        reverse("admin:documents_edition_changelist"),
        reverse("admin:documents_edition_change", args=[edition.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_edition_numbers_are_not_repeated(client, world):
    document = committee_document(world)
    EditionFactory(document=document, number=1)
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("documents:edition_create", args=[document.pk]),
        {"number": 1, "file": SimpleUploadedFile("a.pdf", PDF), "basis": "review"},
    )
    assert response.context["form"].has_error("number", "taken")
    assert document.editions.count() == 1


def test_the_qa_dashboard_lists_reviews_overdue_and_near(client, world):
    today = timezone.localdate()
    overdue = committee_document(world, code="OVERDUE-1")
    EditionFactory(
        document=overdue,
        status=EditionStatus.PUBLISHED,
        next_review_date=today - datetime.timedelta(days=3),
    )
    near = committee_document(world, code="NEAR-1")
    EditionFactory(
        document=near,
        status=EditionStatus.PUBLISHED,
        next_review_date=today + datetime.timedelta(days=10),
    )
    far = committee_document(world, code="FAR-1")
    EditionFactory(
        document=far,
        status=EditionStatus.PUBLISHED,
        next_review_date=today + datetime.timedelta(days=200),
    )
    client.force_login(world.users["qa_manager"])
    page = client.get(reverse("home")).content.decode()
    assert page.index("OVERDUE-1") < page.index("NEAR-1")
    assert "review overdue since" in page
    assert "review due" in page
    assert "FAR-1" not in page


def test_a_draft_edition_is_edited_from_the_document_page(client, world):
    document = committee_document(world)
    draft = EditionFactory(document=document, number=1, summary="First draft")
    client.force_login(world.users["secretary"])
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    url = reverse("documents:edition_edit", args=[draft.pk])
    assert url in page
    response = client.post(
        url,
        {
            "number": 1,
            "basis": "new",
            "summary": "Second draft, after the committee's remarks",
            "effective_date": "2026-09-01",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.summary == "Second draft, after the committee's remarks"
    assert draft.status == EditionStatus.DRAFT
    assert draft.file.name  # the file is kept when no new one is sent
    assert draft.next_review_date == datetime.date(2029, 9, 1)
    # In review it may still be edited; the members who do not keep it may not.
    rules.submit_for_review(draft, world.users["secretary"])
    assert client.get(url).status_code == 200
    client.force_login(world.users["member"])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "status", [EditionStatus.APPROVED, EditionStatus.PUBLISHED, EditionStatus.SUPERSEDED]
)
def test_an_approved_or_published_edition_is_not_edited(client, world, status):
    document = committee_document(world)
    edition = EditionFactory(document=document, number=1, status=status, summary="As approved")
    client.force_login(world.users["qa_manager"])
    url = reverse("documents:edition_edit", args=[edition.pk])
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert url not in page
    response = client.post(url, {"number": 1, "basis": "new", "summary": "Changed"}, follow=True)
    assert "only a draft or an edition in review can be edited" in response.content.decode()
    edition.refresh_from_db()
    assert edition.summary == "As approved"


def test_an_edit_does_not_undo_a_step_taken_meanwhile(world):
    """The edit page read a draft; the edition was approved before the form came back."""
    document = committee_document(world)
    edition = EditionFactory(document=document, number=1, status=EditionStatus.IN_REVIEW)
    seen = rules.Edition.objects.get(pk=edition.pk)
    rules.approve(edition, world.users["chair"], decision(world))
    seen.summary = "Late change"
    with pytest.raises(rules.EditionRuleError, match="only a draft or an edition in review"):
        rules.save_draft(seen, world.users["chair"], ["summary"])
    edition.refresh_from_db()
    assert edition.summary != "Late change"
    assert edition.status == EditionStatus.APPROVED
