"""Committee elections for ``manage.py seed_demo`` (seed 000 §2.2).

The School of Law committee gets two open elections of its teacher members, run through
``governance.elections`` so that nominations, marks, counts and seats are genuine: last year's,
closed (two teachers elected for 2025–2026, whose seats are now in the committee's history), and
next year's, with voting open and a few electors' marks in. The committee's demo chair and
teacher member (teacher1) have not voted yet, so they can vote at once.

Candidates are teachers of the school without a seat on the committee now: an elected teacher
gets a second seat on the body, and the governance demo finds seats by body and person.

Idempotent: an election is found by its body and title and, once there, left alone.
"""

import datetime
from typing import NamedTuple

from django.utils import translation

from governance import demo_data as data
from governance.demo_governance import at
from governance.elections import cast, close_election, create_election, nominate, open_voting
from governance.models import Election, User

LAW = next(school for school in data.SCHOOLS if school.code == "LAW")


class Nomination(NamedTuple):
    candidate: str  # key of a person (see ``ElectionSeeder.people``)
    by: str
    statement: str


class DemoElection(NamedTuple):
    title: str
    seats: int
    term_start: datetime.date
    term_end: datetime.date
    created_at: datetime.datetime
    nominations: tuple[Nomination, ...]
    marks: tuple[tuple[str, tuple[int, ...]], ...]  # voter key, positions in ``nominations``
    closed_at: datetime.datetime | None


PAST = DemoElection(
    "Оқытушы мүшелерді сайлау, 2025–2026 оқу жылы",
    2,
    datetime.date(2025, 9, 10),
    datetime.date(2026, 8, 31),
    at(2025, 8, 25, 10),
    (
        Nomination(
            "free_1",
            "free_1",
            "Силлабустардың сапа құжаттарына сәйкестігін тексеруді жүйелі етуге және "
            "студенттердің пікірін комитет жұмысына енгізуге ниеттімін.",
        ),
        Nomination(
            "free_2",
            "chair",
            "Әріптесімізді ұсынамын: академиялық адалдық мәселелерін қарауда тәжірибесі мол.",
        ),
        Nomination(
            "free_3",
            "free_3",
            "Жұмыс берушілермен байланысты күшейтіп, бағдарламаларды дамытуға үлес қосқым келеді.",
        ),
    ),
    (
        ("chair", (0, 1)),
        ("teacher_1", (0, 2)),
        ("teacher_2", (0, 1)),
        ("teacher_3", (1,)),
        ("teacher_4", (0, 1)),
        ("free_4", (2, 0)),
    ),
    at(2025, 9, 8, 17),
)

CURRENT = DemoElection(
    "Оқытушы мүшелерді сайлау, 2027–2028 оқу жылы",
    3,
    datetime.date(2027, 9, 10),
    datetime.date(2028, 8, 31),
    at(2026, 11, 16, 10),
    (
        Nomination(
            "free_3",
            "free_3",
            "Өткен жылы сайланбадым, бірақ бағдарламаларды жұмыс берушілермен бірге дамыту "
            "жоспарым өзгерген жоқ.",
        ),
        Nomination(
            "free_4",
            "free_4",
            "Оқытудың сапасын бағалау нәтижелерін әр оқытушыға түсінікті етіп жеткізуді ұсынамын.",
        ),
        Nomination(
            "free_5",
            "teacher_2",
            "Әріптесімізді ұсынамын: инклюзивті білім беру бойынша өтініштерді қарауға "
            "көмектеседі.",
        ),
        Nomination(
            "free_6",
            "free_6",
            "Ғылыми жұмысты қадағалау мен жас оқытушыларды қолдауға көңіл бөлемін.",
        ),
    ),
    (
        ("teacher_2", (0, 1, 2)),
        ("teacher_3", (1, 3)),
        ("free_1", (0,)),
        ("free_7", (2, 3)),
    ),
    None,
)


class ElectionSeeder:
    """Writes the elections of the School of Law committee after the governance demo."""

    def __init__(self, seeder):
        self.seeder = seeder
        governance = seeder.governance
        self.committee = governance.committees[LAW.code]
        people = governance.people[LAW.code]
        seated = {seat.email for seat in governance.seats[LAW.code]}
        free = [email for email in governance.school_teachers(LAW) if email not in seated]
        emails = {
            key: email
            for key, email in people.items()
            if key in ("chair", "secretary") or key.startswith("teacher_")
        }
        emails.update({f"free_{i}": email for i, email in enumerate(free, 1)})
        users = User.objects.in_bulk(sorted(emails.values()), field_name="email")
        self.people = {key: users[email] for key, email in emails.items()}

    def run(self):
        self.election(PAST)
        self.election(CURRENT)

    def election(self, spec):
        """Create, nominate, open and mark through the rules; close a past election."""
        if Election.objects.filter(body=self.committee, title=spec.title).exists():
            return
        people = self.people
        election = create_election(
            self.committee,
            people["secretary"],
            title=spec.title,
            seats=spec.seats,
            term_start=spec.term_start,
            term_end=spec.term_end,
        )
        Election.objects.filter(pk=election.pk).update(created_at=spec.created_at)
        candidates = [
            nominate(election, people[n.candidate], people[n.by], n.statement)
            for n in spec.nominations
        ]
        open_voting(election)
        for voter, positions in spec.marks:
            cast(election, people[voter], [candidates[i].pk for i in positions])
        created = self.seeder.created
        created["election"] += 1
        created["candidate"] += len(candidates)
        created["electionvote"] += sum(len(positions) for _voter, positions in spec.marks)
        if spec.closed_at:
            with translation.override("kk"):
                election = close_election(election, now=spec.closed_at)
            created["membership"] += election.candidates.filter(elected=True).count()


def seed_elections(seeder):
    """Add the demo elections (after ``GovernanceSeeder.run``); idempotent."""
    ElectionSeeder(seeder).run()
