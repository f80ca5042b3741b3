"""Load test of the portal on loopback with locust (issue 8, "Load"): the semester-end peak of
course evaluations, a council of 100 voting, and the QA dashboard under 20 staff users.

One database, seeded once (``survey_bench.build_survey``, ``vote_bench.build_meeting``):
``--students`` (5 000) students invited to an open 20-question course evaluation, 50 to a
course; a council of ``--members`` (100) voting members present at a meeting in session, with
an open and a secret motion put to the vote; ``--staff`` (20) QA managers. Then gunicorn
(``--workers`` sync workers, default 2 × cores + 1, DEBUG off, static files collected) on
127.0.0.1, and locust users in this process (gevent), on the same cores:

1. **Semester-end peak.** Students arrive signed in: a session as signing in leaves it, made
   in the database, since 5 000 sign-ins with the real password hasher (PBKDF2, 1 000 000
   iterations, about 0.5 s of CPU each) would take longer than the whole run. Every student
   submits exactly once, in two phases over the same 5 000:
   a) **paced**: ``--clients`` (50) concurrent clients, started over ``--ramp`` (10) seconds.
      On each, a student opens My surveys, then the course evaluation, answers and submits
      (the POST, timed on its own as "submission"), then sees the thank-you page; the client
      waits ``--wait`` (1–3 s) between these steps (reading the list, answering the form) and
      before the next student. For ``--duration`` (60) seconds.
   b) **saturation**: the same number of clients in a closed loop: each POSTs the next
      student's answers as soon as the last answer came back (the students have the form
      open), until every remaining student has submitted: the most submissions the server
      takes, as ``survey_bench.py`` measures it.
2. **Council vote.** All members at once (the chair has opened the vote), each signed in as
   at the meeting: opens the open motion, thinks (``--wait``), votes with the page's htmx
   button, sees the live count; then the same on the secret ballot.
3. **QA dashboard.** The staff, started over ``--ramp`` seconds, sign in over HTTP with the
   real password hasher (timed as "sign in"), then reload the QA manager's home dashboard
   with ``--wait`` between loads, for ``--dashboard`` (30) seconds.

Printed for each phase: concurrent users, requests, throughput, p50/p95/p99/max per request,
errors (any answer but 200, a submission that is not redirected to its thank-you page, a vote
not answered "Your vote is recorded."), the arrival rate of students, and the CPU cores
busy: gunicorn, the bench's PostgreSQL backends, the load generator (this process) and other
processes (on a shared machine, other people's work). Then the database is checked: every
accepted submission counted exactly once (receipts, respondents, answered counter), every
vote once (named votes and receipts of the open ballot, counters of the secret one). Last,
the verdict against the targets: zero errors, submission p95 < 150 ms at 50 concurrent
clients on 2 cores.

The database named by ``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/
qa_bench_load``) is created, migrated and dropped again; with ``REDIS_URL`` the server keeps
cache and sessions in Redis. Run it with ``make bench-load`` (see bench/README.md).
"""

import locust  # noqa: F401  # isort: skip (first: it patches the standard library for gevent)

# isort: split
import argparse
import math
import os
import time
from dataclasses import dataclass

import gevent
from harness import PASSWORD, bench_environment, free_port, serving
from load_stats import CpuMeter, Phase, print_phase
from load_users import Member, Staff, Student
from locust.env import Environment
from locust.user.wait_time import between, constant
from survey_bench import build_survey, check_counts, signed_in_sessions
from vote_bench import Burst, build_meeting, tally

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/qa_bench_load"
MARK = "qa-portal load benchmark (bench/load.py); safe to drop"
PER_COURSE = 50
TARGET_P95_MS = 150
TARGET_CLIENTS = 50


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=5000, help="students who submit (5000)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent students (50)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of the paced run (60)")
    parser.add_argument(
        "--dashboard", type=float, default=30, help="seconds of the dashboard run (30)"
    )
    parser.add_argument(
        "--ramp", type=float, default=10, help="seconds over which paced clients start (10)"
    )
    parser.add_argument(
        "--wait",
        type=float,
        nargs=2,
        default=(1.0, 3.0),
        metavar=("MIN", "MAX"),
        help="seconds between a person's page steps (1 3)",
    )
    parser.add_argument("--members", type=int, default=100, help="council members (100)")
    parser.add_argument("--staff", type=int, default=20, help="QA-office staff (20)")
    parser.add_argument(
        "--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn sync workers"
    )
    parser.add_argument(
        "--limit", type=float, default=600, help="seconds at most for the closed loop (600)"
    )
    parser.add_argument(
        "--template",
        help="copy this migrated database instead of migrating an empty one (the test does)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="DEBUG on, static files not collected: quicker to start, not for figures (the test)",
    )
    args = parser.parse_args()
    if min(args.students, args.clients, args.members, args.staff) < 1:
        parser.error("--students, --clients, --members and --staff must be at least 1")
    return args


