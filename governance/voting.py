"""Opening, casting and closing votes, and the result explained in words."""

import math
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Case, F, PositiveIntegerField, When
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from governance.models import Attendance, BallotReceipt, Motion, NamedVote, SecretTally
from governance.models.bodies import AbstentionRule, MemberRole, Membership
from governance.models.voting import BallotKind, Choice, MotionStatus, Outcome
from governance.quorum import is_quorate, is_tie, quorum_needed, requirement


class VoteError(Exception):
    """A vote that cannot be accepted; the message says why, for the member."""


def voting_member_ids(body, on=None):
    return set(
        Membership.objects.current(on)
        .filter(body=body, voting=True)
        .values_list("person_id", flat=True)
    )


def present_voting_count(meeting):
    members = voting_member_ids(meeting.body, meeting.starts_at.date())
    present = Attendance.objects.filter(meeting=meeting, present=True).values_list(
        "person_id", flat=True
    )
    return len(members), len(members & set(present))


def allowed_choices(body):
    if body.abstention_rule == AbstentionRule.NOT_ALLOWED:
        return [Choice.FOR, Choice.AGAINST]
    return [Choice.FOR, Choice.AGAINST, Choice.ABSTAIN]


@transaction.atomic
def open_vote(motion, deadline=None):
    """Put the motion to the vote, snapshotting the quorum as it stands now."""
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    if motion.status != MotionStatus.DRAFT:
        raise VoteError(_("This motion has already been put to the vote."))
    meeting = motion.item.meeting
    motion.members_at_open, motion.present_at_open = present_voting_count(meeting)
    motion.status = MotionStatus.OPEN
    motion.opened_at = timezone.now()
    motion.deadline = deadline
    motion.save()
    if motion.ballot == BallotKind.SECRET:
        SecretTally.objects.bulk_create(
            [SecretTally(motion=motion, choice=c) for c in Choice.values], ignore_conflicts=True
        )
    return motion


def cast_vote(motion, voter, choice):
    """Record one member's vote; a second vote by the same member is refused by the database.

    The receipt and the ballot are written in one transaction, so a refused receipt leaves no
    ballot behind. A secret ballot only increments a counter.
    """
    body = motion.item.meeting.body
    if choice not in allowed_choices(body):
        raise VoteError(_("This choice is not allowed by the body's charter."))
    if voter.pk not in voting_member_ids(body):
        raise VoteError(_("Only voting members of the body can vote."))
    try:
        with transaction.atomic():
            locked = Motion.objects.select_for_update().get(pk=motion.pk)
            if locked.status != MotionStatus.OPEN:
                raise VoteError(_("Voting on this motion is not open."))
            BallotReceipt.objects.create(motion=locked, voter=voter)
            if locked.ballot == BallotKind.SECRET:
                # One statement rewrites every counter of the motion, so PostgreSQL's row
                # versions (xmin/ctid) cannot show which choice the latest voter made.
                SecretTally.objects.filter(motion=locked).update(
                    count=Case(
                        When(choice=choice, then=F("count") + 1),
                        default=F("count"),
                        output_field=PositiveIntegerField(),
                    )
                )
            else:
                NamedVote.objects.create(motion=locked, voter=voter, choice=choice)
    except IntegrityError as exc:
        raise VoteError(_("You have already voted on this motion.")) from exc


def count_votes(motion):
    if motion.ballot == BallotKind.SECRET:
        counts = dict(motion.tallies.values_list("choice", "count"))
    else:
        counts = {}
        for choice in motion.named_votes.values_list("choice", flat=True):
            counts[choice] = counts.get(choice, 0) + 1
    return (
        counts.get(Choice.FOR, 0),
        counts.get(Choice.AGAINST, 0),
        counts.get(Choice.ABSTAIN, 0),
    )


@dataclass(frozen=True)
class Result:
    outcome: str
    votes_for: int
    votes_against: int
    votes_abstain: int
    members: int
    present: int
    needed: int
    base: int
    exact: object
    quorum_needed: int
    tie: bool
    casting_vote: str


