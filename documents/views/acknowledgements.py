"""Read-acknowledgement campaigns: the launch by the QA office, the campaign's sheet for the
QA office and the leadership, and each person's documents to acknowledge (seed 002 §3.3).
The rules live in ``documents.acknowledgements``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.downloads import generated

from .. import access
from .. import acknowledgements as rules
from ..ack_sheet import Sheet, filename, sheet_pdf, sheet_xlsx
from ..forms import LaunchForm
from ..models import AckCampaign, Edition

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def campaign_launch(request, pk):
    """The QA manager sends a published edition for acknowledgement."""
    if not rules.can_launch(request.user):
        raise PermissionDenied
    edition = get_object_or_404(Edition.objects.select_related("document"), pk=pk)
    form = LaunchForm(request.POST or None, initial={"deadline": rules.default_deadline()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = rules.launch(
                edition,
                request.user,
                data["target_kind"],
                form.target,
                deadline=data["deadline"],
                title=data["title"],
                message=data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The acknowledgement campaign is launched."))
            return redirect("documents:ack_campaign", campaign.pk)
    return render(request, "documents/ack_launch.html", {"edition": edition, "form": form})


def _campaign(request, pk):
    if not access.reads_all(request.user):
        raise PermissionDenied
    campaign = get_object_or_404(
        AckCampaign.objects.select_related(
            "edition__document", "school", "department", "body", "launched_by"
        ),
        pk=pk,
    )
    return Sheet(campaign)


@login_required
def campaign_detail(request, pk):
    """Progress and the acknowledgement sheet, for the QA office and the leadership."""
    sheet = _campaign(request, pk)
    return render(
        request, "documents/ack_campaign.html", {"sheet": sheet, "campaign": sheet.campaign}
    )


@login_required
def campaign_pdf(request, pk):
    sheet = _campaign(request, pk)
    return generated(sheet_pdf(sheet), "application/pdf", filename(sheet.campaign, "pdf"))


@login_required
def campaign_xlsx(request, pk):
    sheet = _campaign(request, pk)
    return generated(sheet_xlsx(sheet), XLSX, filename(sheet.campaign, "xlsx"))


@login_required
def my_acknowledgements(request):
    """The documents the person is asked to read and acknowledge, and those they have."""
    rows = (
        rules.pending_for(request.user)
        .select_related("campaign__edition__document")
        .order_by("campaign__deadline", "pk")
    )
    return render(request, "documents/ack_mine.html", {"rows": rows})


@require_POST
@login_required
def acknowledge(request, pk):
    """ "I have read and understood": idempotent, a second click keeps the first time."""
    campaign = get_object_or_404(AckCampaign, pk=pk)
    if rules.acknowledge(campaign, request.user):
        messages.success(request, _("Thank you: your acknowledgement is recorded."))
    else:
        messages.info(request, _("You have already acknowledged this document."))
    return redirect("documents:ack_mine")
