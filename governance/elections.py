"""The annual open election of the teacher members of a School Committee (seed 000 §2.2).

Seed 000 §2.2: a School Committee's voting members are students and teachers; every teacher of
the school may be elected a voting member, in an open election held every year. The electorate
is the school's teaching staff. The secretary or the chair of the committee (or the QA manager,
who oversees every body, seed 000 §2) opens nominations, puts the candidates to the vote and
closes it; each elector marks at most as many candidates as there are seats and may change the
marks until voting closes. Being open, the election keeps every elector's marks with their name
and shows them after the close.

The candidates with the most votes take the seats, each with at least one vote. When candidates
tie for the last seat, that seat is left empty for a second round: the rules name no tie-breaker.
An elected teacher gets a seat (``Membership``) for the election's term; one who already has a
seat on the committee for those dates gets none, and the result says why.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.models import Body, Candidate, Election, ElectionVote, Membership, User
from governance.models.bodies import BodyKind, Constituency, MemberRole, MembershipBasis
from governance.models.elections import ElectionStatus
from governance.permissions import BODY_OVERSIGHT_ROLES, can_manage_agenda, can_read_body
from governance.roles import Role


class ElectionError(Exception):
    """An action the election's rules refuse; the message says why, for the person."""


# --- Who takes part ---------------------------------------------------------------------------


def holds_elections(body):
    """Seed 000 §2.2: the annual open election is the School Committee's (which has a school)."""
    return body.kind == BodyKind.SCHOOL_COMMITTEE and body.school_id is not None


def _teaches_at(person, school_id):
    """An active account with the teacher role whose staff profile is at the school."""
    if not (person.is_authenticated and person.is_active and person.has_role(Role.TEACHER)):
        return False
    profile = getattr(person, "staff_profile", None)
    return profile is not None and profile.school_id == school_id


def may_stand(person, body):
    """Seed 000 §2.2: every teacher of the school may be elected a voting member of its
    committee; nobody else stands in this election."""
    return holds_elections(body) and _teaches_at(person, body.school_id)


def may_vote(person, body):
    """Seed 000 §2.2: the electorate is the teaching staff of the body's school."""
    return holds_elections(body) and _teaches_at(person, body.school_id)


def electors(body):
    """The electorate (seed 000 §2.2) as a queryset: the school's active teachers."""
    if not holds_elections(body):
        return User.objects.none()
    return User.objects.filter(
        is_active=True,
        groups__name=Role.TEACHER.value,
        staff_profile__school_id=body.school_id,
    )


def can_manage_elections(user, body):
    """The secretary and the chair run the committee's elections as they run its agenda; the
    QA manager oversees every body (seed 000 §2)."""
    return user.is_authenticated and (
        can_manage_agenda(user, body) or user.has_role(*BODY_OVERSIGHT_ROLES)
    )


def can_follow_elections(user, body):
    """Members read everything their body does (seed 000 §2); electors follow the election they
    vote in (seed 000 §2.2)."""
    return can_read_body(user, body) or may_vote(user, body)


def voting_is_over(election, now=None):
    """Voting whose closing time has passed takes no more marks (the close task follows)."""
    now = now or timezone.now()
    return bool(
        election.status == ElectionStatus.VOTING
        and election.voting_closes_at
        and election.voting_closes_at <= now
    )


# --- The seats an election fills ------------------------------------------------------------


def election_reference(election, on=None):
    """What the seats of the elected cite as their basis ("Open election No. 7 of 12.09.2027")."""
    day = formats.date_format(on or timezone.localdate(), "SHORT_DATE_FORMAT")
    text = _("Open election No. %(number)d of %(date)s") % {"number": election.pk, "date": day}
    return text[: Membership._meta.get_field("order_number").max_length]


def seat_for(election, person, on=None):
    """The (unsaved) seat the election gives ``person``: a voting teacher member for its term."""
    return Membership(
        body=election.body,
        person=person,
        role=MemberRole.MEMBER,
        voting=True,
        constituency=Constituency.TEACHER,
        term_start=election.term_start,
        term_end=election.term_end,
        basis=MembershipBasis.ELECTION,
        order_number=election_reference(election, on),
    )


def seat_problem(election, person):
    """Why ``person`` could not take a seat from this election, in words ("" when they can).

    The seat must pass ``Membership.clean()``: above all, nobody holds two seats on a body for
    overlapping dates, so a member whose term runs into the election's term cannot stand.
    """
    return _problem_of(seat_for(election, person))


def _problem_of(seat):
    try:
        seat.full_clean()
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


# --- The course of an election ----------------------------------------------------------------