# --- The people -----------------------------------------------------------------------------


@dataclass
class World:
    survey: object  # survey_bench.Setup
    students: list  # (target pk, session key), in random order
    council: object  # vote_bench.Setup
    members: list  # (member index, session key)
    staff: list  # e-mail addresses


def build_staff(n_staff):
    """``n_staff`` QA managers who sign in with the bench's password (hashed once)."""
    from django.contrib.auth.hashers import make_password

    from governance.models import User
    from governance.roles import Role

    password = make_password(PASSWORD)
    staff = User.objects.bulk_create(
        User(
            email=f"qa{i:02d}@bench.example.kz",
            full_name_kk=f"Сапа қызметкері {i}",
            preferred_language="en",
            password=password,
        )
        for i in range(n_staff)
    )
    for person in staff:
        person.add_role(Role.QA_MANAGER)
    return [person.email for person in staff]


def build_world(args):
    courses = max(1, round(args.students / PER_COURSE))
    survey = build_survey(courses, math.ceil(args.students / courses))
    council = build_meeting(args.members)
    keys = signed_in_sessions(council.members)
    members = [(i, keys[person.pk]) for i, person in enumerate(council.members)]
    return World(
        survey, survey.students[: args.students], council, members, build_staff(args.staff)
    )


# --- A locust run ---------------------------------------------------------------------------


def run_phase(title, user_class, users, port, meter, deadline=math.inf, ramp=0, **attributes):
    """Run ``users`` locust users of ``user_class`` (given ``attributes``), started evenly
    over ``ramp`` seconds (at once if 0), until they have all stopped by themselves; returns
    the Phase measured, ramp included."""
    phase = Phase(title, users)
    environment = Environment(host=f"http://127.0.0.1:{port}")
    environment.events.request.add_listener(phase.on_request)
    environment.events.user_error.add_listener(phase.on_user_error)
    meter.start()
    started = time.monotonic()
    attributes["deadline"] = started + deadline
    environment.user_classes = [type(user_class.__name__, (user_class,), attributes)]
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=min(users / ramp if ramp else users, 100))
    while not (runner.spawning_greenlet.ready() and runner.user_count == 0):
        gevent.sleep(0.05)
    phase.wall = time.monotonic() - started
    phase.cpu = meter.stop()
    runner.quit()
    return phase


def students_line(started, accepted, wall):
    return (
        f"students                 {len(started)} arrived, {len(accepted)} submitted;"
        f" arrival {len(started) / wall:.1f} students/s,"
        f" {len(accepted) / wall:.1f} submissions/s"
    )


def semester_peak(args, world, port, meter):
    """Phases 1a and 1b over the same students, each of whom submits once; the count check."""
    pending = list(world.students)
    accepted, phases = [], []
    a, b = args.wait
    runs = [
        (
            f"1a. Semester-end peak, paced: {a:g}–{b:g} s between page steps, {args.duration:g} s"
            f" ({args.ramp:g} s ramp)",
            {"wait_time": between(a, b), "deadline": args.duration, "ramp": args.ramp},
        ),
        (
            "1b. Semester-end peak, saturation: submissions in a closed loop, no pause",
            {"wait_time": constant(0), "deadline": args.limit, "visit": False},
        ),
    ]
    for title, settings in runs:
        if not pending:
            print(f"\n{title}: no student left")
            continue
        started, done = [], []
        phase = run_phase(
            title,
            Student,
            args.clients,
            port,
            meter,
            **settings,
            students=pending,
            fields=world.survey.fields,
            started=started,
            accepted=done,
        )
        print_phase(phase, [students_line(started, done, phase.wall)])
        accepted += done
        phases.append(phase)
    print(f"\n   Counted ({len(world.students)} students, {len(pending)} left without submitting)")
    lost, doubled = check_counts(world.survey.campaign, len(accepted))
    missing = len(world.students) - len(pending) - len(accepted)
    return phases, lost + doubled, missing


