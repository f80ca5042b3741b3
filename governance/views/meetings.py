"""Meetings of bodies: the agenda, proposals, materials, attendance and the live quorum.

Seed 000 §2: members (voting or not) propose items, attend and read all materials; the secretary
(or the chair) builds and publishes the agenda and records attendance.
"""

import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import agenda
from governance.forms_meetings import ItemProposalForm, MaterialForm, MeetingForm
from governance.models import AgendaItem, AgendaMaterial, Body, Meeting, User
from governance.models.meetings import ItemStatus, MeetingStatus
from governance.permissions import can_control_votes, can_manage_agenda, can_read_body


def _meeting(request, pk, *, manage=False):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    allowed = (can_manage_agenda if manage else can_read_body)(request.user, meeting.body)
    if not allowed:
        raise PermissionDenied
    return meeting


def _item(request, pk):
    """An agenda item the user may manage (secretary or chair of its body)."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    if not can_manage_agenda(request.user, item.meeting.body):
        raise PermissionDenied
    return item


def _to_meeting(meeting, anchor=""):
    url = reverse("governance:meeting_detail", args=[meeting.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _attendance_context(request, meeting, error=""):
    user = request.user
    rows = agenda.attendance_rows(meeting)
    own = next((row for row in rows if row.person.pk == user.pk), None)
    window = agenda.check_in_open(meeting)
    return {
        "meeting": meeting,
        "rows": rows,
        "own": own,
        "quorum": agenda.quorum_status(meeting),
        "can_check_in": window and agenda.is_current_member(user, meeting.body),
        "manage_attendance": window and can_manage_agenda(user, meeting.body),
        "poll": meeting.status in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.IN_SESSION),
        "attendance_error": error,
    }


def _attendance_fragment(request, meeting, error=""):
    response = render(
        request,
        "governance/meetings/_attendance.html",
        _attendance_context(request, meeting, error),
    )
    patch_vary_headers(response, ["HX-Request"])
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    user, body = request.user, meeting.body
    manage = can_manage_agenda(user, body)
    items = meeting.items.select_related("proposed_by").prefetch_related("materials", "motions")
    if not manage:
        # Plain members see the agenda and their own proposals, not other people's pending ones.
        items = items.filter(Q(status=ItemStatus.ON_AGENDA) | Q(proposed_by=user))
    items = list(items.order_by("position", "pk"))
    context = {
        "meeting": meeting,
        "body": body,
        "agenda": [i for i in items if i.status == ItemStatus.ON_AGENDA],
        "proposed": [i for i in items if i.status == ItemStatus.PROPOSED],
        "declined": [i for i in items if i.status == ItemStatus.DECLINED],
        "manage": manage,
        "can_propose": agenda.can_propose(user, meeting),
        "can_control_votes": can_control_votes(user, body),
        "agenda_open": meeting.status != MeetingStatus.CLOSED,
        **_attendance_context(request, meeting),
    }
    return render(request, "governance/meetings/detail.html", context)


@login_required
def meeting_attendance(request, pk):
    """The attendance list and live quorum: the fragment for htmx polling, else a page."""
    meeting = _meeting(request, pk)
    if request.htmx:
        return _attendance_fragment(request, meeting)
    response = render(
        request,
        "governance/meetings/attendance.html",
        {"body": meeting.body, **_attendance_context(request, meeting)},
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
@login_required
def meeting_check_in(request, pk):
    meeting = _meeting(request, pk)
    if not agenda.is_current_member(request.user, meeting.body):
        raise PermissionDenied
    error = ""
    try:
        agenda.check_in(meeting, request.user)
    except agenda.AgendaError as exc:
        error = str(exc)
    if request.htmx:
        return _attendance_fragment(request, meeting, error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("You are checked in."))
    return _to_meeting(meeting, "attendance")


@require_POST
@login_required
def attendance_mark(request, pk, person_pk):
    """The secretary (or chair) marks a member present or absent (``recorded_by`` is set)."""
    meeting = _meeting(request, pk, manage=True)
    person = get_object_or_404(User, pk=person_pk)
    present = request.POST.get("present")
    if present not in ("1", "0"):
        raise Http404
    error = ""
    try:
        agenda.record_attendance(meeting, person, present == "1", request.user)
    except agenda.AgendaError as exc:
        error = str(exc)
    if request.htmx:
        return _attendance_fragment(request, meeting, error)
    if error:
        messages.error(request, error)
    elif present == "1":
        messages.success(request, _("%(person)s is marked present.") % {"person": person})
    else:
        messages.success(request, _("%(person)s is marked absent.") % {"person": person})
    return _to_meeting(meeting, "attendance")


@login_required
def meeting_create(request, pk):
    body = get_object_or_404(Body, pk=pk)
    if not can_manage_agenda(request.user, body):
        raise PermissionDenied
    if not body.is_active:
        raise Http404
    form = MeetingForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, _("The meeting was created. Now build its agenda."))
        return _to_meeting(meeting)
    return render(
        request,
        "governance/meetings/form.html",
        {
            "form": form,
            "body": body,
            "heading": _("New meeting of %(body)s") % {"body": body},
            "submit": _("Create the meeting"),
        },
    )


@login_required
def item_propose(request, pk):
    meeting = _meeting(request, pk)
    if not agenda.is_current_member(request.user, meeting.body):
        raise PermissionDenied
    if meeting.status == MeetingStatus.CLOSED:
        messages.error(request, _("The meeting is closed; its agenda can no longer change."))
        return _to_meeting(meeting)
    form = ItemProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = agenda.propose_item(
                meeting,
                request.user,
                data["title"],
                data["description"],
                material=data["material"],
                material_title=data["material_title"],
            )
        except agenda.AgendaError as exc:
            messages.error(request, str(exc))
            return _to_meeting(meeting)
        if item.status == ItemStatus.ON_AGENDA:
            messages.success(request, _("The item is on the agenda."))
        else:
            messages.success(
                request, _("Your proposal was sent to the secretary, who puts it on the agenda.")
            )
        return _to_meeting(meeting, f"item-{item.pk}")
    return render(
        request,
        "governance/meetings/form.html",
        {
            "form": form,
            "meeting": meeting,
            "body": meeting.body,
            "heading": _("Propose an agenda item"),
            "intro": _(
                "Every member of the body, voting or not, may propose an item. The secretary "
                "decides whether it goes onto the agenda."
            ),
            "submit": _("Propose"),
        },
    )


@login_required
def material_upload(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    meeting = item.meeting
    if not agenda.can_add_material(request.user, item):
        raise PermissionDenied
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        agenda.add_material(
            item, request.user, form.cleaned_data["file"], form.cleaned_data["title"]
        )
        messages.success(request, _("The material was added."))
        return _to_meeting(meeting, f"item-{item.pk}")
    return render(
        request,
        "governance/meetings/form.html",
        {
            "form": form,
            "meeting": meeting,
            "body": meeting.body,
            "heading": _("Add a material to “%(item)s”") % {"item": item.title},
            "submit": _("Upload"),
        },
    )


@login_required
def material_download(request, pk):
    """Materials are served only through this check, never from a public media URL."""
    material = get_object_or_404(
        AgendaMaterial.objects.select_related("item__meeting__body"), pk=pk
    )
    if not can_read_body(request.user, material.item.meeting.body):
        raise PermissionDenied
    try:
        handle = material.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=posixpath.basename(material.file.name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


def _agenda_action(request, item, action, done):
    try:
        action(item)
    except agenda.AgendaError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return _to_meeting(item.meeting, "agenda")


@require_POST
@login_required
def item_accept(request, pk):
    item = _item(request, pk)
    return _agenda_action(request, item, agenda.accept_item, _("The item is on the agenda."))


@require_POST
@login_required
def item_decline(request, pk):
    item = _item(request, pk)
    return _agenda_action(request, item, agenda.decline_item, _("The item is off the agenda."))


@require_POST
@login_required
def item_move(request, pk):
    item = _item(request, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    try:
        agenda.move_item(item, direction)
    except agenda.AgendaError as exc:
        messages.error(request, str(exc))
    return _to_meeting(item.meeting, f"item-{item.pk}")


def _meeting_action(request, pk, action, done):
    meeting = _meeting(request, pk, manage=True)
    try:
        action(meeting)
    except agenda.AgendaError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return _to_meeting(meeting)


@require_POST
@login_required
def meeting_publish(request, pk):
    return _meeting_action(
        request,
        pk,
        agenda.publish_agenda,
        _("The agenda is published. Members receive it by e-mail before the meeting."),
    )


@require_POST
@login_required
def meeting_start(request, pk):
    return _meeting_action(request, pk, agenda.start_meeting, _("The meeting is in session."))


@require_POST
@login_required
def meeting_close(request, pk):
    return _meeting_action(request, pk, agenda.close_meeting, _("The meeting is closed."))
