"""The charter of a council or committee, linked from the body's page (seed 000 §3.1.1–3.1.2:
the council's charter and the committees' charters are internal QA documents).

Registered in ``DocumentsConfig.ready`` with ``governance.extensions.register_body_links``:
staff get the document's page when they may read it; anyone else (a student member of a
committee) gets the file of the current edition when the document is public.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import access
from .models import Edition, EditionStatus


def _label(document):
    return _("Charter: %(code)s %(title)s") % {"code": document.code, "title": document.title}


def charter_links(body, user):
    """(label, url) pairs for the charters of ``body`` the person may open."""
    if access.is_staff_member(user):
        documents = access.documents_visible_to(user).filter(charter_of=body).order_by("code")
        return [
            (_label(document), reverse("documents:document_detail", args=[document.pk]))
            for document in documents
        ]
    editions = (
        Edition.objects.filter(
            status=EditionStatus.PUBLISHED,
            document__in=access.public_documents().filter(charter_of=body),
        )
        .select_related("document")
        .order_by("document__code")
    )
    return [
        (_label(edition.document), reverse("documents:edition_file", args=[edition.pk]))
        for edition in editions
    ]