def council_vote(args, world, port, meter):
    """Phase 2 and the check of both ballots; returns the phase and the votes miscounted."""
    shots = {ballot: [] for ballot in world.council.motions}
    phase = run_phase(
        f"2. Council vote: {args.members} members, open and secret ballot",
        Member,
        args.members,
        port,
        meter,
        wait_time=between(*args.wait),
        members=list(world.members),
        motions={ballot: motion.pk for ballot, motion in world.council.motions.items()},
        shots=shots,
    )
    print_phase(phase)
    wrong = 0
    for ballot, motion in world.council.motions.items():
        result = tally(world.council, motion, [Burst(shots[ballot])])
        accepted = sum(1 for shot in shots[ballot] if shot.outcome == "accepted")
        print(
            f"   {ballot} ballot: {accepted} accepted, {result.counted} counted,"
            f" {result.receipts} receipts, lost {result.lost}, doubled {result.doubled};"
            f" {result.explanation}"
        )
        wrong += result.lost + result.doubled + abs(result.receipts - result.counted)
        wrong += args.members - accepted
    return phase, wrong


def qa_dashboard(args, world, port, meter):
    phase = run_phase(
        f"3. QA dashboard: {args.staff} staff, {args.wait[0]:g}–{args.wait[1]:g} s between loads,"
        f" {args.dashboard:g} s ({args.ramp:g} s ramp)",
        Staff,
        args.staff,
        port,
        meter,
        args.dashboard,
        args.ramp,
        wait_time=between(*args.wait),
        emails=list(world.staff),
    )
    print_phase(phase)
    return phase


# --- The verdict ----------------------------------------------------------------------------


def verdict(args, peak, miscounted, others):
    """Zero errors anywhere; submission p95 < 150 ms at 50 concurrent clients (paced run)."""
    errors = sum(phase.error_count for phase in [*peak, *others]) + miscounted
    print("\nVerdict (targets of issue 8)")
    print(f"  zero errors              {'met' if errors == 0 else 'MISSED'}: {errors} errors")
    for phase in peak:
        p95 = phase.p("submission", 95)
        if p95 is None:
            continue
        margin = p95 - TARGET_P95_MS
        outcome = "met" if margin < 0 else f"MISSED by {margin:.0f} ms"
        print(f"  submission p95 < {TARGET_P95_MS} ms   {outcome}: {p95:.0f} ms in {phase.title}")
    if args.clients != TARGET_CLIENTS:
        print(f"  (the target is stated for {TARGET_CLIENTS} clients; this run had {args.clients})")
    return errors


def run(args, port):
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not args.debug:
        call_command("collectstatic", interactive=False, verbosity=0)
    world = build_world(args)
    print(
        f"Seeded in {time.perf_counter() - started:.1f} s: {len(world.students)} students,"
        f" {args.members} council members, {args.staff} QA staff; {os.cpu_count()} cores"
    )
    meter = CpuMeter(settings.DATABASES["default"]["NAME"])
    with serving(port, args.workers):
        debug = "on (not for figures)" if args.debug else "off"
        print(f"gunicorn on 127.0.0.1:{port} with {args.workers} sync workers, DEBUG {debug}")
        peak, miscounted, missing = semester_peak(args, world, port, meter)
        vote, wrong = council_vote(args, world, port, meter)
        dashboard = qa_dashboard(args, world, port, meter)
    return verdict(args, peak, miscounted + missing + wrong, [vote, dashboard])


def main():
    args = parse_args()
    with bench_environment(MARK, DEFAULT_DATABASE_URL, args.debug, args.template):
        errors = run(args, free_port())
    raise SystemExit(1 if errors else 0)


if __name__ == "__main__":
    main()
