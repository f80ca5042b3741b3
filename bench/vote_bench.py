"""How the portal holds up when every member of a large body votes in the same second.

What is measured, on a real gunicorn server backed by PostgreSQL:

* a body of ``--members`` (100) voting members, all checked in at a meeting in session, and two
  motions opened with ``governance.voting.open_vote``: an open (named) and a secret ballot;
* every member signed in over HTTP (session and CSRF cookies, as a browser holds them) with the
  motion's page open;
* burst 1: all members POST their vote at the same instant (threads released by a barrier), the
  way the page's htmx form sends it;
* burst 2: ``--duplicates`` (20) of them, at the same instant, POST a second vote with another
  choice;
* then the vote is closed with ``governance.voting.close_vote`` and the stored result is
  compared with what the server answered.

Printed for each ballot: votes counted, lost (the server said "recorded" but the vote is not in
the count), doubled (counted more than once per member), duplicates rejected and accepted,
other failures, and for each burst the wall time from the first request sent to the last
answer received (and the requests per second that makes) and the p50/p95/max latency of single
requests (connect to last byte).

The database named by ``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/qa_bench``)
is created, migrated and dropped again; a database of that name that this script did not create
is never touched. Run it with ``make bench`` (see bench/README.md).
"""

import argparse
import datetime
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from harness import (
    PASSWORD,
    Client,
    bench_environment,
    free_port,
    in_parallel,
    ms,
    percentile,
    serving,
)

# Django and the portal's modules are imported inside the functions, once main() has set the
# environment the settings read and run() has called django.setup().
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/qa_bench"
# Written on the database this script creates; a database without it is never dropped.
MARK = "qa-portal vote benchmark (bench/vote_bench.py); safe to drop"
CHOICES = ["for", "for", "for", "against", "abstain"]  # member i votes CHOICES[i % 5]
RECORDED = "Your vote is recorded."
ALREADY_VOTED = "You have already voted on this motion."
MESSAGE = re.compile(r'<li class="message (\w+)">(.*?)</li>', re.S)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100, help="voting members (100)")
    parser.add_argument("--duplicates", type=int, default=20, help="second votes sent (20)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (4)")
    args = parser.parse_args()
    if not 0 <= args.duplicates <= args.members:
        parser.error("--duplicates must be between 0 and --members")
    return args


# --- The body, the meeting and the motions --------------------------------------------------


@dataclass
class Setup:
    members: list  # users, in order: member i votes CHOICES[i % 5]
    motions: dict  # ballot kind → motion


def build_meeting(n_members):
    """A body of ``n_members`` voting members, all present at a meeting in session, with an
    open and a secret motion put to the vote by ``open_vote``."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from governance.models import (
        AgendaItem,
        Attendance,
        Body,
        Meeting,
        Membership,
        Motion,
        User,
    )
    from governance.voting import open_vote

    password = make_password(PASSWORD)  # hashed once: all members share the password
    body = Body.objects.create(
        kind="other",
        name_kk="Өнімділік сынағы кеңесі",
        name_en="Benchmark council",
        majority_rule="simple_present",
        abstention_rule="counted",
        quorum_numerator=1,
        quorum_denominator=2,
    )
    members = User.objects.bulk_create(
        User(
            email=f"member{i:03d}@bench.example.kz",
            full_name_kk=f"Мүше {i:03d}",
            full_name_en=f"Member {i:03d}",
            preferred_language="en",
            password=password,
        )
        for i in range(n_members)
    )
    seated = timezone.localdate() - datetime.timedelta(days=30)
    Membership.objects.bulk_create(
        Membership(body=body, person=person, constituency="teacher", term_start=seated)
        for person in members
    )
    meeting = Meeting.objects.create(
        body=body, number=1, starts_at=timezone.now(), status="in_session", language="en"
    )
    Attendance.objects.bulk_create(Attendance(meeting=meeting, person=p) for p in members)
    item = AgendaItem.objects.create(
        meeting=meeting, position=1, title="Benchmark", proposed_by=members[0], status="on_agenda"
    )
    motions = {}
    for ballot in ("open", "secret"):
        motion = Motion.objects.create(
            item=item, text=f"A motion on a {ballot} ballot", ballot=ballot
        )
        motions[ballot] = open_vote(motion)
    return Setup(members, motions)


class Member(Client):
    """A member's browser, which also sends the vote button's htmx request."""

    def vote(self, motion_pk, choice):
        """The htmx POST of the page's vote button; returns the messages in the answer."""
        status, text = self.request(
            "POST",
            f"/en/motions/{motion_pk}/vote/",
            form={"csrfmiddlewaretoken": self.csrf, "choice": choice},
            headers={"HX-Request": "true", "HX-Current-URL": self.origin + self.page},
        )
        return status, [(tag, " ".join(words.split())) for tag, words in MESSAGE.findall(text)]


# --- The bursts -----------------------------------------------------------------------------


@dataclass
class Shot:
    member: int
    choice: str
    outcome: str = ""  # "accepted", "duplicate" or what went wrong
    latency: float = 0.0
    started: float = 0.0
    finished: float = 0.0


@dataclass
class Burst:
    shots: list = field(default_factory=list)

    @property
    def wall(self):
        return max(s.finished for s in self.shots) - min(s.started for s in self.shots)

    def percentile(self, p):
        return percentile([s.latency for s in self.shots], p)

    def count(self, outcome):
        return sum(1 for s in self.shots if s.outcome == outcome)


def classify(status, messages):
    if status != 200:
        return f"HTTP {status}"
    texts = [text for _tag, text in messages]
    if RECORDED in texts:
        return "accepted"
    if ALREADY_VOTED in texts:
        return "duplicate"
    return "; ".join(texts) or "no message"


