"""Who reads and who keeps the register of QA documents.

Seed 000 §2.3: the QA manager keeps the QA documents up to date and published; the rector and
vice-rectors lead the university and read the whole register. Seed 000 §3: an internal
document is developed by the body that owns it, whose secretary and chair prepare its editions.
Other staff read the published documents that are not staff-only, and the documents of the
bodies and schools they run. Published documents that are not staff-only are public (seed 000
§2.3: published on the website).
"""

from django.db.models import Q

from governance.actions import OWNER_ROLES
from governance.models import Body, Membership, StaffProfile
from governance.permissions import AGENDA_ROLES, can_manage_agenda
from governance.roles import Role

from .models import Acknowledgement, Document, DocumentKind, EditionStatus
from .models.editions import Edition

READ_ALL_ROLES = (Role.QA_MANAGER, Role.RECTOR, Role.VICE_RECTOR)
KEEPER_ROLES = (Role.QA_MANAGER,)
SHOWN_TO_READERS = (EditionStatus.PUBLISHED, EditionStatus.SUPERSEDED)


def reads_all(user):
    return user.is_authenticated and user.has_role(*READ_ALL_ROLES)


def is_staff_member(user):
    """Staff: anyone with a staff role or a staff profile (students and guests are not)."""
    if not user.is_authenticated:
        return False
    cached = user.__dict__.get("_is_staff_member")
    if cached is None:
        cached = user.has_role(*OWNER_ROLES) or StaffProfile.objects.filter(user=user).exists()
        user.__dict__["_is_staff_member"] = cached
    return cached


def run_bodies(user):
    """Bodies where the person is chair, deputy chair or secretary today."""
    return Body.objects.filter(
        pk__in=Membership.objects.current()
        .filter(person=user, role__in=AGENDA_ROLES)
        .values("body")
    )


def owned_filter(user):
    """Documents of the bodies the person runs and of the school they lead."""
    bodies = run_bodies(user)
    return Q(owner_body__in=bodies) | Q(approving_body__in=bodies) | Q(owner_school__dean=user)


def published_documents():
    return Edition.objects.filter(status=EditionStatus.PUBLISHED).values("document")


def documents_visible_to(user):
    """The register as the person sees it (see the module docstring)."""
    if reads_all(user):
        return Document.objects.all()
    if not is_staff_member(user):
        return Document.objects.none()
    return Document.objects.filter(
        Q(staff_only=False, pk__in=published_documents()) | owned_filter(user)
    )


def public_documents():
    """Published internal documents that are not staff-only: the public page."""
    return Document.objects.filter(
        kind=DocumentKind.INTERNAL, staff_only=False, pk__in=published_documents()
    )


def can_view_document(user, document):
    return reads_all(user) or documents_visible_to(user).filter(pk=document.pk).exists()


def can_manage(user, document):
    """The QA manager; for an internal document also the chair, deputy chair and secretary of
    its owner or approving body (``governance.permissions.can_manage_agenda``)."""
    if not user.is_authenticated:
        return False
    if user.has_role(*KEEPER_ROLES):
        return True
    return document.is_internal and any(
        body is not None and can_manage_agenda(user, body)
        for body in (document.owner_body, document.approving_body)
    )


def is_owner(user, document):
    """Those who manage the document, and the dean of its owner school."""
    if can_manage(user, document):
        return True
    return bool(document.owner_school_id) and document.owner_school.dean_id == user.pk


def sees_all_editions(user, document):
    """Drafts and editions in review are for the document's owners and the leadership."""
    return reads_all(user) or is_owner(user, document)


def is_recipient(user, edition):
    """Whether the person was asked to acknowledge this edition (seed 002 §3.3)."""
    return (
        user.is_authenticated
        and Acknowledgement.objects.filter(campaign__edition=edition, person=user).exists()
    )


def can_download(user, edition):
    """The current edition of a public document is open to anyone; other files to those who
    read the document, drafts only to its owners and the leadership. Those asked to
    acknowledge an edition read it even when the document is staff-only."""
    document = edition.document
    if edition.status == EditionStatus.PUBLISHED and not document.staff_only:
        return True
    if not can_view_document(user, document):
        return is_recipient(user, edition)
    return edition.status in SHOWN_TO_READERS or sees_all_editions(user, document)