def _locked(election):
    return Election.objects.select_for_update().select_related("body").get(pk=election.pk)


@transaction.atomic
def create_election(body, created_by, *, title, seats, term_start, term_end, voting_closes_at=None):
    """Open nominations for a new election of the committee's teacher members (seed 000 §2.2).

    One election at a time: a new one waits until the previous one is closed.
    """
    body = Body.objects.select_for_update().get(pk=body.pk)
    if not holds_elections(body):
        raise ElectionError(_("Only a School Committee elects its teacher members."))
    if not body.is_active:
        raise ElectionError(_("This body is no longer active."))
    if body.elections.exclude(status=ElectionStatus.CLOSED).exists():
        raise ElectionError(
            _("An election of this body is still under way; close it before starting another.")
        )
    election = Election(
        body=body,
        title=title,
        seats=seats,
        term_start=term_start,
        term_end=term_end,
        voting_closes_at=voting_closes_at,
        created_by=created_by,
    )
    election.full_clean()
    election.save()
    return election


def nominate(election, person, by, statement=""):
    """Put ``person`` forward as a candidate, while nominations are open (seed 000 §2.2).

    A teacher of the school nominates themselves or another teacher of the school; somebody who
    already has a seat on the committee for dates within the election's term cannot stand.
    """
    body = election.body
    if not may_vote(by, body):
        raise ElectionError(_("Only teachers of the school nominate candidates."))
    if not may_stand(person, body):
        raise ElectionError(
            _("%(person)s cannot stand: only teachers of %(school)s may be elected.")
            % {"person": person, "school": body.school}
        )
    with transaction.atomic():
        locked = _locked(election)
        if locked.status != ElectionStatus.NOMINATING:
            raise ElectionError(_("Nominations for this election are closed."))
        problem = seat_problem(locked, person)
        if problem:
            raise ElectionError(
                _("%(person)s cannot stand in this election: %(reason)s")
                % {"person": person, "reason": problem}
            )
        try:
            with transaction.atomic():
                return Candidate.objects.create(
                    election=locked, person=person, nominated_by=by, statement=statement.strip()
                )
        except IntegrityError as exc:
            raise ElectionError(
                _("%(person)s is already a candidate.") % {"person": person}
            ) from exc


@transaction.atomic
def withdraw(candidate, by):
    """The candidate withdraws, or a manager takes the nomination back, before voting opens."""
    election = _locked(candidate.election)
    if by.pk != candidate.person_id and not can_manage_elections(by, election.body):
        raise ElectionError(
            _("Only the candidate or the committee's secretary or chair can do this.")
        )
    if election.status != ElectionStatus.NOMINATING:
        raise ElectionError(_("Nominations for this election are closed."))
    candidate.delete()


@transaction.atomic
def open_voting(election, closes_at=None, now=None):
    """End nominations and open voting, until ``closes_at`` if given (else the election's time,
    else until a manager closes it)."""
    now = now or timezone.now()
    election = _locked(election)
    if election.status != ElectionStatus.NOMINATING:
        raise ElectionError(_("Voting in this election has already opened."))
    if not election.candidates.exists():
        raise ElectionError(_("Nobody has been nominated yet."))
    closes_at = closes_at or election.voting_closes_at
    if closes_at and closes_at <= now:
        raise ElectionError(_("The closing time has passed; give a later one."))
    election.status = ElectionStatus.VOTING
    election.voting_closes_at = closes_at
    election.save(update_fields=["status", "voting_closes_at"])
    return election


def cast(election, voter, candidate_ids, now=None):
    """Record an elector's marks: at most as many candidates as seats (seed 000 §2.2).

    A later call replaces the elector's earlier marks while voting is open. The election row is
    locked for the change, so parallel requests by one elector leave exactly one of their sets
    of marks (never a mixture), and the unique constraint refuses a candidate marked twice.
    """
    wanted = set(candidate_ids)
    if not may_vote(voter, election.body):
        raise ElectionError(
            _("Only teachers of %(school)s vote in this election.")
            % {"school": election.body.school}
        )
    if not wanted:
        raise ElectionError(_("Mark at least one candidate."))
    with transaction.atomic():
        locked = _locked(election)
        if locked.status != ElectionStatus.VOTING:
            raise ElectionError(_("Voting in this election is not open."))
        if voting_is_over(locked, now):
            raise ElectionError(_("The time for voting is over."))
        if len(wanted) > locked.seats:
            raise ElectionError(
                ngettext(
                    "You may mark at most %(n)d candidate.",
                    "You may mark at most %(n)d candidates.",
                    locked.seats,
                )
                % {"n": locked.seats}
            )
        known = set(locked.candidates.filter(pk__in=wanted).values_list("pk", flat=True))
        if known != wanted:
            raise ElectionError(_("Mark only candidates of this election."))
        ElectionVote.objects.filter(election=locked, voter=voter).delete()
        ElectionVote.objects.bulk_create(
            [ElectionVote(election=locked, voter=voter, candidate_id=pk) for pk in sorted(wanted)]
        )


