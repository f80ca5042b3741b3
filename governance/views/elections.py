"""The annual open election of a School Committee's teacher members, in the browser.

Seed 000 §2.2: every teacher of the school may stand; the school's teachers elect, openly, once
a year. The committee's secretary or chair (or the QA manager, seed 000 §2) opens nominations,
opens voting and closes it. Members of the committee and the electors follow the election; while
voting is open nobody sees the running totals, only how many electors have voted; after the
close the marks of every elector are shown with their names (an open election). The rules live
in ``governance.elections``; these views check them and show the result.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from governance.elections import (
    ElectionError,
    can_follow_elections,
    can_manage_elections,
    cast,
    close_election,
    create_election,
    electors,
    holds_elections,
    may_stand,
    may_vote,
    nominate,
    open_voting,
    voting_is_over,
    withdraw,
)
from governance.forms_elections import BallotForm, ElectionForm, NominationForm, OpenVotingForm
from governance.models import Body, Candidate, Election
from governance.models.elections import ElectionStatus
from governance.permissions import can_read_body
from governance.queueing import queue_after_commit
from governance.tasks.elections import notify_electors


def _committee(request, pk, *, manage=False):
    """A School Committee the user may follow (or, with ``manage``, run the elections of)."""
    body = get_object_or_404(Body.objects.select_related("school"), pk=pk)
    if not holds_elections(body):
        raise Http404
    allowed = (can_manage_elections if manage else can_follow_elections)(request.user, body)
    if not allowed:
        raise PermissionDenied
    return body


def _election(request, pk, *, manage=False):
    election = get_object_or_404(Election.objects.select_related("body__school"), pk=pk)
    allowed = (can_manage_elections if manage else can_follow_elections)(
        request.user, election.body
    )
    if not allowed:
        raise PermissionDenied
    return election


def _to_election(election):
    return redirect("governance:election_detail", pk=election.pk)


def _announce(election):
    """Queue the notice to the electorate once the change is committed."""
    queue_after_commit(
        notify_electors,
        election.pk,
        election.status,
        what=f"the notice of election {election.pk}",
    )


@login_required
def election_list(request, pk):
    body = _committee(request, pk)
    user = request.user
    elections = body.elections.annotate(candidate_count=Count("candidates")).order_by("-created_at")
    context = {
        "body": body,
        "elections": elections,
        "can_manage": can_manage_elections(user, body),
        "body_readable": can_read_body(user, body),
    }
    return render(request, "governance/elections/list.html", context)


@login_required
def election_create(request, pk):
    """The secretary, the chair or the QA manager opens nominations (seed 000 §2.2)."""
    body = _committee(request, pk, manage=True)
    form = ElectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            election = create_election(body, request.user, **form.cleaned_data)
        except ElectionError as exc:
            messages.error(request, str(exc))
        else:
            _announce(election)
            messages.success(
                request, _("Nominations are open; the school's teachers are told by e-mail.")
            )
            return _to_election(election)
    return render(
        request,
        "governance/meetings/form.html",
        {
            "form": form,
            "body": body,
            "heading": _("New election to %(body)s") % {"body": body},
            "intro": _(
                "Seed 000 §2.2: the teacher members of the committee are elected every year in "
                "an open election; every teacher of the school may stand and vote."
            ),
            "submit": _("Open nominations"),
        },
    )


def _detail(request, election, **forms):
    """The election's page; ``forms`` are bound forms to show again with their errors."""
    user = request.user
    body = election.body
    candidates = list(election.candidates.select_related("person", "nominated_by"))
    can_manage = can_manage_elections(user, body)
    is_elector = may_vote(user, body)
    context = {
        "election": election,
        "body": body,
        "candidates": candidates,
        "can_manage": can_manage,
        "is_elector": is_elector,
        "body_url": reverse("governance:body_detail", args=[body.pk])
        if can_read_body(user, body)
        else "",
    }
    if election.status == ElectionStatus.NOMINATING:
        for candidate in candidates:
            candidate.can_withdraw = can_manage or candidate.person_id == user.pk
        if is_elector:
            initial = {"person": user.pk} if may_stand(user, body) else {}
            context["nomination_form"] = forms.get("nomination_form") or NominationForm(
                election=election, initial=initial
            )
        if can_manage:
            context["open_form"] = forms.get("open_form") or OpenVotingForm(
                initial={"voting_closes_at": election.voting_closes_at}
            )
    elif election.status == ElectionStatus.VOTING:
        mine = set(election.votes.filter(voter=user.pk).values_list("candidate_id", flat=True))
        over = voting_is_over(election)
        context.update(
            {
                "voted_count": election.votes.aggregate(n=Count("voter", distinct=True))["n"],
                "electorate": electors(body).count(),
                "voting_is_over": over,
                "my_marks": [c for c in candidates if c.pk in mine],
            }
        )
        if is_elector and not over:
            context["ballot_form"] = forms.get("ballot_form") or BallotForm(
                election=election, initial={"candidates": sorted(mine)}
            )
    else:
        context["ranked"] = sorted(candidates, key=lambda c: (-(c.votes or 0), str(c.person)))
        marks = defaultdict(list)
        ballots = election.votes.select_related("voter", "candidate__person")
        for vote in ballots:
            marks[vote.voter].append(vote.candidate.person)
        context["named_marks"] = sorted(
            ((voter, sorted(people, key=str)) for voter, people in marks.items()),
            key=lambda row: str(row[0]),
        )
    return render(request, "governance/elections/detail.html", context)


