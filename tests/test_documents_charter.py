"""The charter of a council or committee in the register, linked from the body's page through
governance's extension point (issue 5; seed 000 §3.1.1–3.1.2)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from documents.charters import charter_links
from documents.models import Category, EditionStatus
from governance import extensions

from .factories_documents import DocumentFactory, EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages and pages in English (Kazakh is the default language)."""
    with translation.override("en"):
        yield


def charter(world, body, category=Category.COMMITTEE_CHARTER, **kwargs):
    document = DocumentFactory(
        owner_body=world.council,
        approving_body=world.council,
        category=category,
        charter_of=body,
        title_en="Regulation on the School of Law Committee",
        **kwargs,
    )
    EditionFactory(document=document, number=1, status=EditionStatus.PUBLISHED)
    return document


def test_only_a_charter_names_its_body_and_of_the_right_kind(world):
    policy = DocumentFactory(owner_body=world.committee, charter_of=world.committee)
    with pytest.raises(ValidationError) as refused:
        policy.full_clean()
    assert refused.value.message_dict["charter_of"] == [
        "Only a council or committee charter names its body."
    ]
    wrong = DocumentFactory(
        owner_body=world.council, category=Category.COUNCIL_CHARTER, charter_of=world.committee
    )
    with pytest.raises(ValidationError, match="A council charter names a council"):
        wrong.full_clean()
    wrong.category = Category.COMMITTEE_CHARTER
    wrong.charter_of = world.council
    with pytest.raises(ValidationError, match="A committee charter names a committee"):
        wrong.full_clean()
    charter(world, world.committee).full_clean()
    charter(world, world.council, category=Category.COUNCIL_CHARTER).full_clean()


def test_the_body_page_links_its_charter(client, world):
    document = charter(world, world.committee)
    url = reverse("governance:body_detail", args=[world.committee.pk])
    client.force_login(world.users["member"])
    page = client.get(url).content.decode()
    assert "Charter: " in page and "Regulation on the School of Law Committee" in page
    assert reverse("documents:document_detail", args=[document.pk]) in page
    # The document page names the body in turn.
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert "Charter of the body" in page
    assert reverse("governance:body_detail", args=[world.committee.pk]) in page
    # Another body's page does not show it.
    client.force_login(world.users["qa_manager"])
    page = client.get(reverse("governance:body_detail", args=[world.council.pk])).content.decode()
    assert "Regulation on the School of Law Committee" not in page


def test_a_student_member_gets_the_public_file(world):
    """Students are not staff and do not open the register; a public charter's current file
    is open to anyone, a staff-only one is not linked for them."""
    student = world.users["student"]
    document = charter(world, world.committee)
    edition = document.editions.get()
    assert charter_links(world.committee, student) == [
        (
            f"Charter: {document.code} Regulation on the School of Law Committee",
            reverse("documents:edition_file", args=[edition.pk]),
        )
    ]
    document.staff_only = True
    document.save()
    assert charter_links(world.committee, student) == []


def test_providers_are_registered_once_and_all_asked(world):
    """governance.extensions: documents registers its provider in AppConfig.ready; any other
    app may add one without governance importing it."""
    assert extensions._body_link_providers.count(charter_links) == 1
    extensions.register_body_links(charter_links)
    assert extensions._body_link_providers.count(charter_links) == 1

    def meetings_elsewhere(body, user):
        return [("Elsewhere", "/elsewhere/")]

    extensions.register_body_links(meetings_elsewhere)
    try:
        charter(world, world.committee)
        links = extensions.body_links(world.committee, world.users["qa_manager"])
        assert [label for label, _url in links][-1] == "Elsewhere"
        assert len(links) == 2
    finally:
        extensions._body_link_providers.remove(meetings_elsewhere)