# --- Counting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    elected: tuple  # most votes first
    tied: tuple  # tied for the last seat(s), which stay empty
    unfilled: int  # seats left empty


def tally(candidates, seats):
    """Who takes the seats (pure: reads ``votes`` of each candidate).

    The ``seats`` candidates with most votes are elected, each with at least one vote. When
    candidates share the vote count at the boundary and there are more of them than seats left,
    none of them is elected and those seats wait for a second round. Equal counts are listed
    in alphabetical order.
    """
    ranked = sorted((c for c in candidates if c.votes), key=lambda c: (-c.votes, str(c)))
    if len(ranked) <= seats:
        return Tally(tuple(ranked), (), seats - len(ranked))
    boundary = ranked[seats - 1].votes
    if ranked[seats].votes < boundary:
        return Tally(tuple(ranked[:seats]), (), 0)
    above = tuple(c for c in ranked if c.votes > boundary)
    tied = tuple(c for c in ranked if c.votes == boundary)
    return Tally(above, tied, seats - len(above))


def _with_votes(candidate):
    return ngettext("%(name)s (%(n)d vote)", "%(name)s (%(n)d votes)", candidate.votes) % {
        "name": candidate.person,
        "n": candidate.votes,
    }


def _and(names):
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def explain(result, voters, electorate, refused=()):
    """The result in words, in the active language.

    "Elected: A (12 votes), B (10 votes). 25 of 40 electors voted." ``refused``: (person,
    reason) for the elected who got no seat (``seat_problem``).
    """
    parts = []
    if result.elected:
        names = ", ".join(_with_votes(c) for c in result.elected)
        parts.append(_("Elected: %(names)s.") % {"names": names})
    else:
        parts.append(_("Nobody was elected."))
    if result.tied:
        parts.append(
            ngettext(
                "Tie between %(names)s for the last seat: a second round is needed.",
                "Tie between %(names)s for the last %(n)d seats: a second round is needed.",
                result.unfilled,
            )
            % {"names": _and([_with_votes(c) for c in result.tied]), "n": result.unfilled}
        )
    elif result.unfilled:
        parts.append(
            ngettext(
                "%(n)d seat is left empty: too few candidates received votes.",
                "%(n)d seats are left empty: too few candidates received votes.",
                result.unfilled,
            )
            % {"n": result.unfilled}
        )
    parts.append(
        ngettext(
            "%(voted)d of %(electors)d elector voted.",
            "%(voted)d of %(electors)d electors voted.",
            electorate,
        )
        % {"voted": voters, "electors": electorate}
    )
    for person, reason in refused:
        parts.append(
            _("%(person)s gets no new seat: %(reason)s") % {"person": person, "reason": reason}
        )
    return " ".join(str(part) for part in parts)


@transaction.atomic
def close_election(election, now=None):
    """Close voting, count the marks, elect, seat the elected and store the result in words.

    The result is written in the active language. Closing an election that is closed already
    is refused (``ElectionError``) and changes nothing, so the close task and a manager may both
    try.
    """
    now = now or timezone.now()
    election = _locked(election)
    if election.status == ElectionStatus.NOMINATING:
        raise ElectionError(_("Voting in this election has not opened yet."))
    if election.status == ElectionStatus.CLOSED:
        raise ElectionError(_("This election is already closed."))
    candidates = list(election.candidates.select_related("person").annotate(marks=Count("ballots")))
    for candidate in candidates:
        candidate.votes = candidate.marks
    result = tally(candidates, election.seats)
    for candidate in candidates:
        candidate.elected = candidate in result.elected
    Candidate.objects.bulk_update(candidates, ["votes", "elected"])

    closed_on = timezone.localdate(now)
    refused = []
    for candidate in result.elected:
        seat = seat_for(election, candidate.person, closed_on)
        problem = _problem_of(seat)
        if problem:
            refused.append((candidate.person, problem))
        else:
            seat.save()
    voters = election.votes.values("voter").distinct().count()
    election.result = explain(result, voters, electors(election.body).count(), refused)
    election.status = ElectionStatus.CLOSED
    election.closed_at = now
    election.save(update_fields=["result", "status", "closed_at"])
    return election
