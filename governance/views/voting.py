"""Voting in the browser: a motion on an agenda item, put to the vote by the chair, voted on by
members from their phones, closed with the result explained in words.

Seed 000 §2: every member, voting or not, follows the body's work; only voting members vote,
one vote each. Seed 000 §2.1–2.2: the result follows the body's charter
(``governance.voting``). While a vote is open nobody — not the chair, not the QA office — sees
the running totals, only how many members have voted; an open (named) vote lists who voted how
after the close, a secret vote only the totals.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from governance.decisions import record_decision
from governance.forms_voting import (
    CloseVoteForm,
    MotionForm,
    OpenVoteForm,
    casting_vote_may_be_asked,
)
from governance.models import AgendaItem, Decision, Motion
from governance.models.meetings import ItemStatus, MeetingStatus
from governance.models.voting import BallotKind, Choice, MotionStatus
from governance.permissions import (
    can_control_votes,
    can_manage_agenda,
    can_read_body,
)
from governance.tasks.votes import send_vote_reminder
from governance.voting import (
    VoteError,
    allowed_choices,
    cast_vote,
    close_vote,
    explain,
    open_vote,
    present_voting_count,
    result_of,
    voting_member_ids,
)

# A second press of "Remind" within this time sends nothing (a double click, not a decision).
REMIND_AGAIN_AFTER = timedelta(minutes=1)


def _motion(pk):
    return get_object_or_404(
        Motion.objects.select_related("item__meeting__body"),
        pk=pk,
    )


def _readable_motion(request, pk):
    motion = _motion(pk)
    if not can_read_body(request.user, motion.item.meeting.body):
        raise PermissionDenied
    return motion


def _controlled_motion(request, pk):
    """The motion, for the chair or deputy chair of its body only (seed 000 §2)."""
    motion = _motion(pk)
    if not can_control_votes(request.user, motion.item.meeting.body):
        raise PermissionDenied
    return motion


def voting_is_over(motion, now=None):
    """An open vote whose deadline has passed takes no more ballots (the close task follows)."""
    now = now or timezone.now()
    return bool(motion.status == MotionStatus.OPEN and motion.deadline and motion.deadline <= now)


def live_context(request, motion):
    """What the polled part of the page shows: status, how many have voted, the buttons, and
    after the close the result. Never the running choices while the vote is open."""
    user = request.user
    body = motion.item.meeting.body
    voter_ids = voting_member_ids(body)
    is_voter = user.pk in voter_ids
    receipts = motion.receipts.aggregate(
        total=Count("pk"), mine=Count("pk", filter=Q(voter_id=user.pk))
    )
    has_voted = bool(receipts["mine"])
    over = voting_is_over(motion)
    context = {
        "motion": motion,
        "body": body,
        "is_voter": is_voter,
        "has_voted": has_voted,
        "voted_count": receipts["total"],
        "voting_count": len(voter_ids),
        "voting_is_over": over,
        "can_vote": motion.status == MotionStatus.OPEN and is_voter and not has_voted and not over,
        "choices": [Choice(c) for c in allowed_choices(body)],
        "polling": motion.status != MotionStatus.CLOSED,
        "can_control": can_control_votes(user, body),
        "my_choice": None,
    }
    if has_voted and motion.ballot == BallotKind.OPEN:
        # A named vote is public after the close anyway; a secret one is never shown back.
        mine = motion.named_votes.filter(voter=user).values_list("choice", flat=True).first()
        context["my_choice"] = Choice(mine) if mine else None
    if motion.status == MotionStatus.CLOSED:
        result = result_of(motion)
        context["result"] = result
        context["explanation"] = explain(body, result)
        context["show_abstain"] = Choice.ABSTAIN in allowed_choices(body) or bool(
            motion.votes_abstain
        )
        if motion.ballot == BallotKind.OPEN:
            order = Choice.values
            context["named_votes"] = sorted(
                motion.named_votes.select_related("voter"),
                key=lambda vote: (order.index(vote.choice), str(vote.voter)),
            )
        decision = Decision.objects.filter(motion=motion).first()
        context["decision"] = decision
        context["decision_url"] = (
            reverse("governance:decision_detail", args=[decision.pk]) if decision else ""
        )
    return context


def _render_live(request, motion):
    """The fragment alone; it shows the messages itself, as no full page follows."""
    context = live_context(request, motion)
    context["fragment"] = True
    response = render(request, "governance/voting/_live.html", context)
    patch_vary_headers(response, ["HX-Request"])
    patch_cache_control(response, private=True, no_store=True)
    return response


def _back(request, motion):
    """After a POST: the fragment for htmx requests, otherwise the motion's page."""
    if request.htmx:
        return _render_live(request, motion)
    return redirect("governance:motion_detail", pk=motion.pk)


