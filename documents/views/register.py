"""The register of QA documents, a document's page and the public list of documents.

Seed 000 §3 (internal and external documents), seed 004 (the register of normative documents,
the register of changes, the approval block), seed 000 §2.3 (documents published on the
website). Who sees what is decided in ``documents.access``.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render

from governance.actions import decisions_visible_to
from governance.permissions import can_read_body

from .. import access
from ..acknowledgements import can_launch, with_progress
from ..editions import decisions_for
from ..filters import DocumentFilter
from ..forms import DecisionChoiceForm, PublicSearchForm
from ..models import AckCampaign, Document, Edition, EditionStatus

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _editions(statuses=None):
    editions = Edition.objects.order_by("-number")
    if statuses:
        editions = editions.filter(status__in=statuses)
    return Prefetch("editions", queryset=editions, to_attr="shown_editions")


def _current(document):
    """The published edition of a document with ``shown_editions`` prefetched, or None."""
    return next((e for e in document.shown_editions if e.status == EditionStatus.PUBLISHED), None)


@login_required
def document_list(request):
    """The register: every document for the QA manager and the rector; other staff see the
    published ones that are not staff-only and those they own."""
    user = request.user
    if not access.is_staff_member(user):
        raise PermissionDenied
    filterset = DocumentFilter(
        request.GET or None,
        queryset=access.documents_visible_to(user)
        .select_related("owner_body", "owner_school")
        .prefetch_related(_editions()),
        request=request,
    )
    page = _page(request, filterset.qs)
    for document in page:
        document.current = _current(document)
        document.latest = document.shown_editions[0] if document.shown_editions else None
    return render(
        request,
        "documents/document_list.html",
        {"filter": filterset, "page": page, "documents": page.object_list},
    )


@login_required
def document_detail(request, pk):
    """A document: its editions (the register of changes), the approval block of the current
    edition, the external documents it follows and the internal ones that follow it."""
    user = request.user
    document = get_object_or_404(
        Document.objects.select_related(
            "owner_body", "owner_school", "approving_body", "charter_of"
        ),
        pk=pk,
    )
    if not access.can_view_document(user, document):
        raise PermissionDenied
    sees_all = access.sees_all_editions(user, document)
    editions = list(
        document.editions.filter(
            Q() if sees_all else Q(status__in=access.SHOWN_TO_READERS)
        ).select_related("decision__body", "developed_by")
    )
    current = next((e for e in editions if e.status == EditionStatus.PUBLISHED), None)
    can_manage = access.can_manage(user, document)
    decision_ids = [e.decision_id for e in editions if e.decision_id]
    readable_decisions = set(
        decisions_visible_to(user).filter(pk__in=decision_ids).values_list("pk", flat=True)
    )
    context = {
        "document": document,
        "editions": editions,
        "changes": sorted(editions, key=lambda e: e.number),
        "current": current or (editions[0] if editions else None),
        "can_manage": can_manage,
        "readable_decisions": readable_decisions,
        "follows": document.follows.order_by("code"),
        "followed_by": document.followed_by.order_by("code"),
        "can_launch": can_launch(user),
        "charter_readable": document.charter_of_id is not None
        and can_read_body(user, document.charter_of),
    }
    if access.reads_all(user):
        context["ack_campaigns"] = with_progress(
            AckCampaign.objects.filter(edition__document=document).select_related(
                "edition__document"
            )
        )
    if can_manage:
        context["decision_form"] = DecisionChoiceForm(
            decisions=decisions_for(document).select_related("body")
        )
    return render(request, "documents/document_detail.html", context)


def public_list(request):
    """Published internal documents that are not staff-only, for anyone (seed 000 §2.3: QA
    documents are published on the university's website); searched by title and text."""
    form = PublicSearchForm(request.GET or None)
    documents = access.public_documents().prefetch_related(_editions([EditionStatus.PUBLISHED]))
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        documents = documents.filter(
            Q(code__icontains=query)
            | Q(title_kk__icontains=query)
            | Q(title_ru__icontains=query)
            | Q(title_en__icontains=query)
            | Q(
                pk__in=Edition.objects.filter(
                    status=EditionStatus.PUBLISHED, text__icontains=query
                ).values("document")
            )
        )
    page = _page(request, documents)
    for document in page:
        document.current = _current(document)
    return render(
        request,
        "documents/public_list.html",
        {"form": form, "page": page, "documents": page.object_list, "query": query},
    )