def fire(clients, motion_pk, shots):
    """Send every shot at the same instant (a barrier releases the threads together)."""
    barrier = threading.Barrier(len(shots))

    def send(shot):
        client = clients[shot.member]
        barrier.wait()
        shot.started = time.perf_counter()
        try:
            status, messages = client.vote(motion_pk, shot.choice)
            shot.outcome = classify(status, messages)
        except OSError as exc:
            shot.outcome = f"{type(exc).__name__}: {exc}"
        shot.finished = time.perf_counter()
        shot.latency = shot.finished - shot.started

    threads = [threading.Thread(target=send, args=(shot,)) for shot in shots]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Burst(shots)


def other_choice(choice):
    return "against" if choice == "for" else "for"


# --- What was counted -----------------------------------------------------------------------


@dataclass
class Tally:
    counted: int
    lost: int
    doubled: int
    receipts: int
    explanation: str


def tally(setup, motion, bursts):
    """Close the vote and compare the count with the answers the members received.

    Each member's expected vote is the choice of their first accepted request. An open ballot is
    checked member by member (a vote stored with another choice counts as lost); a secret one per
    choice (its counters).
    """
    from django.utils import translation

    from governance.models import BallotReceipt, NamedVote
    from governance.voting import close_vote, explain

    expected = {}
    for burst in bursts:
        for shot in burst.shots:
            if shot.outcome == "accepted":
                expected.setdefault(shot.member, shot.choice)
    motion, result = close_vote(motion)
    counted = result.votes_for + result.votes_against + result.votes_abstain
    receipts = BallotReceipt.objects.filter(motion=motion).count()
    if motion.ballot == "open":
        index = {person.pk: i for i, person in enumerate(setup.members)}
        stored = [
            (index[voter], choice)
            for voter, choice in NamedVote.objects.filter(motion=motion).values_list(
                "voter_id", "choice"
            )
        ]
        rows = Counter(member for member, _choice in stored)
        lost = sum(1 for vote in expected.items() if vote not in stored)
        doubled = sum(n - (1 if member in expected else 0) for member, n in rows.items())
    else:
        counters = {
            "for": result.votes_for,
            "against": result.votes_against,
            "abstain": result.votes_abstain,
        }
        wanted = Counter(expected.values())
        lost = sum(max(0, wanted[c] - n) for c, n in counters.items())
        doubled = sum(max(0, n - wanted[c]) for c, n in counters.items())
    with translation.override("en"):
        explanation = explain(motion.item.meeting.body, result)
    return Tally(counted, lost, doubled, receipts, explanation)


# --- The run --------------------------------------------------------------------------------


def report(ballot, members, first, second, result):
    others = Counter(
        s.outcome
        for burst in (first, second)
        for s in burst.shots
        if s.outcome not in ("accepted", "duplicate")
    )
    print(f"\n{ballot.capitalize()} ballot — {members} members")
    print(f"  votes counted            {result.counted} (receipts: {result.receipts})")
    print(f"  lost                     {result.lost}")
    print(f"  doubled                  {result.doubled}")
    print(f"  burst 1 accepted         {first.count('accepted')} of {len(first.shots)}")
    if second.shots:
        print(
            f"  duplicates rejected      {second.count('duplicate')} of {len(second.shots)}"
            f" (accepted: {second.count('accepted')})"
        )
    print(f"  other failures           {sum(others.values())}")
    for outcome, n in others.most_common(5):
        print(f"    {n} × {outcome}")
    for label, burst in (("burst 1", first), ("burst 2", second)):
        if burst.shots:
            slowest = max(s.latency for s in burst.shots)
            print(
                f"  {label:<24} wall {ms(burst.wall)} ({len(burst.shots) / burst.wall:.0f}/s);"
                f" latency p50 {ms(burst.percentile(50))}, p95 {ms(burst.percentile(95))},"
                f" max {ms(slowest)}"
            )
    print(f"  result                   {result.explanation}")


def run(args, port):
    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    setup = build_meeting(args.members)
    elapsed = time.perf_counter() - started
    print(f"Database migrated and {args.members} members seated in {elapsed:.1f} s")

    with serving(port, args.workers):
        print(f"gunicorn on 127.0.0.1:{port} with {args.workers} sync workers")
        clients = [Member(port) for _ in setup.members]
        started = time.perf_counter()
        in_parallel(Member.sign_in, clients, [m.email for m in setup.members])
        print(f"{args.members} members signed in in {time.perf_counter() - started:.1f} s")

        for ballot, motion in setup.motions.items():
            # Each member has the motion's page open: its vote form carries the CSRF token.
            pages = in_parallel(Member.get, clients, [f"/en/motions/{motion.pk}/"] * len(clients))
            if not all(status == 200 and "voting-choice" in text for status, text in pages):
                raise RuntimeError(f"a member does not see the vote buttons ({ballot})")
            first = fire(
                clients,
                motion.pk,
                [Shot(i, CHOICES[i % len(CHOICES)]) for i in range(args.members)],
            )
            second = Burst()
            if args.duplicates:
                second = fire(
                    clients,
                    motion.pk,
                    [
                        Shot(i, other_choice(CHOICES[i % len(CHOICES)]))
                        for i in range(args.duplicates)
                    ],
                )
            report(ballot, args.members, first, second, tally(setup, motion, [first, second]))


def main():
    args = parse_args()
    with bench_environment(MARK, DEFAULT_DATABASE_URL, debug=True):
        run(args, free_port())


if __name__ == "__main__":
    main()
