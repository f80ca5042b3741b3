"""Permission matrix rows for the register of QA documents.

world.committee (School A's committee: chair, secretary, member) owns a published internal
document with a draft second edition; the council (rector chair, QA manager member) owns a
staff-only one. Staff are everyone but the student and the external expert.
"""

from django.urls import reverse

from tests.urlmatrix import everyone, staff

POST_ONLY = everyone(405, anonymous=405)
STAFF = staff(200)
KEEPERS = {**everyone(403), "secretary": 200, "chair": 200, "qa_manager": 200}
LEADERSHIP = {**everyone(403), "qa_manager": 200, "rector": 200}


def documents(world):
    """The committee's document (published edition 1, draft edition 2) and the council's
    staff-only document (published), made once per world."""
    found = getattr(world, "_documents", None)
    if found is None:
        from documents.models import EditionStatus

        from .factories_documents import DocumentFactory, EditionFactory

        public = DocumentFactory(owner_body=world.committee, approving_body=world.committee)
        published = EditionFactory(document=public, number=1, status=EditionStatus.PUBLISHED)
        draft = EditionFactory(document=public, number=2)
        private = DocumentFactory(
            owner_body=world.council, approving_body=world.council, staff_only=True
        )
        secret = EditionFactory(document=private, number=1, status=EditionStatus.PUBLISHED)
        found = world._documents = {
            "public": public,
            "published": published,
            "draft": draft,
            "private": private,
            "secret": secret,
        }
    return found


def _url(name, key):
    return lambda w: reverse(name, args=[documents(w)[key].pk])


MATRIX = {
    "documents:document_list": (lambda w: reverse("documents:document_list"), STAFF),
    "documents:public_list": (
        lambda w: reverse("documents:public_list"),
        everyone(200, anonymous=200),
    ),
    "documents:document_detail": (_url("documents:document_detail", "public"), STAFF),
    "documents:edition_create": (_url("documents:edition_create", "public"), KEEPERS),
    "documents:edition_change": (_url("documents:edition_change", "draft"), POST_ONLY),
    # The published edition of a document that is not staff-only is public.
    "documents:edition_file": (
        _url("documents:edition_file", "published"),
        everyone(200, anonymous=200),
    ),
    "documents:edition_cover": (_url("documents:edition_cover", "secret"), LEADERSHIP),
}

OBJECT_CASES = {
    "staff-only document": (_url("documents:document_detail", "private"), LEADERSHIP),
    "staff-only document file": (_url("documents:edition_file", "secret"), LEADERSHIP),
    # Drafts: the committee's chair and secretary, the QA manager and the rector.
    "draft edition file": (
        _url("documents:edition_file", "draft"),
        {**KEEPERS, "rector": 200},
    ),
    # The rector chairs the council that owns it.
    "new edition of the council's document": (
        _url("documents:edition_create", "private"),
        LEADERSHIP,
    ),
}
