"""Permission rows for committee elections (seed 000 §2.2). School A's committee holds them; its
members, the QA manager (oversight) and the school's teachers (the electorate) follow them; the
secretary, the chair and the QA manager run them."""

import datetime

from django.urls import reverse

from tests.urlmatrix import everyone

FOLLOWERS = {
    **everyone(403),
    "teacher": 200,
    "member": 200,
    "secretary": 200,
    "chair": 200,
    "qa_manager": 200,
}
MANAGERS = {**everyone(403), "secretary": 200, "chair": 200, "qa_manager": 200}
POST_ONLY = everyone(405, anonymous=405)


def voting_election(world):
    """School A's committee election with voting open and one elector's marks, once per world."""
    found = getattr(world, "_elections_voting", None)
    if found is None:
        from governance.elections import cast, create_election, nominate, open_voting

        from . import factories as f

        users = world.users
        found = create_election(
            world.committee,
            users["secretary"],
            title="Election of teacher members, 2027–2028",
            seats=2,
            term_start=datetime.date(2027, 9, 1),
            term_end=datetime.date(2028, 8, 31),
        )
        colleague = f.teacher(world.school_a, email="colleague@uni.example.kz")
        nominate(found, users["teacher"], users["teacher"], "I stand.")
        nominate(found, colleague, users["member"], "A fine colleague.")
        found = open_voting(found)
        cast(found, users["member"], list(found.candidates.values_list("pk", flat=True)))
        world._elections_voting = found
    return found


def past_election(world, state):
    """An election of School A's committee in ``state`` (nominating or closed), built directly:
    the rules allow one election under way at a time, and the voting one is it."""
    key = f"_elections_{state}"
    found = getattr(world, key, None)
    if found is None:
        from .factories_elections import CandidateFactory, ElectionFactory, ElectionVoteFactory

        found = ElectionFactory(
            body=world.committee,
            status=state,
            created_by=world.users["secretary"],
            result="Elected: someone (1 vote). 1 of 4 electors voted." if state == "closed" else "",
        )
        candidate = CandidateFactory(
            election=found, votes=1 if state == "closed" else None, elected=state == "closed"
        )
        CandidateFactory(election=found, votes=0 if state == "closed" else None)
        if state == "closed":
            ElectionVoteFactory(candidate=candidate, voter=world.users["member"])
        setattr(world, key, found)
    return found


def other_school_committee(world):
    """School B's committee, with an election under nomination."""
    found = getattr(world, "_elections_other", None)
    if found is None:
        from . import factories as f
        from .factories_elections import ElectionFactory

        body = f.BodyFactory(kind="school_committee", school=world.school_b)
        found = ElectionFactory(body=body, created_by=world.users["qa_manager"])
        world._elections_other = found
    return found


def _election(name):
    return lambda w: reverse(f"governance:{name}", args=[voting_election(w).pk])


MATRIX = {
    "governance:election_list": (
        lambda w: reverse("governance:election_list", args=[w.committee.pk]),
        FOLLOWERS,
    ),
    "governance:election_create": (
        lambda w: reverse("governance:election_create", args=[w.committee.pk]),
        MANAGERS,
    ),
    "governance:election_detail": (_election("election_detail"), FOLLOWERS),
    "governance:election_nominate": (_election("election_nominate"), POST_ONLY),
    "governance:election_open": (_election("election_open"), POST_ONLY),
    "governance:election_vote": (_election("election_vote"), POST_ONLY),
    "governance:election_close": (_election("election_close"), POST_ONLY),
    "governance:candidate_withdraw": (
        lambda w: reverse(
            "governance:candidate_withdraw", args=[voting_election(w).candidates.first().pk]
        ),
        POST_ONLY,
    ),
}

OBJECT_CASES = {
    "election with nominations open": (
        lambda w: reverse("governance:election_detail", args=[past_election(w, "nominating").pk]),
        FOLLOWERS,
    ),
    "closed election with its named results": (
        lambda w: reverse("governance:election_detail", args=[past_election(w, "closed").pk]),
        FOLLOWERS,
    ),
    "elections listed with every state": (
        lambda w: (
            past_election(w, "closed"),
            reverse("governance:election_list", args=[voting_election(w).body_id]),
        )[1],
        FOLLOWERS,
    ),
    # School B's committee: its teachers elect; School A's teacher and members do not follow it.
    "election of another school's committee": (
        lambda w: reverse("governance:election_detail", args=[other_school_committee(w).pk]),
        {**everyone(403), "qa_manager": 200},
    ),
    "elections of another school's committee": (
        lambda w: reverse("governance:election_list", args=[other_school_committee(w).body_id]),
        {**everyone(403), "qa_manager": 200},
    ),
    "new election of another school's committee": (
        lambda w: reverse("governance:election_create", args=[other_school_committee(w).body_id]),
        {**everyone(403), "qa_manager": 200},
    ),
    # Only School Committees hold these elections (seed 000 §2.2).
    "no elections for the council": (
        lambda w: reverse("governance:election_list", args=[w.council.pk]),
        everyone(404),
    ),
    "no new election for the council": (
        lambda w: reverse("governance:election_create", args=[w.council.pk]),
        everyone(404),
    ),
    "unknown election": (
        lambda w: reverse("governance:election_detail", args=[999_999]),
        everyone(404),
    ),
    "elections of an unknown body": (
        lambda w: reverse("governance:election_list", args=[999_999]),
        everyone(404),
    ),
}
