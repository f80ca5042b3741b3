"""A new edition, its steps (review, approval, publication, withdrawal), its file and its
controlled cover. The rules live in ``documents.editions``; these views check who may act."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from governance.downloads import generated, stored_file

from .. import access
from .. import editions as rules
from ..cover import cover_filename, cover_pdf
from ..forms import DecisionChoiceForm, EditionForm
from ..models import Document, Edition


def _document(pk):
    return get_object_or_404(
        Document.objects.select_related("owner_body", "owner_school", "approving_body"), pk=pk
    )


def _edition(pk):
    return get_object_or_404(
        Edition.objects.select_related(
            "document__owner_body", "document__owner_school", "document__approving_body"
        ),
        pk=pk,
    )


@login_required
def edition_create(request, pk):
    """A new draft edition, by the QA manager or the owner body's chair or secretary."""
    document = _document(pk)
    if not access.can_manage(request.user, document):
        raise PermissionDenied
    edition = Edition(
        document=document, developed_by=request.user, developed_on=timezone.localdate()
    )
    if request.method == "POST":
        form = EditionForm(request.POST, request.FILES, instance=edition)
        if form.is_valid():
            form.save()
            messages.success(request, _("The draft edition is saved."))
            return redirect("documents:document_detail", document.pk)
    else:
        form = EditionForm(instance=edition, initial={"number": rules.next_number(document)})
    return render(request, "documents/edition_form.html", {"document": document, "form": form})


@login_required
def edition_edit(request, pk):
    """Edit a draft or an edition in review; an approved, published, superseded or withdrawn
    edition is refused (``documents.editions.check_draft``)."""
    edition = _edition(pk)
    document = edition.document
    if not access.can_manage(request.user, document):
        raise PermissionDenied
    try:
        rules.check_draft(edition)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("documents:document_detail", document.pk)
    form = EditionForm(request.POST or None, request.FILES or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        try:
            rules.save_draft(form.save(commit=False), request.user, form.Meta.fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The edition is saved."))
            return redirect("documents:document_detail", document.pk)
    return render(
        request,
        "documents/edition_form.html",
        {"document": document, "form": form, "edition": edition},
    )


STEPS = {
    "submit": (rules.submit_for_review, gettext_lazy("The edition is sent for review.")),
    "publish": (rules.publish, gettext_lazy("The edition is published.")),
    "withdraw": (rules.withdraw, gettext_lazy("The edition is withdrawn.")),
}


@require_POST
@login_required
def edition_change(request, pk):
    """One step of the edition's life: ``op`` is submit, approve (with the decision), publish
    or withdraw."""
    edition = _edition(pk)
    user = request.user
    if not access.can_manage(user, edition.document):
        raise PermissionDenied
    op = request.POST.get("op")
    try:
        if op == "approve":
            form = DecisionChoiceForm(request.POST, decisions=rules.decisions_for(edition.document))
            if not form.is_valid():
                return HttpResponseBadRequest(_("Choose a decision from the list."))
            rules.approve(edition, user, form.cleaned_data["decision"])
            messages.success(request, _("The edition is approved."))
        elif op in STEPS:
            step, done = STEPS[op]
            step(edition, user)
            messages.success(request, str(done))
        else:
            return HttpResponseBadRequest(_("Unknown change."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("documents:document_detail", edition.document_id)


def _check_download(request, edition):
    if not access.can_download(request.user, edition):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return None


def edition_file(request, pk):
    """The edition's file, only to those who may read it (``documents.access.can_download``)."""
    edition = _edition(pk)
    refused = _check_download(request, edition)
    if refused:
        return refused
    return stored_file(edition.file)


def edition_cover(request, pk):
    """The controlled cover of the edition as PDF, to the same people as its file."""
    edition = _edition(pk)
    refused = _check_download(request, edition)
    if refused:
        return refused
    return generated(
        cover_pdf(edition), "application/pdf", cover_filename(edition), attachment=False
    )