def compute_result(body, members, present, votes_for, votes_against, abstain, casting_vote=""):
    """Apply the body's charter to the counts (pure: no database)."""
    quorum = body.quorum
    q_needed = quorum_needed(quorum, members)
    req = requirement(
        body.majority_rule,
        body.abstention_rule,
        members,
        present,
        votes_for,
        votes_against,
        abstain,
    )
    tie = is_tie(body.majority_rule, votes_for, req)
    if not is_quorate(quorum, present, members):
        outcome = Outcome.NO_QUORUM
    elif (votes_for >= req.needed and req.base > 0) or (
        tie and body.chair_casting_vote and casting_vote == Choice.FOR
    ):
        outcome = Outcome.ADOPTED
    else:
        outcome = Outcome.REJECTED
    return Result(
        outcome,
        votes_for,
        votes_against,
        abstain,
        members,
        present,
        req.needed,
        req.base,
        req.exact,
        q_needed,
        tie,
        casting_vote if tie and body.chair_casting_vote else "",
    )


def _decimal(value):
    """A fraction of people rounded up to hundredths, as the minutes print it (13.34)."""
    return number_format(math.ceil(value * 100) / 100, decimal_pos=2)


def explain(body, result):
    """The result in words, in the active language (for the page and the minutes)."""
    if result.outcome == Outcome.NO_QUORUM:
        return _(
            "No quorum: %(present)d of %(members)d voting members present, %(needed)d needed. "
            "No valid decision was taken."
        ) % {"present": result.present, "members": result.members, "needed": result.quorum_needed}
    counts = _("%(for)d for, %(against)d against, %(abstain)d abstained") % {
        "for": result.votes_for,
        "against": result.votes_against,
        "abstain": result.votes_abstain,
    }
    rule = body.majority_rule
    if rule == "two_thirds_present":
        need = _("2/3 of %(base)d = %(exact)s → %(needed)d needed")
    elif rule == "absolute_all":
        need = _("more than half of all %(base)d voting members → %(needed)d needed")
    elif rule == "unanimity":
        need = _("unanimity of %(base)d → %(needed)d needed")
    else:
        need = _("more than half of %(base)d → %(needed)d needed")
    need = need % {"base": result.base, "exact": _decimal(result.exact), "needed": result.needed}
    head = (
        _("Adopted: %(for)d for of %(present)d present; %(need)s.")
        if result.outcome == Outcome.ADOPTED
        else _("Rejected: %(for)d for of %(present)d present; %(need)s.")
    ) % {"for": result.votes_for, "present": result.present, "need": need}
    text = f"{head} ({counts})"
    if result.tie and result.casting_vote:
        text += " " + _("Tie broken by the chair's casting vote: %(choice)s.") % {
            "choice": Choice(result.casting_vote).label
        }
    elif result.tie and body.chair_casting_vote:
        text += " " + _("Tie: the chair did not break it.")
    return text


def result_of(motion):
    """The stored result of a closed motion, recomputed from its snapshot (for display)."""
    return compute_result(
        motion.item.meeting.body,
        motion.members_at_close,
        motion.present_at_close,
        motion.votes_for,
        motion.votes_against,
        motion.votes_abstain,
        motion.casting_vote,
    )


@transaction.atomic
def close_vote(motion, casting_vote=""):
    """Close voting, snapshot the quorum again, and store the counts and outcome."""
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    if motion.status != MotionStatus.OPEN:
        raise VoteError(_("Voting on this motion is not open."))
    meeting = motion.item.meeting
    motion.members_at_close, motion.present_at_close = present_voting_count(meeting)
    motion.votes_for, motion.votes_against, motion.votes_abstain = count_votes(motion)
    if not casting_vote and motion.ballot == BallotKind.OPEN:
        chairs = Membership.objects.current().filter(body=meeting.body, role=MemberRole.CHAIR)
        chair_vote = motion.named_votes.filter(voter__in=chairs.values("person")).values_list(
            "choice", flat=True
        )
        casting_vote = next(iter(chair_vote), "")
    result = compute_result(
        meeting.body,
        motion.members_at_close,
        motion.present_at_close,
        motion.votes_for,
        motion.votes_against,
        motion.votes_abstain,
        casting_vote,
    )
    motion.casting_vote = result.casting_vote
    motion.outcome = result.outcome
    motion.status = MotionStatus.CLOSED
    motion.closed_at = timezone.now()
    motion.save()
    return motion, result