def _message_form_errors(request, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
def motion_create(request, item_pk):
    """The secretary or the chair words a motion on an agenda item (seed 000 §2)."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=item_pk)
    meeting = item.meeting
    body = meeting.body
    user = request.user
    if not (can_manage_agenda(user, body) or can_control_votes(user, body)):
        raise PermissionDenied
    accepts = item.status == ItemStatus.ON_AGENDA and meeting.status != MeetingStatus.CLOSED
    form = MotionForm(request.POST or None)
    if request.method == "POST":
        if not accepts:
            messages.error(
                request,
                _("Motions can be put only on items on the agenda of a meeting still to be held."),
            )
            return redirect("governance:motion_create", item_pk=item.pk)
        if form.is_valid():
            motion = form.save(commit=False)
            motion.item = item
            motion.save()
            messages.success(request, _("The motion was saved. The chair puts it to the vote."))
            return redirect("governance:motion_detail", pk=motion.pk)
    context = {
        "item": item,
        "meeting": meeting,
        "body": body,
        "form": form,
        "accepts": accepts,
        "motions": list(item.motions.all()),
        "meeting_url": reverse("governance:meeting_detail", args=[meeting.pk]),
        "body_url": reverse("governance:body_detail", args=[body.pk]),
    }
    return render(request, "governance/voting/motion_create.html", context)


@login_required
def motion_detail(request, pk):
    motion = _readable_motion(request, pk)
    meeting = motion.item.meeting
    body = meeting.body
    context = live_context(request, motion)
    context.update(
        {
            "item": motion.item,
            "meeting": meeting,
            "meeting_url": reverse("governance:meeting_detail", args=[meeting.pk]),
            "body_url": reverse("governance:body_detail", args=[body.pk]),
            "can_add_motion": can_manage_agenda(request.user, body) or context["can_control"],
        }
    )
    if context["can_control"] and motion.status == MotionStatus.DRAFT:
        context["open_form"] = OpenVoteForm()
    if context["can_control"] and motion.status == MotionStatus.OPEN:
        members, present = present_voting_count(meeting)
        ask = casting_vote_may_be_asked(motion, members, present, context["voted_count"])
        context["close_form"] = CloseVoteForm(ask_casting_vote=ask)
        context["present_count"] = present
    return render(request, "governance/voting/motion_detail.html", context)


@login_required
@require_GET
def motion_live(request, pk):
    """The polled fragment (htmx, every 3 s): status, "X of Y have voted", buttons, result."""
    motion = _readable_motion(request, pk)
    return _render_live(request, motion)


@require_POST
@login_required
def motion_open(request, pk):
    """The chair puts the motion to the vote, optionally with a deadline in minutes."""
    motion = _controlled_motion(request, pk)
    form = OpenVoteForm(request.POST)
    if motion.item.meeting.status == MeetingStatus.CLOSED:
        messages.error(request, _("The meeting is closed: no more votes can be taken."))
    elif not form.is_valid():
        _message_form_errors(request, form)
    else:
        minutes = form.cleaned_data["deadline_minutes"]
        deadline = timezone.now() + timedelta(minutes=minutes) if minutes else None
        try:
            motion = open_vote(motion, deadline=deadline)
        except VoteError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Voting is open."))
    return _back(request, _motion(pk))


@require_POST
@login_required
def motion_vote(request, pk):
    """A voting member casts their vote; the second attempt is refused (``cast_vote``)."""
    motion = _readable_motion(request, pk)
    choice = request.POST.get("choice", "")
    if voting_is_over(motion):
        messages.error(request, _("The time for voting is over."))
    else:
        try:
            cast_vote(motion, request.user, choice)
        except VoteError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your vote is recorded."))
    return _back(request, motion)


@require_POST
@login_required
def motion_close(request, pk):
    """The chair closes the vote; an adopted motion enters the register of decisions."""
    motion = _controlled_motion(request, pk)
    if motion.status != MotionStatus.OPEN:
        messages.error(request, _("Voting on this motion is not open."))
        return _back(request, motion)
    members, present = present_voting_count(motion.item.meeting)
    voted = motion.receipts.count()
    form = CloseVoteForm(
        request.POST, ask_casting_vote=casting_vote_may_be_asked(motion, members, present, voted)
    )
    if not form.is_valid():
        _message_form_errors(request, form)
        return _back(request, motion)
    try:
        with transaction.atomic():
            motion, result = close_vote(motion, casting_vote=form.chosen_casting_vote())
            decision = record_decision(motion)
    except VoteError as exc:
        messages.error(request, str(exc))
        return _back(request, _motion(pk))
    messages.success(request, explain(motion.item.meeting.body, result))
    if decision:
        messages.info(
            request,
            _("Entered in the register as decision No. %(number)s.") % {"number": decision.number},
        )
    return _back(request, _motion(pk))


@require_POST
@login_required
def motion_remind(request, pk):
    """The chair e-mails the members who have not voted yet (the same mail as the task)."""
    motion = _controlled_motion(request, pk)
    now = timezone.now()
    claimed = (
        Motion.objects.filter(pk=motion.pk, status=MotionStatus.OPEN)
        .filter(
            Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lte=now - REMIND_AGAIN_AFTER)
        )
        .update(reminder_sent_at=now)
    )
    if not claimed:
        if motion.status != MotionStatus.OPEN:
            messages.error(request, _("Voting on this motion is not open."))
        else:
            messages.info(request, _("A reminder has just been sent."))
        return _back(request, motion)
    sent = send_vote_reminder(motion, base_url=request.build_absolute_uri("/"))
    if sent:
        messages.success(
            request,
            ngettext(
                "A reminder was sent to %(n)d member.",
                "A reminder was sent to %(n)d members.",
                sent,
            )
            % {"n": sent},
        )
    else:
        messages.info(request, _("Every voting member has voted already."))
    return _back(request, motion)