@login_required
def election_detail(request, pk):
    return _detail(request, _election(request, pk))


@require_POST
@login_required
def election_nominate(request, pk):
    """A teacher of the school stands, or nominates a colleague (seed 000 §2.2)."""
    election = _election(request, pk)
    form = NominationForm(request.POST, election=election)
    if not form.is_valid():
        return _detail(request, election, nomination_form=form)
    person = form.cleaned_data["person"]
    try:
        nominate(election, person, request.user, form.cleaned_data["statement"])
    except ElectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(person)s is a candidate.") % {"person": person})
    return _to_election(election)


@require_POST
@login_required
def candidate_withdraw(request, pk):
    """The candidate withdraws, or a manager takes the nomination back, before voting opens."""
    candidate = get_object_or_404(
        Candidate.objects.select_related("election__body__school", "person"), pk=pk
    )
    election = candidate.election
    if not can_follow_elections(request.user, election.body):
        raise PermissionDenied
    try:
        withdraw(candidate, request.user)
    except ElectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(person)s is no longer a candidate.") % {"person": candidate.person}
        )
    return _to_election(election)


@require_POST
@login_required
def election_open(request, pk):
    """A manager ends nominations and opens voting, with a closing time if they like."""
    election = _election(request, pk, manage=True)
    form = OpenVotingForm(request.POST)
    if not form.is_valid():
        return _detail(request, election, open_form=form)
    try:
        election = open_voting(election, form.cleaned_data["voting_closes_at"])
    except ElectionError as exc:
        messages.error(request, str(exc))
    else:
        _announce(election)
        messages.success(request, _("Voting is open; the school's teachers are told by e-mail."))
    return _to_election(election)


@require_POST
@login_required
def election_vote(request, pk):
    """An elector marks candidates; marking again replaces the earlier marks."""
    election = _election(request, pk)
    form = BallotForm(request.POST, election=election)
    if not form.is_valid():
        return _detail(request, election, ballot_form=form)
    chosen = form.chosen_ids()
    try:
        cast(election, request.user, chosen)
    except ElectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "Your vote is recorded: %(n)d candidate marked. You may change it until voting "
                "closes.",
                "Your vote is recorded: %(n)d candidates marked. You may change it until voting "
                "closes.",
                len(chosen),
            )
            % {"n": len(chosen)},
        )
    return _to_election(election)


@require_POST
@login_required
def election_close(request, pk):
    """A manager closes voting: the marks are counted and the elected take their seats."""
    election = _election(request, pk, manage=True)
    try:
        election = close_election(election)
    except ElectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, election.result)
    return _to_election(election)
