"""The seed documents in ``manage.py seed_demo`` (issue 5), seeded once and rolled back."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.db import transaction

from documents.models import Document, DocumentKind, Edition, EditionStatus

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
    assert Document.objects.filter(kind=DocumentKind.INTERNAL).count() == 4
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


def test_seeding_again_changes_nothing(seeded):
    before = (Document.objects.count(), Edition.objects.count())
    output = seed()
    assert "QA document: ҚЕ 3-3-3-2023 — unchanged" in output
    assert (Document.objects.count(), Edition.objects.count()) == before
