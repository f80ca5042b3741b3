"""Minutes of meetings (page and PDF), extracts, approval, and council revisions.

Seed 000 §2: members read the minutes and obtain extracts; minutes are approved at the next
meeting and then locked. Seed 000 §2.1: the council may revise a School Committee decision.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from governance import minutes as protocol
from governance import revisions
from governance.downloads import generated
from governance.models import AgendaItem, Decision, Meeting
from governance.models.decisions import RevisionKind
from governance.models.meetings import ItemStatus
from governance.permissions import can_manage_agenda, can_read_body


class ApproveMinutesForm(forms.Form):
    approved_at = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        label=gettext_lazy("Approved at meeting"),
        empty_label=None,
    )

    def __init__(self, meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        field = self.fields["approved_at"]
        field.queryset = protocol.later_meetings(meeting)
        field.label_from_instance = lambda m: (
            _("No. %(number)s, %(date)s")
            % {
                "number": m.number,
                "date": protocol.meeting_day(m).strftime("%d.%m.%Y"),
            }
        )

    def clean_approved_at(self):
        approved_at = self.cleaned_data["approved_at"]
        protocol.check_approval(self.meeting, approved_at)
        return approved_at


class ItemMinutesForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["minutes_text"]
        widgets = {"minutes_text": forms.Textarea(attrs={"rows": 14})}


class TakeUpForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), required=False)
    grounds = forms.CharField(required=False, max_length=4000)

    def __init__(self, council, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any meeting of the council: the rules in governance.revisions say why one is refused.
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(body=council) if council else Meeting.objects.none()
        )


class RecordRevisionForm(forms.Form):
    kind = forms.ChoiceField(choices=RevisionKind.choices)


def _next_or(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _errors(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def _readable_meeting(request, pk):
    meeting = get_object_or_404(
        Meeting.objects.select_related("body", "minutes_approved_at"), pk=pk
    )
    if not can_read_body(request.user, meeting.body):
        raise PermissionDenied
    return meeting


def _minutes_url(meeting, item=None):
    url = reverse("governance:meeting_minutes", args=[meeting.pk])
    return f"{url}#item-{item.pk}" if item else url


@login_required
def meeting_minutes(request, pk):
    """The minutes as a page, with the PDF, extracts and (for the secretary) approval."""
    meeting = _readable_meeting(request, pk)
    context = protocol.minutes_context(meeting)
    body = meeting.body
    can_manage = can_manage_agenda(request.user, body)
    # The council above this body may take its decisions up for revision (seed 000 §2.1) …
    council = revisions.council_above(body)
    may_take_up = council is not None and revisions.can_take_up_decisions_of(request.user, body)
    context.update(
        screen=True,
        can_edit=can_manage and not meeting.minutes_locked,
        approve_form=(
            ApproveMinutesForm(meeting) if can_manage and not meeting.minutes_locked else None
        ),
        may_take_up=may_take_up,
        council_meetings=list(revisions.upcoming_meetings(council)) if may_take_up else None,
        # … and the council records what its decision did to the reviewed one.
        may_record=can_manage,
        revision_kinds=RevisionKind.choices,
        meeting_url=reverse("governance:meeting_detail", args=[meeting.pk]),
    )
    return render(request, "governance/minutes/minutes.html", context)


@login_required
def meeting_minutes_pdf(request, pk):
    """The minutes as PDF; approved minutes are served from the stored file, unchanged."""
    meeting = _readable_meeting(request, pk)
    if meeting.minutes_locked and meeting.minutes_file:
        data = protocol.stored_minutes(meeting)
    else:
        data = protocol.minutes_pdf(meeting)
    return generated(data, "application/pdf", protocol.minutes_filename(meeting), attachment=False)


@require_POST
@login_required
def minutes_approve(request, pk):
    """Approve the minutes at a later meeting of the body, store the PDF and lock them."""
    meeting = _readable_meeting(request, pk)
    if not can_manage_agenda(request.user, meeting.body):
        raise PermissionDenied
    form = ApproveMinutesForm(meeting, request.POST)
    if form.is_valid():
        try:
            protocol.approve_minutes(meeting, form.cleaned_data["approved_at"])
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("The minutes were approved and locked."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(_minutes_url(meeting))


def _agenda_item(pk):
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__body", "meeting__minutes_approved_at"), pk=pk
    )
    if item.status != ItemStatus.ON_AGENDA:
        raise Http404
    return item


@login_required
def item_minutes_edit(request, pk):
    """The secretary writes what was heard and discussed; refused once minutes are approved."""
    item = _agenda_item(pk)
    meeting = item.meeting
    if not can_manage_agenda(request.user, meeting.body):
        raise PermissionDenied
    try:
        protocol.ensure_minutes_editable(meeting)
    except protocol.MinutesLocked as error:
        messages.error(request, _errors(error))
        return redirect(_minutes_url(meeting, item))
    form = ItemMinutesForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The discussion was saved in the minutes."))
        return redirect(_minutes_url(meeting, item))
    return render(
        request,
        "governance/minutes/item_minutes_form.html",
        {"item": item, "meeting": meeting, "form": form},
    )


@login_required
def item_extract_pdf(request, pk):
    """An extract from the minutes for one item (seed 000 §2: members obtain extracts)."""
    item = _agenda_item(pk)
    if not can_read_body(request.user, item.meeting.body):
        raise PermissionDenied
    return generated(
        protocol.extract_pdf(item),
        "application/pdf",
        protocol.extract_filename(item),
        attachment=False,
    )


@require_POST
@login_required
def decision_take_up(request, pk):
    """Put a School Committee decision on the agenda of its parent council (seed 000 §2.1)."""
    decision = get_object_or_404(Decision.objects.select_related("body__parent"), pk=pk)
    if not revisions.can_take_up(request.user, decision):
        raise PermissionDenied
    form = TakeUpForm(decision.body.parent, request.POST)
    fallback = _minutes_url(decision.meeting)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(_next_or(request, fallback))
    try:
        item = revisions.take_up_for_revision(
            decision,
            form.cleaned_data["meeting"],
            request.user,
            grounds=form.cleaned_data["grounds"],
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(_next_or(request, fallback))
    messages.success(
        request,
        _("The decision is on the agenda of the council's meeting No. %(number)s.")
        % {"number": item.meeting.number},
    )
    meeting_url = reverse("governance:meeting_detail", args=[item.meeting.pk])
    return redirect(_next_or(request, meeting_url or _minutes_url(item.meeting)))


@require_POST
@login_required
def decision_revision_record(request, pk):
    """Record that a council decision revised or annulled the decision it reviewed."""
    decision = get_object_or_404(
        Decision.objects.select_related("body", "meeting", "motion__item__reviews__body__parent"),
        pk=pk,
    )
    if not revisions.can_record_revision(request.user, decision):
        raise PermissionDenied
    form = RecordRevisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the decision is revised or annulled."))
    else:
        try:
            reviewed = revisions.record_revision(decision, form.cleaned_data["kind"])
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            params = {"number": reviewed.number, "body": reviewed.body}
            if form.cleaned_data["kind"] == RevisionKind.ANNULLED:
                text = _("Recorded: decision No. %(number)s of %(body)s is annulled.")
            else:
                text = _("Recorded: decision No. %(number)s of %(body)s is revised.")
            messages.success(request, text % params)
    return redirect(_next_or(request, _minutes_url(decision.meeting)))
