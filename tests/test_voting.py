"""Votes in the database: one per member, secret ballots unlinkable, quorum snapshots."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from governance.models import Attendance, BallotReceipt, NamedVote, SecretTally
from governance.voting import VoteError, cast_vote, close_vote, open_vote

from . import factories as f
from .services import need_postgres


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English (the catalogues translate them for members)."""
    with translation.override("en"):
        yield


def test_open_vote_adopts_and_snapshots_the_quorum(db):
    _body, meeting, members = f.body_with_members(5, present=4)
    motion = f.MotionFactory(item=f.AgendaItemFactory(meeting=meeting))
    open_vote(motion)
    motion.refresh_from_db()
    assert (motion.members_at_open, motion.present_at_open) == (5, 4)
    for person in members[:3]:
        cast_vote(motion, person, "for")
    cast_vote(motion, members[3], "against")
    Attendance.objects.create(meeting=meeting, person=members[4])
    motion, _result = close_vote(motion)
    assert (motion.members_at_close, motion.present_at_close) == (5, 5)
    assert (motion.votes_for, motion.votes_against, motion.outcome) == (3, 1, "adopted")
    assert NamedVote.objects.filter(motion=motion).count() == 4


def test_a_member_votes_once(db):
    _body, meeting, members = f.body_with_members(3)
    motion = open_vote(f.MotionFactory(item=f.AgendaItemFactory(meeting=meeting)))
    cast_vote(motion, members[0], "for")
    with pytest.raises(VoteError, match="already voted"):
        cast_vote(motion, members[0], "against")
    assert NamedVote.objects.get(motion=motion).choice == "for"


def test_only_voting_members_vote_and_only_while_open(db):
    body, meeting, members = f.body_with_members(3)
    guest = f.MembershipFactory(body=body, role="guest", voting=False).person
    motion = f.MotionFactory(item=f.AgendaItemFactory(meeting=meeting))
    with pytest.raises(VoteError, match="not open"):
        cast_vote(motion, members[0], "for")
    open_vote(motion)
    with pytest.raises(VoteError, match="voting members"):
        cast_vote(motion, guest, "for")
    with pytest.raises(VoteError, match="voting members"):
        cast_vote(motion, f.UserFactory(), "for")
    close_vote(motion)
    with pytest.raises(VoteError, match="not open"):
        cast_vote(motion, members[1], "for")


def test_abstention_only_where_the_charter_allows_it(db):
    _body, meeting, members = f.body_with_members(3, abstention_rule="not_allowed")
    motion = open_vote(f.MotionFactory(item=f.AgendaItemFactory(meeting=meeting)))
    with pytest.raises(VoteError, match="charter"):
        cast_vote(motion, members[0], "abstain")


def _table_columns(model):
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return {column.name for column in description}


def test_secret_ballot_tables_cannot_link_a_member_to_a_choice(db):
    _body, meeting, members = f.body_with_members(4)
    motion = f.MotionFactory(item=f.AgendaItemFactory(meeting=meeting), ballot="secret")
    open_vote(motion)
    cast_vote(motion, members[0], "for")
    cast_vote(motion, members[1], "against")
    cast_vote(motion, members[2], "for")

    # Who has voted: person and motion only; no choice, no time.
    assert _table_columns(BallotReceipt) == {"id", "motion_id", "voter_id"}
    # What was chosen: counters per choice; no person, no time, no row per ballot.
    assert _table_columns(SecretTally) == {"id", "motion_id", "choice", "count"}
    assert not NamedVote.objects.filter(motion=motion).exists()
    tallies = dict(SecretTally.objects.filter(motion=motion).values_list("choice", "count"))
    assert tallies == {"for": 2, "against": 1, "abstain": 0}
    # The counter rows were created together when the vote opened, not one per ballot.
    assert SecretTally.objects.filter(motion=motion).count() == 3
    motion, _result = close_vote(motion)
    assert (motion.votes_for, motion.votes_against) == (2, 1)


def test_secret_votes_are_not_in_the_audit_log(db):
    from auditlog.models import LogEntry

    _body, meeting, members = f.body_with_members(2)
    motion = open_vote(f.MotionFactory(item=f.AgendaItemFactory(meeting=meeting), ballot="secret"))
    before = LogEntry.objects.count()
    cast_vote(motion, members[0], "for")
    assert LogEntry.objects.count() == before


@pytest.mark.postgres
def test_secret_counters_keep_no_trace_of_the_last_choice(db):
    """Every counter of the motion carries the same row version after each ballot."""
    need_postgres()
    _body, meeting, members = f.body_with_members(3)
    motion = open_vote(f.MotionFactory(item=f.AgendaItemFactory(meeting=meeting), ballot="secret"))
    for person, choice in zip(members, ["for", "against", "abstain"], strict=True):
        cast_vote(motion, person, choice)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT xmin::text FROM governance_secrettally WHERE motion_id = %s",
                [motion.pk],
            )
            assert len(cursor.fetchall()) == 1


@pytest.mark.postgres
@pytest.mark.parametrize("ballot", ["open", "secret"])
def test_fifty_parallel_votes_by_one_member_count_once(transactional_db, ballot):
    need_postgres()
    _body, meeting, members = f.body_with_members(3)
    motion = open_vote(f.MotionFactory(item=f.AgendaItemFactory(meeting=meeting), ballot=ballot))
    voter = members[0]
    start = threading.Barrier(50)
    outcomes = []

    def vote():
        start.wait()
        try:
            cast_vote(motion, voter, "for")
            outcomes.append("ok")
        except VoteError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert outcomes.count("refused") == 49
    assert BallotReceipt.objects.filter(motion=motion, voter=voter).count() == 1
    motion, _result = close_vote(motion)
    assert motion.votes_for == 1
